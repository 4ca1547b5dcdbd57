package importer

import (
	"encoding/xml"
	"errors"
	"io"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// excelizeRows reads a sheet as the importer did with excelize: raw
// values, and a cell is timed when its formatted text shows ":" or 时.
func excelizeRows(t *testing.T, path, sheet string) (rows [][]string, timed [][]bool, date1904 bool) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if sheet == "" {
		sheet = f.GetSheetList()[0]
	}
	raw, err := f.Rows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	shown, _ := f.Rows(sheet)
	for raw.Next() {
		cells, err := raw.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		var tm []bool
		if shown.Next() {
			s, _ := shown.Columns()
			for i, v := range cells {
				if i < len(s) && s[i] != v && strings.ContainsAny(s[i], ":时") && isNumber(v) {
					if tm == nil {
						tm = make([]bool, len(cells))
					}
					tm[i] = true
				}
			}
		}
		rows, timed = append(rows, cells), append(timed, tm)
	}
	if p, err := f.GetWorkbookProps(); err == nil && p.Date1904 != nil {
		date1904 = *p.Date1904
	}
	return rows, timed, date1904
}

// The workbook reader gives the cells excelize gave: strings shared,
// inline and rich, numbers as stored, formulas' values, rows and columns
// left out, escapes, the times a number format shows.
func TestWorkbookReadsAsExcelize(t *testing.T) {
	path := filepath.Join(t.TempDir(), "book.xlsx")
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	f.NewSheet("第二页")
	style := func(s *excelize.Style) int { id, _ := f.NewStyle(s); return id }
	custom := func(code string) int { return style(&excelize.Style{CustomNumFmt: &code}) }
	set := func(sheet, cell string, v any, st int) {
		f.SetCellValue(sheet, cell, v)
		if st != 0 {
			f.SetCellStyle(sheet, cell, cell, st)
		}
	}
	set(sh, "A1", "标题", 0)
	set(sh, "A2", "编号", 0)
	set(sh, "B2", "受理时间", 0)
	set(sh, "C2", "电话", 0)
	set(sh, "E2", "内容", 0) // D2 left empty
	set(sh, "A3", "TS-1", 0)
	set(sh, "B3", 43990.5, style(&excelize.Style{NumFmt: 22}))
	set(sh, "C3", 13800138000, 0)
	set(sh, "E3", "line_x000D_break", 0)
	set(sh, "A4", 1.5, custom(`yyyy"年"m"月"d"日" h"时"mm"分"`))
	set(sh, "B4", 43990, custom("yyyy-mm-dd hh:mm"))
	set(sh, "C4", 43990, style(&excelize.Style{NumFmt: 14}))
	set(sh, "D4", 0.25, style(&excelize.Style{NumFmt: 20}))
	set(sh, "E4", true, 0)
	set(sh, "F4", "12:30", custom("hh:mm")) // text in a time format stays text
	f.SetCellFormula(sh, "G4", "C4+1")
	set(sh, "A7", "after two empty rows", 0)
	f.SetCellRichText(sh, "B7", []excelize.RichTextRun{{Text: "富"}, {Text: "文本"}})
	set(sh, "C7", 1e-7, 0)
	set(sh, "D7", -2, custom(`0.00;[Red]"-"h:mm`))
	set(sh, "F7", "", 0)
	set(sh, "A8", -0.5, custom("hh:mm"))
	set(sh, "B8", 5, custom(`0":"`))
	set(sh, "C8", 0, custom(`0;-0;"zero:"`))
	set(sh, "D8", 3, custom(`"时"@`))
	set(sh, "A9", -5, custom(`0":"`))
	set(sh, "B9", -5, custom(`0;0":"`))
	set(sh, "C9", 1.25, custom(`[h]:mm;0`))
	set(sh, "D9", -1.25, custom(`0;[h]:mm`))
	set("第二页", "B2", "second", 0)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	for _, sheet := range []string{"", "第二页"} {
		wantRows, wantTimed, want1904 := excelizeRows(t, path, sheet)
		wb, err := openWorkbook(path)
		if err != nil {
			t.Fatal(err)
		}
		s := wb.sheets[0]
		if sheet != "" {
			if s, err = wb.sheetNamed(strings.ToUpper(sheet)); err != nil {
				t.Fatal(err)
			}
		}
		rows, err := wb.rows(s)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; ; i++ {
			cells, timed, err := rows.Next()
			if errors.Is(err, io.EOF) {
				if i != len(wantRows) {
					t.Errorf("sheet %q: %d rows, excelize read %d", sheet, i, len(wantRows))
				}
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if i >= len(wantRows) {
				t.Fatalf("sheet %q: row %d beyond excelize's %d: %q", sheet, i+1, len(wantRows), cells)
			}
			if !reflect.DeepEqual(cells, wantRows[i]) || !reflect.DeepEqual(timed, wantTimed[i]) {
				t.Errorf("sheet %q row %d: %q %v, excelize %q %v", sheet, i+1, cells, timed, wantRows[i], wantTimed[i])
			}
		}
		if wb.date1904 != want1904 {
			t.Errorf("date1904 %v, excelize %v", wb.date1904, want1904)
		}
		rows.Close()
		wb.Close()
	}
	// The register in testdata too.
	wantRows, wantTimed, _ := excelizeRows(t, "testdata/register-zh.xlsx", "")
	wb, err := openWorkbook("testdata/register-zh.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	rows, err := wb.rows(wb.sheets[0])
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for i := range wantRows {
		cells, timed, err := rows.Next()
		if err != nil {
			t.Fatalf("row %d: %v", i+1, err)
		}
		if !reflect.DeepEqual(cells, wantRows[i]) || !reflect.DeepEqual(timed, wantTimed[i]) {
			t.Errorf("register row %d: %q %v, excelize %q %v", i+1, cells, timed, wantRows[i], wantTimed[i])
		}
	}
	if _, _, err := rows.Next(); !errors.Is(err, io.EOF) {
		t.Errorf("after the register's rows: %v", err)
	}
	if rowOf("D17") != 17 {
		t.Error("rowOf")
	}
}

// A sheet whose XML breaks off gives the rows before, the broken one as
// an error, and then the end (never the same error forever).
func TestWorkbookBrokenSheet(t *testing.T) {
	path := filepath.Join(t.TempDir(), "broken.xlsx")
	f := excelize.NewFile()
	f.SetCellValue("Sheet1", "A1", "编号")
	f.SetCellValue("Sheet1", "A2", "TS-1")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	wb, err := openWorkbook(path)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	// The sheet's part, cut in the middle of its second row.
	zf := wb.files[wb.sheets[0].path]
	rc, _ := zf.Open()
	data, _ := io.ReadAll(rc)
	rc.Close()
	cut := strings.Index(string(data), `<row r="2"`) + 20
	r := &sheetRows{wb: wb, rc: io.NopCloser(nil), dec: xml.NewDecoder(strings.NewReader(string(data[:cut])))}
	if err := r.advance(); err != nil {
		t.Fatal(err)
	}
	if cells, _, err := r.Next(); err != nil || len(cells) != 1 || cells[0] != "编号" {
		t.Fatalf("first row %q, %v", cells, err)
	}
	if _, _, err := r.Next(); err == nil || errors.Is(err, io.EOF) {
		t.Fatalf("the broken row: %v", err)
	}
	if _, _, err := r.Next(); !errors.Is(err, io.EOF) {
		t.Fatalf("after the broken row: %v", err)
	}
}
