// Package forms renders a case as the paper forms of the regulations, to
// print or to file: the complaint opinion form (客户投诉意见表, regulation 001
// 质量记录 02), the grade A handling form (A级投诉处理表, regulation 001 质量记录
// 03) and the investigation report (投诉调查报告, regulation 003 第十七条). Each is
// plain text or Markdown with Chinese labels. It does no I/O.
package forms

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"complaintdesk/internal/deadline"
	"complaintdesk/internal/desk/actions"
	"complaintdesk/internal/policy"
	"complaintdesk/internal/safetext"
	"complaintdesk/store"
	"complaintdesk/ui/text"
)

// Names are the forms, as `desk cases print --form` takes them (the
// laboratory's registers last: registers.go).
var Names = append([]string{"opinion", "grade-a", "investigation", "confidentiality", "quality-intake", "complaint-file", "record-card", "handling-notice", "receipt"}, RegisterNames...)

// Formats are the output formats.
var Formats = []string{"text", "md"}

// Input is everything a form shows of a case.
type Input struct {
	Case   *store.Case
	Events []store.Event
	Clocks []deadline.Clock
	Linked []store.LinkedCase
	// Caller are the customer's other cases (by phone), for the complaint file.
	Caller []store.Case
	Policy *policy.Policy
	Loc    *time.Location
	Now    time.Time
	// Case, Events and Linked are as the printing user may see them (the
	// desk's read use cases mask and redact them).
	// Org is printed in the title ("" = none).
	Org string
}

type row struct{ label, value string }

type section struct {
	title string
	rows  []row
	// text is a free block (the history) instead of rows.
	text []string
}

type doc struct {
	title    string
	subtitle string
	sections []section
	footer   string
}

// Render draws form ("opinion", "grade-a" or "investigation") in format
// ("text" or "md").
func Render(form, format string, in Input) (string, error) {
	if in.Loc == nil {
		in.Loc = time.Local
	}
	var d doc
	switch form {
	case "opinion", "":
		d = opinion(in)
	case "grade-a", "a":
		d = gradeA(in)
	case "investigation", "report":
		d = investigation(in)
	case "confidentiality":
		d = confidentiality(in)
	case "quality-intake":
		d = qualityIntake(in)
	case "complaint-file":
		d = complaintFile(in)
	case "record-card":
		d = recordCard(in)
	case "handling-notice":
		d = handlingNotice(in)
	case "receipt":
		d = receipt(in) // receipt.go
	default:
		r, ok := registerOf(form, in.Policy)
		if ok {
			d = r.doc(in)
			break
		}
		return "", fmt.Errorf("unknown form %q (one of: %s)", form, strings.Join(Names, ", "))
	}
	switch format {
	case "text", "":
		return d.text(), nil
	case "md", "markdown":
		return d.markdown(), nil
	}
	return "", fmt.Errorf("unknown format %q (one of: %s)", format, strings.Join(Formats, ", "))
}

// ---- the three forms ----------------------------------------------------------

func header(in Input) []row {
	c, p := in.Case, in.Policy
	grade := c.Grade
	if g := p.Grade(c.Grade); g != nil {
		grade += " " + g.ZH
	}
	return []row{
		{"投诉单编号", c.Number},
		{"受理时间", tm(in, c.ReceivedAt)},
		{"登记时间", tm(in, c.RegisteredAt)},
		{"投诉渠道", label(p.Channel(c.Channel), c.Channel)},
		{"性质", label(p.Nature(c.Nature), c.Nature)},
		{"分类", orDash(p.CategoryPath(c.Category, "zh"))},
		{"等级", grade},
		{"定级原因", c.GradeReason},
		{"当前状态", statusName(p, c.Status)},
	}
}

