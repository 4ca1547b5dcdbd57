package actions

// SendBack returns the case for more work, with the reason.
var SendBack = Def{
	ID:     "send_back",
	Key:    "N",
	Verb:   L{ZH: "退回", EN: "send back"},
	Done:   L{ZH: "退回", EN: "Sent back"},
	Title:  L{ZH: "退回重新处理", EN: "Send back for more work"},
	Help:   L{ZH: "退回重新处理并说明原因（主管）", EN: "Send the case back for more work, with the reason (supervisors)"},
	Fields: []Field{Reason.with(L{ZH: "必填：还需要做什么", EN: "required: what is still to do"}), Note},
	Apply:  func(*Ctx) {},
}
