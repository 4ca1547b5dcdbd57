package forms

// The testing laboratory's registers (regulation 000): the appeal register
// (抱怨申述登记表, 1.1), the acceptance register (抱怨受理登记表, 1.2 and
// 2.2.5 with its 处理结果 column) and the customer feedback register (投诉
// 处理结果客户反馈登记表, 3.3). Each is a list of columns: printed as a form
// for one case (`desk cases print --form appeal`), or one row per case for
// the archive (`desk export register`, regulation 000 §7). The columns of policy
// fields are named by the policy's [[field]] labels.

import (
	"fmt"
	"strings"

	"complaintdesk/internal/deadline"
	"complaintdesk/internal/policy"
	"complaintdesk/store"
	"complaintdesk/ui/text"
)

// RegisterNames are the registers, as --form and --register take them.
var RegisterNames = []string{"appeal", "acceptance", "feedback", "handling-register"}

// column is one column of a register.
type column struct {
	title string
	value func(Input) string
}

// regSection groups a register's columns on the printed form.
type regSection struct {
	title string
	cols  []column
}

// register is one register: its title, sections and the cases it lists.
type register struct {
	title    string
	footer   string
	sections []regSection
	// lists reports whether a case belongs in the register.
	lists func(Input) bool
}

// field is a policy field's column: the policy's label, the value as shown.
func field(p *policy.Policy, id, fallback string) column {
	title := fallback
	if fd := p.Field(id); fd != nil {
		title = fd.In("zh")
	}
	return column{title, func(in Input) string { return in.Policy.FieldText(id, in.Case.Fields[id], "zh", in.Loc) }}
}

// lastEvent is the case's last event of one of the actions (nil when none).
func lastEvent(in Input, actions ...string) *store.Event {
	for i := len(in.Events) - 1; i >= 0; i-- {
		for _, a := range actions {
			if in.Events[i].Action == a {
				return &in.Events[i]
			}
		}
	}
	return nil
}

func eventAt(actions ...string) func(Input) string {
	return func(in Input) string {
		if e := lastEvent(in, actions...); e != nil {
			return when(in, e)
		}
		return ""
	}
}

func eventBy(actions ...string) func(Input) string {
	return func(in Input) string {
		if e := lastEvent(in, actions...); e != nil {
			return e.Actor
		}
		return ""
	}
}

func who(in Input) string {
	p := in.Case.Primary()
	name := p.Name
	if p.Anonymous {
		name = "（匿名）"
	}
	if p.Org != "" {
		name = strings.TrimSpace(name + " " + p.Org)
	}
	return name
}

func phone(in Input) string {
	p := in.Case.Primary()
	if p.Anonymous {
		return ""
	}
	return p.Phone
}

// clockText is a clock's due time and how it stands, "" when the case has
// no such clock.
func clockText(in Input, id string) string {
	for _, k := range in.Clocks {
		if k.ID != id {
			continue
		}
		switch k.StateAt(in.Now) {
		case deadline.NotStarted:
			return "未开始"
		case deadline.Running:
			return "截止 " + deadline.FormatDue(k, in.Loc) + "，进行中"
		case deadline.Met:
			return "截止 " + deadline.FormatDue(k, in.Loc) + "，按时" + late(in, lateAt(in, k.Stopped))
		case deadline.Breached:
			s := "截止 " + deadline.FormatDue(k, in.Loc) + "，超时 " + span(-k.Margin(in.Now))
			if !k.Stopped.IsZero() {
				s += late(in, lateAt(in, k.Stopped))
			}
			return s
		case deadline.Unmet:
			return "截止 " + deadline.FormatDue(k, in.Loc) + "，" + text.Clock.UnmetShort.ZH
		}
	}
	return ""
}

