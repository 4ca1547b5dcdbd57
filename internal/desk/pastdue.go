package desk

import (
	"time"

	"complaintdesk/internal/deadline"
	"complaintdesk/internal/policy"
)

// OverdueOnRegister says, before a complaint is registered, which of its
// clocks would already have run out: a call received long ago (entered
// from a letter, or late) starts overdue. It gives the clock that ran out
// first, its due time, and false when none would have.
func (d *Desk) OverdueOnRegister(channel, nature, grade string, received time.Time) (policy.Label, time.Time, bool) {
	now := d.Now()
	if received.IsZero() || !received.Before(now) {
		return policy.Label{}, time.Time{}, false
	}
	f := deadline.Facts{ReceivedAt: received, Grade: grade, Channel: channel, Nature: nature,
		Events: []deadline.Stamp{{Action: "register", At: received}}}
	var first *deadline.Clock
	clocks := d.Engine().Clocks(f, now)
	for i := range clocks {
		c := &clocks[i]
		if !c.Stopped.IsZero() || c.Due.IsZero() || !c.Due.Before(now) {
			continue
		}
		if first == nil || c.Due.Before(first.Due) {
			first = c
		}
	}
	if first == nil {
		return policy.Label{}, time.Time{}, false
	}
	return first.Label, first.Due, true
}
