package importer_test

// --suggest-map on registers nobody wrote a mapping for: the mapping it
// proposes runs as it is and imports every complaint of the file, the
// rows that are not complaints skipped.

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"complaintdesk/internal/importer"
	"complaintdesk/store"
)

func testdata(name string) string { return filepath.Join("testdata", name) }

// suggested drafts a mapping and loads it unedited.
func suggested(t *testing.T, e *testDesk, file string) (string, *importer.Mapping) {
	t.Helper()
	sug, err := importer.Suggest(file, importer.ReadOptions{}, e.d.Policy())
	if err != nil {
		t.Fatalf("suggest %s: %v\n%s", file, err, sug.Text)
	}
	text := sug.Text
	if sug.Converted != sug.Rows {
		t.Errorf("%s: %d of %d rows looked at convert", file, sug.Converted, sug.Rows)
	}
	if strings.Contains(text, "TODO") || strings.Contains(text, `= ""  #`) && !strings.Contains(text, "[values.satisfaction]") {
		t.Errorf("%s: a suggestion leaves something to fill in:\n%s", file, text)
	}
	m, err := importer.ParseMapping([]byte(text), "suggested")
	if err != nil {
		t.Fatalf("%s: the suggestion does not load: %v\n%s", file, err, text)
	}
	return text, m
}

