package actions

// Transfer moves the case to another handler or department, with the reason.
var Transfer = Def{
	ID:     "transfer",
	Key:    "w",
	Verb:   L{ZH: "转派", EN: "transfer"},
	Done:   L{ZH: "转派", EN: "Transferred"},
	Title:  L{ZH: "转派（换处理人或部门）", EN: "Transfer to another handler or department"},
	Help:   L{ZH: "转派给另一位处理人或部门，并说明原因", EN: "Transfer to another handler or department, with the reason"},
	Fields: []Field{Handler, Department, Reason.with(L{ZH: "为什么转派", EN: "why it is transferred"})},
	Apply:  handOver,
}
