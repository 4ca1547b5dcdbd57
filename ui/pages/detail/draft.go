package detail

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"complaintdesk/internal/safetext"
	"complaintdesk/store"
	"complaintdesk/ui/common"
	"complaintdesk/ui/components"
	"complaintdesk/ui/keys"
	"complaintdesk/ui/text"
)

// A form with free text (a resolution, a written reply, findings, a note...)
// is kept as a draft while it is typed, like the intake form: written a
// moment after each change, again when the session ends, so neither a
// killed desk nor a dropped SSH connection loses it. Opening the case
// offers it back; submitting or cancelling the form deletes it.

// draftDelay is how long a form waits after the last change before it
// writes its draft (only the newest change writes).
var draftDelay = 250 * time.Millisecond

// draftKey is the key of the draft of a form on case number, per user:
// one per case, as the page has one form open at a time.
func draftKey(number string) string { return "case:" + number }

// formDraft is the JSON shape of a kept form.
type formDraft struct {
	V       int               `json:"v"`
	Action  string            `json:"action"`
	Version int64             `json:"version"` // the case version the form was opened on
	Focus   string            `json:"focus"`
	Values  map[string]string `json:"values"`
}

// gate is common.Gate: a form's draft writes against its save or discard.
type gate = common.Gate

// drafts is what a form keeps of its draft.
type drafts struct {
	g        *gate
	initial  string // the values when opened: an untouched form keeps no draft
	lastSnap string
	seq      int
	wrote    bool // a draft of this form may be in the database
	at       time.Time
	err      string
}

// keepsDraft: the form has a field typed freely.
func (f *form) keepsDraft() bool {
	for _, fl := range f.fields {
		if fl.kind == kindText || fl.kind == kindArea {
			return true
		}
	}
	return false
}

// values are the form's fields by name, as typed.
func (f *form) values() map[string]string {
	out := map[string]string{}
	for _, fl := range f.fields {
		out[fl.name] = fl.value()
	}
	return out
}

func (f *form) draftJSON() string {
	focus := ""
	if fl := f.focused(); fl != nil {
		focus = fl.name
	}
	b, _ := json.Marshal(formDraft{V: 1, Action: f.action, Version: f.version, Focus: focus, Values: f.values()})
	return string(b)
}

// valuesKey is the values alone, to tell an untouched form.
func (f *form) valuesKey() string {
	b, _ := json.Marshal(f.values())
	return string(b)
}

// startDrafts makes f keep its drafts from now on (its values now are untouched).
func (f *form) startDrafts() {
	if !f.keepsDraft() {
		return
	}
	f.draft = &drafts{g: &gate{}, initial: f.valuesKey(), lastSnap: f.draftJSON()}
}

// setValues puts a draft's values into the form's fields.
func (f *form) setValues(vals map[string]string, focus string) {
	for i, fl := range f.fields {
		v, ok := vals[fl.name]
		if !ok {
			continue
		}
		switch fl.kind {
		case kindText:
			fl.input.SetValue(safetext.Line(v))
			fl.input.CursorEnd()
		case kindArea:
			fl.area.SetValue(safetext.Text(v))
		case kindSelect:
			fl.pick.Select(v)
		case kindTicks:
			fl.ticks.SetValue(v)
		}
		if fl.name == focus {
			f.setFocus(i)
		}
	}
}

type (
	draftTickMsg struct {
		page int64
		g    *gate
		seq  int
	}
	draftSavedMsg struct {
		page    int64
		g       *gate
		at      time.Time
		deleted bool
		err     error
	}
	// draftDoneMsg: a draft was deleted on request (discarded from the question).
	draftDoneMsg struct {
		page int64
		err  error
	}
)

// formChanged schedules the open form's draft when its values changed.
func (m *Model) formChanged() tea.Cmd {
	f := m.form
	if f == nil || f.draft == nil {
		return nil
	}
	dr := f.draft
	snap := f.draftJSON()
	if snap == dr.lastSnap {
		return nil
	}
	dr.lastSnap = snap
	dr.seq++
	seq, g, page := dr.seq, dr.g, m.id
	return tea.Tick(draftDelay, func(time.Time) tea.Msg { return draftTickMsg{page: page, g: g, seq: seq} })
}

// writeDraft keeps the form (or forgets it once it is back to untouched).
func (m *Model) writeDraft(msg draftTickMsg) tea.Cmd {
	f := m.form
	if msg.page != m.id || f == nil || f.draft == nil || f.draft.g != msg.g || f.draft.seq != msg.seq {
		return nil
	}
	dr := f.draft
	remove := f.valuesKey() == dr.initial
	if remove && !dr.wrote {
		return nil
	}
	dr.wrote = true
	g, d, ctx, user, key, data, page := dr.g, m.c.Desk, m.ctx(), m.c.Actor.Name, draftKey(f.number), dr.lastSnap, m.id
	return func() tea.Msg {
		g.Mu.Lock()
		defer g.Mu.Unlock()
		if g.Done {
			return nil
		}
		var err error
		if remove {
			err = d.DeleteDraft(ctx, user, key)
		} else {
			err = d.SaveDraft(ctx, user, key, data)
		}
		return draftSavedMsg{page: page, g: g, at: d.Now(), deleted: remove, err: err}
	}
}

func (m *Model) draftSaved(msg draftSavedMsg) {
	f := m.form
	if msg.page != m.id || f == nil || f.draft == nil || f.draft.g != msg.g {
		return
	}
	if msg.err != nil {
		f.draft.err = m.c.ErrorText(msg.err)
		return
	}
	f.draft.err = ""
	f.draft.at = time.Time{}
	if !msg.deleted {
		f.draft.at = msg.at
	}
}

