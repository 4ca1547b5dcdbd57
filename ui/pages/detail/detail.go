// Package detail is the case detail page: the header with every clock live,
// the complainant, the content and the history, and the actions of the
// case's life cycle, each a small form written as one event.
package detail

import (
	"errors"
	"sync/atomic"

	tea "charm.land/bubbletea/v2"

	"complaintdesk/internal/deadline"
	"complaintdesk/internal/desk"
	"complaintdesk/internal/safetext"
	"complaintdesk/store"
	"complaintdesk/ui/common"
	"complaintdesk/ui/components"
	"complaintdesk/ui/keys"
	"complaintdesk/ui/text"
)

// pageIDs tell apart the answers meant for different detail pages.
var pageIDs atomic.Int64

// Model is the detail page of one case.
type Model struct {
	c      *common.Common
	number string
	id     int64

	width, height int

	// What the last load read; View draws only from these.
	loadSeq   int // last load asked for
	loadedSeq int // last load applied
	loadErr   error
	cs        *store.Case
	events    []store.Event
	clocks    []deadline.Clock

	// The scrolling part (content and history), built for bodyW and bodyLang.
	body     []string
	bodyW    int
	bodyLang string
	bodyH    int // lines of the scrolling part at the last draw
	offset   int

	form *form
	// refreshForm: the next load moves the open form to the loaded version (ctrl+r).
	refreshForm bool
	submitSeq   int

	reveal revealState // reveal.go

	rel desk.Related    // linked cases and the caller's other cases
	sug desk.Suggestion // what the grading rules make of the case now

	// offer is a form's draft kept on this case, asked about when the case
	// is opened (draft.go); draftAsked: the first load read it.
	offer      *offer
	draftAsked bool
	// note opens the note form holding it once the case is loaded (a
	// repeat caller's call, from the intake form).
	note string
}

var _ common.Page = (*Model)(nil)

// New makes the detail page of case number; Init loads it.
func New(c *common.Common, number string) *Model {
	return &Model{c: c, number: number, id: pageIDs.Add(1), width: c.Width, height: c.Height}
}

// WithNote makes the page open its note form holding note once the case
// is loaded ("" for none).
func (m *Model) WithNote(note string) *Model {
	m.note = note
	return m
}

// Number is the case the page shows.
func (m *Model) Number() string { return m.number }

type loadedMsg struct {
	page   int64
	seq    int
	cs     *store.Case
	events []store.Event
	clocks []deadline.Clock
	rel    desk.Related
	sug    desk.Suggestion
	draft  *store.Draft // a form's kept draft (read on the first load only)
	asked  bool         // the draft was looked for
	err    error
}

type appliedMsg struct {
	page   int64
	seq    int
	action string
	err    error
}

// Init loads the case.
func (m *Model) Init() tea.Cmd { return m.load() }

// load reads the case, its history and its clocks off the UI loop.
func (m *Model) load() tea.Cmd {
	m.loadSeq++
	seq, d, ctx, number, page := m.loadSeq, m.c.Desk, m.c.Ctx, m.number, m.id
	actor, askDraft := m.c.Actor, !m.draftAsked
	return func() tea.Msg {
		v, err := d.CaseView(ctx, actor, number) // as this user may see it
		if err != nil {
			return loadedMsg{page: page, seq: seq, err: err}
		}
		_ = d.ReadNotices(ctx, actor, v.Case.ID) // opening the case reads its notices
		msg := loadedMsg{page: page, seq: seq, cs: v.Case, events: v.Events, clocks: v.Clocks, rel: v.Related, sug: v.Suggestion, asked: askDraft}
		if askDraft {
			msg.draft, _ = d.Draft(ctx, actor.Name, draftKey(number)) // none: store.ErrNotFound
		}
		return msg
	}
}

// SetSize gives the page its area.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = width, height
	m.body = nil
}

// Capturing is true while an action form is open: every key goes to it.
func (m *Model) Capturing() bool { return m.form != nil || m.reveal.open || m.offer != nil }