func people(in Input) []row {
	c := in.Case
	var rows []row
	for i, who := range c.Complainants {
		name, phone, email := who.Name, who.Phone, who.Email
		if who.Anonymous {
			name, phone, email = "（匿名）", "", ""
		}
		parts := []string{orDash(name)}
		if phone != "" {
			parts = append(parts, "电话 "+phone)
		}
		if email != "" {
			parts = append(parts, "邮箱 "+email)
		}
		if who.Org != "" {
			parts = append(parts, "单位 "+who.Org)
		}
		if who.Address != "" && !who.Anonymous {
			parts = append(parts, "地址 "+who.Address)
		}
		if who.Callback != "" {
			parts = append(parts, "回访 "+choice(in.Policy.ContactOutcome(who.Callback), who.Callback))
		}
		if who.Satisfaction > 0 {
			parts = append(parts, "满意度 "+strconv.Itoa(who.Satisfaction)+"/5")
		}
		l := "投诉人"
		if len(c.Complainants) > 1 {
			l = fmt.Sprintf("投诉人 %d", i+1)
		}
		rows = append(rows, row{l, strings.Join(parts, "，")})
	}
	if c.CollectiveSize > 1 {
		rows = append(rows, row{"投诉人数", fmt.Sprintf("%d 人（集体投诉）", c.CollectiveSize)})
	}
	return rows
}

func verification(in Input) []row {
	f := in.Case.Fields
	yes := func(k string) string {
		if f[k] != "" {
			return "已核实"
		}
		return "未核实"
	}
	by := ""
	for _, e := range in.Events {
		if e.Action == "verify" {
			by = e.Actor + "（" + when(in, &e) + "）"
		}
	}
	return []row{
		{"核实投诉人", yes("complainant_verified")},
		{"核实投诉事项", yes("item_verified")},
		{"事项发生时间", f["item_time"]},
		{"事项发生地点", f["item_place"]},
		{"涉及产品/批号/报告", orDefault(f["item_product"], in.Case.Subject)},
		{"核实人", by},
	}
}

func findings(in Input) []row {
	f, p := in.Case.Fields, in.Policy
	return []row{
		{"查明的事实（具体经过）", f["facts"]},
		{"发生原因", f["cause"]},
		{"具体责任者", f["responsible"]},
		{"结论", choice(p.Conclusion(f["conclusion"]), f["conclusion"])},
		{"纠正措施（对策）", f["corrective_action"]},
		{"预防措施（防范措施）", f["preventive_action"]},
	}
}

func resolution(in Input) []row {
	c, p := in.Case, in.Policy
	f := c.Fields
	typ := actions.ResolutionText(p, c, "zh")
	if _, amounts := actions.ResolutionTypes(c); len(amounts) > 1 && f["amount"] != "" {
		typ += "，合计 " + f["amount"] + " 元"
	}
	ag := map[string]string{"agreed": "同意", "disagreed": "不同意", "pending": "待确认"}[f["agreement"]]
	return []row{
		{"处理方式", typ},
		{"处理结果", c.Resolution},
		{"书面答复", c.Reply},
		{"客户意见", ag},
		{"处理人", c.Handler},
		{"责任部门", p.DepartmentName(c.Department, "zh")},
	}
}

func revisitRows(in Input) []row {
	c := in.Case
	var rows []row
	for _, e := range in.Events {
		if e.Action != "revisit" {
			continue
		}
		rows = append(rows, row{"回访 " + tm(in, e.At), strings.TrimSpace(fmt.Sprintf("%s，满意度 %s/5 %s", e.Actor, e.After["satisfaction"], e.Note)) + late(in, &e)})
	}
	if len(rows) == 0 {
		rows = append(rows, row{"回访", "尚未回访"})
	}
	if c.ReopenCount > 0 {
		rows = append(rows, row{"重新处理次数", strconv.Itoa(c.ReopenCount)})
	}
	rows = append(rows, row{"结案时间", stepAt(in, c.ClosedAt)})
	return rows
}

func clockRows(in Input) []row {
	var rows []row
	for _, k := range in.Clocks {
		v := ""
		switch k.StateAt(in.Now) {
		case deadline.NotStarted:
			v = "未开始"
		case deadline.Running:
			v = "截止 " + deadline.FormatDue(k, in.Loc) + "，进行中"
		case deadline.Met:
			v = "截止 " + deadline.FormatDue(k, in.Loc) + "，已按时完成（" + tm(in, k.Stopped) + "）" + late(in, lateAt(in, k.Stopped))
		case deadline.Breached:
			v = "截止 " + deadline.FormatDue(k, in.Loc) + "，已超时 " + span(-k.Margin(in.Now))
			if !k.Stopped.IsZero() {
				v += late(in, lateAt(in, k.Stopped))
			}
		case deadline.Unmet:
			v = "截止 " + deadline.FormatDue(k, in.Loc) + "，" + text.Clock.UnmetShort.ZH + "（" + text.Clock.Unmet.ZH + "）"
		}
		rows = append(rows, row{k.Label.ZH, v})
	}
	return rows
}

