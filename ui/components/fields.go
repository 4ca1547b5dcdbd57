package components

import (
	"strings"
	"time"

	"complaintdesk/internal/desk/actions"
	"complaintdesk/internal/policy"
	"complaintdesk/ui/text"
)

// FieldValue is a stored value of a case's field (as the history and the
// case's fields keep it: an id, a time in RFC 3339, yes or no) as a person
// reads it in lang: a status, a channel, a level... by its name, a time in
// the desk's zone loc, a tick as yes or no. The case page and the command
// line's cases show both name values with it. The text is not made safe
// for a terminal (safetext) here: the caller does.
func FieldValue(p *policy.Policy, k, v, lang string, loc *time.Location) string {
	if v == "" {
		return "-"
	}
	switch k {
	case "status":
		if s := p.Status(v); s != nil {
			return s.In(lang)
		}
	case "grade":
		if g := p.Grade(v); g != nil {
			return v + " " + g.In(lang)
		}
	case "category":
		return p.CategoryPath(v, lang)
	case "channel":
		if o := p.Channel(v); o != nil {
			return o.In(lang)
		}
	case "nature":
		if o := p.Nature(v); o != nil {
			return o.In(lang)
		}
	case "department":
		return p.DepartmentName(v, lang)
	case "escalation":
		if l := p.Level(v); l != nil {
			return l.In(lang)
		}
	case "contact_kind":
		if c := p.ContactKind(v); c != nil {
			return c.In(lang)
		}
	case "contact_outcome":
		if c := p.ContactOutcome(v); c != nil {
			return c.In(lang)
		}
	case "conclusion":
		if c := p.Conclusion(v); c != nil {
			return c.In(lang)
		}
	case "resolution_type": // one or several: "repair,compensation"
		return eachName(v, lang, func(id string) *policy.Label {
			if c := p.ResolutionType(id); c != nil {
				return &c.Label
			}
			return nil
		})
	case "inspection_items":
		return strings.Join(actions.ItemsText(p, v, lang), text.Common.ListSep.In(lang))
	case "visit_role", "visited_roles":
		return eachName(v, lang, func(id string) *policy.Label {
			if r := p.Role(id); r != nil {
				return &r.Label
			}
			return nil
		})
	case "amounts": // each type's amount: "compensation=800.00"
		var parts []string
		for _, kv := range strings.Split(v, ",") {
			id, amt, _ := strings.Cut(kv, "=")
			name := id
			if c := p.ResolutionType(id); c != nil {
				name = c.In(lang)
			}
			parts = append(parts, name+" "+amt)
		}
		return strings.Join(parts, text.Common.ListSep.In(lang))
	case "agreement":
		return actions.AgreementLabel(v).In(lang)
	case "flags":
		return FlagNames(p, strings.Split(v, ","), lang)
	case "crisis", "contact_reached", "complainant_verified", "item_verified",
		"lawsuit", "media", "media_possible", "serious_loss", "injury", "contract_unmet":
		switch v {
		case "yes":
			return text.Common.Yes.In(lang)
		case "no":
			return text.Common.No.In(lang)
		}
	}
	if p.Field(k) != nil || k == policy.LateField {
		return p.FieldText(k, v, lang, loc) // the policy's own fields (lab)
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil { // a step's time (visit_at, inspected_at…)
		return t.In(loc).Format("2006-01-02 15:04")
	}
	return v
}

// eachName is a comma-separated list of ids by name in lang (an id the
// policy does not know stays as it is).
func eachName(v, lang string, label func(id string) *policy.Label) string {
	var names []string
	for _, id := range strings.Split(v, ",") {
		if l := label(id); l != nil {
			names = append(names, l.In(lang))
		} else {
			names = append(names, id)
		}
	}
	return strings.Join(names, text.Common.ListSep.In(lang))
}

// FlagNames are a case's flags by name in lang.
func FlagNames(p *policy.Policy, ids []string, lang string) string {
	var out []string
	for _, id := range ids {
		if f := p.Flag(id); f != nil {
			out = append(out, f.In(lang))
		} else if id != "" {
			out = append(out, id)
		}
	}
	return strings.Join(out, text.Common.ListSep.In(lang))
}
