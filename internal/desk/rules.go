package desk

import (
	"fmt"
	"slices"
	"strings"

	"complaintdesk/internal/desk/actions"
	"complaintdesk/internal/policy"
	"complaintdesk/store"
)

// What the regulations forbid, checked before a step is written: the
// policy's rules (internal/policy/rules.go), the co-signature of a step
// two people take together, and who may see which cases.

// caseValue is what a condition of a rule reads of a case: an attribute, a
// fact the desk knows, or a field.
func caseValue(c *store.Case, key string) string {
	switch key {
	case "status":
		return c.Status
	case "grade":
		return c.Grade
	case "nature":
		return c.Nature
	case "channel":
		return c.Channel
	case "category":
		return c.Category
	case "handler":
		return c.Handler
	case "department":
		return c.Department
	case "escalation":
		return c.Escalation
	case "resolution":
		return c.Resolution
	case "reply":
		return c.Reply
	case "verification", "investigation", "contacted", "expected_by", "satisfaction":
		if hasField(key, c, &Action{}) {
			return "yes"
		}
		return ""
	}
	return c.Fields[key]
}

// holds reports whether the case matches every condition. A category
// pattern matches the category's children too; flags match any flag.
func holds(conds map[string]string, c *store.Case) bool {
	for k, pattern := range conds {
		if !holdsOne(k, pattern, c) {
			return false
		}
	}
	return true
}

func holdsOne(k, pattern string, c *store.Case) bool {
	switch k {
	case "flags":
		fl := actions.Flags(c)
		neg := strings.HasPrefix(pattern, "!")
		pos := strings.TrimPrefix(pattern, "!")
		any := false
		for _, f := range fl {
			if policy.Matches(pos, f) {
				any = true
			}
		}
		if pos == "" || pos == "*" {
			any = policy.Matches(pos, strings.Join(fl, ","))
		}
		return any != neg
	case "visited_roles", "flags_any":
		// a list: any of its values matches
		for _, v := range strings.Split(c.Fields[k], ",") {
			if policy.Matches(strings.TrimPrefix(pattern, "!"), v) {
				return !strings.HasPrefix(pattern, "!")
			}
		}
		return strings.HasPrefix(pattern, "!")
	case "category":
		v := c.Category
		if i := strings.IndexByte(v, '.'); i > 0 && !policy.Matches(pattern, v) {
			return policy.Matches(pattern, v[:i])
		}
		return policy.Matches(pattern, v)
	}
	return policy.Matches(pattern, caseValue(c, k))
}

// doerField keeps who last took a step a rule's not_by names (the
// investigator of findings_by), so segregation of duties reads the case.
func doerField(action string) string { return action + "_by" }

// recordDoer keeps the actor of a step some rule's not_by names.
func recordDoer(p *policy.Policy, action string, a Actor, c *store.Case) {
	for _, r := range p.Rules {
		if slices.Contains(r.NotBy, action) {
			actions.SetField(c, doerField(action), a.Name)
			return
		}
	}
}

// tookAny reports whether the actor is who last took one of the steps
// ("handler": the case's handler).
func tookAny(c *store.Case, steps []string, a Actor) bool {
	for _, s := range steps {
		if s == policy.HandlerDoer {
			if c.Handler != "" && c.Handler == a.Name {
				return true
			}
			continue
		}
		if by := c.Fields[doerField(s)]; by != "" && by == a.Name {
			return true
		}
	}
	return false
}

// ruleProblems are the rules of the step that refuse it: before is the case
// as it was, after as the step leaves it. A rule the actor's role may
// override is passed when the input gives a reason (the override goes into
// the event); otherwise the problem says so.
func ruleProblems(p *policy.Policy, a Actor, action string, before, after *store.Case, in *Action, extra map[string]string) []Problem {
	var ps []Problem
	for _, r := range p.RulesFor(action) {
		if !holds(r.When, before) {
			continue
		}
		broken := !holds(r.Need, after)
		if tookAny(before, r.NotBy, a) {
			broken = true
		}
		if !broken {
			continue
		}
		if slices.Contains(r.Override, a.Role) {
			if reason := strings.TrimSpace(in.Override); reason != "" {
				extra["override"] = strings.TrimSpace(extra["override"] + " " + r.ID)
				extra["override_reason"] = reason
				continue
			}
			ps = append(ps, Problem{Field: "override",
				ZH: r.Text("zh") + "；如确需继续，请填写越权原因（将记入处理记录）",
				EN: r.Text("en") + "; to go on anyway give the reason for the override (it goes into the history)"})
			continue
		}
		ps = append(ps, Problem{Field: "rule", ZH: r.Text("zh"), EN: r.Text("en")})
	}
	return ps
}

// overridable reports whether a rule of the step lets the role go past it.
func overridable(p *policy.Policy, action, role string) bool {
	for _, r := range p.RulesFor(action) {
		if slices.Contains(r.Override, role) {
			return true
		}
	}
	return false
}

