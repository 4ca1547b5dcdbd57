package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"complaintdesk/store"
	"complaintdesk/ui/pages/alerts"
	"complaintdesk/ui/uitest"
)

// The dashboard's figures open their lists in the queue: x the overdue
// cases, t those due today, u the unassigned, o every case.
func TestDashboardFiguresOpenTheirLists(t *testing.T) {
	d, sup := uitest.SupervisorDesk(t)
	a := openApp(t, d, sup, "zh", 120, 40)
	for _, tc := range []struct {
		key string
		tab store.Tab
	}{{"x", store.TabOverdue}, {"t", store.TabDueToday}, {"u", store.TabUnassigned}, {"o", store.TabAll}, {"a", store.TabApprovals}} {
		hit(a, "B")
		if !strings.Contains(screen(a), "x 已超时") {
			t.Fatalf("the dashboard does not show the figure's key:\n%s", screen(a))
		}
		hit(a, tc.key)
		if len(a.stack) != 0 || a.queue.Tab() != tc.tab {
			t.Fatalf("%s: stack %d, queue tab %v, want %v", tc.key, len(a.stack), a.queue.Tab(), tc.tab)
		}
	}
}

// A opens the list behind the warning line from any page; q goes back.
func TestAlertsListFromAnyPage(t *testing.T) {
	d, sup := uitest.SupervisorDesk(t)
	a := openApp(t, d, sup, "zh", 80, 24)
	for _, open := range []string{"", "B", "enter"} {
		if open != "" {
			hit(a, open)
		}
		depth := len(a.stack)
		hit(a, "A")
		if _, ok := a.top().(*alerts.Model); !ok || !strings.Contains(screen(a), "危机、升级、超时与预警") {
			t.Fatalf("A after %q did not open the list:\n%s", open, screen(a))
		}
		hit(a, "q")
		if len(a.stack) != depth {
			t.Fatalf("q on the list: %d pages, want %d", len(a.stack), depth)
		}
		for len(a.stack) > 0 {
			hit(a, "esc")
		}
	}
}

// At 80 columns the warning line keeps crises and escalations whole (with
// their first case) and, having shortened the rest to counts, says which
// key lists everything.
func TestAlertLineKeepsCrisesAndPointsToTheList(t *testing.T) {
	d, sup := uitest.AlarmedDesk(t)
	for _, w := range []int{80, 120} {
		a := openApp(t, d, sup, "zh", w, 24)
		uitest.Run(a.loadAlerts(), func(m tea.Msg) tea.Cmd { _, c := a.Update(m); return c })
		line := ansi.Strip(a.alertLine())
		crisis, esc := strings.Index(line, "危机 1：TS"), strings.Index(line, "升级 2：TS")
		if crisis < 0 || esc < crisis || strings.Contains(line, "~") {
			t.Errorf("%d columns: crises and escalations not first and whole: %q", w, line)
		}
		if w == 80 && !strings.Contains(line, "A 查看全部") {
			t.Errorf("80 columns: the shortened line does not point to the list: %q", line)
		}
		if ansi.StringWidth(line) > w {
			t.Errorf("%d columns: the line is %d wide", w, ansi.StringWidth(line))
		}
	}
}
