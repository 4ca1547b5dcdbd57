package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"complaintdesk/store"
	"complaintdesk/store/search"
)

// noDue is stored in next_due and next_warn when no clock runs: it sorts last.
const noDue = math.MaxInt64

type txn struct {
	ctx      context.Context
	tx       pgx.Tx
	readOnly bool
	// term writes a search term's condition: termCond, the GIN index's
	// (another only in the benchmark that measured the trigram index).
	term func([]search.Alt, *args) string
}

// errReadOnly: a read transaction was asked to write.
var errReadOnly = errors.New("store: write in a read transaction")

// ms stores a time as Unix milliseconds; the zero time is 0.
func ms(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// fromMS reads a stored time; 0 is the zero time.
func fromMS(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMilli(v)
}

func dueValue(t time.Time) int64 {
	if t.IsZero() {
		return noDue
	}
	return t.UnixMilli()
}

func fieldsJSON(m map[string]string) string {
	if len(m) == 0 {
		return "{}"
	}
	b, _ := json.Marshal(m)
	return string(b)
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func (t *txn) exec(q string, args ...any) (pgconn.CommandTag, error) {
	if t.readOnly {
		return pgconn.CommandTag{}, errReadOnly
	}
	return t.tx.Exec(t.ctx, q, args...)
}

// guarded runs fn's statements in a savepoint: a statement that fails
// (a duplicate the caller is told of as store.ErrDuplicate) is undone
// alone and the transaction goes on, as it does on SQLite, where the desk
// carries on after such an error (linking cases already linked).
func (t *txn) guarded(fn func() error) error {
	if t.readOnly {
		return errReadOnly
	}
	sp, err := t.tx.Begin(t.ctx)
	if err != nil {
		return err
	}
	if err := fn(); err != nil {
		if rerr := sp.Rollback(t.ctx); rerr != nil {
			return errors.Join(err, rerr)
		}
		return err
	}
	return sp.Commit(t.ctx)
}

// ids runs a query of one bigint column.
func (t *txn) ids(q string, args ...any) ([]int64, error) {
	rows, err := t.tx.Query(t.ctx, q, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[int64])
}

func (t *txn) NextCaseSeq(day string) (int, error) {
	if t.readOnly {
		return 0, errReadOnly
	}
	var n int
	err := t.tx.QueryRow(t.ctx, `INSERT INTO case_seq (day, last) VALUES ($1, 1)
		ON CONFLICT (day) DO UPDATE SET last = case_seq.last + 1 RETURNING last`, day).Scan(&n)
	return n, err
}

const caseColumns = `c.id, c.number, c.version, coalesce(c.idem_key, ''), c.source, c.source_id,
	c.received_at, c.registered_at, c.updated_at, c.created_by,
	c.channel, c.nature, c.category, c.grade, c.grade_reason, c.status, c.is_open,
	c.content, c.demand, c.subject, c.collective_size,
	c.department, c.handler, c.expected_by, c.resolution, c.reply, c.satisfaction,
	c.reopen_count, c.training,
	c.acknowledged_at, c.resolved_at, c.closed_at, c.revisited_at,
	c.next_due, c.next_due_start, c.next_clock, c.fields::text,
	c.next_warn, c.escalation, c.crisis`

type scanner interface{ Scan(...any) error }

func scanCase(sc scanner, c *store.Case, pre ...any) error {
	var received, registered, updated, expected, ack, resolved, closed, revisited, due, dueStart, warn int64
	var fields string
	err := sc.Scan(append(pre, &c.ID, &c.Number, &c.Version, &c.IdemKey, &c.Source, &c.SourceID,
		&received, &registered, &updated, &c.CreatedBy,
		&c.Channel, &c.Nature, &c.Category, &c.Grade, &c.GradeReason, &c.Status, &c.Open,
		&c.Content, &c.Demand, &c.Subject, &c.CollectiveSize,
		&c.Department, &c.Handler, &expected, &c.Resolution, &c.Reply, &c.Satisfaction,
		&c.ReopenCount, &c.Training,
		&ack, &resolved, &closed, &revisited,
		&due, &dueStart, &c.NextClock, &fields,
		&warn, &c.Escalation, &c.Crisis)...)
	if err != nil {
		return err
	}
	c.ReceivedAt, c.RegisteredAt, c.UpdatedAt = fromMS(received), fromMS(registered), fromMS(updated)
	c.ExpectedBy = fromMS(expected)
	c.AcknowledgedAt, c.ResolvedAt, c.ClosedAt, c.RevisitedAt = fromMS(ack), fromMS(resolved), fromMS(closed), fromMS(revisited)
	c.NextDue, c.NextDueStart = time.Time{}, time.Time{}
	if due != noDue {
		c.NextDue = fromMS(due)
		c.NextDueStart = fromMS(dueStart)
	}
	c.NextWarn = time.Time{}
	if warn != noDue {
		c.NextWarn = fromMS(warn)
	}
	c.Fields = nil
	if fields != "" && fields != "{}" {
		if err := json.Unmarshal([]byte(fields), &c.Fields); err != nil {
			return fmt.Errorf("case %s: bad fields: %w", c.Number, err)
		}
	}
	return nil
}

// caseArgs are the values of a case's columns as caseInsert lists them.
func caseArgs(c *store.Case) []any {
	return []any{c.Number, c.Version, nullable(c.IdemKey), c.Source, c.SourceID,
		ms(c.ReceivedAt), ms(c.RegisteredAt), ms(c.UpdatedAt), c.CreatedBy,
		c.Channel, c.Nature, c.Category, c.Grade, c.GradeReason, c.Status, c.Open,
		c.Content, c.Demand, c.Subject, c.CollectiveSize,
		c.Department, c.Handler, ms(c.ExpectedBy), c.Resolution, c.Reply, c.Satisfaction,
		c.ReopenCount, c.Training, ms(c.AcknowledgedAt), ms(c.ResolvedAt), ms(c.ClosedAt), ms(c.RevisitedAt),
		dueValue(c.NextDue), ms(c.NextDueStart), c.NextClock, fieldsJSON(c.Fields),
		dueValue(c.NextWarn), c.Escalation, c.Crisis}
}

// caseInsertColumns name caseArgs' values.
var caseInsertColumns = []string{"number", "version", "idem_key", "source", "source_id",
	"received_at", "registered_at", "updated_at", "created_by",
	"channel", "nature", "category", "grade", "grade_reason", "status", "is_open",
	"content", "demand", "subject", "collective_size",
	"department", "handler", "expected_by", "resolution", "reply", "satisfaction",
	"reopen_count", "training", "acknowledged_at", "resolved_at", "closed_at", "revisited_at",
	"next_due", "next_due_start", "next_clock", "fields", "next_warn", "escalation", "crisis"}

func placeholders(from, n int) string {
	marks := make([]string, n)
	for i := range marks {
		marks[i] = fmt.Sprintf("$%d", from+i)
	}
	return strings.Join(marks, ",")
}

var insertCaseSQL = `INSERT INTO cases (` + strings.Join(caseInsertColumns, ", ") + `) VALUES (` +
	placeholders(1, len(caseInsertColumns)) + `) RETURNING id`

func (t *txn) InsertCase(c *store.Case) error {
	if t.readOnly {
		return errReadOnly
	}
	err := t.guarded(func() error { return t.tx.QueryRow(t.ctx, insertCaseSQL, caseArgs(c)...).Scan(&c.ID) })
	if isUnique(err) {
		return fmt.Errorf("case %s: %w", c.Number, store.ErrDuplicate)
	}
	if err != nil {
		return err
	}
	if err := t.writeComplainants(c); err != nil {
		return err
	}
	return t.index(c)
}

func (t *txn) writeComplainants(c *store.Case) error {
	if _, err := t.exec(`DELETE FROM complainants WHERE case_id = $1`, c.ID); err != nil {
		return err
	}
	for i := range c.Complainants {
		p := &c.Complainants[i]
		err := t.tx.QueryRow(t.ctx, `INSERT INTO complainants (case_id, position, name, phone, email, address, org, anonymous,
			callback, callback_at, satisfaction)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) RETURNING id`, c.ID, i, p.Name, p.Phone, p.Email, p.Address, p.Org, p.Anonymous,
			p.Callback, ms(p.CallbackAt), p.Satisfaction).Scan(&p.ID)
		if err != nil {
			return err
		}
	}
	return nil
}

// index rewrites the case's search tokens.
func (t *txn) index(c *store.Case) error {
	tokens, terms := caseSearch(c)
	_, err := t.exec(`INSERT INTO case_search (case_id, tokens, terms) VALUES ($1, $2, $3)
		ON CONFLICT (case_id) DO UPDATE SET tokens = excluded.tokens, terms = excluded.terms`, c.ID, tokens, terms)
	return err
}

func (t *txn) UpdateCase(c *store.Case) error {
	tag, err := t.exec(`UPDATE cases SET version = $1, updated_at = $2,
		channel = $3, nature = $4, category = $5, grade = $6, grade_reason = $7, status = $8, is_open = $9,
		content = $10, demand = $11, subject = $12, collective_size = $13,
		department = $14, handler = $15, expected_by = $16, resolution = $17, reply = $18, satisfaction = $19,
		reopen_count = $20, training = $21, acknowledged_at = $22, resolved_at = $23, closed_at = $24, revisited_at = $25,
		next_due = $26, next_due_start = $27, next_clock = $28, fields = $29, received_at = $30,
		next_warn = $33, escalation = $34, crisis = $35
		WHERE id = $31 AND version = $32`,
		c.Version, ms(c.UpdatedAt),
		c.Channel, c.Nature, c.Category, c.Grade, c.GradeReason, c.Status, c.Open,
		c.Content, c.Demand, c.Subject, c.CollectiveSize,
		c.Department, c.Handler, ms(c.ExpectedBy), c.Resolution, c.Reply, c.Satisfaction,
		c.ReopenCount, c.Training, ms(c.AcknowledgedAt), ms(c.ResolvedAt), ms(c.ClosedAt), ms(c.RevisitedAt),
		dueValue(c.NextDue), ms(c.NextDueStart), c.NextClock, fieldsJSON(c.Fields), ms(c.ReceivedAt),
		c.ID, c.Version-1, dueValue(c.NextWarn), c.Escalation, c.Crisis)
	if err != nil {
		return err
	}
	if tag.RowsAffected() != 1 {
		return fmt.Errorf("case %s: %w", c.Number, store.ErrConflict)
	}
	if err := t.writeComplainants(c); err != nil {
		return err
	}
	return t.index(c)
}

func (t *txn) oneCase(where string, arg any) (*store.Case, error) {
	var c store.Case
	err := scanCase(t.tx.QueryRow(t.ctx, `SELECT `+caseColumns+` FROM cases c WHERE `+where, arg), &c)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	if err := t.loadComplainants([]*store.Case{&c}); err != nil {
		return nil, err
	}
	return &c, nil
}

func (t *txn) CaseByID(id int64) (*store.Case, error) { return t.oneCase(`c.id = $1`, id) }
func (t *txn) CaseByNumber(n string) (*store.Case, error) {
	return t.oneCase(`c.number = $1`, strings.ToUpper(strings.TrimSpace(n)))
}
func (t *txn) CaseByIdemKey(k string) (*store.Case, error) { return t.oneCase(`c.idem_key = $1`, k) }

const complainantColumns = `case_id, id, name, phone, email, address, org, anonymous, callback, callback_at, satisfaction`

func scanComplainant(sc scanner, p *store.Complainant) (caseID int64, err error) {
	var cbAt int64
	err = sc.Scan(&caseID, &p.ID, &p.Name, &p.Phone, &p.Email, &p.Address, &p.Org, &p.Anonymous,
		&p.Callback, &cbAt, &p.Satisfaction)
	p.CallbackAt = fromMS(cbAt)
	return caseID, err
}

// loadComplainants fills the complainants of the cases with one query.
func (t *txn) loadComplainants(cases []*store.Case) error {
	if len(cases) == 0 {
		return nil
	}
	byID := make(map[int64]*store.Case, len(cases))
	ids := make([]int64, len(cases))
	for i, c := range cases {
		c.Complainants = nil
		byID[c.ID] = c
		ids[i] = c.ID
	}
	rows, err := t.tx.Query(t.ctx, `SELECT `+complainantColumns+`
		FROM complainants WHERE case_id = ANY($1) ORDER BY case_id, position`, ids)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var p store.Complainant
		caseID, err := scanComplainant(rows, &p)
		if err != nil {
			return err
		}
		if c := byID[caseID]; c != nil {
			c.Complainants = append(c.Complainants, p)
		}
	}
	return rows.Err()
}

// sampleCond selects the cases of the latest revisit sample (store.TabSample):
// a revisit sample is kept under its month, other samples (the quality
// inspection's, "inspection:YYYY-MM") under a key that does not start with a digit.
const sampleCond = `c.id IN (SELECT case_id FROM revisit_sample_cases
	WHERE month = (SELECT max(month) FROM revisit_samples WHERE month ~ '^[0-9]'))`

// args collects a statement's arguments as $n placeholders.
type args []any

func (a *args) add(v any) string {
	*a = append(*a, v)
	return fmt.Sprintf("$%d", len(*a))
}

// searchLookupMax is how many matches of a search are looked up by id
// (as store/sqlite does): the search is read from its index first and,
// when it matches no more than this, the query reads exactly those cases.
// Otherwise the planner, which cannot tell how many cases a search
// matches nor what reading a case's terms costs, may read the whole queue
// in deadline order testing each case (1.9 s at 100,000 cases for a word
// that is nowhere); a search matching more is dense enough that reading
// in order finds a page soon. (10,000 made a day's number prefix, 4% of
// 100,000 cases, 8 times faster and a common word twice as slow.)
const searchLookupMax = 2000

// found is what a query's search matched: the case ids when there are at
// most searchLookupMax of them (matches), else many.
type found struct {
	ids  []int64
	many bool
	cond func(*args) string // the search's condition on case_search s
}

// search reads q's search from the index (nil when q has none).
func (t *txn) search(q store.Query) (*found, error) {
	term := t.term
	if term == nil {
		term = termCond
	}
	cond := func(a *args) string { return matchCond(q, a, term) }
	var a args
	m := cond(&a)
	if m == "" {
		return nil, nil
	}
	// A search reads the index, never every row of case_search: a case's
	// terms are kept out of its row (TOAST), which the planner does not
	// count, so on a desk of a few thousand cases it would read them all
	// instead, at 50 µs a case (74 ms a keystroke at 1,500 cases; 0.3 ms
	// by the index). When the search matches many cases the setting
	// lasts until the query's method calls endSearch (the query reads the
	// index again); the ids of a few are read by the cases' own indexes.
	if _, err := t.tx.Exec(t.ctx, `SET LOCAL enable_seqscan = off`); err != nil {
		return nil, err
	}
	ids, err := t.ids(`SELECT s.case_id FROM case_search s WHERE `+m+` LIMIT `+a.add(searchLookupMax+1), a...)
	if err != nil {
		return nil, err
	}
	f := &found{ids: ids, many: len(ids) > searchLookupMax, cond: cond}
	if !f.many {
		if _, err := t.tx.Exec(t.ctx, `RESET enable_seqscan`); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// endSearch puts back the planner's setting search left changed.
func (t *txn) endSearch(f *found) {
	if f != nil && f.many {
		_, _ = t.tx.Exec(t.ctx, `RESET enable_seqscan`)
	}
}

// queueWhere is where with q's search read first; the caller calls
// endSearch(f) when its queries are done.
func (t *txn) queueWhere(q store.Query) (string, args, *found, error) {
	f, err := t.search(q)
	if err != nil {
		return "", nil, nil, err
	}
	w, a := where(q, f)
	return w, a, f, nil
}

// where builds the WHERE clause and arguments of a queue query; its search
// is the ids found, or the index itself when f is nil or many.
func where(q store.Query, f *found) (string, args) {
	var conds []string
	var a args
	switch q.Tab {
	case store.TabMine:
		conds = append(conds, `c.is_open AND c.handler = `+a.add(q.User))
	case store.TabUnassigned:
		conds = append(conds, `c.is_open AND c.handler = ''`)
	case store.TabDueToday:
		// A day-based clock due at 24:00 today is stored as 00:00 of tomorrow: still today.
		conds = append(conds, `c.next_due >= `+a.add(q.Now.UnixMilli())+` AND c.next_due <= `+a.add(q.DayEnd.UnixMilli()))
	case store.TabOverdue:
		conds = append(conds, `c.next_due < `+a.add(q.Now.UnixMilli()))
	case store.TabRevisit:
		conds = append(conds, `c.next_clock = 'revisit'`)
	case store.TabApprovals:
		cond := `c.fields ? 'grade_requested'`
		if len(q.Approvals) > 0 {
			cond = `(c.status = ANY(` + a.add(q.Approvals) + `) OR ` + cond + `)`
		}
		conds = append(conds, `c.is_open AND `+cond)
	case store.TabSample:
		conds = append(conds, sampleCond)
	}
	if q.Overdue && q.Tab != store.TabOverdue {
		conds = append(conds, `c.next_due < `+a.add(q.Now.UnixMilli()))
	}
	if q.Status != "" {
		conds = append(conds, `c.status = `+a.add(q.Status))
	}
	if q.Grade != "" {
		conds = append(conds, `c.grade = `+a.add(q.Grade))
	}
	if q.Category != "" {
		// A category filter includes its sub-categories ("quality" matches "quality.defect").
		conds = append(conds, `(c.category = `+a.add(q.Category)+` OR starts_with(c.category, `+a.add(q.Category+".")+`))`)
	}
	if q.Channel != "" {
		conds = append(conds, `c.channel = `+a.add(q.Channel))
	}
	if q.Handler != "" {
		conds = append(conds, `c.handler = `+a.add(q.Handler))
	}
	if q.Department != "" {
		conds = append(conds, `c.department = `+a.add(q.Department))
	}
	if q.Named.Field == "handler" {
		conds = append(conds, `c.handler = `+a.add(q.Named.User))
	} else if q.Named.Field != "" && !store.ValidFieldKey(q.Named.Field) {
		conds = append(conds, `false`) // not a field key: nothing is named there
	} else if q.Named.Field != "" {
		// the cases that name the user in a field of users ("a,b"): a
		// lab tester's re-tests
		conds = append(conds, a.add(q.Named.User)+` = ANY(string_to_array(coalesce(c.fields ->> `+a.add(q.Named.Field)+`, ''), ','))`)
	}
	if f != nil && !f.many {
		conds = append(conds, `c.id = ANY(`+a.add(f.ids)+`)`)
	} else if f != nil {
		conds = append(conds, `c.id IN (SELECT s.case_id FROM case_search s WHERE `+f.cond(&a)+`)`)
	} else if m := searchCond(q, &a); m != "" {
		conds = append(conds, `c.id IN (SELECT s.case_id FROM case_search s WHERE `+m+`)`)
	} else if strings.TrimSpace(q.Search) != "" {
		conds = append(conds, `false`) // punctuation only: nothing to find
	}
	if len(conds) == 0 {
		return "", a
	}
	return " WHERE " + strings.Join(conds, " AND "), a
}

func orderBy(s store.Sort) string {
	switch s {
	case store.SortReceived:
		return ` ORDER BY c.received_at DESC, c.id DESC`
	case store.SortNumber:
		return ` ORDER BY c.id DESC`
	case store.SortGrade:
		return ` ORDER BY c.grade, c.next_due, c.id`
	}
	return ` ORDER BY c.next_due, c.id`
}

func (t *txn) ListCases(q store.Query) ([]store.Case, error) {
	w, a, f, err := t.queueWhere(q)
	defer t.endSearch(f)
	if err != nil || (f != nil && !f.many && len(f.ids) == 0) {
		return nil, err
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 50
	}
	text := `SELECT ` + caseColumns + ` FROM cases c` + w + orderBy(q.Sort) +
		` LIMIT ` + a.add(limit) + ` OFFSET ` + a.add(q.Offset)
	return t.queryCases(text, a...)
}

func (t *txn) CountCases(q store.Query) (int, error) {
	w, a, f, err := t.queueWhere(q)
	defer t.endSearch(f)
	if err != nil || (f != nil && !f.many && len(f.ids) == 0) {
		return 0, err
	}
	if f != nil {
		rest := q
		rest.Search = ""
		if rw, _ := where(rest, nil); rw == "" {
			// Nothing but the search: count in its index alone.
			if !f.many {
				return capped(len(f.ids), q.CountCap), nil
			}
			var sa args
			m := f.cond(&sa)
			text := `SELECT count(*) FROM case_search s WHERE ` + m
			if q.CountCap > 0 {
				text = `SELECT count(*) FROM (SELECT 1 FROM case_search s WHERE ` + m + ` LIMIT ` + sa.add(q.CountCap) + `) x`
			}
			var n int
			err := t.tx.QueryRow(t.ctx, text, sa...).Scan(&n)
			return n, err
		}
	}
	var n int
	if q.CountCap > 0 {
		err := t.tx.QueryRow(t.ctx, `SELECT count(*) FROM (SELECT 1 FROM cases c`+w+` LIMIT `+a.add(q.CountCap)+`) x`, a...).Scan(&n)
		return n, err
	}
	err = t.tx.QueryRow(t.ctx, `SELECT count(*) FROM cases c`+w, a...).Scan(&n)
	return n, err
}

// capped is n, or countCap when that is set and smaller.
func capped(n, countCap int) int {
	if countCap > 0 && n > countCap {
		return countCap
	}
	return n
}

func (t *txn) CasesByPhone(phone string, limit int) ([]store.Case, error) {
	if limit <= 0 {
		limit = 20
	}
	return t.queryCases(`SELECT `+caseColumns+` FROM cases c
		WHERE c.id IN (SELECT case_id FROM complainants WHERE phone <> '' AND phone = $1)
		ORDER BY c.received_at DESC, c.id DESC LIMIT $2`, phone, limit)
}

func (t *txn) DueCaseIDs(afterID int64, limit int) ([]int64, error) {
	return t.ids(`SELECT id FROM cases WHERE id > $1 AND (is_open OR next_due <> $2)
		ORDER BY id LIMIT $3`, afterID, int64(noDue), limit)
}

func (t *txn) SetDerived(c *store.Case) error {
	_, err := t.exec(`UPDATE cases SET is_open = $1, next_due = $2, next_due_start = $3, next_clock = $4, next_warn = $6 WHERE id = $5`,
		c.Open, dueValue(c.NextDue), ms(c.NextDueStart), c.NextClock, c.ID, dueValue(c.NextWarn))
	return err
}

func orEmpty(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

func (t *txn) AppendEvent(e *store.Event) error {
	if t.readOnly {
		return errReadOnly
	}
	if e.Entered.IsZero() {
		e.Entered = time.Now()
	}
	// The chain: this event carries the hash of the case's last one.
	e.Prev = ""
	err := t.tx.QueryRow(t.ctx, `SELECT hash FROM events WHERE case_id = $1 ORDER BY id DESC LIMIT 1`, e.CaseID).Scan(&e.Prev)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	e.Entered = time.UnixMilli(e.Entered.UnixMilli()) // as stored, so the hash reads back the same
	e.At = time.UnixMilli(e.At.UnixMilli())
	e.Hash = store.EventHash(e.Prev, e)
	before, _ := json.Marshal(orEmpty(e.Before))
	after, _ := json.Marshal(orEmpty(e.After))
	return t.tx.QueryRow(t.ctx, `INSERT INTO events (case_id, at, actor, action, reason, note, before, after, entered_at, late_reason, prev_hash, hash)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) RETURNING id`, e.CaseID, ms(e.At), e.Actor, e.Action, e.Reason, e.Note, string(before), string(after),
		ms(e.Entered), e.Late, e.Prev, e.Hash).Scan(&e.ID)
}

const eventColumns = `id, case_id, at, actor, action, reason, note, before::text, after::text, entered_at, late_reason, prev_hash, hash`

func scanEvent(sc scanner, e *store.Event) error {
	var at, entered int64
	var before, after string
	if err := sc.Scan(&e.ID, &e.CaseID, &at, &e.Actor, &e.Action, &e.Reason, &e.Note, &before, &after,
		&entered, &e.Late, &e.Prev, &e.Hash); err != nil {
		return err
	}
	e.At, e.Entered = fromMS(at), fromMS(entered)
	e.Before, e.After = nil, nil
	if err := json.Unmarshal([]byte(before), &e.Before); err != nil {
		return err
	}
	return json.Unmarshal([]byte(after), &e.After)
}

func (t *txn) Events(caseID int64) ([]store.Event, error) {
	rows, err := t.tx.Query(t.ctx, `SELECT `+eventColumns+` FROM events WHERE case_id = $1 ORDER BY id`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Event
	for rows.Next() {
		var e store.Event
		if err := scanEvent(rows, &e); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// eachEventBatch is how many events EachEvent reads per query: fn may use
// the transaction between batches, never while rows are open.
const eachEventBatch = 2000

func (t *txn) EachEvent(fn func(e *store.Event) error) error {
	var lastCase, lastID int64 = -1, -1
	for {
		rows, err := t.tx.Query(t.ctx, `SELECT `+eventColumns+` FROM events WHERE (case_id, id) > ($1, $2)
			ORDER BY case_id, id LIMIT $3`, lastCase, lastID, eachEventBatch)
		if err != nil {
			return err
		}
		var batch []store.Event
		for rows.Next() {
			var e store.Event
			if err := scanEvent(rows, &e); err != nil {
				rows.Close()
				return err
			}
			batch = append(batch, e)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for i := range batch {
			if err := fn(&batch[i]); err != nil {
				return err
			}
		}
		if len(batch) < eachEventBatch {
			return nil
		}
		lastCase, lastID = batch[len(batch)-1].CaseID, batch[len(batch)-1].ID
	}
}

func (t *txn) SaveDraft(d *store.Draft) error {
	if d.UpdatedAt.IsZero() {
		d.UpdatedAt = time.Now()
	}
	_, err := t.exec(`INSERT INTO drafts ("user", key, data, updated_at) VALUES ($1,$2,$3,$4)
		ON CONFLICT ("user", key) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
		d.User, d.Key, d.Data, ms(d.UpdatedAt))
	return err
}

func (t *txn) Draft(user, key string) (*store.Draft, error) {
	d := store.Draft{User: user, Key: key}
	var at int64
	err := t.tx.QueryRow(t.ctx, `SELECT data, updated_at FROM drafts WHERE "user" = $1 AND key = $2`, user, key).Scan(&d.Data, &at)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	d.UpdatedAt = fromMS(at)
	return &d, err
}

func (t *txn) Drafts(user string) ([]store.Draft, error) {
	rows, err := t.tx.Query(t.ctx, `SELECT key, data, updated_at FROM drafts WHERE "user" = $1 ORDER BY updated_at DESC`, user)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Draft
	for rows.Next() {
		d := store.Draft{User: user}
		var at int64
		if err := rows.Scan(&d.Key, &d.Data, &at); err != nil {
			return nil, err
		}
		d.UpdatedAt = fromMS(at)
		out = append(out, d)
	}
	return out, rows.Err()
}

func (t *txn) DeleteDraft(user, key string) error {
	_, err := t.exec(`DELETE FROM drafts WHERE "user" = $1 AND key = $2`, user, key)
	return err
}

func (t *txn) PutUser(u *store.User) error {
	if u.CreatedAt.IsZero() {
		u.CreatedAt = time.Now()
	}
	err := t.guarded(func() error {
		_, err := t.exec(`INSERT INTO users (name, role, os_login, disabled, lang, created_at) VALUES ($1,$2,$3,$4,$5,$6)
			ON CONFLICT (name) DO UPDATE SET role = excluded.role, os_login = excluded.os_login,
			disabled = excluded.disabled, lang = excluded.lang`,
			u.Name, u.Role, nullable(u.OSLogin), u.Disabled, u.Lang, ms(u.CreatedAt))
		return err
	})
	if isUnique(err) {
		return fmt.Errorf("OS login %q is already mapped to another user: %w", u.OSLogin, store.ErrDuplicate)
	}
	return err
}

const userColumns = `name, role, coalesce(os_login, ''), disabled, lang, created_at`

func scanUser(sc scanner) (*store.User, error) {
	var u store.User
	var at int64
	if err := sc.Scan(&u.Name, &u.Role, &u.OSLogin, &u.Disabled, &u.Lang, &at); err != nil {
		if errors.Is(err, pgx.ErrNoRows) {
			return nil, store.ErrNotFound
		}
		return nil, err
	}
	u.CreatedAt = fromMS(at)
	return &u, nil
}

func (t *txn) User(name string) (*store.User, error) {
	return scanUser(t.tx.QueryRow(t.ctx, `SELECT `+userColumns+` FROM users WHERE name = $1`, name))
}

func (t *txn) UserByOSLogin(login string) (*store.User, error) {
	return scanUser(t.tx.QueryRow(t.ctx, `SELECT `+userColumns+` FROM users WHERE os_login = $1`, login))
}

func (t *txn) Users() ([]store.User, error) {
	rows, err := t.tx.Query(t.ctx, `SELECT `+userColumns+` FROM users ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *u)
	}
	return out, rows.Err()
}

func (t *txn) CountUsers() (int, error) {
	var n int
	err := t.tx.QueryRow(t.ctx, `SELECT count(*) FROM users`).Scan(&n)
	return n, err
}

func (t *txn) PutCalendarYear(y store.CalendarYear) error {
	_, err := t.exec(`INSERT INTO calendar_years (year, text, loaded_at, loaded_by) VALUES ($1,$2,$3,$4)
		ON CONFLICT (year) DO UPDATE SET text = excluded.text, loaded_at = excluded.loaded_at, loaded_by = excluded.loaded_by`,
		y.Year, y.Text, ms(y.LoadedAt), y.LoadedBy)
	return err
}

func (t *txn) CalendarYears() ([]store.CalendarYear, error) {
	rows, err := t.tx.Query(t.ctx, `SELECT year, text, loaded_at, loaded_by FROM calendar_years ORDER BY year`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.CalendarYear
	for rows.Next() {
		var y store.CalendarYear
		var at int64
		if err := rows.Scan(&y.Year, &y.Text, &at, &y.LoadedBy); err != nil {
			return nil, err
		}
		y.LoadedAt = fromMS(at)
		out = append(out, y)
	}
	return out, rows.Err()
}

func (t *txn) PutPolicy(p store.PolicyText) error {
	_, err := t.exec(`INSERT INTO policy (id, name, text, loaded_at, loaded_by) VALUES (1,$1,$2,$3,$4)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, text = excluded.text,
		loaded_at = excluded.loaded_at, loaded_by = excluded.loaded_by`, p.Name, p.Text, ms(p.LoadedAt), p.LoadedBy)
	return err
}

func (t *txn) Policy() (*store.PolicyText, error) {
	var p store.PolicyText
	var at int64
	err := t.tx.QueryRow(t.ctx, `SELECT name, text, loaded_at, loaded_by FROM policy WHERE id = 1`).Scan(&p.Name, &p.Text, &at, &p.LoadedBy)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	p.LoadedAt = fromMS(at)
	return &p, err
}

// queryCases runs a SELECT of caseColumns and reads the cases with their
// complainants: the one way every case list is read.
func (t *txn) queryCases(query string, args ...any) ([]store.Case, error) {
	rows, err := t.tx.Query(t.ctx, query, args...)
	if err != nil {
		return nil, err
	}
	var out []store.Case
	for rows.Next() {
		var c store.Case
		if err := scanCase(rows, &c); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	ptrs := make([]*store.Case, len(out))
	for i := range out {
		ptrs[i] = &out[i]
	}
	return out, t.loadComplainants(ptrs)
}

func (t *txn) TruncatedHistory() (int64, int64, error) {
	var id, kept int64
	err := t.tx.QueryRow(t.ctx, store.TruncatedHistorySQL).Scan(&id, &kept)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, 0, nil
	}
	return id, kept, err
}
