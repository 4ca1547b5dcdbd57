package policy

import (
	"fmt"
	"strings"
)

// Rules are what a regulation forbids, as data: a step refused unless the
// case is in a given state, a step the same person may not take twice
// (segregation of duties), a step only a listed role may force with a
// reason. The desk checks every rule of a step before it writes, and says
// the rule's words when it refuses (the same in the terminal and on the
// command line).
//
// Conditions (When, Need) map a key to a pattern:
//
//	key      a case attribute (status, grade, nature, channel, category,
//	         handler, department, escalation), a fact the desk knows
//	         (verification, investigation, contacted, flags), or a field
//	pattern  "x" equals x; "x|y" one of them; "*" not empty; "" empty;
//	         "!x" anything but x (also "!x|y", "!*" = empty)
//
// For flags the pattern is matched against each flag the case has: "recall"
// holds when the case has the recall flag.
type Rule struct {
	ID string `toml:"id"`
	// Label is the refusal, in both languages ("复检确认原结果正确后才能维持原报告").
	Label
	// Source names the regulation's rule (docs/regulations.md).
	Source string `toml:"source"`
	// Actions are the steps the rule applies to.
	Actions []string `toml:"actions"`
	// When: the rule applies only when the case, before the step, matches.
	When map[string]string `toml:"when"`
	// Need: after the step's effect the case must match, or the step is refused.
	Need map[string]string `toml:"need"`
	// NotBy: the actor must not be the person who took the last of these
	// steps (the investigator does not accept his own report), nor, for
	// "handler", the case's handler (no revisit of one's own case).
	NotBy []string `toml:"not_by"`
	// Override lists the roles that may go past the rule by giving a
	// reason; the override and its reason are in the history.
	Override []string `toml:"override"`
}

// HandlerDoer in a rule's NotBy names the case's handler.
const HandlerDoer = "handler"

// RulesFor lists the rules of action, in policy order.
func (p *Policy) RulesFor(action string) []Rule {
	var out []Rule
	for _, r := range p.Rules {
		if contains(r.Actions, action) {
			out = append(out, r)
		}
	}
	return out
}

// Matches reports whether value matches a condition pattern (see Rule).
func Matches(pattern, value string) bool {
	neg := strings.HasPrefix(pattern, "!")
	if neg {
		pattern = pattern[1:]
	}
	ok := false
	switch pattern {
	case "":
		ok = value == ""
	case "*":
		ok = value != ""
	default:
		for _, alt := range strings.Split(pattern, "|") {
			if alt == value {
				ok = true
				break
			}
		}
	}
	return ok != neg
}

// CaseAttributes are the keys of a condition that are the case's own.
var CaseAttributes = []string{"status", "grade", "nature", "channel", "category", "handler", "department", "escalation", "flags"}

// rules checks the [[rule]] entries.
func (c *checker) rules() {
	p := c.p
	seen := map[string]bool{}
	for i, r := range p.Rules {
		lineOf := func(key string) int { return c.idx.at("rule", i, key, "id", r.ID) }
		if r.ID == "" {
			c.add(lineOf("id"), "rule %d has no id", i+1)
		} else if seen[r.ID] {
			c.add(lineOf("id"), "rule %q is defined twice", r.ID)
		}
		seen[r.ID] = true
		if r.ZH == "" || r.EN == "" {
			c.add(lineOf("id"), "rule %q needs its refusal in both languages (zh and en)", r.ID)
		}
		if len(r.Actions) == 0 {
			c.add(lineOf("actions"), "rule %q applies to no action", r.ID)
		}
		for _, a := range r.Actions {
			if !p.hasAction(a) {
				c.add(lineOf("actions"), "rule %q: action %q is not an action of any transition", r.ID, a)
			}
		}
		for _, a := range r.NotBy {
			if a != HandlerDoer && !p.hasAction(a) {
				c.add(lineOf("not_by"), "rule %q: not_by action %q is not an action of any transition", r.ID, a)
			}
		}
		if len(r.Need) == 0 && len(r.NotBy) == 0 {
			c.add(lineOf("id"), "rule %q forbids nothing: give need or not_by", r.ID)
		}
		for _, m := range []map[string]string{r.When, r.Need} {
			for k := range m {
				if !c.conditionKey(k) {
					c.add(lineOf("when"), "rule %q: condition on %q, which is not a case attribute, a fact or a field", r.ID, k)
				}
			}
		}
		for _, role := range r.Override {
			if p.Role(role) == nil {
				c.add(lineOf("override"), "rule %q: override role %q is not a role", r.ID, role)
			}
		}
	}
}

func (c *checker) conditionKey(k string) bool {
	return contains(CaseAttributes, k) || contains(KnownFields, k) || c.p.Field(k) != nil || contains(conditionFacts, k)
}

