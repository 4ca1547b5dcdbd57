package importer

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// DateFormat is a date (and time) layout as people write them in a
// mapping: YYYY year, YY two-digit year (20YY), M or MM month, D or DD day,
// H or HH hour (0-23), m or mm minute, s or ss second; anything else is
// literal ("YYYY年M月D日"), and a space matches any run of spaces. One- or
// two-digit parts accept either width (2020-6-8 reads as YYYY-MM-DD). When
// the value stops before a time part the time is 00:00 ("YYYY/M/D HH:mm"
// reads "2020/6/8"). The name "excel" is an Excel serial date (45000.5 is
// 2023-03-15 12:00).
type DateFormat struct {
	Layout string
	tokens []dateToken
	excel  bool
	quiet  bool // tried, but not named in errors (the implicit Excel serial)
}

type dateTokenKind int

const (
	tokLiteral dateTokenKind = iota
	tokSpace
	tokYear4
	tokYear2
	tokMonth
	tokDay
	tokHour
	tokMinute
	tokSecond
)

type dateToken struct {
	kind dateTokenKind
	lit  rune
}

// ExcelFormat is the name of the Excel serial date format.
const ExcelFormat = "excel"

// ParseDateFormat compiles a layout.
func ParseDateFormat(layout string) (DateFormat, error) {
	if strings.EqualFold(strings.TrimSpace(layout), ExcelFormat) {
		return DateFormat{Layout: ExcelFormat, excel: true}, nil
	}
	f := DateFormat{Layout: layout}
	rs := []rune(layout)
	seen := map[dateTokenKind]bool{}
	for i := 0; i < len(rs); {
		r := rs[i]
		n := 1
		for i+n < len(rs) && rs[i+n] == r {
			n++
		}
		kind := tokLiteral
		switch {
		case r == 'Y' && n == 4:
			kind = tokYear4
		case r == 'Y' && n == 2:
			kind = tokYear2
		case r == 'Y':
			return DateFormat{}, fmt.Errorf("date format %q: write the year as YYYY (or YY)", layout)
		case r == 'M' && n <= 2:
			kind = tokMonth
		case r == 'D' && n <= 2:
			kind = tokDay
		case r == 'H' && n <= 2:
			kind = tokHour
		case r == 'm' && n <= 2:
			kind = tokMinute
		case r == 's' && n <= 2:
			kind = tokSecond
		case r == 'M' || r == 'D' || r == 'H' || r == 'm' || r == 's':
			return DateFormat{}, fmt.Errorf("date format %q: %q is too long (one or two letters)", layout, string(rs[i:i+n]))
		case unicode.IsSpace(r):
			kind = tokSpace
		}
		if kind == tokLiteral {
			f.tokens = append(f.tokens, dateToken{kind: tokLiteral, lit: r})
			i++
			continue
		}
		if kind != tokSpace {
			if seen[kind] {
				return DateFormat{}, fmt.Errorf("date format %q has the same part twice", layout)
			}
			seen[kind] = true
		}
		f.tokens = append(f.tokens, dateToken{kind: kind})
		i += n
	}
	if !(seen[tokYear4] || seen[tokYear2]) || !seen[tokMonth] || !seen[tokDay] {
		return DateFormat{}, fmt.Errorf("date format %q needs a year (YYYY), a month (M) and a day (D), e.g. YYYY-MM-DD or M/D/YYYY", layout)
	}
	if seen[tokMinute] && !seen[tokHour] {
		return DateFormat{}, fmt.Errorf("date format %q has minutes (mm) but no hour (HH); months are M", layout)
	}
	return f, nil
}

// MustDateFormats compiles layouts known to be good (tests, defaults).
func MustDateFormats(layouts ...string) []DateFormat {
	out := make([]DateFormat, len(layouts))
	for i, l := range layouts {
		f, err := ParseDateFormat(l)
		if err != nil {
			panic(err)
		}
		out[i] = f
	}
	return out
}

// DefaultDateLayouts are tried when a mapping names none: only forms that
// cannot be misread (the year first). 3/4/2020 is March or April depending
// on the country, so M/D/YYYY and D/M/YYYY must be chosen in a mapping.
var DefaultDateLayouts = []string{
	"YYYY-MM-DD HH:mm:ss", "YYYY/M/D HH:mm:ss", "YYYY.M.D HH:mm:ss",
	"YYYY年M月D日 HH:mm:ss", "YYYY年M月D日H时m分", "YYYYMMDD",
}

var errNotDate = errors.New("not a date")

// Parse reads s in loc. Full-width digits (２０２０) are read as digits.
func (f DateFormat) Parse(s string, loc *time.Location, date1904 bool) (time.Time, error) {
	t, _, err := f.ParseTime(s, loc, date1904)
	return t, err
}

