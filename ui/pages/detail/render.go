package detail

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"complaintdesk/internal/deadline"
	"complaintdesk/internal/desk"
	"complaintdesk/internal/desk/actions"
	"complaintdesk/internal/safetext"
	"complaintdesk/ui/common"
	"complaintdesk/ui/components"
	"complaintdesk/ui/keys"
	"complaintdesk/ui/text"
)

// View draws the page from what the last load read; it reads nothing.
func (m *Model) View() string {
	w, h := m.width, m.height
	if w <= 0 || h <= 0 {
		return ""
	}
	c := m.c
	s := c.Styles
	if m.cs == nil {
		if m.loadErr != nil {
			return clip([]string{
				s.Title.Render(m.number),
				s.Error.Render(safetext.Line(c.ErrorText(m.loadErr))),
				keyLine(c, []keys.Binding{keys.Detail.Back}),
			}, w, h)
		}
		return clip([]string{s.Title.Render(m.number), s.Muted.Render(c.T(text.Common.Loading))}, w, h)
	}

	if m.offer != nil {
		return m.offerView(w, h)
	}
	if m.form != nil {
		return m.formView(w, h)
	}
	if m.reveal.open {
		return m.revealView(w, h)
	}

	head := m.titleLines(w)
	head = append(head, m.clockLines(w)...)
	head = append(head, m.complainantLine(w))

	bodyH := h - len(head) - 1
	if bodyH < 3 {
		// Very small: keep the title, the clocks and some of the body.
		keep := max(1, h-1-3)
		if keep < len(head) {
			head = head[:keep]
		}
		bodyH = max(0, h-len(head)-1)
	}
	m.bodyH = bodyH
	m.ensureBody(w)
	m.clampOffset()
	footer := m.footer(w)

	lines := append([]string{}, head...)
	end := min(len(m.body), m.offset+bodyH)
	lines = append(lines, m.body[m.offset:end]...)
	for i := end - m.offset; i < bodyH; i++ {
		lines = append(lines, "")
	}
	lines = append(lines, footer)
	return clip(lines, w, h)
}

// formView is the case's title and clocks with the action's dialog below.
func (m *Model) formView(w, h int) string {
	title := m.titleLines(w)[:1]
	clocks := m.clockLines(w)
	head := append(append([]string{}, title...), clocks...)
	avail := h - len(head)
	w = min(w, 100) // a form wider than this is harder to read, not easier
	bindings := m.formKeys()
	dialog := m.form.view(m.c, w, avail, bindings)
	if n := strings.Count(dialog, "\n") + 1; n > avail {
		head = title
		avail = h - len(head)
		dialog = m.form.view(m.c, w, avail, bindings)
	}
	lines := append(head, strings.Split(dialog, "\n")...)
	return clip(lines, w, h)
}

// clip makes the page exactly fit: no line wider than w, at most h lines.
func clip(lines []string, w, h int) string {
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > w {
			lines[i] = ansi.Truncate(l, w, "")
		}
	}
	return strings.Join(lines, "\n")
}

// pair is "label value" with the label muted.
func (m *Model) pair(label, value string) string {
	return m.c.Styles.Label.Render(label) + " " + value
}

func joinFit(parts []string, w int) string {
	var kept []string
	for _, p := range parts {
		if p != "" {
			kept = append(kept, p)
		}
	}
	return components.Fit(strings.Join(kept, "  "), w)
}

// wrapParts packs the parts into as few lines of width w as they take, in
// order, so that nothing of the header is cut at 80 columns (only a part
// wider than a line is).
func wrapParts(parts []string, w int) []string {
	var lines []string
	cur := ""
	for _, p := range parts {
		switch {
		case p == "":
		case cur == "":
			cur = p
		case ansi.StringWidth(cur)+2+ansi.StringWidth(p) <= w:
			cur += "  " + p
		default:
			lines = append(lines, components.Fit(cur, w))
			cur = p
		}
	}
	if cur != "" {
		lines = append(lines, components.Fit(cur, w))
	}
	return lines
}

