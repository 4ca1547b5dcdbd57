package report

// Per department and per person: the month's cases of each department and
// each handler, for assessing them against their targets (002 规定 七
// "定期对相关部门和人员进行考核"; 004 第十二条). A case counts for
// the department and handler it had at the as-of time (its history says;
// a case without that history counts for its own).
//
// A Group is one row; groupColumns are the tables' columns. The quality
// inspection's score (004 第十一条) is the last score each case got, and
// the late entries (补录) count for whoever entered them: a handler's row
// says how often they wrote the record after the fact.

import (
	"slices"
	"strings"
	"time"

	"complaintdesk/internal/deadline"
	"complaintdesk/internal/policy"
	"complaintdesk/store"
)

// Group is the figures of one department or one handler.
type Group struct {
	// Key is the department id or the handler's name ("" = none yet).
	Key      string `json:"key"`
	Received int    `json:"received"`
	// Closed: closed as of the as-of time (and not reopened since).
	Closed   int `json:"closed"`
	Reopened int `json:"reopened"`
	// Clocks are the on-time figures of each clock, by clock id.
	Clocks map[string]Rate `json:"clocks"`
	// Satisfaction[s] counts revisits with score s (1..5).
	Revisits        int      `json:"revisits"`
	Satisfaction    [6]int   `json:"satisfaction"`
	SatisfactionAvg *float64 `json:"satisfaction_avg"`
	// Inspected counts the cases the quality inspection scored, QAScore
	// is their average score (0–100; nil when none was inspected).
	Inspected    int      `json:"inspected"`
	QAScore      *float64 `json:"qa_score"`
	inspectedSum int
	// LateEntries counts the events entered more than an hour after they
	// happened (补录): by the person who entered them in the per-person
	// table, on the department's cases in the per-department one.
	LateEntries int `json:"late_entries"`
}

// groupAcc adds cases up into the groups of one kind.
type groupAcc map[string]*Group

func (g groupAcc) get(key string) *Group {
	gr := g[key]
	if gr == nil {
		gr = &Group{Key: key, Clocks: map[string]Rate{}}
		g[key] = gr
	}
	return gr
}

// caseFacts is what one case adds to its groups.
type caseFacts struct {
	closed, reopened bool
	clocks           []deadline.Clock
	sats             []int
	// inspection is the last inspection score (when inspected).
	inspection int
	inspected  bool
	// late is how many events were entered late, by who entered them.
	late map[string]int
}

func (g groupAcc) add(key string, cf caseFacts, asOf time.Time) {
	gr := g.get(key)
	gr.Received++
	if cf.closed {
		gr.Closed++
	}
	if cf.reopened {
		gr.Reopened++
	}
	for _, ck := range cf.clocks {
		r := gr.Clocks[ck.ID]
		switch ck.StateAt(asOf) {
		case deadline.Met:
			r.Met++
		case deadline.Running:
			r.Pending++
		case deadline.Breached, deadline.Unmet: // unmet: closed without it, not on time
			r.Breached++
		default:
			continue
		}
		gr.Clocks[ck.ID] = r
	}
	for _, s := range cf.sats {
		gr.Revisits++
		gr.Satisfaction[s]++
	}
	if cf.inspected {
		gr.Inspected++
		gr.inspectedSum += cf.inspection
	}
}

// addLate counts late entries: by who entered them (byActor), or all on
// the group of key.
func (g groupAcc) addLate(key string, late map[string]int, byActor bool) {
	for actor, n := range late {
		if byActor {
			g.get(actor).LateEntries += n
		} else {
			g.get(key).LateEntries += n
		}
	}
}

// list is the groups in the order of ids (the policy's) and then the
// others by key, with their averages.
func (g groupAcc) list(ids []string) []Group {
	keys := make([]string, 0, len(g))
	for k := range g {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		ia, ib := slices.Index(ids, a), slices.Index(ids, b)
		switch {
		case a == "" || b == "": // none last
			return strings.Compare(b, a)
		case ia >= 0 && ib >= 0:
			return ia - ib
		case ia >= 0:
			return -1
		case ib >= 0:
			return 1
		}
		return strings.Compare(a, b)
	})
	out := make([]Group, 0, len(keys))
	for _, k := range keys {
		gr := *g[k]
		if gr.Revisits > 0 {
			sum := 0
			for s := 1; s <= 5; s++ {
				sum += s * gr.Satisfaction[s]
			}
			avg := float64(sum) / float64(gr.Revisits)
			gr.SatisfactionAvg = &avg
		}
		if gr.Inspected > 0 {
			avg := float64(gr.inspectedSum) / float64(gr.Inspected)
			gr.QAScore = &avg
		}
		out = append(out, gr)
	}
	return out
}

