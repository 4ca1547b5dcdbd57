// Package importer reads the complaint registers people already keep (CSV
// in UTF-8, GB18030/GBK or UTF-16, and Excel .xlsx) and turns their rows,
// through a mapping file, into history cases the desk imports in batches.
//
// The pieces: reader.go streams rows with their line numbers, encoding.go
// detects the encoding, mapping.go loads the TOML mapping and binds it to a
// header, convert.go turns a row into a desk.HistoryCase or a RowError,
// dates.go and phones.go parse the cells people type, run.go drives an
// import (batches, rejects, progress), suggest.go drafts a mapping.
package importer

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"complaintdesk/internal/input"
)

// Row is one row of a register.
type Row struct {
	// Line is where the row starts: the line of a CSV file (a quoted cell
	// may span several) or the row number of a sheet, 1-based.
	Line  int
	Cells []string // as many as the header has
	// Timed marks, in a workbook, the number cells shown with a time of
	// day: a date and time at exactly 00:00 is a whole number like a date
	// alone, and only its format tells them apart. Nil when none is.
	Timed []bool
	err   *RowError // a row findHeader read past that could not be read
}

// timed reports whether cell i is a number shown with a time of day.
func (r Row) timed(i int) bool { return i < len(r.Timed) && r.Timed[i] }

