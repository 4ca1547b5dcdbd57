package report

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"strconv"
	"time"
	"unicode/utf8"
)

// xlsxWriter writes an XLSX workbook (Office Open XML) of plain sheets:
// inline strings, numbers, dates and a fixed table of styles. It is what
// the exports and the monthly report need and no more, and it is fast: a
// row is appended as bytes (no cell values, no reflection), compressed on
// every core, so a million-case export is bound by reading the cases.
//
// Each sheet's <dimension> comes before its rows in the XML, but the number
// of rows is known only at the end. So a sheet's rows are compressed as
// they come into a spill buffer (memory, then an unlinked temporary file),
// and when the sheet ends its head (with the true dimension) and its tail
// are compressed apart and joined to them: deflate streams cut at sync
// flushes join into one stream, and the CRC-32 of the whole is combined
// from the parts' (crc32Combine). The ZIP is written when the workbook is
// closed, parts in the usual order ([Content_Types].xml first), straight
// to the output: memory stays flat however many rows there are.
type xlsxWriter struct {
	out      io.Writer
	modified time.Time
	sheets   []*xlsxSheet
	cur      *xlsxSheet
	// The shared strings: labels and codes repeated down a column are
	// written once (xl/sharedStrings.xml) and referred to by number.
	sst     map[string]int
	sstList []string
}

// xlsxMaxShared bounds the shared strings: more distinct labels than this
// are written inline, so memory stays bounded.
const xlsxMaxShared = 1 << 16

// Cell styles: indexes into styles.xml's cellXfs (xlsxStyles).
const (
	styleNone     = 0
	styleBold     = 1
	styleTitle    = 2 // bold, 14 pt
	styleDateTime = 3 // yyyy-mm-dd hh:mm:ss
	stylePercent  = 4 // 0.0%
	styleDec1     = 5 // 0.0
	styleDec2     = 6 // 0.00
	styleSigned   = 7 // +0;-0;0
	styleSigned1  = 8 // +0.0;-0.0;0.0
	styleSigned2  = 9 // +0.00;-0.00;0.00
)

// xlsxMaxCellChars is the most characters a cell holds in Excel; longer
// text makes Excel call the file corrupt, so it is cut (as excelize does).
const xlsxMaxCellChars = 32767

// xlsxSheet is one sheet being written.
type xlsxSheet struct {
	name     string
	freeze   bool      // the first row stays in view
	widths   []float64 // column widths from column A (0: default)
	rows     int       // rows written
	cols     int       // the widest row's cells
	rowCells int       // cells in the row being written
	buf      []byte    // rows not yet handed to the compressor
	crc      uint32    // CRC-32 of the rows handed over
	n        int64     // their length
	z        *parallelDeflate
	body     *spillBuffer // the compressed rows
}

func newXLSXWriter(w io.Writer) *xlsxWriter {
	return &xlsxWriter{out: w, modified: time.Now()}
}

// sheet starts a new sheet, ending the current one.
func (x *xlsxWriter) sheet(name string, freeze bool, widths []float64) error {
	if err := x.endSheet(); err != nil {
		return err
	}
	s := &xlsxSheet{name: name, freeze: freeze, widths: widths, body: &spillBuffer{}, buf: make([]byte, 0, xlsxFlushAt+8<<10)}
	s.z = newParallelDeflate(s.body, flate.BestSpeed)
	x.sheets = append(x.sheets, s)
	x.cur = s
	return nil
}

// xlsxFlushAt is how many bytes of rows are gathered before they are handed
// to the compressor (and the CRC).
const xlsxFlushAt = 64 << 10

// beginRow starts the next row; height 0 is the default.
func (x *xlsxWriter) beginRow(height float64) {
	s := x.cur
	s.rows++
	s.rowCells = 0
	s.buf = append(s.buf, `<row r="`...)
	s.buf = strconv.AppendInt(s.buf, int64(s.rows), 10)
	if height > 0 {
		s.buf = append(s.buf, `" ht="`...)
		s.buf = strconv.AppendFloat(s.buf, height, 'f', -1, 64)
		s.buf = append(s.buf, `" customHeight="1`...)
	}
	s.buf = append(s.buf, `">`...)
}

// endRow ends the row; the rows go to the compressor a block at a time.
func (x *xlsxWriter) endRow() error {
	s := x.cur
	s.buf = append(s.buf, `</row>`...)
	s.cols = max(s.cols, s.rowCells)
	if len(s.buf) >= xlsxFlushAt {
		return s.flush()
	}
	return nil
}

