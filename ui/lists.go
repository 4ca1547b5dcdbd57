package ui

import (
	tea "charm.land/bubbletea/v2"

	"complaintdesk/store"
	"complaintdesk/ui/common"
	"complaintdesk/ui/text"
)

// showTab goes back to the queue and shows its list t (a dashboard
// figure's). The queue moves to it the way a user does, tab by tab, so its
// own order of tabs (which differs by role) decides.
func (a *App) showTab(t store.Tab) tea.Cmd {
	a.stack = nil
	var cmds []tea.Cmd
	for range 12 { // more than the queue has tabs
		if a.queue.Tab() == t {
			return tea.Batch(cmds...)
		}
		_, cmd := a.queue.Update(tea.KeyPressMsg{Code: tea.KeyTab})
		cmds = append(cmds, cmd)
	}
	return tea.Batch(append(cmds, common.Status(a.c.T(text.App.NoSuchList), true))...)
}
