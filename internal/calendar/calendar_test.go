package calendar

import (
	"errors"
	"fmt"
	"math/rand"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// cst is China Standard Time without depending on the tz database.
var cst = time.FixedZone("CST", 8*3600)

func d(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02", s, cst)
	if err != nil {
		panic(err)
	}
	return t
}

func ymd(t time.Time) string { return t.Format("2006-01-02") }

// officialEntry is one holiday of a State Council notice, written out day by
// day from the notice text.
type officialEntry struct {
	name, en string
	off      []string // every day off, one by one
	makeup   []string // every make-up working day (调休上班)
}

// 国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）
var official2025 = []officialEntry{
	{"元旦", "New Year's Day", []string{"2025-01-01"}, nil},
	{"春节", "Spring Festival", []string{
		"2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31",
		"2025-02-01", "2025-02-02", "2025-02-03", "2025-02-04",
	}, []string{"2025-01-26", "2025-02-08"}},
	{"清明节", "Qingming Festival", []string{"2025-04-04", "2025-04-05", "2025-04-06"}, nil},
	{"劳动节", "Labour Day", []string{
		"2025-05-01", "2025-05-02", "2025-05-03", "2025-05-04", "2025-05-05",
	}, []string{"2025-04-27"}},
	{"端午节", "Dragon Boat Festival", []string{"2025-05-31", "2025-06-01", "2025-06-02"}, nil},
	{"国庆节、中秋节", "National Day and Mid-Autumn Festival", []string{
		"2025-10-01", "2025-10-02", "2025-10-03", "2025-10-04",
		"2025-10-05", "2025-10-06", "2025-10-07", "2025-10-08",
	}, []string{"2025-09-28", "2025-10-11"}},
}

// 国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）
var official2026 = []officialEntry{
	{"元旦", "New Year's Day", []string{"2026-01-01", "2026-01-02", "2026-01-03"}, []string{"2026-01-04"}},
	{"春节", "Spring Festival", []string{
		"2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19",
		"2026-02-20", "2026-02-21", "2026-02-22", "2026-02-23",
	}, []string{"2026-02-14", "2026-02-28"}},
	{"清明节", "Qingming Festival", []string{"2026-04-04", "2026-04-05", "2026-04-06"}, nil},
	{"劳动节", "Labour Day", []string{
		"2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05",
	}, []string{"2026-05-09"}},
	{"端午节", "Dragon Boat Festival", []string{"2026-06-19", "2026-06-20", "2026-06-21"}, nil},
	{"中秋节", "Mid-Autumn Festival", []string{"2026-09-25", "2026-09-26", "2026-09-27"}, nil},
	{"国庆节", "National Day", []string{
		"2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04",
		"2026-10-05", "2026-10-06", "2026-10-07",
	}, []string{"2026-09-20", "2026-10-10"}},
}

func checkOfficial(t *testing.T, c *Calendar, year int, table []officialEntry) {
	t.Helper()
	special := map[string]bool{}
	for _, e := range table {
		for _, s := range e.off {
			special[s] = true
			day, err := c.Day(d(s))
			if err != nil {
				t.Fatalf("Day(%s): %v", s, err)
			}
			if day.Kind != Holiday || day.Holiday != e.name || day.HolidayEN != e.en || day.Working() {
				t.Errorf("Day(%s) = %v %q %q working=%v, want holiday %q %q", s, day.Kind, day.Holiday, day.HolidayEN, day.Working(), e.name, e.en)
			}
		}
		for _, s := range e.makeup {
			special[s] = true
			day, err := c.Day(d(s))
			if err != nil {
				t.Fatalf("Day(%s): %v", s, err)
			}
			if wd := d(s).Weekday(); wd != time.Saturday && wd != time.Sunday {
				t.Errorf("test table: make-up day %s is a %s", s, wd)
			}
			if day.Kind != MakeupWorkday || day.Holiday != e.name || day.HolidayEN != e.en || !day.Working() {
				t.Errorf("Day(%s) = %v %q working=%v, want makeup-workday for %q", s, day.Kind, day.Holiday, day.Working(), e.name)
			}
		}
	}
	// Every other day of the year is an ordinary weekday or weekend.
	for t0 := d(fmt.Sprintf("%d-01-01", year)); t0.Year() == year; t0 = t0.AddDate(0, 0, 1) {
		if special[ymd(t0)] {
			continue
		}
		day, err := c.Day(t0)
		if err != nil {
			t.Fatalf("Day(%s): %v", ymd(t0), err)
		}
		want := Workday
		if wd := t0.Weekday(); wd == time.Saturday || wd == time.Sunday {
			want = Weekend
		}
		if day.Kind != want || day.Holiday != "" || day.HolidayEN != "" {
			t.Errorf("Day(%s) = %v %q, want plain %v", ymd(t0), day.Kind, day.Holiday, want)
		}
	}
}

func TestOfficial2025(t *testing.T) { checkOfficial(t, Embedded(), 2025, official2025) }
func TestOfficial2026(t *testing.T) { checkOfficial(t, Embedded(), 2026, official2026) }

func TestOfficial2024(t *testing.T) {
	c := Embedded()
	cases := []struct {
		date string
		kind Kind
		name string
	}{
		{"2024-01-01", Holiday, "元旦"},
		{"2024-02-04", MakeupWorkday, "春节"},
		{"2024-02-09", Workday, ""}, // 除夕: only "encouraged" off, officially a working day
		{"2024-02-10", Holiday, "春节"},
		{"2024-02-17", Holiday, "春节"},
		{"2024-02-18", MakeupWorkday, "春节"},
		{"2024-04-04", Holiday, "清明节"},
		{"2024-04-06", Holiday, "清明节"},
		{"2024-04-07", MakeupWorkday, "清明节"},
		{"2024-04-28", MakeupWorkday, "劳动节"},
		{"2024-05-01", Holiday, "劳动节"},
		{"2024-05-05", Holiday, "劳动节"},
		{"2024-05-06", Workday, ""},
		{"2024-05-11", MakeupWorkday, "劳动节"},
		{"2024-06-08", Weekend, ""}, // "6月10日放假，与周末连休"
		{"2024-06-10", Holiday, "端午节"},
		{"2024-09-14", MakeupWorkday, "中秋节"},
		{"2024-09-15", Holiday, "中秋节"},
		{"2024-09-17", Holiday, "中秋节"},
		{"2024-09-29", MakeupWorkday, "国庆节"},
		{"2024-10-01", Holiday, "国庆节"},
		{"2024-10-07", Holiday, "国庆节"},
		{"2024-10-08", Workday, ""},
		{"2024-10-12", MakeupWorkday, "国庆节"},
		{"2024-10-13", Weekend, ""},
	}
	for _, tc := range cases {
		day, err := c.Day(d(tc.date))
		if err != nil {
			t.Fatal(err)
		}
		if day.Kind != tc.kind || day.Holiday != tc.name {
			t.Errorf("Day(%s) = %v %q, want %v %q", tc.date, day.Kind, day.Holiday, tc.kind, tc.name)
		}
	}
}

func TestPlainDays(t *testing.T) {
	c := Embedded()
	cases := []struct {
		date    string
		kind    Kind
		working bool
	}{
		{"2026-03-07", Weekend, false}, // Saturday
		{"2026-03-08", Weekend, false}, // Sunday
		{"2026-03-09", Workday, true},  // Monday
		{"2026-10-08", Workday, true},  // Thursday right after National Day
		{"2026-10-11", Weekend, false}, // Sunday after the make-up Saturday
		{"2025-10-09", Workday, true},
		{"2025-10-12", Weekend, false},
		{"2025-12-31", Workday, true},
		{"2024-12-31", Workday, true},
	}
	for _, tc := range cases {
		day, err := c.Day(d(tc.date))
		if err != nil {
			t.Fatal(err)
		}
		if day.Kind != tc.kind || day.Working() != tc.working {
			t.Errorf("Day(%s) = %v working=%v, want %v %v", tc.date, day.Kind, day.Working(), tc.kind, tc.working)
		}
		ok, err := c.IsWorkday(d(tc.date))
		if err != nil || ok != tc.working {
			t.Errorf("IsWorkday(%s) = %v, %v; want %v", tc.date, ok, err, tc.working)
		}
	}
}

func TestKindString(t *testing.T) {
	want := map[Kind]string{Workday: "workday", MakeupWorkday: "makeup-workday", Weekend: "weekend", Holiday: "holiday", Kind(9): "Kind(9)"}
	for k, s := range want {
		if k.String() != s {
			t.Errorf("Kind(%d).String() = %q, want %q", int(k), k.String(), s)
		}
	}
}

func TestDayDateAndLocation(t *testing.T) {
	c := Embedded()
	// 01:30 on 1 October in Beijing is still 30 September in UTC.
	bj := time.Date(2026, 10, 1, 1, 30, 0, 0, cst)
	day, err := c.Day(bj)
	if err != nil {
		t.Fatal(err)
	}
	if !day.Date.Equal(time.Date(2026, 10, 1, 0, 0, 0, 0, cst)) || day.Date.Location() != cst || day.Kind != Holiday {
		t.Errorf("Day(%v) = %v %v", bj, day.Date, day.Kind)
	}
	day, err = c.Day(bj.UTC())
	if err != nil {
		t.Fatal(err)
	}
	if !day.Date.Equal(time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC)) || day.Kind != Workday {
		t.Errorf("Day(%v) = %v %v, want 2026-09-30 UTC workday", bj.UTC(), day.Date, day.Kind)
	}
}

