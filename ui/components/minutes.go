package components

import (
	"time"

	"complaintdesk/ui/text"
)

// CountdownMinutes is Countdown to the minute: "23h 12m", "1d 4h", "42m",
// "<1m", past due "超时 3h" / "overdue 25m". A screen whose clock moves once
// a minute uses it (the SSH sessions: see common.Common.ClockStep), so a
// countdown never shows seconds that stand still.
func CountdownMinutes(due, start, now time.Time, lang string) (string, Level) {
	s, level := Countdown(due, start, now, lang)
	if level == LevelNone {
		return s, level
	}
	left := due.Sub(now)
	if left <= 0 {
		return text.Common.Overdue.F(lang, overdueMinutes(-left)), level
	}
	return SpanMinutes(left), level
}

// SpanMinutes is Span to the minute: "1d 4h", "23h 12m", "42m", "<1m".
func SpanMinutes(d time.Duration) string { return text.SpanMinutes("en", d) }

func overdueMinutes(d time.Duration) string {
	if d < time.Minute {
		return text.Duration.UnderMinute.In("en")
	}
	return overdueSpan(d)
}
