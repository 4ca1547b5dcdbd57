package actions

// Unlink removes a link to another case, with the reason.
var Unlink = Def{
	ID:      "unlink",
	Key:     "L",
	Verb:    L{ZH: "取消关联", EN: "unlink"},
	Done:    L{ZH: "取消关联", EN: "Unlinked"},
	Title:   L{ZH: "取消关联", EN: "Unlink a related case"},
	Help:    L{ZH: "取消与一个投诉单的关联（--with 编号），并说明原因", EN: "Unlink a related case (--with NUMBER), with the reason"},
	Fields:  []Field{Other, Reason.with(required)},
	Apply:   otherCase,
	Written: relate,
}
