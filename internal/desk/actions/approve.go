package actions

// Approve is the supervisor's approval of what awaits it.
var Approve = Def{
	ID:     "approve",
	Key:    "Y",
	Verb:   L{ZH: "批准", EN: "approve"},
	Done:   L{ZH: "批准", EN: "Approved"},
	Title:  L{ZH: "批准结案", EN: "Approve the closure"},
	Help:   L{ZH: "批准结案（主管）", EN: "Approve the closure (supervisors)"},
	Fields: []Field{Note},
	Apply:  func(*Ctx) {},
}
