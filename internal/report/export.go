package report

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"complaintdesk/internal/deadline"
	"complaintdesk/internal/policy"
	"complaintdesk/store"
)

// ExportFormats are the formats of `desk export cases`.
var ExportFormats = []string{"csv", "xlsx", "json"}

// ExportOptions say how cases are exported.
type ExportOptions struct {
	Format string // csv, xlsx or json
	Lang   string // labels and headers: zh or en
	// View is a case as the exporting user may see it (the desk's one
	// masking rule); nil exports as stored.
	View func(*store.Case) *store.Case
	// AsOf is when the clocks are evaluated (now).
	AsOf time.Time
}

// Column is one column of an export.
type Column struct {
	ID    string // the JSON key
	Title string // the CSV/XLSX header
}

type valKind uint8

const (
	vStr   valKind = iota
	vLabel         // a string from a small set (a label, a code, a name): shared in XLSX
	vTime
	vInt
	vFloat
	vNone // empty
)

// value is one exported value; rows reuse their values.
type value struct {
	kind valKind
	s    string
	t    time.Time
	n    float64
}

// caseColumns are the fixed columns; each policy clock adds four.
var caseColumns = []struct{ id, zh, en string }{
	{"number", "编号", "Number"},
	{"received_at", "受理时间", "Received"},
	{"registered_at", "登记时间", "Registered"},
	{"channel", "渠道", "Channel"},
	{"nature", "性质", "Nature"},
	{"category_id", "分类代码", "Category id"},
	{"category", "分类", "Category"},
	{"grade", "等级", "Grade"},
	{"grade_reason", "定级理由", "Grade reason"},
	{"status", "状态", "Status"},
	{"open", "在办", "Open"},
	{"name", "投诉人", "Complainant"},
	{"phone", "电话", "Phone"},
	{"email", "电子邮件", "E-mail"},
	{"address", "地址", "Address"},
	{"org", "单位", "Organisation"},
	{"anonymous", "匿名", "Anonymous"},
	{"collective_size", "投诉人数", "Complainants"},
	{"others", "其他投诉人", "Other complainants"},
	{"content", "投诉内容", "Content"},
	{"demand", "客户诉求", "Demand"},
	{"subject", "对象", "Subject"},
	{"department", "责任部门", "Department"},
	{"handler", "处理人", "Handler"},
	{"expected_by", "告知预计解决时间", "Expected by"},
	{"acknowledged_at", "首次响应时间", "Acknowledged"},
	{"resolved_at", "解决时间", "Resolved"},
	{"closed_at", "结案时间", "Closed"},
	{"revisited_at", "回访时间", "Revisited"},
	{"resolution", "处理结果", "Resolution"},
	{"reply", "书面答复", "Reply"},
	{"satisfaction", "满意度", "Satisfaction"},
	{"reopen_count", "重新处理次数", "Reopened"},
	{"escalation", "升级", "Escalation"},
	{"crisis", "危机", "Crisis"},
	{"training", "培训案例", "Training case"},
	{"handling_hours", "处理时长(小时)", "Handling (hours)"},
	{"working_hours", "工作时长(小时)", "Working time (hours)"},
	{"next_clock", "最近时限", "Next clock"},
	{"next_due", "最近到期", "Next due"},
	{"source", "来源", "Source"},
	{"source_id", "来源编号", "Source id"},
	{"created_by", "登记人", "Registered by"},
	{"updated_at", "更新时间", "Updated"},
	{"version", "版本", "Version"},
	{"fields", "其他字段", "Other fields"},
}

// Columns are the export's columns for the policy: every case field, then
// each clock's state, due time, end and margin.
func Columns(p *policy.Policy, lang string) []Column {
	var out []Column
	for _, c := range caseColumns {
		out = append(out, Column{ID: c.id, Title: tr(lang, c.zh, c.en)})
	}
	for _, ck := range p.Clocks {
		name := ck.In(lang)
		out = append(out,
			Column{ID: ck.ID + "_state", Title: name + tr(lang, " 状态", " state")},
			Column{ID: ck.ID + "_due", Title: name + tr(lang, " 时限", " due")},
			Column{ID: ck.ID + "_ended", Title: name + tr(lang, " 结束", " ended")},
			Column{ID: ck.ID + "_margin_minutes", Title: name + tr(lang, " 余量(分钟)", " margin (minutes)")},
		)
	}
	return out
}

