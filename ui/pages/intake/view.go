package intake

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"complaintdesk/internal/desk/actions"
	"complaintdesk/internal/safetext"
	"complaintdesk/ui/components"
	"complaintdesk/ui/text"
)

// wideFrom is the page width from which the caller's history is shown in a
// column beside the form instead of under the phone field.
const wideFrom = 110

// narrowCallerRows is how many earlier cases are listed under the phone
// field when there is no room for a side column.
const narrowCallerRows = 5

type layout struct {
	wide     bool
	formW    int // the form column
	panelW   int // the side column (wide only)
	labelW   int
	valueW   int
	contentH int
}

func (m *Model) label(f field) string {
	c := m.c
	switch f {
	case fChannel:
		return c.T(text.Intake.Channel)
	case fReceived:
		return c.T(text.Intake.Received)
	case fLate:
		return c.T(text.Intake.Late)
	case fPhone:
		return c.T(text.Intake.Phone)
	case fEmail:
		return c.T(text.Intake.Email)
	case fName:
		return c.T(text.Intake.Name)
	case fContent:
		return c.T(text.Intake.Content)
	case fDemand:
		return c.T(text.Intake.Demand)
	case fNature:
		return c.T(text.Intake.Nature)
	case fCategory:
		return c.T(text.Intake.Category)
	case fGrade:
		return c.T(text.Intake.Grade)
	case fCollective:
		return c.T(text.Intake.Collective)
	case fSubject:
		return c.T(text.Intake.Subject)
	case fOthers:
		return c.T(text.Intake.Others)
	case fCircumstances:
		return c.T(text.Intake.Circumstances)
	}
	return ""
}

func (m *Model) hint(f field) string {
	c := m.c
	switch f {
	case fReceived:
		return c.T(text.Intake.HintReceived)
	case fLate:
		return actions.LateReason.Hint.In(c.Lang)
	case fPhone:
		return c.T(text.Intake.HintPhone)
	case fEmail:
		return c.T(text.Form.Optional)
	case fName:
		return c.T(text.Intake.HintName)
	case fContent:
		return c.T(text.Intake.HintContent)
	case fDemand:
		return c.T(text.Intake.HintDemand)
	case fCollective:
		return c.T(text.Intake.HintCollective)
	case fSubject:
		return c.T(text.Intake.HintSubject)
	case fOthers:
		return c.T(text.Intake.HintOthers)
	}
	return ""
}

func (m *Model) layout() layout {
	l := layout{formW: m.width}
	if m.width >= wideFrom {
		l.wide = true
		l.formW = m.width * 3 / 5
		l.panelW = m.width - l.formW - 3
	}
	for f := range numFields {
		l.labelW = max(l.labelW, ansi.StringWidth(m.label(f)))
	}
	if w := m.extraLabelW(); w > 0 {
		l.labelW = max(l.labelW, w+1) // and a mark of the required ones
	}
	l.valueW = max(8, l.formW-2-l.labelW-1)
	l.contentH = min(8, max(3, m.height-15))
	return l
}

type span struct{ start, end int }

// View draws the form in the page area; it reads nothing from the database.
func (m *Model) View() string {
	l := m.layout()
	bodyH := max(1, m.height-1)
	lines, spans := m.formLines(l)

	sp := spans[m.focus]
	if sp.end > m.scroll+bodyH {
		m.scroll = sp.end - bodyH
	}
	if sp.start < m.scroll {
		m.scroll = sp.start
	}
	m.scroll = max(0, min(m.scroll, len(lines)-bodyH))
	vis := lines[m.scroll:min(len(lines), m.scroll+bodyH)]
	above, below := m.scroll > 0, m.scroll+bodyH < len(lines)

	var panel []string
	if l.wide {
		panel = m.panelLines(l.panelW)
		if len(panel) > bodyH {
			panel = panel[:bodyH]
		}
	}
	out := []string{m.titleLine(above, below)}
	for i := range max(len(vis), len(panel)) {
		left := ""
		if i < len(vis) {
			left = vis[i]
		}
		if l.wide {
			right := ""
			if i < len(panel) {
				right = panel[i]
			}
			left = components.Fit(left, l.formW) + " " + m.c.Styles.Muted.Render("|") + " " + right
		}
		out = append(out, fitLine(left, m.width))
	}
	if m.confirming {
		out = m.overlayConfirm(out)
	}
	return strings.Join(out, "\n")
}

