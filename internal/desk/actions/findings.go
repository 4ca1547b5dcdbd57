package actions

import "strconv"

// Findings is the investigation report (003 第十条, 第十七条): facts, cause,
// responsible party, conclusion, corrective and preventive action.
var Findings = Def{
	ID:       "findings",
	Handling: true,
	Key:      "d",
	Verb:     L{ZH: "填写调查报告", EN: "record the investigation report"},
	Short:    L{ZH: "调查报告", EN: "report"},
	Done:     L{ZH: "调查报告", EN: "Investigation report"},
	Title:    L{ZH: "调查报告", EN: "Investigation report"},
	Help:     L{ZH: "记录调查报告：事实、原因、责任方、结论、纠正和预防措施", EN: "Record the investigation report: facts, cause, responsible party, conclusion, corrective and preventive action"},
	Fields:   []Field{Facts, Cause, Responsible, Conclusion, Corrective, Preventive, Note},
	Gives:    []string{"investigation"},
	Regrade:  true,
	Apply: func(x *Ctx) {
		p, c, in := x.P, x.C, x.In
		any := false
		for _, kv := range [][2]string{{"facts", in.Facts}, {"cause", in.Cause}, {"responsible", in.Responsible},
			{"conclusion", in.Conclusion}, {"corrective_action", in.Corrective}, {"preventive_action", in.Preventive}} {
			if v := trim(kv[1]); v != "" {
				any = true
				SetField(c, kv[0], v)
			}
		}
		if !any {
			x.Fail("facts", "调查报告是空的：请至少填写查明的事实", "the report is empty: give at least the facts found")
		}
		if k := trim(in.Conclusion); k != "" {
			ch := p.Conclusion(k)
			if ch == nil {
				x.Fail("conclusion", "未知的结论："+k+"（可选："+ChoiceIDs(p.Conclusions)+"）", "unknown conclusion "+strconv.Quote(k)+" (one of: "+ChoiceIDs(p.Conclusions)+")")
				return
			}
			for _, f := range ch.Flags {
				AddFlag(c, f)
			}
		}
	},
}
