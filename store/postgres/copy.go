package postgres

import (
	"encoding/json"

	"github.com/jackc/pgx/v5"

	"complaintdesk/store"
)

// The methods of store.CopyTx (desk db copy). Records come in with their
// ids, so each restore moves its table's id sequence on past them: the
// desk's next insert continues above the copied records.

var _ store.CopyTx = (*txn)(nil)

func (t *txn) CaseSeqs() (map[string]int, error) {
	rows, err := t.tx.Query(t.ctx, `SELECT day, last FROM case_seq`)
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

// copyRows writes rows into table with COPY, then moves the table's id
// sequence (when it has one) past the highest id.
func (t *txn) copyRows(table string, cols []string, rows [][]any, sequence bool) error {
	if t.readOnly {
		return errReadOnly
	}
	if len(rows) == 0 {
		return nil
	}
	if _, err := t.tx.CopyFrom(t.ctx, pgx.Identifier{table}, cols, pgx.CopyFromRows(rows)); err != nil {
		return err
	}
	if !sequence {
		return nil
	}
	// Only ever forward: a sequence is not rolled back with the
	// transaction, and numbers it gave out must not come again.
	_, err := t.tx.Exec(t.ctx, `SELECT setval(pg_get_serial_sequence($1, 'id'), m)
		FROM (SELECT max(id) AS m FROM `+pgx.Identifier{table}.Sanitize()+`) x
		WHERE m > coalesce(pg_sequence_last_value(pg_get_serial_sequence($1, 'id')::regclass), 0)`, table)
	return err
}

func (t *txn) RestoreCases(cs []store.Case) error {
	var cases, persons, search [][]any
	for i := range cs {
		c := &cs[i]
		cases = append(cases, append([]any{c.ID}, caseArgs(c)...))
		for k := range c.Complainants {
			p := &c.Complainants[k]
			persons = append(persons, []any{p.ID, c.ID, k, p.Name, p.Phone, p.Email, p.Address, p.Org, p.Anonymous,
				p.Callback, ms(p.CallbackAt), p.Satisfaction})
		}
		tokens, terms := caseSearch(c)
		search = append(search, []any{c.ID, tokens, terms})
	}
	if err := t.copyRows("cases", append([]string{"id"}, caseInsertColumns...), cases, true); err != nil {
		return err
	}
	if err := t.copyRows("complainants", []string{"id", "case_id", "position", "name", "phone", "email", "address", "org",
		"anonymous", "callback", "callback_at", "satisfaction"}, persons, true); err != nil {
		return err
	}
	return t.copyRows("case_search", []string{"case_id", "tokens", "terms"}, search, false)
}

func (t *txn) RestoreEvents(evs []store.Event) error {
	rows := make([][]any, 0, len(evs))
	for i := range evs {
		e := &evs[i]
		before, _ := json.Marshal(orEmpty(e.Before))
		after, _ := json.Marshal(orEmpty(e.After))
		rows = append(rows, []any{e.ID, e.CaseID, ms(e.At), e.Actor, e.Action, e.Reason, e.Note, string(before), string(after),
			ms(e.Entered), e.Late, e.Prev, e.Hash})
	}
	return t.copyRows("events", []string{"id", "case_id", "at", "actor", "action", "reason", "note", "before", "after",
		"entered_at", "late_reason", "prev_hash", "hash"}, rows, true)
}

func (t *txn) AllDrafts() ([]store.Draft, error) {
	// Byte order, as SQLite lists them.
	rows, err := t.tx.Query(t.ctx, `SELECT "user", key, data, updated_at FROM drafts ORDER BY "user" COLLATE "C", key COLLATE "C"`)
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
	rows, err := t.tx.Query(t.ctx, `SELECT case_id, other_id, created_at, created_by, reason
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
	rows, err := t.tx.Query(t.ctx, `SELECT month FROM revisit_samples ORDER BY month`)
	if err != nil {
		return nil, err
	}
	months, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
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

// filings lists the report filings of a condition ("WHERE month = $1"), by id.
func (t *txn) filings(cond string, args ...any) ([]store.ReportFiling, error) {
	rows, err := t.tx.Query(t.ctx, `SELECT id, month, filed_at, filed_by, how, path, format, snapshot
		FROM report_filings `+cond+` ORDER BY id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.ReportFiling
	for rows.Next() {
		var f store.ReportFiling
		var at int64
		if err := rows.Scan(&f.ID, &f.Month, &at, &f.By, &f.How, &f.Path, &f.Format, &f.Snapshot); err != nil {
			return nil, err
		}
		f.At = fromMS(at)
		out = append(out, f)
	}
	return out, rows.Err()
}

func (t *txn) RestoreReportFilings(fs []store.ReportFiling) error {
	rows := make([][]any, 0, len(fs))
	for _, f := range fs {
		rows = append(rows, []any{f.ID, f.Month, ms(f.At), f.By, f.How, f.Path, f.Format, f.Snapshot})
	}
	return t.copyRows("report_filings", []string{"id", "month", "filed_at", "filed_by", "how", "path", "format", "snapshot"}, rows, true)
}

func (t *txn) AllNotices() ([]store.Notice, error) {
	rows, err := t.tx.Query(t.ctx, `SELECT id, case_id, event_id, role, action, actor, at, read_at, read_by
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
	rows := make([][]any, 0, len(ns))
	for _, n := range ns {
		rows = append(rows, []any{n.ID, n.CaseID, n.EventID, n.Role, n.Action, n.Actor, ms(n.At), ms(n.ReadAt), n.ReadBy})
	}
	return t.copyRows("notices", []string{"id", "case_id", "event_id", "role", "action", "actor", "at", "read_at", "read_by"}, rows, true)
}

func (t *txn) RestoreStationSwitches(ss []store.StationSwitch) error {
	rows := make([][]any, 0, len(ss))
	for _, s := range ss {
		rows = append(rows, []any{s.ID, ms(s.At), s.From, s.To, s.OK, s.Why})
	}
	return t.copyRows("station_switches", []string{"id", "at", "from_user", "to_user", "ok", "why"}, rows, true)
}
