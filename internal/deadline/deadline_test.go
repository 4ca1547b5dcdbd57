package deadline

import (
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // Asia/Shanghai even where the system has no zone files

	"complaintdesk/internal/calendar"
	"complaintdesk/internal/calendar/calendartest"
	"complaintdesk/internal/policy"
)

var shanghai = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		panic(err)
	}
	return loc
}()

func engine(t *testing.T) Engine {
	t.Helper()
	p := policy.Default()
	if p.Location == nil || p.Location.String() != "Asia/Shanghai" {
		t.Fatalf("default policy zone = %v; these tests assume Asia/Shanghai", p.Location)
	}
	return Engine{Policy: p, Calendar: calendar.Embedded()}
}

// at is a wall-clock time in Shanghai.
func at(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, shanghai)
}

// endOf is 24:00 of a day in Shanghai (00:00 of the next).
func endOf(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, shanghai).AddDate(0, 0, 1)
}

func clockByID(t *testing.T, clocks []Clock, id string) Clock {
	t.Helper()
	for _, c := range clocks {
		if c.ID == id {
			return c
		}
	}
	var ids []string
	for _, c := range clocks {
		ids = append(ids, c.ID)
	}
	t.Fatalf("no clock %q among %v", id, ids)
	return Clock{}
}

func hasClock(clocks []Clock, id string) bool {
	for _, c := range clocks {
		if c.ID == id {
			return true
		}
	}
	return false
}

// checkWorkdays checks a workday-clock's due time independently of the
// engine: the last day is a working day and exactly n working days lie
// after the start day up to and including it.
func checkWorkdays(t *testing.T, cal *calendar.Calendar, start, due time.Time, n int) {
	t.Helper()
	last := due.In(shanghai).AddDate(0, 0, -1)
	if ok, err := cal.IsWorkday(last); err != nil || !ok {
		t.Errorf("last day %s is not a working day (%v)", last.Format("2006-01-02"), err)
	}
	got, err := cal.WorkingDaysBetween(start.In(shanghai), last)
	if err != nil || got != n {
		t.Errorf("working days from %s to %s = %d, %v; want %d", start.Format("2006-01-02"), last.Format("2006-01-02"), got, err, n)
	}
}

func TestFirstResponseIsExactly24Hours(t *testing.T) {
	e := engine(t)
	for _, received := range []time.Time{
		at(2026, 9, 25, 10, 0),   // a holiday: hours are not working days
		at(2026, 10, 12, 23, 59), // a Monday, late
		at(2026, 2, 14, 8, 30),   // a make-up working day
		time.Date(2026, 3, 1, 20, 15, 0, 0, time.UTC),
	} {
		clocks := e.Clocks(Facts{ReceivedAt: received, Grade: "C", Channel: "phone", Nature: "complaint"}, received)
		c := clockByID(t, clocks, "first_response")
		if want := received.Add(24 * time.Hour); !c.Due.Equal(want) {
			t.Errorf("received %v: first response due %v; want %v", received, c.Due, want)
		}
		if c.Allowance() != 24*time.Hour || c.State != Running || c.Warning != "" {
			t.Errorf("received %v: allowance %v state %v warning %q", received, c.Allowance(), c.State, c.Warning)
		}
	}
	c := clockByID(t, e.Clocks(Facts{ReceivedAt: at(2026, 9, 25, 10, 0), Grade: "A"}, at(2026, 9, 25, 10, 0)), "first_response")
	if got := FormatDue(c, shanghai); got != "2026-09-26 10:00" {
		t.Errorf("FormatDue(first response) = %q; want 2026-09-26 10:00", got)
	}
}