func (s *xlsxSheet) flush() error {
	s.crc = crc32.Update(s.crc, crc32.IEEETable, s.buf)
	s.n += int64(len(s.buf))
	_, err := s.z.Write(s.buf)
	s.buf = s.buf[:0]
	return err
}

// Cells are written in order from column A, without references (they are
// optional in the format): an empty cell is <c/>.

func (x *xlsxWriter) empty() {
	x.cur.rowCells++
	x.cur.buf = append(x.cur.buf, `<c/>`...)
}

// text writes a string cell; text a spreadsheet or XML cannot hold is
// dropped or escaped (appendXMLText).
func (x *xlsxWriter) text(s string, style int) {
	c := x.cur
	c.rowCells++
	b := append(c.buf, `<c`...)
	b = appendStyle(b, style)
	b = append(b, ` t="inlineStr"><is>`...)
	b = appendInlineText(b, s)
	c.buf = append(b, `</is></c>`...)
}

// shared writes a string cell through the shared strings: for values from
// a small set (labels, codes, names of staff), smaller and faster to write
// than inline text.
func (x *xlsxWriter) shared(s string, style int) {
	i, ok := x.sst[s]
	if !ok {
		if len(x.sstList) >= xlsxMaxShared {
			x.text(s, style)
			return
		}
		if x.sst == nil {
			x.sst = map[string]int{}
		}
		i = len(x.sstList)
		x.sst[s] = i
		x.sstList = append(x.sstList, s)
	}
	c := x.cur
	c.rowCells++
	b := append(c.buf, `<c`...)
	b = appendStyle(b, style)
	b = append(b, ` t="s"><v>`...)
	b = strconv.AppendInt(b, int64(i), 10)
	c.buf = append(b, `</v></c>`...)
}

// appendInlineText appends <t>s</t> for an inline or shared string.
func appendInlineText(b []byte, s string) []byte {
	b = append(b, `<t`...)
	if s != "" && (isXMLSpace(s[0]) || isXMLSpace(s[len(s)-1])) {
		b = append(b, ` xml:space="preserve"`...)
	}
	b = append(b, '>')
	if len(s) > xlsxMaxCellChars && utf8.RuneCountInString(s) > xlsxMaxCellChars {
		s = string([]rune(s)[:xlsxMaxCellChars])
	}
	b = appendXMLText(b, s)
	return append(b, `</t>`...)
}

func (x *xlsxWriter) int(n int64, style int) {
	c := x.cur
	c.rowCells++
	b := append(c.buf, `<c`...)
	b = appendStyle(b, style)
	b = append(b, `><v>`...)
	b = strconv.AppendInt(b, n, 10)
	c.buf = append(b, `</v></c>`...)
}

func (x *xlsxWriter) float(f float64, style int) {
	c := x.cur
	c.rowCells++
	b := append(c.buf, `<c`...)
	b = appendStyle(b, style)
	b = append(b, `><v>`...)
	b = strconv.AppendFloat(b, f, 'f', -1, 64)
	c.buf = append(b, `</v></c>`...)
}

// dateTime writes t's wall clock in loc as a date cell, to the
// millisecond (what the store keeps).
func (x *xlsxWriter) dateTime(t time.Time, loc *time.Location) {
	c := x.cur
	c.rowCells++
	b := append(c.buf, `<c s="3"><v>`...)
	b = appendExcelTime(b, t, loc)
	c.buf = append(b, `</v></c>`...)
}

// appendExcelTime appends t's wall clock in loc as an Excel serial date
// (days since the epoch, the time of day as the fraction) with ten
// decimals at most
// (a day's ten-billionth is 9 microseconds), by integer arithmetic:
// strconv's shortest float took a tenth of the writer's time.
func appendExcelTime(b []byte, t time.Time, loc *time.Location) []byte {
	if loc == nil {
		loc = time.UTC
	}
	_, off := t.In(loc).Zone()
	const msDay = 86_400_000
	ms := t.UnixMilli() + int64(off)*1000 - excelEpoch.UnixMilli()
	days, msOfDay := ms/msDay, ms%msDay
	if msOfDay < 0 {
		days, msOfDay = days-1, msOfDay+msDay
	}
	frac := (msOfDay*1e10 + msDay/2) / msDay
	if frac == 1e10 {
		days, frac = days+1, 0
	}
	b = strconv.AppendInt(b, days, 10)
	if frac == 0 {
		return b
	}
	var d [11]byte
	d[0] = '.'
	for i := 10; i >= 1; i-- {
		d[i] = byte('0' + frac%10)
		frac /= 10
	}
	n := 11
	for d[n-1] == '0' {
		n--
	}
	return append(b, d[:n]...)
}

