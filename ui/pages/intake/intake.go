// Package intake is the intake form: the page an agent fills in while the
// caller is on the line. Fields follow the order of a call (channel,
// received time, phone, name, content, demand, nature, category, grade,
// collective size, product or report reference). Typing a valid phone number
// lists the caller's earlier cases; the grade is suggested by the policy's
// grading rules with the reason shown; the form is kept as a draft in the
// database on every change, and ctrl+s registers the case through the desk.
package intake

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"complaintdesk/internal/complaint"
	"complaintdesk/internal/desk"
	"complaintdesk/internal/desk/actions"
	"complaintdesk/internal/policy"
	"complaintdesk/store"
	"complaintdesk/ui/common"
	"complaintdesk/ui/components"
	"complaintdesk/ui/keys"
	"complaintdesk/ui/text"
)

// draftDelay is how long the form waits after the last change before it
// writes the draft (only the newest change writes).
var draftDelay = 250 * time.Millisecond

// timeLayout is how the received time is typed.
const timeLayout = "2006-01-02 15:04"

// callerLimit is how many of a caller's earlier cases are listed.
const callerLimit = 10

// similarLimit is how many recent cases of the category are read to count
// other complainants with the same complaint.
const similarLimit = 200

type field int

const (
	fChannel field = iota
	fReceived
	fLate // the reason for a late entry: shown when received over an hour ago
	fPhone
	fEmail
	fName
	fContent
	fDemand
	fNature
	fFields // the policy's intake fields for the nature (lab.go)
	fCategory
	fGrade
	fCollective
	fOthers
	fSubject
	fCircumstances
	numFields
)

// fieldKeys are the fields' names in drafts and in desk.Problem.Field.
var fieldKeys = [numFields]string{
	"channel", "received", "late_reason", "phone", "email", "name", "content",
	"demand", "nature", "fields", "category", "grade", "collective", "others", "subject", "circumstances",
}

func fieldByKey(k string) (field, bool) {
	for i, s := range fieldKeys {
		if s == k {
			return field(i), true
		}
	}
	return 0, false
}

func (f field) isSelect() bool {
	return f == fChannel || f == fNature || f == fCategory || f == fGrade
}

func (f field) isInput() bool {
	return !f.isSelect() && f != fContent && f != fCircumstances && f != fFields
}

// Model is the intake form page.
type Model struct {
	c             *common.Common
	width, height int

	inputs  [numFields]textinput.Model // the one-line text fields
	content textarea.Model
	sel     [numFields]string // select fields: the chosen id ("" = later / use suggestion)
	focus   field
	// pick is the focused select field's picker (type-ahead); sel keeps its value.
	pick components.Picker

	idem     string
	resumed  bool   // opened from a kept draft
	initial  string // the values when opened, to tell an untouched form
	lastSnap string // the draft JSON last scheduled

	errs    map[field]string
	general string

	g        *gate
	draftSeq int
	draftAt  time.Time
	draftErr string

	wantPhone string // normalised phone whose history was asked for
	callers   *callersMsg

	sim *similarMsg

	sugGrade   string
	sugReasons []policy.Reason

	// circ are the circumstances ticked (grading inputs: lawsuit, media, ...);
	circ components.Ticks

	// extra are the policy's intake fields (lab.go).
	extra extraFields

	// address is a repeat caller's known address taken over (repeat.go),
	// addressFrom the case it came from.
	address, addressFrom string

	saving     bool
	confirming bool
	scroll     int

	keys keys.IntakeKeys // with the reasons a key does nothing now
}

// Asynchronous results; g says which form they belong to.
type (
	draftTickMsg struct {
		g   *gate
		seq int
	}
	draftSavedMsg struct {
		g       *gate
		seq     int
		at      time.Time
		deleted bool
		err     error
	}
	callersMsg struct {
		g     *gate
		phone string
		cases []store.Case
		err   error
	}
	similarMsg struct {
		g       *gate
		key     string // category and subject it was asked for
		entries []simEntry
		numbers []string
		err     error
	}
	savedMsg struct {
		g        *gate
		number   string
		existed  bool
		err      error
		draftErr error
	}
	discardedMsg struct {
		g   *gate
		err error
	}
)

// simEntry is one complainant of a recent case of the same category.
type simEntry struct {
	who string // normalised phone, or "e:" + email
	at  time.Time
}

