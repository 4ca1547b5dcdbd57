package report_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/report"
	"complaintdesk/store"
)

const bom = "\uFEFF"

func parseCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(b, []byte(bom)) {
		t.Fatal("CSV does not start with the UTF-8 BOM")
	}
	r := csv.NewReader(bytes.NewReader(b[len(bom):]))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// guard is what the CSV writer does to text that starts like a formula.
func guard(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func TestMonthlyCSVAndXLSXReadBack(t *testing.T) {
	w := october(t)
	ctx := context.Background()
	rep, err := w.d.MonthlyReport(ctx, w.sup, report.Month{Year: 2026, Month: time.October})
	if err != nil {
		t.Fatal(err)
	}
	p := w.d.Policy()
	for _, lang := range []string{"zh", "en"} {
		tables := rep.Tables(p, lang)

		// CSV: title, scope, then per table a blank line, its title, header and rows.
		var buf bytes.Buffer
		if err := report.WriteMonthly(&buf, rep, p, "csv", lang); err != nil {
			t.Fatal(err)
		}
		recs := parseCSV(t, buf.Bytes())
		if recs[0][0] != rep.Title(lang) {
			t.Errorf("CSV title %q", recs[0][0])
		}
		i := 2 // (the reader skips the blank lines between tables)
		for _, tb := range tables {
			if recs[i][0] != tb.Title {
				t.Fatalf("%s: CSV line %d is %q, want the title %q", lang, i, recs[i], tb.Title)
			}
			i++
			if !slices.Equal(recs[i], tb.Header) {
				t.Errorf("%s %s: header %q, want %q", lang, tb.ID, recs[i], tb.Header)
			}
			i++
			for _, row := range tb.Rows {
				var want []string
				for _, c := range row {
					if c.Kind == report.Text {
						want = append(want, guard(c.Text))
					} else {
						want = append(want, c.Text)
					}
				}
				if !slices.Equal(recs[i], want) {
					t.Errorf("%s %s: row %q, want %q", lang, tb.ID, recs[i], want)
				}
				i++
			}
			i += len(tb.Notes)
		}

		// XLSX: the same layout; numbers are numbers.
		buf.Reset()
		if err := report.WriteMonthly(&buf, rep, p, "xlsx", lang); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		// Each sheet starts with the title and the scope; a table with a
		// sheet of its own continues there.
		sheets, next := map[string][][]string{}, map[string]int{}
		for _, name := range f.GetSheetList() {
			rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			sheets[name], next[name] = rows, 2
		}
		f.Close()
		cell := func(r []string, j int) string {
			if j < len(r) {
				return r[j]
			}
			return ""
		}
		if rows := sheets[report.SheetName(lang)]; len(rows) == 0 || cell(rows[0], 0) != rep.Title(lang) {
			t.Fatalf("XLSX summary sheet %v", f.GetSheetList())
		}
		for _, tb := range tables {
			sheet := tb.Sheet
			if sheet == "" {
				sheet = report.SheetName(lang)
			}
			rows, i := sheets[sheet], next[sheet]
			if len(rows) == 0 {
				t.Fatalf("%s: no sheet %q for %s", lang, sheet, tb.ID)
			}
			i++
			if cell(rows[i], 0) != tb.Title {
				t.Fatalf("%s: XLSX row %d is %q, want the title %q", lang, i+1, rows[i], tb.Title)
			}
			i++
			for j, h := range tb.Header {
				if cell(rows[i], j) != h {
					t.Errorf("%s %s: XLSX header %d %q, want %q", lang, tb.ID, j, cell(rows[i], j), h)
				}
			}
			i++
			for _, row := range tb.Rows {
				for j, c := range row {
					got := cell(rows[i], j)
					switch {
					case c.Kind == report.Text:
						if got != c.Text {
							t.Errorf("%s %s row %d col %d: %q, want %q", lang, tb.ID, i+1, j, got, c.Text)
						}
					case c.Empty:
						if got != "" {
							t.Errorf("%s %s row %d col %d: %q, want empty", lang, tb.ID, i+1, j, got)
						}
					default:
						v, err := strconv.ParseFloat(got, 64)
						if err != nil || math.Abs(v-c.Num) > 1e-9 {
							t.Errorf("%s %s row %d col %d: %q, want the number %v", lang, tb.ID, i+1, j, got, c.Num)
						}
					}
				}
				i++
			}
			i += len(tb.Notes)
			next[sheet] = i
		}
	}

	// The overview's figures as a person reads them.
	var buf bytes.Buffer
	if err := report.WriteMonthly(&buf, rep, p, "table", "zh"); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	for _, want := range []string{"客户投诉分类统计汇总表 2026年10月", "首次响应按时率        71.4%  50.0%  +21.4", "结案按时率            66.7%  50.0%  +16.7",
		"运单 SF1", "复开率                16.7%   0.0%  +16.7"} {
		if !strings.Contains(text, want) {
			t.Errorf("the table lacks %q:\n%s", want, text)
		}
	}

	// JSON round-trips the figures.
	buf.Reset()
	if err := report.WriteMonthly(&buf, rep, p, "json", "en"); err != nil {
		t.Fatal(err)
	}
	var back report.Monthly
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if back.Cur.Closure != rep.Cur.Closure || back.Cur.Handling != rep.Cur.Handling || back.Prev.Received != 2 {
		t.Errorf("JSON: %+v", back.Cur)
	}
}

func TestExportCasesReadBack(t *testing.T) {
	w := october(t)
	ctx := context.Background()
	p := w.d.Policy()
	cols := report.Columns(p, "zh")
	idx := map[string]int{}
	for i, c := range cols {
		idx[c.ID] = i
	}

	var csvBuf bytes.Buffer
	n, err := w.d.ExportCases(ctx, w.sup, store.ExportQuery{}, &csvBuf, "csv", "zh")
	if err != nil {
		t.Fatal(err)
	}
	if n != 10 {
		t.Fatalf("exported %d cases, want 10", n)
	}
	recs := parseCSV(t, csvBuf.Bytes())
	if len(recs) != 11 {
		t.Fatalf("%d CSV records, want a header and 10", len(recs))
	}
	for i, c := range cols {
		if recs[0][i] != c.Title {
			t.Errorf("header %d %q, want %q", i, recs[0][i], c.Title)
		}
	}
	byNumber := map[string][]string{}
	for _, r := range recs[1:] {
		if len(r) != len(cols) {
			t.Fatalf("a row of %d fields, want %d", len(r), len(cols))
		}
		byNumber[r[0]] = r
	}
	// The reopened case C4: its fields, clocks and outcome.
	c4 := byNumber["TS20261012-0001"]
	if c4 == nil {
		t.Fatalf("no TS20261012-0001 in %v", recs)
	}
	for id, want := range map[string]string{
		"received_at":            "2026-10-12 09:00:00",
		"channel":                "电话",
		"category_id":            "delivery.late",
		"category":               "配送/物流 / 配送延迟",
		"status":                 "已回访",
		"open":                   "否",
		"name":                   "张三",
		"phone":                  "13800000014",
		"subject":                "运单 SF1",
		"closed_at":              "2026-10-21 11:00:00",
		"satisfaction":           "4",
		"reopen_count":           "1",
		"handling_hours":         "218",
		"working_hours":          "170",
		"first_response_state":   "按时",
		"closure_state":          "超时",
		"closure_due":            "2026-10-20 00:00:00",
		"closure_ended":          "2026-10-21 11:00:00",
		"closure_margin_minutes": "-2100",
		"closure_a_state":        "",
	} {
		if got := c4[idx[id]]; got != want {
			t.Errorf("C4 %s = %q, want %q", id, got, want)
		}
	}

	// JSON: the same cases, keyed by column id.
	var jsonBuf bytes.Buffer
	if _, err := w.d.ExportCases(ctx, w.sup, store.ExportQuery{}, &jsonBuf, "json", "zh"); err != nil {
		t.Fatal(err)
	}
	var objs []map[string]any
	if err := json.Unmarshal(jsonBuf.Bytes(), &objs); err != nil {
		t.Fatalf("JSON: %v\n%s", err, jsonBuf.String())
	}
	if len(objs) != 10 {
		t.Fatalf("%d JSON objects", len(objs))
	}
	for _, o := range objs {
		if o["number"] == "TS20261012-0001" {
			if o["reopen_count"] != 1.0 || o["closure_state"] != "超时" || o["closure_a_state"] != nil || o["closed_at"] != "2026-10-21T11:00:00+08:00" {
				t.Errorf("C4 in JSON: %v", o)
			}
		}
	}

	// XLSX read back: every cell as the CSV has it (dates are date cells
	// shown as the CSV writes them).
	var xBuf bytes.Buffer
	if _, err := w.d.ExportCases(ctx, w.sup, store.ExportQuery{}, &xBuf, "xlsx", "zh"); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(xBuf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{report.SheetTitle("zh", 1)}) {
		t.Errorf("sheets %v", got)
	}
	rows, err := f.GetRows(report.SheetTitle("zh", 1))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(recs) {
		t.Fatalf("%d XLSX rows, %d CSV records", len(rows), len(recs))
	}
	for i := range rows {
		for j := range recs[i] {
			got := ""
			if j < len(rows[i]) {
				got = rows[i][j]
			}
			if want := recs[i][j]; got != want {
				t.Errorf("XLSX row %d %s = %q, CSV has %q", i+1, cols[j].ID, got, want)
			}
		}
	}

	// Filters: October's intake only.
	var mBuf bytes.Buffer
	from, to := report.Month{Year: 2026, Month: time.October}.Bounds(shanghai)
	if n, err := w.d.ExportCases(ctx, w.sup, store.ExportQuery{ReceivedFrom: from, ReceivedTo: to, Query: store.Query{Grade: "B"}}, &mBuf, "csv", "en"); err != nil || n != 2 {
		t.Errorf("October grade B: %d, %v", n, err)
	}

	// A quality inspector sees names and phones masked; an agent may not export.
	qa := desk.Actor{Name: "质检王", Role: "qa"}
	var qBuf bytes.Buffer
	if _, err := w.d.ExportCases(ctx, qa, store.ExportQuery{}, &qBuf, "csv", "zh"); err != nil {
		t.Fatal(err)
	}
	for _, r := range parseCSV(t, qBuf.Bytes())[1:] {
		if r[idx["name"]] != "张*" || !strings.Contains(r[idx["phone"]], "****") {
			t.Errorf("qa sees %q %q", r[idx["name"]], r[idx["phone"]])
		}
	}
	_, err = w.d.ExportCases(ctx, desk.Actor{Name: "a", Role: "agent"}, store.ExportQuery{}, &qBuf, "csv", "zh")
	var ve *desk.ValidationError
	if !errors.As(err, &ve) {
		t.Errorf("an agent exported: %v", err)
	}
}

func TestExportGuardsSpreadsheetsAndTerminals(t *testing.T) {
	w := newWorld(t)
	w.set("2026-11-02 10:00")
	r := desk.Registration{Channel: "phone", Nature: "complaint", Grade: "C", Name: "=HYPERLINK(\"x\")", Phone: "13800000001",
		Content: "-1+1 第一行\n第二行", Subject: "@SUM(A1)"}
	c, _, err := w.d.Register(context.Background(), w.sup, r)
	if err != nil {
		t.Fatal(err)
	}
	// An escape sequence cannot be typed any more (the input rules), but a
	// desk may hold text stored before them: the export still guards it.
	err = w.st.Write(context.Background(), func(tx store.Tx) error {
		got, err := tx.CaseByNumber(c.Number)
		if err != nil {
			return err
		}
		got.Content += "\x1b[2J"
		got.Version++
		return tx.UpdateCase(got)
	})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := w.d.ExportCases(context.Background(), w.sup, store.ExportQuery{}, &buf, "csv", "zh"); err != nil {
		t.Fatal(err)
	}
	recs := parseCSV(t, buf.Bytes())
	cols := report.Columns(w.d.Policy(), "zh")
	for j, c := range cols {
		v := recs[1][j]
		switch c.ID {
		case "name", "content", "subject":
			if !strings.HasPrefix(v, "'") {
				t.Errorf("%s %q is not guarded", c.ID, v)
			}
		}
		if strings.ContainsRune(v, 0x1b) {
			t.Errorf("%s keeps an escape: %q", c.ID, v)
		}
	}
	buf.Reset()
	if _, err := w.d.ExportCases(context.Background(), w.sup, store.ExportQuery{}, &buf, "json", "zh"); err != nil {
		t.Fatal(err)
	}
	if bytes.ContainsRune(buf.Bytes(), 0x1b) {
		t.Error("JSON keeps an escape")
	}
	var objs []map[string]any
	if err := json.Unmarshal(buf.Bytes(), &objs); err != nil || objs[0]["content"] != "-1+1 第一行\n第二行[2J" {
		t.Errorf("JSON content %v %v", objs, err)
	}
}

// usedRanges reads each sheet's declared <dimension> from an XLSX file and
// works out the range its cells really use, by sheet name.
func usedRanges(t *testing.T, b []byte) (declared, used map[string]string) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	declared, used = map[string]string{}, map[string]string{}
	for _, sheet := range f.GetSheetList() {
		if declared[sheet], err = f.GetSheetDimension(sheet); err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		cols := 0
		for _, r := range rows {
			cols = max(cols, len(r))
		}
		last, err := excelize.CoordinatesToCellName(cols, len(rows))
		if err != nil {
			t.Fatal(err)
		}
		used[sheet] = "A1:" + last
	}
	return declared, used
}

