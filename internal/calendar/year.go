package calendar

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// Year is the parsed holiday schedule of one calendar year, as published in
// the State Council notice (国务院办公厅关于YYYY年部分节假日安排的通知).
type Year struct {
	Year     int
	Source   string // the notice the data was taken from
	Holidays []HolidayPeriod
}

// HolidayPeriod is one public holiday of the notice (e.g. 春节 2月15日至23日)
// together with the make-up working days (调休上班) that belong to it. (It
// cannot be called Holiday: that name is the Kind constant.)
//
// All dates are calendar dates held as midnight UTC; only their year, month
// and day are used.
type HolidayPeriod struct {
	Name   string      // Chinese name as in the notice, e.g. "春节"
	EN     string      // English name, e.g. "Spring Festival"
	From   time.Time   // first day off
	To     time.Time   // last day off (inclusive)
	Makeup []time.Time // weekend days that are working days, may be empty
}

// date is a calendar date without time or location.
type date struct {
	y int
	m time.Month
	d int
}

func dateOf(t time.Time) date {
	y, m, d := t.Date()
	return date{y, m, d}
}

func (d date) time(loc *time.Location) time.Time {
	return time.Date(d.y, d.m, d.d, 0, 0, 0, 0, loc)
}

func (d date) utc() time.Time { return d.time(time.UTC) }

// addDays returns the date n days later (n may be negative).
func (d date) addDays(n int) date {
	return dateOf(time.Date(d.y, d.m, d.d+n, 12, 0, 0, 0, time.UTC))
}

func (d date) before(e date) bool {
	if d.y != e.y {
		return d.y < e.y
	}
	if d.m != e.m {
		return d.m < e.m
	}
	return d.d < e.d
}

func (d date) weekday() time.Weekday { return d.utc().Weekday() }

// yday is the zero-based day of the year.
func (d date) yday() int { return d.utc().YearDay() - 1 }

func (d date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.y, int(d.m), d.d) }

func isWeekend(wd time.Weekday) bool { return wd == time.Saturday || wd == time.Sunday }

// Year numbers accepted by ParseYear and Validate.
const (
	minYear = 1949
	maxYear = 9999
)

// rawYear mirrors the TOML file. Dates are decoded as any so that their
// TOML type can be checked (a local date is required, not a string or a
// date-time).
type rawYear struct {
	Year    *int64       `toml:"year"`
	Source  string       `toml:"source"`
	Holiday []rawHoliday `toml:"holiday"`
}

type rawHoliday struct {
	Name   string `toml:"name"`
	EN     string `toml:"en"`
	From   any    `toml:"from"`
	To     any    `toml:"to"`
	Makeup any    `toml:"makeup"`
}

// ParseYear parses and validates a TOML data file of the form
//
//	year = 2026
//	source = "国务院办公厅关于2026年部分节假日安排的通知"
//	[[holiday]]
//	name = "元旦"
//	en = "New Year's Day"
//	from = 2026-01-01
//	to = 2026-01-03
//	makeup = [2026-01-04]
//
// Dates are TOML local dates. The file is rejected if a date lies outside
// the year, from is after to, holidays overlap, a make-up working day is
// also a holiday or is not a Saturday or Sunday, or a key is unknown.
// Error messages name the line where possible.
func ParseYear(data []byte) (*Year, error) {
	var raw rawYear
	md, err := toml.Decode(string(data), &raw)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) && pe.Position.Line > 0 {
			return nil, fmt.Errorf("calendar: line %d: %s", pe.Position.Line, pe.Message)
		}
		return nil, fmt.Errorf("calendar: %s", strings.TrimPrefix(err.Error(), "toml: "))
	}
	lines := indexLines(data)
	if und := md.Undecoded(); len(und) > 0 {
		k := und[0]
		return nil, lines.errf(k, "unknown key %q", k.String())
	}

	if raw.Year == nil {
		return nil, errors.New("calendar: missing key \"year\"")
	}
	if *raw.Year < minYear || *raw.Year > maxYear {
		return nil, lines.errAt(lines.top["year"], "year %d out of range %d..%d", *raw.Year, minYear, maxYear)
	}
	y := &Year{Year: int(*raw.Year), Source: raw.Source}
	if len(raw.Holiday) == 0 {
		return nil, fmt.Errorf("calendar: year %d: no [[holiday]] entries", y.Year)
	}
	for i, rh := range raw.Holiday {
		at := func(key string) int { return lines.inBlock(i, key) }
		h := HolidayPeriod{Name: strings.TrimSpace(rh.Name), EN: strings.TrimSpace(rh.EN)}
		if h.Name == "" {
			return nil, lines.errAt(lines.block(i), "holiday #%d: missing name", i+1)
		}
		if rh.From == nil {
			return nil, lines.errAt(lines.block(i), "holiday %q: missing from", h.Name)
		}
		if rh.To == nil {
			return nil, lines.errAt(lines.block(i), "holiday %q: missing to", h.Name)
		}
		from, err := tomlDate(rh.From)
		if err != nil {
			return nil, lines.errAt(at("from"), "holiday %q: from: %v", h.Name, err)
		}
		to, err := tomlDate(rh.To)
		if err != nil {
			return nil, lines.errAt(at("to"), "holiday %q: to: %v", h.Name, err)
		}
		h.From, h.To = from.utc(), to.utc()
		if rh.Makeup != nil {
			list, ok := rh.Makeup.([]any)
			if !ok {
				return nil, lines.errAt(at("makeup"), "holiday %q: makeup must be an array of dates, like [2026-01-04]", h.Name)
			}
			for _, v := range list {
				d, err := tomlDate(v)
				if err != nil {
					return nil, lines.errAt(at("makeup"), "holiday %q: makeup: %v", h.Name, err)
				}
				h.Makeup = append(h.Makeup, d.utc())
			}
		}
		y.Holidays = append(y.Holidays, h)
	}
	if err := y.validate(func(i int, key string) int {
		if i < 0 {
			return lines.top[key]
		}
		return lines.inBlock(i, key)
	}); err != nil {
		return nil, err
	}
	return y, nil
}

