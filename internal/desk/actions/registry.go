package actions

import (
	"slices"
	"strings"
	"time"

	"complaintdesk/internal/policy"
	"complaintdesk/store"
)

// builtin are the desk's own steps, in the order the case page lists their
// keys. The slice is never changed after start-up.
var builtin = []*Def{
	&Acknowledge, &Contact, &Assign, &Investigate, &Resolve, &Reject, &RequestApproval, &Approve, &SendBack,
	&Close, &Revisit, &Reopen, &Verify, &Findings, &Transfer, &NoteStep, &GradeStep, &Escalate, &FlagsStep,
	&Link, &Unlink, &AddComplainant, &Implement, &Visit, &Inspect, &ApproveGrade, &RefuseGrade, &SampleRevisit, &Register, &Reveal, &Lookup,
}

// Builtin lists the desk's own steps (Internal ones included).
func Builtin() []*Def { return builtin }

// IsBuiltin reports whether id is one of the desk's own steps.
func IsBuiltin(id string) bool { return builtinDef(id) != nil }

// builtinDef is the desk's own step with id, or nil.
func builtinDef(id string) *Def {
	for _, d := range builtin {
		if d.ID == id {
			return d
		}
	}
	return nil
}

// For is the step id under the policy: the desk's own (named by the policy
// when it gives a label or a key), or the policy's own step made from its
// transitions; nil when neither knows it.
func For(p *policy.Policy, id string) *Def {
	d := builtinDef(id)
	if d == nil {
		if p == nil || !p.HasAction(id) {
			return nil
		}
		return policyStep(p, id)
	}
	if p == nil {
		return d
	}
	l := p.ActionLabel(id)
	if (l.ZH == "" && l.EN == "") && d.Expand == nil {
		return d
	}
	named := *d
	if l.ZH != "" || l.EN != "" { // the policy's name for the desk's step
		l = fill(l, id)
		named.Verb, named.Done, named.Title = l, l, l
	}
	if d.Expand != nil {
		named.Fields = append(slices.Clone(d.Fields), d.Expand(p)...)
	}
	return &named
}

// All lists every step a case can take under the policy: the desk's own
// that the policy uses, then the policy's own, in policy order.
func All(p *policy.Policy) []*Def {
	var out []*Def
	for _, d := range builtin {
		if !d.Internal && p.HasAction(d.ID) {
			out = append(out, For(p, d.ID))
		}
	}
	seen := map[string]bool{}
	for _, t := range p.Transitions {
		if seen[t.Action] || builtinDef(t.Action) != nil {
			continue
		}
		seen[t.Action] = true
		out = append(out, policyStep(p, t.Action))
	}
	return out
}

// Verb names step id as something to do, in both languages.
func Verb(p *policy.Policy, id string) L {
	if d := For(p, id); d != nil {
		return d.Verb
	}
	return L{ZH: id, EN: id}
}

// Done names step id as the history says it happened.
func Done(p *policy.Policy, id string) L {
	if d := For(p, id); d != nil {
		return d.Done
	}
	return L{ZH: id, EN: id}
}

// fill completes a policy label missing a language.
func fill(l L, id string) L {
	if l.ZH == "" {
		l.ZH = l.EN
	}
	if l.EN == "" {
		l.EN = strings.ReplaceAll(id, "_", " ")
	}
	return l
}

// genericFields are what a policy's own step may record besides its policy
// fields, in the order its form asks them.
var genericFields = []*Field{&Handler, &Department, &Category, &ResolutionType, &Amount, &Resolution, &Reply, &ExpectedBy, &Agreement, &Reason}

