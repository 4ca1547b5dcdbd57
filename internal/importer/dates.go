package importer

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// DateFormat is a date (and time) layout as people write them in a
// mapping: YYYY year, YY two-digit year (00-29 are 20YY, 30-99 19YY, as
// Excel reads them), M or MM month, MMM or MMMM its English name (Jun,
// June), D or DD day, H or HH hour (h and hh too), m or mm minute, s or ss
// second, A (or AM/PM, am/pm, 上午/下午) the half of the day — AM, PM,
// a.m., 上午, 下午, 晚上… — and Z a zone (Z, +08:00, +0800). Anything else is
// literal ("YYYY年M月D日"), and a space matches any run of spaces (none
// where a digit does not touch a digit: "下午3:04" reads as "下午 3:04").
// One- or two-digit parts accept either width (2020-6-8 reads as
// YYYY-MM-DD). When the value stops before a time part the time is 00:00
// and the value has no time of day ("YYYY/M/D HH:mm" reads "2020/6/8");
// seconds may be left out ("h:mm:ss A" reads "10:58 AM") and a fraction of
// a second is ignored. Values are read with full-width digits, Chinese
// numerals (二〇二六年十一月八日), 号 for 日, 点 for 时, and a weekday
// (星期日, 周一, Mon) taken as written. The name "excel" is an Excel serial
// date (45000.5 is 2023-03-15 12:00).
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
	tokMonthName
	tokDay
	tokHour
	tokMinute
	tokSecond
	tokMeridiem
	tokZone
)

type dateToken struct {
	kind dateTokenKind
	lit  rune
}

// ExcelFormat is the name of the Excel serial date format.
const ExcelFormat = "excel"

// meridiemLayouts are the ways a layout names the half of the day.
var meridiemLayouts = []string{"AM/PM", "am/pm", "上午/下午", "AM", "PM", "am", "pm", "上午", "下午"}

// ParseDateFormat compiles a layout.
func ParseDateFormat(layout string) (DateFormat, error) {
	if strings.EqualFold(strings.TrimSpace(layout), ExcelFormat) {
		return DateFormat{Layout: ExcelFormat, excel: true}, nil
	}
	f := DateFormat{Layout: layout}
	rs := []rune(layout)
	seen := map[dateTokenKind]bool{}
	for i := 0; i < len(rs); {
		if w := meridiemAt(rs[i:]); w > 0 {
			if seen[tokMeridiem] {
				return DateFormat{}, fmt.Errorf("date format %q has the same part twice", layout)
			}
			seen[tokMeridiem] = true
			f.tokens = append(f.tokens, dateToken{kind: tokMeridiem})
			i += w
			continue
		}
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
		case r == 'M' && n <= 4:
			kind = tokMonthName
		case r == 'D' && n <= 2:
			kind = tokDay
		case (r == 'H' || r == 'h') && n <= 2:
			kind = tokHour
		case r == 'm' && n <= 2:
			kind = tokMinute
		case r == 's' && n <= 2:
			kind = tokSecond
		case r == 'A' && n == 1:
			kind = tokMeridiem
		case r == 'Z' && n == 1:
			kind = tokZone
		case r == 'M' || r == 'D' || r == 'H' || r == 'h' || r == 'm' || r == 's':
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
			if seen[kind] || (kind == tokMonth && seen[tokMonthName]) || (kind == tokMonthName && seen[tokMonth]) {
				return DateFormat{}, fmt.Errorf("date format %q has the same part twice", layout)
			}
			seen[kind] = true
		}
		f.tokens = append(f.tokens, dateToken{kind: kind})
		i += n
	}
	if !(seen[tokYear4] || seen[tokYear2]) || !(seen[tokMonth] || seen[tokMonthName]) || !seen[tokDay] {
		return DateFormat{}, fmt.Errorf("date format %q needs a year (YYYY), a month (M) and a day (D), e.g. YYYY-MM-DD or M/D/YYYY", layout)
	}
	if seen[tokMinute] && !seen[tokHour] {
		return DateFormat{}, fmt.Errorf("date format %q has minutes (mm) but no hour (HH); months are M", layout)
	}
	if seen[tokMeridiem] && !seen[tokHour] {
		return DateFormat{}, fmt.Errorf("date format %q has AM/PM but no hour (h)", layout)
	}
	return f, nil
}

// meridiemAt is the length of a layout's AM/PM word at the start of rs, or 0.
func meridiemAt(rs []rune) int {
	for _, w := range meridiemLayouts {
		wr := []rune(w)
		if len(rs) >= len(wr) && string(rs[:len(wr)]) == w {
			// "AM" followed by more M (AMM) is not the word.
			if last := wr[len(wr)-1]; last < unicode.MaxASCII && len(rs) > len(wr) && rs[len(wr)] == last {
				continue
			}
			return len(wr)
		}
	}
	return 0
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
	"YYYY-MM-DD HH:mm:ss", "YYYY-MM-DDTHH:mm:ssZ", "YYYY/M/D A h:mm:ss", "YYYY.M.D HH:mm:ss",
	"YYYY年M月D日 A h:mm:ss", "YYYY年M月D日H时m分s秒", "YYYYMMDD",
}

