package detail

import (
	"errors"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/desk/actions"
	"complaintdesk/internal/policy"
	"complaintdesk/internal/safetext"
	"complaintdesk/store"
	"complaintdesk/ui/common"
	"complaintdesk/ui/components"
	"complaintdesk/ui/keys"
	"complaintdesk/ui/text"
)

type fieldKind int

const (
	kindText   fieldKind = iota // one line: textinput
	kindArea                    // several lines: textarea
	kindSelect                  // one value of a list: components.Picker
	kindTicks                   // several values, each with its amount: components.Ticks
)

// field is one input of a step's form, made from the registry's field:
// name is what the desk's problems refer to.
type field struct {
	def      actions.Field
	name     string
	label    string
	kind     fieldKind
	required bool
	input    textinput.Model
	area     textarea.Model
	pick     components.Picker
	ticks    components.Ticks
	// prefill is the case's value the field was opened with; a value left
	// as it was is not sent (the desk keeps the case's own) unless always.
	prefill string
	always  bool
	// placeholder is drawn by the form: textinput's own pads wide text with NUL bytes.
	placeholder string
	err         string
}

func (f *field) value() string {
	switch f.kind {
	case kindText:
		return f.input.Value()
	case kindArea:
		return f.area.Value()
	case kindSelect:
		return f.pick.Value()
	case kindTicks:
		return f.ticks.Value()
	}
	return ""
}

// send is the value the step gets: the trimmed value, or "" when it is
// what the field was opened with (and the field is not always sent).
func (f *field) send() string {
	v := strings.TrimSpace(f.value())
	if !f.always && v == strings.TrimSpace(f.prefill) {
		return ""
	}
	return v
}

func (f *field) focus() {
	switch f.kind {
	case kindText:
		f.input.Focus()
	case kindArea:
		f.area.Focus()
	}
}

func (f *field) blur() {
	switch f.kind {
	case kindText:
		f.input.Blur()
	case kindArea:
		f.area.Blur()
	case kindSelect:
		f.pick.Done()
	}
}

// form is the dialog of one step on one case.
type form struct {
	action  string
	title   string
	number  string
	version int64 // the case version the form was opened on (optimistic concurrency)
	fields  []*field
	focus   int
	general []string // problems not tied to a field, conflicts, refusals
	// conflict: the case changed since the form was opened; ctrl+r reloads.
	conflict bool
	notice   string
	busy     bool
	seq      int
	// draft keeps what is typed (draft.go); nil for a form without free text.
	draft *drafts
	// template is the reply template last picked, filled the reply it
	// filled (replies.go).
	template, filled string
}

// singleLine forms submit on enter.
func (f *form) singleLine() bool {
	for _, fl := range f.fields {
		if fl.kind == kindArea {
			return false
		}
	}
	return true
}

func (f *form) field(name string) *field {
	for _, fl := range f.fields {
		if fl.name == name {
			return fl
		}
	}
	return nil
}

// before moves fl to just before the field name (when the form has it).
func (f *form) before(fl *field, name string) {
	if f.field(name) == nil {
		return
	}
	var out []*field
	for _, x := range f.fields {
		if x == fl {
			continue
		}
		if x.name == name {
			out = append(out, fl)
		}
		out = append(out, x)
	}
	f.fields = out
}

// drop takes the field name out of the form.
func (f *form) drop(name string) {
	for i, fl := range f.fields {
		if fl.name == name {
			f.fields = append(f.fields[:i], f.fields[i+1:]...)
			return
		}
	}
}

func (f *form) focused() *field {
	if f.focus >= 0 && f.focus < len(f.fields) {
		return f.fields[f.focus]
	}
	return nil
}

func (f *form) setFocus(i int) {
	if len(f.fields) == 0 {
		return
	}
	i = (i%len(f.fields) + len(f.fields)) % len(f.fields)
	for _, fl := range f.fields {
		fl.blur()
	}
	f.focus = i
	f.fields[i].focus()
}