func appendStyle(b []byte, style int) []byte {
	if style == styleNone {
		return b
	}
	b = append(b, ` s="`...)
	b = strconv.AppendInt(b, int64(style), 10)
	return append(b, '"')
}

// excelEpoch is day 0 of Excel's 1900 date system (as Excel counts, with
// its 1900 leap-year bug, for dates from March 1900 on).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// appendXMLText appends s as XML character data: & < > escaped, a
// carriage return kept as &#13; (XML readers turn a raw one into a line
// feed), and what XML 1.0 or a spreadsheet cannot hold dropped: C0 and C1
// controls but tab and line feed, DEL, U+FFFE, U+FFFF and bytes that are
// not UTF-8. Text that looks like Excel's own escape for a character
// (_x000D_) gets its underscore escaped, so it reads back as written.
func appendXMLText(b []byte, s string) []byte {
	if !utf8.ValidString(s) {
		s = toValidUTF8(s)
	}
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		var esc string
		switch {
		case c == '&':
			esc = "&amp;"
		case c == '<':
			esc = "&lt;"
		case c == '>':
			esc = "&gt;"
		case c == '\r':
			esc = "&#13;"
		case c == '_':
			if isExcelEscape(s[i:]) {
				esc = "_x005F_"
			} else {
				continue
			}
		case c < 0x20 && c != '\t' && c != '\n', c == 0x7f:
			// dropped
		case c == 0xC2 && i+1 < len(s) && s[i+1] <= 0x9f: // U+0080..U+009F
			b = append(b, s[start:i]...)
			i++
			start = i + 1
			continue
		case c == 0xEF && i+2 < len(s) && s[i+1] == 0xBF && s[i+2] >= 0xBE: // U+FFFE, U+FFFF
			b = append(b, s[start:i]...)
			i += 2
			start = i + 1
			continue
		default:
			continue
		}
		b = append(b, s[start:i]...)
		b = append(b, esc...)
		start = i + 1
	}
	return append(b, s[start:]...)
}

// isExcelEscape reports whether s starts with _xHHHH_.
func isExcelEscape(s string) bool {
	if len(s) < 7 || s[1] != 'x' || s[6] != '_' {
		return false
	}
	for _, c := range []byte(s[2:6]) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// toValidUTF8 drops the bytes of s that are not UTF-8.
func toValidUTF8(s string) string {
	var b []byte
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r != utf8.RuneError || n > 1 {
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return string(b)
}

// endSheet finishes the current sheet's rows.
func (x *xlsxWriter) endSheet() error {
	s := x.cur
	if s == nil {
		return nil
	}
	x.cur = nil
	if err := s.flush(); err != nil {
		return err
	}
	return s.z.Finish(false) // the tail adds the final block
}

// close writes the workbook: every part, each sheet's head and tail around
// its compressed rows.
func (x *xlsxWriter) close() error {
	if err := x.endSheet(); err != nil {
		return err
	}
	defer x.discard()
	zw := zip.NewWriter(x.out)
	small := func(name, body string) error {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: x.modified})
		if err != nil {
			return err
		}
		_, err = io.WriteString(w, body)
		return err
	}
	var types, sheets, rels bytes.Buffer
	types.WriteString(xml1 + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`)
	if len(x.sstList) > 0 {
		types.WriteString(`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`)
	}
	rels.WriteString(xml1 + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for i, s := range x.sheets {
		n := i + 1
		fmt.Fprintf(&types, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, n)
		sheets.WriteString(`<sheet name="`)
		sheets.Write(appendXMLAttr(nil, s.name))
		fmt.Fprintf(&sheets, `" sheetId="%d" r:id="rId%d"/>`, n, n)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, n, n)
	}
	types.WriteString(`</Types>`)
	fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`, len(x.sheets)+1)
	if len(x.sstList) > 0 {
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`, len(x.sheets)+2)
	}
	rels.WriteString(`</Relationships>`)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", types.String()},
		{"_rels/.rels", xml1 + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", xml1 + `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
			`<bookViews><workbookView/></bookViews><sheets>` + sheets.String() + `</sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", rels.String()},
		{"xl/styles.xml", xlsxStyles},
	}
	for _, p := range parts {
		if err := small(p.name, p.body); err != nil {
			return err
		}
	}
	if len(x.sstList) > 0 {
		b := []byte(xml1 + `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="`)
		b = strconv.AppendInt(b, int64(len(x.sstList)), 10)
		b = append(b, `">`...)
		for _, s := range x.sstList {
			b = append(b, `<si>`...)
			b = appendInlineText(b, s)
			b = append(b, `</si>`...)
		}
		b = append(b, `</sst>`...)
		if err := small("xl/sharedStrings.xml", string(b)); err != nil {
			return err
		}
	}
	for i, s := range x.sheets {
		if err := x.writeSheet(zw, i, s); err != nil {
			return err
		}
	}
	return zw.Close()
}

