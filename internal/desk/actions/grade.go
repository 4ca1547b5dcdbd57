package actions

import "strconv"

// GradeStep changes the grade with the reason; the clocks recompute from
// the original receipt (001 四).
var GradeStep = Def{
	ID:     "grade",
	Key:    "g",
	Verb:   L{ZH: "改级", EN: "change grade"},
	Short:  L{ZH: "改级", EN: "grade"},
	Done:   L{ZH: "改级", EN: "Grade changed"},
	Title:  L{ZH: "改变等级", EN: "Change the grade"},
	Help:   L{ZH: "改变等级并说明原因（时限从原受理时间重新计算）", EN: "Change the grade, with the reason (clocks recompute from the original receipt)"},
	Fields: []Field{Grade, Reason.with(L{ZH: "必填：为什么改变等级", EN: "required: why the grade changes"})},
	Apply: func(x *Ctx) {
		p, c, in := x.P, x.C, x.In
		if p.Grade(in.Grade) == nil {
			x.Fail("grade", "未知的等级："+in.Grade, "unknown grade "+strconv.Quote(in.Grade))
		} else if in.Grade == c.Grade {
			x.Fail("grade", "等级未改变", "the grade is unchanged")
		}
		x.require("reason", in.Reason, "请填写改变等级的原因", "give the reason for the grade change")
		c.Grade = in.Grade
		c.GradeReason = trim(in.Reason)
		SetField(c, "suggested_grade", "")
		SetField(c, "suggested_reason", "")
	},
}
