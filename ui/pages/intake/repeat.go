package intake

import (
	tea "charm.land/bubbletea/v2"

	"complaintdesk/internal/safetext"
	"complaintdesk/store"
	"complaintdesk/ui/common"
	"complaintdesk/ui/text"
)

// A repeat caller: the history panel lists the caller's earlier cases as
// the phone is typed. While one is still open the agent can open it
// (ctrl+o, the form stays underneath), add the call to it as a note
// instead of registering a duplicate (ctrl+n: this form is dropped and the
// case opens with the note form holding what was typed), or take over the
// name and address the desk already knows (ctrl+t).

// noteInsteadMsg: the form was dropped; the case opens with a note.
type noteInsteadMsg struct {
	g      *gate
	number string
	note   string
}

// openCallerCase is the caller's latest open case (nil when none).
func (m *Model) openCallerCase() *store.Case {
	if m.callers == nil || m.callers.phone != m.wantPhone {
		return nil
	}
	for i := range m.callers.cases {
		if m.callers.cases[i].Open {
			return &m.callers.cases[i]
		}
	}
	return nil
}

// latestCallerCase is the caller's latest case (nil when none).
func (m *Model) latestCallerCase() *store.Case {
	if m.callers == nil || m.callers.phone != m.wantPhone || len(m.callers.cases) == 0 {
		return nil
	}
	return &m.callers.cases[0]
}

func (m *Model) whyNotOpenCase() string {
	switch {
	case m.latestCallerCase() == nil:
		return m.c.T(text.Intake.NoCallerCase)
	case m.openCallerCase() == nil:
		return m.c.T(text.Intake.NoOpenCase)
	}
	return ""
}

func (m *Model) whyNotTakeOver() string {
	switch {
	case m.latestCallerCase() == nil:
		return m.c.T(text.Intake.NoCallerCase)
	case !m.c.Desk.SeesPII(m.c.Actor):
		return m.c.T(text.Intake.NamesMasked)
	}
	return ""
}

// callerKey handles ctrl+o, ctrl+n and ctrl+t; false for any other key.
func (m *Model) callerKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := m.keys
	for _, b := range []struct {
		match bool
		why   func() string
	}{{k.OpenCaller.Matches(msg), m.whyNotOpenCase}, {k.NoteCaller.Matches(msg), m.whyNotOpenCase}, {k.TakeOver.Matches(msg), m.whyNotTakeOver}} {
		if b.match {
			if why := b.why(); why != "" {
				return common.Status(why, true), true
			}
		}
	}
	switch {
	case k.OpenCaller.Matches(msg):
		return common.Cmd(common.OpenCaseMsg{Number: m.openCallerCase().Number}), true
	case k.NoteCaller.Matches(msg):
		return m.noteInstead(m.openCallerCase().Number), true
	case k.TakeOver.Matches(msg):
		before := m.values()
		m.takeOver(m.latestCallerCase())
		return m.changed(before), true
	}
	return nil, false
}

// takeOver fills the name (when none was typed) and the address from the
// caller's case.
func (m *Model) takeOver(cs *store.Case) {
	p := cs.Primary()
	if p.Name != "" && !p.Anonymous && m.inputs[fName].Value() == "" {
		m.inputs[fName].SetValue(safetext.Line(p.Name))
	}
	if p.Address != "" {
		m.address, m.addressFrom = safetext.Line(p.Address), cs.Number
	}
}

// noteInstead drops this form and its draft, then opens the case with a
// note holding what was typed.
func (m *Model) noteInstead(number string) tea.Cmd {
	g, d, ctx, user := m.g, m.c.Desk, m.ctx(), m.c.Actor.Name
	note := m.content.Value()
	if dm := m.value(fDemand); dm != "" {
		note += "\n" + m.c.T(text.Intake.Demand) + m.c.T(text.Common.Colon) + dm
	}
	return func() tea.Msg {
		g.Mu.Lock()
		defer g.Mu.Unlock()
		g.Done = true
		_ = d.DeleteDraft(ctx, user, DraftKey) // what was typed goes into the note (and its draft)
		return noteInsteadMsg{g: g, number: number, note: note}
	}
}

// pastDue says, before saving, that a complaint received long ago has a
// clock (its first response) already overdue ("" when not).
func (m *Model) pastDue() string {
	received, err := m.receivedTime()
	if err != nil || received.IsZero() {
		return ""
	}
	grade := m.sel[fGrade]
	if grade == "" {
		grade = m.sugGrade
	}
	clock, due, ok := m.c.Desk.OverdueOnRegister(m.sel[fChannel], m.sel[fNature], grade, received)
	if !ok || !due.Before(m.now()) {
		return ""
	}
	return m.c.F(text.Intake.PastDue, clock.In(m.c.Lang), due.In(m.c.Loc()).Format(timeLayout))
}
