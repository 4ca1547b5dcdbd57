package policy

// Generic mechanisms the testing laboratory's procedure (regulation 000) needed
// and any policy may use:
//
//   - [[field]]: the policy's own case fields, with labels (the registers'
//     column names), a kind (text, area, date, users, choice), the natures
//     that ask for them at intake and whether intake requires them;
//   - a clock's late_for / late_requires: once the clock has breached, the
//     listed actions also need the listed fields (a late appeal is
//     accepted only with the quality manager's override and reason);
//   - a transition's fields, set, notify and key: optional fields it may
//     record, fixed values it sets, roles told of it (a notice line in
//     their sessions) and its key on the case page;
//   - a role's hide: what the role never sees of a case (testers see the
//     sample's blind code, not who appealed against which report).

import (
	"strings"
	"time"
	"unicode/utf8"
)

// LateField is the case field that keeps the clocks of late rules that
// breached (comma-separated clock ids).
const LateField = "late"

// Field kinds.
var FieldKinds = []string{"text", "area", "date", "users", "choice"}

// HideableParts are the parts of a case, besides fields, a role may be
// kept from seeing (Role.Hide).
var HideableParts = []string{"complainant", "content", "demand", "subject", "resolution", "reply", "notes"}

// reservedFieldIDs are the case's own attributes: a [[field]] may not take
// their names.
var reservedFieldIDs = []string{"category", "resolution", "reply", "handler", "department", "reason", "note",
	"expected_by", "satisfaction", "investigation", "verification", "contacted", "content", "demand", "subject",
	"grade", "status", "channel", "nature", "received", "late", "flags", "complainant", "notes"}

// FieldDef is one policy field of a case ([[field]]).
type FieldDef struct {
	ID string `toml:"id"`
	Label
	// Kind: "text" (one line, the default), "area" (several lines),
	// "date" (a day that has happened, stored as RFC 3339), "users"
	// (names of desk users, Min of them, all different; of Role when
	// set) or "choice" (one of Options).
	Kind string `toml:"kind"`
	// Hint is shown in an empty input.
	Hint Label `toml:"hint"`
	// Natures: the natures whose intake form asks for the field (empty:
	// every nature) when Intake is set.
	Natures []string `toml:"natures"`
	Intake  bool     `toml:"intake"`
	// Required: registering a case of one of Natures needs the field.
	Required bool     `toml:"required"`
	Options  []Choice `toml:"option"`
	Min      int      `toml:"min"`
	Role     string   `toml:"role"`
	// Default and DefaultFrom: the value an action that records the
	// field starts from when the case has none — a fixed text, or the
	// value of another field (the revoked report is the appealed one).
	Default     string `toml:"default"`
	DefaultFrom string `toml:"default_from"`
	// Flag is the field's command-line flag ("" = the id with dashes).
	Flag string `toml:"flag"`
	// Unique: no two cases have the same value (a sample's blind code).
	Unique bool `toml:"unique"`
	// DistinctFrom: the value may not equal or contain the value of these
	// fields, nor the case number (a blind code must not give away the
	// sample's number or the report, 000 §2.2.2).
	DistinctFrom []string `toml:"distinct_from"`
	// NotAfter: a date field may not be later than the case's receipt
	// ("received": the customer received the report before appealing
	// against it, 000 §1.1).
	NotAfter string `toml:"not_after"`
	// NotBefore: a date a step records may not be earlier than these —
	// "received" (the day the case was received) or other date fields of
	// the case (a sample is not received before it was asked for).
	NotBefore []string `toml:"not_before"`
	// Generate: the desk proposes a value ("code": a random code such as
	// MB-7KQ4-2X9D).
	Generate string `toml:"generate"`
	// Subject: the value is the case's subject (the product or report it
	// is about) when intake gives none; the queue's search finds it and
	// the same complaint from others is matched on it.
	Subject bool `toml:"subject"`
}

// KindOrText is the field's kind, "text" when none is given.
func (f *FieldDef) KindOrText() string {
	if f.Kind == "" {
		return "text"
	}
	return f.Kind
}

// ForNature reports whether the field applies to a case of the nature.
func (f *FieldDef) ForNature(nature string) bool { return matches(f.Natures, nature) }

// Option returns the choice with id, or nil.
func (f *FieldDef) Option(id string) *Choice { return choice(f.Options, id) }

