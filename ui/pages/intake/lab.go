package intake

// The policy's own intake fields ([[field]] with intake = true) for the
// nature chosen: the laboratory's appeal asks for the test report number,
// the day the customer received it, the sample, and the grounds and
// evidence. They are one field of the form (fFields) with a line per
// policy field; tab moves through them. Under them the form says how the
// policy's late rules stand (the appeal window: in time, or late and what
// acceptance then needs), as the desk will judge it.

import (
	"sort"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"complaintdesk/internal/policy"
	"complaintdesk/internal/safetext"
	"complaintdesk/ui/components"
	"complaintdesk/ui/text"
)

// extraFields are the inputs of the policy's intake fields, by field id;
// they are kept when the nature changes, so nothing typed is lost.
type extraFields struct {
	inputs map[string]*textinput.Model
	choice map[string]string // choice fields: the option chosen
	at     int               // the sub-field with focus
	errs   map[string]string
	// pick is the focused choice field's picker, for the field pickFor.
	pick    components.Picker
	pickFor string
}

// extraList is the intake fields of the nature chosen now.
func (m *Model) extraList() []policy.FieldDef {
	return m.c.Policy().IntakeFields(m.sel[fNature])
}

func (m *Model) extraInput(fd policy.FieldDef) *textinput.Model {
	if m.extra.inputs == nil {
		m.extra.inputs = map[string]*textinput.Model{}
	}
	if ti, ok := m.extra.inputs[fd.ID]; ok {
		return ti
	}
	ti := textinput.New()
	ti.Prompt = ""
	st := textinput.DefaultStyles(m.c.Styles.Dark)
	st.Cursor.Blink = false
	st.Blurred.Text = m.c.Styles.Value
	ti.SetStyles(st)
	ti.KeyMap.Paste = key.NewBinding(key.WithDisabled()) // would read the server's clipboard
	ti.KeyMap.AcceptSuggestion = key.NewBinding(key.WithDisabled())
	ti.KeyMap.NextSuggestion = key.NewBinding(key.WithDisabled())
	ti.KeyMap.PrevSuggestion = key.NewBinding(key.WithDisabled())
	ti.CharLimit = 500
	if fd.KindOrText() == "area" {
		ti.CharLimit = 5000
	}
	ti.SetWidth(max(1, m.layout().valueW-1))
	m.extra.inputs[fd.ID] = &ti
	return &ti
}

// extraValue is what is typed (or chosen) for a field.
func (m *Model) extraValue(fd policy.FieldDef) string {
	if fd.KindOrText() == "choice" {
		return m.extra.choice[fd.ID]
	}
	return m.extraInput(fd).Value()
}

// extraValues are the values of the nature's intake fields (non-empty ones).
func (m *Model) extraValues() map[string]string {
	out := map[string]string{}
	for _, fd := range m.extraList() {
		if v := strings.TrimSpace(m.extraValue(fd)); v != "" {
			out[fd.ID] = v
		}
	}
	return out
}

// extraKey is the fields' value for change detection.
func (m *Model) extraKey() string {
	vals := m.extraValues()
	keys := make([]string, 0, len(vals))
	for k := range vals {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k + "=" + vals[k] + "\x00")
	}
	return b.String()
}

// setExtra restores a draft's values.
func (m *Model) setExtra(vals map[string]string) {
	for _, fd := range m.c.Policy().Fields {
		v, ok := vals[fd.ID]
		if !ok {
			continue
		}
		if fd.KindOrText() == "choice" {
			if m.extra.choice == nil {
				m.extra.choice = map[string]string{}
			}
			m.extra.choice[fd.ID] = v
			continue
		}
		m.extraInput(fd).SetValue(v)
	}
}