// newTextInput is a one-line input with a steady virtual cursor (no blink
// ticks) and without ctrl+v, which would read the server's clipboard.
func newTextInput(c *common.Common, value string) textinput.Model {
	ti := textinput.New()
	ti.Prompt = ""
	st := textinput.DefaultStyles(c.Styles.Dark)
	st.Cursor.Blink = false
	st.Cursor.Color = c.Styles.Accent
	ti.SetStyles(st)
	ti.KeyMap.Paste = key.NewBinding()
	ti.CharLimit = 2000
	ti.SetValue(value)
	ti.CursorEnd()
	return ti
}

func newTextArea(c *common.Common, placeholder, value string) textarea.Model {
	ta := textarea.New()
	ta.Prompt = "| "
	ta.ShowLineNumbers = false
	ta.Placeholder = placeholder
	st := textarea.DefaultStyles(c.Styles.Dark)
	st.Cursor.Blink = false
	st.Cursor.Color = c.Styles.Accent
	ta.SetStyles(st)
	ta.KeyMap.Paste = key.NewBinding()
	ta.KeyMap.CopySelection = key.NewBinding()
	ta.CharLimit = 5000
	ta.SetHeight(3)
	ta.SetValue(value)
	return ta
}

// newForm builds the form of a step on the case from the registry: the
// step's fields and the policy fields its transition records, the
// policy's required ones marked. nil when the step has no form.
func newForm(c *common.Common, cs *store.Case, action string) *form {
	p := c.Policy()
	def, fields, required, _ := c.Desk.Form(cs, action, c.Actor)
	if def == nil {
		return nil
	}
	f := &form{action: action, number: cs.Number, version: cs.Version, title: safetext.Line(c.Label(def.Title))}
	for _, fd := range fields {
		if fd.Ask != nil && !fd.Ask(p, cs) {
			continue
		}
		f.fields = append(f.fields, newField(c, cs, fd, required[fd.ID]))
	}
	if fl := f.field(actions.ResolutionType.ID); fl != nil && fl.kind == kindTicks {
		f.drop(actions.Amount.ID) // each ticked type has its own amount
		f.before(fl, "template")  // the types narrow the templates: ticked first
	}
	f.setFocus(0)
	return f
}

// newField makes the input of one registry field on the case.
func newField(c *common.Common, cs *store.Case, fd actions.Field, required bool) *field {
	p := c.Policy()
	cur := ""
	if fd.Current != nil {
		cur = fd.Current(p, cs)
	}
	shown := cur
	if cur == "" && fd.Default != nil {
		shown = fd.Default(p, cs, c.Now) // sent as typed
	}
	fl := &field{def: fd, name: fd.ID, label: safetext.Line(c.Label(fd.Label)), required: required, prefill: cur, always: fd.Always}
	hint := safetext.Line(c.Label(fd.Hint))
	switch {
	case fd.ID == actions.ResolutionType.ID && len(p.ResolutionTypes) > 0:
		// several types, each with its amount: "repair,compensation=500"
		var items []components.TickItem
		for _, rt := range p.ResolutionTypes {
			items = append(items, components.TickItem{ID: rt.ID, Label: safetext.Line(c.Label(rt.Label)), Amount: rt.Amount})
		}
		ids, amounts := actions.ResolutionTypes(cs)
		var parts []string
		for _, id := range ids {
			if a := amounts[id]; a != "" {
				id += "=" + a
			}
			parts = append(parts, id)
		}
		fl.prefill = strings.Join(parts, ",")
		fl.kind, fl.ticks = kindTicks, components.NewTicks(items, fl.prefill)
		return fl
	case fd.ID == actions.Handler.ID:
		// a picker of the desk's handlers, filled when their counts are read (handlers.go)
		fl.kind, fl.pick = kindSelect, components.NewPicker(handlerOptions(c, nil, cur), cur)
		return fl
	}
	switch fd.Kind {
	case actions.Area:
		fl.kind, fl.area = kindArea, newTextArea(c, hint, safetext.Text(shown))
	case actions.Choice, actions.Yes:
		var opts []actions.Option
		if fd.Options != nil {
			opts = fd.Options(p, cs)
		}
		if fd.Kind == actions.Yes {
			opts = yesNo
			if fl.prefill == "" {
				fl.prefill = "no"
			}
			if shown == "" {
				shown = "no"
			}
		}
		if len(opts) == 0 && fd.Kind == actions.Choice {
			// nothing to choose from (a policy without departments): typed freely
			fl.kind, fl.input, fl.placeholder = kindText, newTextInput(c, safetext.Line(shown)), hint
			break
		}
		fl.kind = kindSelect
		var po []components.PickOption
		if fd.First.ZH != "" || fd.First.EN != "" {
			po = append(po, components.PickOption{Label: c.Label(fd.First)})
		}
		for _, o := range opts {
			po = append(po, components.PickOption{ID: o.ID, Label: safetext.Line(c.Label(o.Label))})
		}
		fl.pick = components.NewPicker(po, shown)
		if fl.pick.Value() != shown && len(po) > 0 {
			fl.pick.Select(po[0].ID)
		}
	default:
		fl.kind, fl.input, fl.placeholder = kindText, newTextInput(c, safetext.Line(shown)), hint
	}
	return fl
}