func opinion(in Input) doc {
	c := in.Case
	return doc{
		title:    "客户投诉意见表",
		subtitle: c.Number,
		sections: []section{
			{title: "投诉受理", rows: header(in)},
			{title: "投诉人", rows: people(in)},
			{title: "投诉内容", rows: []row{{"投诉内容", c.Content}, {"客户诉求", c.Demand}, {"涉及产品/订单/报告", c.Subject}}},
			{title: "三核实", rows: verification(in)},
			{title: "处理情况", rows: resolution(in)},
			{title: "时限", rows: clockRows(in)},
			{title: "回访", rows: revisitRows(in)},
			{title: "处理经过", text: history(in)},
		},
		footer: "受理人：____________    处理人：____________    主管：____________    日期：____________",
	}
}

func gradeA(in Input) doc {
	c, p := in.Case, in.Policy
	var esc, appr []row
	for _, e := range in.Events {
		switch e.Action {
		case "escalate":
			lvl := e.After["escalation"]
			if l := p.Level(lvl); l != nil {
				lvl = l.ZH
			}
			esc = append(esc, row{tm(in, e.At), strings.TrimSpace(e.Actor+" 升级至 "+orDash(lvl)+"："+e.Reason) + late(in, &e)})
		case "request_approval", "approve", "send_back", "close":
			name := map[string]string{"request_approval": "提交审批", "approve": "批准", "send_back": "退回", "close": "结案"}[e.Action]
			v := e.Actor + " " + name
			if e.Reason != "" {
				v += "：" + e.Reason
			}
			if e.Note != "" {
				v += "（" + e.Note + "）"
			}
			appr = append(appr, row{tm(in, e.At), v + late(in, &e)})
		}
	}
	if len(esc) == 0 {
		esc = []row{{"升级", "无"}}
	}
	if len(appr) == 0 {
		appr = []row{{"审批", "尚未提交审批"}}
	}
	var circ []string
	for _, k := range []struct{ id, zh string }{
		{"lawsuit", "已引起法律诉讼"}, {"media", "已引起媒体传播"}, {"media_possible", "有可能引起诉讼或媒体传播"},
		{"serious_loss", "重大经济损失"}, {"injury", "人身伤害"}, {"contract_unmet", "承诺或合同服务两次以上未解决"},
	} {
		if c.Fields[k.id] != "" {
			circ = append(circ, k.zh)
		}
	}
	if c.CollectiveSize > 1 {
		circ = append(circ, fmt.Sprintf("%d 人集体投诉", c.CollectiveSize))
	}
	info := []row{{"情形", strings.Join(circ, "；")}}
	if c.Crisis {
		info = append(info, row{"危机事件", "是（媒体传播，已通知公司管理层）"})
	}
	if c.Training {
		info = append(info, row{"培训案例", "是（A级、B级投诉编成案例，列入岗位培训教材）"})
	}
	var linked []string
	for _, l := range in.Linked {
		linked = append(linked, l.Case.Number)
	}
	info = append(info, row{"相关投诉", strings.Join(linked, "、")})
	// 001 处理权限: who attended on site and when (the project manager for grade A).
	var visits []row
	manager := "____________"
	for _, e := range in.Events {
		if e.Action != "visit" {
			continue
		}
		role := e.After["visit_role"]
		if r := in.Policy.Role(role); r != nil {
			role = r.ZH
		}
		visitAt := e.After["visit_at"]
		if t, err := time.Parse(time.RFC3339, visitAt); err == nil {
			visitAt = tm(in, t)
		}
		visits = append(visits, row{visitAt, e.After["visit_by"] + "（" + role + "）：" + e.Note + late(in, &e)})
		if e.After["visit_role"] == "project_manager" {
			manager = e.After["visit_by"] + "（" + visitAt + " 到场）"
		}
	}
	if len(visits) == 0 {
		visits = []row{{"到场", "尚无到场记录"}}
	}
	return doc{
		title:    "A级投诉处理表",
		subtitle: c.Number,
		sections: []section{
			{title: "投诉受理", rows: header(in)},
			{title: "投诉人", rows: people(in)},
			{title: "投诉内容", rows: []row{{"投诉内容", c.Content}, {"客户诉求", c.Demand}}},
			{title: "重大投诉情形", rows: info},
			{title: "升级记录", rows: esc},
			{title: "到场处理", rows: visits},
			{title: "调查报告", rows: findings(in)},
			{title: "处理情况", rows: resolution(in)},
			{title: "审批与结案", rows: appr},
			{title: "时限（A级投诉处理并关闭时限为20个工作日）", rows: clockRows(in)},
			{title: "回访", rows: revisitRows(in)},
		},
		footer: "项目经理：" + manager + "    主管审批：____________    日期：____________",
	}
}