// titleLines: number, status, grade and flags; channel, nature, category;
// times and who handles it; the grade's reason.
func (m *Model) titleLines(w int) []string {
	c, s, cs := m.c, m.c.Styles, m.cs
	p := c.Policy()

	status := c.StatusName(cs.Status)
	stStyle := s.Value.Bold(true)
	if st := p.Status(cs.Status); st != nil && !st.Open {
		stStyle = s.Muted
	}
	grade := c.T(text.Detail.NoGrade)
	training := cs.Training
	if g := p.Grade(cs.Grade); g != nil {
		grade = safetext.Line(cs.Grade) + " " + g.In(c.Lang)
		training = training || g.Training
	} else if cs.Grade != "" {
		grade = safetext.Line(cs.Grade)
	}
	l1 := []string{s.Title.Render(safetext.Line(cs.Number)), stStyle.Render("[" + safetext.Line(status) + "]"), m.pair(c.T(text.Detail.Grade), grade)}
	if training {
		l1 = append(l1, s.Warn.Render(c.T(text.Detail.Training)))
	}
	if cs.ReopenCount > 0 {
		l1 = append(l1, s.Warn.Render(c.F(text.Detail.Reopened, cs.ReopenCount)))
	}
	if cs.CollectiveSize > 1 {
		l1 = append(l1, s.Warn.Render(c.F(text.Detail.Collective, cs.CollectiveSize)))
	}
	if cs.Crisis {
		l1 = append(l1, s.Breach.Render(c.T(text.Detail.Crisis)))
	}
	if cs.Escalation != "" {
		lvl := cs.Escalation
		if l := p.Level(lvl); l != nil {
			lvl = l.In(c.Lang)
		}
		l1 = append(l1, s.Warn.Render(c.F(text.Detail.Escalated, safetext.Line(lvl))))
	}
	if fl := actions.Flags(cs); len(fl) > 0 {
		l1 = append(l1, s.Breach.Render(flagNames(c, fl)))
	}
	l1 = append(l1, m.lateMark()...) // lab.go

	category := c.T(text.Detail.NotCategorised)
	if cs.Category != "" {
		category = safetext.Line(p.CategoryPath(cs.Category, c.Lang))
	}
	l2 := []string{
		m.pair(c.T(text.Detail.Channel), safetext.Line(c.ChannelName(cs.Channel))),
		m.pair(c.T(text.Detail.Nature), safetext.Line(c.NatureName(cs.Nature))),
		m.pair(c.T(text.Detail.Category), category),
	}
	if cs.Subject != "" && !m.subjectIsField() {
		l2 = append(l2, m.pair(c.T(text.Detail.Subject), safetext.Line(cs.Subject)))
	}
	l2 = append(l2, m.labTitleParts()...) // lab.go

	handler := s.Warn.Render(c.T(text.Detail.Unassigned))
	if cs.Handler != "" {
		handler = safetext.Line(cs.Handler)
	}
	if cs.Department != "" {
		dep := safetext.Line(p.DepartmentName(cs.Department, c.Lang))
		handler += c.F(text.Common.Paren, dep)
	}
	l3 := []string{m.pair(c.T(text.Detail.Received), c.Time(cs.ReceivedAt))}
	if c.Time(cs.RegisteredAt) != c.Time(cs.ReceivedAt) {
		// a letter or a late entry: when it reached the desk
		l3 = append(l3, m.pair(c.T(text.Detail.Registered), c.Time(cs.RegisteredAt)))
	}
	l3 = append(l3, m.pair(c.T(text.Detail.Handler), handler))
	if !cs.ExpectedBy.IsZero() {
		l3 = append(l3, m.pair(c.T(text.Detail.ExpectedBy), c.Time(cs.ExpectedBy)))
	}
	out := append(append(wrapParts(l1, w), wrapParts(l2, w)...), wrapParts(l3, w)...)
	if cs.GradeReason != "" {
		out = append(out, joinFit([]string{m.pair(c.T(text.Detail.GradeReason), safetext.Line(cs.GradeReason))}, w))
	}
	if line := m.suggestionLine(w); line != "" {
		out = append(out, line)
	}
	return out
}

