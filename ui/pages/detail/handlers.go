package detail

import (
	tea "charm.land/bubbletea/v2"

	"complaintdesk/internal/desk"
	"complaintdesk/ui/common"
	"complaintdesk/ui/components"
	"complaintdesk/ui/text"
)

// The handler of an assignment or a transfer is picked from the desk's
// handlers, each shown with their open and overdue cases; never typed, so
// a name is never appended to the old one.

// handlersMsg brings the handlers and their counts to the form it was read for.
type handlersMsg struct {
	page int64
	form *form
	list []desk.HandlerChoice
	err  error
}

// loadHandlers reads the handlers for f when it has a handler field.
func (m *Model) loadHandlers(f *form) tea.Cmd {
	if f == nil || f.field("handler") == nil {
		return nil
	}
	d, ctx, page := m.c.Desk, m.c.Ctx, m.id
	return func() tea.Msg {
		list, err := d.HandlerChoices(ctx)
		return handlersMsg{page: page, form: f, list: list, err: err}
	}
}

func (m *Model) gotHandlers(msg handlersMsg) tea.Cmd {
	if msg.page != m.id || msg.form != m.form || m.form == nil {
		return nil
	}
	fl := m.form.field("handler")
	if fl == nil {
		return nil
	}
	if msg.err != nil {
		fl.err = m.c.ErrorText(msg.err)
		return nil
	}
	cur := ""
	if m.cs != nil {
		cur = m.cs.Handler
	}
	fl.pick.SetOptions(handlerOptions(m.c, msg.list, cur))
	return nil
}

// handlerOptions are the picker's options: the handlers with their
// counts, the case's current handler first.
func handlerOptions(c *common.Common, list []desk.HandlerChoice, current string) []components.PickOption {
	var out []components.PickOption
	if current != "" {
		out = append(out, components.PickOption{ID: current, Label: current, Note: c.T(text.Detail.HandlerCurrent)})
	}
	for _, h := range list {
		note := c.F(text.Detail.HandlerLoad, h.Open, h.Overdue)
		if h.Name == current {
			out[0].Note += c.T(text.Common.ListSep) + note
			continue
		}
		out = append(out, components.PickOption{ID: h.Name, Label: h.Name, Note: note})
	}
	return out
}
