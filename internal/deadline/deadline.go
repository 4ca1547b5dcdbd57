// Package deadline computes a case's clocks (first response, online
// acceptance, closure, revisit, the lab clocks) from its facts and events,
// the policy and the official working-day calendar. It does no I/O: the same
// facts always give the same clocks.
//
// Day-based clocks follow the Civil Code (arts. 201–203): the day the clock
// starts is not counted and the deadline is the end (24:00) of the last day;
// with the policy's holiday shift on, a calendar-day deadline whose last day
// is not a working day moves to the end of the next working day.
package deadline

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"complaintdesk/internal/calendar"
	"complaintdesk/internal/policy"
)

// State is how a clock stands.
type State int

const (
	NotStarted State = iota // its start has not happened (revisit before closure)
	Running
	Met      // stopped before its due time
	Breached // stopped after its due time, or still running past it
	// Unmet: the closure stopped it before its due time without its own
	// stop step: what it waited for (a receipt, a first response) never
	// happened, so it is not met (finding 13). A rejection, which still
	// owes the customer its written answer, leaves a clock met.
	Unmet
)

func (s State) String() string {
	return [...]string{"not-started", "running", "met", "breached", "unmet"}[s]
}

// Stamp is an event that can start, stop or restart a clock.
type Stamp struct {
	Action string
	At     time.Time
	// Stayed marks a step that left the case in its department (a
	// reclassification within the same class's department): it does not
	// reset a clock, since no new department received the case.
	Stayed bool
}

// Facts are what the clocks of one case depend on.
type Facts struct {
	ReceivedAt       time.Time
	ReportReceivedAt time.Time // lab: when the customer received the test report
	Grade            string
	Channel          string
	Nature           string
	Events           []Stamp // in the order they happened
}

// Clock is one deadline of one case.
type Clock struct {
	ID      string
	Label   policy.Label
	Unit    string
	Amount  int
	Start   time.Time
	Due     time.Time // the instant the allowance ends (24:00 of the last day is 00:00 of the next)
	Stopped time.Time // zero while running
	// Ended: it was stopped by the end of the case (closure, rejection),
	// not by its own stop (a first response never given).
	Ended bool
	State State
	// Warning is set when the due time is an estimate: the calendar has no
	// data for a year the clock spans, so weekends alone were skipped.
	Warning string
}

// Allowance is the clock's whole span.
func (c Clock) Allowance() time.Duration { return c.Due.Sub(c.Start) }

// Margin is how far the clock ended (or now is) from its due time: positive
// when met or running early, negative when breached.
func (c Clock) Margin(now time.Time) time.Duration {
	end := now
	if !c.Stopped.IsZero() {
		end = c.Stopped
	}
	return c.Due.Sub(end)
}

// StateAt is the clock's state at now (a running clock past due is breached).
func (c Clock) StateAt(now time.Time) State {
	if c.State == Running && !now.Before(c.Due) {
		return Breached
	}
	return c.State
}

// Engine computes clocks with one policy and calendar.
type Engine struct {
	Policy   *policy.Policy
	Calendar *calendar.Calendar
}

func (e Engine) loc() *time.Location {
	if e.Policy.Location != nil {
		return e.Policy.Location
	}
	return time.Local
}

// closes reports whether action takes a case into a status that is not
// open (the closure).
func (e Engine) closes(action string) bool {
	for _, t := range e.Policy.Transitions {
		if t.Action == action && t.To != "" {
			if st := e.Policy.Status(t.To); st != nil && !st.Open {
				return true
			}
		}
	}
	return false
}

