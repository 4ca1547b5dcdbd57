package common

import (
	"time"

	"complaintdesk/ui/components"
)

// The clock on screen. A local terminal shows seconds. Over SSH the times
// on screen move once a minute, all at the turn of the minute (ClockStep),
// though the clock still ticks every second: a moving second would change
// every row's countdown, and so resend most of the screen every second to
// every session (docs/benchmarks.md, "SSH server"; the server sends the
// lines that changed, sshserver/screen.go). A frame that looks the same as
// the last one sends nothing.

// MinuteClock reports whether times on screen move once a minute.
func (c *Common) MinuteClock() bool { return c.ClockStep >= time.Minute }

// ShownNow is the time the screen draws against: c.Now, or the start of its
// minute on a minute clock.
func (c *Common) ShownNow() time.Time {
	if c.MinuteClock() {
		return c.Now.Truncate(time.Minute)
	}
	return c.Now
}

// Countdown is the time left until due, to the clock's step; its level
// (colour) is from the exact time.
func (c *Common) Countdown(due, start time.Time) (string, components.Level) {
	if !c.MinuteClock() {
		return components.Countdown(due, start, c.Now, c.Lang)
	}
	_, level := components.Countdown(due, start, c.Now, c.Lang)
	text, _ := components.CountdownMinutes(due, start, c.ShownNow(), c.Lang)
	if level == components.LevelBreach {
		if left := due.Sub(c.ShownNow()); left > 0 {
			// Breached within the current minute: say so now.
			text, _ = components.CountdownMinutes(due, start, due.Add(time.Second), c.Lang)
		}
	}
	return text, level
}

// CountdownUntil is Countdown and until when it holds: on a minute clock
// until the turn of the minute or its level's next change (a page drawn
// every second for every session reuses it), else for this tick only.
func (c *Common) CountdownUntil(due, start time.Time) (string, components.Level, time.Time) {
	text, level := c.Countdown(due, start)
	if !c.MinuteClock() {
		return text, level, c.Now.Add(time.Nanosecond)
	}
	until := c.ShownNow().Add(time.Minute)
	if l := components.LevelUntil(due, start, c.Now); !l.IsZero() && l.Before(until) {
		until = l
	}
	return text, level, until
}

// Span is a duration to the clock's step.
func (c *Common) Span(d time.Duration) string {
	if c.MinuteClock() {
		return components.SpanMinutes(d)
	}
	return components.Span(d)
}

// ClockLayout is how the header shows the time: with seconds when they move.
func (c *Common) ClockLayout() string {
	if c.MinuteClock() {
		return "2006-01-02 15:04"
	}
	return "2006-01-02 15:04:05"
}
