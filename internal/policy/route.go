package policy

// Generic mechanisms the after-sales procedure (document 002's
// after-sales texts, the "aftersales" preset) needed and any policy may use:
//
//   - [[route]]: the department a case of a category goes to. A
//     transition with route = true sends the case there: registering puts a
//     product complaint in the quality department's queue with no manual
//     assignment (002 服务质量 3.2 "产品问题:由产品质量部门负责处理");
//     a reclassification sends it to its new class's department;
//   - a clock's reset_on: actions that start the clock afresh whether it
//     runs or has stopped (the department a case is routed to verifies it
//     within its own 3 working days, 002 规定 四.2);
//   - [grading] levels (levels.go): the grading rules' grades mapped to the
//     policy's own (A and B are 重大, C and D 一般).

import (
	"maps"
	"slices"
	"strings"
)

// Route sends the cases of a category to a department.
type Route struct {
	// Category is a category id (its subcategories included), "*" for
	// every category no earlier route takes, or "" for a case not yet
	// classified.
	Category   string `toml:"category"`
	Department string `toml:"department"`
}

// routeMatches reports whether a case of category goes by the route.
func (p *Policy) routeMatches(r Route, category string) bool {
	switch r.Category {
	case "*":
		return category != ""
	case "":
		return category == ""
	}
	seen := map[string]bool{}
	for cur := category; cur != "" && !seen[cur]; {
		if cur == r.Category {
			return true
		}
		seen[cur] = true
		c := p.Category(cur)
		if c == nil {
			return false
		}
		cur = c.Parent
	}
	return false
}

// RouteFor is the department a case of category goes to: the first route
// that takes it; "" when none does.
func (p *Policy) RouteFor(category string) string {
	for _, r := range p.Routes {
		if p.routeMatches(r, category) {
			return r.Department
		}
	}
	return ""
}

// RoutesOn reports whether a transition of action routes the case (route = true).
func (p *Policy) RoutesOn(action string) bool {
	for _, t := range p.Transitions {
		if t.Action == action && t.Route {
			return true
		}
	}
	return false
}

// RouteClasses lists the routes' categories in words ("产品问题 → 质量部"),
// for a refusal that asks for a category.
func (p *Policy) RouteClasses(lang string) string {
	var out []string
	for _, r := range p.Routes {
		cat := r.Category
		switch cat {
		case "*":
			cat = Label{ZH: "其他", EN: "anything else"}.In(lang)
		case "":
			cat = Label{ZH: "未分类", EN: "unclassified"}.In(lang)
		default:
			cat = p.CategoryPath(cat, lang)
		}
		out = append(out, cat+" → "+p.DepartmentName(r.Department, lang))
	}
	if strings.HasPrefix(strings.ToLower(lang), "zh") {
		return strings.Join(out, "、")
	}
	return strings.Join(out, ", ")
}

// routing checks the routes, the transitions that route, the clocks'
// reset_on and the grading levels.
func (c *checker) routing() {
	p := c.p
	seen := map[string]bool{}
	for i, r := range p.Routes {
		lineOf := func(key string) int { return c.idx.at("route", i, key, "category", r.Category) }
		if r.Category != "*" && r.Category != "" && p.Category(r.Category) == nil {
			c.add(lineOf("category"), "route #%d: category %q is not a category (or \"*\" for every other, \"\" for none)", i+1, r.Category)
		}
		if seen[r.Category] {
			c.add(lineOf("category"), "route #%d: category %q is routed twice", i+1, r.Category)
		}
		seen[r.Category] = true
		if r.Department == "" || p.Department(r.Department) == nil {
			c.add(lineOf("department"), "route #%d: department %q is not a [[department]]", i+1, r.Department)
		}
	}
	routes := false
	for i, t := range p.Transitions {
		if !t.Route {
			continue
		}
		routes = true
		if len(p.Routes) == 0 {
			c.add(c.idx.at("transition", i, "route", "action", t.Action), "transition %q: route = true needs [[route]] entries (category → department)", t.Action)
		}
	}
	if len(p.Routes) > 0 && !routes {
		c.add(c.idx.at("route", 0, "", "", ""), "[[route]] entries but no transition routes: set route = true on register (and on a step that reclassifies)")
	}
	for i, k := range p.Clocks {
		for _, a := range k.ResetOn {
			if !p.hasAction(a) {
				c.add(c.idx.at("clock", i, "reset_on", "id", k.ID), "clock %q: reset_on action %q is not an action of any transition", k.ID, a)
			}
		}
	}
	lineOf := func() int { return c.idx.at("grading", 0, "levels", "", "") }
	for _, lvl := range slices.Sorted(maps.Keys(p.Grading.Levels)) {
		g := p.Grading.Levels[lvl]
		if !contains(gradingLevels, lvl) {
			c.add(lineOf(), "grading.levels: %q is not a level of the grading rules (%s)", lvl, strings.Join(gradingLevels, ", "))
		}
		if p.Grade(g) == nil {
			c.add(lineOf(), "grading.levels: %s = %q is not a grade", lvl, g)
		}
	}
	if len(p.Grading.Levels) > 0 {
		for _, lvl := range []string{"A", "B"} {
			if p.Grading.Levels[lvl] == "" && p.Grade(lvl) == nil {
				c.add(lineOf(), "grading.levels: give the grade of level %s (the grading rules suggest it)", lvl)
			}
		}
	}
}

// gradingLevels are the grades the grading rules give (001 四).
var gradingLevels = []string{"A", "B", "C", "D"}
