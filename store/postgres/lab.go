package postgres

import (
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"complaintdesk/store"
)

// The methods of store.LabTx: station PINs, the station log, notices and
// cases by a policy field.

func (t *txn) PutPIN(p *store.UserPIN) error {
	err := t.guarded(func() error {
		_, err := t.exec(`INSERT INTO user_pins ("user", hash, set_at, set_by, failures, locked_until)
			VALUES ($1,$2,$3,$4,$5,$6)
			ON CONFLICT ("user") DO UPDATE SET hash = excluded.hash, set_at = excluded.set_at, set_by = excluded.set_by,
				failures = excluded.failures, locked_until = excluded.locked_until`,
			p.User, p.Hash, ms(p.SetAt), p.SetBy, p.Failures, ms(p.LockedUntil))
		return err
	})
	if isForeignKey(err) {
		return fmt.Errorf("no user %q: %w", p.User, store.ErrNotFound)
	}
	return err
}

func (t *txn) PIN(user string) (*store.UserPIN, error) {
	var p store.UserPIN
	var set, locked int64
	err := t.tx.QueryRow(t.ctx, `SELECT "user", hash, set_at, set_by, failures, locked_until FROM user_pins WHERE "user" = $1`, user).
		Scan(&p.User, &p.Hash, &set, &p.SetBy, &p.Failures, &locked)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	p.SetAt, p.LockedUntil = fromMS(set), fromMS(locked)
	return &p, nil
}

func (t *txn) PINUsers() ([]string, error) {
	rows, err := t.tx.Query(t.ctx, `SELECT p."user" FROM user_pins p JOIN users u ON u.name = p."user"
		WHERE NOT u.disabled ORDER BY p."user"`)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[string])
}

func (t *txn) LogSwitch(s *store.StationSwitch) error {
	if t.readOnly {
		return errReadOnly
	}
	return t.tx.QueryRow(t.ctx, `INSERT INTO station_switches (at, from_user, to_user, ok, why) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
		ms(s.At), s.From, s.To, s.OK, s.Why).Scan(&s.ID)
}

func (t *txn) StationLog(limit int) ([]store.StationSwitch, error) {
	if limit <= 0 {
		limit = 50
	}
	rows, err := t.tx.Query(t.ctx, `SELECT id, at, from_user, to_user, ok, why FROM station_switches
		ORDER BY at DESC, id DESC LIMIT $1`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.StationSwitch
	for rows.Next() {
		var s store.StationSwitch
		var at int64
		if err := rows.Scan(&s.ID, &at, &s.From, &s.To, &s.OK, &s.Why); err != nil {
			return nil, err
		}
		s.At = fromMS(at)
		out = append(out, s)
	}
	return out, rows.Err()
}

func (t *txn) AddNotice(n *store.Notice) error {
	if t.readOnly {
		return errReadOnly
	}
	return t.tx.QueryRow(t.ctx, `INSERT INTO notices (case_id, event_id, role, action, actor, at) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
		n.CaseID, n.EventID, n.Role, n.Action, n.Actor, ms(n.At)).Scan(&n.ID)
}

func (t *txn) UnreadNotices(roles []string, limit, countCap int) ([]store.Notice, int, error) {
	if len(roles) == 0 {
		return nil, 0, nil
	}
	if countCap <= 0 {
		countCap = 1000
	}
	var n int
	err := t.tx.QueryRow(t.ctx, `SELECT count(*) FROM (SELECT 1 FROM notices WHERE read_at = 0 AND role = ANY($1) LIMIT $2) x`,
		roles, countCap).Scan(&n)
	if err != nil || n == 0 || limit <= 0 {
		return nil, n, err
	}
	rows, err := t.tx.Query(t.ctx, `SELECT n.id, n.case_id, c.number, n.event_id, n.role, n.action, n.actor, n.at
		FROM notices n JOIN cases c ON c.id = n.case_id
		WHERE n.read_at = 0 AND n.role = ANY($1) ORDER BY n.at DESC, n.id DESC LIMIT $2`, roles, limit)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []store.Notice
	for rows.Next() {
		var x store.Notice
		var at int64
		if err := rows.Scan(&x.ID, &x.CaseID, &x.Number, &x.EventID, &x.Role, &x.Action, &x.Actor, &at); err != nil {
			return nil, 0, err
		}
		x.At = fromMS(at)
		out = append(out, x)
	}
	return out, n, rows.Err()
}

func (t *txn) ReadNotices(caseID int64, roles []string, by string, at time.Time) (int, error) {
	if len(roles) == 0 {
		return 0, nil
	}
	tag, err := t.exec(`UPDATE notices SET read_at = $1, read_by = $2 WHERE case_id = $3 AND read_at = 0 AND role = ANY($4)`,
		ms(at), by, caseID, roles)
	if err != nil {
		return 0, err
	}
	return int(tag.RowsAffected()), nil
}

func (t *txn) CasesByField(key, value string, limit int) ([]store.Case, error) {
	if !store.ValidFieldKey(key) {
		return nil, fmt.Errorf("bad field name %q", key)
	}
	if limit <= 0 {
		limit = 50
	}
	// The key is written into the SQL text so the expression indexes of
	// the migration (report, blind_code) apply.
	return t.queryCases(`SELECT `+caseColumns+` FROM cases c WHERE c.fields ? '`+key+`' AND c.fields ->> '`+key+`' = $1
		ORDER BY c.received_at DESC, c.id DESC LIMIT $2`, value, limit)
}