// fitLine truncates a line to width cells without padding it.
func fitLine(s string, width int) string {
	if ansi.StringWidth(s) <= width {
		return s
	}
	return ansi.Truncate(s, width, "~")
}

func (m *Model) titleLine(above, below bool) string {
	st := m.c.Styles
	left := st.Title.Render(m.c.T(text.Intake.Title))
	if m.resumed {
		left += st.Muted.Render(m.c.T(text.Intake.Resumed))
	}
	var right []string
	switch {
	case m.general != "":
		right = append(right, st.Error.Render(safetext.Line(m.general)))
	case m.saving:
		right = append(right, st.Muted.Render(m.c.T(text.Intake.Saving)))
	case m.draftErr != "":
		right = append(right, st.Error.Render(m.c.F(text.Intake.DraftNotKept, safetext.Line(m.draftErr))))
	case !m.draftAt.IsZero():
		right = append(right, st.Muted.Render(m.c.F(text.Intake.DraftKeptAt, m.draftAt.In(m.c.Loc()).Format("15:04:05"))))
	}
	switch {
	case above && below:
		right = append(right, st.Muted.Render(m.c.T(text.Intake.MoreAboveBelow)))
	case above:
		right = append(right, st.Muted.Render(m.c.T(text.Intake.MoreAbove)))
	case below:
		right = append(right, st.Muted.Render(m.c.T(text.Intake.MoreBelow)))
	}
	r := strings.Join(right, "  ")
	lw := ansi.StringWidth(left)
	room := m.width - lw - 2
	if r == "" || room < 6 {
		return fitLine(left, m.width)
	}
	r = fitLine(r, room)
	return left + strings.Repeat(" ", m.width-lw-ansi.StringWidth(r)) + r
}

// formLines draws every field; spans say which lines belong to which field
// (its value, its error and its notes) so the focused one can be scrolled
// into view.
func (m *Model) formLines(l layout) ([]string, [numFields]span) {
	st := m.c.Styles
	var lines []string
	var spans [numFields]span
	indent := strings.Repeat(" ", 2+l.labelW+1)
	note := func(style func(...string) string, text string, maxLines int) {
		ws := strings.Split(ansi.Wrap(text, l.valueW, ""), "\n")
		if len(ws) > maxLines {
			ws = ws[:maxLines]
			ws[maxLines-1] = components.Fit(ws[maxLines-1], l.valueW-1) + "~"
		}
		for _, w := range ws {
			lines = append(lines, indent+style(fitLine(w, l.valueW)))
		}
	}
	for f := range numFields {
		start := len(lines)
		if f == fLate && !m.late() {
			spans[f] = span{start, start}
			continue
		}
		if f == fFields {
			lines = append(lines, m.extraLines(l, indent)...) // lab.go
			spans[f] = span{start, len(lines)}
			continue
		}
		focused := f == m.focus
		marker, lab := "  ", st.Label.Render(components.Fit(m.label(f), l.labelW))
		if focused {
			marker = st.Focused.Render("> ")
			lab = st.Focused.Render(components.Fit(m.label(f), l.labelW))
		}
		prefix := marker + lab + " "
		if f == fContent {
			for i, tl := range m.contentLines(l) {
				if i == 0 {
					lines = append(lines, prefix+tl)
				} else {
					lines = append(lines, indent+tl)
				}
			}
		} else if f == fCircumstances {
			for i, cl := range m.circLines(l.valueW) {
				if i == 0 {
					lines = append(lines, prefix+cl)
				} else {
					lines = append(lines, indent+cl)
				}
			}
		} else {
			lines = append(lines, prefix+m.valueView(f, l.valueW))
			if focused && f.isSelect() {
				for _, pl := range m.pick.View(st, m.c.Lang, l.valueW, true, pickRows)[1:] {
					lines = append(lines, indent+pl) // the matches under a filtering picker
				}
			}
		}
		if e := m.errs[f]; e != "" {
			note(st.Error.Render, safetext.Line(e), 4)
		}
		switch f {
		case fName:
			if m.address != "" {
				note(st.Muted.Render, m.c.F(text.Intake.TookOver, m.address, m.addressFrom), 2)
			}
		case fReceived:
			if due := m.pastDue(); due != "" {
				note(st.Warn.Render, due, 3)
			}
		case fGrade:
			note(st.Muted.Render, m.suggestionLine(), 3)
		case fPhone:
			if !l.wide {
				for _, cl := range m.callerLines(l.formW-len(indent), narrowCallerRows) {
					lines = append(lines, indent+cl)
				}
			}
		}
		spans[f] = span{start, len(lines)}
	}
	return lines, spans
}

