package sqlite

import (
	"bytes"
	"cmp"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"complaintdesk/store"
)

// sampleCond selects the cases of the latest revisit sample (store.TabSample):
// a revisit sample is kept under its month, other samples (the quality
// inspection's) under a key that does not start with a digit.
const sampleCond = `c.id IN (SELECT case_id FROM revisit_sample_cases
	WHERE month = (SELECT max(month) FROM revisit_samples WHERE month GLOB '[0-9]*'))`

// exportWhere is the queue's WHERE clause with the receipt bounds of q.
func (t *txn) exportWhere(q store.ExportQuery) (w string, args []any, none bool, err error) {
	probe, none, err := t.searchPlan(q.Query)
	if err != nil || none {
		return "", nil, none, err
	}
	mode := lookup
	if probe {
		mode = probeSet // an export reads every match: build the set once
	}
	w, args = whereSearch(q.Query, mode)
	var more []string
	if !q.ReceivedFrom.IsZero() {
		args = append(args, q.ReceivedFrom.UnixMilli())
		more = append(more, fmt.Sprintf(`c.received_at >= $%d`, len(args)))
	}
	if !q.ReceivedTo.IsZero() {
		args = append(args, q.ReceivedTo.UnixMilli())
		more = append(more, fmt.Sprintf(`c.received_at < $%d`, len(args)))
	}
	if len(more) > 0 {
		if w == "" {
			w = " WHERE " + strings.Join(more, " AND ")
		} else {
			w += " AND " + strings.Join(more, " AND ")
		}
	}
	return w, args, false, nil
}