// conditionFacts are fields the desk keeps that a condition may read.
var conditionFacts = []string{"implemented", "visited_roles", "grade_requested", "recall_done", "regulator_reported", "late", "suggested_grade",
	"complainant_verified", "item_verified", "conclusion", "resolution_type", "agreement", "contacted_at"}

// ruleText is the rule in the language with its source ("… (000 §2.2.4)").
func (r Rule) Text(lang string) string {
	t := r.In(lang)
	if r.Source != "" {
		if strings.HasPrefix(strings.ToLower(lang), "zh") {
			return t + "（" + r.Source + "）"
		}
		return fmt.Sprintf("%s (%s)", t, r.Source)
	}
	return t
}

// EndsClocks reports whether action ends the case's handling (ClocksEndOn).
func (p *Policy) EndsClocks(action string) bool {
	if len(p.ClocksEndOn) == 0 {
		return action == "close" || action == "reject"
	}
	return contains(p.ClocksEndOn, action)
}

// MayChangeGrade reports whether role changes a grade at once (raising it).
func (p *Policy) MayChangeGrade(role string) bool {
	return len(p.Grading.ChangeRoles) == 0 || contains(p.Grading.ChangeRoles, role)
}

// enforcement checks the cosign, only, handles and field attributes.
func (c *checker) enforcement() {
	p := c.p
	for i, t := range p.Transitions {
		lineOf := func(key string) int { return c.idx.at("transition", i, key, "action", t.Action) }
		if t.Cosign == "" {
			continue
		}
		if fd := p.Field(t.Cosign); fd == nil || fd.KindOrText() != "users" {
			c.add(lineOf("cosign"), "transition %q: cosign %q is not a [[field]] of kind users", t.Action, t.Cosign)
		}
		if t.CosignMismatch != "" && p.Status(t.CosignMismatch) == nil {
			c.add(lineOf("cosign_mismatch"), "transition %q: cosign_mismatch %q is not a status", t.Action, t.CosignMismatch)
		}
		for _, f := range t.CosignSame {
			if p.Field(f) == nil && !contains(KnownFields, f) {
				c.add(lineOf("cosign_same"), "transition %q: cosign_same field %q is unknown", t.Action, f)
			}
		}
	}
	for i, r := range p.Roles {
		if r.Only != "" && r.Only != "handler" {
			if fd := p.Field(r.Only); fd == nil || fd.KindOrText() != "users" {
				c.add(c.idx.at("role", i, "only", "id", r.ID), "role %q: only %q is not \"handler\" or a [[field]] of kind users", r.ID, r.Only)
			}
		}
	}
	for i, f := range p.Fields {
		for _, o := range f.DistinctFrom {
			if p.Field(o) == nil {
				c.add(c.idx.at("field", i, "distinct_from", "id", f.ID), "field %q: distinct_from %q is not a [[field]]", f.ID, o)
			}
		}
		for _, o := range f.NotBefore {
			if o != "received" && (p.Field(o) == nil || p.Field(o).KindOrText() != "date" || f.KindOrText() != "date") {
				c.add(c.idx.at("field", i, "not_before", "id", f.ID), "field %q: not_before %q is not \"received\" or another date field (and the field must be a date)", f.ID, o)
			}
		}
		if f.Generate != "" && f.Generate != "code" {
			c.add(c.idx.at("field", i, "generate", "id", f.ID), "field %q: generate %q is not one of: code", f.ID, f.Generate)
		}
	}
	for _, r := range p.Grading.ChangeRoles {
		if p.Role(r) == nil {
			c.add(c.idx.at("grading", 0, "change_roles", "", ""), "grading.change_roles: %q is not a role", r)
		}
	}
	for _, r := range p.Escalation.CrisisTeam {
		if p.Role(r) == nil {
			c.add(c.idx.at("escalation", 0, "crisis_team", "", ""), "escalation.crisis_team: %q is not a role", r)
		}
	}
	for _, a := range p.ClocksEndOn {
		if !p.hasAction(a) {
			c.add(c.idx.top("clocks_end_on"), "clocks_end_on: %q is not an action of any transition", a)
		}
	}
}

// HandlerRoles lists the roles whose users may handle cases (handles =
// true); nil when the policy marks none (an older policy: every role may).
func (p *Policy) HandlerRoles() []string {
	var out []string
	for _, r := range p.Roles {
		if r.Handles {
			out = append(out, r.ID)
		}
	}
	return out
}

// Allowed reports whether some transition of action allows role (from any status).
func (p *Policy) Allowed(action, role string) bool {
	for i := range p.Transitions {
		if p.Transitions[i].Action == action && p.Transitions[i].Allows(role) {
			return true
		}
	}
	return false
}
