package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"complaintdesk/store"
)

// Bulk writing (store.Bulk): a page cache large enough for the pages a
// batch of thousands of cases touches (the indexes of a million cases do
// not fit SQLite's default 2 MB, and every miss is a read from the file),
// commits that do not wait for the disk (an import is run again after a
// power cut; the database stays whole either way), fewer checkpoints,
// the search merger paused: FTS5 merges the segments of the batches
// by itself, 16 at a time, which costs a bulk job less than merging each
// one as it comes; and temporary files in memory: a statement of many
// rows keeps a copy of every page it changes (the statement journal),
// which in a file cost a system call a page.
const (
	// 32 MiB of pages take about 64 MiB of memory: the driver's allocator
	// gives a page and its header (4 KiB and a little) an 8 KiB slot.
	bulkCacheKiB       = 32 << 10
	bulkAutocheckpoint = 16384 // pages: a 64 MiB WAL between checkpoints
)

var _ store.Bulk = (*DB)(nil)

// BeginBulk sets the writer up for a bulk job; end restores it, checkpoints
// and syncs the files so that everything written is durable.
func (db *DB) BeginBulk(ctx context.Context) (end func() error, err error) {
	var cache, autock, temp int64
	if err := db.writer.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&cache); err != nil {
		return nil, err
	}
	if err := db.writer.QueryRowContext(ctx, `PRAGMA temp_store`).Scan(&temp); err != nil {
		return nil, err
	}
	if err := db.writer.QueryRowContext(ctx, `PRAGMA wal_autocheckpoint`).Scan(&autock); err != nil {
		return nil, err
	}
	set := func(pragmas ...string) error {
		for _, p := range pragmas {
			if _, err := db.writer.ExecContext(context.WithoutCancel(ctx), p); err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
		}
		return nil
	}
	if err := set(fmt.Sprintf(`PRAGMA cache_size = -%d`, bulkCacheKiB), `PRAGMA synchronous = NORMAL`, `PRAGMA temp_store = MEMORY`,
		fmt.Sprintf(`PRAGMA wal_autocheckpoint = %d`, bulkAutocheckpoint)); err != nil {
		return nil, err
	}
	db.bulk.Store(true)
	return func() error {
		db.bulk.Store(false)
		err := set(`PRAGMA synchronous = FULL`, fmt.Sprintf(`PRAGMA cache_size = %d`, cache), fmt.Sprintf(`PRAGMA temp_store = %d`, temp),
			fmt.Sprintf(`PRAGMA wal_autocheckpoint = %d`, autock), `PRAGMA wal_checkpoint(PASSIVE)`)
		// The commits made without waiting for the disk: on it now.
		for _, name := range []string{db.path + "-wal", db.path} {
			f, ferr := os.OpenFile(name, os.O_RDWR, 0)
			if errors.Is(ferr, os.ErrNotExist) {
				continue
			}
			if ferr == nil {
				ferr = f.Sync()
				f.Close()
			}
			err = errors.Join(err, ferr)
		}
		return err
	}, nil
}

// The methods of store.ImportTx. An import writes up to a thousand cases
// per transaction: its statements are prepared once per batch rather than
// compiled again for every row, which is most of what a row costs.