// suggestionLine is the grading rules' suggestion when it differs from the
// case's grade: the person confirms it with g.
func (m *Model) suggestionLine(w int) string {
	c, s, cs := m.c, m.c.Styles, m.cs
	g := m.sug.Grade
	if g == "" || g == cs.Grade || (len(m.sug.Reasons) == 1 && m.sug.Reasons[0].Rule == "default") {
		return ""
	}
	name := g
	if gr := c.Policy().Grade(g); gr != nil {
		name += " " + gr.In(c.Lang)
	}
	line := c.F(text.Detail.Suggested, name, safetext.Line(m.sug.ReasonText(c.Lang)))
	if k := keyOf(c, "grade"); k != "" && whyNot(c, "grade", cs) == "" {
		line += c.F(text.Detail.SuggestedKey, k)
	}
	return components.Fit(s.Warn.Render(line), w)
}

// clockText is one clock: label, due and how it stands at c.Now.
func clockText(c *common.Common, clk deadline.Clock, labelW int) string {
	s := c.Styles
	label := components.Fit(s.Label.Render(c.Label(clk.Label)), labelW)
	now := c.Now
	switch clk.StateAt(now) {
	case deadline.NotStarted:
		return label + " " + s.Muted.Render(c.T(text.Clock.NotStarted))
	case deadline.Running:
		left, level := c.Countdown(clk.Due, clk.Start)
		st := s.OK
		switch level {
		case components.LevelWarn:
			st = s.Warn
		case components.LevelBreach:
			st = s.Breach
		}
		return label + " " + due(c, clk) + " " + st.Render(c.F(text.Clock.Left, left))
	case deadline.Met:
		margin := c.Span(clk.Margin(now))
		return label + " " + due(c, clk) + " " + s.OK.Render(c.F(text.Clock.Met, margin))
	case deadline.Breached:
		by := c.Span(-clk.Margin(now))
		return label + " " + due(c, clk) + " " + s.Breach.Render(c.F(text.Clock.Breached, by))
	case deadline.Unmet:
		return label + " " + due(c, clk) + " " + s.Breach.Render(c.T(text.Clock.UnmetShort)+c.T(text.Common.Colon)+c.T(text.Clock.Unmet))
	}
	return label
}

func due(c *common.Common, clk deadline.Clock) string {
	return c.Styles.Muted.Render(c.T(text.Clock.Due)) + " " + deadline.FormatDue(clk, c.Loc())
}

// clockLines shows every clock, two to a line when they fit, and any
// calendar warning once.
func (m *Model) clockLines(w int) []string {
	c := m.c
	if len(m.clocks) == 0 {
		return nil
	}
	labelW := 0
	for _, clk := range m.clocks {
		labelW = max(labelW, ansi.StringWidth(c.Label(clk.Label)))
	}
	cells := make([]string, len(m.clocks))
	widest := 0
	for i, clk := range m.clocks {
		cells[i] = clockText(c, clk, labelW)
		widest = max(widest, ansi.StringWidth(cells[i]))
	}
	var out []string
	colW := (w - 3) / 2
	if len(cells) > 1 && widest <= colW {
		for i := 0; i < len(cells); i += 2 {
			line := components.Fit(cells[i], colW)
			if i+1 < len(cells) {
				line += "   " + cells[i+1]
			}
			out = append(out, components.Fit(line, w))
		}
	} else {
		for _, cell := range cells {
			out = append(out, components.Fit(cell, w))
		}
	}
	seen := map[string]bool{}
	for _, clk := range m.clocks {
		if clk.Warning != "" && !seen[clk.Warning] {
			seen[clk.Warning] = true
			out = append(out, components.Fit(c.Styles.Warn.Render("! "+safetext.Line(clk.Warning)), w))
		}
	}
	return out
}

