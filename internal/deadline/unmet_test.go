package deadline

import (
	"testing"
	"time"
)

// A clock the closure stopped before its due time without its own stop
// step (no first response was ever given) is unmet, not met; with its own
// stop it is met; past its due time it is breached (finding 13). A
// rejection, which still owes the written answer, leaves it met.
func TestClockEndedByTheClosureIsUnmet(t *testing.T) {
	e := engine(t)
	received := at(2026, 11, 23, 9, 0)
	now := at(2026, 12, 10, 9, 0)
	facts := func(evs ...Stamp) Facts {
		return Facts{ReceivedAt: received, Grade: "C", Channel: "phone", Nature: "complaint", Events: evs}
	}
	for _, tc := range []struct {
		name string
		evs  []Stamp
		want State
	}{
		{"closed without a response", []Stamp{{Action: "close", At: received.Add(3 * time.Hour)}}, Unmet},
		{"acknowledged, then closed", []Stamp{{Action: "acknowledge", At: received.Add(time.Hour)}, {Action: "close", At: received.Add(3 * time.Hour)}}, Met},
		{"closed after the due time", []Stamp{{Action: "close", At: received.Add(30 * time.Hour)}}, Breached},
		{"rejected without a response", []Stamp{{Action: "reject", At: received.Add(3 * time.Hour)}}, Met},
	} {
		k := clockByID(t, e.Clocks(facts(tc.evs...), now), "first_response")
		if k.StateAt(now) != tc.want || k.State.String() != tc.want.String() {
			t.Errorf("%s: first response %v; want %v", tc.name, k.StateAt(now), tc.want)
		}
	}
	if Unmet.String() != "unmet" {
		t.Errorf("Unmet is written %q", Unmet.String())
	}
}
