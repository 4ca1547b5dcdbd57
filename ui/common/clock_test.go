package common

import (
	"testing"
	"time"

	"complaintdesk/ui/components"
)

// On a minute clock every countdown on screen moves at the turn of the
// minute, so the seconds in between draw the same frame.
func TestMinuteClockMovesAtTheTurnOfTheMinute(t *testing.T) {
	c := &Common{Lang: "en", ClockStep: time.Minute}
	due := time.Date(2026, 11, 22, 10, 42, 35, 0, time.UTC)
	start := due.Add(-24 * time.Hour)
	seen := map[string]bool{}
	for s := 0; s < 60; s++ {
		c.Now = time.Date(2026, 11, 22, 10, 0, s, 0, time.UTC)
		text, _ := c.Countdown(due, start)
		seen[text] = true
	}
	if len(seen) != 1 || !seen["42m"] {
		t.Errorf("within one minute the countdown showed %v; want only 42m", seen)
	}
	c.Now = time.Date(2026, 11, 22, 10, 42, 40, 0, time.UTC)
	if text, level := c.Countdown(due, start); text != "overdue <1m" || level != components.LevelBreach {
		t.Errorf("just breached: %q %v", text, level)
	}
	if c.ClockLayout() != "2006-01-02 15:04" {
		t.Errorf("the header shows seconds on a minute clock")
	}
	local := &Common{Lang: "en", Now: time.Date(2026, 11, 22, 10, 0, 5, 0, time.UTC)}
	if text, _ := local.Countdown(due, start); text != "42m 30s" {
		t.Errorf("a local clock: %q; want seconds", text)
	}
}

// A countdown holds until CountdownUntil says: at every instant before it
// the text and the colour are the same, and across the turns of the
// minute, the warning threshold and the deadline it says when.
func TestCountdownHoldsUntilItSays(t *testing.T) {
	base := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name       string
		start, due time.Time
	}{
		{"warning threshold within a minute", base, base.Add(4*time.Minute + 10*time.Second)}, // warns at 3m07.5s
		{"threshold on a nanosecond", base, base.Add(4 * time.Minute)},                        // total/4 exact
		{"due mid-minute", base.Add(-time.Hour), base.Add(2*time.Minute + 17*time.Second)},
		{"no start", time.Time{}, base.Add(90 * time.Second)},
	} {
		c := &Common{Lang: "en", ClockStep: time.Minute}
		changes := 0
		for now := base; now.Before(base.Add(6 * time.Minute)); {
			c.Now = now
			text, level, until := c.CountdownUntil(tc.due, tc.start)
			if !until.After(now) {
				t.Fatalf("%s: at %s it holds until %s", tc.name, now.Format("15:04:05.000"), until.Format("15:04:05.000"))
			}
			// Every millisecond before until, and its last nanosecond.
			check := func(at time.Time) {
				c.Now = at
				if t2, l2 := c.Countdown(tc.due, tc.start); t2 != text || l2 != level {
					t.Fatalf("%s: at %s the countdown is %q %v; it held %q %v from %s until %s", tc.name,
						at.Format("15:04:05.000000000"), t2, l2, text, level, now.Format("15:04:05.000"), until.Format("15:04:05.000000000"))
				}
			}
			for at := now; at.Before(until); at = at.Add(time.Millisecond) {
				check(at)
			}
			check(until.Add(-time.Nanosecond))
			now = until
			changes++
		}
		if changes < 6 {
			t.Errorf("%s: %d changes in 6 minutes; want at least the turns of the minute", tc.name, changes)
		}
	}
}
