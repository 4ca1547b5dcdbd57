package importer

import (
	"bytes"
	"errors"
	"io"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// readAll reads a CSV given as text and returns the header, rows and
// row errors.
func readAll(t *testing.T, data []byte, o ReadOptions) (Reader, []Row, []*RowError) {
	t.Helper()
	r, err := NewCSVReader(bytes.NewReader(data), int64(len(data)), o)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	var rows []Row
	var bad []*RowError
	for {
		row, err := r.Next()
		if err == io.EOF {
			break
		}
		var re *RowError
		if errors.As(err, &re) {
			bad = append(bad, re)
			continue
		}
		if err != nil {
			t.Fatalf("next: %v", err)
		}
		rows = append(rows, row)
	}
	return r, rows, bad
}

func TestCSVUTF8WithBOMAndQuotedNewlines(t *testing.T) {
	data := []byte("\uFEFFid,desc,problem\r\n" +
		"1,\"一汽马自达\r\n车身异响\",\"H93,H15,\"\r\n" +
		"2,漏油,A9\r\n")
	r, rows, bad := readAll(t, data, ReadOptions{})
	if !reflect.DeepEqual(r.Header(), []string{"id", "desc", "problem"}) {
		t.Fatalf("header %q (the BOM must not stick to the first name)", r.Header())
	}
	if len(bad) > 0 || len(rows) != 2 {
		t.Fatalf("rows %v, bad %v", rows, bad)
	}
	if rows[0].Line != 2 || rows[1].Line != 4 {
		t.Errorf("lines %d, %d; want 2 and 4 (a quoted cell spans two lines)", rows[0].Line, rows[1].Line)
	}
	if rows[0].Cells[1] != "一汽马自达\n车身异响" || rows[0].Cells[2] != "H93,H15," {
		t.Errorf("cells %q", rows[0].Cells)
	}
	if !strings.Contains(r.Describe(), "UTF-8 with BOM, comma") {
		t.Errorf("describe %q", r.Describe())
	}
}

func TestCSVDelimiters(t *testing.T) {
	for name, tc := range map[string]struct {
		data  string
		delim string
	}{
		"tab with commas in cells": {"编号\t内容\n1\t你好,世界\n", "tab"},
		"semicolon (Europe)":       {"id;content\n1;a,b\n", "semicolon"},
		"comma":                    {"id,content\n1,a;b\n", "comma"},
	} {
		r, rows, bad := readAll(t, []byte(tc.data), ReadOptions{})
		if len(bad) > 0 || len(rows) != 1 || len(rows[0].Cells) != 2 {
			t.Errorf("%s: rows %v bad %v", name, rows, bad)
			continue
		}
		if !strings.HasSuffix(r.Describe(), tc.delim) {
			t.Errorf("%s: detected %q", name, r.Describe())
		}
	}
}

func TestCSVEncodings(t *testing.T) {
	text := "编号,投诉内容\n1,吉利星越车机卡顿 版本与宣传不符\n2,刹车片异常磨损\n"
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct {
		data []byte
		desc string
	}{
		"utf-8":    {[]byte(text), "UTF-8"},
		"gbk":      {gbk, "GB18030/GBK"},
		"utf-16le": {utf16, "UTF-16LE"},
	} {
		r, rows, bad := readAll(t, tc.data, ReadOptions{})
		if len(bad) > 0 || len(rows) != 2 {
			t.Errorf("%s: rows %v bad %v", name, rows, bad)
			continue
		}
		if rows[0].Cells[1] != "吉利星越车机卡顿 版本与宣传不符" || r.Header()[1] != "投诉内容" {
			t.Errorf("%s: read %q / %q", name, r.Header(), rows[0].Cells)
		}
		if !strings.Contains(r.Describe(), tc.desc) {
			t.Errorf("%s: detected %q", name, r.Describe())
		}
	}
	// GBK read as UTF-8 on purpose: each row says what to do.
	_, rows, bad := readAll(t, append([]byte("id,content\n"), gbk[len("编号,投诉内容\n")-6:]...), ReadOptions{Encoding: "utf-8"})
	if len(rows) != 0 || len(bad) == 0 || !strings.Contains(bad[0].Error(), "--encoding gb18030") {
		t.Errorf("GBK forced to UTF-8: rows %v bad %v", rows, bad)
	}
}

func TestCSVRowShapes(t *testing.T) {
	data := "投诉登记表\n\nid,a,b\n1,x\n2,x,y,,\n3,x,y,z\n4,\"x\ny\" ,z\n"
	r, rows, bad := readAll(t, []byte(data), ReadOptions{})
	if r.HeaderLine() != 3 || !reflect.DeepEqual(r.Header(), []string{"id", "a", "b"}) {
		t.Fatalf("header line %d %q: the title above should be skipped", r.HeaderLine(), r.Header())
	}
	if len(rows) != 3 || !reflect.DeepEqual(rows[0].Cells, []string{"1", "x", ""}) || !reflect.DeepEqual(rows[1].Cells, []string{"2", "x", "y"}) {
		t.Errorf("rows %v: a short row is padded, empty extra cells dropped", rows)
	}
	if len(bad) != 1 || bad[0].Line != 6 || !strings.Contains(bad[0].Error(), "4 cells but the header has 3") {
		t.Fatalf("bad %v", bad)
	}
	if rows[2].Line != 7 || rows[2].Cells[0] != "4" {
		t.Errorf("a stray quote is text: row %d %q", rows[2].Line, rows[2].Cells)
	}
}

func TestCSVOneColumnAndHeaderRow(t *testing.T) {
	_, rows, _ := readAll(t, []byte("content\na\nb\nc\n"), ReadOptions{})
	if len(rows) != 3 {
		t.Errorf("a one-column file lost rows: %v", rows)
	}
	r, rows, _ := readAll(t, []byte("x,y\ntitle,2020\nid,content\n1,a\n"), ReadOptions{HeaderRow: 3})
	if r.Header()[0] != "id" || len(rows) != 1 {
		t.Errorf("header_row 3: header %q rows %v", r.Header(), rows)
	}
}

func TestCSVEmpty(t *testing.T) {
	for _, data := range []string{"", "\uFEFF", "\n\n"} {
		if _, err := NewCSVReader(strings.NewReader(data), 0, ReadOptions{}); err == nil || !strings.Contains(err.Error(), "no header") {
			t.Errorf("%q: %v", data, err)
		}
	}
}

func TestXLSX(t *testing.T) {
	path := filepath.Join(t.TempDir(), "登记表.xlsx")
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	f.SetCellValue(sh, "A1", "客户投诉登记表")
	f.MergeCell(sh, "A1", "D1")
	for i, h := range []string{"编号", "受理日期", "联系电话", "投诉内容"} {
		cell, _ := excelize.CoordinatesToCellName(i+1, 2)
		f.SetCellValue(sh, cell, h)
	}
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	f.SetCellValue(sh, "A3", "TS-1")
	f.SetCellValue(sh, "B3", 43990) // 2020-06-08
	f.SetCellStyle(sh, "B3", "B3", style)
	f.SetCellValue(sh, "C3", 13800138000)
	f.SetCellValue(sh, "D3", "刹车异响")
	f.SetCellValue(sh, "A5", "TS-2") // row 4 is empty
	f.SetCellValue(sh, "D5", "漏油")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	r, err := Open(path, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if r.HeaderLine() != 2 || r.Header()[3] != "投诉内容" {
		t.Fatalf("header row %d %q", r.HeaderLine(), r.Header())
	}
	if yes, _ := r.Excel(); !yes || r.Unit() != "row" {
		t.Error("an xlsx reader reads Excel values by row")
	}
	var rows []Row
	for {
		row, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, row)
	}
	if len(rows) != 3 || !rows[1].Blank() {
		t.Fatalf("rows %v", rows)
	}
	if !reflect.DeepEqual(rows[0].Cells, []string{"TS-1", "43990", "13800138000", "刹车异响"}) || rows[0].Line != 3 || rows[2].Line != 5 {
		t.Errorf("row %d %q, row %d", rows[0].Line, rows[0].Cells, rows[2].Line)
	}
	if _, err := Open(path, ReadOptions{Sheet: "nope"}); err == nil || !strings.Contains(err.Error(), "no sheet") {
		t.Errorf("unknown sheet: %v", err)
	}
	if _, err := Open("old.xls", ReadOptions{}); err == nil || !strings.Contains(err.Error(), "save it as .xlsx") {
		t.Errorf(".xls: %v", err)
	}
}

// FuzzCSVReader: any bytes either give a header and rows as wide as it
// (each row, or a RowError with its line), or an error; nothing panics and
// the reading ends.
func FuzzCSVReader(f *testing.F) {
	gbk, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte("编号,内容\n1,刹车异响\n"))
	for _, s := range [][]byte{
		[]byte("\uFEFFid,desc,problem\r\n482028,一汽马自达,\"H93,H15,\"\r\n"),
		[]byte("a,b\n\"unterminated\n1,2\n"),
		[]byte("a;b\n1;2;3\n"),
		[]byte("a\tb\n1\t\"x\"\"y\"\n"),
		[]byte("标题\n\nid,content\n1,a\n2\n"),
		gbk,
		{0xFF, 0xFE, 'a', 0, ',', 0, 'b', 0, '\n', 0},
		[]byte("\xff\xfe\xfd,\x80\n"),
		[]byte(""),
	} {
		f.Add(s, uint8(0))
	}
	f.Fuzz(func(t *testing.T, data []byte, opt uint8) {
		o := ReadOptions{}
		switch opt % 5 {
		case 1:
			o.Encoding = "utf-8"
		case 2:
			o.Encoding = "gb18030"
		case 3:
			o.Delimiter = "tab"
		case 4:
			o.HeaderRow = 2
		}
		r, err := NewCSVReader(bytes.NewReader(data), int64(len(data)), o)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an empty error")
			}
			return
		}
		n := len(r.Header())
		lastLine := 0
		for i := 0; ; i++ {
			if i > len(data)+2 {
				t.Fatalf("more rows than bytes: the reading does not end")
			}
			row, err := r.Next()
			if err == io.EOF {
				return
			}
			var re *RowError
			if errors.As(err, &re) {
				if re.Line <= 0 || len(re.Problems) == 0 || re.Reason() == "" {
					t.Fatalf("row error without a line or reason: %+v", re)
				}
				continue
			}
			if err != nil {
				return // the reader stopped with an error: fine
			}
			if len(row.Cells) != n {
				t.Fatalf("row of %d cells, header of %d", len(row.Cells), n)
			}
			if row.Line < lastLine {
				t.Fatalf("line %d after %d", row.Line, lastLine)
			}
			lastLine = row.Line
		}
	})
}

