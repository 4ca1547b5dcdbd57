package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	stats "complaintdesk/internal/report"
	"complaintdesk/ui/pages/dashboard"
	reportpage "complaintdesk/ui/pages/report"
)

// The supervisor's pages (issue 6): B opens the dashboard (board) and M
// the monthly statistics from the queue, for the roles that may see
// reports (desk.CanReport: supervising roles, quality inspectors,
// administrators). D is the queue's department filter.

func (a *App) canReport() bool { return a.c.Desk != nil && a.c.Desk.CanReport(a.c.Actor) }

func (a *App) reportKeys() []key.Binding {
	return []key.Binding{
		key.NewBinding(key.WithKeys("B"), key.WithHelp("B", a.c.Tr("仪表盘", "dashboard"))),
		key.NewBinding(key.WithKeys("M"), key.WithHelp("M", a.c.Tr("月度统计", "monthly report"))),
	}
}

// reportKey handles B and M on the queue.
func (a *App) reportKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if len(a.stack) > 0 || !a.canReport() {
		return nil, false
	}
	switch msg.String() {
	case "B":
		return a.push(dashboard.New(a.c)), true
	case "M":
		return a.push(reportpage.New(a.c, stats.Month{})), true
	}
	return nil, false
}

// reportMsg opens the report page from the dashboard.
func (a *App) reportMsg(msg tea.Msg) (tea.Cmd, bool) {
	if m, ok := msg.(reportpage.OpenMsg); ok && a.canReport() {
		return a.push(reportpage.New(a.c, m.Month)), true
	}
	return nil, false
}

// reportHelp is the help group of B and M on the queue.
func (a *App) reportHelp() [][]key.Binding {
	if len(a.stack) > 0 || !a.canReport() {
		return nil
	}
	return [][]key.Binding{a.reportKeys()}
}