// StateName is a clock state in lang.
func StateName(s deadline.State, lang string) string {
	switch s {
	case deadline.NotStarted:
		return tr(lang, "未开始", "not started")
	case deadline.Running:
		return tr(lang, "进行中", "running")
	case deadline.Met:
		return tr(lang, "按时", "met")
	case deadline.Breached:
		return tr(lang, "超时", "breached")
	case deadline.Unmet:
		return tr(lang, "未达成", "unmet")
	}
	return ""
}

// exporter turns cases into rows of values.
type exporter struct {
	src    Source
	opt    ExportOptions
	loc    *time.Location
	clocks []policy.Clock
	labels map[[2]string]string // memoised labels by kind and id
}

func (x *exporter) label(kind, id string) string {
	k := [2]string{kind, id}
	if s, ok := x.labels[k]; ok {
		return s
	}
	p, lang := x.src.Policy, x.opt.Lang
	s := id
	switch kind {
	case "channel":
		s = channelName(p, id, lang)
	case "nature":
		s = natureName(p, id, lang)
	case "category":
		if id == "" {
			s = ""
		} else {
			s = p.CategoryPath(id, lang)
		}
	case "status":
		if st := p.Status(id); st != nil {
			s = st.In(lang)
		}
	case "department":
		s = p.DepartmentName(id, lang)
	case "level":
		if l := p.Level(id); l != nil {
			s = l.In(lang)
		}
	}
	x.labels[k] = s
	return s
}

func (x *exporter) yes(b bool) value {
	if b {
		return lv(tr(x.opt.Lang, "是", "yes"))
	}
	return lv(tr(x.opt.Lang, "否", "no"))
}

func lv(s string) value { return value{kind: vLabel, s: s} }

func tv(t time.Time) value {
	if t.IsZero() {
		return value{kind: vNone}
	}
	return value{kind: vTime, t: t}
}

func iv(n int) value { return value{kind: vInt, n: float64(n)} }

// fill makes the row of one case in r's memory.
func (x *exporter) fill(r []value, c *store.Case, evs []store.Event) []value {
	shown := c
	if x.opt.View != nil {
		shown = x.opt.View(c)
	}
	who := shown.Primary()
	name, phone, email, addr := who.Name, who.Phone, who.Email, who.Address
	var others []string
	for _, p := range shown.Complainants[min(1, len(shown.Complainants)):] {
		others = append(others, strings.TrimSpace(p.Name+" "+p.Phone))
	}
	fields := ""
	if len(c.Fields) > 0 {
		keys := slices.Sorted(maps.Keys(c.Fields))
		var b strings.Builder
		for i, k := range keys {
			if i > 0 {
				b.WriteString("; ")
			}
			b.WriteString(k + "=" + c.Fields[k])
		}
		fields = b.String()
	}
	handling, working := value{kind: vNone}, value{kind: vNone}
	if !c.ClosedAt.IsZero() && !c.ClosedAt.Before(c.ReceivedAt) {
		handling = value{kind: vFloat, n: round1(c.ClosedAt.Sub(c.ReceivedAt).Hours())}
		w, _ := WorkingTime(x.src.Calendar, x.loc, c.ReceivedAt, c.ClosedAt)
		working = value{kind: vFloat, n: round1(w.Hours())}
	}
	nextClock := ""
	if pc := x.src.Policy.Clock(c.NextClock); pc != nil {
		nextClock = pc.In(x.opt.Lang)
	}
	satisfaction := value{kind: vNone}
	if c.Satisfaction > 0 {
		satisfaction = iv(c.Satisfaction)
	}
	r = append(r[:0],
		value{s: c.Number}, tv(c.ReceivedAt), tv(c.RegisteredAt),
		lv(x.label("channel", c.Channel)), lv(x.label("nature", c.Nature)),
		lv(c.Category), lv(x.label("category", c.Category)),
		lv(c.Grade), value{s: c.GradeReason},
		lv(x.label("status", c.Status)), x.yes(c.Open),
		value{s: name}, value{s: phone}, value{s: email}, value{s: addr}, value{s: who.Org}, x.yes(who.Anonymous),
		iv(max(c.CollectiveSize, 1)), value{s: strings.Join(others, "; ")},
		value{s: c.Content}, value{s: c.Demand}, value{s: c.Subject},
		lv(x.label("department", c.Department)), lv(c.Handler), tv(c.ExpectedBy),
		tv(c.AcknowledgedAt), tv(c.ResolvedAt), tv(c.ClosedAt), tv(c.RevisitedAt),
		value{s: c.Resolution}, value{s: c.Reply}, satisfaction, iv(c.ReopenCount),
		lv(x.label("level", c.Escalation)), x.yes(c.Crisis), x.yes(c.Training),
		handling, working, lv(nextClock), tv(c.NextDue),
		lv(c.Source), value{s: c.SourceID}, lv(c.CreatedBy), tv(c.UpdatedAt), iv(int(c.Version)),
		value{s: fields},
	)
	// The clocks, in policy order, each whether it applies or not.
	got := x.src.Clocks(c, evs, x.opt.AsOf)
	for _, pc := range x.clocks {
		var ck *deadline.Clock
		for i := range got {
			if got[i].ID == pc.ID {
				ck = &got[i]
				break
			}
		}
		if ck == nil {
			r = append(r, value{kind: vNone}, value{kind: vNone}, value{kind: vNone}, value{kind: vNone})
			continue
		}
		st := ck.StateAt(x.opt.AsOf)
		r = append(r, lv(StateName(st, x.opt.Lang)))
		if st == deadline.NotStarted {
			r = append(r, value{kind: vNone}, value{kind: vNone}, value{kind: vNone})
			continue
		}
		r = append(r, tv(ck.Due), tv(ck.Stopped), iv(int(ck.Margin(x.opt.AsOf)/time.Minute)))
	}
	return r
}

