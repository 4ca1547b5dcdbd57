// Package components holds the small pieces pages are built of: the
// countdown, cell formatting by display width, tabs. Formatters are pure
// functions so they can be tested row by row.
package components

import (
	"fmt"
	"time"

	"complaintdesk/ui/text"
)

// Level is how urgent a countdown looks.
type Level int

const (
	LevelNone   Level = iota // no running clock
	LevelOK                  // green: a quarter or more of the allowance left
	LevelWarn                // amber: under 25 % left
	LevelBreach              // red: past due
)

// Countdown formats the time left until due as "23h 12m", "1d 4h", "42m 05s",
// or, past due, "超时 3h" / "overdue 3h"; the level colours it by how much
// of the allowance (due - start) is left.
func Countdown(due, start, now time.Time, lang string) (string, Level) {
	if due.IsZero() {
		return "-", LevelNone
	}
	left := due.Sub(now)
	if left <= 0 {
		return text.Common.Overdue.F(lang, overdueSpan(-left)), LevelBreach
	}
	level := LevelOK
	if total := due.Sub(start); total > 0 && left*4 < total {
		level = LevelWarn
	}
	return Span(left), level
}

// LevelUntil is when the level Countdown gives at now may next change: at
// the warning threshold or at due, whichever is ahead (zero: never, once
// past due).
func LevelUntil(due, start, now time.Time) time.Time {
	if due.IsZero() || !now.Before(due) {
		return time.Time{}
	}
	if total := due.Sub(start); total > 0 {
		warn := due.Add(-total / 4) // where left*4 < total begins, or a nanosecond before
		switch {
		case now.Before(warn):
			return warn
		case now.Equal(warn):
			return warn.Add(time.Nanosecond)
		}
	}
	return due
}

// Span formats a duration compactly: "1d 4h", "23h 12m", "42m 05s", "9s"
// (in these short units in both languages: a countdown's column is narrow).
func Span(d time.Duration) string { return text.Span("en", d) }

// overdueSpan is coarser than Span: past due, the hour is what matters ("3h", "1d 4h", "25m").
func overdueSpan(d time.Duration) string {
	if d >= time.Hour && d < 24*time.Hour {
		return fmt.Sprintf("%dh", d/time.Hour)
	}
	if d < time.Minute {
		return fmt.Sprintf("%ds", d/time.Second)
	}
	if d < time.Hour {
		return fmt.Sprintf("%dm", d/time.Minute)
	}
	return Span(d)
}
