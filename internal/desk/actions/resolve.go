package actions

// Resolve records what was done, its type and amount, the written reply
// and the customer's agreement (001 记录 "处理人员、解决方案以及投诉的结果").
var Resolve = Def{
	ID:       "resolve",
	Handling: true,
	Key:      "r",
	Verb:     L{ZH: "解决", EN: "resolve"},
	Done:     L{ZH: "解决", EN: "Resolved"},
	Title:    L{ZH: "解决", EN: "Resolve"},
	Help:     L{ZH: "记录处理结果、处理方式、书面答复和客户意见", EN: "Record the resolution, its type, the written reply and the customer's agreement"},
	Fields:   []Field{Category, Resolution, templateField("resolve"), Reply, ResolutionType, Amount, Agreement, Note},
	Regrade:  true,
	Apply: func(x *Ctx) {
		category(x)
		text(&x.C.Resolution, x.In.Resolution)
		text(&x.C.Reply, x.In.Reply)
		x.C.ResolvedAt = x.In.At
		resolutionFacts(x)
	},
}
