package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"complaintdesk/store"
)

// BeginBulk lets the write transactions of a bulk job (desk import, desk
// demo) commit without waiting for the disk (synchronous_commit off: a
// crash may lose the last commits, never half of one); end makes
// everything written durable with one commit that waits, and updates the
// planner's statistics.
func (db *DB) BeginBulk(ctx context.Context) (end func() error, err error) {
	db.bulk.Store(true)
	return func() error {
		db.bulk.Store(false)
		ctx := context.WithoutCancel(ctx)
		// A commit that waits for the disk waits for every one before it.
		if err := db.Write(ctx, func(store.Tx) error { return nil }); err != nil {
			return err
		}
		// The planner's statistics, for the many rows just written:
		// without them a search reads every row instead of the index.
		_, err := db.pool.Exec(ctx, `ANALYZE cases, complainants, case_search, events`)
		return err
	}, nil
}

// The methods of store.ImportTx.

func (t *txn) CaseBySource(source, sourceID string) (*store.Case, error) {
	var id int64
	err := t.tx.QueryRow(t.ctx, `SELECT id FROM cases WHERE source = $1 AND source_id = $2 AND source <> ''`, source, sourceID).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	return t.CaseByID(id)
}

func (t *txn) ImportedNumbers(source string, ids []string) (map[string]string, error) {
	out := map[string]string{}
	if len(ids) == 0 || source == "" {
		return out, nil
	}
	rows, err := t.tx.Query(t.ctx, `SELECT source_id, number FROM cases
		WHERE source = $1 AND source <> '' AND source_id = ANY($2)`, source, ids)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, number string
		if err := rows.Scan(&id, &number); err != nil {
			return nil, err
		}
		out[id] = number
	}
	return out, rows.Err()
}

func (t *txn) ReserveCaseSeqs(counts map[string]int) (map[string]int, error) {
	first := make(map[string]int, len(counts))
	if len(counts) == 0 {
		return first, nil
	}
	if t.readOnly {
		return nil, errReadOnly
	}
	days := make([]string, 0, len(counts))
	ns := make([]int32, 0, len(counts))
	for day, n := range counts {
		if n < 1 {
			return nil, fmt.Errorf("reserve %d case numbers of %s: need at least one", n, day)
		}
		days = append(days, day)
		ns = append(ns, int32(n))
	}
	rows, err := t.tx.Query(t.ctx, `INSERT INTO case_seq (day, last)
		SELECT * FROM unnest($1::text[], $2::int[])
		ON CONFLICT (day) DO UPDATE SET last = case_seq.last + excluded.last
		RETURNING day, last`, days, ns)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var day string
		var last int
		if err := rows.Scan(&day, &last); err != nil {
			return nil, err
		}
		first[day] = last - counts[day] + 1
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(first) != len(counts) {
		return nil, fmt.Errorf("reserved case numbers for %d of %d days", len(first), len(counts))
	}
	return first, nil
}

// nextIDs takes n ids of a table's sequence.
func (t *txn) nextIDs(table string, n int) ([]int64, error) {
	return t.ids(`SELECT nextval(pg_get_serial_sequence($1, 'id')) FROM generate_series(1, $2)`, table, n)
}

// InsertHistory inserts a batch of imported cases with COPY: the cases,
// their complainants, events and search rows, four statements a batch.
func (t *txn) InsertHistory(recs []store.HistoryRecord) error {
	if t.readOnly {
		return errReadOnly
	}
	if len(recs) == 0 {
		return nil
	}
	// Ids in number order, as SQLite gives them: a register is walked
	// (EachCase) in the order of its numbers.
	recs = slices.Clone(recs)
	slices.SortStableFunc(recs, func(a, b store.HistoryRecord) int { return strings.Compare(a.Case.Number, b.Case.Number) })
	people, events := 0, 0
	for _, r := range recs {
		people += len(r.Case.Complainants)
		events += len(r.Events)
	}
	caseIDs, err := t.nextIDs("cases", len(recs))
	if err != nil {
		return err
	}
	personIDs, err := t.nextIDs("complainants", people)
	if err != nil {
		return err
	}
	eventIDs, err := t.nextIDs("events", events)
	if err != nil {
		return err
	}
	caseRows := make([][]any, 0, len(recs))
	personRows := make([][]any, 0, people)
	eventRows := make([][]any, 0, events)
	searchRows := make([][]any, 0, len(recs))
	now := time.Now()
	// Complainants' ids in phone order, as SQLite gives them.
	type person struct {
		c *store.Case
		i int
	}
	var ps []person
	for i, r := range recs {
		r.Case.ID = caseIDs[i]
		for k := range r.Case.Complainants {
			ps = append(ps, person{r.Case, k})
		}
	}
	slices.SortStableFunc(ps, func(a, b person) int {
		return strings.Compare(a.c.Complainants[a.i].Phone, b.c.Complainants[b.i].Phone)
	})
	for k, x := range ps {
		p := &x.c.Complainants[x.i]
		p.ID = personIDs[k]
		personRows = append(personRows, []any{p.ID, x.c.ID, x.i, p.Name, p.Phone, p.Email, p.Address, p.Org, p.Anonymous,
			p.Callback, ms(p.CallbackAt), p.Satisfaction})
	}
	for _, r := range recs {
		c := r.Case
		caseRows = append(caseRows, append([]any{c.ID}, caseArgs(c)...))
		tokens, terms := caseSearch(c)
		searchRows = append(searchRows, []any{c.ID, tokens, terms})
		for k := range r.Events {
			e := &r.Events[k]
			e.ID, eventIDs = eventIDs[0], eventIDs[1:]
			e.CaseID = c.ID
		}
		store.ChainHistory(r.Events, now)
		for k := range r.Events {
			e := &r.Events[k]
			before, _ := json.Marshal(orEmpty(e.Before))
			after, _ := json.Marshal(orEmpty(e.After))
			eventRows = append(eventRows, []any{e.ID, e.CaseID, ms(e.At), e.Actor, e.Action, e.Reason, e.Note, string(before), string(after),
				ms(e.Entered), e.Late, e.Prev, e.Hash})
		}
	}
	for _, cp := range []struct {
		table string
		cols  []string
		rows  [][]any
	}{
		{"cases", append([]string{"id"}, caseInsertColumns...), caseRows},
		{"complainants", []string{"id", "case_id", "position", "name", "phone", "email", "address", "org", "anonymous",
			"callback", "callback_at", "satisfaction"}, personRows},
		{"events", []string{"id", "case_id", "at", "actor", "action", "reason", "note", "before", "after",
			"entered_at", "late_reason", "prev_hash", "hash"}, eventRows},
		{"case_search", []string{"case_id", "tokens", "terms"}, searchRows},
	} {
		if len(cp.rows) == 0 {
			continue
		}
		if _, err := t.tx.CopyFrom(t.ctx, pgx.Identifier{cp.table}, cp.cols, pgx.CopyFromRows(cp.rows)); err != nil {
			if isUnique(err) {
				return fmt.Errorf("a case of the batch was imported before (%v): %w", err, store.ErrDuplicate)
			}
			return err
		}
	}
	return nil
}