func TestAddWorkdays(t *testing.T) {
	c := Embedded()
	cases := []struct {
		from string
		n    int
		want string
	}{
		// 9-25..27 中秋节; 9-28,29,30 = 1..3; 10-1..7 国庆节; 10-8 = 4, 10-9 = 5,
		// 10-10 (Sat, 班) = 6; 10-12..16 = 7..11; 10-19..23 = 12..16;
		// 10-26 = 17, 27 = 18, 28 = 19, 29 = 20.
		{"2026-09-25", 20, "2026-10-29"},
		{"2026-09-25", 1, "2026-09-28"},
		{"2026-09-25", 4, "2026-10-08"},
		{"2026-09-25", 6, "2026-10-10"},
		{"2026-09-25", 7, "2026-10-12"},

		// Spring Festival 2026, counting from Friday 2026-02-13 (not counted):
		//   02-14 Sat 调休上班 = 1
		//   02-15 .. 02-23 春节 off (9 days)
		//   02-24 Tue = 2, 02-25 = 3, 02-26 = 4, 02-27 = 5
		//   02-28 Sat 调休上班 = 6
		//   03-01 Sun off
		//   03-02 Mon = 7, 03-03 = 8, 03-04 = 9, 03-05 = 10
		{"2026-02-13", 1, "2026-02-14"},
		{"2026-02-13", 2, "2026-02-24"},
		{"2026-02-13", 6, "2026-02-28"},
		{"2026-02-13", 7, "2026-03-02"},
		{"2026-02-13", 10, "2026-03-05"},

		// National Day 2025, counting from Friday 2025-09-26:
		//   09-27 Sat off; 09-28 Sun 调休上班 = 1; 09-29 = 2; 09-30 = 3
		//   10-01 .. 10-08 国庆节、中秋节 off
		//   10-09 Thu = 4, 10-10 Fri = 5, 10-11 Sat 调休上班 = 6
		//   10-12 Sun off, 10-13 Mon = 7
		{"2025-09-26", 1, "2025-09-28"},
		{"2025-09-26", 3, "2025-09-30"},
		{"2025-09-26", 4, "2025-10-09"},
		{"2025-09-26", 6, "2025-10-11"},
		{"2025-09-26", 7, "2025-10-13"},

		// Across the turn of the year: 2026-01-01..03 off, 01-04 Sun 班.
		{"2025-12-31", 1, "2026-01-04"},
		{"2025-12-31", 2, "2026-01-05"},
		// The start date's own kind is irrelevant.
		{"2026-10-10", 1, "2026-10-12"},
	}
	for _, tc := range cases {
		got, err := c.AddWorkdays(d(tc.from), tc.n)
		if err != nil {
			t.Errorf("AddWorkdays(%s, %d): %v", tc.from, tc.n, err)
			continue
		}
		if ymd(got) != tc.want || !got.Equal(d(tc.want)) || got.Location() != cst {
			t.Errorf("AddWorkdays(%s, %d) = %v, want %s 00:00 CST", tc.from, tc.n, got, tc.want)
		}
		// WorkingDaysBetween is the inverse.
		if n, err := c.WorkingDaysBetween(d(tc.from), got); err != nil || n != tc.n {
			t.Errorf("WorkingDaysBetween(%s, %s) = %d, %v; want %d", tc.from, tc.want, n, err, tc.n)
		}
	}
	// Time of day does not matter, only the date in t's location.
	got, err := c.AddWorkdays(time.Date(2026, 9, 25, 23, 59, 0, 0, cst), 20)
	if err != nil || !got.Equal(d("2026-10-29")) {
		t.Errorf("AddWorkdays(2026-09-25 23:59) = %v, %v", got, err)
	}
	for _, n := range []int{0, -1} {
		if _, err := c.AddWorkdays(d("2026-01-05"), n); err == nil {
			t.Errorf("AddWorkdays(n=%d) succeeded", n)
		}
	}
}