// New makes the intake form; draft is the JSON the form kept earlier ("" for
// a new, empty form).
func New(c *common.Common, draft string) *Model {
	m := &Model{c: c, g: &gate{}, errs: map[field]string{}}
	m.circ = components.NewTicks(circItems(c), "")
	for f := range numFields {
		if !f.isInput() {
			continue
		}
		ti := textinput.New()
		ti.Prompt = ""
		st := textinput.DefaultStyles(c.Styles.Dark)
		st.Cursor.Blink = false
		st.Blurred.Text = c.Styles.Value
		ti.SetStyles(st)
		ti.KeyMap.Paste = key.NewBinding(key.WithDisabled()) // would read the server's clipboard
		ti.KeyMap.AcceptSuggestion = key.NewBinding(key.WithDisabled())
		ti.KeyMap.NextSuggestion = key.NewBinding(key.WithDisabled())
		ti.KeyMap.PrevSuggestion = key.NewBinding(key.WithDisabled())
		switch f {
		case fCollective:
			ti.CharLimit = 7
		case fOthers:
			ti.CharLimit = 2000
		case fPhone:
			ti.CharLimit = 40
		case fReceived:
			ti.CharLimit = 20
		default:
			ti.CharLimit = 500
		}
		m.inputs[f] = ti
	}
	ta := textarea.New()
	ta.Prompt = ""
	ta.ShowLineNumbers = false
	ta.CharLimit = 20000
	ta.MaxHeight = 0
	tst := textarea.DefaultStyles(c.Styles.Dark)
	tst.Cursor.Blink = false
	ta.SetStyles(tst)
	ta.KeyMap.Paste = key.NewBinding(key.WithDisabled())
	m.content = ta

	p := c.Policy()
	if d, ok := parseDraft(draft); ok {
		m.resumed = true
		m.idem = d.Idem
		m.sel[fChannel] = d.Channel
		m.sel[fNature] = d.Nature
		m.sel[fCategory] = d.Category
		m.sel[fGrade] = d.Grade
		m.inputs[fReceived].SetValue(d.Received)
		m.inputs[fLate].SetValue(d.Late)
		m.inputs[fPhone].SetValue(d.Phone)
		m.inputs[fEmail].SetValue(d.Email)
		m.inputs[fName].SetValue(d.Name)
		m.inputs[fDemand].SetValue(d.Demand)
		m.inputs[fCollective].SetValue(d.Collective)
		m.inputs[fSubject].SetValue(d.Subject)
		m.inputs[fOthers].SetValue(d.Others)
		m.circ.SetValue(strings.Join(d.Circumstances, ","))
		m.setExtra(d.Fields)
		m.address, m.addressFrom = d.Address, d.AddressFrom
		m.content.SetValue(d.Content)
		if f, ok := fieldByKey(d.Focus); ok {
			m.focus = f
		}
	} else {
		m.sel[fChannel] = p.DefaultChannel
		if len(p.Natures) > 0 {
			m.sel[fNature] = p.Natures[0].ID
		}
		m.inputs[fReceived].SetValue(m.now().In(c.Loc()).Format(timeLayout))
		m.focus = fChannel
	}
	if m.idem == "" {
		m.idem = newIdemKey()
	}
	m.initial = m.valuesKey()
	m.lastSnap = m.draftJSON()
	m.keys = keys.Intake
	m.keys.Choose = m.keys.Choose.When(m.whyNotChoice)
	m.keys.Initial = m.keys.Initial.When(m.whyNotChoice)
	m.keys.OpenCaller = m.keys.OpenCaller.When(m.whyNotOpenCase)
	m.keys.NoteCaller = m.keys.NoteCaller.When(m.whyNotOpenCase)
	m.keys.TakeOver = m.keys.TakeOver.When(m.whyNotTakeOver)
	m.setFocus(m.focus)
	m.SetSize(c.Width, c.Height)
	m.refreshSuggestion()
	return m
}

func (m *Model) now() time.Time {
	if m.c.Now.IsZero() {
		return time.Now()
	}
	return m.c.Now
}

// Init looks up the caller and the similar complaints of a resumed draft.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(m.lookupCallers(false), m.lookupSimilar(false))
}

// Capturing is true while a text field has focus (and while the discard
// question is open, so y and n are answers, not commands).
func (m *Model) Capturing() bool {
	if m.focus.isSelect() {
		return m.confirming || m.pick.Filtering() // q and ? start no filter
	}
	return m.confirming || (m.focus != fCircumstances && !(m.focus == fFields && len(m.extraList()) == 0))
}