// yesNo are the two answers of a tick.
var yesNo = []actions.Option{{ID: "no", Label: policy.Label(text.Common.No)}, {ID: "yes", Label: policy.Label(text.Common.Yes)}}

// offer turns a text field into a choice of values (the linked cases of an
// unlink); nothing to offer leaves it a text field.
func (f *form) offer(name string, values []string) {
	fl := f.field(name)
	if fl == nil || len(values) == 0 {
		return
	}
	var po []components.PickOption
	for _, v := range values {
		po = append(po, components.PickOption{ID: v, Label: v})
	}
	fl.kind, fl.pick = kindSelect, components.NewPicker(po, values[0])
	fl.blur()
}

// build turns the form into the step's input, through the registry's
// fields; false when a field could not be read (its error is set).
func (f *form) build(c *common.Common) (desk.Action, bool) {
	act := desk.Action{Number: f.number, Version: f.version, Name: f.action}
	ok := true
	f.general = nil
	for _, fl := range f.fields {
		fl.err = ""
		v := fl.send()
		if fl.name == "template" {
			v = templateID(v) // either language: the reply is already filled
		}
		if v == "" {
			continue
		}
		if prob := fl.def.Set(&act, v, c.Loc()); prob != nil {
			fl.err = safetext.Line(prob.Message(c.Lang))
			ok = false
		}
	}
	return act, ok
}

// showError puts the desk's answer on the form: problems beside their
// fields, a conflict or a refusal above the keys. why is the refusal in the
// user's language when the page can tell it ("" otherwise).
func (f *form) showError(c *common.Common, err error, why string) {
	for _, fl := range f.fields {
		fl.err = ""
	}
	f.general, f.conflict = nil, false
	var ve *desk.ValidationError
	var ce *desk.ConflictError
	var fe *desk.ForbiddenError
	switch {
	case errors.As(err, &ve):
		for _, p := range ve.Problems {
			msg := safetext.Line(p.Message(c.Lang))
			name := p.Field
			if name == actions.Amount.ID && f.field(name) == nil {
				name = actions.ResolutionType.ID // the amounts are the ticked types'
			}
			if fl := f.field(name); fl != nil {
				if fl.err != "" {
					fl.err += c.T(text.Common.ReasonSep)
				}
				fl.err += msg
				continue
			}
			f.general = append(f.general, msg)
		}
	case errors.As(err, &ce):
		f.conflict = true
		f.general = append(f.general, safetext.Line(ce.Message(c.Lang)), c.T(text.Detail.Conflict))
	case errors.As(err, &fe):
		if why == "" {
			why = safetext.Line(fe.Error())
		}
		f.general = append(f.general, c.F(text.Detail.NotAllowed, why))
	default:
		f.general = append(f.general, safetext.Line(c.ErrorText(err)))
	}
}