func TestGradeAClosureTwentyWorkingDays(t *testing.T) {
	e := engine(t)
	received := at(2026, 9, 25, 10, 0) // Mid-Autumn, then National Day with make-up days 9-20 and 10-10
	c := clockByID(t, e.Clocks(Facts{ReceivedAt: received, Grade: "A", Channel: "phone", Nature: "complaint"}, received), "closure_a")
	want := time.Date(2026, 10, 30, 0, 0, 0, 0, time.FixedZone("+08", 8*3600))
	if !c.Due.Equal(want) {
		t.Errorf("grade A received %v: due %v; want %v (end of 2026-10-29)", received, c.Due, want)
	}
	if got := FormatDue(c, shanghai); got != "2026-10-29 24:00" {
		t.Errorf("FormatDue = %q; want 2026-10-29 24:00", got)
	}
	if c.Warning != "" || c.Unit != "workdays" || c.Amount != 20 || !c.Start.Equal(received) {
		t.Errorf("clock %+v", c)
	}
	checkWorkdays(t, e.Calendar, received, c.Due, 20)
	// grade A has no 2-day closure clock, grade C no grade-A one
	if hasClock(e.Clocks(Facts{ReceivedAt: received, Grade: "A"}, received), "closure") {
		t.Error("grade A also has the 2-day closure clock")
	}
	if hasClock(e.Clocks(Facts{ReceivedAt: received, Grade: "C"}, received), "closure_a") {
		t.Error("grade C has the grade-A closure clock")
	}
}

func TestGradeAAcrossSpringFestival2026(t *testing.T) {
	// 2026-02-15..23 off, 2026-02-14 and 2026-02-28 (Saturdays) worked.
	e := engine(t)
	for _, tc := range []struct {
		received time.Time
		last     time.Time // the 20th working day
	}{
		// Tue 2-10: 11,12,13,14(Sat, worked) | 24..27, 28(Sat, worked) | 3-2..6 | 3-9..13 | 3-16
		{at(2026, 2, 10, 9, 0), at(2026, 3, 16, 0, 0)},
		// Fri 2-13: 14(Sat) | 24..28 | 3-2..6 | 3-9..13 | 3-16..19
		{at(2026, 2, 13, 17, 0), at(2026, 3, 19, 0, 0)},
		// received during the holiday itself: counting starts after it
		// 2-24..28 (5) | 3-2..6 | 3-9..13 | 3-16..20 (20)
		{at(2026, 2, 18, 11, 0), at(2026, 3, 20, 0, 0)},
	} {
		c := clockByID(t, e.Clocks(Facts{ReceivedAt: tc.received, Grade: "A"}, tc.received), "closure_a")
		if want := tc.last.AddDate(0, 0, 1); !c.Due.Equal(want) {
			t.Errorf("received %s: due %s; want end of %s", tc.received.Format("2006-01-02 15:04"), FormatDue(c, shanghai), tc.last.Format("2006-01-02"))
		}
		if c.Warning != "" {
			t.Errorf("received %v: unexpected warning %q", tc.received, c.Warning)
		}
		checkWorkdays(t, e.Calendar, tc.received, c.Due, 20)
	}
}