// lateText says whether the case was filed in time and, when late, who
// accepted it anyway and why.
func lateText(in Input) string {
	c := in.Case
	late := c.Fields[policy.LateField]
	if late == "" {
		for _, k := range in.Clocks {
			if pc := in.Policy.Clock(k.ID); pc != nil && len(pc.LateFor) > 0 && k.State != deadline.NotStarted {
				return "未逾期"
			}
		}
		return ""
	}
	s := "逾期（" + in.Policy.FieldText(policy.LateField, late, "zh", in.Loc) + "）"
	for _, pc := range in.Policy.Clocks {
		for _, f := range pc.LateRequires {
			if v := c.Fields[f]; v != "" {
				by := ""
				for i := len(in.Events) - 1; i >= 0; i-- {
					if _, ok := in.Events[i].After[f]; ok {
						by = in.Events[i].Actor + " " + when(in, &in.Events[i]) + " "
						break
					}
				}
				return s + "，" + by + "批准受理：" + v
			}
		}
	}
	return s
}

func registerOf(name string, p *policy.Policy) (register, bool) {
	switch name {
	case "appeal":
		return appealRegister(p), true
	case "acceptance":
		return acceptanceRegister(p), true
	case "feedback":
		return feedbackRegister(p), true
	case "handling-register", "handling":
		return handlingRegister(p), true
	}
	return register{}, false
}

// handlingRegister is the 客户投诉处理登记表 (000 §2.1.1): the general
// complaints a department's head investigated, the cause, the measures
// and the outcome.
func handlingRegister(p *policy.Policy) register {
	return register{
		title: "客户投诉处理登记表",
		sections: []regSection{
			{"投诉", []column{
				{"编号", func(in Input) string { return in.Case.Number }},
				{"投诉日期", func(in Input) string { return tm(in, in.Case.ReceivedAt) }},
				{"投诉人", who},
				{"联系电话", phone},
				{"投诉内容", func(in Input) string { return in.Case.Content }},
			}},
			{"调查处理", []column{
				{"涉及部门", func(in Input) string { return in.Policy.DepartmentName(in.Case.Department, "zh") }},
				{"负责人", func(in Input) string { return in.Case.Handler }},
				{"原因分析", func(in Input) string { return in.Case.Fields["cause"] }},
				{"处理措施", func(in Input) string { return firstOf(in.Case.Fields["corrective_action"], in.Case.Resolution) }},
				{"处理结果", func(in Input) string { return in.Case.Reply }},
				{"完成日期", func(in Input) string { return stepAt(in, in.Case.ResolvedAt) }},
			}},
		},
		footer: "部门负责人：____________    技术业务室：____________    日期：____________",
		lists:  func(in Input) bool { return in.Case.Nature != "appeal" },
	}
}

// channelText is how the appeal was made and, for one not made in writing
// (000 §1.1), the reason it was registered anyway.
func channelText(in Input) string {
	s := label(in.Policy.Channel(in.Case.Channel), in.Case.Channel)
	if why := in.Case.Fields["written_exception"]; why != "" {
		s += "（非书面申诉的理由：" + why + "）"
	}
	return s
}

func appealRegister(p *policy.Policy) register {
	return register{
		title: "抱怨申述登记表",
		sections: []regSection{
			{"申述登记", []column{
				{"编号", func(in Input) string { return in.Case.Number }},
				{"申诉日期", func(in Input) string { return tm(in, in.Case.ReceivedAt) }},
				{"登记时间", func(in Input) string { return tm(in, in.Case.RegisteredAt) }},
				{"登记人", func(in Input) string { return in.Case.CreatedBy }},
				{"方式", channelText},
				{"性质", func(in Input) string { return label(in.Policy.Nature(in.Case.Nature), in.Case.Nature) }},
				{"类别", func(in Input) string { return in.Policy.CategoryPath(in.Case.Category, "zh") }},
				{"紧急程度", gradeText},
			}},
			{"申诉人", []column{
				{"申诉人/单位", who},
				{"联系电话", phone},
			}},
			{"被申诉的检测报告", []column{
				field(p, "report", "检测报告编号"),
				field(p, "report_received", "报告接收日期"),
				field(p, "sample", "样品"),
				{"申诉期限", func(in Input) string { return clockText(in, lateClockID(in.Policy)) }},
				{"是否逾期", lateText},
			}},
			{"申诉内容", []column{
				{"申诉内容", func(in Input) string { return in.Case.Content }},
				field(p, "grounds", "申诉理由及依据"),
				{"客户要求", func(in Input) string { return in.Case.Demand }},
			}},
		},
		footer: "申诉人（签字）：____________    登记人：____________    日期：____________",
		lists:  func(Input) bool { return true },
	}
}

