package desk

import (
	"fmt"
	"time"

	"complaintdesk/store"
)

// The official working-day calendar is data (internal/calendar): a year
// the State Council has not published, or nobody has loaded, is estimated
// Monday to Friday. The desk says so early — from 1 November for the next
// year — and marks every deadline it had to estimate (≈).

// gapFrom is the month from which next year's schedule is asked for.
const gapFrom = time.November

// CalendarGap is the first year, this year or (from 1 November) the next,
// whose official schedule is not loaded; 0 when none is missing.
func (d *Desk) CalendarGap(now time.Time) int {
	n := now.In(d.Location())
	if !d.cal.Has(n.Year()) {
		return n.Year()
	}
	if n.Month() >= gapFrom && !d.cal.Has(n.Year()+1) {
		return n.Year() + 1
	}
	return 0
}

// CalendarGapText says, in the language, which year's schedule is missing
// and how to load it ("" when none is).
func (d *Desk) CalendarGapText(now time.Time, lang string) string {
	y := d.CalendarGap(now)
	if y == 0 {
		return ""
	}
	if lang == "zh" {
		return fmt.Sprintf("%d 年的官方节假日安排尚未载入，工作日时限按周一至周五估算（≈）：发布后请用 desk calendar load %d.toml 载入（格式见 docs/calendar.md）", y, y)
	}
	return fmt.Sprintf("the official holiday schedule of %d is not loaded: working-day deadlines are estimated Monday to Friday (≈); once published, load it with desk calendar load %d.toml (format in docs/calendar.md)", y, y)
}

// Estimated reports whether a case's nearest deadline is an estimate: its
// clock counts working days (or shifts off holidays) across a year the
// calendar does not hold.
func (d *Desk) Estimated(c *store.Case) bool {
	if c.NextDue.IsZero() {
		return false
	}
	pc := d.Policy().Clock(c.NextClock)
	if pc == nil || pc.Unit == "hours" || (pc.Unit == "days" && !d.Policy().HolidayShift) {
		return false
	}
	from := c.NextDueStart
	if from.IsZero() {
		from = c.NextDue
	}
	for y := from.In(d.Location()).Year(); y <= c.NextDue.In(d.Location()).Year(); y++ {
		if !d.cal.Has(y) {
			return true
		}
	}
	return false
}
