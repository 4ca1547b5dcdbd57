package actions

import (
	"errors"
	"strings"

	"complaintdesk/store"
)

// Link relates the case to another case of the same complaint.
var Link = Def{
	ID:      "link",
	Key:     "l",
	Verb:    L{ZH: "关联", EN: "link"},
	Done:    L{ZH: "关联", EN: "Linked"},
	Title:   L{ZH: "关联相关投诉", EN: "Link a related case"},
	Help:    L{ZH: "关联一个相关投诉单（--with 编号）", EN: "Link a related case (--with NUMBER)"},
	Fields:  []Field{Other, Reason},
	Apply:   otherCase,
	Written: relate,
}

// otherCase finds the other case of a link or unlink.
func otherCase(x *Ctx) {
	n := strings.ToUpper(trim(x.In.Other))
	if n == "" {
		x.Fail("other", "请填写要关联的投诉单编号", "give the number of the other case")
		return
	}
	o, err := x.Tx.CaseByNumber(n)
	switch {
	case errors.Is(err, store.ErrNotFound):
		x.Fail("other", "没有投诉单 "+n, "no case "+n)
	case err != nil:
		x.Fail("other", err.Error(), err.Error())
	case o.ID == x.C.ID:
		x.Fail("other", "不能关联投诉单自身", "a case cannot be linked to itself")
	default:
		x.other = o
	}
}

// relate writes the link (or removes it) and the other case's event; the
// case's own event records the other number.
func relate(x *Ctx) error {
	o, c, in := x.other, x.C, x.In
	var err error
	if in.Name == "link" {
		err = x.Tx.LinkCases(store.CaseLink{A: c.ID, B: o.ID, At: in.At, By: x.Actor, Reason: trim(in.Reason)})
		if errors.Is(err, store.ErrDuplicate) {
			return problem(Problem{"other", "已与 " + o.Number + " 关联", "already linked to " + o.Number})
		}
	} else {
		err = x.Tx.UnlinkCases(c.ID, o.ID)
		if errors.Is(err, store.ErrNotFound) {
			return problem(Problem{"other", "未与 " + o.Number + " 关联", "not linked to " + o.Number})
		}
	}
	if err != nil {
		return err
	}
	key := "linked"
	if in.Name == "unlink" {
		key = "unlinked"
	}
	x.Touched = append(x.Touched, o.ID)
	ev := store.Event{CaseID: o.ID, At: in.At, Entered: x.Now, Actor: x.Actor, Action: in.Name, Reason: in.Reason, After: map[string]string{key: c.Number}}
	return x.Tx.AppendEvent(&ev)
}
