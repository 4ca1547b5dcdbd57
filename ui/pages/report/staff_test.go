package report

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"complaintdesk/internal/desk"
	stats "complaintdesk/internal/report"
	"complaintdesk/store"
	"complaintdesk/store/sqlite"
	"complaintdesk/ui/uitest"
)

// The after-sales desk's October on the monthly page: the per-department
// and per-handler tables at the end, fitted to 80 columns.
func TestStaffTablesOnTheMonthlyPage(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "desk.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	d, err := desk.Open(ctx, db, desk.Options{Preset: "aftersales"})
	if err != nil {
		t.Fatal(err)
	}
	cs, zhang, mgr := desk.Actor{Name: "小王", Role: "cs"}, desk.Actor{Name: "张工", Role: "handler"}, desk.Actor{Name: "刘经理", Role: "manager"}
	for _, a := range []desk.Actor{cs, zhang, mgr} {
		if err := d.AddUser(ctx, store.User{Name: a.Name, Role: a.Role}); err != nil {
			t.Fatal(err)
		}
	}
	// Each step is taken when it happens: the clock moves with it.
	when := func(s string) time.Time {
		at, err := time.ParseInLocation("2006-01-02 15:04", s, uitest.Now.Location())
		if err != nil {
			t.Fatal(err)
		}
		d.Now = func() time.Time { return at }
		return at
	}
	c, _, err := d.Register(ctx, cs, desk.Registration{Category: "product.defect", Name: "赵六", Phone: "13812345678",
		Content: "洗衣机脱水时异响", ReceivedAt: when("2026-10-12 10:00")})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []struct {
		at   string
		who  desk.Actor
		step string
		fill func(*desk.Action)
	}{
		{"2026-10-12 11:00", cs, "contact", func(a *desk.Action) { a.ContactKind, a.ContactOutcome = "letter", "sent" }},
		{"2026-10-13 09:00", zhang, "assign", func(a *desk.Action) { a.Handler = "张工" }},
		{"2026-10-13 10:00", zhang, "verify", func(a *desk.Action) { a.ComplainantVerified, a.ItemVerified, a.ItemProduct = true, true, "XQB80" }},
		{"2026-10-14 10:00", zhang, "resolve", func(a *desk.Action) { a.Resolution = "上门更换轴承" }},
	} {
		act := desk.Action{Number: c.Number, Name: s.step, At: when(s.at)}
		s.fill(&act)
		if _, err := d.Apply(ctx, s.who, act); err != nil {
			t.Fatalf("%s: %v", s.step, err)
		}
	}
	d.Now = func() time.Time { return uitest.Now }

	m := New(uitest.Common(d, mgr, "zh", 80, 24), stats.Month{})
	m.SetSize(80, 21)
	run(m, m.Init())
	press(m, "G")
	view := ansi.Strip(m.View())
	uitest.Fits(t, view, 80, 21)
	for _, want := range []string{"按处理人：时效", "张工", "受理回执", "100.0%"} {
		if !strings.Contains(view, want) {
			t.Errorf("the end of the page lacks %q:\n%s", want, view)
		}
	}
	all := strings.Join(m.lines, "\n")
	for _, want := range []string{"按责任部门", "产品质量部", "按处理人"} {
		if !strings.Contains(ansi.Strip(all), want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}
