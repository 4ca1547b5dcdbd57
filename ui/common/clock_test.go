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
