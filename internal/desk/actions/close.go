package actions

// Close ends the handling (001 "处理并关闭时限").
var Close = Def{
	ID:     "close",
	Key:    "c",
	Verb:   L{ZH: "结案", EN: "close"},
	Done:   L{ZH: "结案", EN: "Closed"},
	Title:  L{ZH: "结案", EN: "Close the case"},
	Help:   L{ZH: "结案", EN: "Close the case"},
	Fields: []Field{Resolution, templateField("close"), Reply, Agreement, Note},
	Apply: func(x *Ctx) {
		text(&x.C.Resolution, x.In.Resolution)
		text(&x.C.Reply, x.In.Reply)
		resolutionFacts(x)
		x.C.ClosedAt = x.In.At
	},
}
