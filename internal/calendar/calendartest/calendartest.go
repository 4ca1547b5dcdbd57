// Package calendartest builds working-day calendars for tests of what the
// desk does in a year without data (a due time estimated on weekdays and a
// warning, never a silent guess). Such a test must not depend on which
// years happen to be embedded: once the State Council publishes next year's
// schedule and data/NEXT.toml is added, a test written against the embedded
// calendar would stop testing the missing year (or skip itself).
package calendartest

import (
	"testing"

	"complaintdesk/internal/calendar"
)

// Years returns a calendar holding only the given embedded years; every
// other year has no data, for ever.
func Years(t testing.TB, years ...int) *calendar.Calendar {
	t.Helper()
	embedded := calendar.Embedded()
	c := calendar.New()
	for _, y := range years {
		data, err := embedded.YearData(y)
		if err != nil {
			t.Fatalf("calendartest: %v", err)
		}
		c.Add(data)
	}
	return c
}

// Unloaded is a year the embedded calendar has no data for: the one after
// the last embedded year. For tests that cannot hand the code a calendar
// (a desk opened on a database makes its own from the embedded years).
func Unloaded() int {
	years := calendar.Embedded().Years()
	if len(years) == 0 {
		return 2000
	}
	return years[len(years)-1] + 1
}
