package detail

// Revealing personal data: a role that sees names and phone numbers masked
// but may reveal them (policy reveal_pii) presses p, gives a reason, and
// sees the complainants of this case in full on this page. The desk records
// the reveal in the case's history (who, when, why); desk audit lists it.

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"complaintdesk/internal/safetext"
	"complaintdesk/store"
	"complaintdesk/ui/common"
	"complaintdesk/ui/keys"
	"complaintdesk/ui/text"
)

// revealState is the reveal dialog and what it revealed.
type revealState struct {
	open   bool
	busy   bool
	seq    int
	input  textinput.Model
	err    string
	people map[int64]store.Complainant // revealed, by complainant id
}

type revealedMsg struct {
	page   int64
	seq    int
	people []store.Complainant
	err    error
}

// canReveal: the role sees masked data, may reveal it, and has not yet.
// A role the policy hides the complainant from (a lab tester's blind
// code) never reveals them here (keys.go: whyNoReveal).
func (m *Model) canReveal() bool { return m.whyNoReveal() == "" }

// updateReveal handles the reveal key, the dialog's keys and the desk's
// answer; done is false for messages that are the page's.
func (m *Model) updateReveal(msg tea.Msg) (cmd tea.Cmd, done bool) {
	rv := &m.reveal
	switch msg := msg.(type) {
	case revealedMsg:
		if msg.page != m.id || msg.seq != rv.seq {
			return nil, true
		}
		rv.busy = false
		if msg.err != nil {
			rv.err = m.c.ErrorText(msg.err)
			return nil, true
		}
		rv.open, rv.err = false, ""
		rv.people = map[int64]store.Complainant{}
		for _, p := range msg.people {
			rv.people[p.ID] = p
		}
		return tea.Batch(common.Status(m.c.T(text.Detail.Revealed), false), m.load()), true
	case tea.KeyPressMsg:
		if !rv.open {
			if m.form == nil && m.offer == nil && keys.Detail.Reveal.Matches(msg) && m.canReveal() {
				rv.open, rv.err = true, ""
				rv.input = newRevealInput(m.c)
				return rv.input.Focus(), true
			}
			return nil, false
		}
		switch {
		case keys.DetailReveal.Cancel.Matches(msg):
			rv.open = false
			return nil, true
		case keys.DetailReveal.Confirm.Matches(msg):
			return m.submitReveal(), true
		}
		if rv.busy {
			return nil, true
		}
		var c tea.Cmd
		rv.input, c = rv.input.Update(msg)
		return c, true
	case tea.PasteMsg:
		if rv.open && !rv.busy {
			var c tea.Cmd
			rv.input, c = rv.input.Update(msg)
			return c, true
		}
	}
	return nil, false
}

func newRevealInput(c *common.Common) textinput.Model {
	ti := textinput.New()
	ti.Prompt = "> "
	st := textinput.DefaultStyles(c.Styles.Dark)
	st.Cursor.Blink = false
	ti.SetStyles(st)
	ti.KeyMap.Paste = key.NewBinding() // ctrl+v would read the server's clipboard
	ti.CharLimit = 500
	return ti
}

func (m *Model) submitReveal() tea.Cmd {
	rv := &m.reveal
	if rv.busy || m.cs == nil {
		return nil
	}
	reason := strings.TrimSpace(rv.input.Value())
	if reason == "" {
		rv.err = m.c.T(text.Detail.RevealNoReason)
		return nil
	}
	rv.busy, rv.err = true, ""
	rv.seq++
	seq, page, d, ctx, actor, number := rv.seq, m.id, m.c.Desk, m.c.Ctx, m.c.Actor, m.number
	return func() tea.Msg {
		people, err := d.Reveal(ctx, actor, number, reason)
		return revealedMsg{page: page, seq: seq, people: people, err: err}
	}
}

// revealView is the case's title with the reveal dialog below.
func (m *Model) revealView(w, h int) string {
	c, s := m.c, m.c.Styles
	rv := &m.reveal
	dw := min(w, 80) - 4 // the dialog's border and padding
	rv.input.SetWidth(max(10, dw-4))
	lines := []string{
		s.Title.Render(c.T(text.Detail.RevealTitle)),
		"",
		wrapText(c.T(text.Detail.RevealExplain), dw),
		"",
		rv.input.View(),
	}
	if rv.err != "" {
		lines = append(lines, "", s.Error.Render(wrapText(safetext.Line(rv.err), dw)))
	}
	if rv.busy {
		lines = append(lines, "", s.Muted.Render(c.T(text.Detail.Revealing)))
	}
	lines = append(lines, "", keyLine(c, m.Keys()))
	dialog := s.Dialog.Render(strings.Join(lines, "\n"))
	out := append(m.titleLines(w)[:1], strings.Split(dialog, "\n")...)
	return clip(out, w, h)
}

func wrapText(s string, w int) string {
	return lipgloss.NewStyle().Width(max(1, w)).Render(s)
}

// The complainant as this page shows it: in full once revealed.

func (m *Model) revealed(p store.Complainant) (store.Complainant, bool) {
	r, ok := m.reveal.people[p.ID]
	return r, ok
}

func (m *Model) shownName(p store.Complainant) string {
	if r, ok := m.revealed(p); ok && !p.Anonymous {
		return safetext.Line(r.Name)
	}
	return m.c.Name(p)
}

func (m *Model) shownPhone(p store.Complainant) string {
	if r, ok := m.revealed(p); ok {
		return r.Phone
	}
	return m.c.Phone(p)
}

func (m *Model) shownEmail(p store.Complainant) string {
	if r, ok := m.revealed(p); ok {
		return safetext.Line(r.Email)
	}
	return m.c.Email(p)
}

// showAddress: the address is shown only in full, to those who may see it.
func (m *Model) showAddress(p store.Complainant) bool {
	_, ok := m.revealed(p)
	return !p.Anonymous && (m.c.SeePII() || ok)
}