func acceptanceRegister(p *policy.Policy) register {
	return register{
		title: "抱怨受理登记表",
		sections: []regSection{
			{"受理", []column{
				{"编号", func(in Input) string { return in.Case.Number }},
				{"申诉人/单位", who},
				field(p, "report", "检测报告编号"),
				{"受理日期", eventAt("acknowledge")},
				{"受理人", eventBy("acknowledge")},
				{"是否逾期", lateText},
				{"告知答复时间", func(in Input) string { return tm(in, in.Case.ExpectedBy) }},
				{"紧急程度", gradeText},
				{"报告质量负责人", func(in Input) string {
					if e := lastEvent(in, "acknowledge"); e != nil {
						return "已报告（" + when(in, e) + "）"
					}
					return ""
				}},
			}},
			{"调查处理", []column{
				field(p, "review", "原始记录及仪器核查情况"),
				field(p, "preliminary_opinion", "初步处理意见"),
				{"质量负责人批准", func(in Input) string {
					if e := lastEvent(in, "approve"); e != nil {
						return strings.TrimSpace(e.Actor + " " + when(in, e) + " " + e.Note)
					}
					return ""
				}},
				{"调查结论", func(in Input) string { return in.Case.Fields["facts"] }},
			}},
			{"复检", []column{
				field(p, "blind_code", "样品密码编号"),
				field(p, "retest_sample", "复检样品"),
				field(p, "resample_reason", "重新采样原因"),
				field(p, "retest_items", "复检项目"),
				field(p, "testers", "复检人员"),
				field(p, "retest_result", "复检结果"),
				field(p, "retest_conclusion", "复检结论"),
			}},
			{"处理结果", []column{
				{"处理结果", func(in Input) string { return in.Case.Resolution }},
				field(p, "report_status", "原报告处理"),
				field(p, "revoked_report", "作废报告编号"),
				{"更正报告编号（更改标识）", func(in Input) string {
					f := in.Case.Fields
					if f["corrected_report"] == "" {
						return ""
					}
					if f["change_mark"] != "" {
						return f["corrected_report"] + "（" + f["change_mark"] + "）"
					}
					return f["corrected_report"]
				}},
				{"授权签字人批准", func(in Input) string {
					if e := lastEvent(in, "revoke"); e != nil {
						return e.Actor + " " + when(in, e)
					}
					return ""
				}},
				{"书面答复", func(in Input) string { return in.Case.Reply }},
				{"答复日期", func(in Input) string { return stepAt(in, in.Case.ResolvedAt) }},
				{"答复时限", func(in Input) string {
					for _, k := range in.Clocks {
						if pc := in.Policy.Clock(k.ID); pc != nil && pc.Start == "action" && k.State != deadline.NotStarted {
							return pc.ZH + " " + clockText(in, k.ID)
						}
					}
					return ""
				}},
				{"赔偿", func(in Input) string {
					f := in.Case.Fields
					if f["resolution_type"] != "compensation" && f["amount"] == "" {
						return ""
					}
					s := ""
					if f["amount"] != "" {
						s = f["amount"] + " 元"
					}
					if ag := map[string]string{"agreed": "客户同意", "disagreed": "客户不同意", "pending": "待确认"}[f["agreement"]]; ag != "" {
						s = strings.TrimPrefix(s+"，"+ag, "，")
					}
					return s
				}},
				{"状态", func(in Input) string { return statusName(in.Policy, in.Case.Status) }},
			}},
		},
		footer: "受理人：____________    质量负责人：____________    授权签字人：____________    日期：____________",
		lists:  func(in Input) bool { return lastEvent(in, "acknowledge") != nil },
	}
}

