package policy

import (
	"errors"
	"fmt"
	"strings"
)

// ActionRegister is the action that creates a case; exactly one transition
// has it, and its To is the initial status.
const ActionRegister = "register"

// Sentinel errors of Transition; the returned errors wrap them (errors.Is).
var (
	ErrUnknownAction  = errors.New("unknown action")
	ErrNotAllowedFrom = errors.New("action not allowed from this status")
	ErrRoleForbidden  = errors.New("role not allowed to take this action")
)

// TransitionError is the user-facing error of Transition and TransitionFor.
// Error() is the specific message; Unwrap gives one of the sentinels above.
type TransitionError struct {
	Kind   error // ErrUnknownAction, ErrNotAllowedFrom or ErrRoleForbidden
	Action string
	Status string
	Role   string
	Msg    string
}

func (e *TransitionError) Error() string { return e.Msg }
func (e *TransitionError) Unwrap() error { return e.Kind }

// from reports whether the transition may start from status.
func (t *Transition) from(status string) bool {
	if t.Action == ActionRegister {
		return status == ""
	}
	if status == "" {
		return false
	}
	return contains(t.From, AnyStatus) || contains(t.From, status)
}

// Allows reports whether role may take the transition (empty Roles: every role).
func (t *Transition) Allows(role string) bool {
	return len(t.Roles) == 0 || contains(t.Roles, role)
}

// Transition finds the transition for action from fromStatus ("" for a case
// not yet registered) for role. The errors are user-facing and wrap
// ErrUnknownAction, ErrNotAllowedFrom or ErrRoleForbidden.
func (p *Policy) Transition(action, fromStatus, role string) (*Transition, error) {
	var known []string
	var fromOK *Transition
	var allowedFrom []string
	for i := range p.Transitions {
		t := &p.Transitions[i]
		if !contains(known, t.Action) {
			known = append(known, t.Action)
		}
		if t.Action != action {
			continue
		}
		if t.Action == ActionRegister {
			allowedFrom = appendNew(allowedFrom, "(new case)")
		} else {
			for _, s := range t.From {
				if s == AnyStatus {
					s = "any status"
				}
				allowedFrom = appendNew(allowedFrom, s)
			}
		}
		if !t.from(fromStatus) {
			continue
		}
		if t.Allows(role) {
			return t, nil
		}
		if fromOK == nil {
			fromOK = t
		}
	}
	e := &TransitionError{Action: action, Status: fromStatus, Role: role}
	switch {
	case allowedFrom == nil:
		e.Kind = ErrUnknownAction
		e.Msg = fmt.Sprintf("unknown action %q (known: %s)", action, strings.Join(known, ", "))
	case fromOK == nil:
		e.Kind = ErrNotAllowedFrom
		st := fromStatus
		if st == "" {
			st = "(new case)"
		}
		e.Msg = fmt.Sprintf("action %s is not allowed from status %s (allowed from: %s)",
			action, st, strings.Join(allowedFrom, ", "))
	default:
		e.Kind = ErrRoleForbidden
		r := role
		if r == "" {
			r = "(none)"
		}
		e.Msg = fmt.Sprintf("role %s may not %s (allowed: %s)", r, action, strings.Join(fromOK.Roles, ", "))
	}
	return nil, e
}

// TransitionFor is Transition plus the grade rule: when the case's grade is
// in the transition's SupervisorFor, only a role with Supervisor may take
// it (seed 001: grade A closure is approved by the manager).
func (p *Policy) TransitionFor(action, fromStatus, role, grade string) (*Transition, error) {
	t, err := p.Transition(action, fromStatus, role)
	if err != nil {
		return nil, err
	}
	if grade != "" && contains(t.SupervisorFor, grade) {
		if r := p.Role(role); r == nil || !r.Supervisor {
			var sup []string
			for _, r := range p.Roles {
				if r.Supervisor && t.Allows(r.ID) {
					sup = append(sup, r.ID)
				}
			}
			return nil, &TransitionError{
				Kind: ErrRoleForbidden, Action: action, Status: fromStatus, Role: role,
				Msg: fmt.Sprintf("role %s may not %s a grade %s case (allowed: %s)",
					role, action, grade, strings.Join(sup, ", ")),
			}
		}
	}
	return t, nil
}

// Actions lists the actions role may take now on a case in fromStatus ("" for
// a case not yet registered: only "register"), in policy order, without
// duplicates.
func (p *Policy) Actions(fromStatus, role string) []string {
	var out []string
	for i := range p.Transitions {
		t := &p.Transitions[i]
		if t.from(fromStatus) && t.Allows(role) {
			out = appendNew(out, t.Action)
		}
	}
	return out
}

func appendNew(list []string, v string) []string {
	if contains(list, v) {
		return list
	}
	return append(list, v)
}