func TestWorkdayOnOrAfter(t *testing.T) {
	c := Embedded()
	cases := map[string]string{
		"2026-10-01": "2026-10-08",
		"2026-10-08": "2026-10-08",
		"2026-10-10": "2026-10-10", // make-up Saturday
		"2026-10-11": "2026-10-12",
		"2026-02-15": "2026-02-24",
		"2025-12-31": "2025-12-31",
		"2024-12-28": "2024-12-30",
		"2025-01-01": "2025-01-02",
	}
	for from, want := range cases {
		got, err := c.WorkdayOnOrAfter(d(from).Add(15 * time.Hour))
		if err != nil || !got.Equal(d(want)) || got.Location() != cst {
			t.Errorf("WorkdayOnOrAfter(%s) = %v, %v; want %s", from, got, err, want)
		}
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	c := Embedded()
	cases := []struct {
		from, to string
		want     int
	}{
		{"2026-10-01", "2026-10-01", 0},
		{"2026-10-02", "2026-10-01", 0}, // to before from
		{"2026-09-30", "2026-10-08", 1}, // only 10-08
		{"2026-10-07", "2026-10-11", 3}, // 10-08, 10-09, 10-10 (班)
		// All of 2025: 365 days - 104 Saturdays/Sundays - 18 holidays on
		// weekdays + 3 make-up Sundays/Saturdays = 246. Weekday holidays:
		// 1-1; 1-28..31, 2-3, 2-4; 4-4; 5-1, 5-2, 5-5; 6-2; 10-1..3, 10-6..8
		// = 1 + 6 + 1 + 3 + 1 + 6 = 18. Make-up days: 1-26, 2-8, 4-27, 9-28,
		// 10-11 = 5, so 365 - 104 - 18 + 5 = 248.
		{"2024-12-31", "2025-12-31", 248},
		{"2023-12-31", "2024-01-05", 4}, // 2023 has no data but contributes no day
	}
	// Cross-check the hand count of weekday holidays against the table.
	weekdayHolidays := 0
	for _, e := range official2025 {
		for _, s := range e.off {
			if wd := d(s).Weekday(); wd != time.Saturday && wd != time.Sunday {
				weekdayHolidays++
			}
		}
	}
	if weekdayHolidays != 18 {
		t.Fatalf("test table: %d weekday holidays in 2025, want 18", weekdayHolidays)
	}
	for _, tc := range cases {
		got, err := c.WorkingDaysBetween(d(tc.from), d(tc.to))
		if err != nil || got != tc.want {
			t.Errorf("WorkingDaysBetween(%s, %s) = %d, %v; want %d", tc.from, tc.to, got, err, tc.want)
		}
	}

	// Random ranges against a day-by-day count.
	r := rand.New(rand.NewSource(1))
	start := d("2024-01-01")
	for i := 0; i < 300; i++ {
		a := start.AddDate(0, 0, r.Intn(3*365))
		b := a.AddDate(0, 0, r.Intn(200))
		if b.Year() > 2026 {
			continue
		}
		want := 0
		for x := a.AddDate(0, 0, 1); !x.After(b); x = x.AddDate(0, 0, 1) {
			if ok, err := c.IsWorkday(x); err != nil {
				t.Fatal(err)
			} else if ok {
				want++
			}
		}
		got, err := c.WorkingDaysBetween(a, b)
		if err != nil || got != want {
			t.Fatalf("WorkingDaysBetween(%s, %s) = %d, %v; want %d", ymd(a), ymd(b), got, err, want)
		}
		if want > 0 {
			// The want-th working day after a is the last working day <= b.
			e, err := c.AddWorkdays(a, want)
			if err != nil || e.After(b) {
				t.Fatalf("AddWorkdays(%s, %d) = %v, %v; beyond %s", ymd(a), want, e, err, ymd(b))
			}
		}
	}
}

func wantNoData(t *testing.T, what string, err error, year int) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: no error, want NoDataError{%d}", what, year)
		return
	}
	if !errors.Is(err, ErrNoData) {
		t.Errorf("%s: %v is not ErrNoData", what, err)
	}
	var v NoDataError
	if !errors.As(err, &v) || v.Year != year {
		t.Errorf("%s: errors.As(NoDataError) = %+v from %v, want year %d", what, v, err, year)
	}
	var p *NoDataError
	if !errors.As(err, &p) || p == nil || p.Year != year {
		t.Errorf("%s: errors.As(*NoDataError) = %+v from %v, want year %d", what, p, err, year)
	}
	if !strings.Contains(err.Error(), fmt.Sprint(year)) {
		t.Errorf("%s: message %q does not name %d", what, err, year)
	}
}

