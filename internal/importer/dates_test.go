package importer

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

var shanghai = func() *time.Location {
	l, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		panic(err)
	}
	return l
}()

func TestParseDate(t *testing.T) {
	at := func(y int, m time.Month, d, hh, mm, ss int) time.Time {
		return time.Date(y, m, d, hh, mm, ss, 0, shanghai)
	}
	for _, tc := range []struct {
		layout, in string
		want       time.Time
		timed      bool
	}{
		{"M/D/YYYY", "8/30/2013", at(2013, 8, 30, 0, 0, 0), false},
		{"M/D/YYYY", "12/01/2013", at(2013, 12, 1, 0, 0, 0), false},
		{"YYYY-MM-DD", "2020-06-08", at(2020, 6, 8, 0, 0, 0), false},
		{"YYYY-MM-DD", "2020-6-8", at(2020, 6, 8, 0, 0, 0), false},
		{"YYYY-MM-DD", " 2020-06-08 ", at(2020, 6, 8, 0, 0, 0), false},
		{"YYYY/M/D HH:mm", "2020/6/8 14:30", at(2020, 6, 8, 14, 30, 0), true},
		{"YYYY/M/D HH:mm", "2020/6/8", at(2020, 6, 8, 0, 0, 0), false},
		{"YYYY/M/D HH:mm", "2020/6/8   9:05", at(2020, 6, 8, 9, 5, 0), true},
		{"YYYY-MM-DD HH:mm:ss", "2024-02-29 23:59:59", at(2024, 2, 29, 23, 59, 59), true},
		{"YYYY年M月D日", "2020年6月8日", at(2020, 6, 8, 0, 0, 0), false},
		{"YYYY年M月D日", "２０２０年６月８日", at(2020, 6, 8, 0, 0, 0), false},
		{"YYYYMMDD", "20200608", at(2020, 6, 8, 0, 0, 0), false},
		{"D.M.YYYY", "8.6.2020", at(2020, 6, 8, 0, 0, 0), false},
		{"M/D/YY", "6/8/20", at(2020, 6, 8, 0, 0, 0), false},
		{"excel", "43990", at(2020, 6, 8, 0, 0, 0), false},
		{"excel", "43990.5", at(2020, 6, 8, 12, 0, 0), true},
		{"excel", "45000.75", at(2023, 3, 15, 18, 0, 0), true},
		{"excel", "1", at(1900, 1, 1, 0, 0, 0), false},
		{"excel", "59", at(1900, 2, 28, 0, 0, 0), false},
		{"excel", "61", at(1900, 3, 1, 0, 0, 0), false},
		// AM/PM as NYC 311 and Excel in English write them
		{"M/D/YYYY h:mm:ss A", "06/26/2018 10:58:54 AM", at(2018, 6, 26, 10, 58, 54), true},
		{"M/D/YYYY h:mm:ss A", "06/26/2018 10:58:54 PM", at(2018, 6, 26, 22, 58, 54), true},
		{"M/D/YYYY hh:mm:ss AM/PM", "06/26/2018 12:00:00 AM", at(2018, 6, 26, 0, 0, 0), true},
		{"M/D/YYYY h:mm:ss A", "6/26/2018 12:30:00 PM", at(2018, 6, 26, 12, 30, 0), true},
		{"M/D/YYYY h:mm:ss A", "6/26/2018 10:58 p.m.", at(2018, 6, 26, 22, 58, 0), true},
		{"M/D/YYYY h:mm:ss A", "6/26/2018 10:58pm", at(2018, 6, 26, 22, 58, 0), true},
		{"M/D/YYYY h:mm:ss A", "6/26/2018 22:58:00", at(2018, 6, 26, 22, 58, 0), true},
		{"M/D/YYYY h:mm:ss A", "06/26/2018", at(2018, 6, 26, 0, 0, 0), false},
		// 上午/下午 as Chinese Excel and offices write them
		{"YYYY/M/D A h:mm", "2026/11/8 下午 3:04", at(2026, 11, 8, 15, 4, 0), true},
		{"YYYY/M/D A h:mm", "2026/11/8 上午12:30", at(2026, 11, 8, 0, 30, 0), true},
		{"YYYY/M/D A h:mm", "2026/11/8 晚上8:00", at(2026, 11, 8, 20, 0, 0), true},
		{"YYYY年M月D日 上午/下午h:mm", "2026年11月8日下午3:04", at(2026, 11, 8, 15, 4, 0), true},
		{"YYYY年M月D日 A h:mm", "2026年11月8日 中午12:10", at(2026, 11, 8, 12, 10, 0), true},
		{"YYYY年M月D日 A h:mm", "2026年11月8日 中午1:10", at(2026, 11, 8, 13, 10, 0), true},
		// Chinese numerals, 号, 点, a weekday
		{"YYYY年M月D日", "二〇二六年十一月八日", at(2026, 11, 8, 0, 0, 0), false},
		{"YYYY年M月D日", "二零二六年十二月三十一日", at(2026, 12, 31, 0, 0, 0), false},
		{"YYYY年M月D日", "2026年11月8号", at(2026, 11, 8, 0, 0, 0), false},
		{"YYYY年M月D日H时m分", "2026年11月8日15点30分", at(2026, 11, 8, 15, 30, 0), true},
		{"YYYY年M月D日H时m分", "2026年11月8日15点整", at(2026, 11, 8, 15, 0, 0), true},
		{"YYYY年M月D日 HH:mm", "2026年11月8日 星期日 15:30", at(2026, 11, 8, 15, 30, 0), true},
		{"YYYY-MM-DD", "2026-11-08（周日）", at(2026, 11, 8, 0, 0, 0), false},
		{"YYYY年M月D日", "2026年11月12日 星期四", at(2026, 11, 12, 0, 0, 0), false},
		{"YYYY年M月D日 HH:mm", "2026年11月8日 15：30", at(2026, 11, 8, 15, 30, 0), true},
		// month names, two-digit years as Excel reads them
		{"D-MMM-YY", "8-Nov-26", at(2026, 11, 8, 0, 0, 0), false},
		{"MMM D, YYYY", "Sept 8, 2026", at(2026, 9, 8, 0, 0, 0), false},
		{"D MMMM YYYY", "8 november 2026", at(2026, 11, 8, 0, 0, 0), false},
		{"YY.M.D", "26.11.8", at(2026, 11, 8, 0, 0, 0), false},
		{"M/D/YY", "6/8/99", at(1999, 6, 8, 0, 0, 0), false},
		// ISO with a fraction and a zone; seconds left out; 00:00 is a time
		{"YYYY-MM-DDTHH:mm:ssZ", "2018-06-26T10:58:54.000", at(2018, 6, 26, 10, 58, 54), true},
		{"YYYY-MM-DDTHH:mm:ssZ", "2026-11-08T07:04:05Z", at(2026, 11, 8, 15, 4, 5), true},
		{"YYYY-MM-DDTHH:mm:ssZ", "2026-11-08T07:04:05+08:00", at(2026, 11, 8, 7, 4, 5), true},
		{"YYYY/M/D HH:mm:ss", "2026/11/8 0:00", at(2026, 11, 8, 0, 0, 0), true},
	} {
		f, err := ParseDateFormat(tc.layout)
		if err != nil {
			t.Fatalf("%s: %v", tc.layout, err)
		}
		got, timed, err := f.ParseTime(tc.in, shanghai, false)
		if err != nil {
			t.Errorf("%s %q: %v", tc.layout, tc.in, err)
			continue
		}
		if !got.Equal(tc.want) || timed != tc.timed {
			t.Errorf("%s %q = %v (time %v), want %v (time %v)", tc.layout, tc.in, got, timed, tc.want, tc.timed)
		}
	}
}

