package postgres

import (
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"complaintdesk/store"
)

// The methods of store.AccessTx: users' SSH keys and the audit trail.

func (t *txn) PutKey(k *store.UserKey) error {
	err := t.guarded(func() error {
		_, err := t.exec(`INSERT INTO user_keys (fingerprint, "user", type, key, comment, added_at, added_by)
			VALUES ($1,$2,$3,$4,$5,$6,$7)`, k.Fingerprint, k.User, k.Type, k.Key, k.Comment, ms(k.AddedAt), k.AddedBy)
		return err
	})
	if isUnique(err) {
		return fmt.Errorf("key %s: %w", k.Fingerprint, store.ErrDuplicate)
	}
	if isForeignKey(err) {
		return fmt.Errorf("no user %q: %w", k.User, store.ErrNotFound)
	}
	return err
}

func (t *txn) DeleteKey(user, fingerprint string) error {
	tag, err := t.exec(`DELETE FROM user_keys WHERE "user" = $1 AND fingerprint = $2`, user, fingerprint)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("%q has no key %s: %w", user, fingerprint, store.ErrNotFound)
	}
	return nil
}

const keyColumns = `fingerprint, "user", type, key, comment, added_at, added_by`

func scanKey(sc scanner) (*store.UserKey, error) {
	var k store.UserKey
	var at int64
	if err := sc.Scan(&k.Fingerprint, &k.User, &k.Type, &k.Key, &k.Comment, &at, &k.AddedBy); err != nil {
		if errors.Is(err, pgx.ErrNoRows) {
			return nil, store.ErrNotFound
		}
		return nil, err
	}
	k.AddedAt = fromMS(at)
	return &k, nil
}

func (t *txn) KeyByFingerprint(fingerprint string) (*store.UserKey, error) {
	return scanKey(t.tx.QueryRow(t.ctx, `SELECT `+keyColumns+` FROM user_keys WHERE fingerprint = $1`, fingerprint))
}

func (t *txn) Keys(user string) ([]store.UserKey, error) {
	q := `SELECT ` + keyColumns + ` FROM user_keys ORDER BY "user", added_at, fingerprint`
	var a []any
	if user != "" {
		q = `SELECT ` + keyColumns + ` FROM user_keys WHERE "user" = $1 ORDER BY added_at, fingerprint`
		a = append(a, user)
	}
	rows, err := t.tx.Query(t.ctx, q, a...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.UserKey
	for rows.Next() {
		k, err := scanKey(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *k)
	}
	return out, rows.Err()
}

func (t *txn) AuditEvents(q store.AuditQuery) ([]store.AuditEntry, error) {
	if q.CaseID == 0 && q.Actor == "" {
		return nil, errors.New("audit: give a case or an actor")
	}
	if len(q.Actions) == 0 {
		return nil, errors.New("audit: give the actions")
	}
	quoted := make([]string, len(q.Actions))
	for i, a := range q.Actions {
		if !store.ValidAction(a) {
			return nil, fmt.Errorf("audit: bad action %q", a)
		}
		quoted[i] = "'" + a + "'"
	}
	actions := "e.action = " + quoted[0]
	if len(quoted) > 1 {
		actions = "e.action IN (" + strings.Join(quoted, ", ") + ")"
	}
	conds := []string{actions}
	var a args
	if q.CaseID != 0 {
		conds = append(conds, "e.case_id = "+a.add(q.CaseID))
	}
	if q.Actor != "" {
		conds = append(conds, "e.actor = "+a.add(q.Actor))
	}
	text := `SELECT e.id, e.case_id, e.at, e.actor, e.action, e.reason, e.note, e.before::text, e.after::text,
		e.entered_at, e.late_reason, e.prev_hash, e.hash, c.number
		FROM events e JOIN cases c ON c.id = e.case_id
		WHERE ` + strings.Join(conds, " AND ") + ` ORDER BY e.id`
	if q.Limit > 0 {
		text += " LIMIT " + a.add(q.Limit)
	}
	rows, err := t.tx.Query(t.ctx, text, a...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.AuditEntry
	for rows.Next() {
		var e store.AuditEntry
		if err := scanEvent(suffixScanner{rows, []any{&e.Number}}, &e.Event); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// suffixScanner scans some trailing columns into post after the event's.
type suffixScanner struct {
	sc   scanner
	post []any
}

func (s suffixScanner) Scan(dest ...any) error { return s.sc.Scan(append(dest, s.post...)...) }
