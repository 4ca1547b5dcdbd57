package report

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/xuri/excelize/v2"

	"complaintdesk/internal/policy"
	"complaintdesk/internal/safetext"
)

// Formats of the monthly report.
var Formats = []string{"table", "csv", "xlsx", "json"}

// utf8BOM starts every CSV file: Excel then reads Chinese as UTF-8.
const utf8BOM = "\uFEFF"

// WriteMonthly writes the report in format (table, csv, xlsx or json) in lang.
func WriteMonthly(w io.Writer, m *Monthly, p *policy.Policy, format, lang string) error {
	switch format {
	case "", "table", "text":
		return writeText(w, m, m.Tables(p, lang), lang)
	case "csv":
		return writeCSV(w, m, m.Tables(p, lang), lang)
	case "xlsx":
		return writeXLSX(w, m, m.Tables(p, lang), lang)
	case "json":
		out := struct {
			*Monthly
			Definitions []string `json:"definitions"`
		}{m, Definitions(lang)}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	return fmt.Errorf("unknown format %q (%s)", format, strings.Join(Formats, ", "))
}

// TextLines lays a table out as aligned lines of plain text (numbers to the
// right), cells made safe for a terminal.
func TextLines(t Table) []string {
	cols := len(t.Header)
	for _, r := range t.Rows {
		cols = max(cols, len(r))
	}
	width := make([]int, cols)
	grid := make([][]string, 0, len(t.Rows)+1)
	right := make([]bool, cols)
	head := make([]string, cols)
	for i, h := range t.Header {
		head[i] = safetext.Line(h)
	}
	grid = append(grid, head)
	for _, r := range t.Rows {
		line := make([]string, cols)
		for i, c := range r {
			line[i] = safetext.Line(c.Text)
			if c.Kind != Text {
				right[i] = true
			}
		}
		grid = append(grid, line)
	}
	for _, line := range grid {
		for i, s := range line {
			width[i] = max(width[i], ansi.StringWidth(s))
		}
	}
	out := make([]string, 0, len(grid))
	for _, line := range grid {
		var b strings.Builder
		for i, s := range line {
			pad := strings.Repeat(" ", width[i]-ansi.StringWidth(s))
			if right[i] {
				b.WriteString(pad + s)
			} else {
				b.WriteString(s + pad)
			}
			if i < cols-1 {
				b.WriteString("  ")
			}
		}
		out = append(out, strings.TrimRight(b.String(), " "))
	}
	return out
}

func writeText(w io.Writer, m *Monthly, tables []Table, lang string) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, m.Title(lang))
	fmt.Fprintln(bw, m.Scope(lang))
	for _, t := range tables {
		fmt.Fprintln(bw)
		fmt.Fprintln(bw, "## "+t.Title)
		for _, l := range TextLines(t) {
			fmt.Fprintln(bw, l)
		}
		for _, n := range t.Notes {
			fmt.Fprintln(bw, safetext.Line(n))
		}
	}
	fmt.Fprintln(bw)
	for _, d := range Definitions(lang) {
		fmt.Fprintln(bw, d)
	}
	return bw.Flush()
}

// csvText guards a text cell against spreadsheet formula injection: text
// that starts like a formula gets a leading apostrophe (OWASP).
func csvText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func writeCSV(w io.Writer, m *Monthly, tables []Table, lang string) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(utf8BOM)
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	rec := func(r ...string) { _ = cw.Write(r) }
	rec(csvText(m.Title(lang)))
	rec(csvText(m.Scope(lang)))
	for _, t := range tables {
		rec()
		rec(csvText(t.Title))
		var h []string
		for _, s := range t.Header {
			h = append(h, csvText(s))
		}
		rec(h...)
		for _, r := range t.Rows {
			var line []string
			for _, c := range r {
				if c.Kind == Text {
					line = append(line, csvText(c.Text))
				} else {
					line = append(line, c.Text)
				}
			}
			rec(line...)
		}
		for _, n := range t.Notes {
			rec(csvText(n))
		}
	}
	rec()
	for _, d := range Definitions(lang) {
		rec(csvText(d))
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// SheetName is the monthly report's sheet in an XLSX file.
func SheetName(lang string) string { return tr(lang, "统计汇总", "Summary") }

func writeXLSX(w io.Writer, m *Monthly, tables []Table, lang string) error {
	f := excelize.NewFile()
	defer f.Close()
	summary := SheetName(lang)
	if err := f.SetSheetName("Sheet1", summary); err != nil {
		return err
	}
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	title, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	pctStyle, _ := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("0.0%")})
	oneDec, _ := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("0.0")})
	twoDec, _ := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("0.00")})
	signed, _ := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("+0;-0;0")})
	signed1, _ := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("+0.0;-0.0;0.0")})
	// Each sheet starts with the title and the scope; rows counts on.
	rows := map[string]int{}
	sheet := summary
	put := func(col int, v any, style int) error {
		cell, err := excelize.CoordinatesToCellName(col, rows[sheet])
		if err != nil {
			return err
		}
		if err := f.SetCellValue(sheet, cell, v); err != nil {
			return err
		}
		if style != 0 {
			return f.SetCellStyle(sheet, cell, cell, style)
		}
		return nil
	}
	open := func(name string) error {
		sheet = name
		if rows[name] > 0 {
			return nil
		}
		if name != summary {
			if _, err := f.NewSheet(name); err != nil {
				return err
			}
		}
		rows[name] = 1
		if err := put(1, m.Title(lang), title); err != nil {
			return err
		}
		rows[name]++
		if err := put(1, m.Scope(lang), 0); err != nil {
			return err
		}
		rows[name]++
		if err := f.SetColWidth(name, "A", "A", 34); err != nil {
			return err
		}
		return f.SetColWidth(name, "B", "K", 11)
	}
	if err := open(summary); err != nil {
		return err
	}
	for _, t := range tables {
		name := t.Sheet
		if name == "" {
			name = summary
		}
		if err := open(name); err != nil {
			return err
		}
		rows[sheet]++
		if err := put(1, t.Title, bold); err != nil {
			return err
		}
		rows[sheet]++
		for i, h := range t.Header {
			if err := put(i+1, h, bold); err != nil {
				return err
			}
		}
		rows[sheet]++
		for _, r := range t.Rows {
			for i, c := range r {
				var v any = c.Text
				style := 0
				switch {
				case c.Kind == Text:
				case c.Empty:
					v = nil
				case c.Kind == Int:
					v = int(c.Num)
				case c.Kind == Percent:
					v, style = c.Num, pctStyle
				case c.Kind == Hours:
					v, style = c.Num, oneDec
				case c.Kind == Score:
					v, style = c.Num, twoDec
				case c.Kind == Delta:
					v, style = int(c.Num), signed
				default: // DeltaPP, DeltaH
					v, style = c.Num, signed1
				}
				if v == nil {
					continue
				}
				if err := put(i+1, v, style); err != nil {
					return err
				}
			}
			rows[sheet]++
		}
		for _, n := range t.Notes {
			if err := put(1, n, 0); err != nil {
				return err
			}
			rows[sheet]++
		}
	}
	sheet = summary
	rows[sheet]++
	for _, d := range Definitions(lang) {
		if err := put(1, d, 0); err != nil {
			return err
		}
		rows[sheet]++
	}
	return f.Write(w)
}

func ptr[T any](v T) *T { return &v }