// pickRows is how many matches a filtering picker lists.
const pickRows = 5

func (m *Model) suggestionLine() string {
	return m.c.F(text.Intake.Suggested, m.gradeName(m.sugGrade), m.suggestionReason())
}

// gradeName is a grade with its name: "B 较大".
func (m *Model) gradeName(id string) string {
	if g := m.c.Policy().Grade(id); g != nil {
		return id + " " + g.In(m.c.Lang)
	}
	return id
}

func (m *Model) valueView(f field, w int) string {
	st := m.c.Styles
	focused := f == m.focus
	if f.isSelect() {
		lbl := m.optionLabel(f, m.sel[f])
		if f == fGrade && m.sel[f] == "" {
			lbl = m.c.F(text.Intake.UseSuggestionIs, m.gradeName(m.sugGrade))
		}
		if focused {
			return m.pick.View(st, m.c.Lang, w, true, pickRows)[0]
		}
		if m.sel[f] == "" && f == fCategory {
			return st.Muted.Render(fitLine(lbl, w))
		}
		return st.Value.Render(fitLine(lbl, w))
	}
	v := m.inputs[f].Value()
	if focused {
		view := m.inputs[f].View()
		if v == "" {
			view = ansi.Truncate(view, 1, "") + " " + st.Muted.Render(m.hint(f))
		}
		return fitLine(view, w)
	}
	if v == "" {
		return st.Muted.Render(fitLine(m.hint(f), w))
	}
	return st.Value.Render(fitLine(safetext.Line(v), w))
}

// circLines draws the circumstances in w cells: with focus every one is a
// tick box (components.Ticks), wrapped whole; without, the ticked ones.
func (m *Model) circLines(w int) []string {
	st, c := m.c.Styles, m.c
	if m.focus == fCircumstances {
		return m.circ.Lines(st, w, true)
	}
	var on []string
	for _, k := range actions.Circumstances {
		if m.circ.On(k.ID) {
			on = append(on, k.In(c.Lang))
		}
	}
	if len(on) == 0 {
		return []string{st.Muted.Render(fitLine(c.T(text.Intake.NoCircumstances), w))}
	}
	var out []string
	for _, l := range components.Wrap(strings.Join(on, c.T(text.Common.ListSep)), w) {
		out = append(out, st.Warn.Render(l))
	}
	return out
}

func (m *Model) contentLines(l layout) []string {
	if m.content.Value() == "" && m.focus != fContent {
		out := []string{m.c.Styles.Muted.Render(fitLine(m.hint(fContent), l.valueW))}
		for len(out) < l.contentH {
			out = append(out, "")
		}
		return out
	}
	view := strings.TrimRight(m.content.View(), "\n")
	out := strings.Split(view, "\n")
	if len(out) > l.contentH {
		out = out[:l.contentH]
	}
	for i := range out {
		out[i] = fitLine(out[i], l.valueW)
	}
	for len(out) < l.contentH {
		out = append(out, "")
	}
	return out
}