// EachCase streams the selected cases in id order as a merge of three
// statements open at once on the transaction's connection, each in case id
// order: the cases, their complainants and (q.Events) their events. No
// statement is prepared per case or per batch, and only the current case
// is held.
func (t *txn) EachCase(q store.ExportQuery, fn func(*store.Case, []store.Event) error) error {
	w, args, none, err := t.exportWhere(q)
	if err != nil || none {
		return err
	}
	rows, err := t.tx.QueryContext(t.ctx, `SELECT `+caseColumns+` FROM cases c`+w+` ORDER BY c.id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	// The complainants and events of the selected cases, in case order.
	of := func(table string) string {
		if w == "" {
			return ` FROM ` + table
		}
		return ` FROM ` + table + ` WHERE case_id IN (SELECT c.id FROM cases c` + w + `)`
	}
	prows, err := t.tx.QueryContext(t.ctx, `SELECT case_id, id, name, phone, email, address, org, anonymous,
		callback, callback_at, satisfaction`+of("complainants")+` ORDER BY case_id, position`, args...)
	if err != nil {
		return err
	}
	defer prows.Close()
	people := newCursor(prows, bindComplainant)
	var events interface {
		take(id int64, out []store.Event) ([]store.Event, error)
	}
	switch {
	case q.Events && q.EventKeys != nil:
		// Brief events come packed, one row per case: an export of a
		// million cases reads 6 million events, and each column of each
		// row costs the driver two or three calls into SQLite under its
		// connection mutex (half the export's reading time row by row).
		// An event is id, time, action and (a late entry, 补录) when it
		// was entered, each ended by US (0x1f), then its after and its
		// actor, each after its length in bytes and US (free text is
		// taken as it is, not searched and replaced); events are joined
		// by RS (0x1e). The events come in the index's (case_id, id)
		// order; unpack checks it (group_concat's own ORDER BY took back
		// most of the gain). A late entry's reason is not needed, only
		// that it was late.
		// ClocksOnly leaves the late entry and the actor empty (each
		// field a packed event carries costs SQLite a conversion and a
		// concatenation per event: a fifth of reading the events).
		packed := `id || char(31) || at || char(31) || action || char(31) ||
			CASE WHEN late_reason = '' THEN '' ELSE entered_at END || char(31) ||
			octet_length(after) || char(31) || after || octet_length(actor) || char(31) || actor`
		if q.ClocksOnly {
			packed = `id || char(31) || at || char(31) || action || char(31, 31) ||
				octet_length(after) || char(31) || after || char(48, 31)`
		}
		erows, err := t.tx.QueryContext(t.ctx, `SELECT case_id, group_concat(`+packed+`, char(30))`+
			of("events")+` GROUP BY case_id ORDER BY case_id`, args...)
		if err != nil {
			return err
		}
		defer erows.Close()
		events = &packedEvents{rows: erows, keys: q.EventKeys, actions: map[string]string{}}
	case q.Events:
		erows, err := t.tx.QueryContext(t.ctx, `SELECT case_id, case_id, id, at, actor, action, reason, note, after, entered_at, late_reason`+of("events")+` ORDER BY case_id, id`, args...)
		if err != nil {
			return err
		}
		defer erows.Close()
		events = newCursor(erows, bindEventAfter)
	}
	var c store.Case
	var evs []store.Event
	var d caseDest
	dest := d.to(&c) // made once: a list per row was a tenth of the walk's garbage
	for rows.Next() {
		c = store.Case{}
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		if err := d.finish(&c); err != nil {
			return err
		}
		if c.Complainants, err = people.take(c.ID, c.Complainants[:0]); err != nil {
			return err
		}
		if events != nil {
			if evs, err = events.take(c.ID, evs[:0]); err != nil {
				return err
			}
		}
		if err := fn(&c, evs); err != nil {
			return err
		}
	}
	return rows.Err()
}

// cursor reads rows of one table in case id order, one row ahead, each
// scanned into the same destinations (bind makes their list once).
type cursor[T any] struct {
	rows   *sql.Rows
	dest   []any          // the case id, then next's columns
	finish func(*T) error // after a row is scanned
	have   bool           // next holds a row read ahead
	next   T
	nextID int64
	done   bool
}

func newCursor[T any](rows *sql.Rows, bind func(*T) ([]any, func(*T) error)) *cursor[T] {
	k := &cursor[T]{rows: rows}
	cols, finish := bind(&k.next)
	k.dest, k.finish = append([]any{&k.nextID}, cols...), finish
	return k
}

// take appends the rows of case id (skipping those of earlier cases).
func (k *cursor[T]) take(id int64, out []T) ([]T, error) {
	for {
		if !k.have {
			if k.done || !k.rows.Next() {
				k.done = true
				return out, k.rows.Err()
			}
			var zero T
			k.next = zero
			if err := k.rows.Scan(k.dest...); err != nil {
				return out, err
			}
			if err := k.finish(&k.next); err != nil {
				return out, err
			}
			k.have = true
		}
		switch {
		case k.nextID < id:
			k.have = false // a case the walk does not hand over
		case k.nextID == id:
			out = append(out, k.next)
			k.have = false
		default:
			return out, nil
		}
	}
}

// bindComplainant: the columns after case_id of EachCase's complainants.
func bindComplainant(p *store.Complainant) ([]any, func(*store.Complainant) error) {
	var cbAt int64
	return []any{&p.ID, &p.Name, &p.Phone, &p.Email, &p.Address, &p.Org, &p.Anonymous,
			&p.Callback, &cbAt, &p.Satisfaction}, func(p *store.Complainant) error {
			p.CallbackAt = fromMS(cbAt)
			return nil
		}
}

// bindEventAfter reads an event (case_id again, then the rest) without
// its Before (nothing that walks many cases needs it).
func bindEventAfter(e *store.Event) ([]any, func(*store.Event) error) {
	var ms, entered int64
	var after []byte
	return []any{&e.CaseID, &e.ID, &ms, &e.Actor, &e.Action, &e.Reason, &e.Note, &after, &entered, &e.Late},
		func(e *store.Event) error {
			e.At, e.Entered = fromMS(ms), fromMS(entered)
			var err error
			e.After, err = decodeFields(after)
			return err
		}
}

// packedEvents reads the brief events of one case after another from rows
// of (case_id, packed events), as EachCase asks for them.
type packedEvents struct {
	rows    *sql.Rows
	keys    []string
	have    bool // packed holds a row read ahead
	nextID  int64
	packed  []byte
	done    bool
	actions map[string]string // action names and actors, one string each (intern)
	// afters holds the picked keys of each after text met (most events
	// repeat a few: {"status":"closed"}), one map shared by the events
	// that have it: brief events' After maps are read, never written.
	afters map[string]map[string]string
}

// maxAfters bounds packedEvents.afters; texts met later are picked each time.
const maxAfters = 4096

// take appends the events of case id (skipping those of earlier cases).
func (k *packedEvents) take(id int64, out []store.Event) ([]store.Event, error) {
	for {
		if !k.have {
			if k.done || !k.rows.Next() {
				k.done = true
				return out, k.rows.Err()
			}
			var raw sql.RawBytes
			if err := k.rows.Scan(&k.nextID, &raw); err != nil {
				return out, err
			}
			k.packed, k.have = append(k.packed[:0], raw...), true
		}
		switch {
		case k.nextID < id:
			k.have = false
		case k.nextID == id:
			k.have = false
			return k.unpack(id, out)
		default:
			return out, nil
		}
	}
}

// parseInt reads a decimal integer without making a string of it.
func parseInt(b []byte) (int64, bool) {
	neg := len(b) > 0 && b[0] == '-'
	if neg {
		b = b[1:]
	}
	if len(b) == 0 || len(b) > 18 {
		return 0, false
	}
	var n int64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

func (k *packedEvents) unpack(caseID int64, out []store.Event) ([]store.Event, error) {
	start := len(out)
	bad := func(what string) error {
		return fmt.Errorf("events of case %d: a packed event with %s", caseID, what)
	}
	for rest := k.packed; len(rest) > 0; {
		var f [5][]byte // id, at, action, entered if late, after's length
		for j := range f {
			i := bytes.IndexByte(rest, 0x1f)
			if i < 0 {
				return out, bad(fmt.Sprintf("%d fields", j+1))
			}
			f[j], rest = rest[:i], rest[i+1:]
		}
		var after, actor []byte
		var ok bool
		after, rest, ok = cutCounted(f[4], rest)
		if ok {
			i := bytes.IndexByte(rest, 0x1f)
			if i < 0 {
				return out, bad("no actor")
			}
			actor, rest, ok = cutCounted(rest[:i], rest[i+1:])
		}
		if !ok || len(rest) > 0 && rest[0] != 0x1e {
			return out, bad("bad lengths")
		}
		if len(rest) > 0 {
			rest = rest[1:]
		}
		id, ok1 := parseInt(f[0])
		at, ok2 := parseInt(f[1])
		if !ok1 || !ok2 {
			return out, bad(fmt.Sprintf("id %q at %q", f[0], f[1]))
		}
		picked, err := k.pick(after)
		if err != nil {
			return out, err
		}
		e := store.Event{ID: id, CaseID: caseID, At: fromMS(at), Action: k.intern(f[2]), Actor: k.intern(actor), After: picked}
		if len(f[3]) > 0 {
			entered, ok := parseInt(f[3])
			if !ok {
				return out, bad(fmt.Sprintf("late entry at %q", f[3]))
			}
			e.Entered, e.Late = fromMS(entered), lateMark
		}
		out = append(out, e)
	}
	if evs := out[start:]; !slices.IsSortedFunc(evs, byEventID) {
		slices.SortFunc(evs, byEventID)
	}
	return out, nil
}

// cutCounted takes the n bytes (n in decimal) at the start of b.
func cutCounted(n, b []byte) (field, rest []byte, ok bool) {
	v, ok := parseInt(n)
	if !ok || v < 0 || v > int64(len(b)) {
		return nil, b, false
	}
	return b[:v], b[v:], true
}

// pick is pickFields of an after text, kept for the texts that repeat.
func (k *packedEvents) pick(after []byte) (map[string]string, error) {
	if m, ok := k.afters[string(after)]; ok {
		return m, nil
	}
	m, err := pickFields(after, k.keys)
	if err == nil && len(k.afters) < maxAfters {
		if k.afters == nil {
			k.afters = map[string]map[string]string{}
		}
		k.afters[string(after)] = m
	}
	return m, err
}

// intern gives one string for each action name and actor a walk meets.
func (k *packedEvents) intern(b []byte) string {
	s, ok := k.actions[string(b)]
	if !ok {
		s = string(b)
		k.actions[s] = s
	}
	return s
}

// lateMark stands for the reason of a late entry in brief events: a walk
// needs to know an event was late, not why.
const lateMark = "补录"

func byEventID(a, b store.Event) int { return cmp.Compare(a.ID, b.ID) }

// pickFields reads only keys of an event's before/after: most events have
// none of them and cost no map. A value with escapes is read through
// encoding/json.
func pickFields(b []byte, keys []string) (map[string]string, error) {
	var m map[string]string
	if len(b) <= 2 { // "{}"
		return nil, nil
	}
	for _, k := range keys {
		pat := `"` + k + `":"`
		from := 0
		for {
			i := bytes.Index(b[from:], []byte(pat))
			if i < 0 {
				break
			}
			i += from
			// A key starts the object or follows a comma; an escaped
			// quote inside a value is preceded by a backslash.
			if i == 0 || (b[i-1] != '{' && b[i-1] != ',') {
				from = i + 1
				continue
			}
			v := i + len(pat)
			end := bytes.IndexByte(b[v:], '"')
			if end < 0 || bytes.IndexByte(b[v:v+end], '\\') >= 0 {
				full, err := decodeFields(b)
				if err != nil {
					return nil, err
				}
				if m == nil {
					m = map[string]string{}
				}
				if val, ok := full[k]; ok {
					m[k] = val
				}
				break
			}
			if m == nil {
				m = make(map[string]string, len(keys))
			}
			m[k] = string(b[v : v+end])
			break
		}
	}
	return m, nil
}