// Blank reports whether every cell is empty or spaces.
func (r Row) Blank() bool {
	for _, c := range r.Cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// Reader streams the rows of a register after its header.
type Reader interface {
	// Header is the header row's cells, trimmed.
	Header() []string
	// HeaderLine is the line (row) of the header.
	HeaderLine() int
	// Next returns the next row; io.EOF at the end. A row that cannot be
	// read comes back as a *RowError and the reader goes on; any other
	// error ends the reading.
	Next() (Row, error)
	// Progress is how far the reading is: bytes of a CSV file, rows of a
	// sheet; total is 0 when unknown.
	Progress() (done, total int64)
	// Describe says what was detected: "CSV, UTF-8 with BOM, comma".
	Describe() string
	// Unit is "line" for CSV and "row" for a sheet, for messages.
	Unit() string
	// Excel reports whether cells are Excel values (dates as serial numbers).
	Excel() (yes, date1904 bool)
	Close() error
}

// ReadOptions say how to read a file; empty fields are detected.
type ReadOptions struct {
	Encoding  string // "" detects (see DetectEncoding)
	Delimiter string // "" detects comma, tab or semicolon from the header line
	Sheet     string // xlsx: "" reads the first sheet
	// HeaderRow is the 1-based line (CSV record) or row of the header; 0
	// finds it under the rows above it (a title such as 客户投诉登记表, a
	// 填报单位 row): see findHeader.
	HeaderRow int
}

// Open opens a register by its extension: .csv, .tsv, .txt or .xlsx.
func Open(path string, o ReadOptions) (Reader, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xlsm":
		return openXLSX(path, o)
	case ".xls":
		return nil, fmt.Errorf("%s is an old Excel 97-2003 workbook: open it in Excel or WPS and save it as .xlsx (or CSV)", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	r, err := NewCSVReader(f, st.Size(), o)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	r.(*csvReader).closer = f
	return r, nil
}

// ---- CSV ------------------------------------------------------------------

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

type csvReader struct {
	raw        *countingReader
	size       int64
	cr         *csv.Reader
	header     []string
	headerLine int
	desc       string
	pending    []Row // rows read while looking for the header
	closer     io.Closer
}

// NewCSVReader reads a CSV register from r (size bytes, 0 if unknown).
func NewCSVReader(r io.Reader, size int64, o ReadOptions) (Reader, error) {
	enc, err := NormalizeEncoding(o.Encoding)
	if err != nil {
		return nil, err
	}
	raw := &countingReader{r: r}
	br := bufio.NewReaderSize(raw, sniffSize)
	head, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, err
	}
	if enc == "" {
		enc = DetectEncoding(head)
	}
	bom := false
	if enc == EncUTF8 && bytes.HasPrefix(head, bomUTF8) {
		bom = true
		br.Discard(len(bomUTF8))
	}
	text := bufio.NewReaderSize(decode(br, enc), sniffSize)
	delim, err := delimiter(o.Delimiter, text)
	if err != nil {
		return nil, err
	}
	cr := csv.NewReader(text)
	cr.Comma = delim
	cr.LazyQuotes = true    // a stray quote inside a cell (12" pipe) is text
	cr.FieldsPerRecord = -1 // rows are checked against the header here
	c := &csvReader{raw: raw, size: size, cr: cr}
	c.desc = fmt.Sprintf("CSV, %s, %s", encodingName(enc, bom), delimName(delim))
	h, pending, err := findHeader(c.read, o.HeaderRow, "line")
	if err != nil {
		return nil, err
	}
	c.header, c.headerLine, c.pending = trimAll(h.Cells), h.Line, pending
	if err := c.checkUTF8(Row{Line: h.Line, Cells: h.Cells}); err != nil {
		var re *RowError
		errors.As(err, &re)
		return nil, fmt.Errorf("the header (line %d) cannot be read: %s", h.Line, re.Problems[0].Reason)
	}
	return c, nil
}

func delimName(r rune) string {
	switch r {
	case ',':
		return "comma"
	case '\t':
		return "tab"
	case ';':
		return "semicolon"
	}
	return strconv.QuoteRune(r)
}

// delimiter is the given delimiter, or the one of comma, tab and semicolon
// found most often outside quotes on the first line.
func delimiter(given string, text *bufio.Reader) (rune, error) {
	switch strings.ToLower(given) {
	case "":
	case ",", "comma":
		return ',', nil
	case "\t", `\t`, "tab":
		return '\t', nil
	case ";", "semicolon":
		return ';', nil
	default:
		return 0, fmt.Errorf("delimiter %q: use comma, tab or semicolon", given)
	}
	head, _ := text.Peek(sniffSize)
	counts := map[rune]int{}
	quoted := false
	for _, r := range string(head) {
		if r == '"' {
			quoted = !quoted
			continue
		}
		if quoted {
			continue
		}
		if r == '\n' {
			break
		}
		if r == ',' || r == '\t' || r == ';' {
			counts[r]++
		}
	}
	best := ','
	for _, r := range []rune{'\t', ';'} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best, nil
}

// headerScan is how many rows above and at the header findHeader reads.
const headerScan = 20

// findHeader reads up to the header row and returns it with the rows read
// past it. want > 0 names the header's line. Otherwise the header is the
// row among the first ones that looks most like one: the most cells that
// read as column names (short text, no number or date, no "填报单位：…"),
// known ones counting more; so a merged title (客户投诉登记表) and an
// information row (填报单位：…  填报日期：…) above it are skipped. A file
// whose rows have one cell keeps its first row as the header.
func findHeader(read func() (Row, error), want int, unit string) (Row, []Row, error) {
	var rows []Row
	var readErr *RowError
	for len(rows) < headerScan {
		row, err := read()
		if err == io.EOF {
			break
		}
		var re *RowError
		if errors.As(err, &re) {
			if want > 0 && re.Line < want {
				continue
			}
			if want > 0 || len(rows) == 0 {
				return Row{}, nil, fmt.Errorf("the header (%s %d) cannot be read: %s", unit, re.Line, re.Reason())
			}
			readErr = re // a bad data row: decided with the rows before it
			break
		}
		if err != nil {
			return Row{}, nil, err
		}
		if want > 0 {
			if row.Line < want {
				continue
			}
			return row, nil, nil
		}
		if len(rows) == 0 && filled(row.Cells) == 0 {
			continue // blank lines before anything
		}
		rows = append(rows, row)
	}
	if len(rows) == 0 {
		if want > 0 {
			return Row{}, nil, fmt.Errorf("the file ends before %s %d: no header", unit, want)
		}
		return Row{}, nil, errors.New("the file is empty: no header row")
	}
	best, bestScore := 0, -1
	for i, r := range rows {
		if filled(r.Cells) < 2 {
			continue
		}
		if sc := headerScore(r.Cells); sc > bestScore {
			best, bestScore = i, sc
		}
	}
	pending := slices.Clone(rows[best+1:])
	if readErr != nil {
		pending = append(pending, Row{Line: readErr.Line, Cells: nil, err: readErr})
	}
	return rows[best], pending, nil
}

// headerScore is how much a row looks like a header: one point for each
// cell that reads as a column name, two more for each known one.
func headerScore(cells []string) int {
	score := 0
	for _, c := range cells {
		c = strings.TrimSpace(c)
		if c == "" || utf8.RuneCountInString(c) > 30 || isNumber(c) || looksLikeDate(c) || labelled(c) {
			continue
		}
		score++
		if knownHeader(c) {
			score += 2
		}
	}
	return score
}

// labelled reports a cell of an information row: "填报单位：某某物业".
func labelled(c string) bool {
	for _, sep := range []string{"：", ":"} {
		if _, after, ok := strings.Cut(c, sep); ok && strings.TrimSpace(after) != "" {
			return true
		}
	}
	return false
}

func filled(cells []string) int {
	n := 0
	for _, s := range cells {
		if strings.TrimSpace(s) != "" {
			n++
		}
	}
	return n
}

func trimAll(cells []string) []string {
	out := make([]string, len(cells))
	for i, s := range cells {
		out[i] = strings.TrimSpace(strings.TrimPrefix(s, "\uFEFF"))
	}
	return out
}

// read reads one record as it is.
func (c *csvReader) read() (Row, error) {
	rec, err := c.cr.Read()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return Row{Line: pe.StartLine}, rowErr(pe.StartLine, "", "the line is not valid CSV: "+pe.Err.Error())
		}
		return Row{}, err
	}
	line, _ := c.cr.FieldPos(0)
	return Row{Line: line, Cells: rec}, nil
}

