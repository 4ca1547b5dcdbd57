package actions

// Assign gives the case a handler and department (004 第九条 分配责任).
var Assign = Def{
	ID:     "assign",
	Key:    "s",
	Verb:   L{ZH: "分派", EN: "assign"},
	Done:   L{ZH: "分派", EN: "Assigned"},
	Title:  L{ZH: "分派处理人", EN: "Assign a handler"},
	Help:   L{ZH: "分派给处理人（和部门）", EN: "Assign to a handler (and department)"},
	Fields: []Field{Handler, Department, Reason},
	Apply:  handOver,
}

// handOver sets the handler and department of an assignment or a transfer.
func handOver(x *Ctx) {
	in, c := x.In, x.C
	h := trim(in.Handler)
	if h == "" {
		x.Fail("handler", "请填写处理人", "give the handler")
	}
	dep := DepartmentID(x.P, in.Department)
	if in.Name == "transfer" && h == c.Handler && (dep == "" || dep == c.Department) {
		x.Fail("handler", "转派需要换一位处理人或部门", "a transfer needs another handler or department")
	}
	c.Handler = h
	if dep != "" {
		c.Department = dep
	}
}