func investigation(in Input) doc {
	c := in.Case
	by, at := "", ""
	for _, e := range in.Events {
		if e.Action == "findings" {
			by, at = e.Actor, when(in, &e)
		}
	}
	justified := "—"
	if k := in.Policy.Conclusion(c.Fields["conclusion"]); k != nil {
		justified = "不属实 / 投诉理由不成立"
		if k.Justified {
			justified = "属实 / 投诉理由成立"
		}
	}
	return doc{
		title:    "投诉调查报告",
		subtitle: c.Number,
		sections: []section{
			{title: "投诉", rows: []row{
				{"投诉单编号", c.Number},
				{"受理时间", tm(in, c.ReceivedAt)},
				{"分类", orDash(in.Policy.CategoryPath(c.Category, "zh"))},
				{"投诉内容", c.Content},
				{"客户要求", c.Demand},
				{"涉及产品/批号/报告", orDefault(c.Fields["item_product"], c.Subject)},
			}},
			{title: "调查", rows: append([]row{{"投诉内容是否属实", justified}}, findings(in)...)},
			{title: "调查人", rows: []row{{"调查人", by}, {"报告时间", at}, {"受理部门", in.Policy.DepartmentName(c.Department, "zh")}}},
		},
		footer: "受理部门负责人：____________    质量管理部审核：____________    日期：____________",
	}
}

// history is the case's events, oldest first, one line each.
func history(in Input) []string {
	var out []string
	for _, e := range in.Events {
		if e.Action == "reveal" {
			continue
		}
		l := when(in, &e) + "  " + e.Actor + "  " + actions.Done(in.Policy, e.Action).ZH
		if e.Reason != "" {
			l += "：" + e.Reason
		}
		if e.Note != "" {
			l += "（" + e.Note + "）"
		}
		out = append(out, l)
	}
	return out
}

// ---- drawing --------------------------------------------------------------------

const textWidth = 78

func (d doc) text() string {
	var b strings.Builder
	title := d.title
	if d.subtitle != "" {
		title += "  " + d.subtitle
	}
	pad := max(0, (textWidth-ansi.StringWidth(title))/2)
	b.WriteString(strings.Repeat(" ", pad) + title + "\n")
	b.WriteString(strings.Repeat("=", textWidth) + "\n")
	for _, s := range d.sections {
		b.WriteString("\n【" + s.title + "】\n")
		lw := 0
		for _, r := range s.rows {
			lw = max(lw, ansi.StringWidth(r.label))
		}
		for _, r := range s.rows {
			label := r.label + strings.Repeat(" ", lw-ansi.StringWidth(r.label))
			lines := wrap(safetext.Text(orDash(r.value)), textWidth-lw-2)
			for i, l := range lines {
				if i == 0 {
					b.WriteString(label + "  " + l + "\n")
				} else {
					b.WriteString(strings.Repeat(" ", lw+2) + l + "\n")
				}
			}
		}
		for _, l := range s.text {
			for i, w := range wrap(safetext.Line(l), textWidth-2) {
				if i > 0 {
					w = "    " + w
				}
				b.WriteString("  " + w + "\n")
			}
		}
		if len(s.rows) == 0 && len(s.text) == 0 {
			b.WriteString("  —\n")
		}
	}
	if d.footer != "" {
		b.WriteString("\n" + strings.Repeat("-", textWidth) + "\n" + d.footer + "\n")
	}
	return b.String()
}