// Field returns the policy field with id, or nil.
func (p *Policy) Field(id string) *FieldDef {
	for i := range p.Fields {
		if p.Fields[i].ID == id {
			return &p.Fields[i]
		}
	}
	return nil
}

// IntakeFields are the fields the intake form asks for a case of nature.
func (p *Policy) IntakeFields(nature string) []FieldDef {
	var out []FieldDef
	for _, f := range p.Fields {
		if f.Intake && f.ForNature(nature) {
			out = append(out, f)
		}
	}
	return out
}

// ActionFields are the policy fields the transition may record (those it
// requires and its optional ones), in the order the policy declares them.
func (p *Policy) ActionFields(t *Transition) []string {
	var out []string
	for _, f := range p.Fields {
		if contains(t.Require, f.ID) || contains(t.Fields, f.ID) {
			out = append(out, f.ID)
		}
	}
	return out
}

// LateRules are the clocks whose breach adds required fields to action.
func (p *Policy) LateRules(action string) []Clock {
	var out []Clock
	for _, c := range p.Clocks {
		if contains(c.LateFor, action) {
			out = append(out, c)
		}
	}
	return out
}

// HasLateRules reports whether some clock has a late rule.
func (p *Policy) HasLateRules() bool {
	for _, c := range p.Clocks {
		if len(c.LateFor) > 0 {
			return true
		}
	}
	return false
}

// ActionKey is the policy's key for action ("" when none).
func (p *Policy) ActionKey(action string) string {
	for _, t := range p.Transitions {
		if t.Action == action && t.Key != "" {
			return t.Key
		}
	}
	return ""
}

// ActionForKey is the action the policy gives key k ("" when none).
func (p *Policy) ActionForKey(k string) string {
	if k == "" {
		return ""
	}
	for _, t := range p.Transitions {
		if t.Key == k {
			return t.Action
		}
	}
	return ""
}

// Hides reports whether role never sees part (a HideableParts entry or a
// field id).
func (p *Policy) Hides(role, part string) bool {
	r := p.Role(role)
	return r != nil && contains(r.Hide, part)
}

// Blind reports whether the role is kept from seeing anything of a case.
func (p *Policy) Blind(role string) bool {
	r := p.Role(role)
	return r != nil && len(r.Hide) > 0
}

