package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"complaintdesk/store"
	"complaintdesk/store/search"
)

// noDue is stored in next_due when no clock runs: it sorts last.
const noDue = math.MaxInt64

type txn struct {
	ctx      context.Context
	tx       *sql.Tx
	readOnly bool
	newest   []string // newestTokens, once read
	counted  map[searchCount]int
}

func nowMillis() int64 { return time.Now().UnixMilli() }

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

func (t *txn) exec(q string, args ...any) (sql.Result, error) {
	if t.readOnly {
		return nil, errors.New("store: write in a read transaction")
	}
	return t.tx.ExecContext(t.ctx, q, args...)
}

func (t *txn) NextCaseSeq(day string) (int, error) {
	var n int
	err := t.tx.QueryRowContext(t.ctx, `INSERT INTO case_seq (day, last) VALUES ($1, 1)
		ON CONFLICT (day) DO UPDATE SET last = last + 1 RETURNING last`, day).Scan(&n)
	return n, err
}

const caseColumns = `c.id, c.number, c.version, coalesce(c.idem_key, ''), c.source, c.source_id,
	c.received_at, c.registered_at, c.updated_at, c.created_by,
	c.channel, c.nature, c.category, c.grade, c.grade_reason, c.status, c.is_open,
	c.content, c.demand, c.subject, c.collective_size,
	c.department, c.handler, c.expected_by, c.resolution, c.reply, c.satisfaction,
	c.reopen_count, c.training,
	c.acknowledged_at, c.resolved_at, c.closed_at, c.revisited_at,
	c.next_due, c.next_due_start, c.next_clock, c.fields,
	c.next_warn, c.escalation, c.crisis`

func scanCase(sc interface{ Scan(...any) error }, c *store.Case) error {
	var d caseDest
	if err := sc.Scan(d.to(c)...); err != nil {
		return err
	}
	return d.finish(c)
}

// caseDest is where a row of caseColumns is scanned: the case's own fields
// and the stored forms of the others. A walk of many rows makes its list
// of destinations once (to) and finishes each case from it.
type caseDest struct {
	received, registered, updated, expected, ack, resolved, closed, revisited, due, dueStart, warn int64
	fields                                                                                         string
}

func (d *caseDest) to(c *store.Case) []any {
	return []any{&c.ID, &c.Number, &c.Version, &c.IdemKey, &c.Source, &c.SourceID,
		&d.received, &d.registered, &d.updated, &c.CreatedBy,
		&c.Channel, &c.Nature, &c.Category, &c.Grade, &c.GradeReason, &c.Status, &c.Open,
		&c.Content, &c.Demand, &c.Subject, &c.CollectiveSize,
		&c.Department, &c.Handler, &d.expected, &c.Resolution, &c.Reply, &c.Satisfaction,
		&c.ReopenCount, &c.Training,
		&d.ack, &d.resolved, &d.closed, &d.revisited,
		&d.due, &d.dueStart, &c.NextClock, &d.fields,
		&d.warn, &c.Escalation, &c.Crisis}
}

