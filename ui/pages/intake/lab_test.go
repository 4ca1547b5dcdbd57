package intake

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"complaintdesk/internal/desk"
	"complaintdesk/store"
	"complaintdesk/store/sqlite"
	"complaintdesk/ui/common"
	"complaintdesk/ui/styles"
)

var reception = desk.Actor{Name: "王芳", Role: "lab-reception"}

func labSetup(t *testing.T) (*common.Common, *desk.Desk) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "lab.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	d, err := desk.Open(ctx, db, desk.Options{Preset: "lab"})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.AddUser(ctx, store.User{Name: reception.Name, Role: reception.Role}); err != nil {
		t.Fatal(err)
	}
	c := &common.Common{Ctx: ctx, Desk: d, Actor: reception, Lang: "zh", Styles: styles.New(true, false),
		Width: 120, Height: 40, Now: time.Now()}
	return c, d
}

// The appeal's fields are asked after its nature, required ones marked;
// the form says when the appeal window ends and whether the appeal is
// late; the fields are kept in the draft and registered with the case.
func TestLabAppealFieldsOnTheIntakeForm(t *testing.T) {
	c, d := labSetup(t)
	m := New(c, "")
	m.SetSize(120, 40)
	v := view(m)
	for _, want := range []string{"检测报告编号*", "报告接收日期*", "样品名称/编号", "申诉理由及依据*", "例如 R2026-0101"} {
		if !strings.Contains(v, want) {
			t.Errorf("the form lacks %q:\n%s", want, v)
		}
	}
	focusField(t, m, fPhone)
	typeText(m, "13912345678")
	focusField(t, m, fName)
	typeText(m, "赵六")
	focusField(t, m, fContent)
	typeText(m, "对铅含量结论有异议")
	focusField(t, m, fFields)
	if m.extra.at != 0 || !m.Capturing() {
		t.Fatalf("the fields' focus: at %d", m.extra.at)
	}
	typeText(m, "R2026-0101")
	press(m, "tab")
	late := time.Now().In(c.Loc()).AddDate(0, 0, -20).Format("2006-01-02")
	typeText(m, late)
	if text, late := m.lateNote(); !late || !strings.Contains(text, "已逾期") || !strings.Contains(text, "质量负责人") || !strings.Contains(view(m), "已逾期") {
		t.Errorf("a late appeal is not said to be late: %q\n%s", text, view(m))
	}
	recent := time.Now().In(c.Loc()).AddDate(0, 0, -2).Format("2006-01-02")
	for range len(late) {
		m.Update(tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
	typeText(m, recent)
	if v := view(m); !strings.Contains(v, "未逾期") {
		t.Errorf("an appeal in time:\n%s", v)
	}
	// Saved without the grounds: the problem is beside the field.
	msgs := drain(t, m, press(m, "ctrl+s"))
	if v := view(m); !strings.Contains(v, "请填写申诉理由及依据") || m.focus != fFields || m.extra.at != 3 {
		t.Fatalf("no grounds: focus %v at %d msgs %v\n%s", m.focus, m.extra.at, msgs, v)
	}
	typeText(m, "第三方检测合格")
	// The draft keeps the fields.
	if d := m.draft(); d.Fields["report"] != "R2026-0101" || d.Fields["grounds"] != "第三方检测合格" {
		t.Errorf("draft fields %v", d.Fields)
	}
	resumed := New(c, m.draftJSON())
	if got := resumed.extraValues(); got["report_received"] != recent {
		t.Errorf("the resumed draft lost the fields: %v", got)
	}
	var number string
	for _, msg := range drain(t, m, press(m, "ctrl+s")) {
		if s, ok := msg.(common.SavedMsg); ok {
			number = s.Number
		}
	}
	if number == "" {
		t.Fatalf("not saved:\n%s", view(m))
	}
	cs, _, err := d.Case(context.Background(), desk.System, number)
	if err != nil {
		t.Fatal(err)
	}
	if cs.Nature != "appeal" || cs.Fields["report"] != "R2026-0101" || !strings.HasPrefix(cs.Fields["report_received"], recent) || cs.Fields["grounds"] != "第三方检测合格" {
		t.Errorf("registered %s %v", cs.Nature, cs.Fields)
	}
	// A general complaint asks for none of them.
	m2 := New(c, "")
	m2.SetSize(120, 40)
	focusField(t, m2, fNature)
	press(m2, "right")
	if v := view(m2); strings.Contains(v, "检测报告编号") {
		t.Errorf("a complaint asks for the report:\n%s", v)
	}
	focusField(t, m2, fCategory)
	if m2.focus != fCategory {
		t.Error("tab did not skip the empty fields")
	}
}
