package detail

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"complaintdesk/internal/deadline"
	"complaintdesk/internal/safetext"
	"complaintdesk/ui/common"
	"complaintdesk/ui/components"
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
				s.Muted.Render(c.Tr("esc 返回", "esc back")),
			}, w, h)
		}
		return clip([]string{s.Title.Render(m.number), s.Muted.Render(c.Tr("正在载入...", "loading..."))}, w, h)
	}

	if m.form != nil {
		return m.formView(w, h)
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
	dialog := m.form.view(m.c, w, avail)
	if n := strings.Count(dialog, "\n") + 1; n > avail {
		head = title
		avail = h - len(head)
		dialog = m.form.view(m.c, w, avail)
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
	grade := c.Tr("未定级", "no grade")
	training := cs.Training
	if g := p.Grade(cs.Grade); g != nil {
		grade = safetext.Line(cs.Grade) + " " + g.In(c.Lang)
		training = training || g.Training
	} else if cs.Grade != "" {
		grade = safetext.Line(cs.Grade)
	}
	l1 := []string{s.Title.Render(safetext.Line(cs.Number)), stStyle.Render("[" + safetext.Line(status) + "]"), m.pair(c.Tr("等级", "Grade"), grade)}
	if training {
		l1 = append(l1, s.Warn.Render(c.Tr("培训案例", "training case")))
	}
	if cs.ReopenCount > 0 {
		l1 = append(l1, s.Warn.Render(c.Tr(fmt.Sprintf("重开 %d 次", cs.ReopenCount), fmt.Sprintf("reopened %d times", cs.ReopenCount))))
	}
	if cs.CollectiveSize > 1 {
		l1 = append(l1, s.Warn.Render(c.Tr(fmt.Sprintf("集体投诉 %d 人", cs.CollectiveSize), fmt.Sprintf("%d complainants", cs.CollectiveSize))))
	}

	category := c.Tr("未分类", "not categorised")
	if cs.Category != "" {
		category = safetext.Line(p.CategoryPath(cs.Category, c.Lang))
	}
	l2 := []string{
		m.pair(c.Tr("渠道", "Channel"), safetext.Line(c.ChannelName(cs.Channel))),
		m.pair(c.Tr("性质", "Nature"), safetext.Line(c.NatureName(cs.Nature))),
		m.pair(c.Tr("分类", "Category"), category),
	}
	if cs.Subject != "" {
		l2 = append(l2, m.pair(c.Tr("涉及", "Subject"), safetext.Line(cs.Subject)))
	}

	handler := s.Warn.Render(c.Tr("未分派", "unassigned"))
	if cs.Handler != "" {
		handler = safetext.Line(cs.Handler)
	}
	if cs.Department != "" {
		handler += c.Tr("（"+safetext.Line(cs.Department)+"）", " ("+safetext.Line(cs.Department)+")")
	}
	l3 := []string{m.pair(c.Tr("受理", "Received"), c.Time(cs.ReceivedAt))}
	if c.Time(cs.RegisteredAt) != c.Time(cs.ReceivedAt) {
		// a letter or a late entry: when it reached the desk
		l3 = append(l3, m.pair(c.Tr("登记", "Registered"), c.Time(cs.RegisteredAt)))
	}
	l3 = append(l3, m.pair(c.Tr("处理人", "Handler"), handler))
	if !cs.ExpectedBy.IsZero() {
		l3 = append(l3, m.pair(c.Tr("预计解决", "Expected by"), c.Time(cs.ExpectedBy)))
	}
	out := []string{joinFit(l1, w), joinFit(l2, w), joinFit(l3, w)}
	if cs.GradeReason != "" {
		out = append(out, joinFit([]string{m.pair(c.Tr("定级原因", "Grade reason"), safetext.Line(cs.GradeReason))}, w))
	}
	return out
}

// clockText is one clock: label, due and how it stands at c.Now.
func clockText(c *common.Common, clk deadline.Clock, labelW int) string {
	s := c.Styles
	label := components.Fit(s.Label.Render(c.Label(clk.Label)), labelW)
	now := c.Now
	switch clk.StateAt(now) {
	case deadline.NotStarted:
		return label + " " + s.Muted.Render(c.Tr("未开始", "not started"))
	case deadline.Running:
		text, level := components.Countdown(clk.Due, clk.Start, now, c.Lang)
		st := s.OK
		switch level {
		case components.LevelWarn:
			st = s.Warn
		case components.LevelBreach:
			st = s.Breach
		}
		return label + " " + due(c, clk) + " " + st.Render(c.Tr("剩余 "+text, text+" left"))
	case deadline.Met:
		margin := components.Span(clk.Margin(now))
		return label + " " + due(c, clk) + " " + s.OK.Render(c.Tr("已达成，提前 "+margin, "met, "+margin+" early"))
	case deadline.Breached:
		by := components.Span(-clk.Margin(now))
		return label + " " + due(c, clk) + " " + s.Breach.Render(c.Tr("已超时 "+by, "breached by "+by))
	}
	return label
}

func due(c *common.Common, clk deadline.Clock) string {
	return c.Styles.Muted.Render(c.Tr("截止 ", "due ")) + deadline.FormatDue(clk, c.Loc())
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
	parts := []string{m.pair(c.Tr("投诉人", "Complainant"), c.Name(p))}
	if ph := c.Phone(p); ph != "" {
		parts = append(parts, m.pair(c.Tr("电话", "Phone"), safetext.Line(ph)))
	}
	if p.Email != "" {
		if e := c.Email(p); e != "" {
			parts = append(parts, m.pair(c.Tr("邮箱", "Email"), e))
		}
	}
	if p.Org != "" {
		parts = append(parts, m.pair(c.Tr("单位", "Org"), safetext.Line(p.Org)))
	}
	if p.Address != "" && c.SeePII() && !p.Anonymous {
		parts = append(parts, m.pair(c.Tr("地址", "Address"), safetext.Line(p.Address)))
	}
	if n := len(m.cs.Complainants); n > 1 {
		parts = append(parts, c.Styles.Muted.Render(c.Tr(fmt.Sprintf("等 %d 人", n), fmt.Sprintf("and %d more", n-1))))
	}
	return joinFit(parts, w)
}

// footer lists the actions allowed now and where the scrolling part is.
func (m *Model) footer(w int) string {
	c, s := m.c, m.c.Styles
	var parts []string
	for _, a := range allowedActions(c, m.cs.Status, m.cs.Grade) {
		for _, ak := range actionKeys {
			if ak.action == a {
				parts = append(parts, s.Focused.Render(ak.key)+" "+s.Help.Render(shortVerb(c, a)))
			}
		}
	}
	right := ""
	if len(m.body) > m.bodyH && m.bodyH > 0 {
		right = s.Muted.Render(fmt.Sprintf("%d-%d/%d", m.offset+1, min(len(m.body), m.offset+m.bodyH), len(m.body)))
	}
	rw := ansi.StringWidth(right)
	left := strings.Join(parts, "  ")
	// "esc back" only when it fits: the actions matter more here.
	if back := s.Focused.Render("esc") + " " + s.Help.Render(c.Tr("返回", "back")); ansi.StringWidth(left+"  "+back)+rw+1 <= w {
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
	type block struct{ label, text string }
	blocks := []block{{c.Tr("投诉内容", "Content"), safetext.Text(cs.Content)}}
	if cs.Demand != "" {
		blocks = append(blocks, block{c.Tr("客户诉求", "Demand"), safetext.Text(cs.Demand)})
	}
	if cs.Resolution != "" {
		blocks = append(blocks, block{c.Tr("处理结果", "Resolution"), safetext.Text(cs.Resolution)})
	}
	if cs.Reply != "" {
		blocks = append(blocks, block{c.Tr("书面答复", "Reply"), safetext.Text(cs.Reply)})
	}
	if cs.Satisfaction > 0 {
		blocks = append(blocks, block{c.Tr("回访满意度", "Satisfaction"), strconv.Itoa(cs.Satisfaction) + "/5"})
	}
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

	heading := c.Tr(fmt.Sprintf("处理记录（%d 条，最新在上）", len(m.events)), fmt.Sprintf("History (%d, newest first)", len(m.events)))
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
		if ev.Reason != "" {
			for _, l := range wrap(c.Tr("原因：", "Reason: ")+safetext.Line(ev.Reason), iw) {
				out = append(out, indent+l)
			}
		}
		if ev.Note != "" {
			for _, l := range wrap(c.Tr("备注：", "Note: ")+safetext.Text(ev.Note), iw) {
				out = append(out, indent+l)
			}
		}
	}
	return out
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
		if action == "register" {
			if a == "" || k == "received" {
				continue
			}
			parts = append(parts, fieldName(c, k)+" "+fieldValue(c, k, a))
			continue
		}
		parts = append(parts, fieldName(c, k)+" "+fieldValue(c, k, b)+" -> "+fieldValue(c, k, a))
	}
	return strings.Join(parts, c.Tr("；", "; "))
}
