package importer

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// A workbook read with archive/zip and encoding/xml, as the exports write
// one: excelize, which read it before, built its tables and compiled its
// regular expressions in every command's start-up (a tenth of `desk
// cases list`). It reads what the importer needs: the sheets' names, the
// shared strings, the number formats that show a time, and one sheet's
// cells row by row, as excelize's Rows and Columns gave them.

type workbook struct {
	zr       *zip.ReadCloser
	files    map[string]*zip.File
	sheets   []wbSheet
	date1904 bool
	strings  []string
	formats  []string // per cell style: its number format when it may show a time (":" or 时)
}

type wbSheet struct{ name, path string }

func openWorkbook(file string) (*workbook, error) {
	zr, err := zip.OpenReader(file)
	if err != nil {
		return nil, err
	}
	wb := &workbook{zr: zr, files: map[string]*zip.File{}}
	for _, f := range zr.File {
		wb.files[f.Name] = f
	}
	if err := wb.load(); err != nil {
		zr.Close()
		return nil, err
	}
	return wb, nil
}

func (wb *workbook) Close() error { return wb.zr.Close() }

// decode reads the part name into v; a part that is not there leaves v as it is.
func (wb *workbook) decode(name string, v any) error {
	f := wb.files[name]
	if f == nil {
		return nil
	}
	r, err := f.Open()
	if err != nil {
		return err
	}
	defer r.Close()
	if err := xml.NewDecoder(r).Decode(v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

func (wb *workbook) load() error {
	var book struct {
		Pr struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name  string     `xml:"name,attr"`
			Attrs []xml.Attr `xml:",any,attr"` // r:id, in the transitional or the strict namespace
		} `xml:"sheets>sheet"`
	}
	if wb.files["xl/workbook.xml"] == nil {
		return errors.New("not an Excel workbook (no xl/workbook.xml)")
	}
	if err := wb.decode("xl/workbook.xml", &book); err != nil {
		return err
	}
	wb.date1904 = book.Pr.Date1904 == "1" || book.Pr.Date1904 == "true"
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := wb.decode("xl/_rels/workbook.xml.rels", &rels); err != nil {
		return err
	}
	target := map[string]string{}
	for _, r := range rels.Rel {
		if strings.HasPrefix(r.Target, "/") {
			target[r.ID] = strings.TrimPrefix(r.Target, "/")
		} else {
			target[r.ID] = path.Join("xl", r.Target)
		}
	}
	for _, s := range book.Sheets {
		var id string
		for _, a := range s.Attrs {
			if a.Name.Local == "id" && a.Name.Space != "" {
				id = a.Value
			}
		}
		if p := target[id]; wb.files[p] != nil {
			wb.sheets = append(wb.sheets, wbSheet{name: s.Name, path: p})
		}
	}
	if err := wb.loadStrings(); err != nil {
		return err
	}
	return wb.loadStyles()
}

// richText is a shared or inline string: its text, or its runs' texts
// (the phonetic guides, rPh, are not the cell's text).
type richText struct {
	T    *string `xml:"t"`
	Runs []struct {
		T string `xml:"t"`
	} `xml:"r"`
}

func (r richText) String() string {
	var b strings.Builder
	if r.T != nil {
		b.WriteString(*r.T)
	}
	for _, run := range r.Runs {
		b.WriteString(run.T)
	}
	return unescapeBSTR(b.String())
}

func (wb *workbook) loadStrings() error {
	var sst struct {
		SI []richText `xml:"si"`
	}
	if err := wb.decode("xl/sharedStrings.xml", &sst); err != nil {
		return err
	}
	wb.strings = make([]string, len(sst.SI))
	for i, si := range sst.SI {
		wb.strings[i] = si.String()
	}
	return nil
}

// timeFormats are the built-in number formats that show ":" (excelize's codes).
var timeFormats = map[int]string{18: "h:mm AM/PM", 19: "h:mm:ss AM/PM", 20: "hh:mm", 21: "hh:mm:ss", 22: "m/d/yy hh:mm", 45: "mm:ss", 46: "[h]:mm:ss", 47: "mm:ss.0"}

func (wb *workbook) loadStyles() error {
	var st struct {
		NumFmts []struct {
			ID    int        `xml:"numFmtId,attr"`
			Code  string     `xml:"formatCode,attr"`
			Attrs []xml.Attr `xml:",any,attr"` // x16r2:formatCode16, preferred when there
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			NumFmtID int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := wb.decode("xl/styles.xml", &st); err != nil {
		return err
	}
	custom := map[int]string{}
	for _, f := range st.NumFmts {
		if _, ok := custom[f.ID]; ok {
			continue // the first of an id is the one used
		}
		custom[f.ID] = f.Code
		for _, a := range f.Attrs {
			if a.Name.Local == "formatCode16" && a.Value != "" {
				custom[f.ID] = a.Value
			}
		}
	}
	wb.formats = make([]string, len(st.Xfs))
	for i, xf := range st.Xfs {
		if code, ok := custom[xf.NumFmtID]; ok {
			wb.formats[i] = code
		} else {
			wb.formats[i] = timeFormats[xf.NumFmtID]
		}
	}
	return nil
}

// showsTime: the number v shown in this format shows ":" or 时 (a time
// of day), as excelize formatted it: a negative number in its second
// section if it has one, no time for a negative number, a text format
// (@) shows no number.
func showsTime(code, v string) bool {
	sections := strings.Split(code, ";")
	sec := sections[0]
	neg := strings.HasPrefix(strings.TrimSpace(v), "-")
	if neg && len(sections) > 1 {
		sec = sections[1]
	}
	if strings.Contains(sec, "@") || !strings.ContainsAny(sec, ":时") {
		return false
	}
	return !neg || !isDateFormat(sec)
}

// isDateFormat: a section of a number format that shows a date or time
// (y, m, d, h or s outside quotes, escapes and brackets, or [h], [m], [s]).
func isDateFormat(sec string) bool {
	for i := 0; i < len(sec); i++ {
		switch c := sec[i]; c {
		case '"':
			j := strings.IndexByte(sec[i+1:], '"')
			if j < 0 {
				return false
			}
			i += j + 1
		case '\\', '_', '*':
			i++
		case '[':
			j := strings.IndexByte(sec[i:], ']')
			if j < 0 {
				return false
			}
			if in := strings.ToLower(sec[i+1 : i+j]); in != "" && strings.Trim(in, "hms") == "" {
				return true
			}
			i += j
		case 'y', 'Y', 'm', 'M', 'd', 'D', 'h', 'H', 's', 'S':
			return true
		}
	}
	return false
}

// unescapeBSTR turns the _xHHHH_ escapes of characters XML cannot hold
// back into them (_x005F_ is "_").
func unescapeBSTR(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "_x")
		if i < 0 || len(s) < i+7 {
			break
		}
		hex := s[i+2 : i+6]
		if s[i+6] != '_' || !isHex(hex) {
			b.WriteString(s[:i+2])
			s = s[i+2:]
			continue
		}
		b.WriteString(s[:i])
		if hex == "005F" || hex == "005f" {
			b.WriteByte('_')
		} else {
			n, _ := strconv.ParseUint(hex, 16, 32)
			b.WriteRune(rune(n))
		}
		s = s[i+7:]
	}
	b.WriteString(s)
	return b.String()
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// sheetNamed finds a sheet by name, as Excel does (case does not matter).
func (wb *workbook) sheetNamed(name string) (wbSheet, error) {
	names := make([]string, len(wb.sheets))
	for i, s := range wb.sheets {
		if strings.EqualFold(s.name, name) {
			return s, nil
		}
		names[i] = s.name
	}
	return wbSheet{}, fmt.Errorf("no sheet %q (sheets: %s)", name, strings.Join(names, ", "))
}

// sheetRows reads a sheet's rows in order; a row the sheet leaves out
// (an empty one) is given as no cells.
type sheetRows struct {
	wb  *workbook
	rc  io.ReadCloser
	dec *xml.Decoder
	// dimension is the sheet's <dimension ref>: "A1:D5".
	dimension string
	row       int               // the row last given
	next      *xml.StartElement // the next <row> read ahead, nil at the end
	nextRow   int               // its number
}

func (wb *workbook) rows(s wbSheet) (*sheetRows, error) {
	f := wb.files[s.path]
	if f == nil {
		return nil, fmt.Errorf("no sheet %q", s.name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	r := &sheetRows{wb: wb, rc: rc, dec: xml.NewDecoder(rc)}
	// The dimension comes before the rows; reading up to the first row finds it.
	if err := r.advance(); err != nil {
		rc.Close()
		return nil, err
	}
	return r, nil
}

func (r *sheetRows) Close() error { return r.rc.Close() }

// advance reads ahead to the next <row> (or the end of the rows).
func (r *sheetRows) advance() error {
	r.next = nil
	for {
		tok, err := r.dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch el.Name.Local {
			case "dimension":
				r.dimension = attr(el, "ref")
			case "row":
				el = el.Copy()
				r.next = &el
				r.nextRow = r.row + 1
				if n, err := strconv.Atoi(attr(el, "r")); err == nil && n != 0 {
					r.nextRow = n
				}
				return nil
			}
		case xml.EndElement:
			if el.Name.Local == "sheetData" {
				return nil
			}
		}
	}
}

func attr(el xml.StartElement, name string) string {
	for _, a := range el.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// Next gives the next row's cells (raw values: numbers as stored, shared
// strings resolved; trailing empty cells left out) and which of them a
// time format shows, or io.EOF.
func (r *sheetRows) Next() (cells []string, timed []bool, err error) {
	if r.next == nil {
		return nil, nil, io.EOF
	}
	r.row++
	if r.nextRow > r.row {
		return nil, nil, nil // a row the sheet leaves out
	}
	col := 0
	for {
		tok, terr := r.dec.Token()
		if terr != nil {
			r.next = nil // the XML is broken here: nothing more to read
			return cells, timed, terr
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if el.Name.Local != "c" {
				continue
			}
			col++
			var c struct {
				R  string    `xml:"r,attr"`
				S  int       `xml:"s,attr"`
				T  string    `xml:"t,attr"`
				V  string    `xml:"v"`
				F  *struct{} `xml:"f"`
				IS *richText `xml:"is"`
			}
			if derr := r.dec.DecodeElement(&c, &el); derr != nil {
				r.next = nil
				return cells, timed, derr
			}
			if c.R != "" && err == nil {
				if col, err = columnOf(c.R); err != nil {
					continue // the rest of the row is read, and the row refused
				}
			}
			if err != nil {
				continue
			}
			v, isNum := r.wb.value(c.T, c.V, c.IS)
			if v == "" && c.F == nil {
				continue
			}
			for len(cells) < col-1 {
				cells = append(cells, "")
			}
			cells = append(cells, v)
			if isNum && c.S > 0 && c.S < len(r.wb.formats) && isNumber(v) && showsTime(r.wb.formats[c.S], v) {
				for len(timed) < len(cells) {
					timed = append(timed, false)
				}
				timed[len(cells)-1] = true
			}
		case xml.EndElement:
			if el.Name.Local == "row" {
				if timed != nil {
					for len(timed) < len(cells) {
						timed = append(timed, false)
					}
				}
				if aerr := r.advance(); err == nil {
					err = aerr
				}
				return cells, timed, err
			}
		}
	}
}

// value is a cell's raw value and whether it is a number.
func (wb *workbook) value(t, v string, is *richText) (string, bool) {
	switch t {
	case "s":
		if v == "" {
			return "", false
		}
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 || i >= len(wb.strings) {
			return "", false
		}
		return wb.strings[i], false
	case "inlineStr":
		if is != nil {
			return is.String(), false
		}
		return v, false
	case "", "n":
		return v, true
	}
	return v, false // b (1, 0), d (ISO time), e (#N/A), str (a formula's text)
}

// columnOf is the column number of a cell reference: "C7" is 3.
func columnOf(ref string) (int, error) {
	n, i := 0, 0
	for ; i < len(ref); i++ {
		c := ref[i]
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c < 'A' || c > 'Z' {
			break
		}
		n = n*26 + int(c-'A'+1)
	}
	if i == 0 || i == len(ref) || n > 16384 {
		return 0, fmt.Errorf("cannot convert cell %q to coordinates: invalid cell name %q", ref, ref)
	}
	if _, err := strconv.Atoi(ref[i:]); err != nil {
		return 0, fmt.Errorf("cannot convert cell %q to coordinates: invalid cell name %q", ref, ref)
	}
	return n, nil
}

// rowOf is the row number of a cell reference: "C7" is 7 (0 when none).
func rowOf(ref string) int {
	i := strings.IndexAny(ref, "0123456789")
	if i < 0 {
		return 0
	}
	n, _ := strconv.Atoi(ref[i:])
	return n
}