// whyNotChoice: the choice keys work on the select fields only.
func (m *Model) whyNotChoice() string {
	if m.focus.isSelect() {
		return ""
	}
	return m.c.T(text.Intake.WhyNotChoice)
}

// Keys are the form's keys: the answers while it asks whether to discard,
// the tick boxes' on their line.
func (m *Model) Keys() []keys.Binding {
	if m.confirming {
		return []keys.Binding{keys.IntakeDiscard.Yes, keys.IntakeDiscard.No}
	}
	if m.focus.isSelect() && m.pick.Filtering() {
		f := keys.DetailForm // a narrowed choice's keys, as on the case page
		return []keys.Binding{f.Matches, f.Keep, f.StopFilter, m.keys.Next, m.keys.Save}
	}
	k := m.keys
	out := []keys.Binding{k.Next, k.Prev}
	if m.focus == fCircumstances {
		out = append(out, keys.IntakeTicks.Move, keys.IntakeTicks.Tick)
	} else {
		out = append(out, k.Choose, k.Initial)
	}
	return append(out, k.Save, k.Discard, k.OpenCaller, k.NoteCaller, k.TakeOver)
}

// ShortKeys are the footer's keys.
func (m *Model) ShortKeys() []keys.Binding {
	if m.confirming || m.focus.isSelect() && m.pick.Filtering() {
		return m.Keys()
	}
	k := m.keys
	out := []keys.Binding{k.Next, k.Prev}
	if m.focus == fCircumstances {
		out = append(out, keys.IntakeTicks.Move, keys.IntakeTicks.Tick)
	} else {
		out = append(out, k.Choose)
	}
	return append(out, k.Save, k.Discard)
}

// SetSize gives the page its area.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(w, 20), max(h, 5)
	l := m.layout()
	for f := range numFields {
		if f.isInput() {
			m.inputs[f].SetWidth(max(1, l.valueW-1))
		}
	}
	m.content.SetWidth(l.valueW)
	m.content.SetHeight(l.contentH)
}

// ---- values -----------------------------------------------------------------

func (m *Model) value(f field) string {
	switch {
	case f.isSelect():
		return m.sel[f]
	case f == fContent:
		return m.content.Value()
	case f == fCircumstances:
		return strings.Join(m.circList(), ",")
	case f == fFields:
		return m.extraKey()
	}
	return m.inputs[f].Value()
}

func (m *Model) draft() draftData {
	return draftData{
		V:          draftVersion,
		Idem:       m.idem,
		Focus:      fieldKeys[m.focus],
		Channel:    m.sel[fChannel],
		Received:   m.value(fReceived),
		Late:       m.value(fLate),
		Phone:      m.value(fPhone),
		Email:      m.value(fEmail),
		Name:       m.value(fName),
		Content:    m.value(fContent),
		Demand:     m.value(fDemand),
		Nature:     m.sel[fNature],
		Category:   m.sel[fCategory],
		Grade:      m.sel[fGrade],
		Collective: m.value(fCollective),
		Subject:    m.value(fSubject),
		Others:     m.value(fOthers),

		Circumstances: m.circList(),
		Fields:        m.draftExtra(),
		Address:       m.address,
		AddressFrom:   m.addressFrom,
	}
}

// circItems are the circumstances as tick boxes.
func circItems(c *common.Common) []components.TickItem {
	var out []components.TickItem
	for _, k := range actions.Circumstances {
		out = append(out, components.TickItem{ID: k.ID, Label: k.In(c.Lang)})
	}
	return out
}

// circList is the ticked circumstances, in the desk's order.
func (m *Model) circList() []string {
	var out []string
	for _, k := range actions.Circumstances {
		if m.circ.On(k.ID) {
			out = append(out, k.ID)
		}
	}
	return out
}

// others reads the other complainants: "李四 13900001111；王五 13700002222".
func (m *Model) others() []desk.Person {
	var out []desk.Person
	for _, part := range strings.FieldsFunc(m.value(fOthers), func(r rune) bool { return r == ';' || r == '；' || r == '/' || r == '、' }) {
		var p desk.Person
		for _, f := range strings.FieldsFunc(part, func(r rune) bool { return r == ' ' || r == ',' || r == '，' || r == '\t' }) {
			switch {
			case strings.Contains(f, "@"):
				p.Email = f
			case strings.IndexFunc(f, func(r rune) bool { return r >= '0' && r <= '9' }) >= 0 && p.Phone == "":
				p.Phone = f
			default:
				p.Name = strings.TrimSpace(p.Name + " " + f)
			}
		}
		if p != (desk.Person{}) {
			out = append(out, p)
		}
	}
	return out
}

