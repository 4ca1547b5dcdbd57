package sqlite

import (
	"errors"
	"time"

	"complaintdesk/store"
)

// The methods of store.LookupTx: masked roles' look-ups by a whole value.

func (t *txn) RecordLookup(l *store.Lookup) error {
	res, err := t.exec(`INSERT INTO lookups (user, at, hash, masked, found) VALUES ($1,$2,$3,$4,$5)`,
		l.User, ms(l.At), l.Hash, l.Masked, l.Found)
	if err != nil {
		return err
	}
	l.ID, err = res.LastInsertId()
	return err
}

func (t *txn) Lookups(q store.LookupQuery) ([]store.Lookup, error) {
	if q.User == "" {
		return nil, errors.New("lookups: give the user")
	}
	limit := int64(-1) // SQLite: no limit
	if q.Limit > 0 {
		limit = int64(q.Limit)
	}
	rows, err := t.tx.QueryContext(t.ctx, `SELECT id, user, at, hash, masked, found FROM lookups
		WHERE user = $1 AND at >= $2 AND ($3 = 0 OR found = 0) ORDER BY at, id LIMIT $4`,
		q.User, ms(q.Since), q.Misses, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Lookup
	for rows.Next() {
		var l store.Lookup
		var at int64
		if err := rows.Scan(&l.ID, &l.User, &at, &l.Hash, &l.Masked, &l.Found); err != nil {
			return nil, err
		}
		l.At = fromMS(at)
		out = append(out, l)
	}
	return out, rows.Err()
}

func (t *txn) ForgetLookupHashes(before time.Time) error {
	_, err := t.exec(`UPDATE lookups SET hash = '' WHERE at < $1 AND hash != ''`, ms(before))
	return err
}