// The header is found under a title and an information row, however many
// cells they fill; a register whose header is its first row keeps it,
// even when its data rows are short words too.
func TestHeaderUnderTitleAndInfoRows(t *testing.T) {
	for _, tc := range []struct {
		name, data string
		header     string
		line, rows int
	}{
		{"title and 填报单位", "客户投诉登记表（2026年11月）,,,,\n填报单位：幸福里物业,,,填报日期：2026年11月30日,\n序号,工单编号,受理时间,投诉人,投诉内容\n1,GD1,2026-11-01,张三,漏水\n2,GD2,2026-11-02,李四,停电\n",
			"序号", 3, 2},
		{"two info rows of two cells", "填报单位：幸福里物业,制表：张三\n填报日期：2026-11-30,审核：李四\n编号,日期,内容\nA1,2026-11-01,漏水\n",
			"编号", 3, 1},
		{"header first, short words below", "name,channel,status\n张三,电话,已结案\n李四,网站,处理中\n", "name", 1, 2},
		{"unknown English header", "foo,bar,baz\nx,y,z\n", "foo", 1, 1},
		{"blank lines first", "\n\n编号,内容\n1,漏水\n", "编号", 3, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, rows, bad := readAll(t, []byte(tc.data), ReadOptions{})
			if r.Header()[0] != tc.header || r.HeaderLine() != tc.line || len(rows) != tc.rows || len(bad) != 0 {
				t.Errorf("header %q at line %d, %d rows, %v", r.Header(), r.HeaderLine(), len(rows), bad)
			}
		})
	}
}

