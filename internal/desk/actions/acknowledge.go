package actions

// Acknowledge is the first response to the customer: a call back or a
// receipt telling them when to expect a resolution (002 "24小时内…回执…预估解决时间").
var Acknowledge = Def{
	ID:     "acknowledge",
	Key:    "a",
	Verb:   L{ZH: "首次响应", EN: "acknowledge"},
	Done:   L{ZH: "首次响应", EN: "Acknowledged"},
	Title:  L{ZH: "首次响应（告知客户预计解决时间）", EN: "Acknowledge (tell the customer when to expect a resolution)"},
	Help:   L{ZH: "首次响应客户，并告知预计解决时间", EN: "First response to the customer, with the expected resolution time told to them"},
	Fields: []Field{ExpectedBy, Note},
	Apply: func(x *Ctx) {
		in, c := x.In, x.C
		switch {
		case in.ExpectedBy.IsZero():
			x.Fail("expected_by", "请填写告知客户的预计解决时间", "give the resolution time told to the customer")
		case in.ExpectedBy.Before(in.At):
			x.Fail("expected_by", "预计解决时间不能早于现在", "the expected resolution time is in the past")
		}
		c.ExpectedBy = in.ExpectedBy
		if c.AcknowledgedAt.IsZero() {
			c.AcknowledgedAt = in.At
		}
	},
}