// update gives a message to the focused field: a choice's picker takes
// the keys it uses (←/→, typing to filter), anything else goes to the
// text input.
func (f *form) update(msg tea.Msg) tea.Cmd {
	fl := f.focused()
	if fl == nil {
		return nil
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && fl.kind == kindTicks {
		fl.ticks.Update(k)
		return nil
	}
	if fl.kind == kindSelect {
		switch msg := msg.(type) {
		case tea.KeyPressMsg:
			fl.pick.Update(msg)
		case tea.PasteMsg:
			fl.pick.Type(msg.Content)
		}
		return nil
	}
	var cmd tea.Cmd
	switch fl.kind {
	case kindText:
		fl.input, cmd = fl.input.Update(msg)
	case kindArea:
		fl.area, cmd = fl.area.Update(msg)
	}
	return cmd
}

// filtering: the focused field is a picker being narrowed, which takes
// enter, esc and ↑/↓ for itself.
func (f *form) filtering() bool {
	fl := f.focused()
	return fl != nil && fl.kind == kindSelect && fl.pick.Filtering()
}

// pickRows is how many matches a filtering picker lists in the dialog.
const pickRows = 5

// view draws the dialog in width cells and at most maxHeight lines, its
// keys (bindings) at the bottom.
// fieldLabel is a field's label as the form shows it: * marks a required one.
func fieldLabel(fl *field) string {
	if fl.required {
		return fl.label + " *"
	}
	return fl.label
}

// labelOwnLine: a label too long for the label column (a checklist item)
// has a line of its own, its value under it.
func labelOwnLine(fl *field, lw int) bool {
	return fl.kind != kindArea && ansi.StringWidth(fieldLabel(fl))+1 > lw
}

func (f *form) view(c *common.Common, width, maxHeight int, bindings []keys.Binding) string {
	s := c.Styles
	inner := width - s.Dialog.GetHorizontalFrameSize()
	if inner < 10 {
		inner = 10
	}
	lw := 0
	for _, fl := range f.fields {
		lw = max(lw, ansi.StringWidth(fl.label)+2)
	}
	lw = min(lw+1, inner/3)

	// Lines besides the text areas, to share the rest among them.
	generalLines := []string{}
	for _, g := range f.general {
		generalLines = append(generalLines, wrap(g, inner)...)
	}
	fixed := s.Dialog.GetVerticalFrameSize() + 2 + len(generalLines) // title + keys
	if f.notice != "" {
		fixed++
	}
	areas := 0
	for _, fl := range f.fields {
		switch fl.kind {
		case kindArea:
			areas++
			fixed++ // label line
		case kindSelect:
			fixed += len(fl.pick.View(s, c.Lang, inner, fl == f.focused(), pickRows))
		case kindTicks:
			fixed += len(fl.ticks.Lines(s, max(4, inner-lw), fl == f.focused()))
		default:
			fixed++
		}
		if fl.err != "" {
			fixed++
		}
		if labelOwnLine(fl, lw) {
			fixed++
		}
	}
	if len(f.fields) == 0 {
		fixed++
	}
	areaH := 3
	if areas > 0 {
		areaH = max(1, min(6, (maxHeight-fixed)/areas))
	}

	var lines []string
	title := s.Title.Render(f.title + "  " + f.number)
	if dr := f.draft; dr != nil && dr.err != "" {
		title += "  " + s.Error.Render(c.F(text.Detail.DraftNotKept, safetext.Line(dr.err)))
	} else if dr != nil && !dr.at.IsZero() {
		title += "  " + s.Muted.Render(c.F(text.Detail.DraftKept, dr.at.In(c.Loc()).Format("15:04:05")))
	}
	lines = append(lines, components.Fit(title, inner))
	if f.notice != "" {
		lines = append(lines, components.Fit(s.Warn.Render(f.notice), inner))
	}
	errLine := func(fl *field, indent int) {
		if fl.err != "" {
			lines = append(lines, components.Fit(strings.Repeat(" ", indent)+s.Error.Render("! "+fl.err), inner))
		}
	}
	for i, fl := range f.fields {
		label := fieldLabel(fl)
		lst := s.Label
		if i == f.focus {
			lst = s.Focused
		}
		head := components.Fit(lst.Render(label), lw)
		if labelOwnLine(fl, lw) {
			// too long for the label column (a checklist item): the label
			// on a line of its own, the value under it
			lines = append(lines, components.Fit(lst.Render(label), inner))
			head = strings.Repeat(" ", lw)
		}
		switch fl.kind {
		case kindText:
			if iw := max(1, inner-lw-1); fl.input.Width() != iw {
				fl.input.SetWidth(iw)
				fl.input.SetCursor(fl.input.Position()) // scrolls the text to the cursor
			}
			in := fl.input.View()
			if fl.input.Value() == "" {
				in = " "
				if i == f.focus {
					in = s.Selected.Reverse(true).Render(" ")
				}
				in += s.Muted.Render(fl.placeholder)
			}
			lines = append(lines, components.Fit(head+in, inner))
			errLine(fl, lw)
		case kindTicks, kindSelect:
			var value []string
			if fl.kind == kindTicks {
				value = fl.ticks.Lines(s, max(4, inner-lw), i == f.focus)
			} else {
				value = fl.pick.View(s, c.Lang, max(4, inner-lw), i == f.focus, pickRows)
			}
			for j, vl := range value { // the label beside the first line
				if j > 0 {
					head = strings.Repeat(" ", lw)
				}
				lines = append(lines, components.Fit(head+vl, inner))
			}
			errLine(fl, lw)
		case kindArea:
			if fl.err != "" {
				head += s.Error.Render("! " + fl.err)
			}
			lines = append(lines, components.Fit(head, inner))
			fl.area.SetWidth(inner)
			fl.area.SetHeight(areaH)
			for _, l := range strings.Split(strings.TrimSuffix(fl.area.View(), "\n"), "\n") {
				lines = append(lines, components.Fit(l, inner))
			}
		}
	}
	if len(f.fields) == 0 {
		lines = append(lines, components.Fit(c.F(text.Detail.Confirm, f.number, verb(c, f.action)), inner))
	}
	for _, g := range generalLines {
		lines = append(lines, components.Fit(s.Error.Render(g), inner))
	}
	if f.busy {
		lines = append(lines, components.Fit(s.Muted.Render(c.T(text.Detail.Saving)), inner))
	} else {
		lines = append(lines, components.Fit(keyLine(c, bindings), inner))
	}
	return s.Dialog.Render(strings.Join(lines, "\n"))
}

// keyLine is a dialog's keys on one line: "tab 下一项  ctrl+s 提交  esc 取消".
func keyLine(c *common.Common, bs []keys.Binding) string {
	s := c.Styles
	var parts []string
	for _, b := range bs {
		parts = append(parts, s.Focused.Render(b.Label)+" "+s.Muted.Render(c.T(b.Help)))
	}
	return strings.Join(parts, "  ")
}

// wrap breaks text into lines of at most width cells (Chinese is two);
// newlines are kept.
func wrap(s string, width int) []string {
	width = max(width, 1)
	var out []string
	for _, para := range strings.Split(s, "\n") {
		if para == "" {
			out = append(out, "")
			continue
		}
		for _, l := range strings.Split(ansi.Wrap(para, width, ""), "\n") {
			if ansi.StringWidth(l) > width {
				l = ansi.Truncate(l, width, "")
			}
			out = append(out, l)
		}
	}
	return out
}