func feedbackRegister(p *policy.Policy) register {
	return register{
		title: "投诉处理结果客户反馈登记表",
		sections: []regSection{
			{"投诉", []column{
				{"编号", func(in Input) string { return in.Case.Number }},
				{"客户", who},
				{"联系电话", phone},
				field(p, "report", "检测报告编号"),
				{"处理结果", func(in Input) string { return in.Case.Resolution }},
				{"答复日期", func(in Input) string { return stepAt(in, in.Case.ResolvedAt) }},
			}},
			{"客户反馈", []column{
				{"反馈日期", eventAt("revisit")},
				{"记录人", eventBy("revisit")},
				{"满意度", func(in Input) string {
					if e := lastEvent(in, "revisit"); e != nil && e.After["satisfaction"] != "" {
						return e.After["satisfaction"] + "/5 " + satisfactionName(e.After["satisfaction"])
					}
					return ""
				}},
				{"客户意见", func(in Input) string {
					if e := lastEvent(in, "revisit"); e != nil {
						return e.Note
					}
					return ""
				}},
				{"不满意的处理", func(in Input) string {
					if in.Case.ReopenCount > 0 {
						return fmt.Sprintf("已重新调查处理 %d 次", in.Case.ReopenCount)
					}
					if lastEvent(in, "revisit") != nil {
						return "无需"
					}
					return ""
				}},
				{"反馈次数", func(in Input) string {
					n := 0
					for _, e := range in.Events {
						if e.Action == "revisit" {
							n++
						}
					}
					if n == 0 {
						return ""
					}
					return fmt.Sprint(n)
				}},
			}},
		},
		footer: "客户（签字）：____________    记录人：____________    日期：____________",
		lists:  func(in Input) bool { return lastEvent(in, "revisit") != nil },
	}
}

func satisfactionName(s string) string {
	return map[string]string{"1": "很不满意", "2": "不满意", "3": "一般", "4": "满意", "5": "很满意"}[s]
}

func gradeText(in Input) string {
	c := in.Case
	if g := in.Policy.Grade(c.Grade); g != nil {
		return c.Grade + " " + g.ZH
	}
	return c.Grade
}

// lateClockID is the first clock with a late rule (the lab's appeal window).
func lateClockID(p *policy.Policy) string {
	for _, c := range p.Clocks {
		if len(c.LateFor) > 0 {
			return c.ID
		}
	}
	return ""
}

func (r register) doc(in Input) doc {
	d := doc{title: r.title, subtitle: in.Case.Number, footer: r.footer}
	for _, s := range r.sections {
		sec := section{title: s.title}
		for _, c := range s.cols {
			sec.rows = append(sec.rows, row{c.title, c.value(in)})
		}
		d.sections = append(d.sections, sec)
	}
	return d
}

// RegisterColumns are the titles of a register's columns, in order.
func RegisterColumns(name string, p *policy.Policy) ([]string, error) {
	r, ok := registerOf(name, p)
	if !ok {
		return nil, fmt.Errorf("unknown register %q (one of: %s)", name, strings.Join(RegisterNames, ", "))
	}
	var out []string
	for _, s := range r.sections {
		for _, c := range s.cols {
			out = append(out, c.title)
		}
	}
	return out, nil
}

// RegisterRow is the case's row of the register; ok is false when the
// case does not belong in it (not yet accepted, no feedback yet).
func RegisterRow(name string, in Input) (cells []string, ok bool, err error) {
	r, found := registerOf(name, in.Policy)
	if !found {
		return nil, false, fmt.Errorf("unknown register %q (one of: %s)", name, strings.Join(RegisterNames, ", "))
	}
	if !r.lists(in) {
		return nil, false, nil
	}
	for _, s := range r.sections {
		for _, c := range s.cols {
			cells = append(cells, c.value(in))
		}
	}
	return cells, true, nil
}
