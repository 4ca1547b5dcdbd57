package deadline

import (
	"testing"
	"time"

	"complaintdesk/internal/calendar"
	"complaintdesk/internal/policy"
)

// The warning threshold of a working-day clock is 75 % of its working time
// (working hours of working days): over National Day the calendar days do
// not count.
func TestWarnTimeCountsWorkingTime(t *testing.T) {
	e := engine(t)
	received := at(2026, 9, 25, 10, 0)
	c := clockByID(t, e.Clocks(Facts{ReceivedAt: received, Grade: "A", Channel: "phone", Nature: "complaint"}, received), "closure_a")
	w := e.WarnTime(c)
	total, done := e.workingTime(c.Start, c.Due), e.workingTime(c.Start, w)
	if d := done - total*3/4; d < -time.Minute || d > time.Minute {
		t.Errorf("warns at %v: %v of %v working time; want 75 %%", w, done, total)
	}
	if !e.InWorkingTime(w.Add(-time.Second)) {
		t.Errorf("warns at %v, outside working time", w)
	}
	plain := c.Start.Add(c.Due.Sub(c.Start) * 3 / 4)
	if !w.After(plain) {
		t.Errorf("working-time threshold %v is not after the calendar one %v: the holiday was counted", w, plain)
	}
	// an hour clock: 75 % of the hours
	f := clockByID(t, e.Clocks(Facts{ReceivedAt: received, Grade: "A"}, received), "first_response")
	if got := e.WarnTime(f); !got.Equal(received.Add(18 * time.Hour)) {
		t.Errorf("first response warns at %v; want 18h after receipt", got)
	}
	if e.InWorkingTime(at(2026, 10, 3, 10, 0)) || e.InWorkingTime(at(2026, 9, 29, 20, 0)) || !e.InWorkingTime(at(2026, 9, 29, 10, 0)) {
		t.Error("InWorkingTime: a holiday, an evening and a working morning")
	}
}

// A clock may start on an action (gsp: the decision within 3 working days
// of the investigation result).
func TestClockStartedByAnAction(t *testing.T) {
	e := Engine{Policy: policy.GSP(), Calendar: calendar.Embedded()}
	received := at(2026, 11, 23, 9, 0)
	facts := Facts{ReceivedAt: received, Grade: "C", Channel: "phone", Nature: "quality_clinical"}
	if c := clockByID(t, e.Clocks(facts, received), "decision"); c.State != NotStarted {
		t.Fatalf("decision before the report: %v", c.State)
	}
	accepted := at(2026, 11, 25, 15, 0)
	facts.Events = []Stamp{{Action: "accept_report", At: accepted}}
	c := clockByID(t, e.Clocks(facts, accepted), "decision")
	if c.State != Running || !c.Start.Equal(accepted) || !c.Due.Equal(endOf(2026, 11, 30)) {
		t.Errorf("decision: %v from %v due %v; want running from the acceptance, due the end of 11-30", c.State, c.Start, c.Due)
	}
	facts.Events = append(facts.Events, Stamp{Action: "decide", At: at(2026, 11, 26, 10, 0)})
	if c := clockByID(t, e.Clocks(facts, at(2026, 11, 27, 9, 0)), "decision"); c.State != Met {
		t.Errorf("decided: %v", c.State)
	}
}