func (m *Model) draftJSON() string { return m.draft().encode() }

// valuesKey is the form's values without focus or key: equal to initial
// while nothing was typed.
func (m *Model) valuesKey() string {
	d := m.draft()
	d.Focus, d.Idem = "", ""
	return d.encode()
}

// pristine: a new form nobody typed into.
func (m *Model) pristine() bool { return !m.resumed && m.valuesKey() == m.initial }

func (m *Model) phoneNorm() string {
	s := strings.TrimSpace(m.value(fPhone))
	if s == "" {
		return ""
	}
	n, _, err := complaint.NormalizePhone(s)
	if err != nil {
		return ""
	}
	return n
}

// late reports whether the complaint was received more than an hour ago:
// registering it now is a late entry, which asks for its reason.
func (m *Model) late() bool {
	t, err := m.receivedTime()
	return err == nil && !t.IsZero() && desk.IsLateEntry(t, m.now())
}

func (m *Model) receivedTime() (time.Time, error) {
	s := strings.TrimSpace(m.value(fReceived))
	if s == "" {
		return time.Time{}, nil
	}
	s = strings.ReplaceAll(s, "/", "-")
	for _, layout := range []string{timeLayout, "2006-1-2 15:04", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, m.c.Loc()); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errors.New("bad time")
}

func (m *Model) collective() (int, error) {
	s := strings.TrimSpace(m.value(fCollective))
	if s == "" {
		return 1, nil
	}
	return strconv.Atoi(s)
}

// ---- options of the select fields ------------------------------------------

type option struct{ id, label string }

func (m *Model) options(f field) []option {
	p, lang := m.c.Policy(), m.c.Lang
	var out []option
	switch f {
	case fChannel:
		for _, o := range p.Channels {
			out = append(out, option{o.ID, o.In(lang)})
		}
	case fNature:
		for _, o := range p.Natures {
			out = append(out, option{o.ID, o.In(lang)})
		}
	case fCategory:
		out = append(out, option{"", m.c.T(text.Intake.CategoryLater)})
		seen := map[string]bool{}
		var walk func(parent string)
		walk = func(parent string) {
			for _, cat := range p.Children(parent) {
				if seen[cat.ID] {
					continue
				}
				seen[cat.ID] = true
				out = append(out, option{cat.ID, p.CategoryPath(cat.ID, lang)})
				walk(cat.ID)
			}
		}
		walk("")
	case fGrade:
		out = append(out, option{"", m.c.T(text.Intake.UseSuggestion)})
		for _, g := range p.Grades {
			out = append(out, option{g.ID, g.ID + " " + g.In(lang)})
		}
	}
	return out
}

func (m *Model) optionLabel(f field, id string) string {
	for _, o := range m.options(f) {
		if o.id == id {
			return o.label
		}
	}
	return id
}

// pickOptions are a select field's options for its picker.
func (m *Model) pickOptions(f field) []components.PickOption {
	var out []components.PickOption
	for _, o := range m.options(f) {
		if f == fGrade && o.id == "" {
			o.label = m.c.F(text.Intake.UseSuggestionIs, m.gradeName(m.sugGrade))
		}
		out = append(out, components.PickOption{ID: o.id, Label: o.label})
	}
	return out
}

// ---- update -----------------------------------------------------------------

