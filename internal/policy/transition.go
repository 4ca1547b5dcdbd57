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
// Error() is the specific message in English; Message gives it in the
// user's language (the terminal and the command line say the same); Unwrap
// gives one of the sentinels above.
type TransitionError struct {
	Kind   error // ErrUnknownAction, ErrNotAllowedFrom or ErrRoleForbidden
	Action string
	Status string
	Role   string
	Grade  string
	Msg    string
	ZH     string
}

func (e *TransitionError) Error() string { return e.Msg }
func (e *TransitionError) Unwrap() error { return e.Kind }

// Message is the refusal in lang ("zh" or other).
func (e *TransitionError) Message(lang string) string {
	return Label{ZH: e.ZH, EN: e.Msg}.In(lang)
}

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

// forGrade reports whether the transition applies to a case of grade ("":
// any grade, for callers that do not know it).
func (t *Transition) forGrade(grade string) bool {
	return grade == "" || len(t.Grades) == 0 || contains(t.Grades, grade)
}

// Allows reports whether role may take the transition (empty Roles: every role).
func (t *Transition) Allows(role string) bool {
	return len(t.Roles) == 0 || contains(t.Roles, role)
}

// Transition finds the transition for action from fromStatus ("" for a case
// not yet registered) for role, whatever the case's grade. The errors are
// user-facing and wrap ErrUnknownAction, ErrNotAllowedFrom or ErrRoleForbidden.
func (p *Policy) Transition(action, fromStatus, role string) (*Transition, error) {
	return p.find(action, fromStatus, role, "")
}

func (p *Policy) find(action, fromStatus, role, grade string) (*Transition, error) {
	var known []string
	var fromOK, otherGrade *Transition
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
		if !t.forGrade(grade) {
			if otherGrade == nil {
				otherGrade = t
			}
			continue
		}
		if t.Allows(role) {
			return t, nil
		}
		if fromOK == nil {
			fromOK = t
		}
	}
	e := &TransitionError{Action: action, Status: fromStatus, Role: role, Grade: grade}
	verbZH, verbEN := p.ActionName(action).ZH, p.ActionName(action).EN
	switch {
	case allowedFrom == nil:
		e.Kind = ErrUnknownAction
		e.Msg = fmt.Sprintf("unknown action %q (known: %s)", action, strings.Join(known, ", "))
		e.ZH = fmt.Sprintf("本单位的政策没有「%s」这一操作", verbZH)
	case fromOK == nil:
		e.Kind = ErrNotAllowedFrom
		st := fromStatus
		if st == "" {
			st = "(new case)"
		}
		if otherGrade != nil {
			e.Msg = fmt.Sprintf("action %s is not allowed for a grade %s case in status %s", action, grade, st)
			e.ZH = fmt.Sprintf("%s 级投诉在当前状态（%s）不能%s", grade, p.statusZH(fromStatus), verbZH)
		} else {
			e.Msg = fmt.Sprintf("action %s is not allowed from status %s (allowed from: %s)",
				action, st, strings.Join(allowedFrom, ", "))
			e.ZH = fmt.Sprintf("当前状态（%s）不能%s（可在 %s 时%s）", p.statusZH(fromStatus), verbZH, p.statusesZH(allowedFrom), verbZH)
		}
		_ = verbEN
	default:
		e.Kind = ErrRoleForbidden
		r := role
		if r == "" {
			r = "(none)"
		}
		e.Msg = fmt.Sprintf("role %s may not %s (allowed: %s)", r, action, strings.Join(fromOK.Roles, ", "))
		e.ZH = fmt.Sprintf("您的角色（%s）不能%s（允许：%s）", p.roleZH(role), verbZH, p.rolesZH(fromOK.Roles))
	}
	if e.Kind != ErrUnknownAction && fromStatus != "" {
		p.addPathHint(e, action, fromStatus, role, grade)
	}
	return nil, e
}

// TransitionFor is Transition for a case of grade: transitions limited to
// other grades do not apply, and when the case's grade is in the
// transition's SupervisorFor only a role with Supervisor may take it (seed
// 001: grade A closure is approved by the manager).
func (p *Policy) TransitionFor(action, fromStatus, role, grade string) (*Transition, error) {
	t, err := p.find(action, fromStatus, role, grade)
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
			verb := p.ActionName(action).ZH
			e := &TransitionError{
				Kind: ErrRoleForbidden, Action: action, Status: fromStatus, Role: role, Grade: grade,
				Msg: fmt.Sprintf("role %s may not %s a grade %s case (allowed: %s)",
					role, action, grade, strings.Join(sup, ", ")),
				ZH: fmt.Sprintf("%s 级投诉%s需要主管（允许：%s）", grade, verb, p.rolesZH(sup)),
			}
			p.addPathHint(e, action, fromStatus, role, grade)
			return nil, e
		}
	}
	return t, nil
}