func TestTwoDayClosureWithHolidayShift(t *testing.T) {
	e := engine(t)
	for _, tc := range []struct {
		received time.Time
		grade    string
		last     time.Time
		why      string
	}{
		{at(2026, 9, 30, 14, 0), "B", at(2026, 10, 8, 0, 0), "last day 10-02 is National Day: next working day is 10-08"},
		{at(2026, 9, 30, 0, 0), "C", at(2026, 10, 8, 0, 0), "the start day is not counted whatever the hour"},
		{at(2026, 10, 12, 9, 0), "D", at(2026, 10, 14, 0, 0), "Mon + 2 = Wed, a working day"},
		{at(2026, 10, 15, 9, 0), "C", at(2026, 10, 19, 0, 0), "last day Sat 10-17 moves to Mon 10-19"},
		{at(2026, 10, 8, 9, 0), "B", at(2026, 10, 10, 0, 0), "last day Sat 10-10 is a make-up working day: no shift"},
		{at(2026, 2, 13, 9, 0), "B", at(2026, 2, 24, 0, 0), "last day 2-15 is in the Spring Festival: moves to 2-24"},
		{at(2026, 2, 26, 9, 0), "B", at(2026, 2, 28, 0, 0), "last day Sat 2-28 is a make-up working day"},
		{at(2026, 12, 29, 9, 0), "B", at(2026, 12, 31, 0, 0), "Thu 12-31 is a working day"},
	} {
		clocks := e.Clocks(Facts{ReceivedAt: tc.received, Grade: tc.grade, Channel: "phone", Nature: "complaint"}, tc.received)
		c := clockByID(t, clocks, "closure")
		if want := tc.last.AddDate(0, 0, 1); !c.Due.Equal(want) {
			t.Errorf("%s received %s: due %s; want end of %s (%s)", tc.grade, tc.received.Format("2006-01-02 15:04"),
				FormatDue(c, shanghai), tc.last.Format("2006-01-02"), tc.why)
		}
		if c.Warning != "" {
			t.Errorf("%s: unexpected warning %q", tc.why, c.Warning)
		}
	}
	// the example of the regulations as printed
	c := clockByID(t, e.Clocks(Facts{ReceivedAt: at(2026, 9, 30, 14, 0), Grade: "B"}, at(2026, 9, 30, 14, 0)), "closure")
	if got := FormatDue(c, shanghai); got != "2026-10-08 24:00" {
		t.Errorf("FormatDue = %q; want 2026-10-08 24:00", got)
	}

	// with the shift turned off in the policy, the last day stays a holiday
	e.Policy.HolidayShift = false
	c = clockByID(t, e.Clocks(Facts{ReceivedAt: at(2026, 9, 30, 14, 0), Grade: "B"}, at(2026, 9, 30, 14, 0)), "closure")
	if want := endOf(2026, 10, 2); !c.Due.Equal(want) {
		t.Errorf("without holiday shift: due %s; want 2026-10-02 24:00", FormatDue(c, shanghai))
	}
}

func TestUngradedCaseUsesDefaultGrade(t *testing.T) {
	e := engine(t)
	received := at(2026, 10, 12, 9, 0)
	clocks := e.Clocks(Facts{ReceivedAt: received}, received)
	if !hasClock(clocks, "closure") || hasClock(clocks, "closure_a") {
		t.Errorf("an ungraded case should get the default grade's (C) closure clock: %v", clocks)
	}
}

func TestOnlineAcceptance(t *testing.T) {
	e := engine(t)
	for _, tc := range []struct {
		received time.Time
		last     time.Time
	}{
		{at(2026, 9, 25, 10, 0), at(2026, 9, 28, 0, 0)},  // Mid-Autumn Fri..Sun off: Monday
		{at(2026, 10, 9, 16, 0), at(2026, 10, 10, 0, 0)}, // Fri: the next working day is Sat 10-10 (make-up)
		{at(2026, 10, 14, 9, 0), at(2026, 10, 15, 0, 0)}, // Wed: Thu
		{at(2026, 9, 30, 9, 0), at(2026, 10, 8, 0, 0)},   // National Day
	} {
		clocks := e.Clocks(Facts{ReceivedAt: tc.received, Grade: "C", Channel: "web", Nature: "complaint"}, tc.received)
		c := clockByID(t, clocks, "online_accept")
		if want := tc.last.AddDate(0, 0, 1); !c.Due.Equal(want) {
			t.Errorf("web received %s: online acceptance due %s; want end of %s", tc.received.Format("2006-01-02 15:04"), FormatDue(c, shanghai), tc.last.Format("2006-01-02"))
		}
		checkWorkdays(t, e.Calendar, tc.received, c.Due, 1)
	}
	received := at(2026, 10, 14, 9, 0)
	for _, ch := range []string{"phone", "walk-in", "letter", "other", ""} {
		if hasClock(e.Clocks(Facts{ReceivedAt: received, Grade: "C", Channel: ch}, received), "online_accept") {
			t.Errorf("channel %q has the online acceptance clock", ch)
		}
	}
	// acknowledging stops it together with the first response
	f := Facts{ReceivedAt: received, Grade: "C", Channel: "web", Events: []Stamp{{Action: "register", At: received}, {Action: "acknowledge", At: received.Add(2 * time.Hour)}}}
	clocks := e.Clocks(f, received.Add(3*time.Hour))
	for _, id := range []string{"online_accept", "first_response"} {
		if c := clockByID(t, clocks, id); c.State != Met || !c.Stopped.Equal(received.Add(2*time.Hour)) {
			t.Errorf("%s after acknowledge: %v stopped %v", id, c.State, c.Stopped)
		}
	}
}

