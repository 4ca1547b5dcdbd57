package postgres

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"complaintdesk/store"
)

// The methods of store.HandlingTx.

func (t *txn) LinkCases(l store.CaseLink) error {
	if l.A == l.B {
		return fmt.Errorf("a case cannot be linked to itself")
	}
	// ON CONFLICT rather than an error: the desk goes on in the same
	// transaction after a link that is already there.
	tag, err := t.exec(`INSERT INTO case_links (case_id, other_id, created_at, created_by, reason)
		VALUES ($1,$2,$3,$4,$5), ($2,$1,$3,$4,$5) ON CONFLICT DO NOTHING`, l.A, l.B, ms(l.At), l.By, l.Reason)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("the cases are already linked: %w", store.ErrDuplicate)
	}
	return nil
}

func (t *txn) UnlinkCases(a, b int64) error {
	tag, err := t.exec(`DELETE FROM case_links WHERE (case_id = $1 AND other_id = $2) OR (case_id = $2 AND other_id = $1)`, a, b)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("the cases are not linked: %w", store.ErrNotFound)
	}
	return nil
}

func (t *txn) LinkedCases(id int64) ([]store.LinkedCase, error) {
	rows, err := t.tx.Query(t.ctx, `SELECT l.created_at, l.created_by, l.reason, `+caseColumns+`
		FROM case_links l JOIN cases c ON c.id = l.other_id WHERE l.case_id = $1 ORDER BY l.created_at, c.id`, id)
	if err != nil {
		return nil, err
	}
	var out []store.LinkedCase
	for rows.Next() {
		var lc store.LinkedCase
		var at int64
		if err := scanCase(rows, &lc.Case, &at, &lc.By, &lc.Reason); err != nil {
			rows.Close()
			return nil, err
		}
		lc.At = fromMS(at)
		out = append(out, lc)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	ptrs := make([]*store.Case, len(out))
	for i := range out {
		ptrs[i] = &out[i].Case
	}
	return out, t.loadComplainants(ptrs)
}

func (t *txn) SimilarCases(category, subject string, from, to time.Time, excludeID int64, limit int) ([]store.Case, error) {
	if category == "" || subject == "" {
		return nil, nil
	}
	if limit <= 0 {
		limit = 50
	}
	return t.queryCases(`SELECT `+caseColumns+` FROM cases c
		WHERE c.category = $1 AND c.subject = $2 AND c.subject <> '' AND c.received_at >= $3 AND c.received_at <= $4 AND c.id <> $5
		ORDER BY c.received_at DESC, c.id DESC LIMIT $6`, category, subject, ms(from), ms(to), excludeID, limit)
}

func (t *txn) PhoneCaseCounts(phones []string) (map[string]int, error) {
	out := map[string]int{}
	var list []string
	for _, p := range phones {
		if p != "" {
			list = append(list, p)
		}
	}
	if len(list) == 0 {
		return out, nil
	}
	rows, err := t.tx.Query(t.ctx, `SELECT phone, count(DISTINCT case_id) FROM complainants
		WHERE phone <> '' AND phone = ANY($1) GROUP BY phone`, list)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var p string
		var n int
		if err := rows.Scan(&p, &n); err != nil {
			return nil, err
		}
		out[p] = n
	}
	return out, rows.Err()
}

func (t *txn) AlertCases(q store.AlertQuery) ([]store.Case, int, error) {
	var conds []string
	var a args
	now := q.Now.UnixMilli()
	switch q.Kind {
	case store.AlertWarn:
		conds = append(conds, `c.next_warn <= `+a.add(now), `c.next_due > `+a.add(now))
		if q.Handler != "" {
			conds = append(conds, `c.handler = `+a.add(q.Handler))
		}
	case store.AlertBreach:
		conds = append(conds, `c.next_due <= `+a.add(now))
		if q.Handler != "" {
			conds = append(conds, `c.is_open`, `c.handler = `+a.add(q.Handler))
		}
	case store.AlertEscalated:
		if len(q.Levels) == 0 {
			return nil, 0, nil
		}
		conds = append(conds, `c.escalation <> ''`, `c.is_open`, `c.escalation = ANY(`+a.add(q.Levels)+`)`)
	case store.AlertCrisis:
		conds = append(conds, `c.crisis`, `c.is_open`)
	default:
		return nil, 0, errors.New("unknown alert kind")
	}
	if len(q.SkipClocks) > 0 && (q.Kind == store.AlertWarn || q.Kind == store.AlertBreach) {
		conds = append(conds, `NOT (c.next_clock = ANY(`+a.add(q.SkipClocks)+`))`)
	}
	w := ` WHERE ` + strings.Join(conds, " AND ")
	limit := q.Limit
	if limit <= 0 {
		limit = 5
	}
	la := append(args{}, a...)
	cases, err := t.queryCases(`SELECT `+caseColumns+` FROM cases c`+w+` ORDER BY c.next_due, c.id LIMIT `+la.add(limit), la...)
	if err != nil {
		return nil, 0, err
	}
	capN := q.CountCap
	if capN <= 0 {
		capN = 1000
	}
	var n int
	err = t.tx.QueryRow(t.ctx, `SELECT count(*) FROM (SELECT 1 FROM cases c`+w+` LIMIT `+a.add(capN)+`) x`, a...).Scan(&n)
	return cases, n, err
}

func (t *txn) BreachedBetween(after store.Breach, to time.Time, limit int) ([]store.Breach, error) {
	if limit <= 0 {
		limit = 200
	}
	rows, err := t.tx.Query(t.ctx, `SELECT next_due, id FROM cases
		WHERE next_due > 0 AND (next_due, id) > ($1, $2) AND next_due <= $3
		ORDER BY next_due, id LIMIT $4`, ms(after.Due), after.ID, ms(to), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Breach
	for rows.Next() {
		var due, id int64
		if err := rows.Scan(&due, &id); err != nil {
			return nil, err
		}
		out = append(out, store.Breach{Due: fromMS(due), ID: id})
	}
	return out, rows.Err()
}

func (t *txn) SweepMark() (time.Time, error) {
	var v int64
	err := t.tx.QueryRow(t.ctx, `SELECT upto FROM sweep_mark WHERE id = 1`).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, err
	}
	return fromMS(v), nil
}

func (t *txn) SetSweepMark(at time.Time) error {
	_, err := t.exec(`INSERT INTO sweep_mark (id, upto) VALUES (1, $1)
		ON CONFLICT (id) DO UPDATE SET upto = greatest(sweep_mark.upto, excluded.upto)`, ms(at))
	return err
}
