// Package alerts is the list behind the warning line (A from any page):
// the crises, the cases escalated to the user's level, the breaches and
// the warnings, in that order, each with its live countdown; enter opens
// a case. It reads what the warning line reads (desk.Alerts), with room
// for more cases.
package alerts

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/safetext"
	"complaintdesk/store"
	"complaintdesk/ui/common"
	"complaintdesk/ui/components"
	"complaintdesk/ui/keys"
	"complaintdesk/ui/text"
)

// listLimit is how many cases of each kind are listed.
const listLimit = 50

// Model is the alerts page.
type Model struct {
	c             *common.Common
	width, height int
	reqs          common.Requests
	data          *desk.Alerts
	err           error
	sel           int
	top           int
}

var _ common.Page = (*Model)(nil)

// New makes the page; Init reads it.
func New(c *common.Common) *Model { return &Model{c: c, width: c.Width, height: c.Height} }

type loadedMsg struct {
	data desk.Alerts
	err  error
}

// Init reads the list.
func (m *Model) Init() tea.Cmd { return m.load() }

func (m *Model) load() tea.Cmd {
	d, ctx, actor, now := m.c.Desk, m.c.Ctx, m.c.Actor, m.c.Now
	return m.reqs.Ask(func() tea.Msg {
		al, err := d.Alerts(ctx, actor, now, listLimit)
		return loadedMsg{data: al, err: err}
	})
}

// SetSize gives the page its area.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

// Capturing: the page takes no text.
func (m *Model) Capturing() bool { return false }

// row is one line of the list: a heading (kind set, no case) or a case.
type row struct {
	head   string
	kind   func(...string) string
	cs     *store.Case
	breach bool
}

// rows are the headings and cases in order of weight.
func (m *Model) rows() []row {
	if m.data == nil {
		return nil
	}
	c, s, al := m.c, m.c.Styles, m.data
	var out []row
	add := func(line desk.AlertLine, head text.T, style func(...string) string, breach bool) {
		if line.Count == 0 {
			return
		}
		out = append(out, row{head: head.F(c.Lang, fmt.Sprint(line.Count)), kind: style})
		for i := range line.Cases {
			out = append(out, row{cs: &line.Cases[i], kind: style, breach: breach})
		}
	}
	add(al.Crisis, text.Alerts.CrisisShort, s.Breach.Render, false)
	add(al.Escalated, text.Alerts.EscalatedShort, s.Warn.Render, false)
	add(al.Breach, text.Alerts.BreachShort, s.Breach.Render, true)
	add(al.Warn, text.Alerts.WarnShort, s.Warn.Render, false)
	return out
}

// cases are the indexes of the rows that are cases (what ↑/↓ move over).
func (m *Model) cases() []int {
	var out []int
	for i, r := range m.rows() {
		if r.cs != nil {
			out = append(out, i)
		}
	}
	return out
}

// Update handles keys and the list read.
func (m *Model) Update(msg tea.Msg) (common.Page, tea.Cmd) {
	switch msg := msg.(type) {
	case common.Answer:
		got, ok := m.reqs.Latest(msg)
		lm, isList := got.(loadedMsg)
		if !ok || !isList {
			return m, nil
		}
		m.err = lm.err
		if lm.err == nil {
			m.data = &lm.data
			m.sel = min(m.sel, max(0, len(m.cases())-1))
		}
	case common.DataChangedMsg:
		return m, m.load()
	case tea.KeyPressMsg:
		k := keys.AlertsList
		n := len(m.cases())
		switch {
		case keys.App.Back.Matches(msg):
			return m, common.Cmd(common.BackMsg{})
		case k.Up.Matches(msg):
			m.sel = max(0, m.sel-1)
		case k.Down.Matches(msg):
			m.sel = min(max(0, n-1), m.sel+1)
		case k.Refresh.Matches(msg):
			return m, m.load()
		case k.Open.Matches(msg):
			if why := m.whyNoCase(); why != "" {
				return m, common.Status(why, true)
			}
			return m, common.Cmd(common.OpenCaseMsg{Number: m.rows()[m.cases()[m.sel]].cs.Number})
		}
	}
	return m, nil
}

func (m *Model) whyNoCase() string {
	if len(m.cases()) == 0 {
		return m.c.T(text.Alerts.ListNone)
	}
	return ""
}

// Keys are the page's keys.
func (m *Model) Keys() []keys.Binding {
	k := keys.AlertsList
	return []keys.Binding{k.Up, k.Down, k.Open.When(m.whyNoCase), k.Refresh}
}

// ShortKeys are the footer's keys.
func (m *Model) ShortKeys() []keys.Binding { return m.Keys() }

// View draws the list; the countdowns move with the clock.
func (m *Model) View() string {
	c, s := m.c, m.c.Styles
	w, h := max(m.width, 20), max(m.height, 3)
	out := []string{s.Title.Render(components.Fit(" "+c.T(text.Alerts.ListTitle), w))}
	switch {
	case m.err != nil:
		out = append(out, s.Error.Render(components.Fit(" "+safetext.Line(c.ErrorText(m.err)), w)))
		return strings.Join(out, "\n")
	case m.data == nil:
		out = append(out, s.Muted.Render(" "+c.T(text.Common.Loading)))
		return strings.Join(out, "\n")
	}
	rows := m.rows()
	if len(rows) == 0 {
		out = append(out, s.OK.Render(" "+c.T(text.Alerts.ListNone)))
		return strings.Join(out, "\n")
	}
	selRow := -1
	if cs := m.cases(); m.sel < len(cs) {
		selRow = cs[m.sel]
	}
	room := h - 1
	if selRow >= m.top+room {
		m.top = selRow - room + 1
	}
	if selRow >= 0 && selRow < m.top {
		m.top = max(0, selRow-1) // the heading above the first case stays in view
	}
	cdW := ansi.StringWidth(c.F(text.Common.Overdue, "30d 10h"))
	for i := m.top; i < len(rows) && len(out) < h; i++ {
		r := rows[i]
		if r.cs == nil {
			out = append(out, r.kind(components.Fit(" "+r.head, w)))
			continue
		}
		cs := r.cs
		clock := cs.NextClock
		if pc := c.Policy().Clock(cs.NextClock); pc != nil {
			clock = pc.In(c.Lang)
		}
		left, level := c.Countdown(cs.NextDue, cs.NextDueStart)
		cd := components.FitRight(left, cdW)
		if level == components.LevelBreach || r.breach {
			cd = s.Breach.Render(cd)
		}
		handler := cs.Handler
		if handler == "" {
			handler = c.T(text.Dashboard.Unassigned)
		}
		rest := max(0, w-3-16-cdW-1)
		line := "   " + components.Fit(cs.Number, 16) + cd + " " + components.Fit(safetext.Line(clock)+"  "+safetext.Line(handler), rest)
		if i == selRow {
			line = s.Selected.Render(components.Fit(" >"+line[2:], w))
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}
