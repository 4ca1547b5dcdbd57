package actions

import (
	"complaintdesk/internal/deadline"
)

// Acknowledge is the first response to the customer: a call back or a
// receipt telling them when to expect a resolution (002 "24小时内…回执…预估解决时间").
// A promise later than a deadline still going needs the reason: the
// customer is told a time the regulation does not allow without one.
var Acknowledge = Def{
	ID:     "acknowledge",
	Key:    "a",
	Verb:   L{ZH: "首次响应", EN: "acknowledge"},
	Done:   L{ZH: "首次响应", EN: "Acknowledged"},
	Title:  L{ZH: "首次响应（告知客户预计解决时间）", EN: "Acknowledge (tell the customer when to expect a resolution)"},
	Help:   L{ZH: "首次响应客户，并告知预计解决时间", EN: "First response to the customer, with the expected resolution time told to them"},
	Fields: []Field{ExpectedBy, Reason.with(L{ZH: "预计时间晚于时限时必填", EN: "required when the promise is later than a deadline"}), Note},
	Apply: func(x *Ctx) {
		in, c := x.In, x.C
		switch {
		case in.ExpectedBy.IsZero():
			x.Fail("expected_by", "请填写告知客户的预计解决时间", "give the resolution time told to the customer")
		case in.ExpectedBy.Before(in.At):
			x.Fail("expected_by", "预计解决时间不能早于现在", "the expected resolution time is in the past")
		default:
			promiseInTime(x)
		}
		c.ExpectedBy = in.ExpectedBy
		if c.AcknowledgedAt.IsZero() {
			c.AcknowledgedAt = in.At
		}
	},
}

// promiseInTime: a promise past the due time of a clock still going (on
// time or already breached: a late letter's passed deadline no less)
// needs the reason.
func promiseInTime(x *Ctx) {
	if trim(x.In.Reason) != "" {
		return
	}
	for _, k := range x.Clocks {
		pc := x.P.Clock(k.ID)
		going := k.Stopped.IsZero() && (k.State == deadline.Running || k.State == deadline.Breached)
		if !going || pc == nil || contains(pc.Stop, x.In.Name) || !x.In.ExpectedBy.After(k.Due) {
			continue
		}
		due := deadline.FormatDue(k, x.Loc)
		x.Fail("reason", "告知客户的预计时间晚于"+k.Label.ZH+"（截止 "+due+"）：请填写原因",
			"the time promised is later than the "+k.Label.EN+" deadline ("+due+"): give the reason")
		return
	}
}

func contains(list []string, v string) bool {
	for _, s := range list {
		if s == v {
			return true
		}
	}
	return false
}
