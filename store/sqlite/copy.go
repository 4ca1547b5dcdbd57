package sqlite

import (
	"errors"

	"complaintdesk/store"
)

// The methods of store.CopyTx (desk db copy).

var _ store.CopyTx = (*txn)(nil)

func (t *txn) CaseSeqs() (map[string]int, error) {
	rows, err := t.tx.QueryContext(t.ctx, `SELECT day, last FROM case_seq`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var day string
		var last int
		if err := rows.Scan(&day, &last); err != nil {
			return nil, err
		}
		out[day] = last
	}
	return out, rows.Err()
}

func (t *txn) writable() error {
	if t.readOnly {
		return errors.New("store: write in a read transaction")
	}
	return nil
}

func (t *txn) RestoreCases(cs []store.Case) error {
	if err := t.writable(); err != nil || len(cs) == 0 {
		return err
	}
	cases, persons := t.caseRows(), t.complainantRows()
	search := []byte{'['}
	err := func() error {
		for i := range cs {
			c := &cs[i]
			if err := cases.add(caseRow(c)...); err != nil {
				return err
			}
			if i > 0 {
				search = append(search, ',')
			}
			search = appendSearchRow(search, c)
		}
		if err := cases.flush(); err != nil {
			return err
		}
		for i := range cs {
			for k := range cs[i].Complainants {
				if err := persons.add(complainantRow(&cs[i], k)...); err != nil {
					return err
				}
			}
		}
		if err := persons.flush(); err != nil {
			return err
		}
		return t.indexRows(append(search, ']'))
	}()
	if err != nil {
		closeRows(cases, persons)
	}
	return err
}

func (t *txn) RestoreEvents(evs []store.Event) error {
	if err := t.writable(); err != nil || len(evs) == 0 {
		return err
	}
	events := t.eventRows()
	for i := range evs {
		e := &evs[i]
		if err := events.add(eventRow(e, jsonObject(e.Before), jsonObject(e.After))...); err != nil {
			closeRows(events)
			return err
		}
	}
	return events.flush()
}

func (t *txn) AllDrafts() ([]store.Draft, error) {
	rows, err := t.tx.QueryContext(t.ctx, `SELECT user, key, data, updated_at FROM drafts ORDER BY user, key`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Draft
	for rows.Next() {
		var d store.Draft
		var at int64
		if err := rows.Scan(&d.User, &d.Key, &d.Data, &at); err != nil {
			return nil, err
		}
		d.UpdatedAt = fromMS(at)
		out = append(out, d)
	}
	return out, rows.Err()
}

func (t *txn) AllCaseLinks() ([]store.CaseLink, error) {
	// LinkCases stores a link both ways: the row from the lower id is it.
	rows, err := t.tx.QueryContext(t.ctx, `SELECT case_id, other_id, created_at, created_by, reason
		FROM case_links WHERE case_id < other_id ORDER BY created_at, case_id, other_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.CaseLink
	for rows.Next() {
		var l store.CaseLink
		var at int64
		if err := rows.Scan(&l.A, &l.B, &at, &l.By, &l.Reason); err != nil {
			return nil, err
		}
		l.At = fromMS(at)
		out = append(out, l)
	}
	return out, rows.Err()
}

func (t *txn) RevisitSamples() ([]store.RevisitSample, error) {
	rows, err := t.tx.QueryContext(t.ctx, `SELECT month FROM revisit_samples ORDER BY month`)
	if err != nil {
		return nil, err
	}
	var months []string
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			rows.Close()
			return nil, err
		}
		months = append(months, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]store.RevisitSample, 0, len(months))
	for _, m := range months {
		s, err := t.RevisitSample(m)
		if err != nil {
			return nil, err
		}
		out = append(out, *s)
	}
	return out, nil
}

func (t *txn) AllReportFilings() ([]store.ReportFiling, error) { return t.filings(``) }

func (t *txn) RestoreReportFilings(fs []store.ReportFiling) error {
	for _, f := range fs {
		if _, err := t.exec(`INSERT INTO report_filings (id, month, filed_at, filed_by, how, path, format, snapshot)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, f.ID, f.Month, ms(f.At), f.By, f.How, f.Path, f.Format, f.Snapshot); err != nil {
			return err
		}
	}
	return nil
}

func (t *txn) AllNotices() ([]store.Notice, error) {
	rows, err := t.tx.QueryContext(t.ctx, `SELECT id, case_id, event_id, role, action, actor, at, read_at, read_by
		FROM notices ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Notice
	for rows.Next() {
		var n store.Notice
		var at, readAt int64
		if err := rows.Scan(&n.ID, &n.CaseID, &n.EventID, &n.Role, &n.Action, &n.Actor, &at, &readAt, &n.ReadBy); err != nil {
			return nil, err
		}
		n.At, n.ReadAt = fromMS(at), fromMS(readAt)
		out = append(out, n)
	}
	return out, rows.Err()
}

func (t *txn) RestoreNotices(ns []store.Notice) error {
	for _, n := range ns {
		if _, err := t.exec(`INSERT INTO notices (id, case_id, event_id, role, action, actor, at, read_at, read_by)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`, n.ID, n.CaseID, n.EventID, n.Role, n.Action, n.Actor, ms(n.At), ms(n.ReadAt), n.ReadBy); err != nil {
			return err
		}
	}
	return nil
}

func (t *txn) RestoreStationSwitches(ss []store.StationSwitch) error {
	for _, s := range ss {
		if _, err := t.exec(`INSERT INTO station_switches (id, at, from_user, to_user, ok, why) VALUES ($1,$2,$3,$4,$5,$6)`,
			s.ID, ms(s.At), s.From, s.To, s.OK, s.Why); err != nil {
			return err
		}
	}
	return nil
}