// rowWriter writes rows in one format.
type rowWriter interface {
	header(cols []Column) error
	row(vals []value) error
	close() error
}

// Export writes every case q selects to w in opt.Format, streamed: the
// cases are read a batch at a time and written as they come, so memory
// stays flat however many there are. It returns how many were written.
func (s Source) Export(ctx context.Context, q store.ExportQuery, w io.Writer, opt ExportOptions) (int, error) {
	if opt.AsOf.IsZero() {
		opt.AsOf = time.Now()
	}
	x := &exporter{src: s, opt: opt, loc: s.Loc(), clocks: s.Policy.Clocks, labels: map[[2]string]string{}}
	w = writeBehindFile(w)
	cols := Columns(s.Policy, opt.Lang)
	var rw rowWriter
	switch opt.Format {
	case "csv":
		rw = newCSVRows(w, x.loc)
	case "json":
		rw = newJSONRows(w, x.loc, cols)
	case "xlsx":
		xr, err := newXLSXRows(w, x.loc, opt.Lang)
		if err != nil {
			return 0, err
		}
		defer xr.discard() // its temporary files, whatever happens
		rw = xr
	default:
		return 0, fmt.Errorf("unknown format %q (%s)", opt.Format, strings.Join(ExportFormats, ", "))
	}
	if err := rw.header(cols); err != nil {
		return 0, err
	}
	q = s.query(q)
	q.ClocksOnly = true // the rows show clocks, not who did what when
	// Two goroutines, one per core: the other one only reads the cases
	// (the SQLite cursor is the longest step), this one computes their
	// clocks, formats and writes them, and the compressor of an XLSX file
	// runs beside both. Batches of cases go round between them, so memory
	// stays a few batches.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	const batchRows, inFlight = 256, 4
	full := make(chan *caseBatch, inFlight)
	free := make(chan *caseBatch, inFlight+2)
	for range inFlight + 2 {
		free <- &caseBatch{cases: make([]store.Case, batchRows), evs: make([][]store.Event, batchRows)}
	}
	var readErr error
	go func() {
		defer close(full)
		var b *caseBatch
		send := func() bool {
			if b == nil || b.n == 0 {
				return true
			}
			select {
			case full <- b:
				b = nil
				return true
			case <-ctx.Done():
				return false
			}
		}
		readErr = s.Store.Read(ctx, func(tx store.Tx) error {
			return tx.EachCase(q, func(c *store.Case, evs []store.Event) error {
				if b == nil {
					select {
					case b = <-free:
						b.n = 0
					case <-ctx.Done():
						return ctx.Err()
					}
				}
				// The case is the walk's to reuse, its slices and maps are
				// new for each case; the events slice is reused.
				b.cases[b.n] = *c
				b.evs[b.n] = append(b.evs[b.n][:0], evs...)
				b.n++
				if b.n == batchRows && !send() {
					return ctx.Err()
				}
				return nil
			})
		})
		if readErr == nil && !send() {
			readErr = ctx.Err()
		}
	}()
	n := 0
	var writeErr error
	var r []value
	for b := range full {
		for i := range b.n {
			if writeErr == nil {
				r = x.fill(r, &b.cases[i], b.evs[i])
				writeErr = rw.row(r)
			}
			b.cases[i] = store.Case{} // let the collector have it
		}
		if writeErr != nil {
			cancel() // stop reading; drain what is on its way
		} else {
			n += b.n
		}
		free <- b
	}
	if writeErr != nil {
		return n, writeErr
	}
	if readErr != nil {
		return n, readErr
	}
	return n, rw.close()
}

