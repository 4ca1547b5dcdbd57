package actions

import (
	"fmt"
	"strconv"
)

// Contact records a contact with the customer (call out, letter, visit…)
// and its outcome; the first one that reaches them stops the first-response clock.
var Contact = Def{
	ID:     "contact",
	Key:    "t",
	Verb:   L{ZH: "联系客户", EN: "contact the customer"},
	Short:  L{ZH: "联系客户", EN: "contact"},
	Done:   L{ZH: "联系客户", EN: "Contacted the customer"},
	Title:  L{ZH: "联系客户（去电、信函、上门）", EN: "Contact the customer (call, letter, visit)"},
	Help:   L{ZH: "记录与客户的联系（去电、信函、上门等）及结果", EN: "Record a contact with the customer (call out, letter, visit...) and its outcome"},
	Fields: []Field{Who, ContactKind, ContactOutcome, contactSatisfaction, Note.with(L{ZH: "与客户沟通的内容", EN: "what was said"})},
	Gives:  []string{"contacted"},
	Apply: func(x *Ctx) {
		p, c, in := x.P, x.C, x.In
		kind := in.ContactKind
		if kind == "" && len(p.ContactKinds) > 0 {
			kind = p.ContactKinds[0].ID
		}
		k := p.ContactKind(kind)
		if k == nil {
			x.Fail("contact_kind", "未知的联系方式："+kind+"（可选："+ChoiceIDs(p.ContactKinds)+"）", "unknown contact kind "+strconv.Quote(kind)+" (one of: "+ChoiceIDs(p.ContactKinds)+")")
		}
		o := p.ContactOutcome(in.ContactOutcome)
		if o == nil {
			x.Fail("contact_outcome", "请选择联系结果（"+ChoiceIDs(p.ContactOutcomes)+"）", "give the outcome of the contact (one of: "+ChoiceIDs(p.ContactOutcomes)+")")
		}
		if in.Who < 0 || in.Who >= max(1, len(c.Complainants)) {
			x.Fail("who", fmt.Sprintf("没有第 %d 位投诉人", in.Who+1), fmt.Sprintf("there is no complainant %d", in.Who+1))
		}
		if in.Satisfaction < 0 || in.Satisfaction > 5 {
			x.Fail("satisfaction", "满意度应为 1 到 5", "satisfaction must be 1 to 5")
		}
		if len(x.Problems) > 0 {
			return
		}
		x.Extra["contact_kind"], x.Extra["contact_outcome"] = kind, o.ID
		x.Extra["contact_reached"] = "no"
		if o.Reached {
			x.Extra["contact_reached"] = "yes"
			if c.Fields["contacted_at"] == "" {
				SetField(c, "contacted_at", x.Stamp())
			}
		}
		if len(c.Complainants) > 0 {
			who := &c.Complainants[in.Who]
			who.Callback, who.CallbackAt = o.ID, in.At
			if in.Satisfaction > 0 {
				who.Satisfaction = in.Satisfaction
			}
			if len(c.Complainants) > 1 {
				x.Extra["contact_who"] = strconv.Itoa(in.Who + 1)
			}
		}
		if in.Satisfaction > 0 {
			x.Extra["contact_satisfaction"] = strconv.Itoa(in.Satisfaction)
		}
	},
}

// contactSatisfaction is asked only when the customer said it.
var contactSatisfaction = func() Field {
	f := Satisfaction
	f.First = L{ZH: "（未问）", EN: "(not asked)"}
	return f
}()