// Update handles keys, pastes and the results of the form's commands.
func (m *Model) Update(msg tea.Msg) (common.Page, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	case tea.PasteMsg:
		if m.confirming || m.saving {
			return m, nil
		}
		if m.focus.isSelect() {
			before := m.values()
			m.pick.Type(msg.Content)
			m.sel[m.focus] = m.pick.Value()
			return m, m.changed(before)
		}
		before := m.values()
		cmd := m.forward(msg)
		return m, tea.Batch(cmd, m.changed(before))
	case draftTickMsg:
		if msg.g != m.g || msg.seq != m.draftSeq {
			return m, nil
		}
		return m, m.writeDraft(msg.seq)
	case draftSavedMsg:
		if msg.g != m.g {
			return m, nil
		}
		if msg.err != nil {
			m.draftErr = m.c.ErrorText(msg.err)
		} else {
			m.draftErr = ""
			if !msg.deleted {
				m.draftAt = msg.at
			}
		}
		return m, nil
	case callersMsg:
		if msg.g == m.g && msg.phone == m.wantPhone {
			m.callers = &msg
		}
		return m, nil
	case similarMsg:
		if msg.g == m.g && msg.key == m.simKey() {
			m.sim = &msg
			m.refreshSuggestion()
		}
		return m, nil
	case savedMsg:
		if msg.g != m.g {
			return m, nil
		}
		return m, m.saved(msg)
	case noteInsteadMsg:
		if msg.g != m.g {
			return m, nil
		}
		return m, common.Cmd(common.OpenCaseMsg{Number: msg.number, Note: msg.note, Replace: true})
	case discardedMsg:
		if msg.g != m.g {
			return m, nil
		}
		m.confirming = false
		if msg.err != nil {
			return m, tea.Batch(common.Status(m.c.F(text.Intake.DraftNotDeleted, m.c.ErrorText(msg.err)), true), common.Cmd(common.BackMsg{}))
		}
		return m, common.Cmd(common.BackMsg{})
	case common.DataChangedMsg:
		return m, tea.Batch(m.lookupCallers(true), m.lookupSimilar(true))
	case common.TickMsg:
		return m, nil
	}
	// Anything else (cursor messages) belongs to the focused text field.
	return m, m.forward(msg)
}

func (m *Model) values() [numFields]string {
	var v [numFields]string
	for f := range numFields {
		v[f] = m.value(f)
	}
	return v
}

func (m *Model) handleKey(msg tea.KeyPressMsg) (common.Page, tea.Cmd) {
	if m.confirming {
		switch {
		case keys.IntakeDiscard.Yes.Matches(msg):
			return m, m.discard()
		case keys.IntakeDiscard.No.Matches(msg):
			m.confirming = false
		}
		return m, nil
	}
	if m.saving {
		return m, nil
	}
	if cmd, ok := m.callerKey(msg); ok { // repeat.go
		return m, cmd
	}
	before := m.values()
	if m.focus == fFields {
		if cmd, ok := m.extraKeyPress(msg); ok {
			return m, tea.Batch(cmd, m.changed(before))
		}
	}
	var cmd tea.Cmd
	k := m.keys
	if s := msg.String(); m.focus.isSelect() && m.pick.Filtering() && !k.Save.Matches(msg) && s != "tab" && s != "shift+tab" {
		m.pick.Update(msg) // enter, esc, ↑/↓ and typing narrow the list
		m.sel[m.focus] = m.pick.Value()
		return m, m.changed(before)
	}
	switch s := msg.String(); {
	case k.Save.Matches(msg):
		return m, m.save()
	case k.Discard.Matches(msg):
		if m.pristine() {
			return m, m.discard()
		}
		m.confirming = true
		return m, nil
	case k.Next.Matches(msg) && (s == "tab" || m.focus != fContent): // enter is a new line in the content
		m.move(1)
	case k.Prev.Matches(msg):
		m.move(-1)
	case m.focus != fContent && s == "down":
		m.move(1)
	case m.focus != fContent && s == "up":
		m.move(-1)
	case m.focus == fCircumstances:
		switch s {
		case "h":
			msg = tea.KeyPressMsg{Code: tea.KeyLeft}
		case "l":
			msg = tea.KeyPressMsg{Code: tea.KeyRight}
		}
		m.circ.Update(msg)
	case m.focus.isSelect():
		switch {
		case (s == "backspace" || s == "delete") && (m.focus == fCategory || m.focus == fGrade):
			m.pick.Select("") // later / the suggestion
		default:
			m.pick.Update(msg)
		}
		m.sel[m.focus] = m.pick.Value()
	default:
		cmd = m.forward(msg)
	}
	return m, tea.Batch(cmd, m.changed(before))
}

// forward gives a message to the focused text field.
func (m *Model) forward(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch {
	case m.focus == fContent:
		m.content, cmd = m.content.Update(msg)
	case m.focus == fFields:
		cmd = m.extraForward(msg)
	case m.focus.isInput():
		m.inputs[m.focus], cmd = m.inputs[m.focus].Update(msg)
	}
	return cmd
}

