package queue

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"complaintdesk/internal/demo"
	"complaintdesk/internal/desk"
	"complaintdesk/internal/storeurl"
	"complaintdesk/store"
	"complaintdesk/store/postgres"
	"complaintdesk/store/sqlite"
	"complaintdesk/ui/common"
	"complaintdesk/ui/uitest"
)

// BenchmarkView draws the queue at 120×40 with a full page of Chinese rows:
// what runs every second (the countdown tick) and after every key.
func BenchmarkView(b *testing.B) {
	d, a := uitest.Desk(b)
	if _, err := demo.Fill(context.Background(), d, a, 120, 7); err != nil {
		b.Fatal(err)
	}
	c := uitest.Common(d, a, "zh", 120, 40)
	m := New(c)
	m.SetSize(120, 37)
	uitest.Run(m.Init(), func(msg tea.Msg) tea.Cmd { _, next := m.Update(msg); return next })
	if len(m.rows) < 30 {
		b.Fatalf("only %d rows loaded", len(m.rows))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = m.View()
	}
}

// BenchmarkViewEveryRow is the queue's full redraw at 120×40: the clock
// moves a second and every row is drawn again, as when every countdown on
// screen changes (the seconds of a case due within the hour do, and a
// new page of rows, a resize or a change of styles redraws them all).
func BenchmarkViewEveryRow(b *testing.B) {
	d, a := uitest.Desk(b)
	if _, err := demo.Fill(context.Background(), d, a, 120, 7); err != nil {
		b.Fatal(err)
	}
	c := uitest.Common(d, a, "zh", 120, 40)
	m := New(c)
	m.SetSize(120, 37)
	uitest.Run(m.Init(), func(msg tea.Msg) tea.Cmd { _, next := m.Update(msg); return next })
	if len(m.rows) < 30 {
		b.Fatalf("only %d rows loaded", len(m.rows))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.Now = c.Now.Add(time.Second)
		for r := range m.rows {
			m.rows[r].drawnAs = drawKey{} // drawn again, as if its countdown changed
		}
		_ = m.View()
	}
}

// bigDesk opens $DESK_BENCH_DB, a big database: a SQLite file (the one
// scripts/bench-1m.sh makes with desk demo, histories and all, or else the
// one the store benchmarks build: go test ./store/sqlite -run '^$' -bench
// Queue1M makes it), or a PostgreSQL URL (scripts/bench-pg.sh copies a
// demo desk there), so the two stores are measured by the same code.
func bigDesk(b *testing.B) (*desk.Desk, desk.Actor) {
	d, _, a := bigStore(b)
	return d, a
}

// bigStore is bigDesk with its store.
func bigStore(b *testing.B) (*desk.Desk, store.Store, desk.Actor) {
	dsn := os.Getenv("DESK_BENCH_DB")
	if dsn == "" {
		dsn = filepath.Join(os.TempDir(), "complaintdesk-bench-1m-v2.db")
	}
	ctx := context.Background()
	var db store.Store
	var err error
	if storeurl.KindOf(dsn) == storeurl.Postgres {
		db, err = postgres.Open(ctx, dsn)
	} else {
		if _, err := os.Stat(dsn); err != nil {
			b.Skipf("no million-case database at %s: run go test ./store/sqlite -run '^$' -bench Queue1M first", dsn)
		}
		db, err = sqlite.Open(ctx, dsn)
	}
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	d, err := desk.Open(ctx, db, desk.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return d, db, desk.Actor{Name: "bench-agent", Role: "agent"}
}

// searchKinds are the kinds of search a person types, with a term of each
// that the million-case database holds; number is a case number of it.
func searchKinds(number string) []struct{ name, text string } {
	return []struct{ name, text string }{
		{"number", number},
		{"number-day-prefix", number[:10]}, // TS20260315: one day's cases
		{"number-year-prefix", number[:6]}, // TS2026: every case of the year
		{"name", "王芳"},
		{"phone-4", "5678"},
		{"chinese-1", "退"},
		{"chinese-2", "退款"},
		{"phrase", "无法加热"},
		{"english", "refund"},
		{"english-prefix", "ref"},
	}
}

// BenchmarkFilterKeystroke1M is the last key of a search to the frame
// that shows its results, on the real path with a million cases: the key,
// the pause after it (searchPause, adapted to what the last query cost),
// the query, the page and the frame. ns/op and p50-ms/p99-ms are that
// whole; query-ms is the read alone, pause-ms the pause. The desk's read
// cache is defeated by moving its clock a minute each time (a person's
// search is a new question). DESK_BENCH_DB names the database (see bigDesk).
func BenchmarkFilterKeystroke1M(b *testing.B) {
	d, a := bigDesk(b)
	base := time.Now()
	var minute atomic.Int64
	d.Now = func() time.Time { return base.Add(time.Duration(minute.Load()) * time.Minute) }
	first, err := d.Queue(context.Background(), a, store.Query{Tab: store.TabAll, Sort: store.SortReceived, Limit: 1, Now: d.Now()})
	if err != nil || len(first.Cases) == 0 {
		b.Fatalf("no case to search for: %v", err)
	}
	for _, tc := range searchKinds(first.Cases[0].Number) {
		b.Run(tc.name, func(b *testing.B) {
			c := uitest.Common(d, a, "zh", 120, 40)
			m := New(c)
			m.SetSize(120, 37)
			update := func(msg tea.Msg) tea.Cmd { _, next := m.Update(msg); return next }
			uitest.Run(m.Init(), update)
			m.Update(tea.KeyPressMsg{Code: '/', Text: "/"})
			runes := []rune(tc.text)
			last := runes[len(runes)-1]
			var took, pause time.Duration
			key := func() {
				minute.Add(1)
				// All but the last character are typed; the measured key completes the query.
				m.input.SetValue(string(runes[:len(runes)-1]))
				m.input.CursorEnd()
				m.filter.Search = ""
				pause += m.searchPause()
				_, cmd := m.Update(tea.KeyPressMsg{Code: last, Text: string(last)})
				uitest.RunUntil(cmd, update, func(msg tea.Msg) bool {
					ans, ok := msg.(common.Answer)
					if !ok {
						return false
					}
					page, ok := ans.Msg.(pageMsg)
					if ok && page.search == tc.text {
						took += page.took
					}
					return ok && page.search == tc.text
				})
				if m.filter.Search != tc.text || m.total == 0 || m.err != nil {
					b.Fatalf("search %q found %d (%v)", m.filter.Search, m.total, m.err)
				}
				_ = m.View()
			}
			key() // the database's pages in memory, the pause adapted
			took, pause = 0, 0
			times := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				key()
				times = append(times, time.Since(start))
			}
			b.StopTimer()
			reportTimes(b, times)
			b.ReportMetric(float64(took.Microseconds())/1000/float64(b.N), "query-ms")
			b.ReportMetric(float64(pause.Microseconds())/1000/float64(b.N), "pause-ms")
			b.ReportMetric(float64(m.total), "matches")
		})
	}
}