// caseBatch carries cases and their events from the reader to the writer.
type caseBatch struct {
	cases []store.Case
	evs   [][]store.Event
	n     int
}

// clean drops control characters a spreadsheet or its XML cannot hold
// (tabs and line breaks stay).
func clean(s string) string {
	ok := true
	for i := 0; i < len(s); i++ {
		if b := s[i]; b < 0x20 && b != '\t' && b != '\n' && b != '\r' || b == 0x7f {
			ok = false
			break
		}
	}
	if ok && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r == utf8.RuneError || (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7f || (r >= 0x80 && r <= 0x9f) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

const timeLayout = "2006-01-02 15:04:05"

// ---- CSV -------------------------------------------------------------------

type csvRows struct {
	bw  *bufio.Writer
	loc *time.Location
	buf []byte
}

func newCSVRows(w io.Writer, loc *time.Location) *csvRows {
	return &csvRows{bw: bufio.NewWriterSize(w, 256<<10), loc: loc}
}

func (c *csvRows) header(cols []Column) error {
	if _, err := c.bw.WriteString(utf8BOM); err != nil {
		return err
	}
	b := c.buf[:0]
	for i, col := range cols {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendCSVField(b, col.Title)
	}
	c.buf = append(b, '\r', '\n')
	_, err := c.bw.Write(c.buf)
	return err
}

func (c *csvRows) row(vals []value) error {
	b := c.buf[:0]
	for i, v := range vals {
		if i > 0 {
			b = append(b, ',')
		}
		switch v.kind {
		case vStr, vLabel:
			b = appendCSVField(b, csvText(clean(v.s)))
		case vTime:
			b = v.t.In(c.loc).AppendFormat(b, timeLayout)
		case vInt:
			b = strconv.AppendInt(b, int64(v.n), 10)
		case vFloat:
			b = strconv.AppendFloat(b, v.n, 'f', -1, 64)
		}
	}
	c.buf = append(b, '\r', '\n')
	_, err := c.bw.Write(c.buf)
	return err
}

func (c *csvRows) close() error { return c.bw.Flush() }

// ---- JSON ------------------------------------------------------------------

// jsonRows writes one JSON array, an object per case and a line each.
type jsonRows struct {
	bw    *bufio.Writer
	loc   *time.Location
	keys  [][]byte // `"id":` per column
	first bool
	buf   []byte
}

func newJSONRows(w io.Writer, loc *time.Location, cols []Column) *jsonRows {
	j := &jsonRows{bw: bufio.NewWriterSize(w, 256<<10), loc: loc, first: true}
	for _, c := range cols {
		k, _ := json.Marshal(c.ID)
		j.keys = append(j.keys, append(k, ':'))
	}
	return j
}

func (j *jsonRows) header([]Column) error {
	_, err := j.bw.WriteString("[")
	return err
}

func (j *jsonRows) row(vals []value) error {
	b := j.buf[:0]
	if !j.first {
		b = append(b, ',')
	}
	j.first = false
	b = append(b, "\n{"...)
	for i, v := range vals {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, j.keys[i]...)
		switch v.kind {
		case vStr, vLabel:
			b = appendJSONString(b, clean(v.s))
		case vTime:
			b = append(b, '"')
			b = v.t.In(j.loc).AppendFormat(b, time.RFC3339)
			b = append(b, '"')
		case vInt:
			b = strconv.AppendInt(b, int64(v.n), 10)
		case vFloat:
			b = strconv.AppendFloat(b, v.n, 'f', -1, 64)
		default:
			b = append(b, "null"...)
		}
	}
	b = append(b, '}')
	j.buf = b
	_, err := j.bw.Write(b)
	return err
}

func (j *jsonRows) close() error {
	if _, err := j.bw.WriteString("\n]\n"); err != nil {
		return err
	}
	return j.bw.Flush()
}

// appendJSONString appends s as a JSON string; C1 controls and bidi
// overrides are escaped too, so the file printed on a terminal cannot act
// on it.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for _, r := range s {
		switch {
		case r == '"':
			b = append(b, '\\', '"')
		case r == '\\':
			b = append(b, '\\', '\\')
		case r == '\n':
			b = append(b, '\\', 'n')
		case r == '\r':
			b = append(b, '\\', 'r')
		case r == '\t':
			b = append(b, '\\', 't')
		case r < 0x20 || (r >= 0x7f && r <= 0x9f) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) ||
			r == 0x200e || r == 0x200f || r == 0x061c || r == 0x2028 || r == 0x2029:
			b = append(b, '\\', 'u', hex[r>>12&0xf], hex[r>>8&0xf], hex[r>>4&0xf], hex[r&0xf])
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return append(b, '"')
}