// decodeFields reads an event's before/after: "{}" (many of them) costs
// nothing, a flat object of plain strings is read directly, anything else
// goes through encoding/json.
func decodeFields(b []byte) (map[string]string, error) {
	if len(b) == 0 || string(b) == "{}" {
		return nil, nil
	}
	if m, ok := decodeFlat(b); ok {
		return m, nil
	}
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	return m, nil
}

// decodeFlat reads {"k":"v",...} whose strings have no escapes; ok is
// false for anything else.
func decodeFlat(b []byte) (map[string]string, bool) {
	if len(b) < 2 || b[0] != '{' || b[len(b)-1] != '}' {
		return nil, false
	}
	m := make(map[string]string, 4)
	i := 1
	str := func() (string, bool) {
		if i >= len(b) || b[i] != '"' {
			return "", false
		}
		j := i + 1
		for j < len(b) && b[j] != '"' {
			if b[j] == '\\' || b[j] < 0x20 {
				return "", false
			}
			j++
		}
		if j >= len(b) {
			return "", false
		}
		s := string(b[i+1 : j])
		i = j + 1
		return s, true
	}
	for {
		k, ok := str()
		if !ok || i >= len(b) || b[i] != ':' {
			return nil, false
		}
		i++
		v, ok := str()
		if !ok || i >= len(b) {
			return nil, false
		}
		m[k] = v
		switch b[i] {
		case ',':
			i++
		case '}':
			return m, i == len(b)-1
		default:
			return nil, false
		}
	}
}

