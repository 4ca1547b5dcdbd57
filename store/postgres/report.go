package postgres

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"complaintdesk/store"
)

// withReceipt adds the receipt bounds of q to a queue's WHERE clause.
func withReceipt(w string, a args, q store.ExportQuery) (string, args) {
	var more []string
	if !q.ReceivedFrom.IsZero() {
		more = append(more, `c.received_at >= `+a.add(q.ReceivedFrom.UnixMilli()))
	}
	if !q.ReceivedTo.IsZero() {
		more = append(more, `c.received_at < `+a.add(q.ReceivedTo.UnixMilli()))
	}
	for _, m := range more {
		if w == "" {
			w = " WHERE " + m
		} else {
			w += " AND " + m
		}
	}
	return w, a
}

// eachCaseBatch is how many cases EachCase reads per round: the cases by
// id from where the last round stopped, then their complainants and
// events. A connection reads one result at a time, so the three are read
// one after another rather than merged as SQLite's EachCase does; all in
// the transaction's one snapshot.
const eachCaseBatch = 500

// EachCase streams the selected cases in id order, a batch at a time.
func (t *txn) EachCase(q store.ExportQuery, fn func(*store.Case, []store.Event) error) error {
	w, a, f, err := t.queueWhere(q.Query)
	defer t.endSearch(f)
	if err != nil || (f != nil && !f.many && len(f.ids) == 0) {
		return err
	}
	w, a = withReceipt(w, a, q)
	if w == "" {
		w = " WHERE true"
	}
	after := a.add(int64(0))
	limit := a.add(eachCaseBatch)
	text := `SELECT ` + caseColumns + ` FROM cases c` + w + ` AND c.id > ` + after + ` ORDER BY c.id LIMIT ` + limit
	afterAt := len(a) - 2
	batch := make([]store.Case, 0, eachCaseBatch)
	var evs []store.Event
	for {
		rows, err := t.tx.Query(t.ctx, text, a...)
		if err != nil {
			return err
		}
		batch = batch[:0]
		for rows.Next() {
			batch = append(batch, store.Case{})
			if err := scanCase(rows, &batch[len(batch)-1]); err != nil {
				rows.Close()
				return err
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(batch) == 0 {
			return nil
		}
		ptrs := make([]*store.Case, len(batch))
		ids := make([]int64, len(batch))
		for i := range batch {
			ptrs[i], ids[i] = &batch[i], batch[i].ID
		}
		if err := t.loadComplainants(ptrs); err != nil {
			return err
		}
		var byCase map[int64][]store.Event
		if q.Events {
			if byCase, err = t.eventsOf(ids, q.EventKeys); err != nil {
				return err
			}
		}
		for i := range batch {
			evs = append(evs[:0], byCase[batch[i].ID]...)
			if err := fn(&batch[i], evs); err != nil {
				return err
			}
		}
		if len(batch) < eachCaseBatch {
			return nil
		}
		a[afterAt] = batch[len(batch)-1].ID
	}
}

// lateMark stands for the reason of a late entry in brief events: a walk
// needs to know an event was late, not why (as store/sqlite reads them).
const lateMark = "补录"

// eventsOf reads the events of the cases, oldest first: whole but for
// Before, or brief (keys not nil: At, Action, Actor, when a late one was
// entered and only these keys of After).
func (t *txn) eventsOf(ids []int64, keys []string) (map[int64][]store.Event, error) {
	out := make(map[int64][]store.Event, len(ids))
	if keys != nil {
		rows, err := t.tx.Query(t.ctx, `SELECT case_id, id, at, actor, action, entered_at, late_reason <> '',
			ARRAY(SELECT e.after ->> k FROM unnest($2::text[]) WITH ORDINALITY AS u(k, i) ORDER BY i)
			FROM events e WHERE case_id = ANY($1) ORDER BY case_id, id`, ids, keys)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		for rows.Next() {
			var e store.Event
			var at, entered int64
			var late bool
			var vals []*string
			if err := rows.Scan(&e.CaseID, &e.ID, &at, &e.Actor, &e.Action, &entered, &late, &vals); err != nil {
				return nil, err
			}
			e.At = fromMS(at)
			if late {
				e.Entered, e.Late = fromMS(entered), lateMark
			}
			for i, v := range vals {
				if v != nil {
					if e.After == nil {
						e.After = make(map[string]string, len(keys))
					}
					e.After[keys[i]] = *v
				}
			}
			out[e.CaseID] = append(out[e.CaseID], e)
		}
		return out, rows.Err()
	}
	rows, err := t.tx.Query(t.ctx, `SELECT case_id, id, at, actor, action, reason, note, after::text, entered_at, late_reason
		FROM events WHERE case_id = ANY($1) ORDER BY case_id, id`, ids)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var e store.Event
		var at, entered int64
		var after string
		if err := rows.Scan(&e.CaseID, &e.ID, &at, &e.Actor, &e.Action, &e.Reason, &e.Note, &after, &entered, &e.Late); err != nil {
			return nil, err
		}
		e.At, e.Entered = fromMS(at), fromMS(entered)
		if after != "{}" {
			if err := json.Unmarshal([]byte(after), &e.After); err != nil {
				return nil, err
			}
		}
		out[e.CaseID] = append(out[e.CaseID], e)
	}
	return out, rows.Err()
}

func (t *txn) CountReceived(bounds []time.Time) ([]int, error) {
	if len(bounds) < 2 {
		return nil, nil
	}
	out := make([]int, len(bounds)-1)
	for i := range out {
		err := t.tx.QueryRow(t.ctx, `SELECT count(*) FROM cases WHERE received_at >= $1 AND received_at < $2`,
			bounds[i].UnixMilli(), bounds[i+1].UnixMilli()).Scan(&out[i])
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (t *txn) OpenByGradeStatus() ([]store.GradeStatusCount, error) {
	rows, err := t.tx.Query(t.ctx, `SELECT grade, status, count(*) FROM cases
		WHERE is_open GROUP BY grade, status ORDER BY grade, status`)
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
	err := t.tx.QueryRow(t.ctx, `SELECT
		count(*) FILTER (WHERE next_due >= $1 AND next_due < $2),
		count(*) FILTER (WHERE next_due >= $1 AND next_due <= $3),
		count(*) FILTER (WHERE next_due < $1)
		FROM cases WHERE next_due < $1 OR (next_due >= $1 AND next_due <= greatest($2, $3))`,
		n, hourEnd.UnixMilli(), dayEnd.UnixMilli()).Scan(&d.Hour, &d.Today, &d.Overdue)
	return d, err
}

func (t *txn) HandlerLoads(now time.Time, limit int) ([]store.HandlerLoad, error) {
	if limit <= 0 {
		limit = 20
	}
	rows, err := t.tx.Query(t.ctx, `SELECT handler, count(*), count(*) FILTER (WHERE next_due < $1), min(received_at)
		FROM cases WHERE is_open GROUP BY handler ORDER BY count(*) DESC, handler LIMIT $2`, now.UnixMilli(), limit)
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
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		err := t.tx.QueryRow(t.ctx, `SELECT number FROM cases WHERE is_open AND handler = $1 ORDER BY received_at, id LIMIT 1`,
			out[i].Handler).Scan(&out[i].OldestNumber)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
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
	var due, warn *int64
	err := t.tx.QueryRow(t.ctx, `SELECT
		(SELECT min(next_due) FROM cases WHERE next_due > $1 AND next_due < $2),
		(SELECT min(next_warn) FROM cases WHERE next_warn > $1 AND next_warn < $2)`, now.UnixMilli(), int64(noDue)).Scan(&due, &warn)
	if err != nil {
		return time.Time{}, err
	}
	var out time.Time
	for _, v := range []*int64{due, warn} {
		if v != nil && (out.IsZero() || *v < out.UnixMilli()) {
			out = fromMS(*v)
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
	_, err := t.exec(`INSERT INTO revisit_sample_cases (month, case_id, position)
		SELECT $1, id, pos - 1 FROM unnest($2::bigint[]) WITH ORDINALITY AS u(id, pos)`, s.Month, s.CaseIDs)
	return err
}

func (t *txn) RevisitSample(month string) (*store.RevisitSample, error) {
	s := store.RevisitSample{Month: month}
	var seed string
	var at int64
	err := t.tx.QueryRow(t.ctx, `SELECT seed, ratio, population, drawn_at, drawn_by FROM revisit_samples WHERE month = $1`, month).
		Scan(&seed, &s.Ratio, &s.Population, &at, &s.DrawnBy)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	if s.Seed, err = strconv.ParseUint(seed, 10, 64); err != nil {
		return nil, fmt.Errorf("revisit sample %s: bad seed %q", month, seed)
	}
	s.DrawnAt = fromMS(at)
	if s.CaseIDs, err = t.ids(`SELECT case_id FROM revisit_sample_cases WHERE month = $1 ORDER BY position`, month); err != nil {
		return nil, err
	}
	return &s, nil
}

func (t *txn) AddReportFiling(f *store.ReportFiling) error {
	if t.readOnly {
		return errReadOnly
	}
	return t.tx.QueryRow(t.ctx, `INSERT INTO report_filings (month, filed_at, filed_by, how, path, format, snapshot)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, f.Month, ms(f.At), f.By, f.How, f.Path, f.Format, f.Snapshot).Scan(&f.ID)
}

func (t *txn) ReportFilings(month string) ([]store.ReportFiling, error) {
	return t.filings(`WHERE month = $1`, month)
}