func (m *Model) move(delta int) {
	f := field((int(m.focus) + delta + int(numFields)) % int(numFields))
	if f == fLate && !m.late() {
		f = field((int(f) + delta + int(numFields)) % int(numFields))
	}
	if f == fFields {
		list := m.extraList()
		if len(list) == 0 { // the nature asks for no field of the policy
			f = field((int(f) + delta + int(numFields)) % int(numFields))
		} else if delta < 0 {
			m.extra.at = len(list) - 1
		} else {
			m.extra.at = 0
		}
	}
	m.setFocus(f)
}

func (m *Model) setFocus(f field) {
	for g := range numFields {
		if g.isInput() {
			m.inputs[g].Blur()
		}
	}
	m.content.Blur()
	m.focus = f
	m.pick = components.Picker{}
	if f.isSelect() {
		m.pick = components.NewPicker(m.pickOptions(f), m.sel[f])
	}
	m.extraFocus(f == fFields)
	switch {
	case f == fContent:
		m.content.Focus()
	case f.isInput():
		m.inputs[f].Focus()
		m.inputs[f].CursorEnd()
	}
}

// changed follows up a change: errors of edited fields go, the caller's
// history and the similar complaints are looked up when their keys changed,
// the grade suggestion is recomputed and the draft is scheduled.
func (m *Model) changed(before [numFields]string) tea.Cmd {
	var cmds []tea.Cmd
	after := m.values()
	edited := false
	for f := range numFields {
		if before[f] != after[f] {
			edited = true
			delete(m.errs, f)
		}
	}
	if edited {
		m.general = ""
		if before[fFields] != after[fFields] {
			m.extra.errs = nil
		}
		if before[fPhone] != after[fPhone] {
			cmds = append(cmds, m.lookupCallers(false))
		}
		if before[fCategory] != after[fCategory] || before[fSubject] != after[fSubject] || before[fReceived] != after[fReceived] {
			cmds = append(cmds, m.lookupSimilar(false))
		}
		m.refreshSuggestion()
	}
	if snap := m.draftJSON(); snap != m.lastSnap {
		m.lastSnap = snap
		m.draftSeq++
		seq, g := m.draftSeq, m.g
		cmds = append(cmds, tea.Tick(draftDelay, func(time.Time) tea.Msg { return draftTickMsg{g: g, seq: seq} }))
	}
	return tea.Batch(cmds...)
}

// writeDraft keeps the form (or, when it is back to untouched, forgets it).
func (m *Model) writeDraft(seq int) tea.Cmd {
	g, d, ctx, user := m.g, m.c.Desk, m.ctx(), m.c.Actor.Name
	data, remove := m.lastSnap, m.pristine()
	return func() tea.Msg {
		g.Mu.Lock()
		defer g.Mu.Unlock()
		if g.Done {
			return nil
		}
		var err error
		if remove {
			err = d.DeleteDraft(ctx, user, DraftKey)
		} else {
			err = d.SaveDraft(ctx, user, DraftKey, data)
		}
		return draftSavedMsg{g: g, seq: seq, at: d.Now(), deleted: remove, err: err}
	}
}

func (m *Model) ctx() context.Context {
	if m.c.Ctx == nil {
		return context.Background()
	}
	return m.c.Ctx
}

// lookupCallers asks for the caller's earlier cases once the phone is valid.
func (m *Model) lookupCallers(again bool) tea.Cmd {
	phone := m.phoneNorm()
	if phone == "" {
		m.wantPhone, m.callers = "", nil
		return nil
	}
	if phone == m.wantPhone && !again {
		return nil
	}
	if phone != m.wantPhone {
		m.callers = nil
	}
	m.wantPhone = phone
	g, d, ctx, actor := m.g, m.c.Desk, m.ctx(), m.c.Actor
	return func() tea.Msg {
		cs, err := d.Caller(ctx, actor, phone, callerLimit)
		return callersMsg{g: g, phone: phone, cases: cs, err: err}
	}
}

// simKey is what the same complaint is matched on: category and subject.
func (m *Model) simKey() string {
	sub := strings.TrimSpace(m.value(fSubject))
	if m.sel[fCategory] == "" || sub == "" {
		return ""
	}
	return m.sel[fCategory] + "\x00" + sub + "\x00" + strings.TrimSpace(m.value(fReceived))
}