// Update handles keys, the clock tick, data changes and the desk's answers.
func (m *Model) Update(msg tea.Msg) (common.Page, tea.Cmd) {
	if cmd, done := m.updateReveal(msg); done {
		return m, cmd
	}
	switch msg := msg.(type) {
	case loadedMsg:
		return m, m.loaded(msg)
	case appliedMsg:
		return m, m.applied(msg)
	case handlersMsg:
		return m, m.gotHandlers(msg)
	case draftTickMsg:
		return m, m.writeDraft(msg)
	case draftSavedMsg:
		m.draftSaved(msg)
		return m, nil
	case draftDoneMsg:
		if msg.page != m.id {
			return m, nil
		}
		if msg.err != nil {
			return m, common.Status(m.c.F(text.Detail.DraftNotKept, m.c.ErrorText(msg.err)), true)
		}
		return m, common.Status(m.c.T(text.Detail.DraftDropped), false)
	case common.TickMsg:
		// c.Now moved: the countdowns redraw from it; nothing to read.
		return m, nil
	case common.DataChangedMsg:
		return m, m.load()
	case tea.MouseWheelMsg:
		if m.form == nil {
			switch msg.Mouse().Button {
			case tea.MouseWheelUp:
				m.scroll(-3)
			case tea.MouseWheelDown:
				m.scroll(3)
			}
		}
		return m, nil
	case tea.KeyPressMsg:
		if m.offer != nil {
			return m, m.offerKey(msg)
		}
		if m.form != nil {
			cmd := m.formKey(msg)
			m.followTemplate()
			return m, tea.Batch(cmd, m.formChanged())
		}
		return m, m.pageKey(msg)
	}
	if m.form != nil {
		// pastes and the inputs' own messages
		cmd := m.form.update(msg)
		m.followTemplate()
		return m, tea.Batch(cmd, m.formChanged())
	}
	return m, nil
}

func (m *Model) loaded(msg loadedMsg) tea.Cmd {
	if msg.page != m.id || msg.seq < m.loadedSeq {
		return nil
	}
	m.loadedSeq = msg.seq
	c := m.c
	if msg.err != nil {
		m.loadErr = msg.err
		m.refreshForm = false
		if m.cs != nil {
			return common.Status(c.F(text.Detail.ReloadFailed, m.number, c.ErrorText(msg.err)), true)
		}
		return nil
	}
	m.loadErr = nil
	if msg.asked && !m.draftAsked {
		m.draftAsked = true
		if fd, ok := readDraft(msg.draft); ok && m.form == nil && m.note == "" {
			m.offer = &offer{d: msg.draft, draft: fd}
		}
	}
	m.cs, m.events, m.clocks = msg.cs, msg.events, msg.clocks
	m.rel, m.sug = msg.rel, msg.sug
	m.body = nil
	if f := m.form; f != nil {
		switch {
		case m.refreshForm:
			f.version = m.cs.Version
			f.conflict, f.general, f.notice = false, nil, ""
			if why := whyNot(c, f.action, m.cs); why != "" {
				f.notice = why
			} else {
				f.notice = c.T(text.Detail.Reloaded)
			}
		case m.cs.Version != f.version && !f.conflict && !f.busy:
			// While the form is being submitted the change seen is most
			// likely its own; if not, the submission's answer says so.
			f.notice = c.T(text.Detail.Changed)
		}
	}
	m.refreshForm = false
	return m.openNote()
}

// openNote opens the note form holding the note the page was opened with,
// kept as a draft at once (it is what the caller said).
func (m *Model) openNote() tea.Cmd {
	note := m.note
	m.note = ""
	if note == "" || m.form != nil {
		return nil
	}
	if why := whyNot(m.c, "note", m.cs); why != "" {
		return common.Status(why, true)
	}
	cmd := m.openForm(m.newForm("note"))
	if m.form == nil {
		return cmd
	}
	m.form.setValues(map[string]string{"note": note}, "note")
	return tea.Batch(cmd, m.formChanged())
}

func (m *Model) applied(msg appliedMsg) tea.Cmd {
	if msg.page != m.id {
		return nil
	}
	c := m.c
	f := m.form
	if f == nil || msg.seq != f.seq {
		if msg.err == nil {
			return m.load()
		}
		return nil
	}
	f.busy = false
	if msg.err != nil {
		var fe *desk.ForbiddenError
		if errors.As(msg.err, &fe) {
			// The case moved on (status, grade) or the policy changed: say
			// why in the language and show the case as it is now.
			f.showError(c, msg.err, whyNot(c, f.action, m.cs))
			m.refreshForm = false
			return m.load()
		}
		f.showError(c, msg.err, "")
		return nil
	}
	m.form = nil
	saved := c.F(text.Detail.Saved, verb(c, msg.action), m.number)
	return tea.Batch(common.Status(saved, false), common.Cmd(common.SavedMsg{Number: m.number}), m.load())
}

func (m *Model) pageKey(msg tea.KeyPressMsg) tea.Cmd {
	all := m.Keys()
	for _, b := range all {
		if b.Matches(msg) {
			if why := b.Reason(); why != "" {
				return common.Status(why, true)
			}
		}
	}
	k := keys.Detail
	switch {
	case k.Back.Matches(msg):
		return common.Cmd(common.BackMsg{})
	case k.Up.Matches(msg):
		m.scroll(-1)
	case k.Down.Matches(msg):
		m.scroll(1)
	case k.PageUp.Matches(msg):
		m.scroll(-max(1, m.bodyH-1))
	case k.PageDown.Matches(msg):
		m.scroll(max(1, m.bodyH-1))
	case k.Home.Matches(msg):
		m.offset = 0
	case k.End.Matches(msg):
		m.offset = len(m.body)
	case k.Reload.Matches(msg):
		return m.load()
	default:
		action := actionForKey(m.c, msg.String())
		if action == "" || m.cs == nil {
			return nil
		}
		return m.openForm(m.newForm(action))
	}
	return nil
}

