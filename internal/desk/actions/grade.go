package actions

import "strconv"

// GradeStep changes the grade with the reason; the clocks recompute from
// the original receipt (001 四). Raising the grade by a role with the
// policy's right to change grades takes effect at once; lowering it, or
// any change by another role, is a request a supervisor decides
// (grade_request.go): a lower grade cuts a clock from 20 working days to 2.
var GradeStep = Def{
	ID:     "grade",
	Key:    "g",
	Verb:   L{ZH: "改级", EN: "change grade"},
	Done:   L{ZH: "改级", EN: "Grade changed"},
	Short:  L{ZH: "改级", EN: "grade"},
	Title:  L{ZH: "改变等级（降级须主管批准）", EN: "Change the grade (lowering it needs a supervisor's approval)"},
	Help:   L{ZH: "改变等级并说明原因（升级立即生效；降级为申请，由主管批准）", EN: "Change the grade, with the reason (raising takes effect at once; lowering is a request a supervisor approves)"},
	Fields: []Field{Grade, Reason.with(L{ZH: "必填：为什么改变等级", EN: "required: why the grade changes"})},
	Apply: func(x *Ctx) {
		p, c, in := x.P, x.C, x.In
		switch {
		case p.Grade(in.Grade) == nil:
			x.Fail("grade", "未知的等级："+in.Grade, "unknown grade "+strconv.Quote(in.Grade))
		case in.Grade == c.Grade:
			x.Fail("grade", "等级未改变", "the grade is unchanged")
		case c.Fields["grade_requested"] != "":
			x.Fail("grade", "已有待审批的改级申请（"+c.Fields["grade_requested"]+" 级）：请主管先批准或驳回",
				"a grade change to "+c.Fields["grade_requested"]+" awaits approval: a supervisor decides it first")
		}
		x.require("reason", in.Reason, "请填写改变等级的原因", "give the reason for the grade change")
		if len(x.Problems) > 0 {
			return
		}
		if p.MoreSevere(in.Grade, c.Grade) && p.MayChangeGrade(x.Role) {
			c.Grade = in.Grade
			c.GradeReason = trim(in.Reason)
			SetField(c, "suggested_grade", "")
			SetField(c, "suggested_reason", "")
			return
		}
		// A request: the grade stays until a supervisor approves.
		SetField(c, "grade_requested", in.Grade)
		SetField(c, "grade_requested_reason", trim(in.Reason))
		SetField(c, "grade_requested_by", x.Actor)
	},
}
