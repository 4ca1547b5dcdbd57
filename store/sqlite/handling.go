package sqlite

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"complaintdesk/store"
)

// The methods of store.HandlingTx.

func (t *txn) LinkCases(l store.CaseLink) error {
	if l.A == l.B {
		return fmt.Errorf("a case cannot be linked to itself")
	}
	for _, pair := range [][2]int64{{l.A, l.B}, {l.B, l.A}} {
		_, err := t.exec(`INSERT INTO case_links (case_id, other_id, created_at, created_by, reason) VALUES ($1,$2,$3,$4,$5)`,
			pair[0], pair[1], ms(l.At), l.By, l.Reason)
		if isUnique(err) {
			return fmt.Errorf("the cases are already linked: %w", store.ErrDuplicate)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (t *txn) UnlinkCases(a, b int64) error {
	res, err := t.exec(`DELETE FROM case_links WHERE (case_id = $1 AND other_id = $2) OR (case_id = $2 AND other_id = $1)`, a, b)
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("the cases are not linked: %w", store.ErrNotFound)
	}
	return nil
}

func (t *txn) LinkedCases(id int64) ([]store.LinkedCase, error) {
	rows, err := t.tx.QueryContext(t.ctx, `SELECT l.created_at, l.created_by, l.reason, `+caseColumns+`
		FROM case_links l JOIN cases c ON c.id = l.other_id WHERE l.case_id = $1 ORDER BY l.created_at, c.id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.LinkedCase
	for rows.Next() {
		var lc store.LinkedCase
		var at int64
		if err := scanCase(prefixScanner{rows, []any{&at, &lc.By, &lc.Reason}}, &lc.Case); err != nil {
			return nil, err
		}
		lc.At = fromMS(at)
		out = append(out, lc)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	ptrs := make([]*store.Case, len(out))
	for i := range out {
		ptrs[i] = &out[i].Case
	}
	return out, t.loadComplainants(ptrs)
}

// prefixScanner scans some leading columns into pre before the case's.
type prefixScanner struct {
	sc  interface{ Scan(...any) error }
	pre []any
}

func (p prefixScanner) Scan(dest ...any) error { return p.sc.Scan(append(p.pre, dest...)...) }

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
	var args []any
	var marks []string
	for _, p := range phones {
		if p == "" {
			continue
		}
		args = append(args, p)
		marks = append(marks, fmt.Sprintf("$%d", len(args)))
	}
	if len(args) == 0 {
		return out, nil
	}
	rows, err := t.tx.QueryContext(t.ctx, `SELECT phone, count(DISTINCT case_id) FROM complainants
		WHERE phone <> '' AND phone IN (`+strings.Join(marks, ",")+`) GROUP BY phone`, args...)
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
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	now := q.Now.UnixMilli()
	switch q.Kind {
	case store.AlertWarn:
		conds = append(conds, `c.next_warn <= `+arg(now), `c.next_due > `+arg(now))
		if q.Handler != "" {
			conds = append(conds, `c.handler = `+arg(q.Handler))
		}
	case store.AlertBreach:
		conds = append(conds, `c.next_due <= `+arg(now))
		if q.Handler != "" {
			conds = append(conds, `c.is_open = 1`, `c.handler = `+arg(q.Handler))
		}
	case store.AlertEscalated:
		if len(q.Levels) == 0 {
			return nil, 0, nil
		}
		var ls []string
		for _, l := range q.Levels {
			ls = append(ls, arg(l))
		}
		conds = append(conds, `c.escalation <> ''`, `c.is_open = 1`, `c.escalation IN (`+strings.Join(ls, ",")+`)`)
	case store.AlertCrisis:
		conds = append(conds, `c.crisis = 1`, `c.is_open = 1`)
	default:
		return nil, 0, errors.New("unknown alert kind")
	}
	if len(q.SkipClocks) > 0 && (q.Kind == store.AlertWarn || q.Kind == store.AlertBreach) {
		var cs []string
		for _, k := range q.SkipClocks {
			cs = append(cs, arg(k))
		}
		conds = append(conds, `c.next_clock NOT IN (`+strings.Join(cs, ",")+`)`)
	}
	w := ` WHERE ` + strings.Join(conds, " AND ")
	limit := q.Limit
	if limit <= 0 {
		limit = 5
	}
	cases, err := t.queryCases(`SELECT `+caseColumns+` FROM cases c`+w+
		fmt.Sprintf(` ORDER BY c.next_due, c.id LIMIT $%d`, len(args)+1), append(args, limit)...)
	if err != nil {
		return nil, 0, err
	}
	capN := q.CountCap
	if capN <= 0 {
		capN = 1000
	}
	var n int
	err = t.tx.QueryRowContext(t.ctx, fmt.Sprintf(`SELECT count(*) FROM (SELECT 1 FROM cases c%s LIMIT $%d)`, w, len(args)+1),
		append(args, capN)...).Scan(&n)
	return cases, n, err
}

func (t *txn) BreachedBetween(after store.Breach, to time.Time, limit int) ([]store.Breach, error) {
	if limit <= 0 {
		limit = 200
	}
	rows, err := t.tx.QueryContext(t.ctx, `SELECT next_due, id FROM cases
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
	err := t.tx.QueryRowContext(t.ctx, `SELECT upto FROM sweep_mark WHERE id = 1`).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, err
	}
	return fromMS(v), nil
}

func (t *txn) SetSweepMark(at time.Time) error {
	_, err := t.exec(`INSERT INTO sweep_mark (id, upto) VALUES (1, $1)
		ON CONFLICT (id) DO UPDATE SET upto = max(upto, excluded.upto)`, ms(at))
	return err
}
