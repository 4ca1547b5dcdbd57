package report

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"complaintdesk/internal/calendar"
	"complaintdesk/internal/deadline"
	"complaintdesk/internal/policy"
	"complaintdesk/store"
)

// Figures are the statistics of one set of cases (a month's intake) as of
// a time. The package comment defines each.
type Figures struct {
	From     time.Time `json:"from"`
	To       time.Time `json:"to"`
	AsOf     time.Time `json:"as_of"`
	Received int       `json:"received"`

	// ByCategoryGrade counts cases by category id ("" uncategorised) and grade.
	ByCategoryGrade map[string]map[string]int `json:"by_category_grade"`
	ByGrade         map[string]int            `json:"by_grade"`
	ByChannel       map[string]int            `json:"by_channel"`
	ByNature        map[string]int            `json:"by_nature"`

	FirstResponse  Rate            `json:"first_response"`
	Closure        Rate            `json:"closure"`
	ClosureByGrade map[string]Rate `json:"closure_by_grade"`

	Handling Durations `json:"handling"`

	// Finished: resolved, found not justified or closed at least once;
	// Reopened: reopened at least once.
	Finished int `json:"finished"`
	Reopened int `json:"reopened"`

	// Satisfaction[s] counts revisits with score s (1..5); index 0 unused.
	Revisits     int    `json:"revisits"`
	Satisfaction [6]int `json:"satisfaction"`

	Repeats []Repeat `json:"repeats"`
	// ByDepartment and ByHandler are the cases of each department and of
	// each handler (groups.go).
	ByDepartment []Group `json:"by_department"`
	ByHandler    []Group `json:"by_handler"`
	// groups counts every (category, subject) group, repeated or not: the
	// previous month's count of a repeated issue.
	groups map[[2]string]int

	// Warnings say where a figure is an estimate (no calendar data).
	Warnings []string `json:"warnings,omitempty"`
}

// Rate is how many clocks of a kind ended met or breached; pending ones
// still run within their allowance.
type Rate struct {
	Met      int `json:"met"`
	Breached int `json:"breached"`
	Pending  int `json:"pending"`
}

// Decided is met plus breached: the rate's denominator.
func (r Rate) Decided() int { return r.Met + r.Breached }

// Value is met / decided; ok is false when nothing was decided.
func (r Rate) Value() (v float64, ok bool) {
	if r.Decided() == 0 {
		return 0, false
	}
	return float64(r.Met) / float64(r.Decided()), true
}

// Durations are handling times of closed cases.
type Durations struct {
	Closed       int     `json:"closed"`
	CalendarAvgH float64 `json:"calendar_avg_hours"`
	CalendarP90H float64 `json:"calendar_p90_hours"`
	WorkingAvgH  float64 `json:"working_avg_hours"`
	WorkingP90H  float64 `json:"working_p90_hours"`
}

// Repeat is an issue several cases of the month were about.
type Repeat struct {
	Category     string `json:"category"`
	Subject      string `json:"subject"`
	Cases        int    `json:"cases"`
	Complainants int    `json:"complainants"`
	// PrevCases: the previous month's cases of the same issue (Monthly).
	PrevCases int `json:"previous_cases"`
}

// ReopenRate is reopened / finished; ok is false when nothing finished.
func (f *Figures) ReopenRate() (float64, bool) {
	if f.Finished == 0 {
		return 0, false
	}
	return float64(f.Reopened) / float64(f.Finished), true
}

// SatisfactionAvg is the average revisit score; ok is false without revisits.
func (f *Figures) SatisfactionAvg() (float64, bool) {
	if f.Revisits == 0 {
		return 0, false
	}
	sum := 0
	for s := 1; s <= 5; s++ {
		sum += s * f.Satisfaction[s]
	}
	return float64(sum) / float64(f.Revisits), true
}

// clockKind sorts the policy's clocks into the two the report rates.
type clockKind int

const (
	kindOther clockKind = iota
	kindFirstResponse
	kindClosure
)

func kindOf(pc *policy.Clock) clockKind {
	if pc == nil || pc.Start != "received" {
		return kindOther
	}
	switch {
	case slices.Contains(pc.Stop, "acknowledge"):
		return kindFirstResponse
	case slices.Contains(pc.Stop, "close"):
		return kindClosure
	}
	return kindOther
}

