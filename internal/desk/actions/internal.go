package actions

// The desk's own steps: they have names in the history but no form.

// Register creates the case (001 "投诉登记…赋予每一份投诉单一个唯一编号").
var Register = Def{
	ID:       "register",
	Verb:     L{ZH: "登记", EN: "register"},
	Done:     L{ZH: "登记", EN: "Registered"},
	Internal: true,
}

// Reveal is a masked role's audited look at a complainant's personal data.
var Reveal = Def{
	ID:       "reveal",
	Verb:     L{ZH: "查看个人信息", EN: "reveal"},
	Done:     L{ZH: "查看个人信息", EN: "Personal data revealed"},
	Internal: true,
}

// Lookup is a masked role's search by a whole phone number or name: it
// found the case by personal data the role sees masked, so it is audited.
var Lookup = Def{
	ID:       "lookup",
	Verb:     L{ZH: "以完整个人信息查找", EN: "look up by personal data"},
	Done:     L{ZH: "以完整个人信息查找", EN: "Looked up by personal data"},
	Internal: true,
}