// ParseTime is Parse that also tells whether s had a time of day.
func (f DateFormat) ParseTime(s string, loc *time.Location, date1904 bool) (t time.Time, hasTime bool, err error) {
	s = strings.TrimSpace(toHalfWidthDigits(s))
	if f.excel {
		t, err := ParseExcelDate(s, loc, date1904)
		return t, err == nil && (t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0), err
	}
	rs := []rune(s)
	pos := 0
	year, month, day, hour, minute, sec := -1, -1, -1, 0, 0, 0
	timed := false
	num := func(min, max int) (int, bool) {
		start := pos
		for pos < len(rs) && pos-start < max && rs[pos] >= '0' && rs[pos] <= '9' {
			pos++
		}
		if pos-start < min {
			return 0, false
		}
		n, _ := strconv.Atoi(string(rs[start:pos]))
		return n, true
	}
	for ti, t := range f.tokens {
		if pos == len(rs) && year >= 0 && month >= 0 && day >= 0 && onlyTimeLeft(f.tokens[ti:]) {
			break // the value has no time: 00:00
		}
		var ok bool
		switch t.kind {
		case tokLiteral:
			ok = pos < len(rs) && rs[pos] == t.lit
			if ok {
				pos++
			}
		case tokSpace:
			start := pos
			for pos < len(rs) && unicode.IsSpace(rs[pos]) {
				pos++
			}
			ok = pos > start
		case tokYear4:
			year, ok = num(4, 4)
		case tokYear2:
			year, ok = num(2, 2)
			year += 2000
		case tokMonth:
			month, ok = num(1, 2)
		case tokDay:
			day, ok = num(1, 2)
		case tokHour:
			hour, ok = num(1, 2)
			timed = true
		case tokMinute:
			minute, ok = num(1, 2)
		case tokSecond:
			sec, ok = num(1, 2)
		}
		if !ok {
			return time.Time{}, false, errNotDate
		}
	}
	if pos != len(rs) {
		return time.Time{}, false, errNotDate
	}
	if month < 1 || month > 12 || day < 1 || day > daysIn(year, time.Month(month)) {
		return time.Time{}, false, fmt.Errorf("%q is not a day of the calendar", s)
	}
	if hour > 23 || minute > 59 || sec > 59 {
		return time.Time{}, false, fmt.Errorf("%q is not a time of day", s)
	}
	return time.Date(year, time.Month(month), day, hour, minute, sec, 0, loc), timed, nil
}

// onlyTimeLeft reports whether the tokens left are a time of day (and the
// literals around it), so a value that stops here is a date at 00:00.
func onlyTimeLeft(ts []dateToken) bool {
	time := false
	for _, t := range ts {
		switch t.kind {
		case tokYear4, tokYear2, tokMonth, tokDay:
			return false
		case tokHour, tokMinute, tokSecond:
			time = true
		}
	}
	return time
}

func daysIn(year int, m time.Month) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func toHalfWidthDigits(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return (r >= '０' && r <= '９') || r == '\u3000' }) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		case r == '\u3000':
			return ' '
		}
		return r
	}, s)
}

// The last day Excel can show is serial 2958465 (9999-12-31).
const maxExcelSerial = 2958466

// ParseExcelDate reads an Excel serial date: days since 1899-12-30 (the
// 1900 date system, whose day 60 is the 29 February 1900 that never was),
// or since 1904-01-01 in a workbook using the 1904 system; the fraction is
// the time of day, read to the second, as a wall-clock time in loc.
func ParseExcelDate(s string, loc *time.Location, date1904 bool) (time.Time, error) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return time.Time{}, errNotDate
	}
	if v < 1 || v >= maxExcelSerial {
		return time.Time{}, fmt.Errorf("%s is out of the range of Excel dates", s)
	}
	days := math.Floor(v)
	secs := int(math.Round((v - days) * 86400))
	var base time.Time
	switch {
	case date1904:
		base = time.Date(1904, 1, 1, 0, 0, 0, 0, loc)
	case days == 60:
		return time.Time{}, fmt.Errorf("%s is 29 February 1900, a day Excel counts that never was", s)
	case days < 60:
		base = time.Date(1899, 12, 31, 0, 0, 0, 0, loc)
	default:
		base = time.Date(1899, 12, 30, 0, 0, 0, 0, loc)
	}
	d := base.AddDate(0, 0, int(days))
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, secs, 0, loc), nil
}

// ParseDate reads s with the first of formats that fits it.
func ParseDate(s string, formats []DateFormat, loc *time.Location, date1904 bool) (time.Time, error) {
	t, _, err := ParseDateTime(s, formats, loc, date1904)
	return t, err
}

// ParseDateTime is ParseDate that also tells whether s had a time of day.
func ParseDateTime(s string, formats []DateFormat, loc *time.Location, date1904 bool) (time.Time, bool, error) {
	var specific error
	for _, f := range formats {
		t, timed, err := f.ParseTime(s, loc, date1904)
		if err == nil {
			return t, timed, nil
		}
		if !errors.Is(err, errNotDate) && specific == nil {
			specific = err
		}
	}
	if specific != nil {
		return time.Time{}, false, specific
	}
	var names []string
	for _, f := range formats {
		if !f.quiet {
			names = append(names, f.Layout)
		}
	}
	return time.Time{}, false, fmt.Errorf("%q is not a date in the format %s", s, strings.Join(names, " or "))
}