// Readers that trust the declared dimension must see every row.
func TestXLSXDeclaresTheUsedRange(t *testing.T) {
	w := october(t)
	ctx := context.Background()
	var buf bytes.Buffer
	n, err := w.d.ExportCases(ctx, w.sup, store.ExportQuery{}, &buf, "xlsx", "zh")
	if err != nil {
		t.Fatal(err)
	}
	declared, used := usedRanges(t, buf.Bytes())
	last, _ := excelize.CoordinatesToCellName(len(report.Columns(w.d.Policy(), "zh")), n+1)
	sheet := report.SheetTitle("zh", 1)
	if declared[sheet] != "A1:"+last || used[sheet] != declared[sheet] {
		t.Errorf("export: declared %s, used %s, want A1:%s", declared[sheet], used[sheet], last)
	}

	rep, err := w.d.MonthlyReport(ctx, w.sup, report.Month{Year: 2026, Month: time.October})
	if err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	if err := report.WriteMonthly(&buf, rep, w.d.Policy(), "xlsx", "en"); err != nil {
		t.Fatal(err)
	}
	declared, used = usedRanges(t, buf.Bytes())
	sheet = report.SheetName("en")
	if declared[sheet] == "A1" || declared[sheet] != used[sheet] {
		t.Errorf("report: declared %s, used %s", declared[sheet], used[sheet])
	}
}