var errNotDate = errors.New("not a date")

// Parse reads s in loc.
func (f DateFormat) Parse(s string, loc *time.Location, date1904 bool) (time.Time, error) {
	t, _, err := f.ParseTime(s, loc, date1904)
	return t, err
}

// ParseTime is Parse that also tells whether s had a time of day.
func (f DateFormat) ParseTime(s string, loc *time.Location, date1904 bool) (t time.Time, hasTime bool, err error) {
	if f.excel {
		return parseExcelTime(s, loc, date1904)
	}
	return f.parse(normalizeDate(s), s, loc)
}

func parseExcelTime(s string, loc *time.Location, date1904 bool) (time.Time, bool, error) {
	t, err := ParseExcelDate(strings.TrimSpace(toHalfWidthDigits(s)), loc, date1904)
	return t, err == nil && (t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0), err
}

// meridiem words of values, longest first, and the half of the day each
// says: 'a' before noon, 'p' after, 'n' around noon (中午 1:30 is 13:30,
// 中午 11:30 is 11:30).
var meridiemWords = []struct {
	w    string
	half byte
}{
	{"a.m.", 'a'}, {"p.m.", 'p'}, {"am", 'a'}, {"pm", 'p'},
	{"上午", 'a'}, {"凌晨", 'a'}, {"早上", 'a'}, {"早晨", 'a'}, {"清晨", 'a'},
	{"下午", 'p'}, {"晚上", 'p'}, {"傍晚", 'p'}, {"夜间", 'p'}, {"夜里", 'p'}, {"午后", 'p'},
	{"中午", 'n'},
	{"a", 'a'}, {"p", 'p'},
}

var monthNames = []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}

// monthAt reads an English month name (or its first three letters, or
// "sept") at the start of rs: the month and the runes read.
func monthAt(rs []rune) (int, int) {
	n := 0
	for n < len(rs) && n < 9 && ((rs[n] >= 'a' && rs[n] <= 'z') || (rs[n] >= 'A' && rs[n] <= 'Z')) {
		n++
	}
	if n < 3 {
		return 0, 0
	}
	w := strings.ToLower(string(rs[:n]))
	for i, m := range monthNames {
		if w == m || w == m[:3] || (i == 8 && w == "sept") {
			n2 := n
			if n2 < len(rs) && rs[n2] == '.' { // "Sep." abbreviated
				n2++
			}
			return i + 1, n2
		}
	}
	return 0, 0
}

