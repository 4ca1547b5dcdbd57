package policy

import (
	"fmt"
	"strings"
	"time"
)

// Clock units and start anchors.
var (
	ClockUnits  = []string{"hours", "days", "workdays"}
	ClockStarts = []string{"received", "closed", "report_received", "action"}
	Profiles    = []string{"default", "lab", "gsp", "company", "aftersales"}
)

type checker struct {
	p     *Policy
	idx   *srcIndex
	probs []Problem
}

func (c *checker) add(line int, format string, args ...any) {
	file := c.p.file
	if file == "" {
		file = "policy"
	}
	c.probs = append(c.probs, Problem{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// problems runs every semantic check.
func (p *Policy) problems(idx *srcIndex) []Problem {
	c := &checker{p: p, idx: idx}
	c.top()
	c.entries()
	c.categories()
	c.transitions()
	c.clocks()
	c.grading()
	c.handling()
	c.lab()
	c.rules()
	c.enforcement()
	c.templates()
	c.routing() // route.go
	return c.probs
}

func (c *checker) top() {
	p := c.p
	if p.Profile != "" && !contains(Profiles, p.Profile) {
		c.add(c.idx.top("profile"), "profile %q is not one of: %s", p.Profile, strings.Join(Profiles, ", "))
	}
	if p.TimeZone != "" {
		if _, err := time.LoadLocation(p.TimeZone); err != nil {
			c.add(c.idx.top("time_zone"), "time_zone %q cannot be loaded: %v", p.TimeZone, err)
		}
	} else {
		c.add(0, "time_zone is empty")
	}
	if !(p.WarnAt > 0 && p.WarnAt < 1) {
		c.add(c.idx.top("warn_at"), "warn_at %v must be between 0 and 1 (e.g. 0.75: warn at 75%% elapsed)", p.WarnAt)
	}
	if p.DefaultChannel == "" || p.Channel(p.DefaultChannel) == nil {
		c.add(c.idx.top("default_channel"), "default_channel %q is not a channel (%s)", p.DefaultChannel, strings.Join(p.channelIDs(), ", "))
	}
	if p.Report.MonthlyDueDay < 1 || p.Report.MonthlyDueDay > 28 {
		c.add(c.idx.at("report", 0, "monthly_due_day", "", ""), "report.monthly_due_day %d must be between 1 and 28", p.Report.MonthlyDueDay)
	}
	if !(p.Report.RevisitSample >= 0 && p.Report.RevisitSample <= 1) {
		c.add(c.idx.at("report", 0, "revisit_sample", "", ""), "report.revisit_sample %v must be between 0 and 1 (e.g. 0.2 for 20%%)", p.Report.RevisitSample)
	}
	if !(p.Report.InspectionSample >= 0 && p.Report.InspectionSample <= 1) {
		c.add(c.idx.at("report", 0, "inspection_sample", "", ""), "report.inspection_sample %v must be between 0 and 1 (e.g. 0.1 for 10%%)", p.Report.InspectionSample)
	}
}

// entry is what the id/label checks need of any listed entry.
type entry struct {
	id    string
	label Label
}

func (c *checker) checkIDs(table, what string, es []entry) {
	if len(es) == 0 {
		c.add(0, "no %s defined: add at least one [[%s]]", what, table)
	}
	seen := map[string]int{}
	for i, e := range es {
		line := c.idx.at(table, i, "id", "id", e.id)
		switch {
		case e.id == "":
			c.add(line, "%s #%d has no id", what, i+1)
		case strings.TrimSpace(e.id) != e.id || strings.ContainsAny(e.id, " \t\r\n"):
			c.add(line, "%s id %q must not contain spaces", what, e.id)
		}
		if prev, dup := seen[e.id]; dup && e.id != "" {
			c.add(line, "duplicate %s id %q (first defined at line %d)", what, e.id, prev)
		} else {
			seen[e.id] = line
		}
		if e.label.ZH == "" && e.label.EN == "" {
			c.add(line, "%s %q has no label: set zh and/or en", what, e.id)
		}
	}
}

func (c *checker) entries() {
	p := c.p
	var es []entry
	for _, r := range p.Roles {
		es = append(es, entry{r.ID, r.Label})
	}
	c.checkIDs("role", "role", es)

	es = es[:0]
	for _, o := range p.Channels {
		es = append(es, entry{o.ID, o.Label})
	}
	c.checkIDs("channel", "channel", es)

	es = es[:0]
	for _, o := range p.Natures {
		es = append(es, entry{o.ID, o.Label})
	}
	c.checkIDs("nature", "nature", es)

	es = es[:0]
	for _, g := range p.Grades {
		es = append(es, entry{g.ID, g.Label})
	}
	c.checkIDs("grade", "grade", es)

	es = es[:0]
	for _, s := range p.Statuses {
		es = append(es, entry{s.ID, s.Label})
	}
	c.checkIDs("status", "status", es)
	if s := p.Status(AnyStatus); s != nil {
		c.add(c.idx.at("status", 0, "", "id", AnyStatus), "status id %q is reserved (it means any status in a transition)", AnyStatus)
	}

	es = es[:0]
	for _, k := range p.Clocks {
		es = append(es, entry{k.ID, k.Label})
	}
	if len(es) > 0 { // a desk without clocks is odd but allowed
		c.checkIDs("clock", "clock", es)
	}
}

func (c *checker) categories() {
	p := c.p
	var es []entry
	for _, k := range p.Categories {
		es = append(es, entry{k.ID, k.Label})
	}
	c.checkIDs("category", "category", es)
	inCycle := map[string]bool{} // members of a cycle already reported
	for i, k := range p.Categories {
		if k.Parent == "" {
			continue
		}
		line := c.idx.at("category", i, "parent", "id", k.ID)
		if k.Parent == k.ID {
			c.add(line, "category %q is its own parent", k.ID)
			continue
		}
		if p.Category(k.Parent) == nil {
			c.add(line, "category %q: parent %q is not a category", k.ID, k.Parent)
			continue
		}
		// cycle: walk up; report once, on the entry that closes it
		seen := map[string]bool{k.ID: true}
		path := []string{k.ID}
		for cur := k.Parent; cur != ""; {
			path = append(path, cur)
			if cur == k.ID {
				if !inCycle[k.ID] {
					c.add(line, "category cycle: %s", strings.Join(path, " -> "))
				}
				for _, id := range path {
					inCycle[id] = true
				}
				break
			}
			if seen[cur] {
				break // a cycle further up, reported on its own entries
			}
			seen[cur] = true
			pc := p.Category(cur)
			if pc == nil {
				break
			}
			cur = pc.Parent
		}
	}
}

func (c *checker) knownStatus(s string) bool { return c.p.Status(s) != nil }

func (c *checker) transitions() {
	p := c.p
	if len(p.Transitions) == 0 {
		c.add(0, "no transitions defined: add [[transition]] entries, at least action = %q", ActionRegister)
		return
	}
	registers := 0
	type pair struct{ action, from string }
	seen := map[pair][]int{}
	for i, t := range p.Transitions {
		line := c.idx.at("transition", i, "action", "action", t.Action)
		lineOf := func(key string) int { return c.idx.at("transition", i, key, "action", t.Action) }
		if t.Action == "" {
			c.add(line, "transition #%d has no action", i+1)
			continue
		}
		if strings.ContainsAny(t.Action, " \t") {
			c.add(line, "action %q must not contain spaces", t.Action)
		}
		if t.Action == ActionRegister {
			registers++
			if registers == 2 {
				c.add(line, "more than one %q transition: exactly one is allowed", ActionRegister)
			}
			if len(t.From) > 0 {
				c.add(lineOf("from"), "transition %q must not have from statuses (the case does not exist yet)", t.Action)
			}
			if t.To == "" {
				c.add(lineOf("to"), "transition %q needs to = the initial status", t.Action)
			}
		} else if len(t.From) == 0 {
			c.add(line, "transition %q has no from statuses (use from = [\"*\"] for every status)", t.Action)
		}
		for _, s := range t.From {
			if s != AnyStatus && !c.knownStatus(s) {
				c.add(lineOf("from"), "transition %q: from status %q is not a status (%s)", t.Action, s, strings.Join(p.statusIDs(), ", "))
			}
			if s == AnyStatus || c.knownStatus(s) {
				froms := []string{s}
				if s == AnyStatus {
					froms = p.statusIDs()
				}
				for _, f := range froms {
					k := pair{t.Action, f}
					dup := false
					for _, prev := range seen[k] {
						if prev != i && gradesOverlap(p.Transitions[prev].Grades, t.Grades) {
							c.add(line, "transition %q from status %q is defined twice (also transition #%d)", t.Action, f, prev+1)
							dup = true
							break
						}
					}
					if dup {
						break
					}
					seen[k] = append(seen[k], i)
				}
			}
		}
		if t.To != "" && !c.knownStatus(t.To) {
			c.add(lineOf("to"), "transition %q: to status %q is not a status (%s)", t.Action, t.To, strings.Join(p.statusIDs(), ", "))
		}
		for _, r := range t.Roles {
			if p.Role(r) == nil {
				c.add(lineOf("roles"), "transition %q: role %q is not a role (%s)", t.Action, r, strings.Join(p.roleIDs(), ", "))
			}
		}
		for _, f := range t.Require {
			if !contains(KnownFields, f) && p.Field(f) == nil {
				c.add(lineOf("require"), "transition %q: required field %q is unknown (known: %s)", t.Action, f, strings.Join(KnownFields, ", "))
			}
		}
		for _, g := range t.Grades {
			if p.Grade(g) == nil {
				c.add(lineOf("grades"), "transition %q: grade %q is not a grade", t.Action, g)
			}
		}
		for _, g := range t.SupervisorFor {
			if p.Grade(g) == nil {
				c.add(lineOf("supervisor_for"), "transition %q: supervisor_for grade %q is not a grade", t.Action, g)
			}
		}
		if len(t.SupervisorFor) > 0 {
			ok := false
			for _, r := range p.Roles {
				if r.Supervisor && t.Allows(r.ID) {
					ok = true
				}
			}
			if !ok {
				c.add(lineOf("supervisor_for"), "transition %q: supervisor_for is set but no supervisor role may take it", t.Action)
			}
		}
	}
	if registers == 0 {
		c.add(0, "no %q transition: exactly one is required (it gives the initial status)", ActionRegister)
	}
}

func (c *checker) clocks() {
	p := c.p
	for i, k := range p.Clocks {
		lineOf := func(key string) int { return c.idx.at("clock", i, key, "id", k.ID) }
		if k.Amount <= 0 {
			c.add(lineOf("amount"), "clock %q: amount %d must be greater than 0", k.ID, k.Amount)
		}
		if !contains(ClockUnits, k.Unit) {
			c.add(lineOf("unit"), "clock %q: unit %q is not one of: %s", k.ID, k.Unit, strings.Join(ClockUnits, ", "))
		}
		if !contains(ClockStarts, k.Start) {
			c.add(lineOf("start"), "clock %q: start %q is not one of: %s", k.ID, k.Start, strings.Join(ClockStarts, ", "))
		}
		if len(k.Stop) == 0 {
			c.add(lineOf("stop"), "clock %q has no stop action: it would never stop", k.ID)
		}
		for _, a := range k.Stop {
			if !p.hasAction(a) {
				c.add(lineOf("stop"), "clock %q: stop action %q is not an action of any transition", k.ID, a)
			}
		}
		if k.Start == "action" && len(k.StartOn) == 0 {
			c.add(lineOf("start_on"), "clock %q: start = \"action\" needs start_on = [the actions that start it]", k.ID)
		}
		if k.Start != "action" && len(k.StartOn) > 0 {
			c.add(lineOf("start_on"), "clock %q: start_on is only used with start = \"action\"", k.ID)
		}
		for _, a := range k.StartOn {
			if !p.hasAction(a) {
				c.add(lineOf("start_on"), "clock %q: start_on action %q is not an action of any transition", k.ID, a)
			}
		}
		for _, a := range k.RestartOn {
			if !p.hasAction(a) {
				c.add(lineOf("restart_on"), "clock %q: restart_on action %q is not an action of any transition", k.ID, a)
			}
		}
		for _, g := range k.Grades {
			if p.Grade(g) == nil {
				c.add(lineOf("grades"), "clock %q: grade %q is not a grade", k.ID, g)
			}
		}
		for _, ch := range k.Channels {
			if p.Channel(ch) == nil {
				c.add(lineOf("channels"), "clock %q: channel %q is not a channel", k.ID, ch)
			}
		}
		for _, n := range k.Natures {
			if p.Nature(n) == nil {
				c.add(lineOf("natures"), "clock %q: nature %q is not a nature", k.ID, n)
			}
		}
	}
}

func (c *checker) grading() {
	p := c.p
	g := p.Grading
	lineOf := func(key string) int { return c.idx.at("grading", 0, key, "", "") }
	if g.CollectiveB < 1 {
		c.add(lineOf("collective_b"), "grading.collective_b %d must be at least 1", g.CollectiveB)
	}
	if g.CollectiveA <= g.CollectiveB {
		c.add(lineOf("collective_a"), "grading.collective_a %d must be greater than collective_b %d", g.CollectiveA, g.CollectiveB)
	}
	if g.RepeatB < 2 {
		c.add(lineOf("repeat_b"), "grading.repeat_b %d must be at least 2 (different complainants)", g.RepeatB)
	}
	if g.RepeatWindowDays < 1 {
		c.add(lineOf("repeat_window_days"), "grading.repeat_window_days %d must be at least 1", g.RepeatWindowDays)
	}
	for _, n := range g.DNatures {
		if p.Nature(n) == nil {
			c.add(lineOf("d_natures"), "grading.d_natures: %q is not a nature", n)
		}
	}
	if p.Grade(g.DefaultGrade) == nil {
		c.add(lineOf("default_grade"), "grading.default_grade %q is not a grade", g.DefaultGrade)
	}
	// the rules of regulation 001 suggest grades A and B (and D for d_natures)
	need := []string{"A", "B"}
	if len(g.DNatures) > 0 {
		need = append(need, "D")
	}
	for _, id := range need {
		if len(p.Grades) > 0 && p.Grade(p.LevelGrade(id)) == nil {
			c.add(c.idx.at("grade", 0, "", "", ""), "grade %q is missing: the grading rules suggest it", id)
		}
	}
}

// gradesOverlap: two transitions' grade filters share a grade (an empty
// filter is every grade).
func gradesOverlap(a, b []string) bool {
	if len(a) == 0 || len(b) == 0 {
		return true
	}
	for _, g := range a {
		if contains(b, g) {
			return true
		}
	}
	return false
}

// handling checks departments, the short lists, flags, escalation levels,
// the revisit rule and the working hours.
func (c *checker) handling() {
	p := c.p
	if _, _, ok := parseWorkingHours(p.WorkingHours); !ok {
		c.add(c.idx.top("working_hours"), "working_hours %q: write it as \"09:00-18:00\" (start before end)", p.WorkingHours)
	}
	var es []entry
	for _, d := range p.Departments {
		es = append(es, entry{d.ID, d.Label})
	}
	if len(es) > 0 {
		c.checkIDs("department", "department", es)
	}
	lists := []struct {
		table, what string
		list        []Choice
	}{
		{"resolution_type", "resolution type", p.ResolutionTypes},
		{"contact_kind", "contact kind", p.ContactKinds},
		{"contact_outcome", "contact outcome", p.ContactOutcomes},
		{"conclusion", "conclusion", p.Conclusions},
		{"flag", "flag", p.Flags},
	}
	for _, l := range lists {
		es = es[:0]
		for _, ch := range l.list {
			es = append(es, entry{ch.ID, ch.Label})
		}
		if len(es) > 0 || l.table != "flag" {
			c.checkIDs(l.table, l.what, es)
		}
	}
	for i, n := range p.Natures {
		for _, f := range n.Flags {
			if p.Flag(f) == nil {
				c.add(c.idx.at("nature", i, "flags", "id", n.ID), "nature %q: flag %q is not a [[flag]]", n.ID, f)
			}
		}
	}
	for i, k := range p.Conclusions {
		for _, f := range k.Flags {
			if p.Flag(f) == nil {
				c.add(c.idx.at("conclusion", i, "flags", "id", k.ID), "conclusion %q: flag %q is not a [[flag]]", k.ID, f)
			}
		}
	}
	es = es[:0]
	for _, l := range p.Levels {
		es = append(es, entry{l.ID, l.Label})
	}
	c.checkIDs("level", "escalation level", es)
	for i, l := range p.Levels {
		for _, r := range l.Roles {
			if p.Role(r) == nil {
				c.add(c.idx.at("level", i, "roles", "id", l.ID), "escalation level %q: role %q is not a role", l.ID, r)
			}
		}
	}
	if cl := p.Escalation.CrisisLevel; cl != "" && p.Level(cl) == nil {
		c.add(c.idx.at("escalation", 0, "crisis_level", "", ""), "escalation.crisis_level %q is not a [[level]]", cl)
	}
	if d := p.Revisit.DissatisfiedBelow; d < 0 || d > 5 {
		c.add(c.idx.at("revisit", 0, "dissatisfied_below", "", ""), "revisit.dissatisfied_below %d must be 0 (off) to 5", d)
	}
	if d := p.Grading.UnresolvedDays; d < 0 {
		c.add(c.idx.at("grading", 0, "unresolved_days", "", ""), "grading.unresolved_days %d must not be negative", d)
	}
}

func (p *Policy) hasAction(a string) bool {
	for _, t := range p.Transitions {
		if t.Action == a {
			return true
		}
	}
	return false
}

func (p *Policy) statusIDs() []string {
	out := make([]string, len(p.Statuses))
	for i, s := range p.Statuses {
		out[i] = s.ID
	}
	return out
}

func (p *Policy) roleIDs() []string {
	out := make([]string, len(p.Roles))
	for i, r := range p.Roles {
		out[i] = r.ID
	}
	return out
}

func (p *Policy) channelIDs() []string {
	out := make([]string, len(p.Channels))
	for i, o := range p.Channels {
		out[i] = o.ID
	}
	return out
}