// The change columns hold the rounded numbers the table shows, not
// binary noise; the definitions say so.
func TestMonthlyXLSXChangesAreRounded(t *testing.T) {
	w := october(t)
	rep, err := w.d.MonthlyReport(context.Background(), w.sup, report.Month{Year: 2026, Month: time.October})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := report.WriteMonthly(&buf, rep, w.d.Policy(), "xlsx", "zh"); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(report.SheetName("zh"), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	changes := 0
	for _, r := range rows {
		if len(r) == 0 {
			continue
		}
		for _, tb := range rep.Tables(w.d.Policy(), "zh") {
			for _, row := range tb.Rows {
				if row[0].Text != r[0] {
					continue
				}
				for j, c := range row {
					if (c.Kind != report.DeltaPP && c.Kind != report.DeltaH && c.Kind != report.DeltaScore) || c.Empty || j >= len(r) {
						continue
					}
					changes++
					// The raw cell is the shown text's number: "+21.4" is 21.4.
					want, _ := strconv.ParseFloat(c.Text, 64)
					if got := r[j]; got != strconv.FormatFloat(want, 'f', -1, 64) {
						t.Errorf("%s %q: the cell holds %s, the table shows %s", tb.ID, r[0], got, c.Text)
					}
				}
			}
		}
	}
	if changes < 4 {
		t.Errorf("only %d change cells checked", changes)
	}
	if defs := report.Definitions("zh"); !strings.Contains(strings.Join(defs, ""), "增减 = 本月 − 上月") {
		t.Error("the definitions do not say how a change is computed")
	}
}

// Complaint text keeps its line feeds in CSV (records end with CRLF) and
// comes back from XLSX as written.
func TestExportKeepsTextAsWritten(t *testing.T) {
	w := newWorld(t)
	w.set("2026-11-02 10:00")
	content := "第一行：快递延误\n第二行，要求退款\n\n  缩进的第四行 & <备注> _x000D_"
	r := desk.Registration{Channel: "phone", Nature: "complaint", Grade: "C", Name: "李四", Phone: "13800000001",
		Content: content, Subject: "订单, \"A12\""}
	if _, _, err := w.d.Register(context.Background(), w.sup, r); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := w.d.ExportCases(context.Background(), w.sup, store.ExportQuery{}, &buf, "csv", "zh"); err != nil {
		t.Fatal(err)
	}
	raw := buf.String()
	if !strings.Contains(raw, `"`+content+`"`) {
		t.Errorf("the CSV does not hold the content with its line feeds, quoted:\n%q", raw)
	}
	if strings.Count(raw, "\r\n") != 2 || !strings.HasSuffix(raw, "\r\n") {
		t.Errorf("want two records each ending with CRLF and no CR elsewhere:\n%q", raw)
	}
	if !strings.Contains(raw, `"订单, ""A12"""`) {
		t.Errorf("a field with a comma and quotes is not quoted: %q", raw)
	}
	cols := report.Columns(w.d.Policy(), "zh")
	idx := map[string]int{}
	for i, c := range cols {
		idx[c.ID] = i
	}
	// encoding/csv would read a CRLF inside a field as LF too: the raw
	// check above is what catches that; here the fields line up.
	if recs := parseCSV(t, buf.Bytes()); recs[1][idx["content"]] != content || recs[1][idx["subject"]] != `订单, "A12"` {
		t.Errorf("CSV fields %q", recs[1])
	}

	buf.Reset()
	if _, err := w.d.ExportCases(context.Background(), w.sup, store.ExportQuery{}, &buf, "xlsx", "zh"); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(report.SheetTitle("zh", 1))
	if err != nil {
		t.Fatal(err)
	}
	if got := rows[1][idx["content"]]; got != content {
		t.Errorf("XLSX content %q, want %q", got, content)
	}
}
