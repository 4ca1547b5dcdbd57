// Package calendar knows the Chinese working-day calendar as set each year by
// the State Council (国务院办公厅关于YYYY年部分节假日安排的通知): Saturdays
// and Sundays are off except make-up working days (调休上班), and public
// holidays are off.
//
// The schedules of several years are embedded in the binary (data/*.toml);
// an administrator can load further years with ParseYear and Calendar.Add.
// A date in a year without data is never guessed at: every query that
// touches such a date fails with a NoDataError.
package calendar

import (
	"embed"
	"errors"
	"fmt"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Kind classifies a calendar day.
type Kind int

const (
	Workday       Kind = iota // ordinary Monday–Friday working day
	MakeupWorkday             // Saturday or Sunday worked instead of a holiday (调休上班)
	Weekend                   // ordinary Saturday or Sunday
	Holiday                   // public holiday, including the days shifted into it (放假调休)
)

// String returns "workday", "makeup-workday", "weekend" or "holiday".
func (k Kind) String() string {
	switch k {
	case Workday:
		return "workday"
	case MakeupWorkday:
		return "makeup-workday"
	case Weekend:
		return "weekend"
	case Holiday:
		return "holiday"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

func (k Kind) working() bool { return k == Workday || k == MakeupWorkday }

// Day describes one calendar date.
type Day struct {
	Date      time.Time // midnight, in the location of the time asked about
	Kind      Kind
	Holiday   string // Chinese holiday name for Holiday, and for MakeupWorkday the holiday it makes up for; else ""
	HolidayEN string // English holiday name, same rules as Holiday
}

// Working reports whether the day is a working day (Workday or MakeupWorkday).
func (d Day) Working() bool { return d.Kind.working() }

// ErrNoData is matched (errors.Is) by every NoDataError.
var ErrNoData = errors.New("calendar: no data for year")

// NoDataError reports that a date falls in a year for which no calendar data
// is loaded. Both errors.As(err, &NoDataError{}) and errors.As(err,
// &(*NoDataError)(nil)) work, and errors.Is(err, ErrNoData) is true.
type NoDataError struct{ Year int }

func (e NoDataError) Error() string {
	return fmt.Sprintf("calendar: no data for year %d (the holiday schedule for %d has not been loaded)", e.Year, e.Year)
}

// Is makes errors.Is(err, ErrNoData) true.
func (e NoDataError) Is(target error) bool { return target == ErrNoData }

// As lets errors.As fill a *NoDataError target as well as a NoDataError one.
func (e NoDataError) As(target any) bool {
	if p, ok := target.(**NoDataError); ok {
		c := e
		*p = &c
		return true
	}
	return false
}

// Calendar answers working-day questions for the years it holds. It is safe
// for concurrent use; Add may be called while other goroutines read.
type Calendar struct {
	mu sync.RWMutex
	// years gives each year's table; an embedded year is parsed at its
	// first use (a command needs one or two of them).
	years map[int]func() *yearTable
}

// dayInfo is the precomputed classification of one day.
type dayInfo struct {
	kind Kind
	hol  int16 // index into Year.Holidays, -1 if none
}

// yearTable is the immutable compiled form of a Year.
type yearTable struct {
	year *Year     // private copy
	days []dayInfo // one per day of the year, index = YearDay-1
	cum  []int32   // cum[i] = working days among days[:i]; len(days)+1 entries
}

func daysIn(year int) int {
	return time.Date(year, 12, 31, 12, 0, 0, 0, time.UTC).YearDay()
}

// compile builds the table for y. Dates outside y.Year are ignored; a day
// listed both as holiday and make-up day counts as holiday.
func compile(y *Year) *yearTable {
	y = y.clone()
	n := daysIn(y.Year)
	t := &yearTable{year: y, days: make([]dayInfo, n), cum: make([]int32, n+1)}
	wd := time.Date(y.Year, 1, 1, 12, 0, 0, 0, time.UTC).Weekday()
	for i := range t.days {
		k := Workday
		if isWeekend(wd) {
			k = Weekend
		}
		t.days[i] = dayInfo{kind: k, hol: -1}
		wd = (wd + 1) % 7
	}
	for hi, h := range y.Holidays {
		for _, m := range h.Makeup {
			if d := dateOf(m); d.y == y.Year {
				t.days[d.yday()] = dayInfo{kind: MakeupWorkday, hol: int16(hi)}
			}
		}
	}
	for hi, h := range y.Holidays {
		from, to := dateOf(h.From), dateOf(h.To)
		for d := from; !to.before(d); d = d.addDays(1) {
			if d.y == y.Year {
				t.days[d.yday()] = dayInfo{kind: Holiday, hol: int16(hi)}
			}
		}
	}
	for i, di := range t.days {
		t.cum[i+1] = t.cum[i]
		if di.kind.working() {
			t.cum[i+1]++
		}
	}
	return t
}

func (t *yearTable) day(yday int, loc *time.Location) Day {
	di := t.days[yday]
	d := Day{Date: time.Date(t.year.Year, 1, 1+yday, 0, 0, 0, 0, loc), Kind: di.kind}
	if di.hol >= 0 {
		h := t.year.Holidays[di.hol]
		d.Holiday, d.HolidayEN = h.Name, h.EN
	}
	return d
}

// New returns an empty Calendar.
func New() *Calendar {
	return &Calendar{years: map[int]func() *yearTable{}}
}

//go:embed data/*.toml
var dataFS embed.FS

// embedded are the embedded data files, each parsed once, at its first
// use: parsing all of them was in every command's start-up.
var embedded = sync.OnceValue(func() map[int]func() *yearTable {
	entries, err := dataFS.ReadDir("data")
	if err != nil {
		panic("calendar: embedded data: " + err.Error())
	}
	tables := map[int]func() *yearTable{}
	for _, e := range entries {
		name := e.Name()
		year, err := strconv.Atoi(strings.TrimSuffix(name, ".toml"))
		if !strings.HasSuffix(name, ".toml") || err != nil {
			continue
		}
		tables[year] = sync.OnceValue(func() *yearTable {
			b, err := dataFS.ReadFile(path.Join("data", name))
			if err != nil {
				panic("calendar: embedded data: " + err.Error())
			}
			y, err := ParseYear(b)
			if err != nil {
				panic(fmt.Sprintf("calendar: embedded data/%s: %v", name, err))
			}
			if y.Year != year {
				panic(fmt.Sprintf("calendar: embedded data/%s holds year %d", name, y.Year))
			}
			return compile(y)
		})
	}
	return tables
})

// Embedded returns a new Calendar holding every year embedded in the binary.
func Embedded() *Calendar {
	c := New()
	for year, t := range embedded() {
		c.years[year] = t // tables are immutable, so sharing is safe
	}
	return c
}

// Add adds the year y, replacing any data already held for y.Year. y is
// copied. Add does not validate; use a Year from ParseYear (or check
// Validate first). Dates outside y.Year are ignored.
func (c *Calendar) Add(y *Year) {
	if y == nil {
		return
	}
	t := compile(y)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.years == nil {
		c.years = map[int]func() *yearTable{}
	}
	c.years[y.Year] = func() *yearTable { return t }
}

// Years returns the years with data, in increasing order.
func (c *Calendar) Years() []int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return sortedYears(c.years)
}

// YearData returns a copy of the schedule held for year, or a NoDataError.
func (c *Calendar) YearData(year int) (*Year, error) {
	c.mu.RLock()
	t := c.get(year)
	c.mu.RUnlock()
	if t == nil {
		return nil, NoDataError{Year: year}
	}
	return t.year.clone(), nil
}

// table returns the table for year; the caller holds c.mu (read).
func (c *Calendar) table(year int) (*yearTable, error) {
	if t := c.get(year); t != nil {
		return t, nil
	}
	return nil, NoDataError{Year: year}
}

// get is the table of year, nil when none; the caller holds c.mu (read).
func (c *Calendar) get(year int) *yearTable {
	if t := c.years[year]; t != nil {
		return t()
	}
	return nil
}

// Day classifies t's calendar date in t.Location().
func (c *Calendar) Day(t time.Time) (Day, error) {
	d := dateOf(t)
	c.mu.RLock()
	yt, err := c.table(d.y)
	c.mu.RUnlock()
	if err != nil {
		return Day{}, err
	}
	return yt.day(d.yday(), t.Location()), nil
}

// IsWorkday reports whether t's calendar date is a working day.
func (c *Calendar) IsWorkday(t time.Time) (bool, error) {
	d := dateOf(t)
	c.mu.RLock()
	yt, err := c.table(d.y)
	c.mu.RUnlock()
	if err != nil {
		return false, err
	}
	return yt.days[d.yday()].kind.working(), nil
}

// AddWorkdays returns midnight (in t.Location()) of the n-th working day
// after t's calendar date; t's own date is not counted. n must be at least
// 1. Example: AddWorkdays(2026-09-25, 20) is 2026-10-29. Reaching a year
// without data gives a NoDataError for that year.
func (c *Calendar) AddWorkdays(t time.Time, n int) (time.Time, error) {
	if n < 1 {
		return time.Time{}, fmt.Errorf("calendar: AddWorkdays: n must be at least 1, got %d", n)
	}
	d := dateOf(t)
	c.mu.RLock()
	defer c.mu.RUnlock()
	year, i := d.y, d.yday()
	yt := c.get(year) // t's own year may lack data: its date is not counted
	size := daysIn(year)
	for {
		i++
		if i >= size {
			year, i = year+1, 0
			yt, size = c.get(year), daysIn(year)
		}
		if yt == nil {
			return time.Time{}, NoDataError{Year: year}
		}
		if yt.days[i].kind.working() {
			if n--; n == 0 {
				return time.Date(year, 1, 1+i, 0, 0, 0, 0, t.Location()), nil
			}
		}
	}
}

// WorkdayOnOrAfter returns midnight (in t.Location()) of the first working
// day on or after t's calendar date.
func (c *Calendar) WorkdayOnOrAfter(t time.Time) (time.Time, error) {
	d := dateOf(t)
	c.mu.RLock()
	defer c.mu.RUnlock()
	year, i := d.y, d.yday()
	for {
		yt, err := c.table(year)
		if err != nil {
			return time.Time{}, err
		}
		for ; i < len(yt.days); i++ {
			if yt.days[i].kind.working() {
				return time.Date(year, 1, 1+i, 0, 0, 0, 0, t.Location()), nil
			}
		}
		year, i = year+1, 0
	}
}

// WorkingDaysBetween counts the working days d with from < d <= to, using
// the calendar dates of from and to (each in its own location). It is 0
// when to's date is not after from's date. Every year that contributes a
// date to the range must have data.
func (c *Calendar) WorkingDaysBetween(from, to time.Time) (int, error) {
	a, b := dateOf(from), dateOf(to)
	if !a.before(b) {
		return 0, nil
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	total := 0
	for year := a.y; year <= b.y; year++ {
		lo, hi := 0, daysIn(year) // day indexes [lo, hi) of this year are counted
		if year == a.y {
			lo = a.yday() + 1
		}
		if year == b.y {
			hi = b.yday() + 1
		}
		if lo >= hi {
			continue
		}
		yt, err := c.table(year)
		if err != nil {
			return 0, err
		}
		total += int(yt.cum[hi] - yt.cum[lo])
	}
	return total, nil
}

// Has reports whether the calendar holds the official schedule of year.
func (c *Calendar) Has(year int) bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.years[year] != nil
}
