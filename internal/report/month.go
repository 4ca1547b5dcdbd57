// Package report computes what supervisors and quality inspectors read
// every day and every month (seeds 001, 003, 004): the monthly statistics
// (客户投诉分类统计汇总表) with the previous month beside every figure, the
// revisit sample of a month's closed cases, and exports of cases to CSV,
// XLSX and JSON, streamed so a million cases never sit in memory.
//
// The computations are pure functions of cases, their events and clocks;
// reading goes through a store.Store handed in (Source). The desk's use
// cases (internal/desk) decide who may run a report and record filings
// and samples.
//
// # Definitions
//
// A month is [1st 00:00, next 1st 00:00) in the desk's time zone (the
// policy's, Asia/Shanghai by default).
//
// Every figure of a month is about the same set of cases: those received
// in the month (the month's intake), evaluated as of the time the report is
// made ("as of"). A case received on October 30 and closed on November 3
// counts in October, late or on time by its deadline; a report made on
// November 5 shows it, one made on October 31 shows it pending. The filed
// report is kept as it was (store.ReportFiling.Snapshot).
//
//   - First-response on-time rate: of the month's cases, those whose
//     first-response clocks (the policy's clocks that start at receipt and
//     stop on "acknowledge": first_response, and online_accept for web,
//     e-mail and social) all ended met, over those met plus those with any
//     such clock breached (stopped late, or still running past due).
//     Cases whose clocks still run within their allowance are pending and
//     are in neither.
//   - Closure on-time rate, overall and per grade (the case's current
//     grade): the same with the clocks that start at receipt and stop on
//     "close" (closure, closure_a). A reopened case counts by its latest
//     closure clock, which restarts on reopening: closed on time, reopened
//     and then closed late is late.
//   - Handling time: from receipt to the (last) closure, for the month's
//     cases closed as of the report; average and 90th percentile (nearest
//     rank: the ceil(0.9·n)-th shortest). In calendar time, and in working
//     time: the part of the span on working days of the official calendar,
//     each working day counting its 24 hours and rest days (weekends not
//     made up, public holidays) nothing, so a case received on Friday 16:00
//     and closed on Monday 10:00 took 66 hours of calendar time and 18 of
//     working time. Hours in the tables.
//   - Reopen rate: the month's cases reopened at least once, over those
//     resolved, found not justified or closed at least once.
//   - Revisit satisfaction: every revisit (1–5) of the month's cases, so a
//     dissatisfied revisit that reopened a case still counts next to the
//     later one; average and how many of each score.
//   - Repeated issues: the month's cases grouped by category and subject
//     (the product, order or report concerned; cases without a subject are
//     left out), groups of two or more, most cases first, top ten.
//   - By department and by handler (groups.go): the month's cases of each
//     department and each handler they had as of the report (the history
//     says who had a case when; a case with no such history counts for its
//     own). For each: received, closed (closed as of the report and not
//     reopened since), reopened, revisits and their average, and for each
//     clock of the policy met, breached, pending and the on-time rate. In
//     the XLSX they have their own sheet.
package report

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Month is a calendar month.
type Month struct {
	Year  int
	Month time.Month
}

// ParseMonth reads "2026-10" (also "2026/10", "202610").
func ParseMonth(s string) (Month, error) {
	s = strings.TrimSpace(s)
	var y, m int
	var err1, err2 error
	switch {
	case len(s) == 7 && (s[4] == '-' || s[4] == '/'):
		y, err1 = strconv.Atoi(s[:4])
		m, err2 = strconv.Atoi(s[5:])
	case len(s) == 6:
		y, err1 = strconv.Atoi(s[:4])
		m, err2 = strconv.Atoi(s[4:])
	default:
		return Month{}, fmt.Errorf("month %q: write it as YYYY-MM, e.g. 2026-10", s)
	}
	if err1 != nil || err2 != nil || m < 1 || m > 12 || y < 2000 || y > 9999 {
		return Month{}, fmt.Errorf("month %q: write it as YYYY-MM, e.g. 2026-10", s)
	}
	return Month{Year: y, Month: time.Month(m)}, nil
}

// MonthOf is the month t falls in, in loc.
func MonthOf(t time.Time, loc *time.Location) Month {
	t = t.In(loc)
	return Month{Year: t.Year(), Month: t.Month()}
}

// String is "2026-10".
func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year, int(m.Month)) }

// Label is "2026年10月" in Chinese, "October 2026" in English.
func (m Month) Label(lang string) string {
	if lang == "zh" {
		return fmt.Sprintf("%d年%d月", m.Year, int(m.Month))
	}
	return fmt.Sprintf("%s %d", m.Month, m.Year)
}

// Bounds is [first day 00:00, first day of the next month 00:00) in loc.
func (m Month) Bounds(loc *time.Location) (from, to time.Time) {
	from = time.Date(m.Year, m.Month, 1, 0, 0, 0, 0, loc)
	return from, from.AddDate(0, 1, 0)
}

// Prev is the month before.
func (m Month) Prev() Month {
	t := time.Date(m.Year, m.Month, 1, 12, 0, 0, 0, time.UTC).AddDate(0, -1, 0)
	return Month{Year: t.Year(), Month: t.Month()}
}

// Next is the month after.
func (m Month) Next() Month {
	t := time.Date(m.Year, m.Month, 1, 12, 0, 0, 0, time.UTC).AddDate(0, 1, 0)
	return Month{Year: t.Year(), Month: t.Month()}
}

// Due is when the month's report is due: the end (24:00) of dueDay of the
// next month (policy report.monthly_due_day; regulation 001 "每月5日前").
func (m Month) Due(dueDay int, loc *time.Location) time.Time {
	if dueDay < 1 {
		dueDay = 5
	}
	n := m.Next()
	return time.Date(n.Year, n.Month, dueDay, 0, 0, 0, 0, loc).AddDate(0, 0, 1)
}

// After reports whether m is later than o.
func (m Month) After(o Month) bool {
	return m.Year > o.Year || (m.Year == o.Year && m.Month > o.Month)
}

// MonthEnd is the end of the month (the next month's first instant) in loc.
func MonthEnd(m Month, loc *time.Location) time.Time {
	_, to := m.Bounds(loc)
	return to
}