// Clocks computes every clock of the policy that applies to the case, in
// policy order, with states as of now.
func (e Engine) Clocks(f Facts, now time.Time) []Clock {
	events := slices.Clone(f.Events)
	slices.SortStableFunc(events, func(a, b Stamp) int { return a.At.Compare(b.At) })
	var out []Clock
	for _, pc := range e.Policy.ClocksFor(f.Grade, f.Channel, f.Nature) {
		c := Clock{ID: pc.ID, Label: pc.Label, Unit: pc.Unit, Amount: pc.Amount}
		var start time.Time
		switch pc.Start {
		case "received":
			start = f.ReceivedAt
		case "report_received":
			start = f.ReportReceivedAt
		}
		var stopped time.Time
		ended, closedBy := false, false
		for _, ev := range events {
			if pc.Start == "closed" && ev.Action == "close" && start.IsZero() {
				start, stopped = ev.At, time.Time{}
				continue
			}
			if pc.Start == "action" && start.IsZero() && slices.Contains(pc.StartOn, ev.Action) {
				start, stopped = ev.At, time.Time{}
				continue
			}
			// A reset starts it afresh, running or not (policy reset_on).
			if slices.Contains(pc.ResetOn, ev.Action) && !ev.Stayed && !start.IsZero() && !ev.At.Before(start) {
				start, stopped, ended = ev.At, time.Time{}, false
				continue
			}
			// Only a stopped clock restarts (reopening a resolved case that
			// was never closed does not grant a fresh closure allowance).
			if slices.Contains(pc.RestartOn, ev.Action) && !start.IsZero() && !stopped.IsZero() && !ev.At.Before(start) {
				start, stopped, ended = ev.At, time.Time{}, false
				continue
			}
			// A step that ends the case (closure, rejection) stops every
			// clock but those that start at closure.
			own := slices.Contains(pc.Stop, ev.Action)
			ends := pc.Start != "closed" && e.Policy.EndsClocks(ev.Action)
			if (own || ends) && !start.IsZero() && stopped.IsZero() && !ev.At.Before(start) {
				stopped, ended = ev.At, !own
				closedBy = ended && e.closes(ev.Action)
			}
		}
		if start.IsZero() {
			c.State = NotStarted
			out = append(out, c)
			continue
		}
		c.Start = start
		c.Due, c.Warning = e.Due(pc, start)
		c.Stopped, c.Ended = stopped, ended
		switch {
		case !stopped.IsZero() && stopped.After(c.Due):
			c.State = Breached
		case !stopped.IsZero() && closedBy:
			c.State = Unmet
		case !stopped.IsZero():
			c.State = Met
		case !now.Before(c.Due):
			c.State = Breached // still running, past its due time
		default:
			c.State = Running
		}
		out = append(out, c)
	}
	return out
}

// Next is the clock still running (overdue ones included) due soonest, or nil.
func Next(clocks []Clock) *Clock {
	var best *Clock
	for i := range clocks {
		c := &clocks[i]
		if c.State == NotStarted || !c.Stopped.IsZero() {
			continue
		}
		if best == nil || c.Due.Before(best.Due) {
			best = c
		}
	}
	return best
}

// Due is when a clock of this kind that starts at start is due, with a
// warning when the calendar lacked data and the result is an estimate.
func (e Engine) Due(pc policy.Clock, start time.Time) (time.Time, string) {
	loc := e.loc()
	start = start.In(loc)
	day := time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, loc)
	var missing []int
	note := func(err error) {
		var nd calendar.NoDataError
		if errors.As(err, &nd) && !slices.Contains(missing, nd.Year) {
			missing = append(missing, nd.Year)
		}
	}
	var due time.Time
	switch pc.Unit {
	case "hours":
		due = start.Add(time.Duration(pc.Amount) * time.Hour)
	case "days":
		last := day.AddDate(0, 0, pc.Amount)
		if e.Policy.HolidayShift {
			last = e.onOrAfterWorkday(last, note)
		}
		due = last.AddDate(0, 0, 1)
	case "workdays":
		last := day
		for n := 0; n < pc.Amount; {
			last = last.AddDate(0, 0, 1)
			if e.working(last, note) {
				n++
			}
		}
		due = last.AddDate(0, 0, 1)
	default:
		due = start
	}
	if len(missing) > 0 {
		return due, fmt.Sprintf("no official calendar for %v: estimated with weekends only; load the year's schedule with `desk calendar load`", missing)
	}
	return due, ""
}