// Acc adds cases up into Figures.
type Acc struct {
	pol  *policy.Policy
	cal  *calendar.Calendar
	loc  *time.Location
	asOf time.Time
	f    Figures

	calendarH, workingH []time.Duration
	repeats             map[[2]string]*repeatAcc
	estimated           bool
	depts, handlers     groupAcc
}

type repeatAcc struct {
	Repeat
	who map[string]bool
}

// NewAcc starts the figures of the cases received in [from, to) as of asOf.
func NewAcc(p *policy.Policy, cal *calendar.Calendar, loc *time.Location, from, to, asOf time.Time) *Acc {
	return &Acc{pol: p, cal: cal, loc: loc, asOf: asOf,
		f: Figures{From: from, To: to, AsOf: asOf,
			ByCategoryGrade: map[string]map[string]int{}, ByGrade: map[string]int{},
			ByChannel: map[string]int{}, ByNature: map[string]int{}, ClosureByGrade: map[string]Rate{}},
		repeats: map[[2]string]*repeatAcc{}, depts: groupAcc{}, handlers: groupAcc{}}
}

// outcome of one kind of clock for one case.
type outcome int

const (
	none outcome = iota
	met
	pending
	breached
)

func (o outcome) add(r *Rate) {
	switch o {
	case met:
		r.Met++
	case pending:
		r.Pending++
	case breached:
		r.Breached++
	}
}

// caseOutcome combines a case's clocks of a kind: any breached is
// breached; else any still running is pending; else met if any ended.
func caseOutcome(clocks []deadline.Clock, p *policy.Policy, kind clockKind, asOf time.Time) outcome {
	o := none
	for _, ck := range clocks {
		if kindOf(p.Clock(ck.ID)) != kind {
			continue
		}
		var this outcome
		switch ck.StateAt(asOf) {
		case deadline.Met:
			this = met
		case deadline.Running:
			this = pending
		case deadline.Breached, deadline.Unmet: // unmet: closed without it, not on time
			this = breached
		default:
			continue
		}
		o = max(o, this)
	}
	return o
}

// Add counts one case with its events (those after asOf are ignored) and
// its clocks as of asOf.
func (a *Acc) Add(c *store.Case, evs []store.Event, clocks []deadline.Clock) {
	f := &a.f
	f.Received++
	byGrade := f.ByCategoryGrade[c.Category]
	if byGrade == nil {
		byGrade = map[string]int{}
		f.ByCategoryGrade[c.Category] = byGrade
	}
	byGrade[c.Grade]++
	f.ByGrade[c.Grade]++
	f.ByChannel[c.Channel]++
	f.ByNature[c.Nature]++

	caseOutcome(clocks, a.pol, kindFirstResponse, a.asOf).add(&f.FirstResponse)
	co := caseOutcome(clocks, a.pol, kindClosure, a.asOf)
	co.add(&f.Closure)
	gr := f.ClosureByGrade[c.Grade]
	co.add(&gr)
	f.ClosureByGrade[c.Grade] = gr

	// The history as of asOf: closures, reopenings and revisits.
	var closedAt time.Time
	var sats []int
	var late map[string]int
	inspection, inspected := 0, false
	finished, reopened := false, false
	if len(evs) == 0 {
		// A case without history (none in a desk; a bare store in tests):
		// its own fields tell as much.
		closedAt = c.ClosedAt
		finished = !c.ResolvedAt.IsZero() || !c.ClosedAt.IsZero() || c.ReopenCount > 0
		reopened = c.ReopenCount > 0
		if c.Satisfaction >= 1 && c.Satisfaction <= 5 {
			sats = append(sats, c.Satisfaction)
		}
	} else {
		sat := 0
		for _, e := range evs {
			if e.Late != "" && !e.Entered.After(a.asOf) {
				if late == nil {
					late = map[string]int{}
				}
				late[e.Actor]++
			}
			if e.At.After(a.asOf) {
				continue
			}
			if e.Action == "inspect" {
				if n, err := strconv.Atoi(e.After["inspection_score"]); err == nil {
					inspection, inspected = n, true
				}
			}
			if s := e.After["satisfaction"]; s != "" {
				sat, _ = strconv.Atoi(s)
			}
			switch e.Action {
			case "resolve", "reject":
				finished = true
			case "close":
				finished = true
				closedAt = e.At
			case "reopen":
				reopened = true
				closedAt = time.Time{}
			case "revisit":
				if sat >= 1 && sat <= 5 {
					sats = append(sats, sat)
				}
			}
		}
	}
	for _, s := range sats {
		f.Revisits++
		f.Satisfaction[s]++
	}
	if finished {
		f.Finished++
	}
	if reopened {
		f.Reopened++
	}
	cf := caseFacts{closed: !closedAt.IsZero(), reopened: reopened, clocks: clocks, sats: sats,
		inspection: inspection, inspected: inspected, late: late}
	dep, handler := assignedAsOf(c, evs, a.asOf)
	a.depts.add(dep, cf, a.asOf)
	a.handlers.add(handler, cf, a.asOf)
	a.depts.addLate(dep, late, false)
	a.handlers.addLate(handler, late, true)
	if !closedAt.IsZero() && !closedAt.Before(c.ReceivedAt) {
		a.calendarH = append(a.calendarH, closedAt.Sub(c.ReceivedAt))
		w, est := WorkingTime(a.cal, a.loc, c.ReceivedAt, closedAt)
		a.workingH = append(a.workingH, w)
		a.estimated = a.estimated || est
	}

	if subj := strings.TrimSpace(c.Subject); subj != "" {
		k := [2]string{c.Category, subj}
		r := a.repeats[k]
		if r == nil {
			r = &repeatAcc{Repeat: Repeat{Category: c.Category, Subject: subj}, who: map[string]bool{}}
			a.repeats[k] = r
		}
		r.Cases++
		for _, p := range c.Complainants {
			id := p.Phone
			if id == "" {
				id = p.Name
			}
			if id != "" {
				r.who[id] = true
			}
		}
	}
}