// addPathHint appends to a refusal the steps that lead, from the case's
// status, to a status where the role may take the action: "first: request
// approval → approve (supervisor)".
func (p *Policy) addPathHint(e *TransitionError, action, status, role, grade string) {
	path := p.pathTo(action, status, role, grade)
	if len(path) == 0 {
		return
	}
	var zh, en []string
	for _, step := range path {
		z, n := p.ActionName(step.action).ZH, step.action
		if !step.yours {
			who := p.roleZH(step.roles[0])
			if len(step.roles) > 1 {
				who += "等"
			}
			z += "（" + who + "）"
			n += " (" + strings.Join(step.roles, ", ") + ")"
		}
		zh = append(zh, z)
		en = append(en, n)
	}
	// The steps say more than the list of statuses: keep the message short
	// enough for a status line.
	if i := strings.Index(e.ZH, "（可在 "); i > 0 && e.Kind == ErrNotAllowedFrom {
		e.ZH = e.ZH[:i]
	}
	e.ZH += "；需先：" + strings.Join(zh, " → ")
	e.Msg += "; first: " + strings.Join(en, " → ")
}

type pathStep struct {
	action string
	roles  []string
	yours  bool
}

// pathTo is the shortest sequence (at most 4 steps) of status-changing
// actions from status after which role may take action on a case of
// grade; nil when there is none.
func (p *Policy) pathTo(action, status, role, grade string) []pathStep {
	type node struct {
		status string
		path   []pathStep
	}
	seen := map[string]bool{status: true}
	queue := []node{{status: status}}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		if len(n.path) >= 4 {
			continue
		}
		for i := range p.Transitions {
			t := &p.Transitions[i]
			if t.Action == ActionRegister || t.To == "" || t.To == n.status || !t.from(n.status) || !t.forGrade(grade) || seen[t.To] {
				continue
			}
			if t.Action == action {
				continue
			}
			next := append(append([]pathStep{}, n.path...), pathStep{action: t.Action, roles: t.Roles, yours: t.Allows(role)})
			if p.allowed(action, t.To, role, grade) {
				return next
			}
			seen[t.To] = true
			queue = append(queue, node{status: t.To, path: next})
		}
	}
	return nil
}

// allowed is TransitionFor without the error: may role take action on a
// case of grade in status?
func (p *Policy) allowed(action, status, role, grade string) bool {
	for i := range p.Transitions {
		t := &p.Transitions[i]
		if t.Action != action || !t.from(status) || !t.forGrade(grade) || !t.Allows(role) {
			continue
		}
		if grade != "" && contains(t.SupervisorFor, grade) {
			if r := p.Role(role); r == nil || !r.Supervisor {
				continue
			}
		}
		return true
	}
	return false
}

// Actions lists the actions role may take now on a case in fromStatus ("" for
// a case not yet registered: only "register"), whatever its grade, in policy
// order, without duplicates.
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

// ActionsFor lists the actions role may take now on a case in status with
// grade (supervisor_for included), in policy order, without duplicates.
func (p *Policy) ActionsFor(status, role, grade string) []string {
	var out []string
	for i := range p.Transitions {
		t := &p.Transitions[i]
		if p.allowed(t.Action, status, role, grade) {
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

func (p *Policy) statusZH(id string) string {
	if id == "" {
		return "新投诉"
	}
	if s := p.Status(id); s != nil {
		return s.In("zh")
	}
	return id
}

func (p *Policy) statusesZH(ids []string) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		switch id {
		case "(new case)":
			out[i] = "新投诉"
		case "any status":
			out[i] = "任何状态"
		default:
			out[i] = p.statusZH(id)
		}
	}
	return strings.Join(out, "、")
}

func (p *Policy) roleZH(id string) string {
	if r := p.Role(id); r != nil {
		return r.In("zh")
	}
	if id == "" {
		return "无"
	}
	return id
}

func (p *Policy) rolesZH(ids []string) string {
	if len(ids) == 0 {
		return "所有角色"
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = p.roleZH(id)
	}
	return strings.Join(out, "、")
}

// StartsFrom reports whether the transition may start from status.
func (t *Transition) StartsFrom(status string) bool { return t.from(status) }

// ForGrade reports whether the transition applies to a case of grade.
func (t *Transition) ForGrade(grade string) bool { return t.forGrade(grade) }
