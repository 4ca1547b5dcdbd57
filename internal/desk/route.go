package desk

import (
	"errors"
	"strings"

	"complaintdesk/internal/desk/actions"
	"complaintdesk/internal/policy"
	"complaintdesk/store"
)

// Routing by class (policy [[route]], internal/policy/route.go): a step
// whose transition has route = true puts the case in the queue of the
// department its category routes to. Registering a product complaint under
// the after-sales preset puts it in the quality department's queue with no
// manual assignment; reclassifying it sends it to its new class's
// department.

// routeRegistration routes a new case (c is nil when the registration
// already failed: its category is still checked, so every problem is told
// at once). A category no route takes is refused: the case would reach no
// department.
func routeRegistration(p *policy.Policy, a Actor, category string, c *store.Case, prev error) (*store.Case, error) {
	tr, err := p.Transition(policy.ActionRegister, "", a.Role)
	if err != nil || !tr.Route {
		return c, prev
	}
	dep := p.RouteFor(category)
	if dep != "" {
		if c != nil {
			c.Department = dep
		}
		return c, prev
	}
	var ps problems
	var ve *ValidationError
	switch {
	case errors.As(prev, &ve):
		ps = append(ps, ve.Problems...)
	case prev != nil:
		return nil, prev
	}
	if ps.For("category") == nil {
		ps = append(ps, unrouted(p))
	}
	return nil, ps.err()
}

// route is a step's routing: after its effect, a case whose transition
// routes goes to its category's department, unless the step named the
// department itself. A case that changes department leaves its handler
// behind (the new department's people take it) unless the step named one.
func route(x *actions.Ctx, tr *policy.Transition) {
	if tr == nil || !tr.Route || strings.TrimSpace(x.In.Department) != "" {
		return
	}
	c := x.C
	dep := x.P.RouteFor(c.Category)
	if dep == "" {
		p := unrouted(x.P)
		x.Fail(p.Field, p.ZH, p.EN)
		return
	}
	if dep == c.Department {
		return
	}
	c.Department = dep
	if strings.TrimSpace(x.In.Handler) == "" {
		c.Handler = ""
	}
}

// unrouted is the problem of a case whose category no route takes.
func unrouted(p *policy.Policy) Problem {
	return Problem{Field: "category",
		ZH: "请选择分类：投诉按分类转交责任部门（" + p.RouteClasses("zh") + "）",
		EN: "choose the category: complaints go to the department of their class (" + p.RouteClasses("en") + ")"}
}
