package desk

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"complaintdesk/internal/desk/actions"
	"complaintdesk/internal/input"
	"complaintdesk/internal/notify"
	"complaintdesk/internal/policy"
	"complaintdesk/store"
)

// Action is one step in a case's life: what the user asks to do and the
// form's fields (see package actions, the registry of the steps).
type Action = actions.Input

// System is the actor of what the desk does by itself (escalation on breach).
var System = Actor{Name: actions.SystemActor, Role: ""}

// Step is the registry's step id under the policy in force (nil when
// neither the desk nor the policy knows it).
func (d *Desk) Step(id string) *actions.Def { return actions.For(d.Policy(), id) }

// Steps lists every step of the policy in force.
func (d *Desk) Steps() []*actions.Def { return actions.All(d.Policy()) }

// Apply performs a step on a case as one transaction: the policy's
// transition (status, role, grade), the step's effect (the registry), the
// policy fields it records, the required fields, then the case, its events
// and notices are written together.
func (d *Desk) Apply(ctx context.Context, a Actor, act Action) (*store.Case, error) {
	p := d.Policy()
	now := d.Now()
	if act.At.IsZero() {
		act.At = now
	}
	def := actions.For(p, act.Name)
	if def == nil || def.Internal {
		_, err := p.Transition(act.Name, "", a.Role) // the policy's refusal names the known steps
		if err == nil {
			err = fmt.Errorf("unknown action %q", act.Name)
		}
		return nil, &ForbiddenError{Action: act.Name, Err: err}
	}
	var c *store.Case
	var touched []int64
	err := d.st.Write(ctx, func(tx store.Tx) error {
		var err error
		c, err = tx.CaseByNumber(act.Number)
		if errors.Is(err, store.ErrNotFound) || (err == nil && !d.sees(a, c)) {
			return &NotFoundError{Number: act.Number}
		}
		if err != nil {
			return err
		}
		evs, err := tx.Events(c.ID)
		if err != nil {
			return err
		}
		if act.Version != 0 && act.Version != c.Version {
			last := lastChange(evs)
			return &ConflictError{Number: c.Number, By: last.Actor, Action: last.Action, At: last.At}
		}
		tr, err := p.TransitionFor(act.Name, c.Status, a.Role, c.Grade)
		if err != nil {
			return &ForbiddenError{Action: act.Name, Err: err}
		}
		if err := problems(append(handlerOnly(p, a, act.Name, c), pendingGradeProblems(p, tr, c)...)).err(); err != nil {
			return err
		}
		before := *c
		before.Fields = maps.Clone(c.Fields)
		before.Complainants = slices.Clone(c.Complainants)
		c.Fields = maps.Clone(c.Fields)
		c.Complainants = slices.Clone(c.Complainants)
		takeLate(act.Fields, &act.Late)
		// The input rules (internal/input) for every text of the step.
		clean := actions.Clean(&act, append(actions.FormFields(p, def, tr), actions.Override, actions.LateReason, actions.Reason, actions.Note))
		for _, k := range slices.Sorted(maps.Keys(act.Fields)) {
			if p.Field(k) == nil { // the policy's own fields were cleaned above
				v, prob := actions.CleanText(k, actions.Label(p, k), act.Fields[k], input.Line, 0)
				if prob != nil {
					clean = append(clean, *prob)
				}
				act.Fields[k] = v
			}
		}
		if err := problems(clean).err(); err != nil {
			return err
		}
		x := &actions.Ctx{P: p, C: c, Old: &before, In: &act, Now: now, Loc: d.Location(), Tx: tx, Actor: a.Name, Role: a.Role,
			Clocks: d.Clocks(&before, evs), Extra: map[string]string{}}
		checkTime(x, evs)
		checkOrder(x, tr, evs)
		def.Apply(x)
		if prob := actions.FillTemplate(p, c, &act, x.Loc); prob != nil { // from the case as the step left it
			x.Problems = append(x.Problems, *prob)
		}
		freeFields(x, tr)
		route(x, tr) // the department of its class (route.go)
		if err := problems(x.Problems).err(); err != nil {
			return err
		}
		if err := d.applyLab(tx, p, tr, c, &act, evs, now); err != nil { // policy fields, late rules (lab.go)
			return err
		}
		if tr.To != "" {
			c.Status = tr.To
		}
		ps := cosign(p, tr, a, &act, &before, c, x.Extra)
		ps = append(ps, ruleProblems(p, a, act.Name, &before, c, &act, x.Extra)...)
		recordDoer(p, act.Name, a, c)
		if err := problems(ps).err(); err != nil {
			return err
		}
		if err := checkRequired(p, tr, c, &act, before.Status); err != nil {
			return err
		}
		if def.Regrade {
			if err := d.refreshSuggestion(tx, c, now); err != nil {
				return err
			}
		}
		ev := store.Event{CaseID: c.ID, At: act.At, Entered: now, Actor: a.Name, Action: act.Name, Reason: act.Reason, Note: act.Note}
		if IsLateEntry(act.At, now) {
			ev.Late = strings.TrimSpace(act.Late)
		}
		ev.Before, ev.After = actions.Diff(&before, c)
		maps.Copy(ev.After, x.Extra)
		if def.After != nil {
			def.After(x)
		}
		newEvents := append([]store.Event{ev}, x.Events...)
		evs = append(evs, newEvents...)
		d.derive(c, evs)
		if esc := d.breachEscalation(c, evs, now); esc != nil { // a clock this write finds breached
			newEvents = append(newEvents, *esc)
		}
		c.Version++
		c.UpdatedAt = now
		if err := tx.UpdateCase(c); err != nil {
			if errors.Is(err, store.ErrConflict) {
				return &ConflictError{Number: c.Number, By: "another session", Action: act.Name, At: now}
			}
			return err
		}
		for i := range newEvents {
			if err := tx.AppendEvent(&newEvents[i]); err != nil {
				return err
			}
		}
		if err := d.notify(tx, tr.Notify, a, c, &newEvents[0]); err != nil {
			return err
		}
		if err := d.tellPeople(tx, a, &before, c, newEvents); err != nil {
			return err
		}
		if def.Written != nil {
			if err := def.Written(x); err != nil {
				return err
			}
			touched = x.Touched
		}
		if def.Regrade {
			sug, err := d.suggest(tx, c, now)
			if err != nil {
				return err
			}
			return d.linkSimilar(tx, a, c, sug, now)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	d.publish(notify.Change{CaseID: c.ID, Number: c.Number})
	for _, id := range touched {
		d.publish(notify.Change{CaseID: id})
	}
	return c, nil
}

// lateAfter is how long after it happened a step is entered before it
// counts as a late entry (补录) that needs its reason.
const lateAfter = time.Hour

// IsLateEntry reports whether something that happened at happened and is
// entered at entered is a late entry (补录): it then needs its reason.
func IsLateEntry(happened, entered time.Time) bool { return entered.Sub(happened) > lateAfter }

// checkTime: a step happened at or after the complaint was received, not
// before the case's last step of the same kind, and not in the future; one
// entered more than an hour after it happened needs the reason, and the
// history keeps both times (the clocks read when it happened, audits when
// it was entered).
func checkTime(x *actions.Ctx, evs []store.Event) {
	in := x.In
	if in.At.After(x.Now.Add(futureSlack)) {
		x.Fail("at", "时间不能晚于现在", "the time is in the future")
	}
	if in.At.Before(x.C.ReceivedAt) {
		x.Fail("at", "时间不能早于受理时间（"+x.C.ReceivedAt.In(x.Loc).Format(actions.TimeLayout)+"）",
			"the time is before the complaint was received ("+x.C.ReceivedAt.In(x.Loc).Format(actions.TimeLayout)+")")
	}
	for i := len(evs) - 1; i >= 0; i-- {
		if evs[i].Action == in.Name {
			if in.At.Before(evs[i].At) {
				x.Fail("at", "时间不能早于上一次同类操作（"+evs[i].At.In(x.Loc).Format(actions.TimeLayout)+"）",
					"the time is before the last step of the same kind ("+evs[i].At.In(x.Loc).Format(actions.TimeLayout)+")")
			}
			break
		}
	}
	if IsLateEntry(in.At, x.Now) && strings.TrimSpace(in.Late) == "" {
		x.Fail("late_reason", "发生于 "+in.At.In(x.Loc).Format(actions.TimeLayout)+"，现在补录（晚于一小时）：请填写补录原因",
			"it happened at "+in.At.In(x.Loc).Format(actions.TimeLayout)+", more than an hour ago: give the reason for the late entry")
	}
}

// takeLate reads the late-entry reason given as a field by its id
// (--field late_reason=…, the id a refusal names) when it is not given
// on its own.
func takeLate(fields map[string]string, late *string) {
	id := actions.LateReason.ID
	if v, ok := fields[id]; ok {
		if strings.TrimSpace(*late) == "" {
			*late = v
		}
		delete(fields, id)
	}
}

// checkOrder: a step did not happen before the step that brought the case
// into its current status, nor before the last step that gave a record
// this step needs, directly or through that step (closing after the
// solution was carried out, resolving after the assignment and so after
// the verification): a backdated history follows the order the desk
// enforces on entry. A step that changes no status, needs no other step's
// record and may be taken from the status a case is registered in (a
// note, a contact, a visit entered late) may fall between.
func checkOrder(x *actions.Ctx, tr *policy.Transition, evs []store.Event) {
	needs := recordSteps(x.P, x.In.Name, tr.Require, map[string]bool{x.In.Name: true})
	if tr.To == "" && len(needs) == 0 && tr.StartsFrom(x.P.InitialStatus()) {
		return
	}
	var after *store.Event
	later := func(e *store.Event) {
		if after == nil || e.At.After(after.At) {
			after = e
		}
	}
	for i := len(evs) - 1; i >= 0; i-- {
		// the registration is entered after the receipt, which checkTime reads
		if _, ok := evs[i].After["status"]; ok && evs[i].Action != x.In.Name && evs[i].Action != policy.ActionRegister {
			later(&evs[i])
			break
		}
	}
	for _, s := range needs {
		for i := len(evs) - 1; i >= 0; i-- {
			if evs[i].Action == s {
				later(&evs[i])
				break
			}
		}
	}
	if after == nil || !x.In.At.Before(after.At) {
		return
	}
	done, at := actions.Verb(x.P, after.Action), after.At.In(x.Loc).Format(actions.TimeLayout)
	x.Fail("at", "时间不能早于之前的「"+done.ZH+"」（"+at+"）",
		"the time is before the earlier step "+done.EN+" ("+at+")")
}

// recordSteps are the other steps that give the records of require, and
// the steps those need in turn.
func recordSteps(p *policy.Policy, action string, require []string, seen map[string]bool) []string {
	var out []string
	for _, f := range require {
		if actions.Gives(p, action, f) {
			continue
		}
		for i := range p.Transitions {
			t := &p.Transitions[i]
			if seen[t.Action] || !actions.Gives(p, t.Action, f) {
				continue
			}
			seen[t.Action] = true
			out = append(out, t.Action)
			out = append(out, recordSteps(p, t.Action, t.Require, seen)...)
		}
	}
	return out
}

// freeFields refuses the input's fields that are none of the policy's (the
// policy's own fields are checked by applyLab).
func freeFields(x *actions.Ctx, tr *policy.Transition) {
	for _, k := range slices.Sorted(maps.Keys(x.In.Fields)) {
		if k == "" || strings.ContainsAny(k, " \t\n") {
			x.Fail("field", "字段名无效："+strconv.Quote(k), "bad field name "+strconv.Quote(k))
			continue
		}
		if !managedField(x.P, k) {
			pr := unknownField(x.P, x.In.Name, k, allowedFields(x.P, tr))
			x.Fail(pr.Field, pr.ZH, pr.EN)
		}
	}
}

// checkRequired enforces the transition's required fields (policy).
func checkRequired(p *policy.Policy, tr *policy.Transition, c *store.Case, act *Action, from string) error {
	var ps problems
	for _, f := range tr.Require {
		if !hasField(f, c, act) {
			ps = append(ps, missing(p, tr.Action, f, from, c.Grade))
		}
	}
	return ps.err()
}

// missing is the problem of a required field the case lacks: the form's
// field, or, for a fact another step records, that step first.
func missing(p *policy.Policy, action, f, status, grade string) Problem {
	label := actions.Label(p, f)
	if actions.Gives(p, action, f) {
		return Problem{Field: f, ZH: "此操作需要填写：" + label.ZH, EN: "this action needs " + strings.ToLower(label.EN)}
	}
	verb := actions.Verb(p, action)
	pr := Problem{Field: f, ZH: verb.ZH + "需要先有：" + label.ZH, EN: verb.EN + " needs " + strings.ToLower(label.EN) + " first"}
	for _, t := range p.Transitions {
		if t.Action != action && actions.Gives(p, t.Action, f) && t.StartsFrom(status) && t.ForGrade(grade) {
			by := actions.Verb(p, t.Action)
			pr.ZH += "（先「" + by.ZH + "」）"
			pr.EN += " (" + by.EN + ")"
			break
		}
	}
	return pr
}

// hasField reports whether the case (or, for the step's own reason and
// note, the input) has the fact f.
func hasField(f string, c *store.Case, act *Action) bool {
	switch f {
	case "category":
		return c.Category != ""
	case "resolution":
		return c.Resolution != ""
	case "reply":
		return c.Reply != ""
	case "handler":
		return c.Handler != ""
	case "department":
		return c.Department != ""
	case "reason":
		return strings.TrimSpace(act.Reason) != ""
	case "note":
		return strings.TrimSpace(act.Note) != ""
	case "expected_by":
		return !c.ExpectedBy.IsZero()
	case "satisfaction":
		return c.Satisfaction > 0
	case "verification":
		return c.Fields["complainant_verified"] != "" && c.Fields["item_verified"] != ""
	case "investigation":
		if strings.TrimSpace(c.Fields["investigation"]) != "" {
			return true
		}
		return c.Fields["facts"] != "" && c.Fields["cause"] != "" && c.Fields["conclusion"] != ""
	case "contacted":
		return c.Fields["contacted_at"] != ""
	case "implemented":
		return c.Fields["implemented_at"] != ""
	}
	return strings.TrimSpace(c.Fields[f]) != ""
}

// Check says, before any form is filled, whether actor may take action on
// the case now: the policy's refusal (a *ForbiddenError), or the facts the
// action needs that its form cannot give and the rules that refuse it (a
// *ValidationError), in both languages — the same words Apply would refuse
// with. nil when possible.
func (d *Desk) Check(c *store.Case, action string, a Actor) error {
	p := d.Policy()
	tr, err := p.TransitionFor(action, c.Status, a.Role, c.Grade)
	if err != nil {
		return &ForbiddenError{Action: action, Err: err}
	}
	var ps problems
	empty := &Action{}
	for _, f := range tr.Require {
		if !actions.Gives(p, action, f) && !hasField(f, c, empty) {
			ps = append(ps, missing(p, action, f, c.Status, c.Grade))
		}
	}
	ps = append(ps, lateProblems(p, c, action, empty)...) // lab.go
	ps = append(ps, precheck(p, a, action, c)...)
	ps = append(ps, pendingGradeProblems(p, tr, c)...)
	return ps.err()
}

// Form is what a step's form asks on the case for the actor: the step, its
// fields (the policy fields its transition records included) and which of
// them the policy requires. ok is false when the actor may not take it now.
func (d *Desk) Form(c *store.Case, action string, a Actor) (def *actions.Def, fields []actions.Field, required map[string]bool, ok bool) {
	p := d.Policy()
	def = actions.For(p, action)
	if def == nil || def.Internal {
		return nil, nil, nil, false
	}
	tr, err := p.TransitionFor(action, c.Status, a.Role, c.Grade)
	if err != nil {
		return def, actions.FormFields(p, def, nil), nil, false
	}
	required = map[string]bool{}
	for _, r := range tr.Require {
		required[r] = true
	}
	fields = actions.FormFields(p, def, tr)
	for i, f := range fields {
		if slices.Contains(tr.CosignSame, f.ID) {
			// Each signer records their own values: the form does not show
			// the first one's to the second (000 §2.2.4).
			fields[i].Current = nil
		}
	}
	if overridable(p, action, a.Role) {
		fields = append(fields, actions.Override)
	}
	fields = append(fields, actions.At, actions.LateReason) // a late entry says when it happened, and why late
	return def, fields, required, true
}

func itoa0(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}