func (d *caseDest) finish(c *store.Case) error {
	c.ReceivedAt, c.RegisteredAt, c.UpdatedAt = fromMS(d.received), fromMS(d.registered), fromMS(d.updated)
	c.ExpectedBy = fromMS(d.expected)
	c.AcknowledgedAt, c.ResolvedAt, c.ClosedAt, c.RevisitedAt = fromMS(d.ack), fromMS(d.resolved), fromMS(d.closed), fromMS(d.revisited)
	c.NextDue, c.NextDueStart = time.Time{}, time.Time{}
	if d.due != noDue {
		c.NextDue = fromMS(d.due)
		c.NextDueStart = fromMS(d.dueStart)
	}
	c.NextWarn = time.Time{}
	if d.warn != noDue {
		c.NextWarn = fromMS(d.warn)
	}
	c.Fields = nil
	if d.fields != "" && d.fields != "{}" {
		if err := json.Unmarshal([]byte(d.fields), &c.Fields); err != nil {
			return fmt.Errorf("case %s: bad fields: %w", c.Number, err)
		}
	}
	return nil
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

func (t *txn) InsertCase(c *store.Case) error {
	res, err := t.exec(`INSERT INTO cases (number, version, idem_key, source, source_id,
		received_at, registered_at, updated_at, created_by,
		channel, nature, category, grade, grade_reason, status, is_open,
		content, demand, subject, collective_size,
		department, handler, expected_by, resolution, reply, satisfaction,
		reopen_count, training, acknowledged_at, resolved_at, closed_at, revisited_at,
		next_due, next_due_start, next_clock, fields, next_warn, escalation, crisis)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,
		$21,$22,$23,$24,$25,$26,$27,$28,$29,$30,$31,$32,$33,$34,$35,$36,$37,$38,$39)`,
		caseRow(c)[1:]...) // the id is the database's
	if err != nil {
		if isUnique(err) {
			return fmt.Errorf("case %s: %w", c.Number, store.ErrDuplicate)
		}
		return err
	}
	if c.ID, err = res.LastInsertId(); err != nil {
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
		res, err := t.exec(`INSERT INTO complainants (case_id, position, name, phone, email, address, org, anonymous,
			callback, callback_at, satisfaction)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`, c.ID, i, p.Name, p.Phone, p.Email, p.Address, p.Org, p.Anonymous,
			p.Callback, ms(p.CallbackAt), p.Satisfaction)
		if err != nil {
			return err
		}
		if p.ID, err = res.LastInsertId(); err != nil {
			return err
		}
	}
	return nil
}

// index rewrites the case's search tokens.
func (t *txn) index(c *store.Case) error {
	if _, err := t.exec(`DELETE FROM case_search WHERE rowid = $1`, c.ID); err != nil {
		return err
	}
	_, err := t.exec(`INSERT INTO case_search (rowid, tokens) VALUES ($1, $2)`, c.ID, search.Case(c))
	return err
}

func (t *txn) UpdateCase(c *store.Case) error {
	res, err := t.exec(`UPDATE cases SET version = $1, updated_at = $2,
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
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n != 1 {
		return fmt.Errorf("case %s: %w", c.Number, store.ErrConflict)
	}
	if err := t.writeComplainants(c); err != nil {
		return err
	}
	return t.index(c)
}

func (t *txn) oneCase(where string, arg any) (*store.Case, error) {
	var c store.Case
	err := scanCase(t.tx.QueryRowContext(t.ctx, `SELECT `+caseColumns+` FROM cases c WHERE `+where, arg), &c)
	if errors.Is(err, sql.ErrNoRows) {
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

// loadComplainants fills the complainants of the cases with one query.
func (t *txn) loadComplainants(cases []*store.Case) error {
	if len(cases) == 0 {
		return nil
	}
	byID := make(map[int64]*store.Case, len(cases))
	args := make([]any, len(cases))
	marks := make([]string, len(cases))
	for i, c := range cases {
		c.Complainants = nil
		byID[c.ID] = c
		args[i] = c.ID
		marks[i] = fmt.Sprintf("$%d", i+1)
	}
	rows, err := t.tx.QueryContext(t.ctx, `SELECT case_id, id, name, phone, email, address, org, anonymous,
		callback, callback_at, satisfaction
		FROM complainants WHERE case_id IN (`+strings.Join(marks, ",")+`) ORDER BY case_id, position`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var caseID int64
		var p store.Complainant
		var cbAt int64
		if err := rows.Scan(&caseID, &p.ID, &p.Name, &p.Phone, &p.Email, &p.Address, &p.Org, &p.Anonymous,
			&p.Callback, &cbAt, &p.Satisfaction); err != nil {
			return err
		}
		p.CallbackAt = fromMS(cbAt)
		if c := byID[caseID]; c != nil {
			c.Complainants = append(c.Complainants, p)
		}
	}
	return rows.Err()
}

// searchLookupMax is how many matches a search looks up case by case. A
// search matching more (a common word: 退款 is in a fifth of the cases) is
// instead probed: the query reads the cases in the order asked for, from the
// tab's index, keeps those in the match set and stops after one page.
// Looking up 190,000 matches one by one to show the first 50 took 0.4 s at
// a million cases; probing reads about 50/density rows. Probing a rare
// word would read the whole index, so small match sets are looked up.
const searchLookupMax = 2000

// probeRowMin is how many matches make a page's rows worth probing one by
// one in the index (probeRow) rather than testing them against the built
// match set (probeSet): at a million cases a probe costs about 14 µs and a
// set member about 0.5 µs, so a page of 80 breaks even near 50,000 matches
// (80 × 1,000,000 / n × 14 µs = n × 0.5 µs). 退款 (190,000 matches) probes
// in 6 ms instead of 100 ms; a phone tail (a few thousand) builds the set.
const probeRowMin = 50000

// where builds the WHERE clause and arguments of a queue query whose search
// (if any) drives the query: its matches are looked up by id.
func where(q store.Query) (string, []any) { return whereSearch(q, lookup) }

// searchMode is how a query's search is joined to the cases it reads.
type searchMode int

const (
	lookup   searchMode = iota // few matches: look each matching case up by id
	probeSet                   // many matches, counting: build the match set once, test each case read against it
	probeRow                   // many matches, one page: ask the index about each case read, stop after the page
)

// whereSearch builds the WHERE clause with the search joined as mode says
// (see searchLookupMax).
func whereSearch(q store.Query, mode searchMode) (string, []any) {
	var conds []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	switch q.Tab {
	case store.TabMine:
		conds = append(conds, `c.is_open = 1 AND c.handler = `+arg(q.User))
	case store.TabUnassigned:
		conds = append(conds, `c.is_open = 1 AND c.handler = ''`)
	case store.TabDueToday:
		// A day-based clock due at 24:00 today is stored as 00:00 of tomorrow: still today.
		conds = append(conds, `c.next_due >= `+arg(q.Now.UnixMilli())+` AND c.next_due <= `+arg(q.DayEnd.UnixMilli()))
	case store.TabOverdue:
		conds = append(conds, `c.next_due < `+arg(q.Now.UnixMilli()))
	case store.TabRevisit:
		conds = append(conds, `c.next_clock = 'revisit'`)
	case store.TabApprovals:
		var in []string
		for _, st := range q.Approvals {
			in = append(in, arg(st))
		}
		cond := `json_extract(c.fields, '$.grade_requested') IS NOT NULL`
		if len(in) > 0 {
			cond = `(c.status IN (` + strings.Join(in, ", ") + `) OR ` + cond + `)`
		}
		conds = append(conds, `c.is_open = 1 AND `+cond)
	case store.TabSample:
		conds = append(conds, sampleCond) // report.go
	}
	if q.Overdue && q.Tab != store.TabOverdue {
		conds = append(conds, `c.next_due < `+arg(q.Now.UnixMilli()))
	}
	if q.Status != "" {
		conds = append(conds, `c.status = `+arg(q.Status))
	}
	if q.Grade != "" {
		conds = append(conds, `c.grade = `+arg(q.Grade))
	}
	if q.Category != "" {
		// A category filter includes its sub-categories ("quality" matches "quality.defect").
		conds = append(conds, `(c.category = `+arg(q.Category)+` OR c.category LIKE `+arg(q.Category+".%")+`)`)
	}
	if q.Channel != "" {
		conds = append(conds, `c.channel = `+arg(q.Channel))
	}
	if q.Handler != "" {
		conds = append(conds, `c.handler = `+arg(q.Handler))
	}
	if q.Department != "" {
		conds = append(conds, `c.department = `+arg(q.Department))
	}
	if q.Named.Field == "handler" {
		conds = append(conds, `c.handler = `+arg(q.Named.User))
	} else if q.Named.Field != "" && !store.ValidFieldKey(q.Named.Field) {
		conds = append(conds, `0`) // not a field key: nothing is named there
	} else if q.Named.Field != "" {
		// the cases that name the user in a field of users ("a,b"): a
		// lab tester's re-tests
		conds = append(conds, `(',' || coalesce(json_extract(c.fields, '$.`+q.Named.Field+`'), '') || ',') LIKE `+arg("%,"+q.Named.User+",%"))
	}
	if m := matchQuery(q); m != "" {
		switch mode {
		case lookup:
			conds = append(conds, `c.id IN (SELECT rowid FROM case_search WHERE case_search MATCH `+arg(m)+`)`)
		case probeSet:
			// The unary + keeps the planner from looking cases up by id.
			conds = append(conds, `+c.id IN (SELECT rowid FROM case_search WHERE case_search MATCH `+arg(m)+`)`)
		case probeRow:
			// Building the set of 190,000 matches of 退款 costs 0.1 s; a
			// page of 80 probes about 400 rows at a few µs each.
			conds = append(conds, `EXISTS (SELECT 1 FROM case_search s WHERE s.rowid = c.id AND case_search MATCH `+arg(m)+`)`)
		}
	} else if strings.TrimSpace(q.Search) != "" {
		conds = append(conds, `0`) // punctuation only: nothing to find
	}
	if len(conds) == 0 {
		return "", args
	}
	return " WHERE " + strings.Join(conds, " AND "), args
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

// searchPlan decides how a query's search is read: probe when it matches
// more than searchLookupMax cases (see there), none when it matches nothing.
func (t *txn) searchPlan(q store.Query) (probe, none bool, err error) {
	m := matchQuery(q)
	if m == "" {
		return false, false, nil
	}
	// A prefix's narrower count streams; counting the prefix itself
	// merges every word it covers, and the page's query merges them again.
	if n, err := t.countFloor(q, searchLookupMax+1); err != nil || n > searchLookupMax {
		return true, false, err
	}
	n, err := t.searchMatches(m, searchLookupMax+1)
	return n > searchLookupMax, n == 0, err
}

// searchMatches counts the cases that match an FTS5 expression, up to limit
// (0: all). It reads only the search index: its rowids are the case ids and
// every case has exactly one row there.
func (t *txn) searchMatches(m string, limit int) (int, error) {
	// A page's plans and its count ask the same counts: a read
	// transaction's answers do not change.
	key := searchCount{m, limit}
	if n, ok := t.counted[key]; ok && t.readOnly {
		return n, nil
	}
	n, err := t.countMatches(m, limit)
	if err == nil && t.readOnly {
		if t.counted == nil {
			t.counted = map[searchCount]int{}
		}
		t.counted[key] = n
	}
	return n, err
}

// searchCount is a count searchMatches made.
type searchCount struct {
	m     string
	limit int
}

// countMatches is searchMatches without its memory.
func (t *txn) countMatches(m string, limit int) (int, error) {
	text, args := `SELECT count(*) FROM case_search WHERE case_search MATCH $1`, []any{m}
	if limit > 0 {
		text = `SELECT count(*) FROM (SELECT 1 FROM case_search WHERE case_search MATCH $1 LIMIT $2)`
		args = append(args, limit)
	}
	var n int
	err := t.tx.QueryRowContext(t.ctx, text, args...).Scan(&n)
	return n, err
}

func (t *txn) ListCases(q store.Query) ([]store.Case, error) {
	if cases, ok, err := t.walkSearch(q); err != nil || ok {
		return cases, err
	}
	if cases, ok, err := t.windowWalk(q); err != nil || ok {
		return cases, err
	}
	return t.listByIndex(q)
}

// listByIndex is a page of cases with the search (if any) asked of the
// search index.
func (t *txn) listByIndex(q store.Query) ([]store.Case, error) {
	mode, none, err := t.pageMode(q)
	if err != nil || none {
		return nil, err
	}
	w, args := whereSearch(q, mode)
	args = append(args, pageSize(q), q.Offset)
	sqlText := `SELECT ` + caseColumns + ` FROM cases c` + w + orderBy(q.Sort) +
		fmt.Sprintf(` LIMIT $%d OFFSET $%d`, len(args)-1, len(args))
	return t.queryCases(sqlText, args...)
}

// pageSize is how many cases a page of q holds: 50 unless asked.
func pageSize(q store.Query) int {
	if q.Limit <= 0 {
		return 50
	}
	return q.Limit
}

// pageMode is how the search index answers a page's search (see
// searchMode); none when nothing matches.
func (t *txn) pageMode(q store.Query) (mode searchMode, none bool, err error) {
	probe, none, err := t.searchPlan(q)
	if err != nil || none {
		return lookup, none, err
	}
	mode = lookup
	if probe {
		mode = probeSet
		// Asking the index row by row pays only when matches are dense
		// enough that a page is found within a few hundred rows, and only
		// for single exact tokens (Chinese bigrams): a prefix term
		// ("5678"*, "refund"*) merges every token it covers on each
		// probe, and a phrase (无法加热) seeks each of its tokens in every
		// segment of the index: 0.65 s for a page at a million cases.
		if singleTokens(parseQuery(q)) {
			n, err := t.searchMatches(matchQuery(q), probeRowMin+1)
			if err != nil {
				return lookup, false, err
			}
			if n > probeRowMin {
				mode = probeRow
			}
		}
	}
	return mode, false, nil
}

// singleTokens reports whether every alternative of a query is one token
// matched whole.
func singleTokens(sq search.Query) bool {
	for _, t := range sq.Terms {
		for _, a := range t {
			if a.Prefix || len(a.Tokens) != 1 {
				return false
			}
		}
	}
	return true
}

func (t *txn) CountCases(q store.Query) (int, error) {
	if m := matchQuery(q); m != "" {
		rest := q
		rest.Search = ""
		if w, _ := where(rest); w == "" {
			// Nothing but the search: count in the search index alone,
			// unless the numbers it starts reach the cap.
			if n, err := t.numbersFrom(q.Search, q.CountCap); err != nil || q.CountCap > 0 && n >= q.CountCap {
				return n, err
			}
			if n, err := t.countFloor(q, q.CountCap); err != nil || q.CountCap > 0 && n >= q.CountCap {
				return n, err
			}
			return t.searchMatches(m, max(q.CountCap, 0))
		}
	}
	probe, none, err := t.searchPlan(q)
	if err != nil || none {
		return 0, err
	}
	mode := lookup
	if probe {
		mode = probeSet
	}
	w, args := whereSearch(q, mode)
	var n int
	if q.CountCap > 0 {
		args = append(args, q.CountCap)
		err := t.tx.QueryRowContext(t.ctx, fmt.Sprintf(`SELECT count(*) FROM (SELECT 1 FROM cases c%s LIMIT $%d)`, w, len(args)), args...).Scan(&n)
		return n, err
	}
	err = t.tx.QueryRowContext(t.ctx, `SELECT count(*) FROM cases c`+w, args...).Scan(&n)
	return n, err
}

// numbersFrom counts, up to limit, the cases whose number starts with the
// typed text, from the number's index: each of them matches the search
// (a prefix of a number is a prefix of its runs, and a search matches
// its runs by prefix), so limit of them answer a capped count. Counting
// TS2026's matches in the search index merged every token starting with
// 2026 first: 0.1 s at a million cases. 0 when text cannot start a
// number or limit is 0.
func (t *txn) numbersFrom(text string, limit int) (int, error) {
	p := strings.ToUpper(strings.TrimSpace(text))
	if limit <= 0 || p == "" || strings.IndexFunc(p, func(r rune) bool {
		return !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-')
	}) >= 0 {
		return 0, nil
	}
	end := p[:len(p)-1] + string(p[len(p)-1]+1) // the first text after every one starting with p
	var n int
	err := t.tx.QueryRowContext(t.ctx, `SELECT count(*) FROM (SELECT 1 FROM cases WHERE number >= $1 AND number < $2 LIMIT $3)`,
		p, end, limit).Scan(&n)
	return n, err
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
	return t.ids(`SELECT id FROM cases WHERE id > $1 AND (is_open = 1 OR next_due <> $2)
		ORDER BY id LIMIT $3`, afterID, int64(noDue), limit)
}

func (t *txn) SetDerived(c *store.Case) error {
	_, err := t.exec(`UPDATE cases SET is_open = $1, next_due = $2, next_due_start = $3, next_clock = $4, next_warn = $6 WHERE id = $5`,
		c.Open, dueValue(c.NextDue), ms(c.NextDueStart), c.NextClock, c.ID, dueValue(c.NextWarn))
	return err
}

func (t *txn) AppendEvent(e *store.Event) error {
	if t.readOnly {
		return errors.New("store: write in a read transaction")
	}
	if e.Entered.IsZero() {
		e.Entered = time.Now()
	}
	// The chain: this event carries the hash of the case's last one.
	e.Prev = ""
	err := t.tx.QueryRowContext(t.ctx, `SELECT hash FROM events WHERE case_id = $1 ORDER BY id DESC LIMIT 1`, e.CaseID).Scan(&e.Prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	e.Entered = time.UnixMilli(e.Entered.UnixMilli()) // as stored, so the hash reads back the same
	e.At = time.UnixMilli(e.At.UnixMilli())
	e.Hash = store.EventHash(e.Prev, e)
	before, _ := json.Marshal(orEmpty(e.Before))
	after, _ := json.Marshal(orEmpty(e.After))
	res, err := t.exec(`INSERT INTO events (case_id, at, actor, action, reason, note, before, after, entered_at, late_reason, prev_hash, hash)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`, e.CaseID, ms(e.At), e.Actor, e.Action, e.Reason, e.Note, string(before), string(after),
		ms(e.Entered), e.Late, e.Prev, e.Hash)
	if err != nil {
		return err
	}
	e.ID, err = res.LastInsertId()
	return err
}

func orEmpty(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

const eventColumns = `id, case_id, at, actor, action, reason, note, before, after, entered_at, late_reason, prev_hash, hash`

func scanEvent(rows *sql.Rows) (store.Event, error) {
	var e store.Event
	var at, entered int64
	var before, after string
	if err := rows.Scan(&e.ID, &e.CaseID, &at, &e.Actor, &e.Action, &e.Reason, &e.Note, &before, &after,
		&entered, &e.Late, &e.Prev, &e.Hash); err != nil {
		return e, err
	}
	e.At, e.Entered = fromMS(at), fromMS(entered)
	if err := json.Unmarshal([]byte(before), &e.Before); err != nil {
		return e, err
	}
	return e, json.Unmarshal([]byte(after), &e.After)
}

func (t *txn) Events(caseID int64) ([]store.Event, error) {
	rows, err := t.tx.QueryContext(t.ctx, `SELECT `+eventColumns+` FROM events WHERE case_id = $1 ORDER BY id`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

func (t *txn) EachEvent(fn func(e *store.Event) error) error {
	rows, err := t.tx.QueryContext(t.ctx, `SELECT `+eventColumns+` FROM events ORDER BY case_id, id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return err
		}
		if err := fn(&e); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (t *txn) SaveDraft(d *store.Draft) error {
	if d.UpdatedAt.IsZero() {
		d.UpdatedAt = time.Now()
	}
	_, err := t.exec(`INSERT INTO drafts (user, key, data, updated_at) VALUES ($1,$2,$3,$4)
		ON CONFLICT (user, key) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
		d.User, d.Key, d.Data, ms(d.UpdatedAt))
	return err
}

func (t *txn) Draft(user, key string) (*store.Draft, error) {
	d := store.Draft{User: user, Key: key}
	var at int64
	err := t.tx.QueryRowContext(t.ctx, `SELECT data, updated_at FROM drafts WHERE user = $1 AND key = $2`, user, key).Scan(&d.Data, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	d.UpdatedAt = fromMS(at)
	return &d, err
}

func (t *txn) Drafts(user string) ([]store.Draft, error) {
	rows, err := t.tx.QueryContext(t.ctx, `SELECT key, data, updated_at FROM drafts WHERE user = $1 ORDER BY updated_at DESC`, user)
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
	_, err := t.exec(`DELETE FROM drafts WHERE user = $1 AND key = $2`, user, key)
	return err
}

func (t *txn) PutUser(u *store.User) error {
	if u.CreatedAt.IsZero() {
		u.CreatedAt = time.Now()
	}
	_, err := t.exec(`INSERT INTO users (name, role, os_login, disabled, lang, created_at) VALUES ($1,$2,$3,$4,$5,$6)
		ON CONFLICT (name) DO UPDATE SET role = excluded.role, os_login = excluded.os_login,
		disabled = excluded.disabled, lang = excluded.lang`,
		u.Name, u.Role, nullable(u.OSLogin), u.Disabled, u.Lang, ms(u.CreatedAt))
	if isUnique(err) {
		return fmt.Errorf("OS login %q is already mapped to another user: %w", u.OSLogin, store.ErrDuplicate)
	}
	return err
}

const userColumns = `name, role, coalesce(os_login, ''), disabled, lang, created_at`

func scanUser(sc interface{ Scan(...any) error }) (*store.User, error) {
	var u store.User
	var at int64
	if err := sc.Scan(&u.Name, &u.Role, &u.OSLogin, &u.Disabled, &u.Lang, &at); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, store.ErrNotFound
		}
		return nil, err
	}
	u.CreatedAt = fromMS(at)
	return &u, nil
}

func (t *txn) User(name string) (*store.User, error) {
	return scanUser(t.tx.QueryRowContext(t.ctx, `SELECT `+userColumns+` FROM users WHERE name = $1`, name))
}

func (t *txn) UserByOSLogin(login string) (*store.User, error) {
	return scanUser(t.tx.QueryRowContext(t.ctx, `SELECT `+userColumns+` FROM users WHERE os_login = $1`, login))
}

func (t *txn) Users() ([]store.User, error) {
	rows, err := t.tx.QueryContext(t.ctx, `SELECT `+userColumns+` FROM users ORDER BY name`)
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
	err := t.tx.QueryRowContext(t.ctx, `SELECT count(*) FROM users`).Scan(&n)
	return n, err
}

func (t *txn) PutCalendarYear(y store.CalendarYear) error {
	_, err := t.exec(`INSERT INTO calendar_years (year, text, loaded_at, loaded_by) VALUES ($1,$2,$3,$4)
		ON CONFLICT (year) DO UPDATE SET text = excluded.text, loaded_at = excluded.loaded_at, loaded_by = excluded.loaded_by`,
		y.Year, y.Text, ms(y.LoadedAt), y.LoadedBy)
	return err
}

func (t *txn) CalendarYears() ([]store.CalendarYear, error) {
	rows, err := t.tx.QueryContext(t.ctx, `SELECT year, text, loaded_at, loaded_by FROM calendar_years ORDER BY year`)
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
	err := t.tx.QueryRowContext(t.ctx, `SELECT name, text, loaded_at, loaded_by FROM policy WHERE id = 1`).Scan(&p.Name, &p.Text, &at, &p.LoadedBy)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	p.LoadedAt = fromMS(at)
	return &p, err
}

// queryCases runs a SELECT of caseColumns and reads the cases with their
// complainants: the one way every case list is read.
func (t *txn) queryCases(query string, args ...any) ([]store.Case, error) {
	rows, err := t.tx.QueryContext(t.ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Case
	for rows.Next() {
		var c store.Case
		if err := scanCase(rows, &c); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
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
	err := t.tx.QueryRowContext(t.ctx, store.TruncatedHistorySQL).Scan(&id, &kept)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, nil
	}
	return id, kept, err
}