// through2026 holds the embedded years 2024–2026 and nothing else: tests of
// a year without data use it, so they keep testing 2027 as missing when its
// schedule is embedded (calendartest does this for other packages).
func through2026(t *testing.T) *Calendar {
	t.Helper()
	c := New()
	for y := 2024; y <= 2026; y++ {
		data, err := Embedded().YearData(y)
		if err != nil {
			t.Fatal(err)
		}
		c.Add(data)
	}
	return c
}

func TestNoData(t *testing.T) {
	c := through2026(t)
	if got := c.Years(); !reflect.DeepEqual(got, []int{2024, 2025, 2026}) {
		t.Fatalf("Years() = %v", got)
	}
	// 2026-12-31 is a Thursday working day; the next one would be in 2027.
	if got, err := c.AddWorkdays(d("2026-12-30"), 1); err != nil || ymd(got) != "2026-12-31" {
		t.Errorf("AddWorkdays(2026-12-30, 1) = %v, %v", got, err)
	}
	_, err := c.AddWorkdays(d("2026-12-30"), 2)
	wantNoData(t, "AddWorkdays into 2027", err, 2027)
	_, err = c.AddWorkdays(d("2026-12-01"), 40)
	wantNoData(t, "AddWorkdays far into 2027", err, 2027)
	_, err = c.AddWorkdays(d("2023-06-01"), 1)
	wantNoData(t, "AddWorkdays in 2023", err, 2023)
	_, err = c.Day(d("2027-01-04"))
	wantNoData(t, "Day 2027", err, 2027)
	_, err = c.Day(d("2023-12-29"))
	wantNoData(t, "Day 2023", err, 2023)
	_, err = c.IsWorkday(d("2027-03-01"))
	wantNoData(t, "IsWorkday 2027", err, 2027)
	_, err = c.WorkdayOnOrAfter(d("2027-01-01"))
	wantNoData(t, "WorkdayOnOrAfter 2027", err, 2027)
	_, err = c.WorkingDaysBetween(d("2026-12-20"), d("2027-01-10"))
	wantNoData(t, "WorkingDaysBetween into 2027", err, 2027)
	_, err = c.WorkingDaysBetween(d("2023-12-20"), d("2024-01-10"))
	wantNoData(t, "WorkingDaysBetween from 2023", err, 2023)
	_, err = c.Month(2027, time.January, "zh")
	wantNoData(t, "Month 2027", err, 2027)
	_, err = c.YearData(2027)
	wantNoData(t, "YearData 2027", err, 2027)
	// Wrapped errors still match.
	wantNoData(t, "wrapped", fmt.Errorf("deadline: %w", NoDataError{Year: 2030}), 2030)

	_, err = New().Day(d("2026-03-03"))
	wantNoData(t, "empty calendar", err, 2026)
	if len(New().Years()) != 0 {
		t.Error("New() has years")
	}
}

