package actions

import (
	"complaintdesk/internal/policy"
	"complaintdesk/store"
)

// FlagsStep sets or clears the circumstances the grading rules read
// (lawsuit, media coverage, loss, injury, a contract unmet twice); media
// coverage makes the case a crisis.
var FlagsStep = Def{
	ID:      "flags",
	Key:     "!",
	Verb:    L{ZH: "登记情形", EN: "set the circumstances"},
	Short:   L{ZH: "情形", EN: "circumstances"},
	Done:    L{ZH: "情形", EN: "Circumstances"},
	Title:   L{ZH: "登记情形（定级依据）", EN: "Circumstances (for the grading rules)"},
	Help:    L{ZH: "登记或清除定级规则读取的情形（--on lawsuit --off media …）", EN: "Set or clear the circumstances the grading rules read (--on lawsuit --off media ...)"},
	Fields:  append(circumstanceFields(), Note),
	Regrade: true,
	Apply: func(x *Ctx) {
		if len(x.In.Circumstances) == 0 {
			x.Fail("circumstances", "没有要登记的情形", "no circumstance to set or clear")
		}
		for k, on := range x.In.Circumstances {
			if circumstance(k) == nil {
				x.Problems = append(x.Problems, UnknownCircumstance(k))
				continue
			}
			v := ""
			if on {
				v = "yes"
			}
			SetField(x.C, k, v)
		}
		ApplyCrisis(x.P, x.C)
	},
}

// circumstanceFields are one tick per circumstance, opened with the case's.
func circumstanceFields() []Field {
	out := make([]Field, len(Circumstances))
	for i, k := range Circumstances {
		id := k.ID
		out[i] = Field{ID: id, Kind: Yes, Label: k.Label, Hint: k.Label,
			Current: func(_ *policy.Policy, c *store.Case) string { return c.Fields[id] },
			bind:    circumstanceBinding(id)}
	}
	return out
}