// lab checks the fields, late rules, notices, keys and hidden parts.
func (c *checker) lab() {
	p := c.p
	var es []entry
	for _, f := range p.Fields {
		es = append(es, entry{f.ID, f.Label})
	}
	if len(es) > 0 {
		c.checkIDs("field", "field", es)
	}
	for i, f := range p.Fields {
		lineOf := func(key string) int { return c.idx.at("field", i, key, "id", f.ID) }
		if contains(reservedFieldIDs, f.ID) {
			c.add(lineOf("id"), "field id %q is the case's own: choose another id", f.ID)
		}
		if f.Kind != "" && !contains(FieldKinds, f.Kind) {
			c.add(lineOf("kind"), "field %q: kind %q is not one of: %s", f.ID, f.Kind, strings.Join(FieldKinds, ", "))
		}
		for _, n := range f.Natures {
			if p.Nature(n) == nil {
				c.add(lineOf("natures"), "field %q: nature %q is not a nature", f.ID, n)
			}
		}
		if f.Required && !f.Intake {
			c.add(lineOf("required"), "field %q: required = true needs intake = true (it is asked at intake)", f.ID)
		}
		if f.DefaultFrom != "" && p.Field(f.DefaultFrom) == nil {
			c.add(lineOf("default_from"), "field %q: default_from %q is not a [[field]]", f.ID, f.DefaultFrom)
		}
		switch f.KindOrText() {
		case "choice":
			if len(f.Options) == 0 {
				c.add(lineOf("kind"), "field %q: a choice needs [[field.option]] entries", f.ID)
			}
			for _, o := range f.Options {
				if o.ID == "" || (o.ZH == "" && o.EN == "") {
					c.add(lineOf("kind"), "field %q: every option needs an id and a label", f.ID)
				}
			}
		case "users":
			if f.Min < 0 || f.Min > 20 {
				c.add(lineOf("min"), "field %q: min %d must be 0 to 20", f.ID, f.Min)
			}
			if f.Role != "" && p.Role(f.Role) == nil {
				c.add(lineOf("role"), "field %q: role %q is not a role", f.ID, f.Role)
			}
		}
	}
	keys := map[string]string{}
	for i, t := range p.Transitions {
		lineOf := func(key string) int { return c.idx.at("transition", i, key, "action", t.Action) }
		for _, f := range t.Fields {
			if p.Field(f) == nil {
				c.add(lineOf("fields"), "transition %q: field %q is not a [[field]]", t.Action, f)
			}
		}
		for k, v := range t.Set {
			fd := p.Field(k)
			switch {
			case fd == nil && !contains(setKnown, k):
				c.add(lineOf("set"), "transition %q: set %q is not a [[field]] (or one of %s)", t.Action, k, strings.Join(setKnown, ", "))
			case fd != nil && fd.KindOrText() == "choice" && v != "" && fd.Option(v) == nil: // "" clears it
				c.add(lineOf("set"), "transition %q: set %s = %q is not an option of the field", t.Action, k, v)
			case k == "resolution_type" && p.ResolutionType(v) == nil:
				c.add(lineOf("set"), "transition %q: set resolution_type = %q is not a resolution type", t.Action, v)
			}
		}
		for _, r := range t.Notify {
			if p.Role(r) == nil {
				c.add(lineOf("notify"), "transition %q: notify role %q is not a role", t.Action, r)
			}
		}
		if t.Key != "" {
			if utf8.RuneCountInString(t.Key) != 1 || t.Key == " " {
				c.add(lineOf("key"), "transition %q: key %q must be one character", t.Action, t.Key)
			} else if prev, ok := keys[t.Key]; ok && prev != t.Action {
				c.add(lineOf("key"), "transition %q: key %q is already the key of %q", t.Action, t.Key, prev)
			} else {
				keys[t.Key] = t.Action
			}
		}
	}
	for i, k := range p.Clocks {
		lineOf := func(key string) int { return c.idx.at("clock", i, key, "id", k.ID) }
		for _, a := range k.LateFor {
			if !p.hasAction(a) {
				c.add(lineOf("late_for"), "clock %q: late_for action %q is not an action of any transition", k.ID, a)
			}
		}
		if len(k.LateFor) > 0 && len(k.LateRequires) == 0 {
			c.add(lineOf("late_for"), "clock %q: late_for needs late_requires = [the fields a late case needs]", k.ID)
		}
		if len(k.LateRequires) > 0 && len(k.LateFor) == 0 {
			c.add(lineOf("late_requires"), "clock %q: late_requires needs late_for = [the actions it applies to]", k.ID)
		}
		for _, f := range k.LateRequires {
			if !contains(KnownFields, f) && p.Field(f) == nil {
				c.add(lineOf("late_requires"), "clock %q: late_requires field %q is unknown", k.ID, f)
			}
		}
	}
	for i, r := range p.Roles {
		for _, h := range r.Hide {
			if !contains(HideableParts, h) && !contains(KnownFields, h) && p.Field(h) == nil {
				c.add(c.idx.at("role", i, "hide", "id", r.ID), "role %q: hide %q is not a field or one of: %s", r.ID, h, strings.Join(HideableParts, ", "))
			}
		}
	}
}

// setKnown are the desk's own fields a transition may set besides [[field]]s.
var setKnown = []string{"resolution_type", "conclusion", "agreement"}

// FieldText shows a stored field value in lang: a date field as its day,
// a choice by its label, users joined, the late field by its clocks' names.
func (p *Policy) FieldText(k, v, lang string, loc *time.Location) string {
	if v == "" {
		return ""
	}
	if k == LateField {
		var names []string
		for _, id := range strings.Split(v, ",") {
			if pc := p.Clock(id); pc != nil {
				names = append(names, pc.In(lang))
			} else {
				names = append(names, id)
			}
		}
		return strings.Join(names, ", ")
	}
	fd := p.Field(k)
	if fd == nil {
		return v
	}
	switch fd.KindOrText() {
	case "date":
		if t, err := time.Parse(time.RFC3339, v); err == nil {
			if loc != nil {
				t = t.In(loc)
			}
			return t.Format("2006-01-02")
		}
	case "choice":
		if o := fd.Option(v); o != nil {
			return o.In(lang)
		}
	case "users":
		if lang == "zh" {
			return strings.ReplaceAll(v, ",", "、")
		}
		return strings.ReplaceAll(v, ",", ", ")
	}
	return v
}
