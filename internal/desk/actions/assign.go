package actions

import (
	"strconv"
	"strings"
)

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
	if h != "" && h != x.Old.Handler {
		checkHandler(x, h)
	}
	c.Handler = h
	if dep != "" {
		c.Department = dep
	}
}

// checkHandler: a case goes only to an active user whose role handles
// cases (policy handles); an unknown name is refused with the closest
// names of the desk's users.
func checkHandler(x *Ctx, name string) {
	u, err := x.Tx.User(name)
	if err == nil && !u.Disabled {
		if r := x.P.Role(u.Role); x.P.HandlerRoles() != nil && (r == nil || !r.Handles) {
			x.Fail("handler", name+" 的角色（"+roleName(x, u.Role, "zh")+"）不能作为处理人",
				name+"'s role ("+roleName(x, u.Role, "en")+") does not handle cases")
		}
		return
	}
	users, _ := x.Tx.Users()
	var cands []string
	for _, o := range users {
		if o.Disabled {
			continue
		}
		if r := x.P.Role(o.Role); x.P.HandlerRoles() != nil && (r == nil || !r.Handles) {
			continue
		}
		cands = append(cands, o.Name)
	}
	near := Closest(name, cands, 3)
	zh, en := "没有名为「"+name+"」的在岗用户", "no active desk user is called "+strconv.Quote(name)
	if len(near) > 0 {
		zh += "；最接近的：" + strings.Join(near, "、")
		en += "; closest: " + strings.Join(near, ", ")
	}
	x.Fail("handler", zh, en)
}

func roleName(x *Ctx, id, lang string) string {
	if r := x.P.Role(id); r != nil {
		return r.In(lang)
	}
	return id
}