// lookupSimilar reads the cases of the same category and subject within the
// policy's window: who else complained about the same thing (grading rule
// B2, regulation 001 "一个月内累计三次以上不同投诉人的相同投诉").
func (m *Model) lookupSimilar(again bool) tea.Cmd {
	key := m.simKey()
	if key == "" {
		m.sim = nil
		return nil
	}
	if m.sim != nil && m.sim.key == key && !again {
		return nil
	}
	if m.sim != nil && m.sim.key != key {
		m.sim = nil
	}
	cat, sub := m.sel[fCategory], strings.TrimSpace(m.value(fSubject))
	ref, err := m.receivedTime()
	if err != nil || ref.IsZero() {
		ref = m.now()
	}
	g, d, ctx, actor := m.g, m.c.Desk, m.ctx(), m.c.Actor
	return func() tea.Msg {
		cs, err := d.SimilarComplaints(ctx, actor, cat, sub, ref)
		var out []simEntry
		var nums []string
		for _, c := range cs {
			nums = append(nums, c.Number)
			for _, p := range c.Complainants {
				who := p.Phone
				if who == "" && p.Email != "" {
					who = "e:" + strings.ToLower(p.Email)
				}
				if who == "" {
					who = "case:" + c.Number
				}
				out = append(out, simEntry{who: who, at: c.ReceivedAt})
			}
		}
		return similarMsg{g: g, key: key, entries: out, numbers: nums, err: err}
	}
}

func (m *Model) windowDays() int {
	if d := m.c.Policy().Grading.RepeatWindowDays; d > 0 {
		return d
	}
	return 30
}

// similarCount is how many other complainants made the same complaint
// within the policy's window around this complaint's received time.
func (m *Model) similarCount() int {
	if m.sim == nil || m.sim.key != m.simKey() {
		return 0
	}
	ref, err := m.receivedTime()
	if err != nil || ref.IsZero() {
		ref = m.now()
	}
	window := time.Duration(m.windowDays()) * 24 * time.Hour
	self := map[string]bool{}
	if p := m.phoneNorm(); p != "" {
		self[p] = true
	}
	if e := strings.TrimSpace(m.value(fEmail)); e != "" {
		self["e:"+strings.ToLower(e)] = true
	}
	seen := map[string]bool{}
	for _, p := range m.others() {
		if n, _, err := complaint.NormalizePhone(p.Phone); err == nil {
			self[n] = true
		}
	}
	for _, e := range m.sim.entries {
		if self[e.who] || seen[e.who] {
			continue
		}
		if d := e.at.Sub(ref); d > window || d < -window {
			continue
		}
		seen[e.who] = true
	}
	return len(seen)
}

func (m *Model) refreshSuggestion() {
	n, err := m.collective()
	if err != nil || n < 1 {
		n = 1
	}
	n = max(n, 1+len(m.others()))
	m.sugGrade, m.sugReasons = m.c.Policy().SuggestGrade(policy.GradeInput{
		Nature:                  m.sel[fNature],
		CollectiveSize:          n,
		SimilarComplainants:     m.similarCount(),
		Lawsuit:                 m.circ.On("lawsuit"),
		Media:                   m.circ.On("media"),
		MediaPossible:           m.circ.On("media_possible"),
		SeriousLoss:             m.circ.On("serious_loss"),
		Injury:                  m.circ.On("injury"),
		ContractUnmetAskedTwice: m.circ.On("contract_unmet"),
	})
}

// suggestionReason is the suggestion's reasons in the UI language.
func (m *Model) suggestionReason() string {
	var parts []string
	for _, r := range m.sugReasons {
		parts = append(parts, r.In(m.c.Lang))
	}
	return strings.Join(parts, m.c.T(text.Common.ReasonSep))
}

// ---- save and discard ---------------------------------------------------------

func (m *Model) registration() (desk.Registration, bool) {
	ok := true
	received, err := m.receivedTime()
	if err != nil {
		m.errs[fReceived] = m.c.T(text.Intake.BadTime)
		ok = false
	}
	size, err := m.collective()
	if err != nil {
		m.errs[fCollective] = m.c.T(text.Intake.BadCollective)
		ok = false
	}
	grade, reason := m.sel[fGrade], ""
	switch {
	case grade == "":
		grade, reason = m.sugGrade, m.suggestionReason()
	case grade == m.sugGrade:
		reason = m.suggestionReason()
	default:
		reason = m.c.F(text.Intake.AgentChoice, m.sugGrade, m.suggestionReason())
	}
	return desk.Registration{
		Channel:        m.sel[fChannel],
		Nature:         m.sel[fNature],
		Category:       m.sel[fCategory],
		Grade:          grade,
		GradeReason:    reason,
		ReceivedAt:     received,
		LateReason:     strings.TrimSpace(m.value(fLate)),
		Name:           strings.TrimSpace(m.value(fName)),
		Phone:          strings.TrimSpace(m.value(fPhone)),
		Email:          strings.TrimSpace(m.value(fEmail)),
		Content:        m.value(fContent),
		Demand:         strings.TrimSpace(m.value(fDemand)),
		Subject:        strings.TrimSpace(m.value(fSubject)),
		CollectiveSize: size,
		IdemKey:        m.idem,
		Circumstances:  m.circumstances(),
		Others:         m.others(),
		Fields:         m.extraValues(),
		Address:        m.address,
	}, ok
}