// callerLines lists the caller's earlier cases (repeat complainant).
func (m *Model) callerLines(w, maxRows int) []string {
	st, c := m.c.Styles, m.c
	if w < 10 {
		return nil
	}
	one := func(style func(...string) string, s string) []string {
		var out []string
		for i, l := range strings.Split(ansi.Wrap(s, w, ""), "\n") {
			if i < 3 {
				out = append(out, style(fitLine(l, w)))
			}
		}
		return out
	}
	switch {
	case m.wantPhone == "":
		if maxRows > narrowCallerRows {
			return one(st.Muted.Render, c.T(text.Intake.CallerPrompt))
		}
		return nil
	case m.callers == nil:
		return one(st.Muted.Render, c.T(text.Intake.CallerLooking))
	case m.callers.err != nil:
		return one(st.Error.Render, c.F(text.Intake.CallerFailed, safetext.Line(c.ErrorText(m.callers.err))))
	case len(m.callers.cases) == 0:
		return one(st.Muted.Render, c.T(text.Intake.CallerNone))
	}
	cases := m.callers.cases
	open := 0
	for _, cs := range cases {
		if cs.Open {
			open++
		}
	}
	head := c.F(text.Intake.CallerCount, len(cases), open)
	if len(cases) >= callerLimit {
		head = c.F(text.Intake.CallerLatest, len(cases), open)
	}
	headStyle := st.Muted.Render
	if open > 0 {
		headStyle = st.Warn.Render
	}
	out := one(headStyle, head)
	if oc := m.openCallerCase(); oc != nil {
		out = append(out, one(st.Focused.Render, c.F(text.Intake.CallerKeys, oc.Number))...)
	}
	shown := cases[:min(len(cases), maxRows)]
	sw := 0
	for _, cs := range shown {
		sw = max(sw, ansi.StringWidth(c.StatusName(cs.Status)))
	}
	sw = min(sw, 12)
	for _, cs := range shown {
		status := components.Fit(safetext.Line(c.StatusName(cs.Status)), sw)
		if cs.Open {
			status = st.Warn.Render(status)
		} else {
			status = st.Muted.Render(status)
		}
		date := cs.ReceivedAt.In(c.Loc()).Format("2006-01-02")
		name := c.Name(cs.Primary())
		excerpt := strings.Join(strings.Fields(safetext.Line(cs.Content)), " ")
		first := st.Value.Render(cs.Number) + " " + date + " " + status
		if w >= 60 {
			rest := w - ansi.StringWidth(first) - 1
			tail := components.Fit(name, 8) + " " + excerpt
			out = append(out, first+" "+st.Muted.Render(fitLine(tail, max(0, rest))))
			continue
		}
		out = append(out, fitLine(first, w))
		out = append(out, "  "+st.Muted.Render(fitLine(strings.TrimSpace(name+" "+excerpt), w-2)))
	}
	if more := len(cases) - len(shown); more > 0 {
		out = append(out, one(st.Muted.Render, c.F(text.Intake.CallerMore, more))...)
	}
	return out
}

// panelLines is the side column at wide sizes: the caller's history and
// the same complaint from other people.
func (m *Model) panelLines(w int) []string {
	st, c := m.c.Styles, m.c
	out := []string{st.Title.Render(fitLine(c.T(text.Intake.CallerHistory), w))}
	out = append(out, m.callerLines(w, callerLimit)...)
	out = append(out, "", st.Title.Render(fitLine(c.T(text.Intake.Similar), w)))
	var s string
	style := st.Muted.Render
	switch {
	case m.simKey() == "":
		s = c.T(text.Intake.SimilarPrompt)
	case m.sim == nil:
		s = c.T(text.Intake.Counting)
	case m.sim.err != nil:
		s, style = c.F(text.Intake.CountFailed, safetext.Line(c.ErrorText(m.sim.err))), st.Error.Render
	default:
		s = c.F(text.Intake.SimilarCount, m.windowDays(), m.similarCount())
		if len(m.sim.numbers) > 0 {
			s += c.T(text.Common.Colon) + strings.Join(m.sim.numbers[:min(len(m.sim.numbers), 6)], " ")
		}
	}
	for _, line := range strings.Split(ansi.Wrap(s, w, ""), "\n") {
		out = append(out, style(fitLine(line, w)))
	}
	return out
}

func (m *Model) overlayConfirm(out []string) []string {
	dw := max(10, min(m.width-4, 56))
	question := m.c.T(text.Intake.DiscardQuestion) + "\n\n" + m.c.T(text.Intake.DiscardHint)
	box := strings.Split(m.c.Styles.Dialog.Width(dw).Render(question), "\n")
	for len(out) < min(m.height, len(box)+2) {
		out = append(out, "")
	}
	bw := 0
	for _, b := range box {
		bw = max(bw, ansi.StringWidth(b))
	}
	left := strings.Repeat(" ", max(0, (m.width-bw)/2))
	top := max(1, (len(out)-len(box))/2)
	for i, b := range box {
		if top+i < len(out) {
			out[top+i] = fitLine(left+b, m.width)
		}
	}
	return out
}