func TestParseDateRefuses(t *testing.T) {
	for _, tc := range []struct{ layout, in, why string }{
		{"M/D/YYYY", "13/30/2013", "not a day"},
		{"M/D/YYYY", "2/30/2013", "not a day"},
		{"YYYY-MM-DD", "2023-02-29", "not a day"},
		{"YYYY-MM-DD", "2020-06-08x", "format"},
		{"YYYY-MM-DD", "", "format"},
		{"YYYY-MM-DD", "20-06-08", "format"},
		{"YYYY/M/D HH:mm", "2020/6/8 24:00", "time of day"},
		{"YYYY/M/D HH:mm", "2020/6/8 12:60", "time of day"},
		{"excel", "60", "never was"},
		{"excel", "0", "range"},
		{"excel", "-3", "range"},
		{"excel", "3000000", "range"},
		{"excel", "NaN", "format"},
		{"excel", "abc", "format"},
		{"M/D/YYYY h:mm A", "6/26/2018 13:00 AM", "time of day"},
		{"YYYY-MM-DDTHH:mm:ssZ", "2026-11-08T07:04:05+25:00", "format"},
		{"YYYY/M/D HH:mm", "2026/11/815:30", "format"},
		{"D-MMM-YY", "8-Nox-26", "format"},
	} {
		_, err := ParseDate(tc.in, MustDateFormats(tc.layout), shanghai, false)
		if err == nil {
			t.Errorf("%s %q parsed", tc.layout, tc.in)
			continue
		}
		if !strings.Contains(err.Error(), tc.why) {
			t.Errorf("%s %q: %v, want it to say %q", tc.layout, tc.in, err, tc.why)
		}
	}
}

