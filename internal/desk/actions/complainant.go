package actions

// AddComplainant adds one more complainant to a collective complaint.
var AddComplainant = Def{
	ID:      "complainant",
	Key:     "m",
	Verb:    L{ZH: "添加投诉人", EN: "add a complainant"},
	Short:   L{ZH: "添加投诉人", EN: "add complainant"},
	Done:    L{ZH: "添加投诉人", EN: "Complainant added"},
	Title:   L{ZH: "添加投诉人（集体投诉）", EN: "Add a complainant (collective complaint)"},
	Help:    L{ZH: "为集体投诉添加一位投诉人", EN: "Add a complainant to a collective complaint"},
	Fields:  []Field{PersonName, PersonPhone, PersonEmail, Note},
	Regrade: true,
	Apply: func(x *Ctx) {
		c := x.C
		if r := x.P.Role(x.Role); r != nil && !r.SeePII && x.Actor != SystemActor {
			// adding compares the phone with those on the case: its answer
			// would tell a masked role whether a phone is the complainant's
			x.Fail("rule", "您的角色看不到投诉人的个人信息，不能添加投诉人", "your role does not see the complainants' personal data and may not add a complainant")
			return
		}
		who, prob := CheckPerson(x.In.Person)
		if prob != nil {
			x.Problems = append(x.Problems, *prob)
			return
		}
		for _, p := range c.Complainants {
			if who.Phone != "" && p.Phone == who.Phone {
				x.Fail("phone", "此电话已是本投诉单的投诉人", "this phone is already a complainant of the case")
			}
		}
		c.Complainants = append(c.Complainants, who)
		if c.CollectiveSize < len(c.Complainants) {
			c.CollectiveSize = len(c.Complainants)
		}
	},
}
