package actions

// Reject finds the complaint not justified: the customer is still owed a
// polite written explanation (000 §3.1 "以书面形式有礼貌地向客户说清道理").
var Reject = Def{
	ID:      "reject",
	Key:     "x",
	Verb:    L{ZH: "判定不成立", EN: "reject"},
	Done:    L{ZH: "不成立", EN: "Not justified"},
	Title:   L{ZH: "判定投诉不成立", EN: "Reject as not justified"},
	Help:    L{ZH: "判定投诉不成立，并给客户有礼貌的书面解释", EN: "Close as not justified, with a polite written explanation"},
	Fields:  []Field{templateField("reject"), Reply, Reason.with(required), Category},
	Gives:   []string{"resolution"},
	Regrade: true,
	Apply: func(x *Ctx) {
		p, c, in := x.P, x.C, x.In
		category(x)
		text(&c.Resolution, in.Resolution)
		text(&c.Reply, in.Reply)
		c.ResolvedAt = in.At
		if c.Resolution == "" {
			c.Resolution = trim(in.Reason) // the explanation is the resolution
		}
		if k := p.Conclusion(c.Fields["conclusion"]); k == nil || k.Justified {
			for _, ch := range p.Conclusions {
				if !ch.Justified {
					SetField(c, "conclusion", ch.ID)
					break
				}
			}
		}
		if in.ResolutionType == "" && c.Fields["resolution_type"] == "" && p.ResolutionType("explanation") != nil {
			in.ResolutionType = "explanation"
		}
		resolutionFacts(x)
	},
}