// tomlDate accepts a TOML local date (2026-01-04) only.
func tomlDate(v any) (date, error) {
	switch t := v.(type) {
	case time.Time:
		// BurntSushi/toml marks local dates with this location name.
		if t.Location().String() != "date-local" {
			return date{}, fmt.Errorf("%s is a date-time; write a plain date like 2026-01-04", t.Format(time.RFC3339))
		}
		return dateOf(t), nil
	case string:
		return date{}, fmt.Errorf("%q is a string; write the date without quotes, like 2026-01-04", t)
	default:
		return date{}, fmt.Errorf("%v is not a date; write a date like 2026-01-04", v)
	}
}

// Validate checks y as ParseYear does (without line numbers).
func (y *Year) Validate() error {
	return y.validate(nil)
}

// validate checks the schedule. line, if not nil, maps (holiday index, key)
// to a line number (index -1 for top-level keys); 0 means unknown.
func (y *Year) validate(line func(i int, key string) int) error {
	at := func(i int, key string) int {
		if line == nil {
			return 0
		}
		return line(i, key)
	}
	fail := func(n int, format string, args ...any) error {
		msg := fmt.Sprintf(format, args...)
		if n > 0 {
			return fmt.Errorf("calendar: line %d: %s", n, msg)
		}
		return fmt.Errorf("calendar: %s", msg)
	}
	if y == nil {
		return errors.New("calendar: nil Year")
	}
	if y.Year < minYear || y.Year > maxYear {
		return fail(at(-1, "year"), "year %d out of range %d..%d", y.Year, minYear, maxYear)
	}
	if len(y.Holidays) == 0 {
		return fail(0, "year %d: no holidays", y.Year)
	}
	off := map[date]string{} // day off -> holiday name
	for i, h := range y.Holidays {
		if strings.TrimSpace(h.Name) == "" {
			return fail(at(i, "name"), "holiday #%d: missing name", i+1)
		}
		from, to := dateOf(h.From), dateOf(h.To)
		if from.y != y.Year {
			return fail(at(i, "from"), "holiday %q: from %s is not in year %d", h.Name, from, y.Year)
		}
		if to.y != y.Year {
			return fail(at(i, "to"), "holiday %q: to %s is not in year %d", h.Name, to, y.Year)
		}
		if to.before(from) {
			return fail(at(i, "to"), "holiday %q: to %s is before from %s", h.Name, to, from)
		}
		for d := from; !to.before(d); d = d.addDays(1) {
			if other, dup := off[d]; dup {
				return fail(at(i, "from"), "holiday %q: %s is already a day off of holiday %q", h.Name, d, other)
			}
			off[d] = h.Name
		}
	}
	seen := map[date]string{}
	for i, h := range y.Holidays {
		for _, t := range h.Makeup {
			d := dateOf(t)
			if d.y != y.Year {
				return fail(at(i, "makeup"), "holiday %q: make-up working day %s is not in year %d", h.Name, d, y.Year)
			}
			if name, ok := off[d]; ok {
				return fail(at(i, "makeup"), "holiday %q: make-up working day %s is also a day off of holiday %q", h.Name, d, name)
			}
			if wd := d.weekday(); !isWeekend(wd) {
				return fail(at(i, "makeup"), "holiday %q: make-up working day %s is a %s, not a Saturday or Sunday", h.Name, d, wd)
			}
			if other, dup := seen[d]; dup {
				return fail(at(i, "makeup"), "holiday %q: make-up working day %s is listed twice (also under %q)", h.Name, d, other)
			}
			seen[d] = h.Name
		}
	}
	return nil
}

