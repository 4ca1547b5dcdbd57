package forms

// The receipt (投诉受理回执) sent to the customer within 24 hours: when and
// by whom the complaint was received, who is responsible for it and when it
// is expected to be resolved (002 投诉管理 二章1.2 "告知投诉人投诉受理的
// 时间、地点和责任人", 二章1.4 "在接到投诉后的24小时内向投诉人发送回执信或电话,
// 告知投诉的受理情况并预估解决时间"). Sending it is recorded as a
// contact; the form shows the receipt clock and the contacts that gave it.

import (
	"slices"

	"complaintdesk/internal/deadline"
	"complaintdesk/internal/policy"
	"complaintdesk/store"
)

func receipt(in Input) doc {
	c, p := in.Case, in.Policy
	grade := ""
	if g := p.Grade(c.Grade); g != nil {
		grade = g.ZH
	}
	handler := c.Handler
	if handler == "" && c.Department != "" {
		handler = "由" + p.DepartmentName(c.Department, "zh") + "指定"
	}
	name := "—"
	if len(c.Complainants) > 0 {
		who := c.Complainants[0]
		name = orDash(who.Name)
		if who.Anonymous {
			name = "（匿名）"
		}
	}
	return doc{
		title:    "投诉受理回执",
		subtitle: c.Number,
		sections: []section{
			{title: "受理情况", rows: []row{
				{"投诉单编号", c.Number},
				{"投诉人", name},
				{"受理时间", tm(in, c.ReceivedAt)},
				{"受理渠道", label(p.Channel(c.Channel), c.Channel)},
				{"受理人", c.CreatedBy},
				{"登记时间", tm(in, c.RegisteredAt)},
			}},
			{title: "投诉事项", rows: []row{
				{"分类", orDash(p.CategoryPath(c.Category, "zh"))},
				{"等级", grade},
				{"投诉内容", c.Content},
				{"客户诉求", c.Demand},
			}},
			{title: "责任与时限", rows: []row{
				{"责任部门", p.DepartmentName(c.Department, "zh")},
				{"处理人", handler},
				{"预计解决时间", expected(in)},
			}},
			{title: "回执", rows: receiptRows(in)},
		},
		footer: "如对处理有疑问，请凭投诉单编号联系受理人。    受理人（签章）：____________    日期：____________",
	}
}

// expected is the resolution time the customer is told: the one promised
// (acknowledge), else the deadline of the case's resolution clock.
func expected(in Input) string {
	c := in.Case
	if !c.ExpectedBy.IsZero() {
		return tm(in, c.ExpectedBy) + " 前"
	}
	k := clockStoppedBy(in, "resolve", "close")
	if k == nil || k.State == deadline.NotStarted {
		return ""
	}
	return deadline.FormatDue(*k, in.Loc) + " 前（" + k.Label.ZH + "）"
}

// receiptRows are the receipt clock and how the receipt was given: the
// first contact that reached the customer, or the expected time told.
func receiptRows(in Input) []row {
	var rows []row
	if k := clockStoppedBy(in, "acknowledge"); k != nil {
		r := clockRows(Input{Clocks: []deadline.Clock{*k}, Loc: in.Loc, Now: in.Now})
		r[0].label = "回执时限"
		rows = append(rows, r...)
	}
	for _, e := range in.Events {
		switch {
		case e.Action == "contact" && e.After["contact_reached"] == "yes":
			return append(rows, row{"回执发送", when(in, &e) + " " + contactText(in.Policy, e)})
		case e.Action == "acknowledge":
			return append(rows, row{"回执发送", when(in, &e) + " 告知预计解决时间（" + e.Actor + "）"})
		}
	}
	return append(rows, row{"回执发送", "尚未发送"})
}

// contactText is a contact as the receipt lists it: "信函，已寄出（小王）".
func contactText(p *policy.Policy, e store.Event) string {
	s := choice(p.ContactKind(e.After["contact_kind"]), e.After["contact_kind"])
	if o := e.After["contact_outcome"]; o != "" {
		s += "，" + choice(p.ContactOutcome(o), o)
	}
	if e.Actor != "" {
		s += "（" + e.Actor + "）"
	}
	return s
}

// clockStoppedBy is the case's first clock, in policy order, that one of
// the actions stops and that starts when the complaint is received.
func clockStoppedBy(in Input, acts ...string) *deadline.Clock {
	for _, a := range acts {
		for i := range in.Clocks {
			pc := in.Policy.Clock(in.Clocks[i].ID)
			if pc != nil && pc.Start == "received" && slices.Contains(pc.Stop, a) {
				return &in.Clocks[i]
			}
		}
	}
	return nil
}