// complainantLine is the complainant card: name, phone, email, organisation, address.
func (m *Model) complainantLine(w int) string {
	c := m.c
	p := m.cs.Primary()
	parts := []string{m.pair(c.T(text.Detail.Complainant), m.shownName(p))}
	if ph := m.shownPhone(p); ph != "" {
		parts = append(parts, m.pair(c.T(text.Detail.Phone), safetext.Line(ph)))
	}
	if p.Email != "" {
		if e := m.shownEmail(p); e != "" {
			parts = append(parts, m.pair(c.T(text.Detail.Email), e))
		}
	}
	if p.Org != "" {
		parts = append(parts, m.pair(c.T(text.Detail.Org), safetext.Line(p.Org)))
	}
	if p.Address != "" && m.showAddress(p) {
		parts = append(parts, m.pair(c.T(text.Detail.Address), safetext.Line(p.Address)))
	}
	if n := len(m.cs.Complainants); n > 1 {
		parts = append(parts, c.Styles.Muted.Render(c.F(text.Detail.AndMore, n-1)))
	}
	if n := len(m.rel.SamePhone); n > 0 {
		// a repeat complainant, at a glance
		more := ""
		if n > 20 {
			more = "+"
		}
		parts = append(parts, c.Styles.Warn.Render(c.F(text.Detail.SamePhoneCount, min(n, 20), more)))
	}
	return joinFit(parts, w)
}

// footer is the page's key bar: the reveal key and the steps the policy
// allows on the case for this role now, and where the scrolling part is.
func (m *Model) footer(w int) string {
	c, s := m.c, m.c.Styles
	item := func(label, help string) string { return s.Focused.Render(label) + " " + s.Help.Render(help) }
	var parts []string
	if m.canReveal() { // first, or "?" would hide it
		parts = append(parts, item(keys.Detail.Reveal.Label, c.T(keys.Detail.Reveal.Help)))
	}
	for _, a := range allowedActions(c, m.cs) {
		if k := keyOf(c, a); k != "" {
			parts = append(parts, item(k, shortVerb(c, a)))
		}
	}
	right := ""
	if len(m.body) > m.bodyH && m.bodyH > 0 {
		right = s.Muted.Render(fmt.Sprintf("%d-%d/%d", m.offset+1, min(len(m.body), m.offset+m.bodyH), len(m.body)))
	}
	rw := ansi.StringWidth(right)
	left := strings.Join(parts, "  ")
	if room := w - rw - 1; ansi.StringWidth(left) > room {
		// Keep whole keys, the first ones (the next steps), and say where the rest are.
		more := item(keys.App.Help.Label, c.T(text.Detail.AllKeys))
		kept := ""
		for _, p := range parts {
			next := strings.TrimPrefix(kept+"  "+p, "  ")
			if ansi.StringWidth(next)+2+ansi.StringWidth(more) > room {
				break
			}
			kept = next
		}
		left = strings.TrimPrefix(kept+"  "+more, "  ")
	}
	// "esc back" only when it fits: the actions matter more here.
	if back := item(keys.Detail.Back.Label, c.T(keys.Detail.Back.Help)); ansi.StringWidth(left+"  "+back)+rw+1 <= w {
		left = strings.TrimPrefix(left+"  "+back, "  ")
	}
	if rw == 0 {
		return components.Fit(left, w)
	}
	return components.Fit(left, max(0, w-rw-1)) + " " + right
}

// ensureBody builds the scrolling part for the width and language.
func (m *Model) ensureBody(w int) {
	if m.body != nil && m.bodyW == w && m.bodyLang == m.c.Lang {
		return
	}
	m.body, m.bodyW, m.bodyLang = m.buildBody(w), w, m.c.Lang
}

