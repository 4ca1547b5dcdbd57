package actions

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"complaintdesk/internal/policy"
	"complaintdesk/store"
)

func trim(s string) string { return strings.TrimSpace(s) }

// ValidationError lists everything wrong with an input; nothing was written.
type ValidationError struct{ Problems []Problem }

func (e *ValidationError) Error() string { return e.Message("en") }

// Message is every problem in the language, one per line.
func (e *ValidationError) Message(lang string) string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.Field + ": " + p.Message(lang)
	}
	return strings.Join(lines, "\n")
}

// For is the problem of one field, or nil.
func (e *ValidationError) For(field string) *Problem {
	for i := range e.Problems {
		if e.Problems[i].Field == field {
			return &e.Problems[i]
		}
	}
	return nil
}

func problem(ps ...Problem) error { return &ValidationError{Problems: ps} }

// AsValidation reports the problems of err, if it is a ValidationError.
func AsValidation(err error) ([]Problem, bool) {
	var ve *ValidationError
	if errors.As(err, &ve) {
		return ve.Problems, true
	}
	return nil, false
}

// stepFrom is a transition of action from status for any role (the desk's
// own steps: a dissatisfied revisit's reopening); nil when none.
func stepFrom(p *policy.Policy, action, status string) *policy.Transition {
	for i := range p.Transitions {
		t := &p.Transitions[i]
		if t.Action == action && t.StartsFrom(status) {
			return t
		}
	}
	return nil
}

// Diff lists the fields of a case a step changed, before and after.
func Diff(a, b *store.Case) (before, after map[string]string) {
	before, after = map[string]string{}, map[string]string{}
	put := func(k, x, y string) {
		if x != y {
			before[k], after[k] = x, y
		}
	}
	tm := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(time.RFC3339)
	}
	put("status", a.Status, b.Status)
	put("grade", a.Grade, b.Grade)
	put("grade_reason", a.GradeReason, b.GradeReason)
	put("category", a.Category, b.Category)
	put("handler", a.Handler, b.Handler)
	put("department", a.Department, b.Department)
	put("expected_by", tm(a.ExpectedBy), tm(b.ExpectedBy))
	put("resolution", a.Resolution, b.Resolution)
	put("reply", a.Reply, b.Reply)
	put("satisfaction", itoa0(a.Satisfaction), itoa0(b.Satisfaction))
	put("reopen_count", itoa0(a.ReopenCount), itoa0(b.ReopenCount))
	put("escalation", a.Escalation, b.Escalation)
	put("crisis", yes(a.Crisis), yes(b.Crisis))
	put("collective", itoa0(a.CollectiveSize), itoa0(b.CollectiveSize))
	if len(b.Complainants) > len(a.Complainants) {
		for _, p := range b.Complainants[len(a.Complainants):] {
			after["complainant"] = strings.TrimSpace(p.Name + " " + p.Phone + " " + p.Email)
		}
	}
	keys := make([]string, 0, len(b.Fields))
	for k := range b.Fields {
		keys = append(keys, k)
	}
	for k := range a.Fields {
		if _, ok := b.Fields[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		put(k, a.Fields[k], b.Fields[k])
	}
	return before, after
}

func yes(b bool) string {
	if b {
		return "yes"
	}
	return ""
}

func itoa0(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}
