package actions

import (
	"fmt"
	"maps"

	"complaintdesk/store"
)

// Revisit records the customer's satisfaction after closure (001 五.5.A);
// a dissatisfied customer reopens the case "until the customer is
// satisfied" (000 §4, 001).
var Revisit = Def{
	ID:     "revisit",
	Key:    "v",
	Verb:   L{ZH: "回访", EN: "revisit"},
	Done:   L{ZH: "回访", EN: "Revisited"},
	Title:  L{ZH: "回访", EN: "Revisit"},
	Help:   L{ZH: "记录回访：满意度 1-5 和客户意见（不满意则重新处理）", EN: "Record the revisit: satisfaction 1-5 and the comment (a dissatisfied customer reopens the case)"},
	Fields: []Field{Satisfaction, Note.with(L{ZH: "客户的意见", EN: "what the customer said"})},
	Apply: func(x *Ctx) {
		c, in := x.C, x.In
		if in.Satisfaction < 1 || in.Satisfaction > 5 {
			x.Fail("satisfaction", "满意度应为 1 到 5", "satisfaction must be 1 to 5")
		}
		c.Satisfaction = in.Satisfaction
		c.RevisitedAt = in.At
		if len(c.Complainants) > 0 && in.Satisfaction >= 1 && in.Satisfaction <= 5 {
			c.Complainants[0].Satisfaction = in.Satisfaction
		}
	},
	After: dissatisfiedReopen,
}

// SystemActor is who the desk's own steps are recorded as.
const SystemActor = "系统"

// dissatisfiedReopen reopens the case when the customer is dissatisfied
// and the policy says so ([revisit]).
func dissatisfiedReopen(x *Ctx) {
	p, c, in := x.P, x.C, x.In
	r := p.Revisit
	if !r.Reopen || r.DissatisfiedBelow <= 0 || in.Satisfaction <= 0 || in.Satisfaction >= r.DissatisfiedBelow {
		return
	}
	tr := stepFrom(p, "reopen", c.Status)
	if tr == nil {
		return
	}
	before := *c
	before.Fields = maps.Clone(c.Fields)
	reopen(c)
	if tr.To != "" {
		c.Status = tr.To
	}
	ev := store.Event{CaseID: c.ID, At: in.At, Entered: x.Now, Actor: SystemActor, Action: "reopen",
		Reason: fmt.Sprintf("回访不满意（满意度 %d/5），按政策重新处理，直至客户满意", in.Satisfaction)}
	ev.Before, ev.After = Diff(&before, c)
	x.Events = append(x.Events, ev)
}