func (t *txn) CaseBySource(source, sourceID string) (*store.Case, error) {
	var id int64
	err := t.tx.QueryRowContext(t.ctx, `SELECT id FROM cases WHERE source = $1 AND source_id = $2 AND source <> ''`, source, sourceID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
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
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	// "source <> ''" lets the planner use the partial unique index.
	rows, err := t.tx.QueryContext(t.ctx, `SELECT source_id, number FROM cases
		WHERE source = $1 AND source <> '' AND source_id IN (SELECT value FROM json_each($2))`, source, string(list))
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
		return nil, errors.New("store: write in a read transaction")
	}
	for day, n := range counts {
		if n < 1 {
			return nil, fmt.Errorf("reserve %d case numbers of %s: need at least one", n, day)
		}
	}
	list, err := json.Marshal(counts)
	if err != nil {
		return nil, err
	}
	// One statement for every day of the batch ("WHERE true" tells the
	// parser the ON CONFLICT belongs to the INSERT, not the SELECT).
	rows, err := t.tx.QueryContext(t.ctx, `INSERT INTO case_seq (day, last)
		SELECT key, value FROM json_each($1) WHERE true
		ON CONFLICT (day) DO UPDATE SET last = last + excluded.last
		RETURNING day, last`, string(list))
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

// insertRows runs one INSERT of many rows at a time: a statement of full
// chunks prepared once, and one for the rest.
type insertRows struct {
	t     *txn
	head  string // INSERT INTO t (a, b) VALUES
	cols  int
	chunk int
	full  *sql.Stmt
	args  []any
	n     int
}

func (t *txn) newInsertRows(head string, cols, chunk int) *insertRows {
	return &insertRows{t: t, head: head, cols: cols, chunk: chunk, args: make([]any, 0, cols*chunk)}
}

// text is the statement for rows rows. Its parameters are "?", not "$n":
// the driver looks every named parameter's name up by a linear scan, which
// for the hundreds of a many-row statement cost more than the insert.
func (ir *insertRows) text(rows int) string {
	one := "(" + strings.TrimSuffix(strings.Repeat("?,", ir.cols), ",") + ")"
	return ir.head + strings.TrimSuffix(strings.Repeat(one+",", rows), ",")
}

// add queues one row's values and writes a full chunk.
func (ir *insertRows) add(vals ...any) error {
	ir.args = append(ir.args, vals...)
	ir.n++
	if ir.n < ir.chunk {
		return nil
	}
	if ir.full == nil {
		st, err := ir.t.tx.PrepareContext(ir.t.ctx, ir.text(ir.chunk))
		if err != nil {
			return err
		}
		ir.full = st
	}
	_, err := ir.full.ExecContext(ir.t.ctx, ir.args...)
	ir.args, ir.n = ir.args[:0], 0
	return err
}

// flush writes the rows left and closes the statement.
func (ir *insertRows) flush() error {
	if ir.full != nil {
		defer ir.full.Close()
	}
	if ir.n == 0 {
		return nil
	}
	_, err := ir.t.tx.ExecContext(ir.t.ctx, ir.text(ir.n), ir.args...)
	ir.args, ir.n = ir.args[:0], 0
	return err
}

// closeRows closes the statements of inserts a failure left unfinished.
func closeRows(irs ...*insertRows) {
	for _, ir := range irs {
		if ir.full != nil {
			ir.full.Close()
		}
	}
}

// The rows of cases, complainants and events with their ids, as
// InsertHistory and RestoreCases write them.
func (t *txn) caseRows() *insertRows {
	return t.newInsertRows(`INSERT OR FAIL INTO cases (id, number, version, idem_key, source, source_id,
		received_at, registered_at, updated_at, created_by,
		channel, nature, category, grade, grade_reason, status, is_open,
		content, demand, subject, collective_size,
		department, handler, expected_by, resolution, reply, satisfaction,
		reopen_count, training, acknowledged_at, resolved_at, closed_at, revisited_at,
		next_due, next_due_start, next_clock, fields, next_warn, escalation, crisis) VALUES `, 40, 25)
}

func caseRow(c *store.Case) []any {
	return []any{c.ID, c.Number, c.Version, nullable(c.IdemKey), c.Source, c.SourceID,
		ms(c.ReceivedAt), ms(c.RegisteredAt), ms(c.UpdatedAt), c.CreatedBy,
		c.Channel, c.Nature, c.Category, c.Grade, c.GradeReason, c.Status, c.Open,
		c.Content, c.Demand, c.Subject, c.CollectiveSize,
		c.Department, c.Handler, ms(c.ExpectedBy), c.Resolution, c.Reply, c.Satisfaction,
		c.ReopenCount, c.Training, ms(c.AcknowledgedAt), ms(c.ResolvedAt), ms(c.ClosedAt), ms(c.RevisitedAt),
		dueValue(c.NextDue), ms(c.NextDueStart), c.NextClock, fieldsJSON(c.Fields),
		dueValue(c.NextWarn), c.Escalation, c.Crisis}
}

func (t *txn) complainantRows() *insertRows {
	return t.newInsertRows(`INSERT OR FAIL INTO complainants (id, case_id, position, name, phone, email, address, org, anonymous,
		callback, callback_at, satisfaction) VALUES `, 12, 100)
}

// complainantRow is the row of c's complainant at position i.
func complainantRow(c *store.Case, i int) []any {
	p := &c.Complainants[i]
	return []any{p.ID, c.ID, i, p.Name, p.Phone, p.Email, p.Address, p.Org, p.Anonymous,
		p.Callback, ms(p.CallbackAt), p.Satisfaction}
}

func (t *txn) eventRows() *insertRows {
	return t.newInsertRows(`INSERT OR FAIL INTO events (id, case_id, at, actor, action, reason, note, before, after,
		entered_at, late_reason, prev_hash, hash) VALUES `, 13, 100)
}

// eventRow is e's row with its Before and After as JSON.
func eventRow(e *store.Event, before, after string) []any {
	return []any{e.ID, e.CaseID, ms(e.At), e.Actor, e.Action, e.Reason, e.Note, before, after,
		ms(e.Entered), e.Late, e.Prev, e.Hash}
}

// appendSearchRow appends [id, tokens] of c to a JSON array for indexRows.
func appendSearchRow(b []byte, c *store.Case) []byte {
	b = strconv.AppendInt(append(b, '['), c.ID, 10)
	b = append(b, ',')
	b = appendJSONString(b, strings.TrimSpace(numberTokens(c.Number)+" "+bodyTokens(c)))
	return append(b, ']')
}

// indexRows adds a batch's search tokens (a JSON array of appendSearchRow)
// in one statement: FTS5 writes what it holds as a segment at a
// statement's savepoint or the commit, so the batch's tokens become one
// segment, and the driver binds one parameter instead of two per case.
func (t *txn) indexRows(search []byte) error {
	_, err := t.exec(`INSERT INTO case_search (rowid, tokens) SELECT value ->> 0, value ->> 1 FROM json_each($1)`, string(search))
	return err
}

func (t *txn) maxID(table string) (int64, error) {
	var id int64
	err := t.tx.QueryRowContext(t.ctx, `SELECT coalesce(max(id), 0) FROM `+table).Scan(&id)
	return id, err
}

func (t *txn) InsertHistory(recs []store.HistoryRecord) error {
	if t.readOnly {
		return errors.New("store: write in a read transaction")
	}
	if len(recs) == 0 {
		return nil
	}
	// The ids are given here (the next ones: this transaction is the
	// only writer), so a batch goes in as a few statements of many rows
	// each instead of several statements per case. OR FAIL: a failure
	// rolls the whole transaction back, so a statement need not undo its
	// own rows, and SQLite keeps no statement journal for it.
	// Rows go in by statements of many: an event's case may still be
	// queued when its statement runs. The keys are checked at the commit
	// (the pragma ends with the transaction).
	if _, err := t.exec(`PRAGMA defer_foreign_keys = ON`); err != nil {
		return err
	}
	caseID, err := t.maxID("cases")
	if err != nil {
		return err
	}
	personID, err := t.maxID("complainants")
	if err != nil {
		return err
	}
	eventID, err := t.maxID("events")
	if err != nil {
		return err
	}
	// Every id is set before anything else runs: the goroutine below
	// reads the records while they are inserted, and nothing writes to
	// them after this loop. Ids follow the order of the indexes that
	// would otherwise take the batch's rows at random places: cases by
	// number (a register is mostly in order already), complainants by
	// phone. In order, each page of an index is read and written once a
	// batch, not once a row: with a million cases the phone index does
	// not fit the page cache.
	recs = slices.Clone(recs)
	slices.SortStableFunc(recs, func(a, b store.HistoryRecord) int { return strings.Compare(a.Case.Number, b.Case.Number) })
	type person struct {
		c *store.Case
		i int
	}
	var people []person
	for _, r := range recs {
		caseID++
		r.Case.ID = caseID
		for i := range r.Case.Complainants {
			people = append(people, person{r.Case, i})
		}
		for k := range r.Events {
			eventID++
			r.Events[k].ID, r.Events[k].CaseID = eventID, caseID
		}
	}
	slices.SortStableFunc(people, func(a, b person) int {
		return strings.Compare(a.c.Complainants[a.i].Phone, b.c.Complainants[b.i].Phone)
	})
	for _, p := range people {
		personID++
		p.c.Complainants[p.i].ID = personID
	}
	cases, persons, events := t.caseRows(), t.complainantRows(), t.eventRows()

	// What takes no database is done beside the inserts: the search
	// tokens of the batch, as one JSON array of [id, tokens], the events'
	// JSON, and their hash chain (store.ChainHistory).
	type prepared struct{ before, after []string }
	prep := make([]prepared, len(recs))
	var search []byte
	done := make(chan struct{})
	now := time.Now()
	go func() {
		defer close(done)
		search = append(search, '[')
		for i, r := range recs {
			c := r.Case
			if i > 0 {
				search = append(search, ',')
			}
			search = appendSearchRow(search, c)
			x := &prep[i]
			x.before, x.after = make([]string, len(r.Events)), make([]string, len(r.Events))
			for k, e := range r.Events {
				x.before[k], x.after[k] = jsonObject(e.Before), jsonObject(e.After)
			}
			store.ChainHistory(r.Events, now)
		}
		search = append(search, ']')
	}()
	write := func() error {
		for _, r := range recs {
			if err := cases.add(caseRow(r.Case)...); err != nil {
				return err
			}
		}
		for _, x := range people {
			if err := persons.add(complainantRow(x.c, x.i)...); err != nil {
				return err
			}
		}
		for _, ir := range []*insertRows{cases, persons} {
			if err := ir.flush(); err != nil {
				return err
			}
		}
		<-done
		for i, r := range recs {
			for k := range r.Events {
				if err := events.add(eventRow(&r.Events[k], prep[i].before[k], prep[i].after[k])...); err != nil {
					return err
				}
			}
		}
		if err := events.flush(); err != nil {
			return err
		}
		return t.indexRows(search) // last, in one statement

	}
	if err := write(); err != nil {
		<-done
		closeRows(cases, persons, events)
		if isUnique(err) {
			return fmt.Errorf("a case of the batch was imported before (%v): %w", err, store.ErrDuplicate)
		}
		return err
	}
	return nil
}

// jsonObject is m as a JSON object, its keys in order (as json.Marshal
// writes it, without escaping <, > and &), without reflection: a bulk
// job writes millions.
func jsonObject(m map[string]string) string {
	if len(m) == 0 {
		return "{}"
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b := make([]byte, 0, 16*len(m)+2)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(append(appendJSONString(b, k), ':'), m[k])
	}
	return string(append(b, '}'))
}

// appendJSONString appends s as a JSON string; invalid UTF-8 becomes
// U+FFFD, as json.Marshal writes it.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && n == 1:
				b = append(b, "\\ufffd"...)
			case r == '\u2028' || r == '\u2029':
				b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
			default:
				b = append(b, s[i:i+n]...)
			}
			i += n
			continue
		default:
			b = append(b, c)
		}
		i++
	}
	return append(b, '"')
}