// checkUTF8 refuses a row with a cell that is not valid UTF-8 (the input
// rules say where), under the header's name for its column.
func (c *csvReader) checkUTF8(row Row) error {
	for i, s := range row.Cells {
		if is := input.UTF8(s); is != nil {
			col := ""
			if i < len(c.header) {
				col = c.header[i]
			}
			re := &RowError{Line: row.Line}
			re.issue(col, &input.Issue{ // a file all in GBK needs the option
				ZH: "单元格" + is.ZH + "；如果整个文件是 GBK 编码，请加 --encoding gb18030",
				EN: "the cell " + is.EN + "; if the whole file is GBK, give --encoding gb18030",
			})
			return re
		}
	}
	return nil
}

func (c *csvReader) Next() (Row, error) {
	if len(c.pending) > 0 {
		row := c.pending[0]
		c.pending = c.pending[1:]
		if row.err != nil {
			return Row{Line: row.Line}, row.err
		}
		if err := c.checkUTF8(row); err != nil {
			return row, err
		}
		return fitRow(row, c.header, "line")
	}
	row, err := c.read()
	if err != nil {
		return row, err
	}
	if err := c.checkUTF8(row); err != nil {
		return row, err
	}
	return fitRow(row, c.header, "line")
}

// fitRow pads a short row with empty cells and refuses one with more
// filled cells than the header has.
func fitRow(row Row, header []string, unit string) (Row, error) {
	n := len(header)
	if len(row.Cells) > n {
		for i := n; i < len(row.Cells); i++ {
			if strings.TrimSpace(row.Cells[i]) != "" {
				return row, rowErr(row.Line, "", fmt.Sprintf("the %s has %d cells but the header has %d (an unquoted delimiter in a cell?)", unit, len(row.Cells), n))
			}
		}
		row.Cells = row.Cells[:n]
	}
	for len(row.Cells) < n {
		row.Cells = append(row.Cells, "")
	}
	if len(row.Timed) > n {
		row.Timed = row.Timed[:n]
	}
	return row, nil
}

func (c *csvReader) Header() []string            { return c.header }
func (c *csvReader) HeaderLine() int             { return c.headerLine }
func (c *csvReader) Progress() (int64, int64)    { return c.raw.n, c.size }
func (c *csvReader) Describe() string            { return c.desc }
func (c *csvReader) Unit() string                { return "line" }
func (c *csvReader) Excel() (yes, date1904 bool) { return false, false }
func (c *csvReader) Close() error {
	if c.closer != nil {
		return c.closer.Close()
	}
	return nil
}

// ---- XLSX -----------------------------------------------------------------

type xlsxReader struct {
	wb         *workbook
	rows       *sheetRows
	rowNum     int
	total      int64
	header     []string
	headerLine int
	desc       string
	pending    []Row
}

func openXLSX(path string, o ReadOptions) (Reader, error) {
	wb, err := openWorkbook(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var sh wbSheet
	if o.Sheet == "" {
		if len(wb.sheets) == 0 {
			wb.Close()
			return nil, fmt.Errorf("%s has no sheet", path)
		}
		sh = wb.sheets[0]
	} else if sh, err = wb.sheetNamed(o.Sheet); err != nil {
		wb.Close()
		return nil, fmt.Errorf("%s has %w", path, err)
	}
	rows, err := wb.rows(sh)
	if err != nil {
		wb.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	x := &xlsxReader{wb: wb, rows: rows, desc: fmt.Sprintf("Excel workbook, sheet %q", cmp.Or(o.Sheet, sh.name))}
	if _, end, ok := strings.Cut(rows.dimension, ":"); ok {
		x.total = int64(rowOf(end))
	}
	h, pending, err := findHeader(x.read, o.HeaderRow, "row")
	if err != nil {
		x.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	x.header, x.headerLine, x.pending = trimAll(h.Cells), h.Line, pending
	return x, nil
}

func (x *xlsxReader) read() (Row, error) {
	cells, timed, err := x.rows.Next()
	if err == io.EOF {
		return Row{}, io.EOF
	}
	x.rowNum++
	if err != nil {
		return Row{Line: x.rowNum}, rowErr(x.rowNum, "", "the row cannot be read: "+err.Error())
	}
	return Row{Line: x.rowNum, Cells: cells, Timed: timed}, nil
}

func isNumber(s string) bool {
	_, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return err == nil && s != ""
}

func (x *xlsxReader) Next() (Row, error) {
	if len(x.pending) > 0 {
		row := x.pending[0]
		x.pending = x.pending[1:]
		if row.err != nil {
			return Row{Line: row.Line}, row.err
		}
		return fitRow(row, x.header, "row")
	}
	row, err := x.read()
	if err != nil {
		return row, err
	}
	return fitRow(row, x.header, "row")
}

func (x *xlsxReader) Header() []string            { return x.header }
func (x *xlsxReader) HeaderLine() int             { return x.headerLine }
func (x *xlsxReader) Progress() (int64, int64)    { return int64(x.rowNum), x.total }
func (x *xlsxReader) Describe() string            { return x.desc }
func (x *xlsxReader) Unit() string                { return "row" }
func (x *xlsxReader) Excel() (yes, date1904 bool) { return true, x.wb.date1904 }
func (x *xlsxReader) Close() error {
	return errors.Join(x.rows.Close(), x.wb.Close())
}