// policyStep makes the policy's own step id (gsp: forward, dispatch,
// decide; lab: retest, uphold…): the generic fields its transitions
// require, then its policy fields (added per case by FormFields), then a note.
func policyStep(p *policy.Policy, id string) *Def {
	l := fill(p.ActionLabel(id), id)
	d := &Def{ID: id, Key: p.ActionKey(id), Verb: l, Done: l, Title: l, Help: l, Apply: policyEffect}
	var req []string
	for _, t := range p.Transitions {
		if t.Action == id {
			req = append(req, t.Require...)
		}
	}
	// a resolution's type comes with its amount and the customer's agreement
	if slices.Contains(req, "resolution_type") {
		req = append(req, "amount", "agreement")
	}
	for _, f := range genericFields {
		if slices.Contains(req, f.ID) {
			g := *f
			if g.ID == "reason" {
				g.Hint = required
			}
			if g.ID == "reply" {
				d.Fields = append(d.Fields, templateField(id))
			}
			d.Fields = append(d.Fields, g)
		}
	}
	d.Fields = append(d.Fields, Note)
	return d
}

// policyEffect is what a policy's own step does to the case's common
// fields it was given; its policy fields are the desk's (see FormFields).
func policyEffect(x *Ctx) {
	c, in := x.C, x.In
	if h := trim(in.Handler); h != "" && h != c.Handler {
		checkHandler(x, h) // the same rule as assign and transfer
		c.Handler = h
	}
	if dep := DepartmentID(x.P, in.Department); dep != "" {
		c.Department = dep
	}
	category(x)
	text(&c.Resolution, in.Resolution)
	text(&c.Reply, in.Reply)
	if !in.ExpectedBy.IsZero() {
		c.ExpectedBy = in.ExpectedBy
	}
	if in.ResolutionType != "" || in.Amount != "" || in.Agreement != "" {
		resolutionFacts(x)
	}
}

// FormFields are the fields a step asks on a case under the transition tr
// the actor would take: the step's own, then the policy fields tr records
// (its required and optional [[field]]s), before a trailing note.
func FormFields(p *policy.Policy, d *Def, tr *policy.Transition) []Field {
	out := slices.Clone(d.Fields)
	if tr == nil {
		return out
	}
	var add []Field
	for _, id := range p.ActionFields(tr) {
		if d.Field(id) != nil {
			continue
		}
		add = append(add, PolicyField(p.Field(id)))
	}
	at := len(out)
	if at > 0 && out[at-1].ID == "note" {
		at--
	}
	return slices.Insert(out, at, add...)
}

// PolicyField is a [[field]] of the policy as a step's input.
func PolicyField(fd *policy.FieldDef) Field {
	id := fd.ID
	f := Field{ID: id, Flag: fd.Flag, Label: fd.Label, Hint: fd.Hint, Policy: true, bind: policyField(id)}
	f.Current = func(p *policy.Policy, c *store.Case) string {
		v := c.Fields[id]
		switch fd.KindOrText() {
		case "date":
			return p.FieldText(id, v, "en", zone(p)) // the day, as it is typed
		case "users":
			return strings.ReplaceAll(v, ",", ", ")
		}
		return v
	}
	f.Default = func(p *policy.Policy, c *store.Case, _ time.Time) string {
		if fd.DefaultFrom != "" && c.Fields[fd.DefaultFrom] != "" {
			return p.FieldText(fd.DefaultFrom, c.Fields[fd.DefaultFrom], "en", zone(p))
		}
		return fd.Default
	}
	switch fd.KindOrText() {
	case "area":
		f.Kind = Area
	case "date":
		f.Kind = Date
	case "users":
		f.Kind = Users
	case "choice":
		f.Kind, f.First = Choice, choose
		opts := make([]Option, len(fd.Options))
		for i, o := range fd.Options {
			opts[i] = Option{o.ID, o.Label}
		}
		f.Options = func(*policy.Policy, *store.Case) []Option { return opts }
	default:
		f.Kind = Text
	}
	return f
}

// Gives reports whether the form of step id records fact f under the
// policy: its own fields, and every policy field (forms and commands carry
// the policy fields the transition requires or lists).
func Gives(p *policy.Policy, id, f string) bool {
	if d := For(p, id); d != nil && d.GivesFact(f) {
		return true
	}
	if p == nil || p.Field(f) == nil {
		return false
	}
	// A policy field is given by the steps whose transitions record it:
	// another step's field (the customer told, for closing) is not.
	for i := range p.Transitions {
		t := &p.Transitions[i]
		if t.Action == id && slices.Contains(p.ActionFields(t), f) {
			return true
		}
	}
	return false
}