// writeSheet writes one sheet's ZIP entry: head, rows, tail.
func (x *xlsxWriter) writeSheet(zw *zip.Writer, i int, s *xlsxSheet) error {
	head := []byte(xml1 + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="`)
	head = append(head, dimension(s.rows, s.cols)...)
	head = append(head, `"/><sheetViews><sheetView`...)
	if i == 0 {
		head = append(head, ` tabSelected="1"`...)
	}
	head = append(head, ` workbookViewId="0"`...)
	if s.freeze {
		head = append(head, `><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView>`...)
	} else {
		head = append(head, `/>`...)
	}
	head = append(head, `</sheetViews><sheetFormatPr defaultRowHeight="15"/>`...)
	if len(s.widths) > 0 {
		head = append(head, `<cols>`...)
		for j, w := range s.widths {
			if w > 0 {
				head = fmt.Appendf(head, `<col min="%d" max="%d" width="%g" customWidth="1"/>`, j+1, j+1, w)
			}
		}
		head = append(head, `</cols>`...)
	}
	head = append(head, `<sheetData>`...)
	tail := []byte(`</sheetData></worksheet>`)

	zHead, zTail := deflateBytes(head, false), deflateBytes(tail, true)
	crc := crc32Combine(crc32Combine(crc32.ChecksumIEEE(head), s.crc, s.n), crc32.ChecksumIEEE(tail), int64(len(tail)))
	fh := &zip.FileHeader{
		Name:               fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1),
		Method:             zip.Deflate,
		Modified:           x.modified,
		CRC32:              crc,
		CompressedSize64:   uint64(len(zHead)) + uint64(s.body.Len()) + uint64(len(zTail)),
		UncompressedSize64: uint64(len(head)) + uint64(s.n) + uint64(len(tail)),
	}
	// CreateRaw leaves the MS-DOS time to the caller (CreateHeader sets it).
	fh.ModifiedDate, fh.ModifiedTime = msDosTime(x.modified)
	w, err := zw.CreateRaw(fh)
	if err != nil {
		return err
	}
	if _, err := w.Write(zHead); err != nil {
		return err
	}
	if err := s.body.copyTo(w); err != nil {
		return err
	}
	_, err = w.Write(zTail)
	return err
}

// msDosTime is t as a ZIP header's date and time (local wall clock, two
// seconds resolution, from 1980).
func msDosTime(t time.Time) (date, clock uint16) {
	if t.Year() < 1980 {
		return 1<<5 | 1, 0 // 1980-01-01
	}
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	clock = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, clock
}

// discard drops the sheets' temporary files (after a failure too: their
// compressors are stopped first).
func (x *xlsxWriter) discard() {
	for _, s := range x.sheets {
		_ = s.z.Finish(true)
		s.body.Close()
	}
	x.sheets, x.cur = nil, nil
}

// dimension is the sheet's used range: A1 for an empty sheet.
func dimension(rows, cols int) string {
	if rows == 0 || cols == 0 {
		return "A1"
	}
	return "A1:" + columnName(cols) + strconv.Itoa(rows)
}

// columnName is the spreadsheet name of the n-th column (1: A, 27: AA).
func columnName(n int) string {
	var b []byte
	for ; n > 0; n = (n - 1) / 26 {
		b = append([]byte{byte('A' + (n-1)%26)}, b...)
	}
	return string(b)
}