func (t *txn) CountReceived(bounds []time.Time) ([]int, error) {
	if len(bounds) < 2 {
		return nil, nil
	}
	out := make([]int, len(bounds)-1)
	for i := range out {
		err := t.tx.QueryRowContext(t.ctx, `SELECT count(*) FROM cases WHERE received_at >= $1 AND received_at < $2`,
			bounds[i].UnixMilli(), bounds[i+1].UnixMilli()).Scan(&out[i])
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// The dashboard's counts name the partial indexes of open cases
// (migration 0005): without statistics the planner would read the open
// cases through cases_handler_due and the cases table instead.
const (
	sqlOpenByGradeStatus = `SELECT grade, status, count(*) FROM cases INDEXED BY cases_open_grade_status
		WHERE is_open = 1 GROUP BY grade, status ORDER BY grade, status`
	sqlHandlerLoads = `SELECT handler, count(*), sum(next_due < $1), min(received_at)
		FROM cases INDEXED BY cases_open_handler WHERE is_open = 1 GROUP BY handler ORDER BY count(*) DESC, handler LIMIT $2`
	sqlOldestOpen = `SELECT number FROM cases INDEXED BY cases_open_handler
			WHERE is_open = 1 AND handler = $1 ORDER BY received_at, id LIMIT 1`
)

func (t *txn) OpenByGradeStatus() ([]store.GradeStatusCount, error) {
	rows, err := t.tx.QueryContext(t.ctx, sqlOpenByGradeStatus)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.GradeStatusCount
	for rows.Next() {
		var g store.GradeStatusCount
		if err := rows.Scan(&g.Grade, &g.Status, &g.N); err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

func (t *txn) DueCounts(now, hourEnd, dayEnd time.Time) (store.DueCounts, error) {
	var d store.DueCounts
	n := now.UnixMilli()
	count := func(dst *int, q string, args ...any) error {
		return t.tx.QueryRowContext(t.ctx, q, args...).Scan(dst)
	}
	if err := count(&d.Hour, `SELECT count(*) FROM cases WHERE next_due >= $1 AND next_due < $2`, n, hourEnd.UnixMilli()); err != nil {
		return d, err
	}
	if err := count(&d.Today, `SELECT count(*) FROM cases WHERE next_due >= $1 AND next_due <= $2`, n, dayEnd.UnixMilli()); err != nil {
		return d, err
	}
	err := count(&d.Overdue, `SELECT count(*) FROM cases WHERE next_due < $1`, n)
	return d, err
}

func (t *txn) HandlerLoads(now time.Time, limit int) ([]store.HandlerLoad, error) {
	if limit <= 0 {
		limit = 20
	}
	rows, err := t.tx.QueryContext(t.ctx, sqlHandlerLoads, now.UnixMilli(), limit)
	if err != nil {
		return nil, err
	}
	var out []store.HandlerLoad
	for rows.Next() {
		var h store.HandlerLoad
		var oldest int64
		if err := rows.Scan(&h.Handler, &h.Open, &h.Overdue, &oldest); err != nil {
			rows.Close()
			return nil, err
		}
		h.OldestReceived = fromMS(oldest)
		out = append(out, h)
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		err := t.tx.QueryRowContext(t.ctx, sqlOldestOpen, out[i].Handler).Scan(&out[i].OldestNumber)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
	}
	return out, nil
}

func (t *txn) LatestBreaches(now time.Time, limit int) ([]store.Case, error) {
	if limit <= 0 {
		limit = 10
	}
	return t.queryCases(`SELECT `+caseColumns+` FROM cases c WHERE c.next_due <= $1
		ORDER BY c.next_due DESC, c.id DESC LIMIT $2`, now.UnixMilli(), limit)
}

func (t *txn) NextAlertAfter(now time.Time) (time.Time, error) {
	n := now.UnixMilli()
	var due, warn sql.NullInt64
	if err := t.tx.QueryRowContext(t.ctx, `SELECT min(next_due) FROM cases WHERE next_due > $1 AND next_due < $2`, n, int64(noDue)).Scan(&due); err != nil {
		return time.Time{}, err
	}
	if err := t.tx.QueryRowContext(t.ctx, `SELECT min(next_warn) FROM cases WHERE next_warn > $1 AND next_warn < $2`, n, int64(noDue)).Scan(&warn); err != nil {
		return time.Time{}, err
	}
	var out time.Time
	for _, v := range []sql.NullInt64{due, warn} {
		if v.Valid && (out.IsZero() || v.Int64 < out.UnixMilli()) {
			out = fromMS(v.Int64)
		}
	}
	return out, nil
}

func (t *txn) ClosedBetween(from, to time.Time) ([]int64, error) {
	return t.ids(`SELECT id FROM cases WHERE closed_at >= $1 AND closed_at < $2 AND closed_at <> 0
		ORDER BY id`, from.UnixMilli(), to.UnixMilli())
}

func (t *txn) PutRevisitSample(s *store.RevisitSample) error {
	if _, err := t.exec(`DELETE FROM revisit_sample_cases WHERE month = $1`, s.Month); err != nil {
		return err
	}
	if _, err := t.exec(`DELETE FROM revisit_samples WHERE month = $1`, s.Month); err != nil {
		return err
	}
	if _, err := t.exec(`INSERT INTO revisit_samples (month, seed, ratio, population, drawn_at, drawn_by)
		VALUES ($1, $2, $3, $4, $5, $6)`, s.Month, strconv.FormatUint(s.Seed, 10), s.Ratio, s.Population, ms(s.DrawnAt), s.DrawnBy); err != nil {
		return err
	}
	stmt, err := t.tx.PrepareContext(t.ctx, `INSERT INTO revisit_sample_cases (month, case_id, position) VALUES ($1, $2, $3)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for i, id := range s.CaseIDs {
		if _, err := stmt.ExecContext(t.ctx, s.Month, id, i); err != nil {
			return err
		}
	}
	return nil
}

func (t *txn) RevisitSample(month string) (*store.RevisitSample, error) {
	s := store.RevisitSample{Month: month}
	var seed string
	var at int64
	err := t.tx.QueryRowContext(t.ctx, `SELECT seed, ratio, population, drawn_at, drawn_by FROM revisit_samples WHERE month = $1`, month).
		Scan(&seed, &s.Ratio, &s.Population, &at, &s.DrawnBy)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	if s.Seed, err = strconv.ParseUint(seed, 10, 64); err != nil {
		return nil, fmt.Errorf("revisit sample %s: bad seed %q", month, seed)
	}
	s.DrawnAt = fromMS(at)
	rows, err := t.tx.QueryContext(t.ctx, `SELECT case_id FROM revisit_sample_cases WHERE month = $1 ORDER BY position`, month)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		s.CaseIDs = append(s.CaseIDs, id)
	}
	return &s, rows.Err()
}

func (t *txn) AddReportFiling(f *store.ReportFiling) error {
	res, err := t.exec(`INSERT INTO report_filings (month, filed_at, filed_by, how, path, format, snapshot)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, f.Month, ms(f.At), f.By, f.How, f.Path, f.Format, f.Snapshot)
	if err != nil {
		return err
	}
	f.ID, err = res.LastInsertId()
	return err
}

func (t *txn) ReportFilings(month string) ([]store.ReportFiling, error) {
	return t.filings(`WHERE month = $1`, month)
}

// filings lists the filings the WHERE clause selects, by id.
func (t *txn) filings(where string, args ...any) ([]store.ReportFiling, error) {
	rows, err := t.tx.QueryContext(t.ctx, `SELECT id, month, filed_at, filed_by, how, path, format, snapshot
		FROM report_filings `+where+` ORDER BY id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.ReportFiling
	for rows.Next() {
		var f store.ReportFiling
		var at int64
		if err := rows.Scan(&f.ID, &f.Month, &at, &f.By, &f.How, &f.Path, &f.Format, &f.Snapshot); err != nil {
			return nil, err
		}
		f.At = fromMS(at)
		out = append(out, f)
	}
	return out, rows.Err()
}
