package actions

import (
	"errors"
	"slices"
	"strings"

	"complaintdesk/store"
)

// Visit records someone's on-site attendance (上门/到场): who went, when,
// what they found. The policy may require a visit by grade before the case
// is resolved, naming the role that must go (001 处理权限: A 项目经理, B 客服
// 主管, C 片区经理/管家 到场); the grade-A form shows who went and when.
var Visit = Def{
	ID:     "visit",
	Key:    "h",
	Verb:   L{ZH: "登记到场处理", EN: "record an on-site visit"},
	Done:   L{ZH: "到场处理", EN: "On-site visit"},
	Short:  L{ZH: "到场", EN: "visit"},
	Title:  L{ZH: "登记到场处理（谁去了、何时、发现什么）", EN: "Record an on-site visit (who went, when, what they found)"},
	Help:   L{ZH: "登记到场处理：--by 到场人 [--at 时间] --note 情况", EN: "Record an on-site visit: --by NAME [--at TIME] --note TEXT"},
	Fields: []Field{VisitBy, Note.with(L{ZH: "必填：到场的情况和发现", EN: "required: what was done and found on site"})},
	Apply: func(x *Ctx) {
		in, c := x.In, x.C
		who := trim(in.VisitBy)
		if who == "" {
			who = x.Actor
		}
		x.require("note", in.Note, "请写明到场的情况", "say what was done and found on site")
		u, err := x.Tx.User(who)
		switch {
		case errors.Is(err, store.ErrNotFound) || (err == nil && u.Disabled):
			x.Fail("visit_by", "没有名为「"+who+"」的在岗用户", "no active desk user is called "+who)
			return
		case err != nil:
			x.Fail("visit_by", err.Error(), err.Error())
			return
		}
		roles := strings.Split(c.Fields["visited_roles"], ",")
		if !slices.Contains(roles, u.Role) {
			roles = append(roles, u.Role)
		}
		SetField(c, "visited_roles", strings.Trim(strings.Join(roles, ","), ","))
		x.Extra["visit_by"], x.Extra["visit_role"], x.Extra["visit_at"] = who, u.Role, x.Stamp()
	},
}

// VisitBy is who attended on site.
var VisitBy = Field{ID: "visit_by", Flag: "by", Kind: Text, Person: true, Label: L{ZH: "到场人", EN: "Who went"},
	Hint: L{ZH: "到场人员的用户名（默认您自己）", EN: "the desk user who went (default: you)"},
	bind: str(func(in *Input) *string { return &in.VisitBy })}
