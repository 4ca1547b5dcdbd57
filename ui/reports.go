package ui

import (
	tea "charm.land/bubbletea/v2"

	stats "complaintdesk/internal/report"
	"complaintdesk/ui/common"
	"complaintdesk/ui/keys"
	"complaintdesk/ui/pages/dashboard"
	reportpage "complaintdesk/ui/pages/report"
	"complaintdesk/ui/text"
)

// The supervisor's pages: B opens the dashboard (board) and M
// the monthly statistics from the queue, for the roles that may see
// reports (desk.CanReport: supervising roles, quality inspectors,
// administrators). D is the queue's department filter.

func (a *App) canReport() bool { return a.c.Desk != nil && a.c.Desk.CanReport(a.c.Actor) }

// reportKeys are B and M on the queue, with why they do nothing for a
// role that does not see reports.
func (a *App) reportKeys() []keys.Binding {
	why := func() string {
		if a.canReport() {
			return ""
		}
		return a.c.T(text.App.WhyNoReports)
	}
	return []keys.Binding{keys.App.Dashboard.When(why), keys.App.Monthly.When(why)}
}

// reportKey handles B and M on the queue (saying why not, to a role
// that does not see reports).
func (a *App) reportKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if len(a.stack) > 0 {
		return nil, false
	}
	for _, b := range a.reportKeys() {
		if b.Matches(msg) && b.Reason() != "" {
			return common.Status(b.Reason(), true), true
		}
	}
	switch {
	case keys.App.Dashboard.Matches(msg):
		return a.push(dashboard.New(a.c)), true
	case keys.App.Monthly.Matches(msg):
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