func (e Engine) onOrAfterWorkday(d time.Time, note func(error)) time.Time {
	for i := 0; i < 60 && !e.working(d, note); i++ {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// working asks the calendar; a year without data falls back to Mon–Fri and
// is noted so the clock carries a visible warning.
func (e Engine) working(d time.Time, note func(error)) bool {
	if e.Calendar != nil {
		ok, err := e.Calendar.IsWorkday(d)
		if err == nil {
			return ok
		}
		note(err)
	} else {
		note(calendar.NoDataError{Year: d.Year()})
	}
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// WarnTime is when the clock's warning threshold (the policy's warn_at of
// its allowance) is reached. A working-day clock counts its allowance in
// working time — the policy's working hours on the calendar's working
// days — so a clock that spans a holiday warns at 75 % of the work, not of
// the days; other clocks count calendar time. Zero for a clock not started.
func (e Engine) WarnTime(c Clock) time.Time {
	if c.Start.IsZero() || !c.Due.After(c.Start) {
		return time.Time{}
	}
	frac := e.Policy.WarnAt
	if frac <= 0 || frac >= 1 {
		frac = 0.75
	}
	plain := c.Start.Add(time.Duration(float64(c.Due.Sub(c.Start)) * frac))
	if c.Unit != "workdays" || e.Policy.WorkEnd <= e.Policy.WorkStart {
		return plain
	}
	total := e.workingTime(c.Start, c.Due)
	if total <= 0 {
		return plain
	}
	need := time.Duration(float64(total) * frac)
	loc := e.loc()
	st := c.Start.In(loc)
	day := time.Date(st.Year(), st.Month(), st.Day(), 0, 0, 0, 0, loc)
	for ; day.Before(c.Due); day = day.AddDate(0, 0, 1) {
		from, to, ok := e.workWindow(day, c.Start, c.Due)
		if !ok {
			continue
		}
		if span := to.Sub(from); span >= need {
			return from.Add(need)
		} else {
			need -= span
		}
	}
	return plain
}

// workWindow is the part of day's working hours within [start, end); ok is
// false on a rest day or when nothing is left.
func (e Engine) workWindow(day, start, end time.Time) (from, to time.Time, ok bool) {
	if !e.working(day, func(error) {}) {
		return time.Time{}, time.Time{}, false
	}
	from, to = day.Add(e.Policy.WorkStart), day.Add(e.Policy.WorkEnd)
	if start.After(from) {
		from = start
	}
	if end.Before(to) {
		to = end
	}
	return from, to, to.After(from)
}

// workingTime is the working time between two instants.
func (e Engine) workingTime(start, end time.Time) time.Duration {
	loc := e.loc()
	st := start.In(loc)
	var total time.Duration
	for day := time.Date(st.Year(), st.Month(), st.Day(), 0, 0, 0, 0, loc); day.Before(end); day = day.AddDate(0, 0, 1) {
		if from, to, ok := e.workWindow(day, start, end); ok {
			total += to.Sub(from)
		}
	}
	return total
}

// InWorkingTime reports whether t is in the working hours of a working day
// (warnings of working-day clocks are shown only then).
func (e Engine) InWorkingTime(t time.Time) bool {
	loc := e.loc()
	lt := t.In(loc)
	day := time.Date(lt.Year(), lt.Month(), lt.Day(), 0, 0, 0, 0, loc)
	return e.working(day, func(error) {}) && e.Policy.InWorkingHours(t)
}

// FormatDue shows a due time the way the regulations say it: a day-based
// clock ends at "2026-10-29 24:00", an hour-based one at its minute.
func FormatDue(c Clock, loc *time.Location) string {
	d := c.Due.In(loc)
	if c.Unit != "hours" && d.Hour() == 0 && d.Minute() == 0 {
		return d.AddDate(0, 0, -1).Format("2006-01-02") + " 24:00"
	}
	return d.Format("2006-01-02 15:04")
}
