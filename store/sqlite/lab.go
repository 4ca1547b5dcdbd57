package sqlite

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"complaintdesk/store"
)

// The methods of store.LabTx: station PINs, the station log, notices and
// cases by a policy field.

func (t *txn) PutPIN(p *store.UserPIN) error {
	_, err := t.exec(`INSERT INTO user_pins (user, hash, set_at, set_by, failures, locked_until)
		VALUES ($1,$2,$3,$4,$5,$6)
		ON CONFLICT (user) DO UPDATE SET hash = excluded.hash, set_at = excluded.set_at, set_by = excluded.set_by,
			failures = excluded.failures, locked_until = excluded.locked_until`,
		p.User, p.Hash, ms(p.SetAt), p.SetBy, p.Failures, ms(p.LockedUntil))
	if isForeignKey(err) {
		return fmt.Errorf("no user %q: %w", p.User, store.ErrNotFound)
	}
	return err
}

func (t *txn) PIN(user string) (*store.UserPIN, error) {
	var p store.UserPIN
	var set, locked int64
	err := t.tx.QueryRowContext(t.ctx, `SELECT user, hash, set_at, set_by, failures, locked_until FROM user_pins WHERE user = $1`, user).
		Scan(&p.User, &p.Hash, &set, &p.SetBy, &p.Failures, &locked)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	p.SetAt, p.LockedUntil = fromMS(set), fromMS(locked)
	return &p, nil
}

func (t *txn) PINUsers() ([]string, error) {
	rows, err := t.tx.QueryContext(t.ctx, `SELECT p.user FROM user_pins p JOIN users u ON u.name = p.user
		WHERE u.disabled = 0 ORDER BY p.user`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func (t *txn) LogSwitch(s *store.StationSwitch) error {
	res, err := t.exec(`INSERT INTO station_switches (at, from_user, to_user, ok, why) VALUES ($1,$2,$3,$4,$5)`,
		ms(s.At), s.From, s.To, s.OK, s.Why)
	if err != nil {
		return err
	}
	s.ID, err = res.LastInsertId()
	return err
}

func (t *txn) StationLog(limit int) ([]store.StationSwitch, error) {
	if limit <= 0 {
		limit = 50
	}
	rows, err := t.tx.QueryContext(t.ctx, `SELECT id, at, from_user, to_user, ok, why FROM station_switches
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
	res, err := t.exec(`INSERT INTO notices (case_id, event_id, role, action, actor, at) VALUES ($1,$2,$3,$4,$5,$6)`,
		n.CaseID, n.EventID, n.Role, n.Action, n.Actor, ms(n.At))
	if err != nil {
		return err
	}
	n.ID, err = res.LastInsertId()
	return err
}

// roleList is the roles as SQL placeholders from $first on, with their args.
func roleList(roles []string, first int) (string, []any) {
	marks := make([]string, len(roles))
	args := make([]any, len(roles))
	for i, r := range roles {
		marks[i] = fmt.Sprintf("$%d", first+i)
		args[i] = r
	}
	return strings.Join(marks, ","), args
}

func (t *txn) UnreadNotices(roles []string, limit, countCap int) ([]store.Notice, int, error) {
	if len(roles) == 0 {
		return nil, 0, nil
	}
	in, args := roleList(roles, 1)
	if countCap <= 0 {
		countCap = 1000
	}
	var n int
	err := t.tx.QueryRowContext(t.ctx, `SELECT count(*) FROM (SELECT 1 FROM notices WHERE read_at = 0 AND role IN (`+in+`)
		LIMIT `+fmt.Sprint(countCap)+`)`, args...).Scan(&n)
	if err != nil || n == 0 || limit <= 0 {
		return nil, n, err
	}
	rows, err := t.tx.QueryContext(t.ctx, `SELECT n.id, n.case_id, c.number, n.event_id, n.role, n.action, n.actor, n.at
		FROM notices n JOIN cases c ON c.id = n.case_id
		WHERE n.read_at = 0 AND n.role IN (`+in+`) ORDER BY n.at DESC, n.id DESC LIMIT `+fmt.Sprint(limit), args...)
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
	in, args := roleList(roles, 4)
	res, err := t.exec(`UPDATE notices SET read_at = $1, read_by = $2 WHERE case_id = $3 AND read_at = 0 AND role IN (`+in+`)`,
		append([]any{ms(at), by, caseID}, args...)...)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

func (t *txn) CasesByField(key, value string, limit int) ([]store.Case, error) {
	if !store.ValidFieldKey(key) {
		return nil, fmt.Errorf("bad field name %q", key)
	}
	if limit <= 0 {
		limit = 50
	}
	// The JSON path is written into the SQL text so the expression indexes
	// of migration 0007 (report, blind_code) apply.
	expr := `json_extract(c.fields, '$.` + key + `')`
	return t.queryCases(`SELECT `+caseColumns+` FROM cases c WHERE `+expr+` = $1
		ORDER BY c.received_at DESC, c.id DESC LIMIT $2`, value, limit)
}