// circumstances are the ticked circumstances for the desk.
func (m *Model) circumstances() map[string]bool {
	if len(m.circList()) == 0 {
		return nil
	}
	out := map[string]bool{}
	for _, k := range m.circList() {
		out[k] = true
	}
	return out
}

func (m *Model) save() tea.Cmd {
	m.errs = map[field]string{}
	m.extra.errs = nil
	m.general = ""
	m.refreshSuggestion()
	reg, ok := m.registration()
	if !ok {
		m.focusFirstError()
		return common.Status(m.c.T(text.Intake.NotSaved), true)
	}
	m.saving = true
	g, d, ctx, actor := m.g, m.c.Desk, m.ctx(), m.c.Actor
	return func() tea.Msg {
		g.Mu.Lock()
		defer g.Mu.Unlock()
		c, existed, err := d.Register(ctx, actor, reg)
		if err != nil {
			return savedMsg{g: g, err: err}
		}
		g.Done = true
		derr := d.DeleteDraft(ctx, actor.Name, DraftKey)
		return savedMsg{g: g, number: c.Number, existed: existed, draftErr: derr}
	}
}

func (m *Model) saved(msg savedMsg) tea.Cmd {
	m.saving = false
	if msg.err != nil {
		var ve *desk.ValidationError
		var fe *desk.ForbiddenError
		switch {
		case errors.As(msg.err, &ve):
			for _, p := range ve.Problems {
				why := p.Message(m.c.Lang)
				if f, ok := fieldByKey(p.Field); ok {
					if prev := m.errs[f]; prev != "" {
						why = prev + m.c.T(text.Common.ReasonSep) + why
					}
					m.errs[f] = why
				} else if m.extraError(p.Field, why) { // a policy field (lab.go)
				} else {
					m.general = strings.TrimSpace(m.general + " " + why)
				}
			}
			m.focusFirstError()
			return common.Status(m.c.T(text.Intake.NotSaved), true)
		case errors.As(msg.err, &fe):
			m.general = m.c.F(text.Intake.Forbidden, fe.Error())
		default:
			m.general = m.c.F(text.Intake.SaveFailed, m.c.ErrorText(msg.err))
		}
		return common.Status(m.general, true)
	}
	done := m.c.F(text.Intake.Registered, msg.number)
	if msg.existed {
		done += m.c.T(text.Intake.SavedBefore)
	}
	if msg.draftErr != nil {
		done += m.c.T(text.Intake.DraftLeft)
	}
	return tea.Batch(
		common.Cmd(common.SavedMsg{Number: msg.number}),
		common.Status(done, false),
		common.Cmd(common.BackMsg{}),
	)
}

func (m *Model) focusFirstError() {
	for f := range numFields {
		if m.errs[f] != "" {
			m.setFocus(f)
			return
		}
	}
}

// FlushDraft writes the form as a draft now, without waiting for the
// debounce; it blocks, so call it only when the session is ending (server
// shutdown). It writes nothing once the form was saved or discarded.
func (m *Model) FlushDraft(ctx context.Context) error {
	m.g.Mu.Lock()
	defer m.g.Mu.Unlock()
	if m.g.Done || m.pristine() {
		return nil
	}
	return m.c.Desk.SaveDraft(ctx, m.c.Actor.Name, DraftKey, m.draftJSON())
}

// discard forgets the form and its draft, then leaves.
func (m *Model) discard() tea.Cmd {
	g, d, ctx, user := m.g, m.c.Desk, m.ctx(), m.c.Actor.Name
	return func() tea.Msg {
		g.Mu.Lock()
		defer g.Mu.Unlock()
		g.Done = true
		return discardedMsg{g: g, err: d.DeleteDraft(ctx, user, DraftKey)}
	}
}
