package importer_test

// Imports on a real SQLite database: the shared real data sets with the
// example mappings, the Chinese file as GBK and as a workbook, rejects and
// their re-import, dry runs, interruption.

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	_ "time/tzdata"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"complaintdesk/internal/deadline"
	"complaintdesk/internal/desk"
	"complaintdesk/internal/importer"
	"complaintdesk/store"
	"complaintdesk/store/sqlite"
)

var shanghai = func() *time.Location {
	l, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		panic(err)
	}
	return l
}()

// testNow is the desk's clock in these tests.
var testNow = time.Date(2026, 11, 20, 10, 0, 0, 0, shanghai)

var importer1 = desk.Actor{Name: "导入员", Role: "admin"}

// dataDir is ../shared/data beside the repository. A missing file fails
// the test: CI runs with it there.
func dataFile(t *testing.T, name string) string {
	t.Helper()
	p := filepath.Join("..", "..", "..", "shared", "data", name)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("the real data file %s is missing (../shared must be beside the repository): %v", p, err)
	}
	return p
}

func exampleMapping(t *testing.T, name string) *importer.Mapping {
	t.Helper()
	m, err := importer.LoadMapping(filepath.Join("..", "..", "examples", "import", name))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

type testDesk struct {
	t   *testing.T
	ctx context.Context
	db  *sqlite.DB
	d   *desk.Desk
}

func newDesk(t *testing.T) *testDesk {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "desk.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	d, err := desk.Open(ctx, db, desk.Options{By: "test"})
	if err != nil {
		t.Fatal(err)
	}
	d.Now = func() time.Time { return testNow }
	return &testDesk{t: t, ctx: ctx, db: db, d: d}
}

func (e *testDesk) run(file string, m *importer.Mapping, mod func(*importer.Options)) (importer.Summary, []*importer.RowError, error) {
	e.t.Helper()
	var bad []*importer.RowError
	o := importer.Options{File: file, Mapping: m, Desk: e.d, Actor: importer1,
		OnReject: func(_ string, re *importer.RowError) { bad = append(bad, re) }}
	if mod != nil {
		mod(&o)
	}
	sum, err := importer.Run(e.ctx, o)
	return sum, bad, err
}

func (e *testDesk) mustImport(file string, m *importer.Mapping, mod func(*importer.Options)) importer.Summary {
	e.t.Helper()
	sum, bad, err := e.run(file, m, mod)
	if err != nil {
		e.t.Fatalf("import %s: %v", file, err)
	}
	for _, b := range bad {
		e.t.Errorf("rejected: %v", b)
	}
	return sum
}

func (e *testDesk) bySource(source, id string) (*store.Case, []store.Event) {
	e.t.Helper()
	var c *store.Case
	var evs []store.Event
	err := e.db.Read(e.ctx, func(tx store.Tx) error {
		var err error
		if c, err = tx.CaseBySource(source, id); err != nil {
			return err
		}
		evs, err = tx.Events(c.ID)
		return err
	})
	if err != nil {
		e.t.Fatalf("case %s %s: %v", source, id, err)
	}
	return c, evs
}

func (e *testDesk) count(q store.Query) int {
	e.t.Helper()
	var n int
	err := e.db.Read(e.ctx, func(tx store.Tx) error {
		var err error
		n, err = tx.CountCases(q)
		return err
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

// readCSV is the oracle: the file read with encoding/csv, without the BOM.
func readCSV(t *testing.T, path string) (map[string]int, [][]string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF"))))
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	return col, recs[1:]
}

func TestImportRealDataSets(t *testing.T) {
	e := newDesk(t)
	type check func(t *testing.T, row []string, col map[string]int, c *store.Case, evs []store.Event)
	sets := []struct {
		file, mapping, source, id string
		check                     check
	}{
		{"car-complaints-zh-600.csv", "car-complaints-zh.toml", "car-complaints-zh", "id",
			func(t *testing.T, row []string, col map[string]int, c *store.Case, evs []store.Event) {
				if c.Content != strings.TrimSpace(row[col["desc"]]) {
					t.Fatalf("content %q, the file has %q", c.Content, row[col["desc"]])
				}
				want, _ := time.ParseInLocation("2006-01-02", row[col["datetime"]], shanghai)
				if !c.ReceivedAt.Equal(want) {
					t.Fatalf("received %v, the file has %s", c.ReceivedAt, row[col["datetime"]])
				}
				wantStatus := "closed"
				if row[col["status"]] == "用户评分" {
					wantStatus = "revisited"
				}
				if c.Status != wantStatus || c.Fields["site_status"] != row[col["status"]] || c.Fields["problem_codes"] != row[col["problem"]] {
					t.Fatalf("status %s fields %v for %q", c.Status, c.Fields, row[col["status"]])
				}
				if !strings.HasPrefix(c.Subject, row[col["brand"]]+" ") {
					t.Fatalf("subject %q", c.Subject)
				}
			}},
		{"cfpb-complaints-1000.csv", "cfpb.toml", "cfpb", "complaint_id",
			func(t *testing.T, row []string, col map[string]int, c *store.Case, evs []store.Event) {
				want, _ := time.ParseInLocation("1/2/2006", row[col["date_received"]], shanghai)
				if !c.ReceivedAt.Equal(want) {
					t.Fatalf("received %v, the file has %s", c.ReceivedAt, row[col["date_received"]])
				}
				if !strings.HasPrefix(c.Content, row[col["issue"]]) || c.Resolution != row[col["company_response_to_consumer"]] {
					t.Fatalf("content %q resolution %q", c.Content, c.Resolution)
				}
				if c.Status != "closed" || c.Primary().Name != "" || !c.Primary().Anonymous {
					t.Fatalf("status %s complainant %+v: closed, and unknown", c.Status, c.Primary())
				}
				ch := map[string]string{"Web": "web", "Postal mail": "letter", "Fax": "letter", "Phone": "phone", "Email": "email", "Referral": "other"}
				if c.Channel != ch[row[col["submitted_via"]]] {
					t.Fatalf("channel %s for %s", c.Channel, row[col["submitted_via"]])
				}
			}},
		{"cfpb-narratives-3947.csv", "cfpb-narratives.toml", "cfpb-narratives", "",
			func(t *testing.T, row []string, col map[string]int, c *store.Case, evs []store.Event) {
				// As typed, but a tab (three narratives have one) is stored
				// as the four spaces it is shown as (internal/input).
				if c.Content != strings.ReplaceAll(strings.TrimSpace(row[col["Consumer complaint narrative"]]), "\t", "    ") {
					t.Fatalf("narrative of %s changed", row[0])
				}
				if !c.ReceivedAt.Equal(time.Date(2015, 3, 19, 0, 0, 0, 0, shanghai)) || !strings.Contains(evs[0].Note, "default 2015-03-19") {
					t.Fatalf("received %v, note %q", c.ReceivedAt, evs[0].Note)
				}
			}},
	}
	total := 0
	for _, set := range sets {
		path := dataFile(t, set.file)
		m := exampleMapping(t, set.mapping)
		col, rows := readCSV(t, path)
		sum := e.mustImport(path, m, nil)
		if sum.Rows != len(rows) || sum.Imported != len(rows) || sum.Rejected != 0 || sum.Duplicates != 0 || sum.Source != set.source {
			t.Fatalf("%s: %+v, the file has %d rows", set.file, sum, len(rows))
		}
		total += len(rows)
		multiLine := 0
		for _, row := range rows {
			id := row[0]
			if set.id != "" {
				id = row[col[set.id]]
			}
			c, evs := e.bySource(set.source, id)
			if c.Source != set.source || c.SourceID != id {
				t.Fatalf("%s: source %q %q", set.file, c.Source, c.SourceID)
			}
			if !c.NextDue.IsZero() || c.NextClock != "" {
				t.Fatalf("%s %s: a finished import has a running clock %s %v", set.file, id, c.NextClock, c.NextDue)
			}
			if evs[0].Action != "register" || !evs[0].At.Equal(c.ReceivedAt) || evs[0].After["source_id"] != id {
				t.Fatalf("%s %s: first event %+v", set.file, id, evs[0])
			}
			if !strings.HasPrefix(c.Number, "TS"+c.ReceivedAt.In(shanghai).Format("20060102")+"-") {
				t.Fatalf("%s %s: number %s for %v", set.file, id, c.Number, c.ReceivedAt)
			}
			if strings.Contains(c.Content, "\n") {
				multiLine++
			}
			set.check(t, row, col, c, evs)
		}
		if set.source == "cfpb-narratives" && multiLine == 0 {
			t.Error("no narrative kept its line breaks")
		}
		// The same file again adds nothing.
		again := e.mustImport(path, m, nil)
		if again.Imported != 0 || again.Duplicates != len(rows) {
			t.Fatalf("%s imported twice: %+v", set.file, again)
		}
	}
	if n := e.count(store.Query{}); n != total {
		t.Fatalf("%d cases, want %d", n, total)
	}
	// Finished history does not crowd the queue's deadlines.
	for _, tab := range []store.Tab{store.TabOverdue, store.TabDueToday, store.TabRevisit, store.TabUnassigned} {
		if n := e.count(store.Query{Tab: tab, Now: testNow, DayEnd: e.d.DayEnd(testNow)}); n != 0 {
			t.Errorf("tab %d has %d imported cases", tab, n)
		}
	}
	// Chinese text is found by the desk's search.
	if n := e.count(store.Query{Search: "天窗异响"}); n == 0 {
		t.Error("search 天窗异响 finds no imported case")
	}
}

// writeGBK writes the file converted to GBK, without its BOM.
func writeGBK(t *testing.T, src string) string {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(bytes.TrimPrefix(data, []byte("\uFEFF")))
	if err != nil {
		t.Fatalf("the file does not convert to GBK: %v", err)
	}
	out := filepath.Join(t.TempDir(), "car-complaints-gbk.csv")
	if err := os.WriteFile(out, gbk, 0o600); err != nil {
		t.Fatal(err)
	}
	return out
}

// writeXLSX writes the CSV as a workbook, the dates as date cells, under
// a title row.
func writeXLSX(t *testing.T, src, dateCol string) string {
	t.Helper()
	col, rows := readCSV(t, src)
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	header := make([]string, len(col))
	for h, i := range col {
		header[i] = h
	}
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	sw, err := f.NewStreamWriter(sh)
	if err != nil {
		t.Fatal(err)
	}
	sw.SetRow("A1", []any{"汽车投诉登记表"})
	hdr := make([]any, len(header))
	for i, h := range header {
		hdr[i] = h
	}
	sw.SetRow("A2", hdr)
	for r, row := range rows {
		vals := make([]any, len(row))
		for i, v := range row {
			vals[i] = v
		}
		d, err := time.Parse("2006-01-02", row[col[dateCol]])
		if err != nil {
			t.Fatal(err)
		}
		vals[col[dateCol]] = excelize.Cell{StyleID: style, Value: d}
		cell, _ := excelize.CoordinatesToCellName(1, r+3)
		if err := sw.SetRow(cell, vals); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "car-complaints.xlsx")
	if err := f.SaveAs(out); err != nil {
		t.Fatal(err)
	}
	return out
}

// casesOf lists every case of a source as comparable text, by source id.
func (e *testDesk) casesOf(source string, ids []string) map[string]string {
	e.t.Helper()
	out := map[string]string{}
	for _, id := range ids {
		c, evs := e.bySource(source, id)
		var h []string
		for _, ev := range evs {
			h = append(h, fmt.Sprintf("%s@%s %v", ev.Action, ev.At.UTC().Format(time.RFC3339), ev.After))
		}
		out[id] = fmt.Sprintf("%s|%s|%s|%s|%s|%s|%s|%v|%v|%v", c.Number, c.ReceivedAt.UTC().Format(time.RFC3339),
			c.Content, c.Subject, c.Category, c.Status, c.Channel, c.Fields, c.Primary(), h)
	}
	return out
}

func TestChineseFileAsGBKAndAsWorkbookImportsTheSameCases(t *testing.T) {
	src := dataFile(t, "car-complaints-zh-600.csv")
	m := exampleMapping(t, "car-complaints-zh.toml")
	col, rows := readCSV(t, src)
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r[col["id"]]
	}
	want := newDesk(t)
	want.mustImport(src, m, nil)
	wantCases := want.casesOf("car-complaints-zh", ids)

	for name, file := range map[string]string{"gbk": writeGBK(t, src), "xlsx": writeXLSX(t, src, "datetime")} {
		e := newDesk(t)
		sum := e.mustImport(file, m, nil)
		if sum.Imported != len(rows) {
			t.Fatalf("%s: %+v", name, sum)
		}
		got := e.casesOf("car-complaints-zh", ids)
		for _, id := range ids {
			if got[id] != wantCases[id] {
				t.Fatalf("%s: case %s differs:\n got %s\nwant %s", name, id, got[id], wantCases[id])
			}
		}
	}
}

const registerMapping = `
source = "登记表"
id = "编号"
bad_contact = "reject"

[dates]
formats = ["YYYY-MM-DD HH:mm", "YYYY-MM-DD"]

[columns]
received = "受理时间"
closed = "结案日期"
phone = "电话"
name = "投诉人"
content = "内容"
channel = "渠道"
status = "状态"
resolution = "处理结果"

[values.channel]
"电话" = "phone"
"网站" = "web"

[values.status]
"已结案" = "closed"
"处理中" = "investigating"
`

const registerCSV = "编号,受理时间,结案日期,电话,投诉人,内容,渠道,状态,处理结果\n" +
	"A1,2026-01-05 09:00,2026-01-12,13800138000,张三,热水器漏水,电话,已结案,已更换\n" + // line 2: closed late
	"A2,2026-13-01 09:00,,13800138001,李四,空调不制冷,电话,处理中,\n" + // 3: no 13th month
	"A3,2026-02-01 10:00,,12345,王五,快递延误,网站,处理中,\n" + // 4: bad phone
	"A4,2026-02-02 10:00,,13800138003,赵六,,电话,处理中,\n" + // 5: no content
	"A5,2026-02-03 10:00,,13800138004,钱七,多收费,飞鸽,处理中,\n" + // 6: unknown channel
	"A6,2026-11-19 09:00,,13800138005,孙八,\"电饭煲无法加热，\n要求退货\",网站,处理中,\n" + // 7-8: open, running
	",,,,,,,,\n" + // 9: blank (an empty row of a spreadsheet)
	"A1,2026-01-05 09:00,2026-01-12,13800138000,张三,热水器漏水,电话,已结案,已更换\n" + // 10: the same id again
	"A7,2026-03-05 09:00,2026-03-01,13800138007,周九,发票开错,电话,已结案,重开发票\n" + // 11: closed before received
	"A8,2026-03-06 09:00,2026-03-07,,吴十,态度差,电话,已结案,已道歉\n" // 12: no contact

func writeTemp(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRejectsReportedWrittenFixedAndReimported(t *testing.T) {
	e := newDesk(t)
	m, err := importer.ParseMapping([]byte(registerMapping), "register.toml")
	if err != nil {
		t.Fatal(err)
	}
	file := writeTemp(t, "登记表.csv", registerCSV)
	rejects := filepath.Join(t.TempDir(), "rejects.csv")
	sum, bad, err := e.run(file, m, func(o *importer.Options) { o.Rejects = rejects })
	if err != nil {
		t.Fatal(err)
	}
	if sum.Imported != 2 || sum.Duplicates != 1 || sum.Rejected != 6 || sum.Blank != 1 || sum.Rows != 9 {
		t.Fatalf("summary %+v", sum)
	}
	want := []struct {
		line     int
		col, why string
	}{
		{3, "受理时间", "not a day of the calendar"},
		{4, "电话", "not a phone number the desk takes"},
		{5, "内容", "content is empty"},
		{6, "渠道", `"飞鸽" is not in the mapping's [values.channel]`},
		{11, "结案日期", "close date is before the received date"},
		{12, "电话", "no phone or email"},
	}
	if len(bad) != len(want) {
		t.Fatalf("rejected %v", bad)
	}
	for i, w := range want {
		b := bad[i]
		if b.Line != w.line || b.Problems[0].Column != w.col || !strings.Contains(b.Problems[0].Reason, w.why) {
			t.Errorf("reject %d: %v; want line %d column %s: %s", i, b, w.line, w.col, w.why)
		}
	}
	// The closed case: received, closed a week later, closure breached; no running clock.
	c, evs := e.bySource("登记表", "A1")
	if c.Status != "closed" || c.Resolution != "已更换" || len(evs) != 2 || evs[1].Action != "close" {
		t.Fatalf("A1: %s %q %+v", c.Status, c.Resolution, evs)
	}
	if !evs[1].At.Equal(time.Date(2026, 1, 12, 23, 59, 59, 0, shanghai)) {
		t.Errorf("a closing date without a time is the end of that day: %v", evs[1].At)
	}
	if !c.NextDue.IsZero() {
		t.Errorf("A1 closed has a running clock %s", c.NextClock)
	}
	states := map[string]deadline.State{}
	for _, ck := range e.d.Clocks(c, evs) {
		states[ck.ID] = ck.StateAt(testNow)
	}
	if states["closure"] != deadline.Breached || states["first_response"] != deadline.NotStarted || states["revisit"] != deadline.NotStarted {
		t.Errorf("A1 clocks %v: closure breached (closed late), the others not applicable", states)
	}
	// The open case keeps its clocks running: it is work for the desk.
	c6, _ := e.bySource("登记表", "A6")
	if c6.Status != "investigating" || c6.NextDue.IsZero() || c6.Content != "电饭煲无法加热，\n要求退货" {
		t.Errorf("A6: %s next due %v content %q", c6.Status, c6.NextDue, c6.Content)
	}

	// The reject file: the original header and the reason; fix it and import it.
	data, err := os.ReadFile(rejects)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("\uFEFF编号,受理时间,")) || !bytes.Contains(data, []byte(",reject_reason\r\n")) {
		t.Fatalf("reject file header: %q", data[:80])
	}
	fixed := string(data)
	for _, r := range [][2]string{{"2026-13-01 09:00", "2026-12-01 09:00"}, {",12345,", ",13800138002,"}, {",赵六,,", ",赵六,灯坏了,"},
		{",飞鸽,", ",电话,"}, {"2026-03-05 09:00,2026-03-01", "2026-02-25 09:00,2026-03-01"}, {",,吴十,", ",13800138008,吴十,"}} {
		if !strings.Contains(fixed, r[0]) {
			t.Fatalf("reject file lacks %q:\n%s", r[0], fixed)
		}
		fixed = strings.Replace(fixed, r[0], r[1], 1)
	}
	// A date of the future is still refused: one row stays rejected.
	fixedFile := writeTemp(t, "rejects-fixed.csv", fixed)
	sum, bad, err = e.run(fixedFile, m, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Imported != 5 || sum.Rejected != 1 || !strings.Contains(bad[0].Reason(), "in the future") {
		t.Fatalf("re-import of the fixed rejects: %+v %v", sum, bad)
	}
	// The original again: nothing new, the same rows rejected.
	sum, _, _ = e.run(file, m, nil)
	if sum.Imported != 0 || sum.Duplicates != 3 || sum.Rejected != 6 {
		t.Fatalf("original again: %+v", sum)
	}
	if n := e.count(store.Query{}); n != 7 {
		t.Fatalf("%d cases, want 7", n)
	}
}

func TestBadContactNoteKeepsTheRow(t *testing.T) {
	e := newDesk(t)
	m, err := importer.ParseMapping([]byte(strings.Replace(registerMapping, `bad_contact = "reject"`, "bad_contact = \"note\"\ncontact_optional = true", 1)), "m.toml")
	if err != nil {
		t.Fatal(err)
	}
	file := writeTemp(t, "r.csv", "编号,受理时间,结案日期,电话,投诉人,内容,渠道,状态,处理结果\n"+
		"B1,2026-01-05 09:00,2026-01-06,+1 202-555-0100,John,Card charged twice,网站,已结案,refund\n"+
		"B2,2026-01-05 09:00,2026-01-06,,,匿名投诉,网站,已结案,\n")
	sum, bad, err := e.run(file, m, nil)
	if err != nil || sum.Imported != 2 || len(bad) != 0 {
		t.Fatalf("%+v %v %v", sum, bad, err)
	}
	c, evs := e.bySource("登记表", "B1")
	if c.Primary().Phone != "" || c.Fields["phone_raw"] != "+1 202-555-0100" || !strings.Contains(evs[0].Note, "kept as text") {
		t.Errorf("B1: phone %q fields %v note %q", c.Primary().Phone, c.Fields, evs[0].Note)
	}
	c2, _ := e.bySource("登记表", "B2")
	if !c2.Primary().Anonymous {
		t.Errorf("B2 without name or contact is not recorded as unknown: %+v", c2.Primary())
	}
}

func TestDryRunWritesNothing(t *testing.T) {
	e := newDesk(t)
	m, _ := importer.ParseMapping([]byte(registerMapping), "m.toml")
	file := writeTemp(t, "r.csv", registerCSV)
	rejects := filepath.Join(t.TempDir(), "dry-rejects.csv")
	sum, bad, err := e.run(file, m, func(o *importer.Options) { o.DryRun = true; o.Batch = 2 })
	if err != nil {
		t.Fatal(err)
	}
	if sum.Imported != 2 || sum.Duplicates != 1 || sum.Rejected != 6 || len(bad) != 6 {
		t.Fatalf("dry run %+v", sum)
	}
	if n := e.count(store.Query{}); n != 0 {
		t.Fatalf("a dry run wrote %d cases", n)
	}
	if _, err := os.Stat(rejects); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("no reject file was asked for, yet: %v", err)
	}
}

func TestInterruptedImportLeavesWholeBatchesAndContinues(t *testing.T) {
	e := newDesk(t)
	file := filepath.Join(t.TempDir(), "register.csv")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := writeRegister(f, 3500); err != nil {
		t.Fatal(err)
	}
	f.Close()
	m, err := importer.LoadMapping(filepath.Join("testdata", "register.toml"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	batches := 0
	sum, err := importer.Run(ctx, importer.Options{File: file, Mapping: m, Desk: e.d, Actor: importer1, Batch: 1000,
		OnProgress: func(importer.Progress) {
			if batches++; batches == 2 {
				cancel() // ctrl+c while the third batch is read
			}
		}})
	if !errors.Is(err, context.Canceled) || !sum.Interrupted {
		t.Fatalf("err %v, summary %+v", err, sum)
	}
	if n := e.count(store.Query{}); n != 2000 || sum.Imported != 2000 {
		t.Fatalf("%d cases written (summary %d): only whole batches", n, sum.Imported)
	}
	again := e.mustImport(file, m, nil)
	if again.Imported != 1500 || again.Duplicates != 2000 {
		t.Fatalf("continuing: %+v", again)
	}
}