func TestStatesAndMargins(t *testing.T) {
	e := engine(t)
	received := at(2026, 10, 12, 9, 0)
	facts := func(ev ...Stamp) Facts {
		return Facts{ReceivedAt: received, Grade: "C", Channel: "phone", Nature: "complaint", Events: append([]Stamp{{Action: "register", At: received}}, ev...)}
	}
	h := func(n float64) time.Time { return received.Add(time.Duration(n * float64(time.Hour))) }

	// running, with time left
	c := clockByID(t, e.Clocks(facts(), h(20)), "first_response")
	if c.State != Running || c.StateAt(h(20)) != Running || c.Margin(h(20)) != 4*time.Hour || !c.Stopped.IsZero() {
		t.Errorf("at +20h: %v %v margin %v", c.State, c.StateAt(h(20)), c.Margin(h(20)))
	}
	// still running past due: breached, by how much
	c = clockByID(t, e.Clocks(facts(), h(25)), "first_response")
	if c.State != Breached || c.StateAt(h(25)) != Breached || c.Margin(h(25)) != -time.Hour {
		t.Errorf("at +25h without a response: %v %v margin %v; want breached by 1h", c.State, c.StateAt(h(25)), c.Margin(h(25)))
	}
	// the same clock computed earlier turns breached as time passes
	if c := clockByID(t, e.Clocks(facts(), h(1)), "first_response"); c.StateAt(h(24)) != Breached || c.StateAt(h(23.9)) != Running {
		t.Errorf("StateAt: %v at 24h, %v at 23.9h", c.StateAt(h(24)), c.StateAt(h(23.9)))
	}
	// met: stopped in time, margin frozen at the stop
	c = clockByID(t, e.Clocks(facts(Stamp{Action: "acknowledge", At: h(3)}), h(100)), "first_response")
	if c.State != Met || c.StateAt(h(100)) != Met || c.Margin(h(100)) != 21*time.Hour || !c.Stopped.Equal(h(3)) {
		t.Errorf("acknowledged at +3h: %v margin %v stopped %v; want met with 21h", c.State, c.Margin(h(100)), c.Stopped)
	}
	// breached: stopped too late
	c = clockByID(t, e.Clocks(facts(Stamp{Action: "acknowledge", At: h(30)}), h(31)), "first_response")
	if c.State != Breached || c.Margin(h(1000)) != -6*time.Hour {
		t.Errorf("acknowledged at +30h: %v margin %v; want breached by 6h", c.State, c.Margin(h(1000)))
	}
	// only the first stop counts
	c = clockByID(t, e.Clocks(facts(Stamp{Action: "acknowledge", At: h(3)}, Stamp{Action: "acknowledge", At: h(40)}), h(41)), "first_response")
	if c.State != Met || !c.Stopped.Equal(h(3)) {
		t.Errorf("two acknowledgements: %v stopped %v", c.State, c.Stopped)
	}
	// events given out of order are put in order
	c = clockByID(t, e.Clocks(Facts{ReceivedAt: received, Grade: "C", Events: []Stamp{{Action: "acknowledge", At: h(3)}, {Action: "register", At: received}}}, h(4)), "first_response")
	if c.State != Met {
		t.Errorf("out-of-order events: %v", c.State)
	}
	for s, want := range map[State]string{NotStarted: "not-started", Running: "running", Met: "met", Breached: "breached"} {
		if s.String() != want {
			t.Errorf("State(%d).String() = %q; want %q", s, s.String(), want)
		}
	}
}

