package text

import "time"

// Duration writes how long something is: the screens' countdowns in short
// units in both languages ("1d 4h", "23h 05m": they fit a narrow column,
// the screens call Span with "en"), the command line in the reader's
// language ("1天4小时", "23小时5分").
var Duration = struct {
	// DayHour: days, hours. HourMinute: hours, minutes. MinuteSecond:
	// minutes, seconds. Minute, Second: one number.
	DayHour, HourMinute, MinuteSecond, Minute, Second T
	// UnderMinute: less than a minute, to the minute.
	UnderMinute T
}{
	DayHour:      T{"%d天%d小时", "%dd %dh"},
	HourMinute:   T{"%d小时%d分", "%dh %02dm"},
	MinuteSecond: T{"%d分%d秒", "%dm %02ds"},
	Minute:       T{"%d分", "%dm"},
	Second:       T{"%d秒", "%ds"},
	UnderMinute:  T{"不到1分", "<1m"},
}

// Span is d (its size: a duration past is written like one to come) in its
// two largest units, to the second: "1d 4h", "23h 05m", "42m 05s", "9s";
// in Chinese "1天4小时", "23小时5分", "42分5秒", "9秒".
func Span(lang string, d time.Duration) string {
	if d < 0 {
		d = -d
	}
	d = d.Truncate(time.Second)
	days := int64(d / (24 * time.Hour))
	hours := int64(d % (24 * time.Hour) / time.Hour)
	mins := int64(d % time.Hour / time.Minute)
	secs := int64(d % time.Minute / time.Second)
	switch {
	case days > 0:
		return Duration.DayHour.F(lang, days, hours)
	case hours > 0:
		return Duration.HourMinute.F(lang, hours, mins)
	case mins > 0:
		return Duration.MinuteSecond.F(lang, mins, secs)
	}
	return Duration.Second.F(lang, secs)
}

// SpanMinutes is Span to the minute: "1d 4h", "23h 12m", "42m", "<1m".
func SpanMinutes(lang string, d time.Duration) string {
	if d < 0 {
		d = -d
	}
	switch {
	case d < time.Minute:
		return Duration.UnderMinute.In(lang)
	case d < time.Hour:
		return Duration.Minute.F(lang, int64(d/time.Minute))
	}
	return Span(lang, d)
}