// buildBody: the content, the demand, the resolution and reply, then the
// history, newest first.
func (m *Model) buildBody(w int) []string {
	c, s, cs := m.c, m.c.Styles, m.cs
	content := safetext.Text(cs.Content)
	if c.Hides("content") {
		content = desk.HiddenText(c.Lang)
	}
	blocks := []block{{c.T(text.Detail.Content), content}}
	if cs.Demand != "" {
		blocks = append(blocks, block{c.T(text.Detail.Demand), safetext.Text(cs.Demand)})
	}
	if cs.Resolution != "" {
		blocks = append(blocks, block{c.T(text.Detail.Resolution), safetext.Text(cs.Resolution)})
	}
	if cs.Reply != "" {
		blocks = append(blocks, block{c.T(text.Detail.Reply), safetext.Text(cs.Reply)})
	}
	if cs.Satisfaction > 0 {
		blocks = append(blocks, block{c.T(text.Detail.Satisfaction), strconv.Itoa(cs.Satisfaction) + "/5"})
	}
	blocks = append(blocks, m.labBlocks()...) // the policy's fields (lab.go)
	blocks = append(blocks, m.handlingBlocks()...)
	lw := 0
	for _, b := range blocks {
		lw = max(lw, ansi.StringWidth(b.label)+2)
	}
	lw = min(lw, max(1, w/3))
	var out []string
	for _, b := range blocks {
		for i, l := range wrap(b.text, w-lw) {
			prefix := strings.Repeat(" ", lw)
			if i == 0 {
				prefix = components.Fit(s.Label.Render(b.label), lw)
			}
			out = append(out, prefix+s.Value.Render(l))
		}
	}

	heading := c.F(text.Detail.History, len(m.events))
	rule := "-- " + heading + " "
	if rest := w - ansi.StringWidth(rule); rest > 0 {
		rule += strings.Repeat("-", rest)
	}
	out = append(out, "", components.Fit(s.Header.Render(rule), w))

	const indent = "    "
	iw := max(1, w-len(indent))
	for i := len(m.events) - 1; i >= 0; i-- {
		ev := m.events[i]
		head := c.Time(ev.At) + "  " + safetext.Line(ev.Actor) + "  " + s.Focused.Render(actionName(c, ev.Action))
		out = append(out, components.Fit(head, w))
		if ch := m.changes(ev.Action, ev.Before, ev.After); ch != "" {
			for _, l := range wrap(ch, iw) {
				out = append(out, indent+l)
			}
		}
		if ev.Late != "" {
			late := c.F(text.Common.LateEntry, c.Time(ev.Entered), safetext.Line(ev.Late))
			for _, l := range wrap(late, iw) {
				out = append(out, indent+s.Warn.Render(l))
			}
		}
		if ev.Reason != "" {
			for _, l := range wrap(c.F(text.Detail.Reason, safetext.Line(ev.Reason)), iw) {
				out = append(out, indent+l)
			}
		}
		if ev.Note != "" {
			for _, l := range wrap(c.F(text.Detail.Note, safetext.Text(ev.Note)), iw) {
				out = append(out, indent+l)
			}
		}
	}
	return out
}

// block is a labelled text of the scrolling part.
type block struct{ label, text string }

