package actions

import (
	"time"

	"complaintdesk/store"
)

// Reopen sends a closed or resolved case back to work (a dissatisfied
// customer, a new contact about the same case).
var Reopen = Def{
	ID:     "reopen",
	Key:    "o",
	Verb:   L{ZH: "重新处理", EN: "reopen"},
	Done:   L{ZH: "重新处理", EN: "Reopened"},
	Title:  L{ZH: "重新处理", EN: "Reopen"},
	Help:   L{ZH: "重新处理（客户不满意、再次来电）", EN: "Reopen the case (dissatisfied customer, new contact)"},
	Fields: []Field{Reason.with(L{ZH: "必填：客户不满意或再次来电的内容", EN: "required: why the case is reopened"})},
	Apply: func(x *Ctx) {
		x.require("reason", x.In.Reason, "请填写重新处理的原因", "give the reason for reopening")
		reopen(x.C)
	},
}

// reopen sends the case back to work: the old solution was not enough, so
// the new one is carried out again before closing.
func reopen(c *store.Case) {
	c.ReopenCount++
	c.ClosedAt, c.ResolvedAt = time.Time{}, time.Time{}
	SetField(c, "implemented_at", "")
	SetField(c, "implementation", "")
}