func TestAddReplacesAndCopies(t *testing.T) {
	src := []byte(`year = 2030
source = "test"
[[holiday]]
name = "测试"
en = "Test"
from = 2030-03-04
to = 2030-03-05
makeup = [2030-03-09]
`)
	y, err := ParseYear(src)
	if err != nil {
		t.Fatal(err)
	}
	embeddedYears := Embedded().Years()
	c := through2026(t)
	c.Add(y)
	y.Holidays[0].Name = "changed after Add"
	if got := c.Years(); !reflect.DeepEqual(got, []int{2024, 2025, 2026, 2030}) {
		t.Errorf("Years() = %v", got)
	}
	day, err := c.Day(d("2030-03-04"))
	if err != nil || day.Kind != Holiday || day.Holiday != "测试" {
		t.Errorf("Day(2030-03-04) = %+v, %v", day, err)
	}
	if ok, _ := c.IsWorkday(d("2030-03-09")); !ok {
		t.Error("2030-03-09 should be a make-up working day")
	}
	// Replace 2030 with a schedule without that holiday.
	y2, err := ParseYear([]byte(strings.Replace(string(src), "2030-03-05", "2030-03-04", 1)))
	if err != nil {
		t.Fatal(err)
	}
	c.Add(y2)
	if day, _ := c.Day(d("2030-03-05")); day.Kind != Workday {
		t.Errorf("after replace, 2030-03-05 = %v, want workday", day.Kind)
	}
	// Embedded() returns independent calendars.
	if ys := Embedded().Years(); !reflect.DeepEqual(ys, embeddedYears) {
		t.Errorf("Embedded() affected by Add on another calendar: %v", ys)
	}
	// YearData returns a copy.
	yd, err := c.YearData(2030)
	if err != nil {
		t.Fatal(err)
	}
	yd.Holidays[0].Makeup[0] = time.Date(2030, 3, 10, 0, 0, 0, 0, time.UTC)
	if ok, _ := c.IsWorkday(d("2030-03-09")); !ok {
		t.Error("modifying YearData result changed the calendar")
	}
}