// Encode returns y as TOML text in the data-file format; ParseYear of the
// result gives back an equal Year.
func (y *Year) Encode() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "year = %d\n", y.Year)
	fmt.Fprintf(&b, "source = %s\n", quote(y.Source))
	for _, h := range y.Holidays {
		b.WriteString("\n[[holiday]]\n")
		fmt.Fprintf(&b, "name = %s\n", quote(h.Name))
		fmt.Fprintf(&b, "en = %s\n", quote(h.EN))
		fmt.Fprintf(&b, "from = %s\n", dateOf(h.From))
		fmt.Fprintf(&b, "to = %s\n", dateOf(h.To))
		if len(h.Makeup) > 0 {
			ds := make([]string, len(h.Makeup))
			for i, t := range h.Makeup {
				ds[i] = dateOf(t).String()
			}
			fmt.Fprintf(&b, "makeup = [%s]\n", strings.Join(ds, ", "))
		}
	}
	return b.Bytes()
}

// quote returns s as a TOML basic string.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// clone returns a deep copy of y.
func (y *Year) clone() *Year {
	c := &Year{Year: y.Year, Source: y.Source, Holidays: make([]HolidayPeriod, len(y.Holidays))}
	for i, h := range y.Holidays {
		h.Makeup = append([]time.Time(nil), h.Makeup...)
		c.Holidays[i] = h
	}
	return c
}

// lineIndex records on which line keys appear, for error messages. It
// understands the plain layout of the data files (top-level keys, then
// [[holiday]] blocks of "key = value" lines); anything else just yields no
// line number.
type lineIndex struct {
	top     map[string]int
	headers []int            // line of the i-th [[holiday]]
	keys    []map[string]int // keys of the i-th [[holiday]] block
}

var (
	headerRE = regexp.MustCompile(`^\s*\[\[\s*holiday\s*\]\]`)
	keyRE    = regexp.MustCompile(`^\s*([A-Za-z0-9_-]+)\s*=`)
)

func indexLines(data []byte) *lineIndex {
	li := &lineIndex{top: map[string]int{}}
	cur := map[string]int(nil)
	for n, line := range strings.Split(string(data), "\n") {
		n++
		if headerRE.MatchString(line) {
			li.headers = append(li.headers, n)
			cur = map[string]int{}
			li.keys = append(li.keys, cur)
			continue
		}
		if strings.HasPrefix(strings.TrimSpace(line), "[") {
			cur = map[string]int{} // some other table: not tracked
			continue
		}
		if m := keyRE.FindStringSubmatch(line); m != nil {
			if cur == nil {
				li.top[m[1]] = n
			} else if _, dup := cur[m[1]]; !dup {
				cur[m[1]] = n
			}
		}
	}
	return li
}

// block returns the line of the i-th [[holiday]] header, or 0.
func (li *lineIndex) block(i int) int {
	if i >= 0 && i < len(li.headers) {
		return li.headers[i]
	}
	return 0
}

// inBlock returns the line of key in the i-th holiday, else the block's
// header line, else 0.
func (li *lineIndex) inBlock(i int, key string) int {
	if i >= 0 && i < len(li.keys) {
		if n, ok := li.keys[i][key]; ok {
			return n
		}
	}
	return li.block(i)
}

func (li *lineIndex) errAt(line int, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if line > 0 {
		return fmt.Errorf("calendar: line %d: %s", line, msg)
	}
	return fmt.Errorf("calendar: %s", msg)
}

// errf reports a problem with a decoded key such as holiday.form (from
// md.Undecoded). For keys inside [[holiday]] the first block containing the
// key is named.
func (li *lineIndex) errf(k toml.Key, format string, args ...any) error {
	line := 0
	switch {
	case len(k) == 1:
		line = li.top[k[0]]
	case len(k) == 2 && k[0] == "holiday":
		for i := range li.keys {
			if n, ok := li.keys[i][k[1]]; ok {
				line = n
				break
			}
		}
	}
	return li.errAt(line, format, args...)
}

// sortedYears returns the keys of m in increasing order.
func sortedYears[V any](m map[int]V) []int {
	ys := make([]int, 0, len(m))
	for y := range m {
		ys = append(ys, y)
	}
	sort.Ints(ys)
	return ys
}