func TestRevisitClock(t *testing.T) {
	e := engine(t)
	received := at(2026, 10, 12, 9, 0) // Monday
	base := []Stamp{{Action: "register", At: received}, {Action: "acknowledge", At: at(2026, 10, 12, 10, 0)}, {Action: "resolve", At: at(2026, 10, 13, 9, 0)}}
	facts := func(ev ...Stamp) Facts {
		return Facts{ReceivedAt: received, Grade: "C", Channel: "phone", Nature: "complaint", Events: append(append([]Stamp{}, base...), ev...)}
	}

	// before closure it has not started
	c := clockByID(t, e.Clocks(facts(), at(2026, 10, 13, 10, 0)), "revisit")
	if c.State != NotStarted || !c.Start.IsZero() || !c.Due.IsZero() {
		t.Errorf("before closure: %+v", c)
	}

	// closed Tue 10-13 15:00: 7 days, the last day Tue 10-20
	close1 := at(2026, 10, 13, 15, 0)
	clocks := e.Clocks(facts(Stamp{Action: "close", At: close1}), close1.Add(time.Hour))
	c = clockByID(t, clocks, "revisit")
	if c.State != Running || !c.Start.Equal(close1) || !c.Due.Equal(endOf(2026, 10, 20)) {
		t.Errorf("after close: %v start %v due %s; want running from the close, due 2026-10-20 24:00", c.State, c.Start, FormatDue(c, shanghai))
	}
	if cl := clockByID(t, clocks, "closure"); cl.State != Met || !cl.Stopped.Equal(close1) {
		t.Errorf("closure after close: %v stopped %v", cl.State, cl.Stopped)
	}

	// reopened: the revisit clock stops, the closure clock restarts at the reopening
	reopen := at(2026, 10, 15, 11, 0) // Thursday
	clocks = e.Clocks(facts(Stamp{Action: "close", At: close1}, Stamp{Action: "reopen", At: reopen}), reopen.Add(time.Hour))
	c = clockByID(t, clocks, "revisit")
	if c.State == Running || !c.Stopped.Equal(reopen) {
		t.Errorf("after reopen: revisit %v stopped %v; want stopped at the reopening", c.State, c.Stopped)
	}
	cl := clockByID(t, clocks, "closure")
	if cl.State != Running || !cl.Start.Equal(reopen) || !cl.Due.Equal(endOf(2026, 10, 19)) {
		// Thu + 2 = Sat 10-17, shifted to Mon 10-19
		t.Errorf("closure after reopen: %v start %v due %s; want running from the reopening, due 2026-10-19 24:00", cl.State, cl.Start, FormatDue(cl, shanghai))
	}

	// closed again: the revisit clock restarts from the second closure
	close2 := at(2026, 10, 16, 9, 0) // Friday
	clocks = e.Clocks(facts(Stamp{Action: "close", At: close1}, Stamp{Action: "reopen", At: reopen}, Stamp{Action: "close", At: close2}), close2.Add(time.Hour))
	c = clockByID(t, clocks, "revisit")
	if c.State != Running || !c.Start.Equal(close2) || !c.Due.Equal(endOf(2026, 10, 23)) || !c.Stopped.IsZero() {
		t.Errorf("after the second close: %v start %v due %s stopped %v; want running from %v, due 2026-10-23 24:00", c.State, c.Start, FormatDue(c, shanghai), c.Stopped, close2)
	}
	if cl := clockByID(t, clocks, "closure"); cl.State != Met || !cl.Stopped.Equal(close2) {
		t.Errorf("closure after the second close: %v stopped %v", cl.State, cl.Stopped)
	}

	// revisited: stopped, met
	rv := at(2026, 10, 20, 9, 0)
	clocks = e.Clocks(facts(Stamp{Action: "close", At: close1}, Stamp{Action: "reopen", At: reopen}, Stamp{Action: "close", At: close2}, Stamp{Action: "revisit", At: rv}), rv.Add(time.Hour))
	if c := clockByID(t, clocks, "revisit"); c.State != Met || !c.Stopped.Equal(rv) {
		t.Errorf("after revisit: %v stopped %v", c.State, c.Stopped)
	}
	if n := Next(clocks); n != nil {
		t.Errorf("a revisited case has no running clock, Next = %s", n.ID)
	}
}