func (f DateFormat) parse(rs []rune, orig string, loc *time.Location) (time.Time, bool, error) {
	pos := 0
	year, month, day, hour, minute, sec := -1, -1, -1, 0, 0, 0
	var half byte
	zone, zoned := 0, false
	timed := false
	num := func(min, max int) (int, bool) {
		start := pos
		for pos < len(rs) && pos-start < max && rs[pos] >= '0' && rs[pos] <= '9' {
			pos++
		}
		if pos-start < min {
			return 0, false
		}
		n := 0
		for _, r := range rs[start:pos] {
			n = n*10 + int(r-'0')
		}
		return n, true
	}
	isDigit := func(i int) bool { return i >= 0 && i < len(rs) && rs[i] >= '0' && rs[i] <= '9' }
	for ti := 0; ti < len(f.tokens); ti++ {
		t := f.tokens[ti]
		if pos == len(rs) && year >= 0 && month >= 0 && day >= 0 && onlyTimeLeft(f.tokens[ti:]) {
			break // the value has no time (or no seconds, no AM/PM): 00
		}
		ok := true
		switch t.kind {
		case tokLiteral:
			ok = pos < len(rs) && unicode.ToLower(rs[pos]) == unicode.ToLower(t.lit)
			if ok {
				pos++
			} else if ti+1 < len(f.tokens) && f.tokens[ti+1].kind == tokSecond && timed {
				// No seconds ("10:58 AM" for "h:mm:ss A"): skip them,
				// with a 秒 after them.
				ti++
				if ti+1 < len(f.tokens) && f.tokens[ti+1].kind == tokLiteral && f.tokens[ti+1].lit == '秒' {
					ti++
				}
				ok = true
			}
		case tokSpace:
			start := pos
			for pos < len(rs) && unicode.IsSpace(rs[pos]) {
				pos++
			}
			ok = pos > start || !(isDigit(pos) && isDigit(pos-1))
		case tokYear4:
			year, ok = num(4, 4)
		case tokYear2:
			year, ok = num(2, 2)
			if year < 30 {
				year += 2000
			} else {
				year += 1900
			}
		case tokMonth:
			month, ok = num(1, 2)
		case tokMonthName:
			var n int
			month, n = monthAt(rs[pos:])
			pos += n
			ok = n > 0
		case tokDay:
			day, ok = num(1, 2)
		case tokHour:
			hour, ok = num(1, 2)
			timed = true
		case tokMinute:
			minute, ok = num(1, 2)
		case tokSecond:
			sec, ok = num(1, 2)
			if ok && pos+1 < len(rs) && (rs[pos] == '.' || rs[pos] == ',') && isDigit(pos+1) {
				pos++ // a fraction of a second: ignored
				for isDigit(pos) {
					pos++
				}
			}
		case tokMeridiem:
			// Optional: a value without it is on the 24-hour clock.
			for _, m := range meridiemWords {
				mr := []rune(m.w)
				if len(rs)-pos >= len(mr) && strings.EqualFold(string(rs[pos:pos+len(mr)]), m.w) {
					// A lone a or p is the word only when no letter follows.
					if len(mr) == 1 && pos+1 < len(rs) && unicode.IsLetter(rs[pos+1]) {
						continue
					}
					half = m.half
					pos += len(mr)
					break
				}
			}
		case tokZone:
			zone, zoned, ok = zoneAt(rs, &pos)
		}
		if !ok {
			return time.Time{}, false, errNotDate
		}
	}
	if pos != len(rs) {
		return time.Time{}, false, errNotDate
	}
	if month < 1 || month > 12 || day < 1 || day > daysIn(year, time.Month(month)) {
		return time.Time{}, false, fmt.Errorf("%q is not a day of the calendar", strings.TrimSpace(orig))
	}
	switch half {
	case 'a':
		if hour > 12 {
			return time.Time{}, false, fmt.Errorf("%q is not a time of day", strings.TrimSpace(orig))
		}
		if hour == 12 {
			hour = 0
		}
	case 'p':
		if hour < 12 {
			hour += 12
		}
	case 'n':
		if hour <= 5 {
			hour += 12
		}
	}
	if hour > 23 || minute > 59 || sec > 59 {
		return time.Time{}, false, fmt.Errorf("%q is not a time of day", strings.TrimSpace(orig))
	}
	if zoned {
		t := time.Date(year, time.Month(month), day, hour, minute, sec, 0, time.FixedZone("", zone))
		return t.In(loc), true, nil
	}
	return time.Date(year, time.Month(month), day, hour, minute, sec, 0, loc), timed, nil
}

// zoneAt reads a zone at rs[*pos]: Z, UTC, GMT, +08:00, +0800, +08 (or
// nothing: the zone is optional). It returns the offset in seconds.
func zoneAt(rs []rune, pos *int) (offset int, zoned, ok bool) {
	p := *pos
	for p < len(rs) && rs[p] == ' ' {
		p++
	}
	rest := strings.ToUpper(string(rs[p:]))
	switch {
	case rest == "":
		return 0, false, true
	case rest == "Z":
		*pos = len(rs)
		return 0, true, true
	case strings.HasPrefix(rest, "UTC"), strings.HasPrefix(rest, "GMT"):
		p += 3
		if p == len(rs) {
			*pos = p
			return 0, true, true
		}
	}
	if p >= len(rs) || (rs[p] != '+' && rs[p] != '-') {
		return 0, false, false
	}
	sign := 1
	if rs[p] == '-' {
		sign = -1
	}
	p++
	digits := func(n int) (int, bool) {
		v := 0
		for i := 0; i < n; i++ {
			if p >= len(rs) || rs[p] < '0' || rs[p] > '9' {
				return 0, false
			}
			v = v*10 + int(rs[p]-'0')
			p++
		}
		return v, true
	}
	h, ok := digits(2)
	if !ok || h > 14 {
		return 0, false, false
	}
	m := 0
	if p < len(rs) {
		if rs[p] == ':' {
			p++
		}
		if m, ok = digits(2); !ok || m > 59 {
			return 0, false, false
		}
	}
	*pos = p
	return sign * (h*3600 + m*60), true, true
}

// onlyTimeLeft reports whether the tokens left are a time of day (and the
// literals around it), so a value that stops here is a date at 00:00, or
// a time without seconds or AM/PM.
func onlyTimeLeft(ts []dateToken) bool {
	time := false
	for _, t := range ts {
		switch t.kind {
		case tokYear4, tokYear2, tokMonth, tokMonthName, tokDay:
			return false
		case tokHour, tokMinute, tokSecond, tokMeridiem, tokZone:
			time = true
		}
	}
	return time
}

