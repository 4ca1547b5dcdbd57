package sqlite

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"complaintdesk/store"
	"complaintdesk/store/search"
	"complaintdesk/store/storetest"
)

// TestWalkListsWhatTheIndexLists pins the walk (walkSearch: the cases read
// in the queue's order, each tested in Go) to the search index's answer
// (listByIndex): the same cases in the same order, for every kind of
// search, both scopes of personal data, every sort, a page further on and
// a tab; and the count of a number's prefix from the number index to the
// search index's count.
func TestWalkListsWhatTheIndexLists(t *testing.T) {
	ctx := context.Background()
	db := walkDesk(t)
	defer func(n int) { walkMinMatches = n }(walkMinMatches)
	walkMinMatches = 0 // a small desk: walk whatever matches

	walked := 0
	for _, q := range walkQueries() {
		var walk, index []store.Case
		var ok bool
		err := db.Read(ctx, func(tx store.Tx) error {
			var err error
			if walk, ok, err = tx.(*txn).walkSearch(q); err != nil {
				return err
			}
			index, err = tx.(*txn).listByIndex(q)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			continue
		}
		walked++
		if w, i := numbers(walk), numbers(index); !slices.Equal(w, i) {
			t.Errorf("%q (personal data %v, sort %d, tab %v, offset %d): walk %v, index %v", q.Search, q.SearchPII, q.Sort, q.Tab, q.Offset, w, i)
		}
	}
	if walked < 300 {
		t.Errorf("the walk answered %d of the queries: it is not what is tested", walked)
	}
	for _, text := range []string{"TS2026", "ts20261122", "TS20261122-01", "TS20261123", "TS", "退款", "退", "热", "ref", "5678", "re 退", "王"} {
		for _, limit := range []int{0, 5, 100, 1000} {
			q := store.Query{Search: text, SearchPII: true, CountCap: limit}
			var n, index int
			err := db.Read(ctx, func(tx store.Tx) error {
				var err error
				if n, err = tx.CountCases(q); err != nil {
					return err
				}
				index, err = tx.(*txn).countMatches(matchQuery(q), limit)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			if n != index {
				t.Errorf("count %q capped at %d: %d, the search index counts %d", text, limit, n, index)
			}
		}
	}
	// The narrower count is what answered those caps: not a test of the index against itself.
	err := db.Read(ctx, func(tx store.Tx) error {
		for _, text := range []string{"退", "ref", "re 退"} {
			n, err := tx.(*txn).countFloor(store.Query{Search: text, SearchPII: true}, 5)
			if err != nil {
				return err
			}
			if n != 5 {
				t.Errorf("the narrower count of %q is %d, not the cap", text, n)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func numbers(cases []store.Case) []string {
	var out []string
	for _, c := range cases {
		out = append(out, c.Number)
	}
	return out
}

// TestWalkLeavesFoldedTextToTheIndex: the index folds accents ("café" is
// found by "cafe"), which Match does not; a case with such a text makes
// the walk give way to the index, so the search still finds it. A masked
// role still finds a phone only whole, a name only whole.
func TestWalkLeavesFoldedTextToTheIndex(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "fold.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	storetest.Insert(t, db,
		storetest.Case("TS20261122-0001", func(c *store.Case) { c.Content = "Café crème 退款" }),
		storetest.Case("TS20261122-0002", func(c *store.Case) { c.Content = "cafe 退款" }),
		storetest.Case("TS20261122-0003", func(c *store.Case) {
			c.Content = "退款"
			c.Complainants = []store.Complainant{{Name: "王芳", Phone: "13812345678"}}
		}))
	for _, tc := range []struct {
		text string
		pii  bool
		want []string
	}{
		{"cafe", false, []string{"TS20261122-0001", "TS20261122-0002"}},
		{"café", true, []string{"TS20261122-0001", "TS20261122-0002"}},
		{"5678", false, nil},
		{"5678", true, []string{"TS20261122-0003"}},
		{"13812345678", false, []string{"TS20261122-0003"}},
		{"王", false, nil},
		{"王芳", false, []string{"TS20261122-0003"}},
		{"王", true, []string{"TS20261122-0003"}},
	} {
		got := storetest.List(t, db, store.Query{Search: tc.text, SearchPII: tc.pii, Sort: store.SortNumber})
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q (personal data %v) found %v, want %v", tc.text, tc.pii, got, tc.want)
		}
	}
}

// FuzzWalkMatch checks search.Query.Match and MayMatch against the real
// search index on one case: on a case whose texts are plain (PlainText)
// Match finds what the index finds, and MayMatch never refuses a case the
// index finds.
func FuzzWalkMatch(f *testing.F) {
	for _, s := range []struct {
		doc      string
		from, to int
	}{
		{"张三投诉快递延误三天，要求退款", 4, 8},
		{"王芳 13812345678 楼道灯坏了三天无人维修", 0, 2},
		{"TS20261122-0007 电热水器漏水", 0, 6},
		{"Charged twice for one order, refund please", 8, 13},
		{"无法加热，无法 加热", 0, 4},
		{"Ünïcödé café naïve 退款", 0, 7},
		{"ｆｕｌｌｗｉｄｔｈ１２３ 全角", 0, 12},
		{"ouyang@example.com", 0, 6},
	} {
		f.Add(s.doc, s.from, s.to)
	}
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { db.Close() })
	f.Fuzz(func(t *testing.T, doc string, from, to int) {
		rs := []rune(doc)
		from, to = clamp(from, len(rs)), clamp(to, len(rs))
		if from > to {
			from, to = to, from
		}
		part := string(rs[from:to])
		c := &store.Case{Number: "TS20261122-0007", Content: doc, Demand: part,
			Complainants: []store.Complainant{{Name: part, Phone: "13812345678", Email: doc, Org: "公司"}}}
		tokens := search.Case(c)
		tx, err := db.writer.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		if _, err := tx.ExecContext(ctx, `INSERT INTO case_search (rowid, tokens) VALUES (1, $1)`, tokens); err != nil {
			t.Fatalf("indexing %q: %v", doc, err)
		}
		texts := strings.Join([]string{c.Number, c.Content, c.Demand, c.Subject}, "\x00")
		people := strings.Join([]string{"公司", part, "13812345678", doc}, "\x00")
		plain := search.PlainText(texts) && search.PlainText(people)
		for _, typed := range []string{part, doc, "5678", "王芳"} {
			for _, scope := range []search.Scope{search.Masked, search.Full} {
				sq := search.Parse(typed, scope)
				if sq.Empty() {
					continue
				}
				var n int
				if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM case_search WHERE case_search MATCH $1`, sq.FTS5()).Scan(&n); err != nil {
					t.Fatal(err)
				}
				if !plain || !sq.Plain() {
					continue
				}
				if got := sq.Match(strings.Fields(tokens)); got != (n > 0) {
					t.Fatalf("%q in %q (scope %d): Match %v, the index %v (tokens %q)", typed, doc, scope, got, n > 0, tokens)
				}
				if n > 0 && !sq.MayMatch(texts, people) {
					t.Fatalf("%q in %q (scope %d): MayMatch refuses what the index finds", typed, doc, scope)
				}
			}
		}
	})
}

// walkDesk is a desk of 300 cases whose texts, names and phones mix the
// words searched for in walkQueries.
func walkDesk(t *testing.T) *DB {
	t.Helper()
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "walk.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	words := []string{"退款", "退货", "无法加热", "无法", "加热器坏了", "refund", "Refunded twice", "REF-2026", "订单 5678",
		"TS2026", "热水器", "please call", "一般投诉", "20261122", "王芳"}
	names := []string{"王芳", "王 芳", "李娜", "Refund Li", "张三"}
	r := rand.New(rand.NewPCG(1, 2))
	pick := func() string { return words[r.IntN(len(words))] + "，" + words[r.IntN(len(words))] }
	var cases []*store.Case
	for i := range 300 {
		day := storetest.Now.AddDate(0, 0, -r.IntN(3))
		cases = append(cases, storetest.Case(fmt.Sprintf("TS%s-%04d", day.Format("20060102"), i), func(c *store.Case) {
			c.Content, c.Demand, c.Subject = pick(), pick(), words[r.IntN(len(words))]
			c.ReceivedAt = day.Add(-time.Duration(r.IntN(1000)) * time.Minute)
			c.Grade = []string{"A", "B", "C"}[r.IntN(3)]
			if r.IntN(3) > 0 {
				c.NextDue = storetest.Now.Add(time.Duration(r.IntN(100)-50) * time.Hour)
			}
			if r.IntN(2) == 0 {
				c.Handler = "李娜"
			}
			c.Complainants = []store.Complainant{{Name: names[r.IntN(len(names))], Phone: fmt.Sprintf("138%08d", r.IntN(100000000)),
				Email: "user@example.com", Org: []string{"", "退款公司", "Ref Ltd"}[r.IntN(3)]}}
			if r.IntN(10) == 0 {
				c.Complainants[0].Phone = "138-1234-5678"
			}
		}))
	}
	storetest.Insert(t, db, cases...)
	return db
}

// walkQueries are every kind of search, in both scopes of personal data,
// every sort, the All and Mine tabs, a first page and a later one.
func walkQueries() []store.Query {
	var qs []store.Query
	for _, text := range []string{"退", "退款", "无法加热", "热水", "refund", "ref", "REFUND", "5678", "王芳", "王", "芳",
		"TS2026", "ts20261122", "TS20261122-00", "李娜 退款", "13812345678", "138-1234-5678", "please", "example", "nothing", "!!"} {
		for _, pii := range []bool{false, true} {
			for _, sort := range []store.Sort{store.SortDue, store.SortReceived, store.SortNumber, store.SortGrade} {
				for _, tab := range []store.Tab{store.TabAll, store.TabMine} {
					for _, offset := range []int{0, 7} {
						qs = append(qs, store.Query{Tab: tab, User: "李娜", Search: text, SearchPII: pii, Sort: sort, Limit: 10, Offset: offset,
							Now: storetest.Now, DayEnd: storetest.DayEnd})
					}
				}
			}
		}
	}
	return qs
}

// TestWindowListsWhatTheIndexLists pins windowWalk's page (the queue's
// ids read a window at a time, the index asked for its matches among
// them) and its sorted look-up of few matches to the search index's
// answer (listByIndex), for every query of walkQueries, with windows of
// the default size and of a few cases (many windows, and the look-up
// taken when the first holds too few matches).
func TestWindowListsWhatTheIndexLists(t *testing.T) {
	ctx := context.Background()
	db := walkDesk(t)
	defer func(f, m int) { windowFirst, windowMin = f, m }(windowFirst, windowMin)
	for _, size := range [][2]int{{windowFirst, windowMin}, {1, 1}, {2, 5}} {
		windowFirst, windowMin = size[0], size[1]
		windowed, looked := 0, 0
		for _, q := range walkQueries() {
			var window, sorted, index []store.Case
			var ok, sortedOK bool
			err := db.Read(ctx, func(tx store.Tx) error {
				var err error
				if m := matchQuery(q); m != "" {
					if window, ok, err = tx.(*txn).windowPage(q, m); err != nil {
						return err
					}
				}
				if sorted, sortedOK, err = tx.(*txn).sortedMatches(q); err != nil {
					return err
				}
				index, err = tx.(*txn).listByIndex(q)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			if sortedOK {
				looked++
			}
			if i, s := numbers(index), numbers(sorted); sortedOK && !slices.Equal(s, i) {
				t.Errorf("%q (personal data %v, sort %d, tab %v, offset %d): sorted look-up %v, index %v", q.Search, q.SearchPII, q.Sort, q.Tab, q.Offset, s, i)
			}
			if !ok {
				continue
			}
			windowed++
			if w, i := numbers(window), numbers(index); !slices.Equal(w, i) {
				t.Errorf("windows of %v: %q (personal data %v, sort %d, tab %v, offset %d): window %v, index %v", size, q.Search, q.SearchPII, q.Sort, q.Tab, q.Offset, w, i)
			}
		}
		if windowed < 300 || looked < 300 {
			t.Errorf("windows of %v answered %d of the queries, the sorted look-up %d: it is not what is tested", size, windowed, looked)
		}
	}
}