// handlingBlocks are the handling facts: the resolution's type, the
// verification, the investigation report, the complainants of a
// collective complaint and the related cases.
func (m *Model) handlingBlocks() []block {
	c, cs := m.c, m.cs
	f := cs.Fields
	var out []block
	if ids, amounts := actions.ResolutionTypes(cs); len(ids) > 0 {
		// each type with its amount: 维修、减价 50.00 元、赔偿 800.00 元
		var parts []string
		for _, id := range ids {
			v := fieldValue(c, "resolution_type", id)
			if a := amounts[id]; a != "" {
				v += c.F(text.Detail.Amount, safetext.Line(a))
			}
			parts = append(parts, v)
		}
		v := strings.Join(parts, c.T(text.Common.ListSep))
		if a := f["amount"]; a != "" && len(amounts) > 1 {
			v += c.F(text.Detail.AmountTotal, safetext.Line(a))
		}
		out = append(out, block{c.T(text.Detail.ResolutionType), v})
	}
	if a := f["agreement"]; a != "" {
		out = append(out, block{c.T(text.Detail.Agreement), agreementName(c, a)})
	}
	if f["complainant_verified"] != "" || f["item_verified"] != "" || f["item_product"] != "" {
		yes := func(k string) string {
			if f[k] != "" {
				return c.T(text.Detail.Verified)
			}
			return c.T(text.Detail.NotVerified)
		}
		v := c.F(text.Detail.Verification, yes("complainant_verified"), yes("item_verified"))
		var item []string
		for _, k := range []string{"item_time", "item_place", "item_product"} {
			if f[k] != "" {
				item = append(item, safetext.Line(f[k]))
			}
		}
		if len(item) > 0 {
			v += c.F(text.Common.Paren, strings.Join(item, c.T(text.Common.ListSep)))
		}
		out = append(out, block{c.T(text.Detail.Verify), v})
	}
	for _, k := range []string{"facts", "cause", "responsible", "conclusion", "corrective_action", "preventive_action"} {
		if v := f[k]; v != "" {
			label := fieldName(c, k)
			if k == "facts" {
				label = c.T(text.Detail.Facts)
			}
			out = append(out, block{label, fieldValueText(c, k, v)})
		}
	}
	if len(cs.Complainants) > 1 {
		for i, who := range cs.Complainants {
			v := c.Name(who)
			if ph := c.Phone(who); ph != "" {
				v += "  " + safetext.Line(ph)
			}
			if who.Callback != "" {
				v += "  " + c.F(text.Detail.Callback, fieldValue(c, "contact_outcome", who.Callback))
			} else {
				v += "  " + c.T(text.Detail.NotCalledBack)
			}
			if who.Satisfaction > 0 {
				v += "  " + c.F(text.Detail.PersonSatisfaction, who.Satisfaction)
			}
			out = append(out, block{c.F(text.Detail.Person, i+1), v})
		}
	}
	for _, l := range m.rel.Linked {
		v := l.Case.Number + " [" + safetext.Line(c.StatusName(l.Case.Status)) + "] " + c.Time(l.Case.ReceivedAt) + " " + c.Name(l.Case.Primary())
		if l.Reason != "" {
			v += c.F(text.Common.Paren, safetext.Line(l.Reason))
		}
		out = append(out, block{c.T(text.Detail.Related), v})
	}
	if m.sug.Grade != "" && len(m.sug.Similar) > 0 {
		var nums []string
		for _, o := range m.sug.Similar {
			nums = append(nums, o.Number)
		}
		out = append(out, block{c.T(text.Detail.SameComplaint), strings.Join(nums, " ")})
	}
	if len(m.rel.SamePhone) > 0 {
		var nums []string
		for _, o := range m.rel.SamePhone[:min(len(m.rel.SamePhone), 6)] {
			nums = append(nums, o.Number+" "+safetext.Line(c.StatusName(o.Status)))
		}
		out = append(out, block{c.T(text.Detail.SamePhone), strings.Join(nums, c.T(text.Common.ReasonSep))})
	}
	return out
}

// fieldValueText is fieldValue keeping the newlines of long texts.
func fieldValueText(c *common.Common, k, v string) string {
	switch k {
	case "conclusion":
		return fieldValue(c, k, v)
	}
	return safetext.Text(v)
}

// changes is an event's before and after: "状态 已登记 -> 已响应；…". The
// registration lists what the case was registered with.
func (m *Model) changes(action string, before, after map[string]string) string {
	c := m.c
	var parts []string
	for _, k := range changedKeys(before, after) {
		b, a := before[k], after[k]
		if action == "grade" && k == "grade_reason" {
			continue // the event's reason says it
		}
		if k == "contact_reached" || k == "suggested_reason" || k == "breach_escalated" {
			continue
		}
		if _, had := before[k]; action == "register" || !had {
			// a fact of the event, not a change of the case
			if a == "" || k == "received" {
				continue
			}
			parts = append(parts, fieldName(c, k)+" "+fieldValue(c, k, a))
			continue
		}
		parts = append(parts, fieldName(c, k)+" "+fieldValue(c, k, b)+" -> "+fieldValue(c, k, a))
	}
	return strings.Join(parts, c.T(text.Common.ReasonSep))
}
