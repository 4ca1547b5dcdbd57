package sqlite

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
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
	want := q.Offset + pageSize(q)
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
	cases, err = t.casesByID(ids, q.Sort)
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

// windowRows is how many of the queue's first cases windowWalk reads at
// most.
const windowRows = 1 << 16

// windowFirst is how many cases windowWalk reads first per case of the
// page, windowMin at least. Variables for the tests, which read a small
// desk a few cases at a time.
var windowFirst, windowMin = 32, 1024

// windowWalk is the first page of a query whose search matches more
// cases than are looked up one by one (searchLookupMax) yet too few for
// walkSearch: 1 to 10 % of them (无法加热, refund, 5678). It reads the
// ids of the queue's first cases in the order asked for (the tab's index
// alone, a fraction of a µs each), asks the search index for its matches
// among the ids from the least to the greatest of them, and keeps those
// in the queue's order, reading more cases until the page is full. The
// index decides every match, so the page is the index's; what is saved is
// gathering the whole match set into a temporary b-tree before the page
// (20 to 40 ms at a million cases): a window's ids span a part of the ids.
//
// When the first window holds too few matches for the page and the
// matches are few (a day's case numbers: the page lies deep in the queue),
// they are looked up by id and sorted instead, their ids alone. ok is
// false when it cannot answer (no search, a sort that is not an index's
// order, a page deeper than windowRows among many matches).
func (t *txn) windowWalk(q store.Query) (cases []store.Case, ok bool, err error) {
	m := matchQuery(q)
	if m == "" {
		return nil, false, nil
	}
	// Few matches are looked up; many of one word are probed row by row.
	if mode, none, err := t.pageMode(q); err != nil || none || mode != probeSet {
		return nil, none, err
	}
	return t.windowPage(q, m)
}

// windowPage is windowWalk's page of q, whose search is m, whatever the
// number of matches.
func (t *txn) windowPage(q store.Query, m string) (cases []store.Case, ok bool, err error) {
	rest := q
	rest.Search = ""
	w, args := where(rest)
	want := q.Offset + pageSize(q)
	text := `SELECT c.id FROM cases c` + w + orderBy(q.Sort) + fmt.Sprintf(` LIMIT $%d OFFSET $%d`, len(args)+1, len(args)+2)
	with := func(more ...any) []any { return append(slices.Clip(args), more...) }
	if sorts, err := t.sortsRows(text, with(1, 0)); err != nil || sorts {
		return nil, false, err
	}
	var page []int64
	found, read := 0, 0
	for size := min(max(want*windowFirst, windowMin), windowRows); found < want; {
		ids, err := t.ids(text, with(size, read)...)
		if err != nil {
			return nil, false, err
		}
		read += len(ids)
		if len(ids) == 0 {
			break
		}
		lo, hi := slices.Min(ids), slices.Max(ids)
		matches, err := t.matchesBetween(m, lo, hi)
		if err != nil {
			return nil, false, err
		}
		for _, id := range ids {
			if _, in := slices.BinarySearch(matches, id); !in {
				continue
			}
			if found++; found > q.Offset {
				page = append(page, id)
			}
			if found == want {
				break
			}
		}
		if found == want || len(ids) < size {
			break // the page, or every case read
		}
		// How deep the page lies at the density met so far, and how many
		// matches there are if the ids read are like the others.
		deep := (want - found) * read / max(found, 1)
		if found == 0 {
			deep = windowRows + 1
		}
		top, err := t.maxID("cases")
		if err != nil {
			return nil, false, err
		}
		if few := int64(len(matches)) * top / (hi - lo + 1); few*lookupCost < int64(deep) {
			return t.sortedMatches(q)
		}
		if read+deep > windowRows {
			return nil, false, nil
		}
		size = min(windowRows-read, max(read, deep*3/2))
	}
	cases, err = t.casesByID(page, q.Sort)
	return cases, err == nil, err
}

// lookupCost is how many ids read in the queue's order cost as much as a
// match looked up by id and sorted (about 1.5 µs against 0.25).
const lookupCost = 6

// sortedMatches is the page of a query whose matches are looked up by id
// and sorted, their ids alone: a sort of the page's whole rows costs more.
// The search index drives (CROSS JOIN): SQLite would first gather the
// matches into a temporary b-tree to look them up (a day's 6,000 cases:
// 13 ms instead of 10).
func (t *txn) sortedMatches(q store.Query) ([]store.Case, bool, error) {
	m := matchQuery(q)
	if m == "" {
		return nil, false, nil
	}
	rest := q
	rest.Search = ""
	w, args := where(rest)
	args = append(args, m)
	text := `SELECT c.id FROM case_search s CROSS JOIN cases c ON c.id = s.rowid WHERE ` +
		fmt.Sprintf(`case_search MATCH $%d`, len(args))
	if w != "" {
		text += " AND " + strings.TrimPrefix(w, " WHERE ")
	}
	args = append(args, pageSize(q), q.Offset)
	ids, err := t.ids(text+orderBy(q.Sort)+fmt.Sprintf(` LIMIT $%d OFFSET $%d`, len(args)-1, len(args)), args...)
	if err != nil {
		return nil, false, err
	}
	cases, err := t.casesByID(ids, q.Sort)
	return cases, err == nil, err
}

// casesByID reads the cases of ids in the order asked for.
func (t *txn) casesByID(ids []int64, sort store.Sort) ([]store.Case, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	marks := make([]string, len(ids))
	args := make([]any, len(ids))
	for i, id := range ids {
		marks[i] = fmt.Sprintf("$%d", i+1)
		args[i] = id
	}
	return t.queryCases(`SELECT `+caseColumns+` FROM cases c WHERE c.id IN (`+strings.Join(marks, ",")+`)`+orderBy(sort), args...)
}

// ids runs a query of one integer column.
func (t *txn) ids(text string, args ...any) ([]int64, error) {
	rows, err := t.tx.QueryContext(t.ctx, text, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// matchesBetween are the ids from lo to hi of the cases that match an
// FTS5 expression, in order. They come as one text: reading tens of
// thousands of rows one by one costs more than the index's own work.
func (t *txn) matchesBetween(m string, lo, hi int64) ([]int64, error) {
	var list sql.NullString
	err := t.tx.QueryRowContext(t.ctx, `SELECT group_concat(rowid) FROM case_search
		WHERE case_search MATCH $1 AND rowid >= $2 AND rowid <= $3`, m, lo, hi).Scan(&list)
	if err != nil || !list.Valid {
		return nil, err
	}
	out := make([]int64, 0, strings.Count(list.String, ",")+1)
	for s := range strings.SplitSeq(list.String, ",") {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	slices.Sort(out) // the index gives them in order; nothing promises it
	return out, nil
}