func TestReopenWithoutCloseKeepsTheDeadline(t *testing.T) {
	// A case resolved but not closed, then reopened: its closure clock never
	// stopped, so reopening must not grant a fresh allowance.
	e := engine(t)
	received := at(2026, 10, 12, 9, 0)
	f := Facts{ReceivedAt: received, Grade: "C", Events: []Stamp{
		{Action: "register", At: received}, {Action: "acknowledge", At: received.Add(time.Hour)},
		{Action: "resolve", At: at(2026, 10, 13, 9, 0)}, {Action: "reopen", At: at(2026, 10, 14, 9, 0)},
	}}
	c := clockByID(t, e.Clocks(f, at(2026, 10, 14, 10, 0)), "closure")
	if !c.Start.Equal(received) || !c.Due.Equal(endOf(2026, 10, 14)) {
		t.Errorf("closure after resolve+reopen: start %v due %s; want the original 2026-10-14 24:00", c.Start, FormatDue(c, shanghai))
	}
}

func TestGradeChangeRecomputesFromReceipt(t *testing.T) {
	e := engine(t)
	received := at(2026, 9, 25, 10, 0)
	regraded := at(2026, 9, 29, 15, 0)
	events := []Stamp{{Action: "register", At: received}, {Action: "acknowledge", At: received.Add(time.Hour)}, {Action: "grade", At: regraded}}
	asB := e.Clocks(Facts{ReceivedAt: received, Grade: "B", Events: events}, regraded)
	asA := e.Clocks(Facts{ReceivedAt: received, Grade: "A", Events: events}, regraded)
	b := clockByID(t, asB, "closure")
	a := clockByID(t, asA, "closure_a")
	if !a.Start.Equal(received) || !a.Due.Equal(endOf(2026, 10, 29)) {
		t.Errorf("after B→A: closure_a start %v due %s; want from the receipt, 2026-10-29 24:00", a.Start, FormatDue(a, shanghai))
	}
	if !b.Due.Before(a.Due) {
		t.Errorf("grade B due %v should be earlier than grade A due %v", b.Due, a.Due)
	}
	if hasClock(asA, "closure") {
		t.Error("grade A case still has the 2-day clock")
	}
	// a case that was overdue as B is running again as A
	now := at(2026, 10, 9, 12, 0)
	if b := clockByID(t, e.Clocks(Facts{ReceivedAt: received, Grade: "B", Events: events}, now), "closure"); b.State != Breached {
		t.Errorf("as B on 10-09: %v; want breached", b.State)
	}
	if a := clockByID(t, e.Clocks(Facts{ReceivedAt: received, Grade: "A", Events: events}, now), "closure_a"); a.State != Running {
		t.Errorf("as A on 10-09: %v; want running", a.State)
	}
}