// handlerOnly refuses a step of the handling (the registry's Handling)
// on a case assigned to someone by anyone but that handler or a
// supervisor: another agent does not resolve a colleague's case.
func handlerOnly(p *policy.Policy, a Actor, action string, c *store.Case) []Problem {
	def := actions.For(p, action)
	if def == nil || !def.Handling || c.Handler == "" || c.Handler == a.Name || a == System {
		return nil
	}
	if r := p.Role(a.Role); r != nil && r.Supervisor {
		return nil
	}
	verb := actions.Verb(p, action)
	return []Problem{{Field: "rule",
		ZH: "此投诉单由 " + c.Handler + " 处理：只有处理人或主管可以" + verb.ZH,
		EN: "this case is handled by " + c.Handler + ": only the handler or a supervisor may " + verb.EN}}
}

// pendingGradeProblems refuses a step that closes the case (into a status
// that is not open) while a grade change request awaits its decision: a
// closed case cannot have it approved or refused any more (finding 11).
func pendingGradeProblems(p *policy.Policy, tr *policy.Transition, c *store.Case) []Problem {
	st := p.Status(tr.To)
	if st == nil || st.Open || c.Fields["grade_requested"] == "" {
		return nil
	}
	g := c.Fields["grade_requested"]
	return []Problem{{Field: "grade",
		ZH: "改为 " + g + " 级的申请尚未审批：须先由主管批准或驳回，才能" + actions.Verb(p, tr.Action).ZH,
		EN: "the request to change the grade to " + g + " awaits a decision: a supervisor approves or refuses it before you " + actions.Verb(p, tr.Action).EN}}
}

// precheck are the rules a step is refused by before any form is filled:
// those whose needs its form cannot give, and who took which step before.
func precheck(p *policy.Policy, a Actor, action string, c *store.Case) []Problem {
	ps := handlerOnly(p, a, action, c)
	for _, r := range p.RulesFor(action) {
		if !holds(r.When, c) || slices.Contains(r.Override, a.Role) {
			continue
		}
		broken := false
		for k, pattern := range r.Need {
			if !actions.Gives(p, action, k) && !holdsOne(k, pattern, c) {
				broken = true
			}
		}
		if tookAny(c, r.NotBy, a) {
			broken = true
		}
		if broken {
			ps = append(ps, Problem{Field: "rule", ZH: r.Text("zh"), EN: r.Text("en")})
		}
	}
	return ps
}

// names splits a field of users ("a,b").
func names(v string) []string {
	if v == "" {
		return nil
	}
	return strings.Split(v, ",")
}

// signedField keeps who has signed a co-signed step.
func signedField(action string) string { return action + "_signed" }

// cosign applies a co-signed step (policy cosign): only the users the field
// names take it, each once, with the same values; the status moves on
// when the last has signed, and a different value sends the case to the
// transition's cosign_mismatch status. Each signer gives the compared
// values themselves: confirming by leaving them as the first one wrote
// them would be no second test.
func cosign(p *policy.Policy, tr *policy.Transition, a Actor, in *actions.Input, before, c *store.Case, extra map[string]string) []Problem {
	if tr.Cosign == "" {
		return nil
	}
	verb := actions.Verb(p, tr.Action)
	who := actions.Label(p, tr.Cosign)
	for _, f := range tr.CosignSame {
		if strings.TrimSpace(in.Fields[f]) == "" {
			l := actions.Label(p, f)
			return []Problem{{Field: f,
				ZH: "请填写您自己的" + l.ZH + "（每位" + who.ZH + "各自记录，由系统比对）",
				EN: "record your own " + strings.ToLower(l.EN) + " (each of the " + strings.ToLower(who.EN) + " records it; the desk compares them)"}}
		}
	}
	signers := names(c.Fields[tr.Cosign])
	if !slices.Contains(signers, a.Name) {
		return []Problem{{Field: "rule",
			ZH: fmt.Sprintf("只有%s（%s）可以%s", who.ZH, strings.Join(signers, "、"), verb.ZH),
			EN: fmt.Sprintf("only the %s (%s) may %s", strings.ToLower(who.EN), strings.Join(signers, ", "), verb.EN)}}
	}
	key := signedField(tr.Action)
	signed := names(before.Fields[key])
	if slices.Contains(signed, a.Name) {
		return []Problem{{Field: "rule",
			ZH: "您已" + verb.ZH + "：须由另一位" + who.ZH + "确认",
			EN: "you have already signed this: another of the " + strings.ToLower(who.EN) + " must confirm it"}}
	}
	if len(signed) > 0 {
		for _, f := range tr.CosignSame {
			if before.Fields[f] != c.Fields[f] {
				// The two disagree: back to whoever decides.
				extra["cosign_mismatch"] = f
				actions.SetField(c, key, "")
				if tr.CosignMismatch != "" {
					c.Status = tr.CosignMismatch
				}
				return nil
			}
		}
	}
	signed = append(signed, a.Name)
	actions.SetField(c, key, strings.Join(signed, ","))
	if len(signed) < len(signers) {
		c.Status = before.Status // waits for the others
	}
	return nil
}

// sees reports whether the actor may see the case at all: a role with
// "only" sees the cases that name its user in that field.
func (d *Desk) sees(a Actor, c *store.Case) bool {
	r := d.Policy().Role(a.Role)
	if a == System || r == nil || r.Only == "" {
		return true
	}
	if r.Only == "handler" {
		return c.Handler == a.Name // a department head sees the cases given to them
	}
	return slices.Contains(names(c.Fields[r.Only]), a.Name)
}