// appendXMLAttr appends s escaped for an attribute value.
func appendXMLAttr(b []byte, s string) []byte {
	for _, r := range s {
		switch r {
		case '&':
			b = append(b, "&amp;"...)
		case '<':
			b = append(b, "&lt;"...)
		case '>':
			b = append(b, "&gt;"...)
		case '"':
			b = append(b, "&quot;"...)
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return b
}

// deflateBytes compresses b as a piece of a deflate stream: ending with a
// sync flush (more pieces follow) or with the final block.
func deflateBytes(b []byte, final bool) []byte {
	var out bytes.Buffer
	fw, _ := flate.NewWriter(&out, flate.BestSpeed)
	_, _ = fw.Write(b)
	if final {
		_ = fw.Close()
	} else {
		_ = fw.Flush()
	}
	return out.Bytes()
}

// crc32Combine is the CRC-32 (IEEE) of A followed by B from crc1 = CRC(A),
// crc2 = CRC(B) and B's length (zlib's crc32_combine: appending len2 zero
// bytes to A is a linear map, applied by repeated squaring).
func crc32Combine(crc1, crc2 uint32, len2 int64) uint32 {
	if len2 <= 0 {
		return crc1 ^ crc2
	}
	var even, odd [32]uint32
	odd[0] = 0xedb88320 // the reversed polynomial: one zero bit
	row := uint32(1)
	for n := 1; n < 32; n++ {
		odd[n] = row
		row <<= 1
	}
	gf2Square(&even, &odd) // two zero bits
	gf2Square(&odd, &even) // four
	for {
		gf2Square(&even, &odd) // one zero byte, then 4, 16...
		if len2&1 != 0 {
			crc1 = gf2Times(&even, crc1)
		}
		len2 >>= 1
		if len2 == 0 {
			break
		}
		gf2Square(&odd, &even)
		if len2&1 != 0 {
			crc1 = gf2Times(&odd, crc1)
		}
		len2 >>= 1
		if len2 == 0 {
			break
		}
	}
	return crc1 ^ crc2
}

func gf2Times(mat *[32]uint32, vec uint32) uint32 {
	var sum uint32
	for i := 0; vec != 0; i, vec = i+1, vec>>1 {
		if vec&1 != 0 {
			sum ^= mat[i]
		}
	}
	return sum
}

func gf2Square(square, mat *[32]uint32) {
	for n := range 32 {
		square[n] = gf2Times(mat, mat[n])
	}
}

// spillBuffer holds bytes in memory up to spillAt, then in a temporary
// file, unlinked at once where the system allows (customer data: mode 0600
// and no file left behind by a crash).
type spillBuffer struct {
	mem  bytes.Buffer
	file *os.File
	wb   *writeBehind // writes to file
	name string       // set while the file still has a name
	n    int64
	err  error
}

const spillAt = 4 << 20

func (s *spillBuffer) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	if s.file == nil && s.mem.Len()+len(p) > spillAt {
		f, err := os.CreateTemp("", "desk-xlsx-*.part")
		if err != nil {
			s.err = fmt.Errorf("a temporary file for the spreadsheet: %w", err)
			return 0, s.err
		}
		s.file, s.wb = f, newWriteBehind(f)
		if os.Remove(f.Name()) != nil {
			s.name = f.Name() // removed in Close instead
		}
		if _, err := s.mem.WriteTo(s.wb); err != nil {
			s.err = err
			return 0, err
		}
	}
	var n int
	if s.file != nil {
		n, s.err = s.wb.Write(p)
	} else {
		n, _ = s.mem.Write(p)
	}
	s.n += int64(n)
	return n, s.err
}

// Len is how many bytes were written.
func (s *spillBuffer) Len() int64 { return s.n }

// copyTo copies everything written to w.
func (s *spillBuffer) copyTo(w io.Writer) error {
	if s.err != nil {
		return s.err
	}
	if s.file == nil {
		_, err := w.Write(s.mem.Bytes())
		return err
	}
	if _, err := s.file.Seek(0, io.SeekStart); err != nil {
		return err
	}
	_, err := io.Copy(w, s.file)
	return err
}

// Close drops the bytes and the temporary file.
func (s *spillBuffer) Close() {
	s.mem = bytes.Buffer{}
	if s.file != nil {
		s.file.Close()
		if s.name != "" {
			os.Remove(s.name)
		}
		s.file = nil
	}
}

const xml1 = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

// xlsxStyles is styles.xml: the fonts, number formats and cell styles the
// style constants above index.
const xlsxStyles = xml1 + `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
	`<numFmts count="6">` +
	`<numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm:ss"/>` +
	`<numFmt numFmtId="165" formatCode="0.0%"/>` +
	`<numFmt numFmtId="166" formatCode="0.0"/>` +
	`<numFmt numFmtId="167" formatCode="+0;-0;0"/>` +
	`<numFmt numFmtId="168" formatCode="+0.0;-0.0;0.0"/>` +
	`<numFmt numFmtId="169" formatCode="+0.00;-0.00;0.00"/>` +
	`</numFmts>` +
	`<fonts count="3">` +
	`<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>` +
	`<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>` +
	`<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font>` +
	`</fonts>` +
	`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
	`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
	`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
	`<cellXfs count="10">` +
	`<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
	`<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>` +
	`<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>` +
	`<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`<xf numFmtId="167" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`<xf numFmtId="168" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`<xf numFmtId="169" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`</cellXfs>` +
	`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
	`</styleSheet>`
