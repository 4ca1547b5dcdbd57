package report

import (
	"errors"
	"time"

	"complaintdesk/internal/calendar"
)

// WorkingTime is the part of [from, to) that falls on working days of the
// official calendar, each working day counting all its 24 hours and rest
// days (weekends that are not make-up working days, public holidays)
// nothing. Part days count by the hours of the span in them. estimated is
// true when a year without calendar data was counted Monday to Friday.
func WorkingTime(cal *calendar.Calendar, loc *time.Location, from, to time.Time) (d time.Duration, estimated bool) {
	if !to.After(from) {
		return 0, false
	}
	f := from.In(loc)
	day := time.Date(f.Year(), f.Month(), f.Day(), 0, 0, 0, 0, loc)
	for day.Before(to) {
		next := day.AddDate(0, 0, 1)
		working, est := isWorkday(cal, day)
		estimated = estimated || est
		if working {
			a, b := day, next
			if from.After(a) {
				a = from
			}
			if to.Before(b) {
				b = to
			}
			d += b.Sub(a)
		}
		day = next
	}
	return d, estimated
}

func isWorkday(cal *calendar.Calendar, day time.Time) (working, estimated bool) {
	if cal != nil {
		ok, err := cal.IsWorkday(day)
		if err == nil {
			return ok, false
		}
		if !errors.Is(err, calendar.ErrNoData) {
			return ok, true
		}
	}
	wd := day.Weekday()
	return wd != time.Saturday && wd != time.Sunday, true
}
