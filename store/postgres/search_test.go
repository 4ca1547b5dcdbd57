package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"complaintdesk/internal/demo"
	"complaintdesk/internal/desk"
	"complaintdesk/internal/report"
	"complaintdesk/store"
	"complaintdesk/store/search"
	"complaintdesk/store/sqlite"
)

var demoNow = time.Date(2026, 11, 20, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))

// fillDemo makes n demo cases (seed 7) on st, as `desk demo` does, and
// returns the desk on st.
func fillDemo(t testing.TB, st store.Store, n int) *desk.Desk {
	t.Helper()
	ctx := context.Background()
	d, err := desk.Open(ctx, st, desk.Options{By: "test"})
	if err != nil {
		t.Fatal(err)
	}
	d.Now = func() time.Time { return demoNow }
	if _, err := demo.Generate(ctx, d, desk.Actor{Name: "admin", Role: "admin"}, demo.Options{Count: n, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	return d
}

// searchQueries are what people type into the queue's search: Chinese
// words and phrases, one character, phone fragments and whole numbers,
// case numbers, names, English words, several words, punctuation.
var searchQueries = []string{
	"退款", "快递延误", "延误", "退", "电饭煲", "空调维修", "态度恶劣", "发票", "客户来电反映",
	"5678", "138", "0093", "1390000", "20261103-7781", "TS2026", "ts20261119", "0001",
	"王", "张伟", "李", "refund", "REF", "order 55120", "mb-fb40", "退款 138", "退款 王", "维修 空调",
	"!!!", `"`, "* -", "NEAR(退款 态度)", "  ",
}

// The same cases give the same search results on PostgreSQL as on
// SQLite: every query, in both scopes, in a tab and with a filter, in the
// same order.
func TestSearchFindsWhatSQLiteFinds(t *testing.T) {
	pg := testOpen(t)
	lite, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "desk.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	const n = 1500
	dpg, dlite := fillDemo(t, pg, n), fillDemo(t, lite, n)
	sameReports(t, dpg, dlite)
	list := func(st store.Store, q store.Query) ([]string, int) {
		var out []string
		var count int
		err := st.Read(context.Background(), func(tx store.Tx) error {
			cs, err := tx.ListCases(q)
			if err != nil {
				return err
			}
			for _, c := range cs {
				out = append(out, c.Number)
			}
			count, err = tx.CountCases(q)
			return err
		})
		if err != nil {
			t.Fatalf("%+v: %v", q, err)
		}
		return out, count
	}
	// the phones and names of a few demo cases, whole and in parts
	var extra []string
	err = lite.Read(context.Background(), func(tx store.Tx) error {
		cs, err := tx.ListCases(store.Query{Limit: 3, Sort: store.SortNumber})
		for _, c := range cs {
			p := c.Primary()
			extra = append(extra, p.Phone, p.Phone[len(p.Phone)-4:], p.Name, c.Number)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	matched := 0
	for _, text := range append(slices.Clone(searchQueries), extra...) {
		for _, q := range []store.Query{
			{Search: text, SearchPII: true, Limit: 2000},
			{Search: text, Limit: 2000},
			{Search: text, SearchPII: true, Tab: store.TabOverdue, Now: demoNow, Limit: 2000},
			{Search: text, Grade: "B", Sort: store.SortReceived, Limit: 30},
		} {
			want, wantN := list(lite, q)
			got, gotN := list(pg, q)
			if !slices.Equal(got, want) || gotN != wantN {
				t.Errorf("search %q (PII %v, tab %d, grade %q): PostgreSQL %d cases %v, SQLite %d %v",
					text, q.SearchPII, q.Tab, q.Grade, gotN, head(got), wantN, head(want))
			}
			if wantN > 0 {
				matched++
			}
		}
	}
	if matched < len(searchQueries) {
		t.Errorf("only %d searches matched anything: the demo's texts changed?", matched)
	}
}

// sameReports compares what the desk reads through ReportTx and
// HandlingTx on both stores: the month's statistics, the dashboard, the
// tab counts, the alerts and the history check.
func sameReports(t *testing.T, pg, lite *desk.Desk) {
	t.Helper()
	ctx := context.Background()
	admin := desk.Actor{Name: "admin", Role: "admin"}
	for _, f := range []struct {
		what string
		read func(d *desk.Desk) (any, error)
	}{
		{"monthly report", func(d *desk.Desk) (any, error) {
			return d.MonthlyReport(ctx, admin, report.MonthOf(demoNow.AddDate(0, -1, 0), d.Location()))
		}},
		{"dashboard", func(d *desk.Desk) (any, error) { return d.Dashboard(ctx, admin, demoNow) }},
		{"tab counts", func(d *desk.Desk) (any, error) {
			return d.TabCounts(ctx, admin, []store.Tab{store.TabAll, store.TabUnassigned, store.TabDueToday, store.TabOverdue, store.TabRevisit}, demoNow, 10000)
		}},
		{"alerts", func(d *desk.Desk) (any, error) { return d.Alerts(ctx, admin, demoNow, 20) }},
		{"history check", func(d *desk.Desk) (any, error) {
			n, br, err := d.CheckHistory(ctx)
			return fmt.Sprint(n, br), err
		}},
	} {
		a, err := f.read(pg)
		if err != nil {
			t.Fatalf("%s on PostgreSQL: %v", f.what, err)
		}
		b, err := f.read(lite)
		if err != nil {
			t.Fatalf("%s on SQLite: %v", f.what, err)
		}
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if string(ja) != string(jb) {
			i := 0
			for i < len(ja) && i < len(jb) && ja[i] == jb[i] {
				i++
			}
			from := max(i-200, 0)
			t.Errorf("%s differs from byte %d:\nPostgreSQL …%.400s\nSQLite     …%.400s", f.what, i, ja[from:], jb[from:])
		}
	}
}

func head(s []string) []string { return s[:min(len(s), 5)] }

// BenchmarkSearch100k compares, on 100,000 demo cases, the GIN index over
// the token arrays (what the store uses) with a trigram index over the
// token text, for the queue's first page and its capped count of each
// search. Run it by hand (it fills a schema it keeps, which takes a few
// minutes the first time):
//
//	DESK_PG_BENCH=1 .ci/postgres.sh go test ./store/postgres -run '^$' -bench Search100k -benchtime 20x
func BenchmarkSearch100k(b *testing.B) {
	if os.Getenv("DESK_PG_BENCH") == "" {
		b.Skip("set DESK_PG_BENCH=1 (and DESK_TEST_PG) to fill and measure 100,000 cases")
	}
	n := 100000
	if v, err := strconv.Atoi(os.Getenv("DESK_PG_BENCH")); err == nil && v > 1 {
		n = v
	}
	db, ctx := benchDB(b, n), context.Background()
	if _, err := db.pool.Exec(ctx, `CREATE EXTENSION IF NOT EXISTS pg_trgm`); err != nil {
		b.Fatal(err)
	}
	if _, err := db.pool.Exec(ctx, `CREATE INDEX IF NOT EXISTS case_search_trgm ON case_search USING gin (tokens gin_trgm_ops)`); err != nil {
		b.Fatal(err)
	}
	if _, err := db.pool.Exec(ctx, `ANALYZE`); err != nil {
		b.Fatal(err)
	}
	var size [2]string
	if err := db.pool.QueryRow(ctx, `SELECT pg_size_pretty(pg_relation_size('case_search_terms')), pg_size_pretty(pg_relation_size('case_search_trgm'))`).Scan(&size[0], &size[1]); err != nil {
		b.Fatal(err)
	}
	b.Logf("%d cases; index sizes: GIN over terms %s, trigram %s", n, size[0], size[1])
	for _, kind := range []string{"gin", "trgm"} {
		for _, text := range []string{"退款", "快递延误", "退", "5678", "13912", "TS20261119", "发票", "张伟", "refund", "退款 138"} {
			q := store.Query{Search: text, SearchPII: true, Limit: 50, CountCap: 10000}
			b.Run(kind+"/"+text, func(b *testing.B) {
				tx, err := db.pool.Begin(ctx)
				if err != nil {
					b.Fatal(err)
				}
				defer tx.Rollback(ctx)
				// Each index measured alone: the other is dropped in the
				// transaction (and put back by the rollback).
				drop := map[string]string{"gin": "case_search_trgm", "trgm": "case_search_terms"}[kind]
				if _, err := tx.Exec(ctx, `DROP INDEX `+drop); err != nil {
					b.Fatal(err)
				}
				t := &txn{ctx: ctx, tx: tx, readOnly: true}
				if kind == "trgm" {
					t.term = trgmTerm
				}
				for b.Loop() {
					if _, err = t.ListCases(q); err == nil {
						_, err = t.CountCases(q)
					}
					if err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// benchDB opens the schema desk_bench_N of DESK_TEST_PG, filled with N
// demo cases the first time and kept for the next run.
func benchDB(b *testing.B, n int) *DB {
	base := os.Getenv("DESK_TEST_PG")
	if base == "" {
		b.Skip("DESK_TEST_PG is not set")
	}
	u, err := url.Parse(base)
	if err != nil {
		b.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", fmt.Sprintf("desk_bench_%d", n))
	u.RawQuery = q.Encode()
	ctx := context.Background()
	admin, err := Open(ctx, base)
	if err != nil {
		b.Fatal(err)
	}
	_, err = admin.pool.Exec(ctx, fmt.Sprintf(`CREATE SCHEMA IF NOT EXISTS desk_bench_%d`, n))
	admin.Close()
	if err != nil {
		b.Fatal(err)
	}
	db, err := Open(ctx, u.String())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	var have int
	if err := db.pool.QueryRow(ctx, `SELECT count(*) FROM cases`).Scan(&have); err != nil {
		b.Fatal(err)
	}
	if have == 0 {
		fillDemo(b, db, n)
	} else if have != n {
		b.Fatalf("desk_bench_%d has %d cases: drop the schema", n, have)
	}
	return db
}

// trgmTerm is a term matched by LIKE patterns over the token text alone
// (what a trigram index answers).
func trgmTerm(alts []search.Alt, a *args) string {
	var likes []string
	for _, alt := range alts {
		likes = append(likes, `s.tokens LIKE `+a.add(phrasePattern(alt)))
	}
	if len(likes) == 1 {
		return likes[0]
	}
	return "(" + strings.Join(likes, " OR ") + ")"
}
