package forms

import (
	"fmt"
	"strings"

	"complaintdesk/store"
)

// More forms of the regulations: the confidentiality agreement (000 模版二
// 第五条3, 第十五条), GSP's quality complaint intake card (质量投诉受理卡)
// and a customer's complaint file (顾客投诉档案, 002 GSP 5.8).

// confidentiality is the agreement signed with a customer whose complaint
// touches sensitive information.
func confidentiality(in Input) doc {
	c := in.Case
	signed := in.Policy.FieldText("confidentiality_signed", c.Fields["confidentiality_signed"], "zh", in.Loc)
	if signed == "" {
		signed = "____年__月__日"
	}
	return doc{
		title:    "投诉保密协议",
		subtitle: c.Number,
		sections: []section{
			{title: "投诉", rows: []row{{"投诉单编号", c.Number}, {"受理时间", tm(in, c.ReceivedAt)}, {"投诉人", who(in)}, {"联系电话", phone(in)}}},
			{title: "保密条款", rows: []row{
				{"一", "本单位对客户在投诉中提供的信息及投诉处理中知悉的客户资料予以保密，仅用于处理本投诉。"},
				{"二", "投诉受理人员、投诉处理人员不得向第三方泄露客户的投诉信息（第十五条 保密责任）。"},
				{"三", "投诉处理结果以书面形式通知客户本人，不向无关人员公开。"},
				{"四", "客户对投诉处理过程中知悉的本单位技术资料同样承担保密义务。"},
			}},
			{title: "签订", rows: []row{{"签订日期", signed}}},
		},
		footer: "客户（签字）：____________    受理人（签字）：____________    日期：____________",
	}
}

// qualityIntake is GSP's 质量投诉受理卡: what the store took down of a
// quality complaint, who took it (the first receiver is the receiver,
// 5.1.1), the 三核实 (5.3.3 "将核实内容记入《质量投诉受理卡》"), the product
// and batch, and how it was passed on.
func qualityIntake(in Input) doc {
	c := in.Case
	passed := ""
	if e := lastEvent(in, "forward"); e != nil {
		passed = e.Actor + " " + when(in, e)
	}
	return doc{
		title:    "质量投诉受理卡",
		subtitle: c.Number,
		sections: []section{
			{title: "受理", rows: append(header(in), row{"受理人", orDash(eventBy("register")(in))})},
			{title: "顾客", rows: people(in)},
			{title: "三核实", rows: verification(in)},
			{title: "药品", rows: []row{
				{"投诉内容", c.Content},
				{"顾客要求", c.Demand},
				{"实物样品", orDash(sampleText(in))},
				{"生产企业确认", orDash(confirmText(in))},
			}},
			{title: "传递", rows: []row{{"转质管部", orDash(passed)}, {"处理部门", orDash(in.Policy.DepartmentName(c.Department, "zh"))}, {"处理人", orDash(c.Handler)}}},
			{title: "处理结果", rows: resolution(in)},
		},
		footer: "受理人：____________    质管部签收：____________    日期：____________",
	}
}

// complaintFile is a customer's 顾客投诉档案: every complaint of the
// customer's phone, in the order received.
func complaintFile(in Input) doc {
	c := in.Case
	rows := []row{}
	for _, o := range append([]store.Case{*c}, in.Caller...) {
		rows = append(rows, row{o.Number, fmt.Sprintf("%s  %s  %s  %s", tm(in, o.ReceivedAt), statusName(in.Policy, o.Status),
			orDash(in.Policy.CategoryPath(o.Category, "zh")), clip(o.Content, 60))})
	}
	return doc{
		title:    "顾客投诉档案",
		subtitle: who(in) + " " + phone(in),
		sections: []section{
			{title: "顾客", rows: people(in)},
			{title: fmt.Sprintf("投诉记录（%d 件）", len(rows)), rows: rows},
		},
		footer: "建档人：____________    日期：____________",
	}
}

func firstOf(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// sampleText is how the customer's physical sample stands (GSP).
func sampleText(in Input) string {
	f := in.Case.Fields
	var parts []string
	if v := f["sample_requested_at"]; v != "" {
		parts = append(parts, "已索取 "+in.Policy.FieldText("sample_requested_at", v, "zh", in.Loc))
	}
	if v := f["sample_received_at"]; v != "" {
		parts = append(parts, "已收到 "+in.Policy.FieldText("sample_received_at", v, "zh", in.Loc))
	}
	if v := f["sample_batch"]; v != "" {
		parts = append(parts, "批号 "+v)
	}
	return strings.Join(parts, "，")
}

// confirmText is how the manufacturer's confirmation stands (GSP).
func confirmText(in Input) string {
	f := in.Case.Fields
	var parts []string
	if v := f["manufacturer"]; v != "" {
		parts = append(parts, v)
	}
	if v := f["confirmation_requested_at"]; v != "" {
		parts = append(parts, "已函询 "+in.Policy.FieldText("confirmation_requested_at", v, "zh", in.Loc))
	}
	if v := f["confirmation_received_at"]; v != "" {
		parts = append(parts, "已回复 "+in.Policy.FieldText("confirmation_received_at", v, "zh", in.Loc))
	}
	if v := f["confirmation_conclusion"]; v != "" {
		parts = append(parts, "结论："+in.Policy.FieldText("confirmation_conclusion", v, "zh", in.Loc))
	}
	return strings.Join(parts, "，")
}
