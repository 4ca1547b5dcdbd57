package queue

// The 26-query attack through the queue's / search (issue 13): qa sees
// phones masked (138****9342); typing fragments of the number or of the
// name never shows the case, typing the whole number shows it masked and
// leaves an audited look-up.

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/desk/desktest"
	"complaintdesk/ui/uitest"
)

func TestMaskedSearchAttackFindsNothing(t *testing.T) {
	const phone, masked, name = "13812349342", "138****9342", "欧阳娜娜"
	d, agent := uitest.Desk(t)
	now := uitest.Now
	target := uitest.Register(t, d, agent, desk.Registration{Name: name, Phone: "138 1234 9342", Grade: "C",
		Content: "电热水器漏水，把楼下邻居家的天花板泡坏了", ReceivedAt: now.Add(-2 * time.Hour)}).Number
	byContent := uitest.Register(t, d, agent, desk.Registration{Name: "张三", Phone: "13900001111", Grade: "C",
		Content: "订单 49342 的退款还没到账，客服说娜娜会回电", ReceivedAt: now.Add(-3 * time.Hour)}).Number
	sameSuffix := uitest.Register(t, d, agent, desk.Registration{Name: "李四", Phone: "13700009342", Grade: "C",
		Content: "客服态度差", ReceivedAt: now.Add(-4 * time.Hour)}).Number

	qa := desk.Actor{Name: "qa1", Role: "qa"}
	seen := map[string]string{}
	for _, n := range []string{target, byContent, sameSuffix} {
		v, err := d.CaseView(context.Background(), qa, n)
		if err != nil {
			t.Fatal(err)
		}
		p := v.Case.Primary()
		seen[n] = strings.Join([]string{n, v.Case.Content, v.Case.Demand, v.Case.Subject, p.Name, p.Phone, p.Org}, "\n")
	}
	c := uitest.Common(d, qa, "zh", 120, 40)
	m := New(c)
	m.SetSize(120, 37)
	run(m, m.Init())
	// search types q and presses enter, which searches at once (the delay
	// after each key is not waited for), and returns the rows shown,
	// without the line echoing what was typed.
	search := func(q string) string {
		t.Helper()
		press(m, "/")
		// Each key then schedules its search after a pause (dropped here):
		// a slow machine's last search cost would make the pause zero and
		// each key search at once, its answer dropped with it.
		m.searchCost = 0
		for _, r := range q {
			m.Update(tea.KeyPressMsg{Code: r, Text: string(r)}) // each key's delayed search is dropped
		}
		press(m, "enter")
		if m.filter.Search != q {
			t.Fatalf("typing %q searched %q", q, m.filter.Search)
		}
		var rows []string
		for _, l := range strings.Split(ansi.Strip(m.View()), "\n") {
			if !strings.Contains(l, "/ "+q) {
				rows = append(rows, l)
			}
		}
		press(m, "/", "esc") // clears the filter
		if m.filter.Search != "" {
			t.Fatalf("esc left the filter %q", m.filter.Search)
		}
		return strings.Join(rows, "\n")
	}
	lookups := func() int {
		t.Helper()
		all, err := d.Audit(context.Background(), desk.Actor{Name: "admin", Role: "admin"}, desk.AuditFilter{Number: target})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, e := range all {
			if e.Action == desk.LookupAction {
				n++
				if e.Actor != qa.Name || e.After["value"] != masked {
					t.Errorf("look-up audited as %+v", e.Event)
				}
			}
		}
		return n
	}

	attack := append(desktest.PhoneAttack(phone), desktest.NameAttack(name)...)
	foundByContent := false
	for _, q := range attack {
		view := search(q)
		for _, n := range []string{target, byContent, sameSuffix} {
			if !strings.Contains(view, n) {
				continue
			}
			if n == target || !desktest.Visible(seen[n], q) {
				t.Errorf("qa's / %q shows %s, whose visible text does not hold it:\n%s", q, n, view)
			}
			foundByContent = foundByContent || n == byContent
		}
		if strings.Contains(view, phone) || strings.Contains(view, name) {
			t.Fatalf("the queue shows qa the personal data:\n%s", view)
		}
	}
	if !foundByContent {
		t.Error("no fragment showed the case whose content holds it")
	}
	if n := lookups(); n != 0 {
		t.Errorf("fragments typed into / left %d look-ups", n)
	}

	// The attack ran into the hourly limit on look-ups by whole values; a
	// colleague who has not searched today looks the caller up by the
	// whole number: it shows the case, masked, and is audited.
	qa = desk.Actor{Name: "qa2", Role: "qa"}
	m = New(uitest.Common(d, qa, "zh", 120, 40))
	m.SetSize(120, 37)
	run(m, m.Init())
	view := search(phone)
	if !strings.Contains(view, target) || strings.Contains(view, sameSuffix) || !strings.Contains(view, masked) || strings.Contains(view, phone) {
		t.Errorf("qa's / by the whole number:\n%s", view)
	}
	if n := lookups(); n < 1 {
		t.Error("the whole-number look-up through / is not audited")
	}
}
