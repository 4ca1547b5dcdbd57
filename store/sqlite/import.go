package sqlite

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"complaintdesk/store"
)

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
	cases := t.newInsertRows(`INSERT OR FAIL INTO cases (id, number, version, idem_key, source, source_id,
		received_at, registered_at, updated_at, created_by,
		channel, nature, category, grade, grade_reason, status, is_open,
		content, demand, subject, collective_size,
		department, handler, expected_by, resolution, reply, satisfaction,
		reopen_count, training, acknowledged_at, resolved_at, closed_at, revisited_at,
		next_due, next_due_start, next_clock, fields, next_warn, escalation, crisis) VALUES `, 40, 25)
	persons := t.newInsertRows(`INSERT OR FAIL INTO complainants (id, case_id, position, name, phone, email, address, org, anonymous,
		callback, callback_at, satisfaction) VALUES `, 12, 100)
	// The search index last, one row a statement: a statement that keeps
	// a statement journal (one of many rows) opens a savepoint, at which
	// FTS5 writes what it holds as a new segment; after the index's rows
	// none comes, so the batch's tokens become one segment at the commit.
	search := t.newInsertRows(`INSERT INTO case_search (rowid, tokens) VALUES `, 2, 1)
	events := t.newInsertRows(`INSERT OR FAIL INTO events (id, case_id, at, actor, action, reason, note, before, after) VALUES `, 9, 100)

	// What takes no database is done beside the inserts: the search
	// tokens (all but the case number's, which is tokenised apart: the
	// tokens of several fields are those of each, joined) and the events'
	// JSON.
	type prepared struct {
		tokens        string
		before, after []string
	}
	prep := make([]prepared, len(recs))
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i, r := range recs {
			c := r.Case
			x := &prep[i]
			x.tokens = bodyTokens(c)
			x.before, x.after = make([]string, len(r.Events)), make([]string, len(r.Events))
			for k, e := range r.Events {
				b, _ := json.Marshal(orEmpty(e.Before))
				a, _ := json.Marshal(orEmpty(e.After))
				x.before[k], x.after[k] = string(b), string(a)
			}
		}
	}()
	write := func() error {
		for _, r := range recs {
			c := r.Case
			caseID++
			c.ID = caseID
			err := cases.add(c.ID, c.Number, c.Version, nullable(c.IdemKey), c.Source, c.SourceID,
				ms(c.ReceivedAt), ms(c.RegisteredAt), ms(c.UpdatedAt), c.CreatedBy,
				c.Channel, c.Nature, c.Category, c.Grade, c.GradeReason, c.Status, c.Open,
				c.Content, c.Demand, c.Subject, c.CollectiveSize,
				c.Department, c.Handler, ms(c.ExpectedBy), c.Resolution, c.Reply, c.Satisfaction,
				c.ReopenCount, c.Training, ms(c.AcknowledgedAt), ms(c.ResolvedAt), ms(c.ClosedAt), ms(c.RevisitedAt),
				dueValue(c.NextDue), ms(c.NextDueStart), c.NextClock, fieldsJSON(c.Fields),
				dueValue(c.NextWarn), c.Escalation, c.Crisis)
			if err != nil {
				return err
			}
			for i := range c.Complainants {
				p := &c.Complainants[i]
				personID++
				p.ID = personID
				if err := persons.add(p.ID, c.ID, i, p.Name, p.Phone, p.Email, p.Address, p.Org, p.Anonymous,
					p.Callback, ms(p.CallbackAt), p.Satisfaction); err != nil {
					return err
				}
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
				e := &r.Events[k]
				eventID++
				e.ID, e.CaseID = eventID, r.Case.ID
				if err := events.add(e.ID, e.CaseID, ms(e.At), e.Actor, e.Action, e.Reason, e.Note, prep[i].before[k], prep[i].after[k]); err != nil {
					return err
				}
			}
		}
		if err := events.flush(); err != nil {
			return err
		}
		for i, r := range recs {
			text := numberTokens(r.Case.Number)
			if prep[i].tokens != "" {
				text += " " + prep[i].tokens
			}
			if err := search.add(r.Case.ID, text); err != nil {
				return err
			}
		}
		return search.flush()
	}
	if err := write(); err != nil {
		<-done
		for _, ir := range []*insertRows{cases, persons, search, events} {
			if ir.full != nil {
				ir.full.Close()
			}
		}
		if isUnique(err) {
			return fmt.Errorf("a case of the batch was imported before (%v): %w", err, store.ErrDuplicate)
		}
		return err
	}
	return nil
}
