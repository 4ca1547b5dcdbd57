package ui

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"complaintdesk/ui/common"
	"complaintdesk/ui/pages/dashboard"
	reportpage "complaintdesk/ui/pages/report"
	"complaintdesk/ui/uitest"
)

func press(s string) tea.KeyPressMsg { return tea.KeyPressMsg{Code: []rune(s)[0], Text: s} }

// B and M open the dashboard and the monthly report from the queue, for
// the roles that see reports only.
func TestReportKeys(t *testing.T) {
	d, sup := uitest.SupervisorDesk(t)
	a := New(uitest.Common(d, sup, "zh", 120, 40), nil)
	a.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	a.Update(press("B"))
	if _, ok := a.top().(*dashboard.Model); !ok {
		t.Fatalf("B opened %T", a.top())
	}
	// M on the dashboard opens the report (through its message).
	_, cmd := a.Update(press("M"))
	if cmd == nil {
		t.Fatal("M on the dashboard did nothing")
	}
	a.Update(cmd())
	if _, ok := a.top().(*reportpage.Model); !ok {
		t.Fatalf("M opened %T", a.top())
	}
	for len(a.stack) > 0 {
		a.Update(common.BackMsg{})
	}
	a.Update(press("M"))
	if _, ok := a.top().(*reportpage.Model); !ok {
		t.Fatalf("M on the queue opened %T", a.top())
	}

	// An agent's B and M are the queue's (nothing opens).
	d2, agent := uitest.Desk(t)
	b := New(uitest.Common(d2, agent, "zh", 120, 40), nil)
	b.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	b.Update(press("B"))
	b.Update(press("M"))
	if len(b.stack) != 0 {
		t.Errorf("an agent opened %T", b.top())
	}
}
