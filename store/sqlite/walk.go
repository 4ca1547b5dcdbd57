package sqlite

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"complaintdesk/store"
	"complaintdesk/store/search"
)

// walkRows is how many cases a search reads in the queue's order, testing
// each one's tokens in Go (search.Query.Match), before it leaves the page
// to the search index (searchPlan). A search matching a large share of the
// cases (退款 a fifth of them, TS2026 nearly all) fills a page within a few
// hundred rows this way, where gathering every match from the index to
// sort it took up to 0.8 s at a million cases. A page of 80 is found
// this way when at least one case in 12 matches; a rarer search gives up
// after a few dozen rows (walkCheck) and asks the index, which is then
// faster than reading rows.
const walkRows = 1000

// walkMinMatches is how many matches of whole words or phrases make a
// walk worth trying: fewer are looked up in the index (searchLookupMax).
// A variable for the tests, which walk a small desk.
var walkMinMatches = searchLookupMax

// walkCheck is how many rows a walk reads before it first checks that it
// is finding enough; it checks again each time it has read twice as many.
const walkCheck = 50

// walkSearch is the first page of a query with a search read by walking
// the cases in the order asked for; ok is false when the walk cannot answer
// exactly (no search, a token the index folds, a sort that is not an
// index's order, or fewer matches than a page within walkRows rows).
func (t *txn) walkSearch(q store.Query) (cases []store.Case, ok bool, err error) {
	sq := parseQuery(q)
	if sq.Empty() || !sq.Plain() {
		return nil, false, nil
	}
	if !sq.HasPrefix() {
		// Whole words and phrases are counted cheaply in the index: a
		// rare one (a name) is looked up there without a walk.
		if n, err := t.searchMatches(sq.FTS5(), walkMinMatches+1); err != nil || n <= walkMinMatches {
			return nil, false, err
		}
	}
	rest := q
	rest.Search = ""
	w, args := where(rest)
	limit := q.Limit
	if limit <= 0 {
		limit = 50
	}
	want := q.Offset + limit
	args = append(args, walkRows)
	text := `SELECT ` + walkColumns + ` FROM cases c` + w + orderBy(q.Sort) + fmt.Sprintf(` LIMIT $%d`, len(args))
	if sorts, err := t.sortsRows(text, args); err != nil || sorts {
		return nil, false, err
	}
	rows, err := t.tx.QueryContext(t.ctx, text, args...)
	if err != nil {
		return nil, false, err
	}
	defer rows.Close()
	var ids []int64
	read, found, check := 0, 0, walkCheck
	for rows.Next() && found < want {
		read++
		c, people, err := scanWalked(rows)
		if err != nil {
			return nil, false, err
		}
		texts := c.Number + "\x00" + c.Content + "\x00" + c.Demand + "\x00" + c.Subject
		if !search.PlainText(texts) || !search.PlainText(people) {
			return nil, false, nil // the index folds what Match would not
		}
		if sq.MayMatch(texts, people) {
			if err := withPeople(&c, people); err != nil {
				return nil, false, err
			}
			if sq.Match(strings.Fields(search.Case(&c))) {
				found++
				if found > q.Offset {
					ids = append(ids, c.ID)
				}
			}
		}
		// Give up as soon as the matches so far are too sparse to fill
		// the page within walkRows rows: a rare search pays a few dozen
		// rows, not walkRows.
		if read == check {
			if found*walkRows < want*read {
				return nil, false, nil
			}
			check *= 2
		}
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	if found < want && read == walkRows {
		return nil, false, nil // not dense enough to be found this way
	}
	rows.Close()
	if len(ids) == 0 {
		return nil, true, nil
	}
	marks := make([]string, len(ids))
	idArgs := make([]any, len(ids))
	for i, id := range ids {
		marks[i] = fmt.Sprintf("$%d", i+1)
		idArgs[i] = id
	}
	cases, err = t.queryCases(`SELECT `+caseColumns+` FROM cases c WHERE c.id IN (`+strings.Join(marks, ",")+`)`+orderBy(q.Sort), idArgs...)
	return cases, err == nil, err
}

// walkColumns are what search.Case reads of a case: its texts, and its
// complainants' (in their order) as JSON.
const walkColumns = `c.id, c.number, c.content, c.demand, c.subject,
	(SELECT json_group_array(json_array(p.org, p.name, p.phone, p.email) ORDER BY p.position)
		FROM complainants p WHERE p.case_id = c.id)`

// scanWalked reads a row of walkColumns: the case and its complainants' JSON.
func scanWalked(rows *sql.Rows) (c store.Case, people string, err error) {
	err = rows.Scan(&c.ID, &c.Number, &c.Content, &c.Demand, &c.Subject, &people)
	return c, people, err
}

// withPeople sets the complainants of a case from walkColumns' JSON.
func withPeople(c *store.Case, people string) error {
	var ps [][4]string
	if err := json.Unmarshal([]byte(people), &ps); err != nil {
		return err
	}
	for _, p := range ps {
		c.Complainants = append(c.Complainants, store.Complainant{Org: p[0], Name: p[1], Phone: p[2], Email: p[3]})
	}
	return nil
}

// sortsRows reports whether SQLite would sort the rows of a query rather
// than read them in order from an index: a walk then reads every row.
func (t *txn) sortsRows(text string, args []any) (bool, error) {
	rows, err := t.tx.QueryContext(t.ctx, `EXPLAIN QUERY PLAN `+text, args...)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	sorts := false
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			return false, err
		}
		// The complainants' own ORDER BY is a subquery's (parent not 0).
		if parent == 0 && strings.Contains(detail, "TEMP B-TREE") {
			sorts = true
		}
	}
	return sorts, rows.Err()
}

// floorRows is how many of the newest cases countFloor reads for tokens.
const floorRows = 32

// countFloor is, up to limit, how many cases match a narrower search
// than q's: each of its prefixes replaced by the words it starts among
// the newest cases (退* by 退款, 退货, …). Those are counted as the index
// streams them, where a prefix merges every word it covers first (退 at a
// million cases: 35 ms); when they reach the cap, so does the search.
func (t *txn) countFloor(q store.Query, limit int) (int, error) {
	sq := parseQuery(q)
	if limit <= 0 || !sq.HasPrefix() || !sq.Plain() {
		return 0, nil
	}
	tokens, err := t.newestTokens()
	if err != nil {
		return 0, err
	}
	narrow, ok := sq.Within(tokens)
	if !ok {
		return 0, nil
	}
	return t.searchMatches(narrow.FTS5(), limit)
}

// newestTokens are the distinct tokens of the floorRows newest cases, read
// once per transaction (a page and its count share them). Any tokens make
// a narrower search; a write later in the transaction only makes these
// less telling, never a count wrong.
func (t *txn) newestTokens() ([]string, error) {
	if t.newest != nil {
		return t.newest, nil
	}
	rows, err := t.tx.QueryContext(t.ctx, `SELECT `+walkColumns+` FROM cases c ORDER BY c.id DESC LIMIT $1`, floorRows)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	seen := map[string]bool{}
	tokens := []string{}
	for rows.Next() {
		c, people, err := scanWalked(rows)
		if err == nil {
			err = withPeople(&c, people)
		}
		if err != nil {
			return nil, err
		}
		for _, tok := range strings.Fields(search.Case(&c)) {
			if !seen[tok] {
				seen[tok] = true
				tokens = append(tokens, tok)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	t.newest = tokens
	return tokens, nil
}