// assignedAsOf is the department and handler the case had at asOf: the
// last event up to then that set each (a case starts with neither: its
// registration records what it had). A history that never names one (an
// older or imported case) leaves the case's own.
func assignedAsOf(c *store.Case, evs []store.Event, asOf time.Time) (dep, handler string) {
	depSeen, hSeen := false, false
	for _, e := range evs {
		if v, ok := e.After["department"]; ok {
			depSeen = true
			if !e.At.After(asOf) {
				dep = v
			}
		}
		if v, ok := e.After["handler"]; ok {
			hSeen = true
			if !e.At.After(asOf) {
				handler = v
			}
		}
	}
	if !depSeen {
		dep = c.Department
	}
	if !hSeen {
		handler = c.Handler
	}
	return dep, handler
}

// groupColumn is one column of a per-department or per-person table.
type groupColumn struct {
	zh, en string
	cell   func(Group) Cell
}

// groupColumns are the columns after the name.
var groupColumns = []groupColumn{
	{"受理", "Received", func(g Group) Cell { return num(g.Received) }},
	{"结案", "Closed", func(g Group) Cell { return num(g.Closed) }},
	{"重新处理", "Reopened", func(g Group) Cell { return num(g.Reopened) }},
	{"回访", "Revisits", func(g Group) Cell { return num(g.Revisits) }},
	{"平均满意度", "Satisfaction", func(g Group) Cell {
		if g.SatisfactionAvg == nil {
			return score(0, false)
		}
		return score(*g.SatisfactionAvg, true)
	}},
	{"质检", "Inspected", func(g Group) Cell { return num(g.Inspected) }},
	{"质检平均分", "QA score", func(g Group) Cell {
		if g.QAScore == nil {
			return score(0, false)
		}
		return score(*g.QAScore, true)
	}},
	{"补录", "Late entries", func(g Group) Cell { return num(g.LateEntries) }},
}

// StaffSheet is the XLSX sheet of the per-department and per-person tables.
func StaffSheet(lang string) string { return tr(lang, "部门与人员", "Departments and staff") }

// groupTables are the per-department and per-person tables: the figures,
// then each clock's on-time figures (one row per group and clock).
func groupTables(p *policy.Policy, cur *Figures, lang string) []Table {
	T := func(zh, en string) string { return tr(lang, zh, en) }
	depName := func(id string) string {
		if id == "" {
			return T("未分派部门", "No department")
		}
		return p.DepartmentName(id, lang)
	}
	who := func(name string) string {
		if name == "" {
			return T("未分派", "Not assigned")
		}
		return name
	}
	var out []Table
	for _, k := range []struct {
		id, zh, en, first string
		groups            []Group
		name              func(string) string
		total             bool // every case is in one department: a total row
	}{
		{"by_department", "按责任部门", "By department", T("部门", "Department"), cur.ByDepartment, depName, true},
		{"by_handler", "按处理人", "By handler", T("处理人", "Handler"), cur.ByHandler, who, false},
	} {
		t := Table{ID: k.id, Title: T(k.zh, k.en), Header: []string{k.first}, Sheet: StaffSheet(lang)}
		for _, c := range groupColumns {
			t.Header = append(t.Header, T(c.zh, c.en))
		}
		ot := Table{ID: "on_time_" + k.id, Title: T(k.zh+"：时效", k.en+": on time"), Sheet: StaffSheet(lang),
			Header: []string{k.first, T("时限", "Clock"), T("按时", "Met"), T("超时", "Breached"), T("进行中", "Pending"), T("按时率", "On time")}}
		add := func(name string, g Group) {
			r := []Cell{txt(name)}
			for _, c := range groupColumns {
				r = append(r, c.cell(g))
			}
			t.Rows = append(t.Rows, r)
			for _, pc := range p.Clocks {
				rate, ok := g.Clocks[pc.ID]
				if !ok {
					continue
				}
				v, vok := rate.Value()
				ot.Rows = append(ot.Rows, []Cell{txt(name), txt(pc.In(lang)), num(rate.Met), num(rate.Breached), num(rate.Pending), pct(v, vok)})
			}
		}
		for _, g := range k.groups {
			add(k.name(g.Key), g)
		}
		if k.total && len(k.groups) > 1 {
			add(T("合计", "Total"), total(k.groups))
		}
		if len(t.Rows) == 0 {
			t.Notes = append(t.Notes, T("本月没有受理投诉。", "No case received this month."))
		}
		out = append(out, t, ot)
	}
	return out
}

// total adds groups up (each case in one of them).
func total(gs []Group) Group {
	acc := groupAcc{}
	t := acc.get("")
	for _, g := range gs {
		t.Received += g.Received
		t.Closed += g.Closed
		t.Reopened += g.Reopened
		t.Revisits += g.Revisits
		t.Inspected += g.Inspected
		t.inspectedSum += g.inspectedSum
		t.LateEntries += g.LateEntries
		for s := range t.Satisfaction {
			t.Satisfaction[s] += g.Satisfaction[s]
		}
		for id, r := range g.Clocks {
			sum := t.Clocks[id]
			sum.Met, sum.Breached, sum.Pending = sum.Met+r.Met, sum.Breached+r.Breached, sum.Pending+r.Pending
			t.Clocks[id] = sum
		}
	}
	return acc.list(nil)[0]
}