func TestYearWithoutCalendarWarns(t *testing.T) {
	e := engine(t)
	// 2026 known, 2027 and 2028 not: still so when their schedules are embedded.
	e.Calendar = calendartest.Years(t, 2026)
	received := at(2027, 12, 20, 10, 0)
	clocks := e.Clocks(Facts{ReceivedAt: received, Grade: "A", Channel: "web"}, received)
	for _, id := range []string{"closure_a", "online_accept"} {
		c := clockByID(t, clocks, id)
		if c.Due.IsZero() || !c.Due.After(received) {
			t.Errorf("%s: due %v; want a due time after the receipt", id, c.Due)
		}
		if c.Warning == "" || !strings.Contains(c.Warning, "2027") {
			t.Errorf("%s: warning %q; want one naming 2027", id, c.Warning)
		}
		// estimated with weekends only: the last day is Monday to Friday
		last := c.Due.In(shanghai).AddDate(0, 0, -1)
		if wd := last.Weekday(); wd == time.Saturday || wd == time.Sunday {
			t.Errorf("%s: estimated last day %s is a %s", id, last.Format("2006-01-02"), wd)
		}
	}
	// 20 weekdays after Mon 2027-12-20 is Mon 2028-01-17: both years are named
	a := clockByID(t, clocks, "closure_a")
	if !a.Due.Equal(endOf(2028, 1, 17)) || !strings.Contains(a.Warning, "2028") {
		t.Errorf("closure_a: due %s warning %q", FormatDue(a, shanghai), a.Warning)
	}
	// an hours clock needs no calendar
	if c := clockByID(t, clocks, "first_response"); c.Warning != "" {
		t.Errorf("first_response: warning %q", c.Warning)
	}
	// a B clock in such a year warns too (the holiday shift needs the calendar)
	b := clockByID(t, e.Clocks(Facts{ReceivedAt: received, Grade: "B"}, received), "closure")
	if b.Warning == "" {
		t.Error("grade B in 2027: no warning")
	}
	// crossing from a known year into an unknown one warns as well
	c := clockByID(t, e.Clocks(Facts{ReceivedAt: at(2026, 12, 20, 10, 0), Grade: "A"}, received), "closure_a")
	if !strings.Contains(c.Warning, "2027") || strings.Contains(c.Warning, "2026") {
		t.Errorf("2026-12-20 grade A: warning %q; want one naming 2027 only", c.Warning)
	}
	// inside a known year there is none
	if c := clockByID(t, e.Clocks(Facts{ReceivedAt: at(2026, 11, 2, 10, 0), Grade: "A"}, received), "closure_a"); c.Warning != "" {
		t.Errorf("2026-11-02 grade A: warning %q", c.Warning)
	}
	// no calendar at all: a warning, never a silent guess
	e.Calendar = nil
	if c := clockByID(t, e.Clocks(Facts{ReceivedAt: at(2026, 9, 25, 10, 0), Grade: "A"}, received), "closure_a"); c.Warning == "" {
		t.Error("nil calendar: no warning")
	}
}

func TestNextIsTheNearestRunningClock(t *testing.T) {
	e := engine(t)
	received := at(2026, 10, 12, 9, 0)
	f := Facts{ReceivedAt: received, Grade: "C", Channel: "web", Events: []Stamp{{Action: "register", At: received}}}

	clocks := e.Clocks(f, received)
	n := Next(clocks)
	if n == nil || n.ID != "first_response" {
		t.Fatalf("Next = %v; want first_response (due in 24h)", n)
	}
	for _, c := range clocks {
		if c.State == Running && c.Due.Before(n.Due) {
			t.Errorf("clock %s is due before Next's", c.ID)
		}
	}
	// after the acknowledgement the closure clock is next
	f.Events = append(f.Events, Stamp{Action: "acknowledge", At: received.Add(time.Hour)})
	if n := Next(e.Clocks(f, received.Add(2*time.Hour))); n == nil || n.ID != "closure" {
		t.Errorf("after acknowledge Next = %v; want closure", n)
	}
	// an overdue clock that still runs stays the next one (the queue shows it overdue)
	late := at(2026, 10, 20, 9, 0)
	if n := Next(e.Clocks(f, late)); n == nil || n.ID != "closure" || n.StateAt(late) != Breached {
		t.Errorf("overdue: Next = %+v; want the breached closure clock", n)
	}
	if Next(nil) != nil {
		t.Error("Next(nil) != nil")
	}
}

func TestFormatDue(t *testing.T) {
	day := Clock{Unit: "days", Due: endOf(2026, 10, 29)}
	work := Clock{Unit: "workdays", Due: endOf(2026, 10, 29)}
	hours := Clock{Unit: "hours", Due: at(2026, 9, 26, 10, 0)}
	midnight := Clock{Unit: "hours", Due: at(2026, 9, 27, 0, 0)}
	for _, tc := range []struct {
		c    Clock
		loc  *time.Location
		want string
	}{
		{day, shanghai, "2026-10-29 24:00"},
		{work, shanghai, "2026-10-29 24:00"},
		{hours, shanghai, "2026-09-26 10:00"},
		{midnight, shanghai, "2026-09-27 00:00"}, // an hours clock is shown at its minute
		{work, time.UTC, "2026-10-29 16:00"},     // shown in the zone asked for
	} {
		if got := FormatDue(tc.c, tc.loc); got != tc.want {
			t.Errorf("FormatDue(%s %v in %v) = %q; want %q", tc.c.Unit, tc.c.Due, tc.loc, got, tc.want)
		}
	}
}