// draftExtra is every typed policy field, whatever the nature (a draft
// keeps what was typed).
func (m *Model) draftExtra() map[string]string {
	out := map[string]string{}
	for id, ti := range m.extra.inputs {
		if v := ti.Value(); v != "" {
			out[id] = v
		}
	}
	for id, v := range m.extra.choice {
		if v != "" {
			out[id] = v
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// extraFocus focuses the sub-field with focus (or blurs them all).
func (m *Model) extraFocus(on bool) {
	list := m.extraList()
	m.extra.at = min(max(0, m.extra.at), max(0, len(list)-1))
	m.extra.pickFor = "" // a choice's picker is made anew when it has focus
	for i, fd := range list {
		if fd.KindOrText() == "choice" {
			continue
		}
		ti := m.extraInput(fd)
		if on && i == m.extra.at {
			ti.Focus()
			ti.CursorEnd()
		} else {
			ti.Blur()
		}
	}
}

// extraKeyPress handles a key while the fields have focus; ok is false
// when the form's own handling applies (save, discard, leaving the fields).
func (m *Model) extraKeyPress(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	list := m.extraList()
	if len(list) == 0 {
		return nil, false
	}
	s := msg.String()
	cur := list[min(m.extra.at, len(list)-1)]
	if cur.KindOrText() == "choice" {
		pk := m.extraPicker(cur)
		if pk.Filtering() && s != "tab" && s != "shift+tab" && s != "ctrl+s" {
			pk.Update(msg) // enter, esc, ↑/↓ and typing narrow the options
			m.setChoice(cur.ID, pk.Value())
			return nil, true
		}
	}
	switch s {
	case "ctrl+s", "esc":
		return nil, false
	case "tab", "enter", "down":
		if m.extra.at+1 < len(list) {
			m.extra.at++
			m.extraFocus(true)
			return nil, true
		}
		return nil, false
	case "shift+tab", "up":
		if m.extra.at > 0 {
			m.extra.at--
			m.extraFocus(true)
			return nil, true
		}
		return nil, false
	}
	if cur.KindOrText() == "choice" {
		pk := m.extraPicker(cur)
		pk.Update(msg)
		m.setChoice(cur.ID, pk.Value())
		return nil, true
	}
	ti := m.extraInput(cur)
	var cmd tea.Cmd
	*ti, cmd = ti.Update(msg)
	return cmd, true
}

// extraPicker is the picker of the choice field fd, made when it gets focus.
func (m *Model) extraPicker(fd policy.FieldDef) *components.Picker {
	if m.extra.pickFor != fd.ID {
		opts := []components.PickOption{{Label: m.c.T(text.Form.Choose)}}
		for _, o := range fd.Options {
			opts = append(opts, components.PickOption{ID: o.ID, Label: safetext.Line(o.In(m.c.Lang))})
		}
		m.extra.pick, m.extra.pickFor = components.NewPicker(opts, m.extra.choice[fd.ID]), fd.ID
	}
	return &m.extra.pick
}

func (m *Model) setChoice(id, v string) {
	if m.extra.choice == nil {
		m.extra.choice = map[string]string{}
	}
	m.extra.choice[id] = v
}

// extraForward gives a paste (or a cursor message) to the sub-field with focus.
func (m *Model) extraForward(msg tea.Msg) tea.Cmd {
	list := m.extraList()
	if len(list) == 0 {
		return nil
	}
	cur := list[min(m.extra.at, len(list)-1)]
	if cur.KindOrText() == "choice" {
		if p, ok := msg.(tea.PasteMsg); ok {
			pk := m.extraPicker(cur)
			pk.Type(p.Content)
			m.setChoice(cur.ID, pk.Value())
		}
		return nil
	}
	ti := m.extraInput(cur)
	var cmd tea.Cmd
	*ti, cmd = ti.Update(msg)
	return cmd
}

// extraError puts a desk problem beside its policy field; false when the
// problem is not about one of them.
func (m *Model) extraError(field, why string) bool {
	for i, fd := range m.extraList() {
		if fd.ID != field {
			continue
		}
		if m.extra.errs == nil {
			m.extra.errs = map[string]string{}
		}
		if prev := m.extra.errs[field]; prev != "" {
			why = prev + m.c.T(text.Common.ReasonSep) + why
		}
		m.extra.errs[field] = why
		if m.errs[fFields] == "" {
			m.extra.at = i
		}
		m.errs[fFields] = why
		return true
	}
	return false
}

// extraLabelW is the widest label of the fields.
func (m *Model) extraLabelW() int {
	w := 0
	for _, fd := range m.extraList() {
		w = max(w, ansi.StringWidth(fd.In(m.c.Lang)))
	}
	return w
}

// extraLines draws the fields, a line each, with their errors and the late
// rules' note.
func (m *Model) extraLines(l layout, indent string) []string {
	st := m.c.Styles
	var lines []string
	list := m.extraList()
	for i, fd := range list {
		focused := m.focus == fFields && i == m.extra.at
		name := fd.In(m.c.Lang)
		if fd.Required {
			name += "*"
		}
		marker, lab := "  ", st.Label.Render(components.Fit(name, l.labelW))
		if focused {
			marker, lab = st.Focused.Render("> "), st.Focused.Render(components.Fit(name, l.labelW))
		}
		lines = append(lines, marker+lab+" "+m.extraView(fd, focused, l.valueW))
		if focused && fd.KindOrText() == "choice" {
			for _, pl := range m.extraPicker(fd).View(st, m.c.Lang, l.valueW, true, pickRows)[1:] {
				lines = append(lines, indent+pl) // the matches of a narrowed choice
			}
		}
		if e := m.extra.errs[fd.ID]; e != "" {
			lines = append(lines, indent+st.Error.Render(fitLine(safetext.Line(e), l.valueW)))
		}
	}
	if len(list) > 0 {
		if text, late := m.lateNote(); text != "" {
			style := st.Muted.Render
			if late {
				style = st.Breach.Render
			}
			for _, w := range strings.Split(ansi.Wrap(text, l.valueW, ""), "\n") {
				lines = append(lines, indent+style(fitLine(w, l.valueW)))
			}
		}
	}
	return lines
}

func (m *Model) extraView(fd policy.FieldDef, focused bool, w int) string {
	st := m.c.Styles
	hint := safetext.Line(fd.Hint.In(m.c.Lang))
	if fd.KindOrText() == "choice" {
		lbl := m.c.T(text.Form.Choose)
		if o := fd.Option(m.extra.choice[fd.ID]); o != nil {
			lbl = safetext.Line(o.In(m.c.Lang))
		}
		if focused {
			return m.extraPicker(fd).View(st, m.c.Lang, w, true, pickRows)[0]
		}
		return st.Value.Render(fitLine(lbl, w))
	}
	ti := m.extraInput(fd)
	if ti.Width() != max(1, w-1) {
		ti.SetWidth(max(1, w-1))
	}
	v := ti.Value()
	if focused {
		view := ti.View()
		if v == "" {
			view = ansi.Truncate(view, 1, "") + " " + st.Muted.Render(hint)
		}
		return fitLine(view, w)
	}
	if v == "" {
		return st.Muted.Render(fitLine(hint, w))
	}
	return st.Value.Render(fitLine(safetext.Line(v), w))
}

// lateNote is how the late rules stand for what is typed: the appeal
// window's end, and whether the appeal is late ("" until its start is typed).
func (m *Model) lateNote() (string, bool) {
	fields := map[string]string{}
	loc := m.c.Loc()
	for k, v := range m.extraValues() {
		fields[k] = v
		if fd := m.c.Policy().Field(k); fd != nil && fd.KindOrText() == "date" {
			t, ok := parseDay(v, loc)
			if !ok {
				return "", false
			}
			fields[k] = t.Format(time.RFC3339)
		}
	}
	received, err := m.receivedTime()
	if err != nil {
		return "", false
	}
	if received.IsZero() {
		received = m.now()
	}
	return m.c.Desk.LateRuleText(m.sel[fNature], fields, received, m.c.Lang)
}

// parseDay reads a typed day as the desk does.
func parseDay(s string, loc *time.Location) (time.Time, bool) {
	for _, l := range []string{"2006-01-02", "2006-1-2", "2006/01/02", "2006/1/2", "2006.01.02", "2006年1月2日"} {
		if t, err := time.ParseInLocation(l, strings.TrimSpace(s), loc); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
