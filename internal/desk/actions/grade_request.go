package actions

import "complaintdesk/store"

// A grade change that is not a raise by a role with the right to change
// grades is a request: a supervisor other than the requester approves it
// (the clocks recompute then) or refuses it, both in the history (001 四:
// a lower grade shortens the closure clock from 20 working days to 2).

// ApproveGrade applies a requested grade change.
var ApproveGrade = Def{
	ID:     "approve_grade",
	Key:    "G",
	Verb:   L{ZH: "批准改级", EN: "approve the grade change"},
	Done:   L{ZH: "批准改级", EN: "Grade change approved"},
	Short:  L{ZH: "批准改级", EN: "approve grade"},
	Title:  L{ZH: "批准改级申请", EN: "Approve the requested grade change"},
	Help:   L{ZH: "批准待审批的改级申请（主管；时限按新等级重新计算）", EN: "Approve the requested grade change (supervisors; the clocks recompute)"},
	Fields: []Field{Note},
	Apply: func(x *Ctx) {
		c := x.C
		if !pendingGrade(x) {
			return
		}
		c.Grade = c.Fields["grade_requested"]
		c.GradeReason = c.Fields["grade_requested_reason"]
		clearGradeRequest(c)
	},
}

// RefuseGrade refuses a requested grade change, with the reason.
var RefuseGrade = Def{
	ID:     "refuse_grade",
	Key:    "H",
	Verb:   L{ZH: "驳回改级", EN: "refuse the grade change"},
	Done:   L{ZH: "驳回改级", EN: "Grade change refused"},
	Short:  L{ZH: "驳回改级", EN: "refuse grade"},
	Title:  L{ZH: "驳回改级申请", EN: "Refuse the requested grade change"},
	Help:   L{ZH: "驳回待审批的改级申请并说明原因（主管）", EN: "Refuse the requested grade change, with the reason (supervisors)"},
	Fields: []Field{Reason.with(required)},
	Apply: func(x *Ctx) {
		if !pendingGrade(x) {
			return
		}
		x.require("reason", x.In.Reason, "请填写驳回的原因", "give the reason for refusing")
		clearGradeRequest(x.C)
	},
}

// pendingGrade checks there is a request and that its requester does not decide it.
func pendingGrade(x *Ctx) bool {
	c := x.C
	if c.Fields["grade_requested"] == "" {
		x.Fail("grade", "没有待审批的改级申请", "no grade change awaits approval")
		return false
	}
	if c.Fields["grade_requested_by"] == x.Actor {
		x.Fail("rule", "不能审批自己提出的改级申请：须由另一位主管决定", "you cannot decide your own grade change request: another supervisor must")
		return false
	}
	return true
}

func clearGradeRequest(c *store.Case) {
	for _, k := range []string{"grade_requested", "grade_requested_reason", "grade_requested_by"} {
		SetField(c, k, "")
	}
}
