package actions

// Investigate starts the investigation: the status says it all.
var Investigate = Def{
	ID:     "investigate",
	Key:    "i",
	Verb:   L{ZH: "开始调查", EN: "investigate"},
	Done:   L{ZH: "开始调查", EN: "Investigation started"},
	Title:  L{ZH: "开始调查", EN: "Start the investigation"},
	Help:   L{ZH: "开始调查", EN: "Start the investigation"},
	Fields: []Field{Note},
	Apply:  func(*Ctx) {},
}