func daysIn(year int, m time.Month) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// normalizeDate is a cell as the layouts read it: trimmed, full-width
// digits and punctuation as ASCII, Chinese numerals as digits, 号 as 日,
// 点 as 时, and a weekday left out.
func normalizeDate(s string) []rune {
	s = strings.TrimSpace(toHalfWidthDigits(s))
	if s == "" {
		return nil
	}
	simple := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 || (s[i] >= 'A' && s[i] <= 'z') {
			simple = false
			break
		}
	}
	rs := []rune(s)
	if simple {
		return rs // digits and punctuation: the usual case
	}
	// The weekday first: 周四's 四 is not a number of the date.
	out := rs[:0:0]
	for i := 0; i < len(rs); i++ {
		if n := weekdayAt(rs, i); n > 0 {
			i += n
			for i < len(rs) && unicode.IsSpace(rs[i]) {
				i++
			}
			i--
			continue
		}
		out = append(out, rs[i])
	}
	rs = chineseNumerals(out)
	out = rs[:0:0]
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch r {
		case '：':
			r = ':'
		case '／':
			r = '/'
		case '－', '—':
			r = '-'
		case '．':
			r = '.'
		case '号':
			if i > 0 && rs[i-1] >= '0' && rs[i-1] <= '9' {
				r = '日'
			}
		case '点':
			if i > 0 && rs[i-1] >= '0' && rs[i-1] <= '9' {
				r = '时'
			}
		case '整':
			if i > 0 && (rs[i-1] == '时' || rs[i-1] == '点') {
				continue
			}
		}
		out = append(out, r)
	}
	return []rune(strings.TrimSpace(string(out)))
}

var weekdayWords = func() []string {
	var ws []string
	for _, p := range []string{"星期", "礼拜", "周"} {
		for _, d := range []string{"一", "二", "三", "四", "五", "六", "日", "天"} {
			ws = append(ws, p+d)
		}
	}
	for _, d := range []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"} {
		ws = append(ws, d, d[:3])
	}
	return ws
}()

// weekdayAt is how many runes of a weekday (with brackets around it or a
// comma after it) start at rs[i], or 0.
func weekdayAt(rs []rune, i int) int {
	open := 0
	if i < len(rs) && (rs[i] == '(' || rs[i] == '（') {
		open = 1
	}
	for _, w := range weekdayWords {
		wr := []rune(w)
		j := i + open
		if len(rs)-j < len(wr) || !strings.EqualFold(string(rs[j:j+len(wr)]), w) {
			continue
		}
		j += len(wr)
		if j < len(rs) && unicode.IsLetter(rs[j]) && rs[j] < unicode.MaxASCII {
			continue // Monument, Sunny...
		}
		if open == 1 {
			if j >= len(rs) || (rs[j] != ')' && rs[j] != '）') {
				continue
			}
			j++
		} else if j < len(rs) && rs[j] == ',' {
			j++
		}
		return j - i
	}
	return 0
}

// chineseNumerals writes the Chinese numerals of a date as digits: a year
// digit by digit (二〇二六 is 2026), a month, day or time by value (十一
// is 11, 二十三 is 23). Text without any is returned as it is.
func chineseNumerals(rs []rune) []rune {
	digit := func(r rune) int {
		switch r {
		case '〇', '零', '○', 'Ｏ':
			return 0
		case '一':
			return 1
		case '二', '两':
			return 2
		case '三':
			return 3
		case '四':
			return 4
		case '五':
			return 5
		case '六':
			return 6
		case '七':
			return 7
		case '八':
			return 8
		case '九':
			return 9
		case '十':
			return 10
		}
		return -1
	}
	has := false
	for _, r := range rs {
		if digit(r) >= 0 {
			has = true
			break
		}
	}
	if !has {
		return rs
	}
	var out []rune
	for i := 0; i < len(rs); {
		if digit(rs[i]) < 0 {
			out = append(out, rs[i])
			i++
			continue
		}
		j := i
		for j < len(rs) && digit(rs[j]) >= 0 {
			j++
		}
		run := rs[i:j]
		if !slices.Contains(run, '十') {
			for _, r := range run {
				out = append(out, rune('0'+digit(r)))
			}
		} else {
			// 十 = 10, 十一 = 11, 二十 = 20, 二十三 = 23
			v, cur := 0, 0
			for _, r := range run {
				if d := digit(r); d == 10 {
					if cur == 0 {
						cur = 1
					}
					v += cur * 10
					cur = 0
				} else {
					cur = d
				}
			}
			out = append(out, []rune(strconv.Itoa(v+cur))...)
		}
		i = j
	}
	return out
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
	var rs []rune
	normalized := false
	for _, f := range formats {
		var t time.Time
		var timed bool
		var err error
		if f.excel {
			t, timed, err = parseExcelTime(s, loc, date1904)
		} else {
			if !normalized {
				rs, normalized = normalizeDate(s), true
			}
			t, timed, err = f.parse(rs, s, loc)
		}
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
