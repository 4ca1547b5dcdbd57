package calendar

import (
	"fmt"
	"strings"
	"time"

	"complaintdesk/internal/safetext"
)

// Marks used by Month. Each is two terminal columns wide.
const (
	markHoliday = "休"
	markMakeup  = "班"
	markWeekend = "末"
	markNone    = "  "
)

// Month renders a month as plain text for a terminal: a heading, a weekday
// row and one line per week, Monday first. Every day is its number followed
// by a two-column mark: 休 public holiday, 班 make-up working day (调休上班),
// 末 ordinary weekend, blank for an ordinary working day. A legend below
// names the holidays and make-up days of the month. lang is "zh" or "en"
// (also "", "zh-CN", "en-GB" and the like) and selects the language of the
// heading and legend; the marks are the same in both. No ANSI escapes are
// used. A year without data gives a NoDataError.
func (c *Calendar) Month(year int, month time.Month, lang string) (string, error) {
	en, err := parseLang(lang)
	if err != nil {
		return "", err
	}
	if month < time.January || month > time.December {
		return "", fmt.Errorf("calendar: Month: invalid month %d", int(month))
	}
	c.mu.RLock()
	yt, err := c.table(year)
	c.mu.RUnlock()
	if err != nil {
		return "", err
	}

	var b strings.Builder
	if en {
		fmt.Fprintf(&b, "%s %d\n", month, year)
		b.WriteString("Mo   Tu   We   Th   Fr   Sa   Su\n")
	} else {
		fmt.Fprintf(&b, "%d年%d月\n", year, int(month))
		b.WriteString("一   二   三   四   五   六   日\n")
	}

	first := time.Date(year, month, 1, 12, 0, 0, 0, time.UTC)
	ndays := time.Date(year, month+1, 0, 12, 0, 0, 0, time.UTC).Day()
	base := first.YearDay() - 1
	col := (int(first.Weekday()) + 6) % 7 // Monday = 0
	cells := make([]string, 0, 7)
	for i := 0; i < col; i++ {
		cells = append(cells, "    ")
	}
	flush := func() {
		b.WriteString(strings.TrimRight(strings.Join(cells, " "), " "))
		b.WriteByte('\n')
		cells = cells[:0]
	}
	hasWeekend := false
	var holIdx []int             // holidays with a day off in this month, in data order
	makeups := map[int16][]int{} // holiday index -> make-up days of this month
	var makeupOrder []int16      // holidays with make-up days, first-seen order
	seenHol := map[int16]bool{}
	for day := 1; day <= ndays; day++ {
		di := yt.days[base+day-1]
		mark := markNone
		switch di.kind {
		case Holiday:
			mark = markHoliday
			if !seenHol[di.hol] {
				seenHol[di.hol] = true
				holIdx = append(holIdx, int(di.hol))
			}
		case MakeupWorkday:
			mark = markMakeup
			if _, ok := makeups[di.hol]; !ok {
				makeupOrder = append(makeupOrder, di.hol)
			}
			makeups[di.hol] = append(makeups[di.hol], day)
		case Weekend:
			mark = markWeekend
			hasWeekend = true
		}
		cells = append(cells, fmt.Sprintf("%2d%s", day, mark))
		if len(cells) == 7 {
			flush()
		}
	}
	if len(cells) > 0 {
		flush()
	}

	// Legend.
	hols := yt.year.Holidays
	for _, hi := range holIdx {
		h := hols[hi]
		if en {
			fmt.Fprintf(&b, "%s holiday: %s, %s\n", markHoliday, enName(h), enRange(dateOf(h.From), dateOf(h.To)))
		} else {
			fmt.Fprintf(&b, "%s 放假：%s %s\n", markHoliday, safetext.Line(h.Name), zhRange(dateOf(h.From), dateOf(h.To)))
		}
	}
	for _, hi := range makeupOrder {
		h := hols[hi]
		days := makeups[hi]
		parts := make([]string, len(days))
		for i, d := range days {
			wd := time.Date(year, month, d, 12, 0, 0, 0, time.UTC).Weekday()
			if en {
				parts[i] = fmt.Sprintf("%s %s %d", wd.String()[:3], month.String()[:3], d)
			} else {
				parts[i] = fmt.Sprintf("%d月%d日（%s）", int(month), d, zhWeekday[wd])
			}
		}
		if en {
			fmt.Fprintf(&b, "%s make-up working day: %s (for %s)\n", markMakeup, strings.Join(parts, ", "), enName(h))
		} else {
			fmt.Fprintf(&b, "%s 调休上班：%s，补%s\n", markMakeup, strings.Join(parts, "、"), safetext.Line(h.Name))
		}
	}
	if hasWeekend {
		if en {
			fmt.Fprintf(&b, "%s weekend\n", markWeekend)
		} else {
			fmt.Fprintf(&b, "%s 周末\n", markWeekend)
		}
	}
	return b.String(), nil
}

var zhWeekday = [...]string{"周日", "周一", "周二", "周三", "周四", "周五", "周六"}

// parseLang reports whether lang selects English.
func parseLang(lang string) (en bool, err error) {
	l := strings.ToLower(strings.TrimSpace(lang))
	switch {
	case l == "" || l == "zh" || strings.HasPrefix(l, "zh-") || strings.HasPrefix(l, "zh_"):
		return false, nil
	case l == "en" || strings.HasPrefix(l, "en-") || strings.HasPrefix(l, "en_"):
		return true, nil
	}
	return false, fmt.Errorf("calendar: Month: unsupported language %q (want \"zh\" or \"en\")", lang)
}

// enName is the holiday's English name (else its name), fit for a
// terminal: the names come from a loaded file.
func enName(h HolidayPeriod) string {
	if h.EN != "" {
		return safetext.Line(h.EN)
	}
	return safetext.Line(h.Name)
}

func zhRange(from, to date) string {
	switch {
	case from == to:
		return fmt.Sprintf("%d月%d日", int(from.m), from.d)
	case from.m == to.m:
		return fmt.Sprintf("%d月%d日至%d日", int(from.m), from.d, to.d)
	default:
		return fmt.Sprintf("%d月%d日至%d月%d日", int(from.m), from.d, int(to.m), to.d)
	}
}

func enRange(from, to date) string {
	fm, tm := from.m.String()[:3], to.m.String()[:3]
	switch {
	case from == to:
		return fmt.Sprintf("%s %d", fm, from.d)
	case from.m == to.m:
		return fmt.Sprintf("%s %d-%d", fm, from.d, to.d)
	default:
		return fmt.Sprintf("%s %d - %s %d", fm, from.d, tm, to.d)
	}
}