func TestConcurrentAdd(t *testing.T) {
	c := Embedded()
	y, err := c.YearData(2026)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				if got, err := c.AddWorkdays(d("2026-09-25"), 20); err != nil || ymd(got) != "2026-10-29" {
					t.Errorf("AddWorkdays during Add = %v, %v", got, err)
					return
				}
				c.Years()
			}
		}()
	}
	for i := 0; i < 50; i++ {
		c.Add(y)
	}
	wg.Wait()
}

func TestParseYearRejects(t *testing.T) {
	const head = "year = 2026\nsource = \"x\"\n\n[[holiday]]\nname = \"元旦\"\n" // holiday keys start at line 6
	cases := []struct {
		name, text string
		want       []string // substrings of the error
	}{
		{"syntax", "year = 2026\nsource = \"x\n", []string{"line 2"}},
		{"missing year", "source = \"x\"\n[[holiday]]\nname = \"a\"\nfrom = 2026-01-01\nto = 2026-01-01\n", []string{"missing", "year"}},
		{"year type", "year = \"2026\"\n", []string{"line 1"}},
		{"year range", "year = 26\n[[holiday]]\nname = \"a\"\nfrom = 2026-01-01\nto = 2026-01-01\n", []string{"line 1", "out of range"}},
		{"no holidays", "year = 2026\nsource = \"x\"\n", []string{"no [[holiday]]"}},
		{"missing name", "year = 2026\n[[holiday]]\nfrom = 2026-01-01\nto = 2026-01-01\n", []string{"line 2", "missing name"}},
		{"missing to", head + "from = 2026-01-01\n", []string{"line 4", "missing to"}},
		{"from after to", head + "from = 2026-01-03\nto = 2026-01-01\n", []string{"line 7", "to 2026-01-01 is before from 2026-01-03"}},
		{"from outside year", head + "from = 2025-12-31\nto = 2026-01-01\n", []string{"line 6", "2025-12-31 is not in year 2026"}},
		{"to outside year", head + "from = 2026-12-31\nto = 2027-01-01\n", []string{"line 7", "not in year 2026"}},
		{"makeup outside year", head + "from = 2026-01-01\nto = 2026-01-01\nmakeup = [2025-12-27]\n", []string{"line 8", "not in year 2026"}},
		{"makeup on weekday", head + "from = 2026-01-01\nto = 2026-01-03\nmakeup = [2026-01-05]\n", []string{"line 8", "2026-01-05 is a Monday, not a Saturday or Sunday"}},
		{"makeup is holiday", head + "from = 2026-01-01\nto = 2026-01-04\nmakeup = [2026-01-04]\n", []string{"line 8", "2026-01-04 is also a day off"}},
		{"makeup is other holiday", head + "from = 2026-01-01\nto = 2026-01-03\n\n[[holiday]]\nname = \"b\"\nfrom = 2026-02-01\nto = 2026-02-01\nmakeup = [2026-01-03]\n", []string{"line 13", "also a day off of holiday \"元旦\""}},
		{"makeup twice", head + "from = 2026-01-01\nto = 2026-01-03\nmakeup = [2026-01-04, 2026-01-04]\n", []string{"line 8", "listed twice"}},
		{"overlap", head + "from = 2026-01-01\nto = 2026-01-03\n\n[[holiday]]\nname = \"b\"\nfrom = 2026-01-03\nto = 2026-01-04\n", []string{"line 11", "2026-01-03 is already a day off of holiday \"元旦\""}},
		{"quoted date", head + "from = \"2026-01-01\"\nto = 2026-01-01\n", []string{"line 6", "without quotes"}},
		{"datetime", head + "from = 2026-01-01T00:00:00+08:00\nto = 2026-01-01\n", []string{"line 6", "date-time"}},
		{"makeup not array", head + "from = 2026-01-01\nto = 2026-01-03\nmakeup = 2026-01-04\n", []string{"line 8", "array"}},
		{"typo key", head + "form = 2026-01-01\nto = 2026-01-01\n", []string{"line 6", "unknown key \"holiday.form\""}},
		{"unknown top key", "yaer = 2026\n", []string{"line 1", "unknown key \"yaer\""}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			y, err := ParseYear([]byte(tc.text))
			if err == nil {
				t.Fatalf("accepted: %+v", y)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			if !strings.HasPrefix(err.Error(), "calendar: ") {
				t.Errorf("error %q lacks the package prefix", err)
			}
		})
	}
}

