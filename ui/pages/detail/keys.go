package detail

import (
	"complaintdesk/internal/safetext"
	"complaintdesk/ui/common"
	"complaintdesk/ui/keys"
	"complaintdesk/ui/text"
)

// The page's keys (ui/keys): its own (scrolling, reload, reveal, back),
// and a key for every step of the policy that has one (names.go: keyed),
// each with why it does nothing now in the desk's own words (whyNot).
// The help (?) lists them all, the unavailable ones greyed with their
// reason; pressing one of those says the reason in the status line.

var _ common.Keyed = (*Model)(nil)

// Keys are every key of the page as it is now: the reveal dialog's or the
// form's while one is open.
func (m *Model) Keys() []keys.Binding {
	switch {
	case m.offer != nil:
		return []keys.Binding{keys.DetailDraft.Restore, keys.DetailDraft.Discard, keys.DetailDraft.Later}
	case m.reveal.open:
		return []keys.Binding{keys.DetailReveal.Confirm, keys.DetailReveal.Cancel}
	case m.form != nil:
		return m.formKeys()
	}
	k := keys.Detail
	out := []keys.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End}
	out = append(out, m.stepKeys()...)
	out = append(out, k.More.When(func() string { return m.whyNotNow(moreAction) }),
		k.Reveal.When(m.whyNoReveal), k.Reload, k.Back)
	return out
}

// ShortKeys are the footer's keys. The steps have the page's own bar
// (render.go: footer); the footer keeps to moving about.
func (m *Model) ShortKeys() []keys.Binding {
	if m.reveal.open || m.form != nil || m.offer != nil {
		return m.Keys()
	}
	k := keys.Detail
	return []keys.Binding{k.Scroll, k.Reload, k.Back}
}

// stepKeys are the keys of the policy's steps, each with why it is not
// possible on this case for this user now.
func (m *Model) stepKeys() []keys.Binding {
	c := m.c
	var out []keys.Binding
	for _, d := range keyed(c) {
		id := d.ID
		help := text.T{ZH: safetext.Line(d.Verb.ZH), EN: safetext.Line(d.Verb.EN)}
		out = append(out, keys.Key(d.Key, help, keys.Actions, func() string { return m.whyNotNow(id) }))
	}
	return out
}

// whyNotNow is whyNot on the case as loaded.
func (m *Model) whyNotNow(action string) string {
	if why := m.notLoaded(); why != "" {
		return why
	}
	return whyNot(m.c, action, m.cs)
}

// notLoaded says why nothing can be done on the case yet ("" once it is loaded).
func (m *Model) notLoaded() string {
	switch {
	case m.cs != nil:
		return ""
	case m.loadErr != nil:
		return safetext.Line(m.c.ErrorText(m.loadErr))
	}
	return m.c.T(text.Common.Loading)
}

// formKeys are the keys of the open form: moving between its fields,
// choosing, submitting (enter when every field is one line), cancelling,
// and reloading the case under it once it changed.
func (m *Model) formKeys() []keys.Binding {
	f := m.form
	k := keys.DetailForm
	if f.filtering() {
		return []keys.Binding{k.Matches, k.Keep, k.StopFilter, k.Next, k.Submit}
	}
	var out []keys.Binding
	if len(f.fields) > 1 {
		out = append(out, k.Next)
	}
	if fl := f.focused(); fl != nil && fl.kind == kindSelect {
		out = append(out, k.Choose)
	} else if fl != nil && fl.kind == kindTicks {
		out = append(out, k.Tick, k.Amount)
	}
	if f.singleLine() {
		out = append(out, k.Enter)
	} else {
		out = append(out, k.Submit)
	}
	out = append(out, k.Cancel)
	if f.conflict || f.notice != "" {
		out = append(out, k.Reload)
	}
	return out
}

// whyNoReveal says why p does not reveal the complainant ("" when it does).
func (m *Model) whyNoReveal() string {
	c := m.c
	r := c.Role()
	switch {
	case m.cs == nil:
		return m.notLoaded()
	case c.Hides("complainant"):
		return c.T(text.Detail.WhyNoRevealHidden)
	case r != nil && r.SeePII:
		return c.T(text.Detail.WhyNoRevealSees)
	case r == nil || !r.RevealPII:
		return c.T(text.Detail.WhyNoRevealRole)
	case m.reveal.people != nil:
		return c.T(text.Detail.WhyNoRevealDone)
	}
	return ""
}