func TestExcel1904(t *testing.T) {
	got, err := ParseExcelDate("42528", shanghai, true)
	if err != nil || !got.Equal(time.Date(2020, 6, 8, 0, 0, 0, 0, shanghai)) {
		t.Fatalf("1904 serial 42528 = %v, %v; want 2020-06-08", got, err)
	}
}

func TestParseDateFormatRefuses(t *testing.T) {
	for _, l := range []string{"", "MM/DD", "YYY-MM-DD", "YYYY-MM-DD mm", "YYYY-MMMMM-DD", "YYYY-MM-DD-YYYY", "YYYY-MMM-MM-DD", "YYYY-MM-DD A", "YYYY-MM-DD HH A A"} {
		if _, err := ParseDateFormat(l); err == nil {
			t.Errorf("format %q accepted", l)
		}
	}
}

func TestParseDateTriesFormatsInOrder(t *testing.T) {
	fs := MustDateFormats("YYYY-MM-DD", "M/D/YYYY")
	for in, want := range map[string]time.Time{
		"2013-08-30": time.Date(2013, 8, 30, 0, 0, 0, 0, shanghai),
		"8/30/2013":  time.Date(2013, 8, 30, 0, 0, 0, 0, shanghai),
	} {
		got, err := ParseDate(in, fs, shanghai, false)
		if err != nil || !got.Equal(want) {
			t.Errorf("%q = %v, %v", in, got, err)
		}
	}
	_, err := ParseDate("30.8.2013", fs, shanghai, false)
	if err == nil || !strings.Contains(err.Error(), "YYYY-MM-DD or M/D/YYYY") {
		t.Errorf("error %v should name the formats", err)
	}
}

// FuzzParseDate: any text and any layout either parse to a real date of the
// layout's parts or give an error; nothing panics.
func FuzzParseDate(f *testing.F) {
	for _, s := range []struct{ layout, in string }{
		{"M/D/YYYY", "8/30/2013"}, {"YYYY-MM-DD", "2020-06-08"}, {"YYYY/M/D HH:mm", "2020/6/8 14:30"},
		{"YYYY/M/D HH:mm", "2020/6/8"}, {"excel", "43990.5"}, {"excel", "1e300"}, {"YYYY年M月D日", "２０２０年６月８日"},
		{"YYYYMMDD", "20200230"}, {"D.M.YYYY", "31.12.1999"}, {"M/D/YY", "99/99/99"}, {"YYYY-MM-DD HH:mm:ss", "2020-06-08 1"},
		{"excel", "-0"}, {"HH:mm YYYY-MM-DD", "25:00 2020-01-01"}, {"YYYY-MM-DD", "\xff\xfe"},
	} {
		f.Add(s.layout, s.in)
	}
	f.Fuzz(func(t *testing.T, layout, in string) {
		df, err := ParseDateFormat(layout)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an empty error")
			}
			return
		}
		got, timed, err := df.ParseTime(in, shanghai, false)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an empty error")
			}
			return
		}
		if got.IsZero() {
			t.Fatalf("%s %q parsed to the zero time", layout, in)
		}
		if !df.excel {
			if y := got.Year(); y < 0 || y > 9999 {
				t.Fatalf("%s %q: year %d", layout, in, y)
			}
		}
		if !timed && (got.Hour() != 0 || got.Minute() != 0 || got.Second() != 0) {
			t.Fatalf("%s %q: no time read but %v", layout, in, got)
		}
		if !utf8.ValidString(in) && !df.excel {
			// invalid bytes can only be literals of the layout
			return
		}
	})
}