func (d doc) markdown() string {
	var b strings.Builder
	b.WriteString("# " + d.title + "\n\n")
	if d.subtitle != "" {
		b.WriteString("**编号：" + mdCell(d.subtitle) + "**\n")
	}
	for _, s := range d.sections {
		b.WriteString("\n## " + mdCell(s.title) + "\n\n")
		if len(s.rows) > 0 {
			b.WriteString("| 项目 | 内容 |\n|---|---|\n")
			for _, r := range s.rows {
				b.WriteString("| " + mdCell(r.label) + " | " + mdCell(orDash(r.value)) + " |\n")
			}
		}
		for _, l := range s.text {
			b.WriteString("- " + mdCell(l) + "\n")
		}
		if len(s.rows) == 0 && len(s.text) == 0 {
			b.WriteString("—\n")
		}
	}
	if d.footer != "" {
		b.WriteString("\n---\n\n" + mdCell(d.footer) + "\n")
	}
	return b.String()
}

// mdCell makes text safe inside a Markdown table cell (and for a terminal).
func mdCell(s string) string {
	s = safetext.Text(s)
	r := strings.NewReplacer("|", "\\|", "\n", "<br>", "<", "&lt;", ">", "&gt;", "`", "\\`", "*", "\\*", "_", "\\_", "#", "\\#")
	return r.Replace(s)
}

// wrap breaks text into lines of at most width cells (Chinese is two).
func wrap(s string, width int) []string {
	width = max(width, 10)
	var out []string
	for _, para := range strings.Split(s, "\n") {
		if para == "" {
			out = append(out, "")
			continue
		}
		w := ansi.Wrap(para, width, "")
		out = append(out, strings.Split(w, "\n")...)
	}
	return out
}

// ---- small helpers ------------------------------------------------------------------

func tm(in Input, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(in.Loc).Format("2006-01-02 15:04")
}

// when is when an event happened and, for a late entry (补录), when it was
// entered and why, as cases show says it: "2026-09-25 12:00（补录：录入于
// 2026-12-02 10:00，补录原因：…）". Nobody reading a form can take a late
// entry for one made on time.
func when(in Input, e *store.Event) string { return tm(in, e.At) + late(in, e) }

// late is the 补录 mark of a late entry, "" for one entered in time.
func late(in Input, e *store.Event) string {
	if e == nil || e.Late == "" {
		return ""
	}
	return "（" + text.Common.LateEntry.F("zh", tm(in, e.Entered), e.Late) + "）"
}

// stepAt is a time of the case that a step set (resolved, closed, a
// clock's stop), with the 补录 mark when the step was entered late.
func stepAt(in Input, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return tm(in, t) + late(in, lateAt(in, t))
}

// lateAt is the last late entry that happened at t (nil when none).
func lateAt(in Input, t time.Time) *store.Event {
	for i := len(in.Events) - 1; i >= 0; i-- {
		if e := &in.Events[i]; e.Late != "" && e.At.Equal(t) {
			return e
		}
	}
	return nil
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

func orDefault(s, def string) string {
	if s != "" {
		return s
	}
	return def
}

func label(o *policy.Option, id string) string {
	if o == nil {
		return id
	}
	return o.ZH
}

func choice(c *policy.Choice, id string) string {
	if c == nil {
		return id
	}
	return c.ZH
}

func statusName(p *policy.Policy, id string) string {
	if s := p.Status(id); s != nil {
		return s.ZH
	}
	return id
}

func span(d time.Duration) string {
	if d < 0 {
		d = -d
	}
	days := int(d / (24 * time.Hour))
	h := int(d % (24 * time.Hour) / time.Hour)
	m := int(d % time.Hour / time.Minute)
	if days > 0 {
		return fmt.Sprintf("%d天%d小时", days, h)
	}
	return fmt.Sprintf("%d小时%d分", h, m)
}
