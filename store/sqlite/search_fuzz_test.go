package sqlite

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"complaintdesk/store"
	"complaintdesk/store/search"
)

// FuzzMatchQuery checks the search-query builder against the real search
// index (the case_search table of the migrations, its tokenizer included):
//
//   - whatever is typed, the query is valid FTS5 (typed quotes, AND, NEAR,
//     column filters or stars are text, never syntax), and "" only when
//     nothing searchable was typed;
//   - a part of an indexed text finds it, as far as the tokens promise
//     (tokens.go): any part of Chinese text, a word by its beginning, any
//     part of a number from its first 24 digits on.
//
// Plain go test runs the seeds; go test -fuzz=FuzzMatchQuery ./store/sqlite
// looks for more.
func FuzzMatchQuery(f *testing.F) {
	for _, s := range []struct {
		doc      string
		from, to int
	}{
		{"张三投诉快递延误三天，要求退款", 4, 8},
		{"张三 13812345678 楼道灯坏了三天无人维修", 9, 13},
		{"TS20261122-0007 电热水器漏水", 0, 15},
		{"Charged twice for one order, refund please", 8, 13},
		{"欧阳娜娜 ouyang@example.com 北京市朝阳区", 5, 11},
		{`退款" OR "a" NEAR(b c) tokens:x* ^投诉 -延误 AND NOT`, 0, 40},
		{"Ünïcödé café naïve 退款", 0, 7},
		{"12345678901234567890123456789012345 尾号", 27, 33},
		{"ｆｕｌｌｗｉｄｔｈ１２３ 全角", 0, 12},
		{"a\x00b\x1b[2J\u202e退款", 0, 9},
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
		doc = strings.ToLower(doc) // as indexed and searched
		if !utf8.ValidString(doc) || strings.ToLower(doc) != doc {
			t.Skip() // positions below are in the lower-cased text
		}
		rs := []rune(doc)
		from, to = clamp(from, len(rs)), clamp(to, len(rs))
		if from > to {
			from, to = to, from
		}
		part := string(rs[from:to])

		tx, err := db.writer.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback() // nothing is kept, nothing is synced
		if _, err := tx.ExecContext(ctx, `INSERT INTO case_search (rowid, tokens) VALUES (1, $1)`, search.Public(doc)); err != nil {
			t.Fatalf("indexing %q: %v", doc, err)
		}
		found := func(typed string) bool {
			m := matchQuery(store.Query{Search: typed, SearchPII: true})
			if m == "" {
				if !search.Parse(typed, search.Full).Empty() {
					t.Fatalf("matchQuery(%q) is empty although it has something searchable", typed)
				}
				return false
			}
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM case_search WHERE case_search MATCH $1`, m).Scan(&n); err != nil {
				t.Fatalf("typed %q: the query %s is not valid FTS5: %v", typed, m, err)
			}
			return n > 0
		}
		found(doc)
		if !found(part) && promised(rs, from, to) {
			t.Fatalf("%q (%s) does not find %q (indexed as %q)", part, matchQuery(store.Query{Search: part, SearchPII: true}), doc, search.Public(doc))
		}
	})
}

func clamp(i, n int) int {
	if i < 0 {
		i = -i
	}
	if n == 0 {
		return 0
	}
	return i % (n + 1)
}

// promised says whether the part rs[from:to] of an indexed text must find
// it: it has something searchable, and its first run of letters or digits
// starts where the index has a token for it.
func promised(rs []rune, from, to int) bool {
	start := -1 // where the part's first searchable character is
	for i := from; i < to; i++ {
		if search.Class(rs[i]) != 0 {
			start = i
			break
		}
	}
	if start < 0 {
		return false
	}
	class := search.Class(rs[start])
	runStart, runEnd := start, start
	for runStart > 0 && search.Class(rs[runStart-1]) == class {
		runStart--
	}
	for runEnd < len(rs) && search.Class(rs[runEnd]) == class {
		runEnd++
	}
	k, n := start-runStart, runEnd-runStart
	switch class {
	case search.ClassCJK:
		return true // bigrams of every position, and the last character alone
	case search.ClassDigit:
		return k == 0 || (k < n-1 && k < search.MaxDigitSuffixes) // suffixes of two digits or more
	default:
		return k == 0 // a word by its beginning
	}
}