func TestParseYearAndEncode(t *testing.T) {
	src := []byte(`# comment
year = 2026
source = "国务院办公厅关于2026年部分节假日安排的通知 \"quoted\" \\ back"

[[holiday]]
name = "元旦"
en = "New Year's Day"
from = 2026-01-01
to = 2026-01-03
makeup = [2026-01-04]

[[holiday]]
name = "清明节"
from = 2026-04-04
to = 2026-04-06
`)
	y, err := ParseYear(src)
	if err != nil {
		t.Fatal(err)
	}
	want := &Year{Year: 2026, Source: `国务院办公厅关于2026年部分节假日安排的通知 "quoted" \ back`, Holidays: []HolidayPeriod{
		{Name: "元旦", EN: "New Year's Day", From: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 1, 3, 0, 0, 0, 0, time.UTC),
			Makeup: []time.Time{time.Date(2026, 1, 4, 0, 0, 0, 0, time.UTC)}},
		{Name: "清明节", From: time.Date(2026, 4, 4, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 4, 6, 0, 0, 0, 0, time.UTC)},
	}}
	if !reflect.DeepEqual(y, want) {
		t.Fatalf("ParseYear = %+v\nwant %+v", y, want)
	}
	if err := y.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
	back, err := ParseYear(y.Encode())
	if err != nil {
		t.Fatalf("ParseYear(Encode()): %v\n%s", err, y.Encode())
	}
	if !reflect.DeepEqual(back, y) {
		t.Errorf("round trip: %+v\nwant %+v", back, y)
	}
	// Every embedded year survives a round trip.
	c := Embedded()
	for _, yr := range c.Years() {
		orig, _ := c.YearData(yr)
		back, err := ParseYear(orig.Encode())
		if err != nil || !reflect.DeepEqual(back, orig) {
			t.Errorf("round trip of %d: %v", yr, err)
		}
		if !strings.Contains(orig.Source, fmt.Sprintf("%d年部分节假日安排", yr)) {
			t.Errorf("%d: source %q", yr, orig.Source)
		}
	}
	// Validate without line numbers.
	bad := y.clone()
	bad.Holidays[0].Makeup[0] = time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	if err := bad.Validate(); err == nil || !strings.Contains(err.Error(), "not a Saturday or Sunday") {
		t.Errorf("Validate(bad) = %v", err)
	}
}

var gridCell = regexp.MustCompile(`(\d+)(休|班|末)?`)