// dropDraft ends f's drafts: nothing more is written, and the one written
// (or restored) is deleted.
func (m *Model) dropDraft(f *form) tea.Cmd {
	if f == nil || f.draft == nil {
		return nil
	}
	g, wrote := f.draft.g, f.draft.wrote
	d, ctx, user, key := m.c.Desk, m.ctx(), m.c.Actor.Name, draftKey(f.number)
	return func() tea.Msg {
		g.Mu.Lock()
		defer g.Mu.Unlock()
		g.Done = true
		if wrote {
			_ = d.DeleteDraft(ctx, user, key) // a draft left behind is offered again, never harmful
		}
		return nil
	}
}

// FlushDraft writes the open form's draft now, without waiting for the
// debounce; it blocks, so the app calls it only when the session ends.
func (m *Model) FlushDraft(ctx context.Context) error {
	f := m.form
	if f == nil || f.draft == nil || f.valuesKey() == f.draft.initial {
		return nil
	}
	g := f.draft.g
	g.Mu.Lock()
	defer g.Mu.Unlock()
	if g.Done {
		return nil
	}
	return m.c.Desk.SaveDraft(ctx, m.c.Actor.Name, draftKey(f.number), f.draftJSON())
}

func (m *Model) ctx() context.Context {
	if m.c.Ctx == nil {
		return context.Background()
	}
	return m.c.Ctx
}

// ---- the question when the case is opened -----------------------------------

// offer is a kept draft the page asks about.
type offer struct {
	d     *store.Draft
	draft formDraft
	// typed is what the question shows of it, label and text, made once.
	typed [][2]string
	made  bool
}

// readDraft reads the kept draft of a form on the case (false when none or unreadable).
func readDraft(d *store.Draft) (formDraft, bool) {
	var fd formDraft
	if d == nil || json.Unmarshal([]byte(d.Data), &fd) != nil || fd.Action == "" {
		return formDraft{}, false
	}
	return fd, true
}

// offerKey answers the question: restore opens the form with the draft,
// discard deletes it, later keeps it for the next time.
func (m *Model) offerKey(msg tea.KeyPressMsg) tea.Cmd {
	o := m.offer
	k := keys.DetailDraft
	switch {
	case k.Restore.Matches(msg):
		m.offer = nil
		f := m.newForm(o.draft.Action)
		if f == nil {
			return common.Status(m.c.F(text.Detail.NotAllowed, verb(m.c, o.draft.Action)), true)
		}
		cmd := m.openForm(f) // untouched as opened: the draft's values are changes
		f.setValues(o.draft.Values, o.draft.Focus)
		f.template = o.draft.Values["template"] // its reply is as it was kept: picked, not to fill again
		f.version = o.draft.Version             // a case changed since is a conflict to reload, not a silent overwrite
		f.notice = m.c.T(text.Detail.DraftRestored)
		if why := whyNot(m.c, f.action, m.cs); why != "" {
			f.notice = m.c.F(text.Detail.NotAllowed, why)
		} else if m.cs != nil && m.cs.Version != f.version {
			f.notice = m.c.T(text.Detail.Changed)
		}
		if f.draft != nil {
			f.draft.wrote = true // the kept draft is this form's now
			f.draft.lastSnap = f.draftJSON()
		}
		return cmd
	case k.Discard.Matches(msg):
		m.offer = nil
		d, ctx, user, key, page := m.c.Desk, m.ctx(), m.c.Actor.Name, draftKey(m.number), m.id
		return func() tea.Msg { return draftDoneMsg{page: page, err: d.DeleteDraft(ctx, user, key)} }
	case k.Later.Matches(msg):
		m.offer = nil
	}
	return nil
}

// offerView is the question under the case's title.
func (m *Model) offerView(w, h int) string {
	c, s := m.c, m.c.Styles
	o := m.offer
	dw := min(w, 80) - 4
	at := o.d.UpdatedAt.In(c.Loc()).Format("2006-01-02 15:04")
	lines := []string{s.Title.Render(components.Fit(c.F(text.Detail.DraftFound, verb(c, o.draft.Action), at), dw))}
	for _, t := range o.typedText(c, m) {
		lines = append(lines, components.Fit(s.Label.Render(t[0])+" "+s.Value.Render(t[1]), dw))
	}
	lines = append(lines, "", keyLine(c, m.Keys()))
	dialog := s.Dialog.Render(strings.Join(lines, "\n"))
	out := append(m.titleLines(w)[:1], strings.Split(dialog, "\n")...)
	return clip(out, w, h)
}

// typedText is the start of what was typed in the draft, a field a line,
// at most four: made once, not on every redraw.
func (o *offer) typedText(c *common.Common, m *Model) [][2]string {
	if o.made || m.cs == nil {
		return o.typed
	}
	o.made = true
	f := newForm(c, m.cs, o.draft.Action)
	if f == nil {
		return nil
	}
	for _, fl := range f.fields {
		v := strings.Join(strings.Fields(safetext.Line(o.draft.Values[fl.name])), " ")
		if v == "" || v == strings.TrimSpace(fl.prefill) || (fl.kind != kindText && fl.kind != kindArea) || len(o.typed) >= 4 {
			continue
		}
		o.typed = append(o.typed, [2]string{fl.label, v})
	}
	return o.typed
}
