package actions

// RequestApproval asks a supervisor to approve the closure (grade A, 001
// 处理权限; 003 第十二至十四条).
var RequestApproval = Def{
	ID:      "request_approval",
	Command: "request-approval",
	Key:     "u",
	Verb:    L{ZH: "提交审批", EN: "request approval"},
	Done:    L{ZH: "提交审批", EN: "Approval requested"},
	Title:   L{ZH: "提交主管审批结案", EN: "Ask a supervisor to approve the closure"},
	Help:    L{ZH: "请主管批准结案（A 级）", EN: "Ask a supervisor to approve the closure (grade A)"},
	Fields:  []Field{Note},
	Apply:   func(*Ctx) {},
}