// reportTimes reports the median and the 99th percentile of times in ms.
func reportTimes(b *testing.B, times []time.Duration) {
	slices.Sort(times)
	at := func(q float64) float64 {
		return float64(times[min(len(times)-1, int(q*float64(len(times))))].Microseconds()) / 1000
	}
	b.ReportMetric(at(0.5), "p50-ms")
	b.ReportMetric(at(0.99), "p99-ms")
}

// BenchmarkSearchQuery1M is the store's part of a search, per kind of
// query, as the queue asks it (tab All, nearest deadline first): list-ms
// the first page (ListCases, 80 rows), count-ms the count capped at
// countCap (CountCases). The query itself lives in store/sqlite.
func BenchmarkSearchQuery1M(b *testing.B) {
	d, db, a := bigStore(b)
	ctx := context.Background()
	now := d.Now()
	first, err := d.Queue(ctx, a, store.Query{Tab: store.TabAll, Sort: store.SortReceived, Limit: 1, Now: now})
	if err != nil || len(first.Cases) == 0 {
		b.Fatalf("no case to search for: %v", err)
	}
	for _, tc := range searchKinds(first.Cases[0].Number) {
		b.Run(tc.name, func(b *testing.B) {
			q := store.Query{Tab: store.TabAll, Now: now, DayEnd: d.DayEnd(now), Search: tc.text, SearchPII: true,
				Limit: 80, CountCap: countCap}
			var list, count time.Duration
			var n int
			for i := 0; i < b.N; i++ {
				err := db.Read(ctx, func(tx store.Tx) error {
					start := time.Now()
					if _, err := tx.ListCases(q); err != nil {
						return err
					}
					mid := time.Now()
					var err error
					n, err = tx.CountCases(q)
					list, count = list+mid.Sub(start), count+time.Since(mid)
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(list.Microseconds())/1000/float64(b.N), "list-ms")
			b.ReportMetric(float64(count.Microseconds())/1000/float64(b.N), "count-ms")
			b.ReportMetric(float64(n), "matches")
		})
	}
}

// BenchmarkFirstPage1M is the store's part of opening the queue: "page"
// the first page of the All tab, nearest deadline first (ListCases, 80
// rows) with its count capped at countCap, "tabs" the count of every tab
// (what TabCounts asks, without the desk's read cache).
func BenchmarkFirstPage1M(b *testing.B) {
	d, db, a := bigStore(b)
	ctx := context.Background()
	now := d.Now()
	b.Run("page", func(b *testing.B) {
		q := store.Query{Tab: store.TabAll, Now: now, DayEnd: d.DayEnd(now), Limit: 80, CountCap: countCap}
		var rows int
		for i := 0; i < b.N; i++ {
			err := db.Read(ctx, func(tx store.Tx) error {
				cs, err := tx.ListCases(q)
				rows = len(cs)
				if err != nil {
					return err
				}
				_, err = tx.CountCases(q)
				return err
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(rows), "rows")
	})
	b.Run("tabs", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			err := db.Read(ctx, func(tx store.Tx) error {
				for _, t := range tabs {
					q := store.Query{Tab: t, User: a.Name, Now: now, DayEnd: d.DayEnd(now), CountCap: countCap}
					if _, err := tx.CountCases(q); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkRegister1M registers cases on the big database through
// desk.Register (a durable commit each), one after another: p50-ms and
// p99-ms per registration. It adds b.N cases to DESK_BENCH_DB, so it runs
// after the read benchmarks.
func BenchmarkRegister1M(b *testing.B) {
	d, a := bigDesk(b)
	ctx := context.Background()
	// The same complaints on every store and run: two copies of a desk
	// stay the same desk after registering on both (keys stay unique).
	r := rand.New(rand.NewPCG(1, 1))
	run := strconv.FormatInt(time.Now().UnixNano(), 36)
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t := demo.Complaints[r.IntN(len(demo.Complaints))]
		start := time.Now()
		_, existed, err := d.Register(ctx, a, desk.Registration{
			Channel: "phone", Nature: "complaint", Grade: "B",
			Name: demo.Name(r), Phone: demo.Mobile(r),
			Content: t.Content, Demand: t.Demand, Subject: t.Subject,
			IdemKey: run + "-" + strconv.Itoa(i),
		})
		times = append(times, time.Since(start))
		if err != nil || existed {
			b.Fatalf("registration %d: existed %v, %v", i, existed, err)
		}
	}
	b.StopTimer()
	reportTimes(b, times)
}