// maxRepeats is how many repeated issues the report lists.
const maxRepeats = 10

// Figures finishes the sums.
func (a *Acc) Figures() Figures {
	f := a.f
	f.Handling = Durations{Closed: len(a.calendarH)}
	f.Handling.CalendarAvgH, f.Handling.CalendarP90H = avgP90(a.calendarH)
	f.Handling.WorkingAvgH, f.Handling.WorkingP90H = avgP90(a.workingH)
	f.Repeats = nil
	f.groups = make(map[[2]string]int, len(a.repeats))
	for k, r := range a.repeats {
		f.groups[k] = r.Cases
		if r.Cases < 2 {
			continue
		}
		r.Complainants = len(r.who)
		f.Repeats = append(f.Repeats, r.Repeat)
	}
	slices.SortFunc(f.Repeats, func(x, y Repeat) int {
		if x.Cases != y.Cases {
			return y.Cases - x.Cases
		}
		if x.Complainants != y.Complainants {
			return y.Complainants - x.Complainants
		}
		if c := strings.Compare(x.Category, y.Category); c != 0 {
			return c
		}
		return strings.Compare(x.Subject, y.Subject)
	})
	if len(f.Repeats) > maxRepeats {
		f.Repeats = f.Repeats[:maxRepeats]
	}
	var depIDs []string
	for _, d := range a.pol.Departments {
		depIDs = append(depIDs, d.ID)
	}
	f.ByDepartment, f.ByHandler = a.depts.list(depIDs), a.handlers.list(nil)
	if a.estimated {
		f.Warnings = append(f.Warnings, "working time estimated Monday to Friday for a year without official calendar data")
	}
	return f
}

// avgP90 is the average and the 90th percentile (nearest rank: the
// ceil(0.9·n)-th smallest) in hours, rounded to 0.1 h.
func avgP90(ds []time.Duration) (avg, p90 float64) {
	if len(ds) == 0 {
		return 0, 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	sum := 0.0 // hours: a month of long-open cases overflows a Duration
	for _, d := range s {
		sum += d.Hours()
	}
	n := len(s)
	rank := (9*n + 9) / 10 // ceil(0.9 n), exactly
	return round1(sum / float64(n)), round1(s[rank-1].Hours())
}

func round1(h float64) float64 {
	return float64(int64(h*10+0.5)) / 10
}