// openForm shows f (nil: nothing to show) and reads what it offers.
func (m *Model) openForm(f *form) tea.Cmd {
	if f == nil {
		return nil
	}
	m.form = f
	m.followTemplate()
	f.startDrafts()
	return m.loadHandlers(f)
}

func (m *Model) formKey(msg tea.KeyPressMsg) tea.Cmd {
	f := m.form
	k := keys.DetailForm
	// up and down move within a text area, between fields elsewhere
	inArea := false
	if fl := f.focused(); fl != nil && fl.kind == kindArea {
		inArea = msg.String() == "up" || msg.String() == "down"
	}
	if s := msg.String(); f.filtering() && !k.Submit.Matches(msg) && s != "tab" && s != "shift+tab" {
		return f.update(msg) // the picker's enter, esc, ↑/↓ and typing
	}
	switch {
	case k.Cancel.Matches(msg):
		m.form = nil
		return m.dropDraft(f)
	case k.Next.Matches(msg) && !inArea:
		f.setFocus(f.focus + 1)
		return nil
	case k.Prev.Matches(msg) && !inArea:
		f.setFocus(f.focus - 1)
		return nil
	case k.Submit.Matches(msg):
		return m.submit()
	case k.Reload.Matches(msg):
		m.refreshForm = true
		return m.load()
	case k.Enter.Matches(msg):
		if f.singleLine() {
			return m.submit()
		}
		if fl := f.focused(); fl == nil || fl.kind != kindArea {
			f.setFocus(f.focus + 1)
			return nil
		}
	}
	if f.busy {
		return nil
	}
	return f.update(msg)
}

// newForm is the form of action with what the page knows: the linked
// cases to unlink, the suggested grade to confirm.
func (m *Model) newForm(action string) *form {
	if action == moreAction {
		return m.picker()
	}
	f := newForm(m.c, m.cs, action)
	if f == nil {
		return nil
	}
	switch action {
	case "unlink":
		var nums []string
		for _, l := range m.rel.Linked {
			nums = append(nums, l.Case.Number)
		}
		f.offer("other", nums)
	case "grade":
		// Confirming the grading rules' suggestion: it is preselected with its reason.
		if g := m.sug.Grade; g != "" && g != m.cs.Grade {
			if fl := f.field("grade"); fl != nil {
				fl.pick.Select(g)
			}
			if fl := f.field("reason"); fl != nil {
				fl.input.SetValue(safetext.Line(m.c.F(text.Detail.ConfirmRules, m.sug.ReasonText(m.c.Lang))))
				fl.input.CursorEnd()
			}
		}
	}
	return f
}

// picker is the choice of the steps without a key.
func (m *Model) picker() *form {
	c := m.c
	var opts []components.PickOption
	for _, a := range moreActions(c, m.cs) {
		opts = append(opts, components.PickOption{ID: a, Label: verb(c, a)})
	}
	if len(opts) == 0 {
		return nil
	}
	f := &form{action: moreAction, number: m.cs.Number, version: m.cs.Version, title: c.T(text.Detail.MoreTitle)}
	f.fields = []*field{{name: "action", label: c.T(text.Detail.MoreField), kind: kindSelect, pick: components.NewPicker(opts, opts[0].ID)}}
	f.setFocus(0)
	return f
}

func (m *Model) submit() tea.Cmd {
	f := m.form
	if f == nil || f.busy {
		return nil
	}
	c := m.c
	if f.action == moreAction {
		// the picker: open the chosen action's own form
		a := f.field("action").value()
		if why := whyNot(c, a, m.cs); why != "" {
			f.general = []string{why}
			return nil
		}
		return m.openForm(m.newForm(a))
	}
	act, ok := f.build(c)
	if !ok {
		return nil
	}
	f.busy = true
	f.notice = ""
	m.submitSeq++
	f.seq = m.submitSeq
	seq, page, d, ctx, actor := f.seq, m.id, c.Desk, c.Ctx, c.Actor
	var g *gate
	if f.draft != nil {
		g = f.draft.g
	}
	return func() tea.Msg {
		if g != nil { // no draft write between the step and the draft's deletion
			g.Mu.Lock()
			defer g.Mu.Unlock()
		}
		_, err := d.Apply(ctx, actor, act)
		if err == nil && g != nil {
			g.Done = true
			_ = d.DeleteDraft(ctx, actor.Name, draftKey(act.Number)) // saved: the draft is done with
		}
		return appliedMsg{page: page, seq: seq, action: act.Name, err: err}
	}
}

func (m *Model) scroll(n int) {
	m.offset += n
	m.clampOffset()
}

func (m *Model) clampOffset() {
	maxOff := max(0, len(m.body)-m.bodyH)
	m.offset = min(max(0, m.offset), maxOff)
}
