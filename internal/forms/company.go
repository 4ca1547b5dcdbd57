package forms

import (
	"strings"
)

// The forms of a company's complaint-case rules (003): the record card
// (客户投诉记录卡) in its six parts (联, 第十五、十六条), each filled as far
// as the case has got, and the handling notice (投诉处理通知, 第五条②).

// recordCard is the six-part record card.
func recordCard(in Input) doc {
	c, p := in.Case, in.Policy
	f := c.Fields
	stub := []row{
		{"投诉单编号", c.Number},
		{"受理时间", tm(in, c.ReceivedAt)},
		{"投诉客户", who(in)},
		{"联系电话", phone(in)},
		{"客户要求", orDash(c.Demand)},
		{"投诉内容", c.Content},
		{"投诉类别", orDash(p.CategoryPath(c.Category, "zh"))},
		{"理由是否成立", orDash(p.FieldText("justified", f["justified"], "zh", in.Loc))},
		{"理由确认", orDash(stepText(in, "confirm"))},
		{"受理裁定", orDash(stepText(in, "accept", "decline"))},
	}
	notice := []row{
		{"处理通知编号", orDash(f["notice_no"])},
		{"发出", orDash(stepText(in, "issue_notice"))},
		{"处理部门", orDash(p.DepartmentName(c.Department, "zh"))},
		{"经办人", orDash(c.Handler)},
	}
	report := append([]row{
		{"投诉内容是否属实", orDash(f["content_true"])},
		{"投诉目的", orDash(f["purpose"])},
		{"客户要求是否正当", orDash(f["demand_justified"])},
	}, findings(in)...)
	answer := []row{
		{"质管部审核", orDash(stepText(in, "qm_review"))},
		{"呈报与回复", orDash(stepText(in, "report_back"))},
		{"处理意见", orDash(f["handling_opinion"])},
		{"处理意见审批", orDash(stepText(in, "approve"))},
	}
	answer = append(answer, resolution(in)...)
	review := []row{
		{"主管审核调查报告", orDash(stepText(in, "review_report"))},
		{"结案", orDash(stepText(in, "close"))},
		{"当前状态", statusName(p, c.Status)},
	}
	return doc{
		title:    "客户投诉记录卡",
		subtitle: c.Number,
		sections: []section{
			{title: "第一联　存根（营业部留存备查）", rows: stub},
			{title: "第二联　通知（营业部交送质量管理部）", rows: notice},
			{title: "第三联　通知副本（营业部报上级主管部门）", rows: append([]row{{"投诉单编号", c.Number}, {"投诉客户", who(in)}}, notice...)},
			{title: "第四联　调查报告（受理部门调查后交质量管理部）", rows: report},
			{title: "第五联　答复（质量管理部审核整理后回复受理部门）", rows: answer},
			{title: "第六联　审核（质量管理部上报审核）", rows: review},
		},
		footer: "营业部：____________    质量管理部：____________    受理部门：____________",
	}
}

// handlingNotice is the business department's notice to the departments.
func handlingNotice(in Input) doc {
	c, p := in.Case, in.Policy
	return doc{
		title:    "投诉处理通知",
		subtitle: orDash(c.Fields["notice_no"]),
		sections: []section{
			{title: "投诉", rows: []row{
				{"投诉单编号", c.Number},
				{"受理时间", tm(in, c.ReceivedAt)},
				{"投诉客户", who(in)},
				{"客户要求", orDash(c.Demand)},
				{"投诉内容", c.Content},
				{"投诉类别", orDash(p.CategoryPath(c.Category, "zh"))},
			}},
			{title: "通知", rows: []row{
				{"发出", orDash(stepText(in, "issue_notice"))},
				{"处理部门", orDash(p.DepartmentName(c.Department, "zh"))},
				{"要求", "请有关部门尽快查明原因、提出处理意见，并以书面形式答复（003 第五条②、第十条）"},
			}},
			{title: "时限", rows: clockRows(in)},
		},
		footer: "业务部（签章）：____________    日期：____________",
	}
}

// stepText is who took the last of the steps, when, why and with what
// note ("" when nobody did); of several steps it names the one taken, so
// a card says whether the complaint was accepted or declined.
func stepText(in Input, steps ...string) string {
	e := lastEvent(in, steps...)
	if e == nil {
		return ""
	}
	var out []string
	if len(steps) > 1 {
		out = append(out, in.Policy.ActionName(e.Action).ZH)
	}
	out = append(out, e.Actor, when(in, e))
	for _, s := range []string{e.Reason, e.Note} {
		if s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, "  ")
}
