package actions

import "strconv"

// SampleRevisit is the company's revisit of a case drawn into the month's
// revisit sample (001 五.5.B "回访比例不少于20%"): its own event, beside
// the handling department's revisit; the status does not change.
var SampleRevisit = Def{
	ID:     "sample_revisit",
	Key:    "R",
	Verb:   L{ZH: "公司抽样回访", EN: "company revisit (sample)"},
	Done:   L{ZH: "公司抽样回访", EN: "Company revisit (sample)"},
	Short:  L{ZH: "抽样回访", EN: "sample revisit"},
	Title:  L{ZH: "公司抽样回访（本月回访抽样中的投诉）", EN: "Company revisit of a case in the month's revisit sample"},
	Help:   L{ZH: "记录公司对抽样投诉的回访：满意度和客户意见（不改变状态）", EN: "Record the company's revisit of a sampled case: satisfaction and comment (the status stays)"},
	Fields: []Field{Satisfaction, Note.with(L{ZH: "客户的意见", EN: "what the customer said"})},
	Apply: func(x *Ctx) {
		c, in := x.C, x.In
		if in.Satisfaction < 1 || in.Satisfaction > 5 {
			x.Fail("satisfaction", "满意度应为 1 到 5", "satisfaction must be 1 to 5")
		}
		month := c.ClosedAt.In(x.Loc).Format("2006-01")
		s, err := x.Tx.RevisitSample(month)
		sampled := false
		if err == nil && s != nil {
			for _, id := range s.CaseIDs {
				sampled = sampled || id == c.ID
			}
		}
		if c.ClosedAt.IsZero() || !sampled {
			x.Fail("rule", "此投诉单不在结案当月的回访抽样中（desk report revisit-sample）", "the case is not in the revisit sample of the month it was closed (desk report revisit-sample)")
			return
		}
		SetField(c, "sample_revisit_satisfaction", strconv.Itoa(x.In.Satisfaction))
		SetField(c, "sample_revisited_at", x.Stamp())
	},
}