// ---- XLSX ------------------------------------------------------------------

// xlsxMaxRows is a worksheet's limit (Excel: 1,048,576 rows); an export
// longer than a sheet goes on in the next sheet, with the header again. A
// sheet also ends before its XML reaches 4 GB (xlsxMaxBytes): a larger ZIP
// entry needs ZIP64 headers in a form Excel reads, which archive/zip does
// not write.
const (
	xlsxMaxRows  = 1_048_576
	xlsxMaxBytes = 4<<30 - 64<<20 // room for the last row (cells are cut at 32,767 characters)
)

type xlsxRows struct {
	x       *xlsxWriter
	lang    string
	loc     *time.Location
	sheetNo int // 1-based
	header0 []string
	maxRows int
}

func newXLSXRows(w io.Writer, loc *time.Location, lang string) (*xlsxRows, error) {
	return &xlsxRows{x: newXLSXWriter(w), lang: lang, loc: loc, maxRows: xlsxMaxRows}, nil
}

// SheetTitle is the name of the n-th sheet of cases.
func SheetTitle(lang string, n int) string {
	base := tr(lang, "投诉单", "Cases")
	if n <= 1 {
		return base
	}
	return fmt.Sprintf("%s %d", base, n)
}

func (x *xlsxRows) newSheet() error {
	x.sheetNo++
	if err := x.x.sheet(SheetTitle(x.lang, x.sheetNo), true, nil); err != nil {
		return err
	}
	x.x.beginRow(18)
	for _, h := range x.header0 {
		x.x.text(h, styleBold)
	}
	return x.x.endRow()
}

func (x *xlsxRows) header(cols []Column) error {
	for _, c := range cols {
		x.header0 = append(x.header0, c.Title)
	}
	return x.newSheet()
}

func (x *xlsxRows) row(vals []value) error {
	if s := x.x.cur; s.rows >= x.maxRows || s.n+int64(len(s.buf)) >= xlsxMaxBytes {
		if err := x.newSheet(); err != nil {
			return err
		}
	}
	w := x.x
	w.beginRow(0)
	// Trailing empty cells are left out.
	last := len(vals) - 1
	for last >= 0 && (vals[last].kind == vNone || (vals[last].kind == vStr || vals[last].kind == vLabel) && vals[last].s == "") {
		last--
	}
	for _, v := range vals[:last+1] {
		switch v.kind {
		case vStr:
			if v.s == "" {
				w.empty()
			} else {
				w.text(v.s, styleNone)
			}
		case vLabel:
			if v.s == "" {
				w.empty()
			} else {
				w.shared(v.s, styleNone)
			}
		case vTime:
			w.dateTime(v.t, x.loc)
		case vInt:
			w.int(int64(v.n), styleNone)
		case vFloat:
			w.float(v.n, styleNone)
		default:
			w.empty()
		}
	}
	return w.endRow()
}

func (x *xlsxRows) close() error { return x.x.close() }

// discard drops what was buffered when the export fails.
func (x *xlsxRows) discard() { x.x.discard() }
