package sqlite

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"complaintdesk/store"
)

// eachBatch is how many cases EachCase hands over per read of their
// complainants and events: the memory a walk holds, whatever its length.
const eachBatch = 256

// sampleCond selects the cases of the latest revisit sample (store.TabSample).
const sampleCond = `c.id IN (SELECT case_id FROM revisit_sample_cases
	WHERE month = (SELECT max(month) FROM revisit_samples))`

// exportWhere is the queue's WHERE clause with the receipt bounds of q.
func (t *txn) exportWhere(q store.ExportQuery) (w string, args []any, none bool, err error) {
	probe, none, err := t.searchPlan(q.Query)
	if err != nil || none {
		return "", nil, none, err
	}
	w, args = whereSearch(q.Query, probe)
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

// EachCase streams the selected cases in id order. The cases are read by
// one statement; every eachBatch of them, their complainants and events
// are read with one statement each (on the same connection, while the
// first is still open) and handed to fn.
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
	batch := make([]store.Case, eachBatch)
	ptrs := make([]*store.Case, eachBatch)
	for i := range batch {
		ptrs[i] = &batch[i]
	}
	var evs [][]store.Event
	if q.Events {
		evs = make([][]store.Event, eachBatch)
	}
	flush := func(n int) error {
		if n == 0 {
			return nil
		}
		if err := t.loadComplainants(ptrs[:n]); err != nil {
			return err
		}
		if q.Events {
			if err := t.loadEvents(batch[:n], evs); err != nil {
				return err
			}
		}
		for i := 0; i < n; i++ {
			var e []store.Event
			if q.Events {
				e = evs[i]
			}
			if err := fn(&batch[i], e); err != nil {
				return err
			}
		}
		return nil
	}
	n := 0
	for rows.Next() {
		batch[n] = store.Case{}
		if err := scanCase(rows, &batch[n]); err != nil {
			return err
		}
		n++
		if n == eachBatch {
			if err := flush(n); err != nil {
				return err
			}
			n = 0
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return flush(n)
}

// loadEvents reads the events of the cases (in id order) into out[i], one
// statement for all, reusing out's slices.
func (t *txn) loadEvents(cases []store.Case, out [][]store.Event) error {
	args := make([]any, len(cases))
	marks := make([]string, len(cases))
	at := make(map[int64]int, len(cases))
	for i := range cases {
		args[i] = cases[i].ID
		marks[i] = "$" + strconv.Itoa(i+1)
		at[cases[i].ID] = i
		out[i] = out[i][:0]
	}
	rows, err := t.tx.QueryContext(t.ctx, `SELECT id, case_id, at, actor, action, reason, note, before, after
		FROM events WHERE case_id IN (`+strings.Join(marks, ",")+`) ORDER BY case_id, id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var before, after []byte
	for rows.Next() {
		var e store.Event
		var ms int64
		if err := rows.Scan(&e.ID, &e.CaseID, &ms, &e.Actor, &e.Action, &e.Reason, &e.Note, &before, &after); err != nil {
			return err
		}
		e.At = fromMS(ms)
		if e.Before, err = decodeFields(before); err != nil {
			return err
		}
		if e.After, err = decodeFields(after); err != nil {
			return err
		}
		i, ok := at[e.CaseID]
		if !ok {
			continue
		}
		out[i] = append(out[i], e)
	}
	return rows.Err()
}

// decodeFields reads an event's before/after; "{}" (most of them) costs nothing.
func decodeFields(b []byte) (map[string]string, error) {
	if len(b) == 0 || string(b) == "{}" {
		return nil, nil
	}
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	return m, nil
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

func (t *txn) OpenByGradeStatus() ([]store.GradeStatusCount, error) {
	rows, err := t.tx.QueryContext(t.ctx, `SELECT grade, status, count(*) FROM cases WHERE is_open = 1
		GROUP BY grade, status ORDER BY grade, status`)
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
	if err := count(&d.Today, `SELECT count(*) FROM cases WHERE next_due >= $1 AND next_due < $2`, n, dayEnd.UnixMilli()); err != nil {
		return d, err
	}
	err := count(&d.Overdue, `SELECT count(*) FROM cases WHERE next_due < $1`, n)
	return d, err
}

func (t *txn) HandlerLoads(now time.Time, limit int) ([]store.HandlerLoad, error) {
	if limit <= 0 {
		limit = 20
	}
	rows, err := t.tx.QueryContext(t.ctx, `SELECT handler, count(*), sum(next_due < $1), min(received_at)
		FROM cases WHERE is_open = 1 GROUP BY handler ORDER BY count(*) DESC, handler LIMIT $2`, now.UnixMilli(), limit)
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
		err := t.tx.QueryRowContext(t.ctx, `SELECT number FROM cases WHERE is_open = 1 AND handler = $1
			ORDER BY received_at, id LIMIT 1`, out[i].Handler).Scan(&out[i].OldestNumber)
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
	return t.casesQuery(`SELECT `+caseColumns+` FROM cases c WHERE c.next_due <= $1
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
