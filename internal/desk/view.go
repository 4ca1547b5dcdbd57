package desk

import (
	"slices"
	"strings"

	"complaintdesk/internal/complaint"
	"complaintdesk/internal/policy"
	"complaintdesk/store"
)

// view is what one actor may see of cases: the one place where personal
// data is masked (张*, 138****5678) for roles without see_pii, and where
// the parts a role never sees (policy hide: a lab tester sees a blind
// code, not who appealed against which report) are taken out. Every read
// use case returns cases through it; Reveal is the one audited way out.
type view struct {
	seePII bool
	hide   []string
}

// viewOf is the actor's view under the policy in force.
func (d *Desk) viewOf(a Actor) view {
	r := d.Policy().Role(a.Role)
	if r == nil {
		return view{} // an unknown role sees everything masked
	}
	return view{seePII: r.SeePII, hide: r.Hide}
}

// SeesPII reports whether the actor sees personal data unmasked.
func (d *Desk) SeesPII(a Actor) bool { return d.viewOf(a).seePII }

func (v view) hides(part string) bool { return slices.Contains(v.hide, part) }

// key tells apart the views whose cases differ (a cache key part).
func (v view) key() string {
	k := "m"
	if v.seePII {
		k = "p"
	}
	return k + ":" + strings.Join(v.hide, ",")
}

// person is a complainant as the view shows them.
func (v view) person(p store.Complainant) store.Complainant {
	switch {
	case v.hides("complainant"):
		return store.Complainant{ID: p.ID, Callback: p.Callback, CallbackAt: p.CallbackAt, Satisfaction: p.Satisfaction}
	case v.seePII:
		return p
	case p.Anonymous:
		return store.Complainant{ID: p.ID, Anonymous: true, Callback: p.Callback, CallbackAt: p.CallbackAt, Satisfaction: p.Satisfaction}
	}
	p.Name, p.Phone, p.Email = complaint.MaskName(p.Name), complaint.MaskPhone(p.Phone), complaint.MaskEmail(p.Email)
	p.Address = ""
	return p
}

// personText masks the "name phone e-mail" a history records of an added complainant.
func (v view) personText(s string) string {
	if v.seePII {
		return s
	}
	if v.hides("complainant") {
		return ""
	}
	parts := strings.Fields(s)
	for i, w := range parts {
		switch {
		case strings.Contains(w, "@"):
			parts[i] = complaint.MaskEmail(w)
		case strings.IndexFunc(w, func(r rune) bool { return r >= '0' && r <= '9' }) >= 0:
			parts[i] = complaint.MaskPhone(w)
		default:
			parts[i] = complaint.MaskName(w)
		}
	}
	return strings.Join(parts, " ")
}

// kase returns the case as the view shows it (a copy when anything is
// taken out; nil stays nil).
func (v view) kase(c *store.Case) *store.Case {
	if c == nil || (v.seePII && len(v.hide) == 0) {
		return c
	}
	out := *c
	out.Complainants = make([]store.Complainant, len(c.Complainants))
	for i, who := range c.Complainants {
		out.Complainants[i] = v.person(who)
	}
	if len(v.hide) == 0 {
		return &out
	}
	out.Fields = map[string]string{}
	for k, val := range c.Fields {
		if !v.hides(k) {
			out.Fields[k] = val
		}
	}
	if v.hides("content") {
		out.Content = ""
	}
	if v.hides("demand") {
		out.Demand = ""
	}
	if v.hides("subject") {
		out.Subject = ""
	}
	if v.hides("resolution") {
		out.Resolution = ""
	}
	if v.hides("reply") {
		out.Reply = ""
	}
	if v.hides("notes") {
		out.GradeReason = "" // the reason says who and why ("客户需投标，紧急")
	}
	return &out
}

// masks says whether the view changes any case (kase).
func (v view) masks() bool { return !v.seePII || len(v.hide) > 0 }

// cases is kase of every case of a list (in place: lists are the caller's).
func (v view) cases(list []store.Case) []store.Case {
	if !v.masks() {
		return list
	}
	for i := range list {
		list[i] = *v.kase(&list[i])
	}
	return list
}

// events returns the history as the view shows it.
func (v view) events(evs []store.Event) []store.Event {
	if evs == nil || (v.seePII && len(v.hide) == 0) {
		return evs
	}
	gone := func(k string) bool {
		return v.hides(k) || (v.hides("complainant") && (k == "complainant" || k == "contact_who")) ||
			(v.hides("notes") && k == "grade_reason")
	}
	out := make([]store.Event, len(evs))
	for i, e := range evs {
		ne := e
		ne.Before, ne.After = map[string]string{}, map[string]string{}
		for _, pair := range [][2]map[string]string{{e.Before, ne.Before}, {e.After, ne.After}} {
			for k, val := range pair[0] {
				if gone(k) {
					continue
				}
				if k == "complainant" {
					val = v.personText(val)
				}
				pair[1][k] = val
			}
		}
		if v.hides("notes") {
			ne.Reason, ne.Note = "", ""
		}
		out[i] = ne
	}
	return out
}

// HiddenText stands for a part of a case the role may not see.
func HiddenText(lang string) string {
	return policy.Label{ZH: "（已隐藏）", EN: "(hidden)"}.In(lang)
}