func TestSuggestedMappingImportsRegistersAsTheyAre(t *testing.T) {
	for _, tc := range []struct {
		file     string
		rows     int      // the complaints of the file
		skipped  int      // its rows that are not complaints
		contains []string // lines the suggestion must have
	}{
		{testdata("nyc311.csv"), NYC311Rows, 0, []string{`id = "Unique Key"`, `received = "Created Date"`, `closed = "Closed Date"`,
			`category = "Complaint Type"`, `department = "Agency"`, `status = "Status"`, `resolution = "Resolution Description"`,
			`channel = "Open Data Channel Type"`, `formats = ["M/D/YYYY h:mm:ss A"]`, `"Closed" = "closed"`,
			`"Email Sent" = "acknowledged"`, `"ONLINE" = "web"`, `content = ["Descriptor", "Complaint Type"]`}},
		{testdata("register-zh.xlsx"), ZHRows, 3, []string{`id = "工单编号"`, `header_row = 3`, `received = "受理时间"`,
			`closed = "办结时间"`, `satisfaction = "回访情况"`, `department = "处理部门"`, `grade = "投诉等级"`, `"A级" = "A"`,
			`"D级" = "D"`, `"已办结" = "closed"`, `"满意" = "5"`, `"未回访" = ""`, `"12345热线" = "phone"`, `contact_optional = true`}},
		{testdata("register-zh-gbk.csv"), ZHRows, 3, []string{`id = "工单编号"`, `header_row = 3`, `received = "受理时间"`, `"excel"`}},
		{dataFile(t, "cfpb-complaints-1000.csv"), 1000, 0, []string{`id = "complaint_id"`, `received = "date_received"`,
			`formats = ["M/D/YYYY"]`, `"Postal mail" = "letter"`, `"Web" = "web"`, `contact_optional = true`}},
		{dataFile(t, "car-complaints-zh-600.csv"), 600, 0, []string{`id = "id"`, `content = "desc"`, `formats = ["YYYY-MM-DD"]`,
			`"厂家受理" = "acknowledged"`}},
		{dataFile(t, "cfpb-narratives-3947.csv"), 3947, 0, []string{`id = "#1"`, `content = "Consumer complaint narrative"`}},
	} {
		t.Run(filepath.Base(tc.file), func(t *testing.T) {
			e := newDesk(t)
			// After the registers' last dates; a register without dates
			// is dated the day of the suggestion.
			e.d.Now = time.Now
			text, m := suggested(t, e, tc.file)
			for _, want := range tc.contains {
				if !strings.Contains(text, want) {
					t.Errorf("the suggestion lacks %s:\n%s", want, text)
				}
			}
			sum, bad, err := e.run(tc.file, m, nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, b := range bad {
				t.Errorf("rejected: %v", b)
			}
			skipped := 0
			for _, n := range sum.Skipped {
				skipped += n
			}
			if sum.Imported != tc.rows || skipped != tc.skipped || sum.Rejected != 0 {
				t.Fatalf("imported %d of %d, skipped %d (%v), rejected %d\n%s", sum.Imported, tc.rows, skipped, sum.Skipped, sum.Rejected, text)
			}
		})
	}
}

// The workbook and the CSV Excel saves from it (GBK, the cells as shown)
// are the same register: imported with one mapping they make the same
// cases, an Excel date and time at 00:00 included.
func TestChineseRegisterWorkbookAndItsCSVImportAlike(t *testing.T) {
	cases := map[string]map[string]string{}
	var ids []string
	for _, file := range []string{"register-zh.xlsx", "register-zh-gbk.csv"} {
		e := newDesk(t)
		e.d.Now = func() time.Time { return time.Date(2026, 12, 1, 9, 0, 0, 0, shanghai) }
		_, m := suggested(t, e, testdata(file))
		m.Source = "幸福里"
		sum := e.mustImport(testdata(file), m, nil)
		if sum.Imported != ZHRows || sum.Skipped[importer.SkipFooter] != 3 {
			t.Fatalf("%s: %+v", file, sum)
		}
		if ids == nil {
			for _, r := range zhRegister() {
				ids = append(ids, r.id)
			}
		}
		cases[file] = e.casesOf("幸福里", ids)
		if file != "register-zh.xlsx" {
			continue
		}
		at := func(id string) (*store.Case, []store.Event) { return e.bySource("幸福里", id) }
		// An Excel date and time at exactly 00:00 keeps its time.
		c, evs := at("GD20261101002")
		if want := time.Date(2026, 11, 3, 0, 0, 0, 0, shanghai); !c.ClosedAt.Equal(want) || !c.ReceivedAt.Equal(time.Date(2026, 11, 1, 0, 0, 0, 0, shanghai)) {
			t.Errorf("00:00 cells: received %v closed %v (%v)", c.ReceivedAt, c.ClosedAt, evs)
		}
		// A General number in a date column is an Excel serial: 09:43.
		if c, _ := at("GD20261108001"); !c.ClosedAt.Equal(time.Date(2026, 11, 8, 9, 43, 0, 0, shanghai)) {
			t.Errorf("46334.40486111111 read as %v", c.ClosedAt)
		}
		// Received by date alone, closed at 15:00 that day.
		if c, _ := at("GD20261109001"); !c.ClosedAt.Equal(time.Date(2026, 11, 9, 15, 0, 0, 0, shanghai)) || c.Status != "closed" {
			t.Errorf("closed %v status %s", c.ClosedAt, c.Status)
		}
		// Chinese numerals, 上午/下午, grades and satisfaction.
		if c, _ := at("GD20261108002"); !c.ReceivedAt.Equal(time.Date(2026, 11, 8, 0, 0, 0, 0, shanghai)) || c.Grade != "D" {
			t.Errorf("二〇二六年十一月八日: %v grade %s", c.ReceivedAt, c.Grade)
		}
		if c, _ := at("GD20261107001"); !c.ReceivedAt.Equal(time.Date(2026, 11, 7, 15, 4, 0, 0, shanghai)) || c.Grade != "A" || c.Satisfaction != 5 {
			t.Errorf("下午3:04: %v grade %s satisfaction %d", c.ReceivedAt, c.Grade, c.Satisfaction)
		}
	}
	for _, id := range ids {
		if a, b := cases["register-zh.xlsx"][id], cases["register-zh-gbk.csv"][id]; a != b {
			t.Errorf("case %s differs:\nxlsx %s\n csv %s", id, a, b)
		}
	}
}

// The formats proposed for a column of dates written every which way read
// every one of them, and no more formats than needed.
func TestSuggestedDateFormatsReadEveryDateSeen(t *testing.T) {
	dates := []string{"2026-11-01 09:41", "2026/11/3 14:20", "2026-11-04 08:05:33", "2026年11月5日15时30分", "2026.11.6",
		"2026年11月7日 下午3:04", "20261108", "二〇二六年十一月八日", "2026年11月9日 上午9:30", "46334.40486111111", "2026/11/10",
		"2026年11月11号", "2026-11-12（周四）"}
	var b strings.Builder
	b.WriteString("编号,受理时间,内容\n")
	for i, d := range dates {
		fmt.Fprintf(&b, "A%d,%s,漏水\n", i, d)
	}
	file := writeTemp(t, "dates.csv", b.String())
	e := newDesk(t)
	_, m := suggested(t, e, file)
	if len(m.Dates.Formats) > 7 {
		t.Errorf("%d formats for %d dates: %v", len(m.Dates.Formats), len(dates), m.Dates.Formats)
	}
	var fs []importer.DateFormat
	for _, l := range m.Dates.Formats {
		f, err := importer.ParseDateFormat(l)
		if err != nil {
			t.Fatal(err)
		}
		fs = append(fs, f)
	}
	for _, d := range dates {
		if _, err := importer.ParseDate(d, fs, shanghai, false); err != nil {
			t.Errorf("%q: %v (formats %v)", d, err, m.Dates.Formats)
		}
	}
	// AM/PM in English, as NYC 311 writes it.
	file = writeTemp(t, "us.csv", "Unique Key,Created Date,Descriptor\n1,06/26/2018 10:58:54 AM,Loud Music/Party\n2,06/26/2018 12:00:00 AM,Banging/Pounding\n3,06/27/2018 01:15:00 PM,Loud Talking\n")
	if _, m := suggested(t, e, file); len(m.Dates.Formats) != 1 || m.Dates.Formats[0] != "M/D/YYYY h:mm:ss A" {
		t.Errorf("formats %v", m.Dates.Formats)
	}
}

// The example mapping for NYC 311 imports the 311 register whole.
func TestNYC311ExampleMapping(t *testing.T) {
	e := newDesk(t)
	e.d.Now = time.Now
	sum := e.mustImport(testdata("nyc311.csv"), exampleMapping(t, "nyc311.toml"), nil)
	if sum.Imported != NYC311Rows || sum.Rejected != 0 {
		t.Fatalf("%+v", sum)
	}
	// 12:00:00 AM is midnight, 12:30:00 PM half past noon.
	col, rows := readCSV(t, testdata("nyc311.csv"))
	found := 0
	for _, r := range rows {
		want, ok := map[string]time.Time{
			"06/26/2018 12:00:00 AM": time.Date(2018, 6, 26, 0, 0, 0, 0, shanghai),
			"06/26/2018 12:30:00 PM": time.Date(2018, 6, 26, 12, 30, 0, 0, shanghai),
		}[r[col["Created Date"]]]
		if !ok {
			continue
		}
		found++
		if c, _ := e.bySource("nyc311", r[col["Unique Key"]]); !c.ReceivedAt.Equal(want) {
			t.Errorf("%s read as %v", r[col["Created Date"]], c.ReceivedAt)
		}
	}
	if found != 2 {
		t.Errorf("%d of the two rows found", found)
	}
}