// monthGrid parses the week lines of Month output into day -> mark and
// day -> column (0 = Monday).
func monthGrid(t *testing.T, s string) (marks map[int]string, cols map[int]int) {
	t.Helper()
	lines := strings.Split(s, "\n")
	marks, cols = map[int]string{}, map[int]int{}
	for _, line := range lines[2:] {
		if line == "" || !strings.ContainsAny(line[:1], " 0123456789") {
			break // legend
		}
		// Cells are 5 display columns wide; each mark is 2 columns (3 bytes).
		for _, m := range gridCell.FindAllStringSubmatchIndex(line, -1) {
			width := 0
			for _, r := range line[:m[0]] {
				width++
				if r > 0x7f {
					width++
				}
			}
			var day int
			fmt.Sscan(line[m[2]:m[3]], &day)
			mark := ""
			if m[4] >= 0 {
				mark = line[m[4]:m[5]]
			}
			marks[day] = mark
			// A day number is right-aligned in 2 columns at the start of its cell.
			cols[day] = (width + (m[3] - m[2]) - 2) / 5
		}
	}
	return marks, cols
}

func TestMonth(t *testing.T) {
	c := Embedded()
	s, err := c.Month(2026, time.October, "zh")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("\n%s", s)
	if !strings.HasPrefix(s, "2026年10月\n一") {
		t.Errorf("heading: %q", s)
	}
	if strings.Contains(s, "\x1b") {
		t.Error("output contains an escape character")
	}
	marks, cols := monthGrid(t, s)
	if len(marks) != 31 {
		t.Fatalf("parsed %d days: %v", len(marks), marks)
	}
	for day := 1; day <= 31; day++ {
		want := ""
		switch {
		case day <= 7:
			want = "休"
		case day == 10:
			want = "班"
		case day == 11 || day == 17 || day == 18 || day == 24 || day == 25 || day == 31:
			want = "末"
		}
		if marks[day] != want {
			t.Errorf("October %d marked %q, want %q", day, marks[day], want)
		}
	}
	// Monday first: 2026-10-01 is a Thursday, 10-05 a Monday, 10-11 a Sunday.
	if cols[1] != 3 || cols[5] != 0 || cols[11] != 6 || cols[31] != 5 {
		t.Errorf("columns: 1→%d 5→%d 11→%d 31→%d", cols[1], cols[5], cols[11], cols[31])
	}
	for _, w := range []string{"休 放假：国庆节 10月1日至7日", "班 调休上班：10月10日（周六），补国庆节", "末 周末"} {
		if !strings.Contains(s, w) {
			t.Errorf("legend lacks %q", w)
		}
	}

	en, err := c.Month(2026, time.September, "en")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("\n%s", en)
	for _, w := range []string{"September 2026\nMo", "Mid-Autumn Festival, Sep 25-27", "make-up working day: Sun Sep 20 (for National Day)", "weekend"} {
		if !strings.Contains(en, w) {
			t.Errorf("en output lacks %q", w)
		}
	}
	marks, cols = monthGrid(t, en)
	if marks[20] != "班" || marks[25] != "休" || marks[27] != "休" || marks[28] != "" || cols[1] != 1 {
		t.Errorf("September 2026 grid: %v %v", marks, cols)
	}

	// A holiday spanning two months is named with both months.
	jan, _ := c.Month(2025, time.January, "zh")
	if !strings.Contains(jan, "春节 1月28日至2月4日") || !strings.Contains(jan, "元旦 1月1日") {
		t.Errorf("January 2025:\n%s", jan)
	}
	if _, err := c.Month(2026, time.October, "fr"); err == nil {
		t.Error("unsupported language accepted")
	}
	if _, err := c.Month(2026, 13, "zh"); err == nil {
		t.Error("month 13 accepted")
	}
}

func BenchmarkDay(b *testing.B) {
	c := Embedded()
	t0 := d("2026-01-01")
	for i := 0; i < b.N; i++ {
		if _, err := c.Day(t0.AddDate(0, 0, i%365)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAddWorkdays(b *testing.B) {
	c := Embedded()
	t0 := d("2025-01-01")
	for i := 0; i < b.N; i++ {
		if _, err := c.AddWorkdays(t0, 200); err != nil {
			b.Fatal(err)
		}
	}
}

// Every embedded year parses (each is parsed only at its first use).
func TestEmbeddedYearsParse(t *testing.T) {
	c := Embedded()
	if len(c.Years()) < 3 {
		t.Fatalf("embedded years %v", c.Years())
	}
	for _, y := range c.Years() {
		data, err := c.YearData(y)
		if err != nil || data.Year != y {
			t.Errorf("year %d: %v, %v", y, data, err)
		}
	}
}
