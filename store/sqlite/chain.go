package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"

	"complaintdesk/store"
	"complaintdesk/store/search"
)

// goSteps are migrations' steps in Go, run after the migration's SQL in the
// same transaction.
var goSteps = map[int]func(ctx context.Context, tx *sql.Tx) error{
	9:  chainEvents,
	10: reindex,
}

// reindex writes every case's search tokens (store/search) again.
func reindex(ctx context.Context, tx *sql.Tx) error {
	people := map[int64][]store.Complainant{}
	prows, err := tx.QueryContext(ctx, `SELECT case_id, name, phone, email, org FROM complainants ORDER BY case_id, position`)
	if err != nil {
		return err
	}
	for prows.Next() {
		var id int64
		var p store.Complainant
		if err := prows.Scan(&id, &p.Name, &p.Phone, &p.Email, &p.Org); err != nil {
			prows.Close()
			return err
		}
		people[id] = append(people[id], p)
	}
	prows.Close()
	if err := prows.Err(); err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, number, content, demand, subject FROM cases ORDER BY id`)
	if err != nil {
		return err
	}
	type doc struct {
		id     int64
		tokens string
	}
	var docs []doc
	for rows.Next() {
		var c store.Case
		if err := rows.Scan(&c.ID, &c.Number, &c.Content, &c.Demand, &c.Subject); err != nil {
			rows.Close()
			return err
		}
		c.Complainants = people[c.ID]
		docs = append(docs, doc{c.ID, search.Case(&c)})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	st, err := tx.PrepareContext(ctx, `INSERT INTO case_search (rowid, tokens) VALUES ($1, $2)`)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, d := range docs {
		if _, err := st.ExecContext(ctx, d.id, d.tokens); err != nil {
			return err
		}
	}
	return nil
}

// chainEvents fills entered_at (the time it happened: older events did not
// keep when they were entered) and the hash chain of every event, then
// makes events append-only again.
func chainEvents(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, case_id, at, actor, action, reason, note, before, after FROM events ORDER BY case_id, id`)
	if err != nil {
		return err
	}
	type fix struct {
		id         int64
		entered    int64
		prev, hash string
	}
	var fixes []fix
	var lastCase int64 = -1
	prev := ""
	for rows.Next() {
		var e store.Event
		var at int64
		var before, after string
		if err := rows.Scan(&e.ID, &e.CaseID, &at, &e.Actor, &e.Action, &e.Reason, &e.Note, &before, &after); err != nil {
			rows.Close()
			return err
		}
		if err := json.Unmarshal([]byte(before), &e.Before); err != nil {
			rows.Close()
			return err
		}
		if err := json.Unmarshal([]byte(after), &e.After); err != nil {
			rows.Close()
			return err
		}
		if e.CaseID != lastCase {
			lastCase, prev = e.CaseID, ""
		}
		e.At, e.Entered = fromMS(at), fromMS(at)
		h := store.EventHash(prev, &e)
		fixes = append(fixes, fix{e.ID, at, prev, h})
		prev = h
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return err
	}
	rows.Close()
	st, err := tx.PrepareContext(ctx, `UPDATE events SET entered_at = $1, prev_hash = $2, hash = $3 WHERE id = $4`)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, f := range fixes {
		if _, err := st.ExecContext(ctx, f.entered, f.prev, f.hash, f.id); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, `CREATE TRIGGER events_no_update BEFORE UPDATE ON events
		BEGIN SELECT RAISE(ABORT, 'events are append-only'); END`)
	return err
}
