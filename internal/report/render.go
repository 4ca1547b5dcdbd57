package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

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
	rec := func(r ...string) { _ = csvRecord(bw, r...) } // bw keeps the first error
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
	return bw.Flush()
}

// SheetName is the monthly report's sheet in an XLSX file.
func SheetName(lang string) string { return tr(lang, "统计汇总", "Summary") }

func writeXLSX(w io.Writer, m *Monthly, tables []Table, lang string) error {
	x := newXLSXWriter(w)
	defer x.discard()
	widths := []float64{34}
	for range 10 {
		widths = append(widths, 11)
	}
	line := func(text string, style int) error {
		x.beginRow(0)
		if text != "" {
			x.text(text, style)
		}
		return x.endRow()
	}
	// The summary sheet, then each table's own sheet (Table.Sheet) in the
	// order they come; each starts with the title and the scope, and the
	// definitions end the summary.
	summary := SheetName(lang)
	sheets := []string{summary}
	for _, t := range tables {
		if t.Sheet != "" && !slices.Contains(sheets, t.Sheet) {
			sheets = append(sheets, t.Sheet)
		}
	}
	for _, name := range sheets {
		if err := x.sheet(name, false, widths); err != nil {
			return err
		}
		for _, l := range []struct {
			text  string
			style int
		}{{m.Title(lang), styleTitle}, {m.Scope(lang), styleNone}} {
			if err := line(l.text, l.style); err != nil {
				return err
			}
		}
		for _, t := range tables {
			if t.Sheet != name && !(t.Sheet == "" && name == summary) {
				continue
			}
			if err := xlsxTable(x, t, line); err != nil {
				return err
			}
		}
		if name != summary {
			continue
		}
		if err := line("", 0); err != nil {
			return err
		}
		for _, d := range Definitions(lang) {
			if err := line(d, styleNone); err != nil {
				return err
			}
		}
	}
	return x.close()
}

// xlsxTable writes one table: a blank row, its title, header, rows and notes.
func xlsxTable(x *xlsxWriter, t Table, line func(string, int) error) error {
	if err := line("", 0); err != nil {
		return err
	}
	if err := line(t.Title, styleBold); err != nil {
		return err
	}
	x.beginRow(0)
	for _, h := range t.Header {
		x.text(h, styleBold)
	}
	if err := x.endRow(); err != nil {
		return err
	}
	for _, r := range t.Rows {
		x.beginRow(0)
		for _, c := range r {
			switch {
			case c.Kind == Text:
				x.text(c.Text, styleNone)
			case c.Empty:
				x.empty()
			case c.Kind == Int:
				x.int(int64(c.Num), styleNone)
			case c.Kind == Percent:
				x.float(c.Num, stylePercent)
			case c.Kind == Hours:
				x.float(c.Num, styleDec1)
			case c.Kind == Score:
				x.float(c.Num, styleDec2)
			case c.Kind == Delta:
				x.int(int64(c.Num), styleSigned)
			case c.Kind == DeltaScore:
				x.float(c.Num, styleSigned2)
			default: // DeltaPP, DeltaH
				x.float(c.Num, styleSigned1)
			}
		}
		if err := x.endRow(); err != nil {
			return err
		}
	}
	for _, n := range t.Notes {
		if err := line(n, styleNone); err != nil {
			return err
		}
	}
	return nil
}

// appendCSVField appends s as one CSV field (RFC 4180): quoted when it
// holds a comma, a quote or a line break, or starts with a space, quotes
// doubled. The text is otherwise written as it is: a line feed inside a
// complaint stays a line feed (encoding/csv's UseCRLF would make it CRLF);
// only records end with CRLF.
func appendCSVField(b []byte, s string) []byte {
	if s == "" || !strings.ContainsAny(s, ",\"\r\n") && !startsWithSpace(s) {
		return append(b, s...)
	}
	b = append(b, '"')
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			break
		}
		b = append(b, s[:i+1]...)
		b = append(b, '"')
		s = s[i+1:]
	}
	b = append(b, s...)
	return append(b, '"')
}

// csvRecord writes one CSV record ending with CRLF.
func csvRecord(w *bufio.Writer, fields ...string) error {
	var b []byte
	for i, f := range fields {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendCSVField(b, f)
	}
	b = append(b, '\r', '\n')
	_, err := w.Write(b)
	return err
}

// startsWithSpace: readers may trim a leading space of an unquoted field.
func startsWithSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}
