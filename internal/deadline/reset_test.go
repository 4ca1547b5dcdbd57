package deadline

import (
	"testing"

	"complaintdesk/internal/calendar"
	"complaintdesk/internal/policy"
)

// reset_on starts a clock afresh whether it runs or has stopped: the
// after-sales desk's department verifies within 3 working days of the case
// reaching it, and a reclassified case reaches another department.
func TestResetOnStartsTheClockAfresh(t *testing.T) {
	p, err := policy.Preset("aftersales")
	if err != nil {
		t.Fatal(err)
	}
	e := Engine{Policy: p, Calendar: calendar.Embedded()}
	received := at(2026, 10, 12, 10, 0) // Monday
	facts := func(ev ...Stamp) Facts {
		return Facts{ReceivedAt: received, Grade: "C", Channel: "phone", Nature: "complaint",
			Events: append([]Stamp{{Action: "register", At: received}}, ev...)}
	}
	// Not reclassified: Tue, Wed, Thu → due Thursday 24:00.
	c := clockByID(t, e.Clocks(facts(), received), "verification")
	if !c.Due.Equal(endOf(2026, 10, 15)) {
		t.Errorf("verification due %v; want the 15th 24:00", c.Due)
	}
	// Reclassified, still running, on Wednesday: Thu, Fri, Mon → due Monday 24:00.
	moved := at(2026, 10, 14, 10, 0)
	c = clockByID(t, e.Clocks(facts(Stamp{Action: "reclassify", At: moved}), moved), "verification")
	if c.State != Running || !c.Start.Equal(moved) || !c.Due.Equal(endOf(2026, 10, 19)) {
		t.Errorf("reset while running: %v from %v due %v; want running from the 14th, due the 19th 24:00", c.State, c.Start, c.Due)
	}
	// Verified on Tuesday, then reclassified: the new department verifies again.
	c = clockByID(t, e.Clocks(facts(Stamp{Action: "verify", At: at(2026, 10, 13, 9, 0)}, Stamp{Action: "reclassify", At: moved}), moved), "verification")
	if c.State != Running || !c.Due.Equal(endOf(2026, 10, 19)) {
		t.Errorf("reset after it stopped: %v due %v", c.State, c.Due)
	}
	// Reclassified within its department's class: no department received
	// it anew, so the clock keeps its start.
	c = clockByID(t, e.Clocks(facts(Stamp{Action: "reclassify", At: moved, Stayed: true}), moved), "verification")
	if !c.Start.Equal(received) {
		t.Errorf("a reclassification that stayed in the department reset the clock: start %v", c.Start)
	}
	// restart_on keeps its meaning: a running resolution clock does not
	// restart on reopen.
	r := clockByID(t, e.Clocks(facts(Stamp{Action: "reopen", At: moved}), moved), "resolution")
	if !r.Start.Equal(received) {
		t.Errorf("restart_on restarted a running clock: start %v", r.Start)
	}
}
