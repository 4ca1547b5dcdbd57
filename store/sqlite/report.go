package sqlite

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"complaintdesk/store"
)

// sampleCond selects the cases of the latest revisit sample (store.TabSample).
const sampleCond = `c.id IN (SELECT case_id FROM revisit_sample_cases
	WHERE month = (SELECT max(month) FROM revisit_samples))`

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
	people := &cursor[store.Complainant]{rows: prows, scan: scanComplainant}
	var events *cursor[store.Event]
	if q.Events {
		cols, scan := `case_id, id, at, actor, action, reason, note, after`, scanEventAfter
		if q.EventKeys != nil {
			keys := q.EventKeys
			cols, scan = `case_id, id, at, action, after`, func(rows *sql.Rows, e *store.Event) (int64, error) {
				return scanEventBrief(rows, e, keys)
			}
		}
		erows, err := t.tx.QueryContext(t.ctx, `SELECT `+cols+of("events")+` ORDER BY case_id, id`, args...)
		if err != nil {
			return err
		}
		defer erows.Close()
		events = &cursor[store.Event]{rows: erows, scan: scan}
	}
	var c store.Case
	var evs []store.Event
	for rows.Next() {
		c = store.Case{}
		if err := scanCase(rows, &c); err != nil {
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

// cursor reads rows of one table in case id order, one row ahead.
type cursor[T any] struct {
	rows   *sql.Rows
	scan   func(*sql.Rows, *T) (caseID int64, err error)
	have   bool // next holds a row read ahead
	next   T
	nextID int64
	done   bool
}

// take appends the rows of case id (skipping those of earlier cases).
func (k *cursor[T]) take(id int64, out []T) ([]T, error) {
	for {
		if !k.have {
			if k.done || !k.rows.Next() {
				k.done = true
				return out, k.rows.Err()
			}
			var v T
			cid, err := k.scan(k.rows, &v)
			if err != nil {
				return out, err
			}
			k.next, k.nextID, k.have = v, cid, true
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

func scanComplainant(rows *sql.Rows, p *store.Complainant) (int64, error) {
	var caseID, cbAt int64
	err := rows.Scan(&caseID, &p.ID, &p.Name, &p.Phone, &p.Email, &p.Address, &p.Org, &p.Anonymous,
		&p.Callback, &cbAt, &p.Satisfaction)
	p.CallbackAt = fromMS(cbAt)
	return caseID, err
}

// scanEventAfter reads an event without its Before (nothing that walks
// many cases needs it).
func scanEventAfter(rows *sql.Rows, e *store.Event) (int64, error) {
	var ms int64
	var after []byte
	if err := rows.Scan(&e.CaseID, &e.ID, &ms, &e.Actor, &e.Action, &e.Reason, &e.Note, &after); err != nil {
		return 0, err
	}
	e.At = fromMS(ms)
	var err error
	e.After, err = decodeFields(after)
	return e.CaseID, err
}

// scanEventBrief reads an event's time, action and the keys of its After.
func scanEventBrief(rows *sql.Rows, e *store.Event, keys []string) (int64, error) {
	var ms int64
	var after sql.RawBytes // read in place: only the picked values are copied
	if err := rows.Scan(&e.CaseID, &e.ID, &ms, &e.Action, &after); err != nil {
		return 0, err
	}
	e.At = fromMS(ms)
	var err error
	e.After, err = pickFields(after, keys)
	return e.CaseID, err
}

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
	rows, err := t.tx.QueryContext(t.ctx, `SELECT id FROM cases WHERE closed_at >= $1 AND closed_at < $2 AND closed_at <> 0
		ORDER BY id`, from.UnixMilli(), to.UnixMilli())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
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
	rows, err := t.tx.QueryContext(t.ctx, `SELECT id, month, filed_at, filed_by, how, path, format, snapshot
		FROM report_filings WHERE month = $1 ORDER BY id`, month)
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