func TestSkipRowsThatAreNotComplaints(t *testing.T) {
	header := []string{"序号", "工单编号", "受理时间", "投诉人", "投诉内容", "状态"}
	id := []int{1}
	for _, tc := range []struct {
		cells []string
		want  string
	}{
		{[]string{"合计", "", "", "", "本月共受理投诉 30 件", ""}, SkipFooter},
		{[]string{"合  计", "", "", "", "", ""}, SkipFooter},
		{[]string{"制表：张三", "", "", "审核：李四", "", ""}, SkipFooter},
		{[]string{"", "填表人：王五"}, SkipFooter},
		{[]string{"Total", "", "", "", "", "30"}, SkipFooter},
		{[]string{"序号", "工单编号", "受理时间", "投诉人", "投诉内容", "状态"}, SkipHeader},
		{[]string{"31", "", "", "", "", ""}, SkipNumbered},
		// complaints, whatever their first words
		{[]string{"1", "GD1", "2026-11-01", "合计", "合计金额算错了", "处理中"}, ""},
		{[]string{"合计", "GD2", "", "", "", ""}, ""},
		{[]string{"", "", "", "", "审核不通过，要求重新办理", ""}, ""},
	} {
		if got := skipRow(tc.cells, header, id); got != tc.want {
			t.Errorf("%q: %q, want %q", tc.cells, got, tc.want)
		}
	}
}
