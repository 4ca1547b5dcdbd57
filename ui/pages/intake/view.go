package intake

import (
	"complaintdesk/internal/desk/actions"
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"complaintdesk/internal/safetext"
	"complaintdesk/ui/components"
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
		return c.Tr("渠道", "Channel")
	case fReceived:
		return c.Tr("受理时间", "Received")
	case fPhone:
		return c.Tr("联系电话", "Phone")
	case fEmail:
		return c.Tr("电子邮件", "E-mail")
	case fName:
		return c.Tr("姓名", "Name")
	case fContent:
		return c.Tr("投诉内容", "Content")
	case fDemand:
		return c.Tr("客户诉求", "Demand")
	case fNature:
		return c.Tr("性质", "Nature")
	case fCategory:
		return c.Tr("分类", "Category")
	case fGrade:
		return c.Tr("等级", "Grade")
	case fCollective:
		return c.Tr("投诉人数", "People")
	case fSubject:
		return c.Tr("产品/报告", "Product/report")
	case fOthers:
		return c.Tr("联名人", "Others")
	case fCircumstances:
		return c.Tr("情形", "Situation")
	}
	return ""
}

func (m *Model) hint(f field) string {
	c := m.c
	switch f {
	case fReceived:
		return c.Tr("年-月-日 时:分", "yyyy-mm-dd hh:mm")
	case fPhone:
		return c.Tr("手机 11 位，或 区号-号码，或 400/95xxx", "mobile, area-number landline, or 400 / 95xxx")
	case fEmail:
		return c.Tr("可不填", "optional")
	case fName:
		return c.Tr("客户姓名", "the customer's name")
	case fContent:
		return c.Tr("客户反映的问题：时间、地点、经过、涉及的产品或人员", "what happened: when, where, which product or person")
	case fDemand:
		return c.Tr("退款、换货、维修、道歉、赔偿、解释等", "refund, exchange, repair, apology, compensation, explanation")
	case fCollective:
		return c.Tr("1（单独投诉）", "1 (alone)")
	case fSubject:
		return c.Tr("产品型号、批号或报告编号", "product model, batch or report number")
	case fOthers:
		return c.Tr("集体投诉：李四 13900001111；王五 13700002222", "collective: Li Si 13900001111; Wang Wu 13700002222")
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
	left := st.Title.Render(m.c.Tr("登记新投诉", "Register a complaint"))
	if m.resumed {
		left += st.Muted.Render(m.c.Tr("（续填草稿）", " (resumed draft)"))
	}
	var right []string
	switch {
	case m.general != "":
		right = append(right, st.Error.Render(safetext.Line(m.general)))
	case m.saving:
		right = append(right, st.Muted.Render(m.c.Tr("正在保存...", "saving...")))
	case m.draftErr != "":
		right = append(right, st.Error.Render(m.c.Tr("草稿未保存：", "draft not kept: ")+safetext.Line(m.draftErr)))
	case !m.draftAt.IsZero():
		right = append(right, st.Muted.Render(m.c.Tr("草稿已保存 ", "draft kept ")+m.draftAt.In(m.c.Loc()).Format("15:04:05")))
	}
	switch {
	case above && below:
		right = append(right, st.Muted.Render(m.c.Tr("上下还有内容", "more above and below")))
	case above:
		right = append(right, st.Muted.Render(m.c.Tr("上方还有内容", "more above")))
	case below:
		right = append(right, st.Muted.Render(m.c.Tr("下方还有内容", "more below")))
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
		} else {
			lines = append(lines, prefix+m.valueView(f, l.valueW))
		}
		if e := m.errs[f]; e != "" {
			note(st.Error.Render, safetext.Line(e), 4)
		}
		switch f {
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

func (m *Model) suggestionLine() string {
	g := m.c.Policy().Grade(m.sugGrade)
	name := m.sugGrade
	if g != nil {
		name += " " + g.In(m.c.Lang)
	}
	return m.c.Tr("建议 ", "Suggested ") + name + m.c.Tr("：", ": ") + m.suggestionReason()
}

func (m *Model) valueView(f field, w int) string {
	st := m.c.Styles
	focused := f == m.focus
	if f == fCircumstances {
		return m.circView(w)
	}
	if f.isSelect() {
		lbl := m.optionLabel(f, m.sel[f])
		if f == fGrade && m.sel[f] == "" {
			name := m.sugGrade
			if g := m.c.Policy().Grade(m.sugGrade); g != nil {
				name += " " + g.In(m.c.Lang)
			}
			lbl = m.c.Tr("采用建议：", "use the suggestion: ") + name
		}
		if focused {
			return st.Focused.Render("< " + fitLine(lbl, max(1, w-4)) + " >")
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

// circView draws the circumstances. With focus every one is a tick box,
// [x]已起诉 [ ]媒体曝光 ..., the one under the cursor highlighted (scrolled
// into view when they do not all fit); without focus, the ticked ones.
func (m *Model) circView(w int) string {
	st, c := m.c.Styles, m.c
	if m.focus != fCircumstances {
		var on []string
		for _, k := range actions.Circumstances {
			if m.circ[k.ID] {
				on = append(on, k.In(c.Lang))
			}
		}
		if len(on) == 0 {
			return st.Muted.Render(fitLine(c.Tr("无（诉讼、媒体、重大损失、人身伤害等，空格勾选）", "none (lawsuit, media, loss, injury...: space ticks)"), w))
		}
		return st.Warn.Render(fitLine(strings.Join(on, c.Tr("、", ", ")), w))
	}
	parts := make([]string, len(actions.Circumstances))
	for i, k := range actions.Circumstances {
		box := "[ ]"
		if m.circ[k.ID] {
			box = "[x]"
		}
		item := box + k.In(c.Lang)
		switch {
		case i == m.circAt:
			item = st.Focused.Reverse(true).Render(item)
		case m.circ[k.ID]:
			item = st.Warn.Render(item)
		}
		parts[i] = item
	}
	for from := 0; from <= m.circAt; from++ {
		line := strings.Join(parts[from:], " ")
		if from > 0 {
			line = "<" + line
		}
		if ansi.StringWidth(line) <= w {
			return line
		}
		if end := strings.Join(parts[from:m.circAt+1], " "); ansi.StringWidth(end)+2 >= w || from == m.circAt {
			return fitLine(line, w)
		}
	}
	return fitLine(strings.Join(parts[m.circAt:], " "), w)
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
			return one(st.Muted.Render, c.Tr("填写有效的电话号码后，这里显示该来电人的历史投诉", "A valid phone number shows the caller's earlier cases here"))
		}
		return nil
	case m.callers == nil:
		return one(st.Muted.Render, c.Tr("正在查询来电历史...", "Looking up the caller's cases..."))
	case m.callers.err != nil:
		return one(st.Error.Render, c.Tr("来电历史查询失败：", "Could not look up the caller: ")+safetext.Line(c.ErrorText(m.callers.err)))
	case len(m.callers.cases) == 0:
		return one(st.Muted.Render, c.Tr("此号码没有历史投诉", "No earlier cases for this number"))
	}
	cases := m.callers.cases
	open := 0
	for _, cs := range cases {
		if cs.Open {
			open++
		}
	}
	head := c.Tr(fmt.Sprintf("此号码已有 %d 件投诉，其中 %d 件未结", len(cases), open),
		fmt.Sprintf("%d earlier case(s) for this number, %d still open", len(cases), open))
	if len(cases) >= callerLimit {
		head = c.Tr(fmt.Sprintf("此号码最近 %d 件投诉中 %d 件未结", len(cases), open),
			fmt.Sprintf("latest %d cases for this number, %d still open", len(cases), open))
	}
	headStyle := st.Muted.Render
	if open > 0 {
		headStyle = st.Warn.Render
	}
	out := one(headStyle, head)
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
		out = append(out, one(st.Muted.Render, c.Tr(fmt.Sprintf("另有 %d 件未列出", more), fmt.Sprintf("and %d more", more)))...)
	}
	return out
}

// panelLines is the side column at wide sizes: the caller's history and
// the same complaint from other people.
func (m *Model) panelLines(w int) []string {
	st, c := m.c.Styles, m.c
	out := []string{st.Title.Render(fitLine(c.Tr("来电历史", "Caller history"), w))}
	out = append(out, m.callerLines(w, callerLimit)...)
	out = append(out, "", st.Title.Render(fitLine(c.Tr("同类投诉", "Same complaint from others"), w)))
	var s string
	style := st.Muted.Render
	switch {
	case m.simKey() == "":
		s = c.Tr("选择分类并填写产品/报告后，统计一个月内其他投诉人的相同投诉", "Choose a category and give the product to count the same complaint from others within a month")
	case m.sim == nil:
		s = c.Tr("正在统计...", "Counting...")
	case m.sim.err != nil:
		s, style = c.Tr("统计失败：", "Could not count: ")+safetext.Line(c.ErrorText(m.sim.err)), st.Error.Render
	default:
		n, days := m.similarCount(), m.windowDays()
		s = c.Tr(fmt.Sprintf("%d 天内同一分类和产品有 %d 位其他投诉人", days, n),
			fmt.Sprintf("%d other complainant(s) of this category and product within %d days", n, days))
		if len(m.sim.numbers) > 0 {
			s += c.Tr("：", ": ") + strings.Join(m.sim.numbers[:min(len(m.sim.numbers), 6)], " ")
		}
	}
	for _, line := range strings.Split(ansi.Wrap(s, w, ""), "\n") {
		out = append(out, style(fitLine(line, w)))
	}
	return out
}

func (m *Model) overlayConfirm(out []string) []string {
	dw := max(10, min(m.width-4, 56))
	text := m.c.Tr("放弃这张表单？已填写的内容和草稿都会删除。", "Discard this form? What you typed and its draft will be deleted.") +
		"\n\n" + m.c.Tr("y 放弃    n 或 esc 返回表单", "y discard    n or esc back to the form")
	box := strings.Split(m.c.Styles.Dialog.Width(dw).Render(text), "\n")
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
