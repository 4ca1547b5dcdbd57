package sqlite

// Benchmarks of the store at the size of a busy desk after a few years:
// registering a case (a durable commit), the first page and the counts of the
// queue tabs, and text search, over 1,000,000 cases.
//
//	go test ./store/sqlite -run '^$' -bench 'Queue1M|Count1M' -benchtime 20x -timeout 60m
//	go test ./store/sqlite -run '^$' -bench Register -benchtime 2000x -timeout 60m
//
// The big database is made once, in bulk, and kept in os.TempDir() (see
// benchDBPath) so later runs reuse it; it is made only when a benchmark that
// needs it runs, never by `go test ./...`. DESK_BENCH_CASES sets another
// size (e.g. 100000 for a quick run); DESK_BENCH_DB another file.
// docs/benchmarks.md has the results and the machine they ran on.

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"complaintdesk/internal/complaint"
	"complaintdesk/internal/deadline"
	"complaintdesk/internal/demo"
	"complaintdesk/internal/desk"
	"complaintdesk/store"
)

// benchDataVersion names the generator: change it when the generated data
// changes, so a cached file of the old shape is not reused.
const benchDataVersion = 2

// benchNow is "now" for the generated data and the queue queries, fixed so
// the data and the results do not depend on the day the file was made.
var benchNow = time.Date(2026, 11, 20, 10, 30, 0, 0, time.FixedZone("CST", 8*3600))

// benchUser is the handler whose "Mine" tab is measured.
const benchUser = "李娜"

func benchCases() int {
	if s := os.Getenv("DESK_BENCH_CASES"); s != "" {
		n, err := strconv.Atoi(s)
		if err == nil && n > 0 {
			return n
		}
	}
	return 1_000_000
}

func benchDBPath() string {
	if p := os.Getenv("DESK_BENCH_DB"); p != "" {
		return p
	}
	n := benchCases()
	size := strconv.Itoa(n)
	if n%1_000_000 == 0 {
		size = strconv.Itoa(n/1_000_000) + "m"
	} else if n%1000 == 0 {
		size = strconv.Itoa(n/1000) + "k"
	}
	return filepath.Join(os.TempDir(), fmt.Sprintf("complaintdesk-bench-%s-v%d.db", size, benchDataVersion))
}

var (
	benchOnce sync.Once
	benchDB   *DB
	benchErr  error
)

// benchBig opens the big database, making it first if it is not cached.
func benchBig(b *testing.B) *DB {
	b.Helper()
	benchOnce.Do(func() {
		path := benchDBPath()
		if _, err := os.Stat(path); err != nil {
			start := time.Now()
			if benchErr = benchGenerate(path, benchCases()); benchErr != nil {
				return
			}
			fmt.Fprintf(os.Stderr, "bench: made %s (%d cases) in %s\n", path, benchCases(), time.Since(start).Round(time.Second))
		}
		benchDB, benchErr = Open(context.Background(), path)
		if benchErr == nil {
			benchLogPlans(benchDB)
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchDB
}

// benchGenerate makes a database of n cases spread over the 700 days before
// benchNow, through Tx.InsertCase in transactions of 10,000, into path+".tmp"
// renamed to path when complete. Cases older than two weeks are mostly
// closed and revisited; some are stuck open or wait for their revisit
// (overdue); recent ones are at every stage. Derived due fields come from
// the default policy's clocks, as the desk computes them.
func benchGenerate(path string, n int) error {
	ctx := context.Background()
	tmp := path + ".tmp"
	for _, p := range []string{tmp, tmp + "-wal", tmp + "-shm"} {
		os.Remove(p)
	}
	db, err := Open(ctx, tmp)
	if err != nil {
		return err
	}
	closed := false
	defer func() {
		if !closed {
			db.Close()
		}
	}()
	d, err := desk.Open(ctx, db, desk.Options{By: "bench"})
	if err != nil {
		return err
	}
	d.Now = func() time.Time { return benchNow }
	g := newBenchGen(d, n)
	const batch = 10_000
	start := time.Now()
	for done := 0; done < n; {
		m := min(batch, n-done)
		err := db.Write(ctx, func(tx store.Tx) error {
			// Numbers first: NextCaseSeq's upsert opens a statement
			// savepoint, which makes FTS5 flush its pending tokens; after
			// the inserts it would write one tiny segment per case.
			cases := make([]*store.Case, m)
			for i := range cases {
				c := g.next(done + i)
				seq, err := tx.NextCaseSeq(complaint.NumberDay(c.ReceivedAt))
				if err != nil {
					return err
				}
				c.Number = complaint.Number(c.ReceivedAt, seq)
				cases[i] = c
			}
			for _, c := range cases {
				if err := tx.InsertCase(c); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		done += m
		if done%100_000 == 0 || done == n {
			fmt.Fprintf(os.Stderr, "bench: %d/%d cases, %s\n", done, n, time.Since(start).Round(time.Second))
		}
	}
	// Leave the search index as a desk's background merging keeps it.
	for {
		worked, err := db.mergeSearch(ctx, 4096)
		if err != nil {
			return err
		}
		if !worked {
			break
		}
	}
	if _, err := db.writer.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return err
	}
	closed = true
	if err := db.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

type benchGen struct {
	d        *desk.Desk
	r        *rand.Rand
	n        int
	first    time.Time
	step     time.Duration
	handlers []string
	loc      *time.Location
}

func newBenchGen(d *desk.Desk, n int) *benchGen {
	r := rand.New(rand.NewPCG(20261120, 42))
	g := &benchGen{d: d, r: r, n: n, loc: d.Location()}
	span := 700 * 24 * time.Hour
	g.first = benchNow.Add(-span)
	g.step = span / time.Duration(n)
	g.handlers = []string{benchUser, "王强", "zhangwei", "陈静", "刘洋"}
	for len(g.handlers) < 40 {
		g.handlers = append(g.handlers, demo.Name(r))
	}
	return g
}

var benchChannels = []struct {
	id     string
	weight int
}{{"phone", 50}, {"web", 15}, {"email", 10}, {"social", 10}, {"walk-in", 8}, {"letter", 4}, {"other", 3}}

var benchOpenings = []string{"", "", "客户来电反映：", "客户在线留言称：", "用户投诉：", "客户反映，", "来函称："}

func (g *benchGen) pick() string {
	x := g.r.IntN(100)
	for _, c := range benchChannels {
		if x < c.weight {
			return c.id
		}
		x -= c.weight
	}
	return "phone"
}

// next makes case i (in order of receipt) with its life so far.
func (g *benchGen) next(i int) *store.Case {
	r, p := g.r, g.d.Policy()
	received := g.first.Add(time.Duration(i)*g.step + time.Duration(r.Int64N(int64(g.step)))).In(g.loc)
	tmpl := demo.Complaints[r.IntN(len(demo.Complaints))]
	category := tmpl.Category
	if p.Category(category) == nil {
		category = ""
	}
	grade, nature := "C", "complaint"
	switch x := r.IntN(100); {
	case x < 2:
		grade = "A"
	case x < 17:
		grade = "B"
	case x < 27:
		grade, nature = "D", "inquiry"
	}
	content := benchOpenings[r.IntN(len(benchOpenings))] + tmpl.Content
	subject := tmpl.Subject
	if r.IntN(3) == 0 {
		subject = strings.TrimSpace(subject + fmt.Sprintf(" 订单 %s-%04d", received.Format("20060102"), r.IntN(10000)))
	}
	cp := store.Complainant{Name: demo.Name(r), Phone: demo.Mobile(r)}
	if r.IntN(10) == 0 {
		cp.Email = fmt.Sprintf("user%d@example.com", r.IntN(1_000_000))
	}
	registered := received.Add(time.Duration(r.IntN(15)) * time.Minute)
	if registered.After(benchNow) {
		registered = benchNow
	}
	c := &store.Case{
		Version: 1, ReceivedAt: received, RegisteredAt: registered, UpdatedAt: registered,
		CreatedBy: g.handlers[r.IntN(len(g.handlers))],
		Channel:   g.pick(), Nature: nature, Category: category, Grade: grade,
		Status:  "registered",
		Content: content, Demand: tmpl.Demand, Subject: subject, CollectiveSize: 1,
		Complainants: []store.Complainant{cp},
	}

	// How far its life went: old cases are mostly done.
	age := benchNow.Sub(received)
	stage := r.IntN(7) // registered, acknowledged, assigned, resolved, closed, revisited (5, 6)
	if age > 14*24*time.Hour {
		switch x := r.IntN(100); {
		case x < 95:
			stage = 6
		case x < 97:
			stage = 4 // closed, revisit overdue
		default:
			stage = 1 + r.IntN(3) // stuck open, overdue
		}
	}
	events := []store.Event{{Action: "register", At: registered}}
	at := registered
	step := func(action string, min, max time.Duration) bool {
		next := at.Add(min + time.Duration(r.Int64N(int64(max-min))))
		if next.After(benchNow) {
			return false
		}
		at = next
		events = append(events, store.Event{Action: action, At: at})
		return true
	}
	if stage >= 1 && step("acknowledge", 10*time.Minute, 20*time.Hour) {
		c.Status, c.AcknowledgedAt = "acknowledged", at
		c.ExpectedBy = at.Add(48 * time.Hour)
		if stage >= 2 && step("assign", 10*time.Minute, 24*time.Hour) {
			c.Status = "investigating"
			c.Handler, c.Department = g.handlers[r.IntN(len(g.handlers))], "客户服务部"
			if stage >= 3 && step("resolve", 2*time.Hour, 4*24*time.Hour) {
				c.Status, c.ResolvedAt = "resolved", at
				if c.Category == "" {
					c.Category = p.Categories[0].ID
				}
				c.Resolution = "已为客户办理退款/更换"
				c.Reply = "您好，您反映的问题已核实处理，给您带来不便深表歉意。"
				if stage >= 4 && step("close", time.Hour, 2*24*time.Hour) {
					c.Status, c.ClosedAt = "closed", at
					if stage >= 5 && step("revisit", 24*time.Hour, 6*24*time.Hour) {
						c.Status, c.RevisitedAt = "revisited", at
						c.Satisfaction = 3 + r.IntN(3)
					}
				}
			}
		}
	}
	c.UpdatedAt = at
	if s := p.Status(c.Status); s != nil {
		c.Open = s.Open
	}
	if gr := p.Grade(c.Grade); gr != nil {
		c.Training = gr.Training
	}
	if next := deadline.Next(g.d.Clocks(c, events)); next != nil {
		c.NextDue, c.NextDueStart, c.NextClock = next.Due, next.Start, next.ID
	}
	return c
}

// benchQueries are the queue tabs and searches measured, by name.
func benchQueries() []struct {
	name string
	q    store.Query
} {
	now := benchNow
	dayEnd := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location()).AddDate(0, 0, 1)
	base := store.Query{Now: now, DayEnd: dayEnd, User: benchUser, Sort: store.SortDue, Limit: 50}
	with := func(f func(*store.Query)) store.Query { q := base; f(&q); return q }
	return []struct {
		name string
		q    store.Query
	}{
		{"all", base},
		{"overdue", with(func(q *store.Query) { q.Tab = store.TabOverdue })},
		{"mine", with(func(q *store.Query) { q.Tab = store.TabMine })},
		{"unassigned", with(func(q *store.Query) { q.Tab = store.TabUnassigned })},
		{"due-today", with(func(q *store.Query) { q.Tab = store.TabDueToday })},
		{"revisit", with(func(q *store.Query) { q.Tab = store.TabRevisit })},
		{"all-by-received", with(func(q *store.Query) { q.Sort = store.SortReceived })},
		{"all-by-grade", with(func(q *store.Query) { q.Sort = store.SortGrade })},
		{"status-revisited", with(func(q *store.Query) { q.Status = "revisited" })},
		{"grade-A", with(func(q *store.Query) { q.Grade = "A" })},
		{"search-退款", with(func(q *store.Query) { q.Search = "退款" })},
		{"search-无法加热", with(func(q *store.Query) { q.Search = "无法加热" })},
		{"search-phone-7394", with(func(q *store.Query) { q.Search = "7394" })},
		{"search-refund", with(func(q *store.Query) { q.Search = "refund" })},
		{"search-case-number", with(func(q *store.Query) { q.Search = "TS20260315-0042" })},
		{"search-1char-退", with(func(q *store.Query) { q.Search = "退" })},
		{"search-1digit-8", with(func(q *store.Query) { q.Search = "8" })},
		{"mine-search-退款", with(func(q *store.Query) { q.Tab = store.TabMine; q.Search = "退款" })},
		{"overdue-search-refund", with(func(q *store.Query) { q.Tab = store.TabOverdue; q.Search = "refund" })},
	}
}

// benchLatency runs fn b.N times and reports the 99th percentile and the
// slowest run besides the mean. With pace, it waits that long (untimed)
// before each run after the first.
func benchLatency(b *testing.B, pace time.Duration, fn func() error) {
	b.Helper()
	took := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if pace > 0 && i > 0 {
			b.StopTimer()
			time.Sleep(pace)
			b.StartTimer()
		}
		start := time.Now()
		if err := fn(); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(took)
	msOf := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(msOf(took[(len(took)*99)/100]), "p99-ms")
	b.ReportMetric(msOf(took[len(took)-1]), "max-ms")
}

// BenchmarkQueue1M reads the first page (50 rows, nearest deadline first) of
// each queue tab and search, in a read transaction as the UI does.
func BenchmarkQueue1M(b *testing.B) {
	db := benchBig(b)
	ctx := context.Background()
	for _, bq := range benchQueries() {
		b.Run(bq.name, func(b *testing.B) {
			rows := 0
			benchLatency(b, 0, func() error {
				return db.Read(ctx, func(tx store.Tx) error {
					cs, err := tx.ListCases(bq.q)
					rows = len(cs)
					return err
				})
			})
			b.ReportMetric(float64(rows), "rows")
		})
	}
}

// BenchmarkCount1M counts the cases of each tab and search: exactly, and
// capped at 10,000 as the queue page counts (its tabs show "10000+").
func BenchmarkCount1M(b *testing.B) {
	db := benchBig(b)
	ctx := context.Background()
	for _, bq := range benchQueries() {
		for _, capped := range []int{0, 10_000} {
			name := bq.name
			q := bq.q
			if capped > 0 {
				name += "-cap10k"
				q.CountCap = capped
			}
			b.Run(name, func(b *testing.B) {
				n := 0
				benchLatency(b, 0, func() error {
					return db.Read(ctx, func(tx store.Tx) error {
						var err error
						n, err = tx.CountCases(q)
						return err
					})
				})
				b.ReportMetric(float64(n), "cases")
			})
		}
	}
}

// BenchmarkRegister registers one case per iteration through desk.Register:
// validation, the idempotency-key lookup, the day's number, the case, its
// complainant, search tokens and first event, committed with
// synchronous=FULL in WAL mode. "empty" starts from a new database; "1M"
// from a copy of the big one, back to back; "1M-every-10ms" registers 100
// cases a second (a very busy desk), so the background work between
// commits (merging the search index) has time to run as it does in use.
func BenchmarkRegister(b *testing.B) {
	b.Run("empty", func(b *testing.B) {
		benchRegister(b, filepath.Join(b.TempDir(), "register.db"), 0)
	})
	for _, pace := range []time.Duration{0, 10 * time.Millisecond} {
		name := "1M"
		if pace > 0 {
			name += "-every-" + pace.String()
		}
		b.Run(name, func(b *testing.B) {
			benchBig(b)
			path := filepath.Join(b.TempDir(), "register-1m.db")
			if err := benchCopy(benchDBPath(), path); err != nil {
				b.Fatal(err)
			}
			benchRegister(b, path, pace)
		})
	}
}

func benchRegister(b *testing.B, path string, pace time.Duration) {
	ctx := context.Background()
	db, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	d, err := desk.Open(ctx, db, desk.Options{By: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	a := desk.Actor{Name: "bench", Role: "agent"}
	r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	run := strconv.FormatInt(time.Now().UnixNano(), 36)
	i := 0
	benchLatency(b, pace, func() error {
		i++
		t := demo.Complaints[r.IntN(len(demo.Complaints))]
		_, existed, err := d.Register(ctx, a, desk.Registration{
			Channel: "phone", Nature: "complaint", Grade: "B",
			Name: demo.Name(r), Phone: demo.Mobile(r),
			Content: t.Content, Demand: t.Demand, Subject: t.Subject,
			IdemKey: run + "-" + strconv.Itoa(i),
		})
		if err == nil && existed {
			err = fmt.Errorf("key %d registered twice", i)
		}
		return err
	})
}

// benchCopy copies the (checkpointed, closed) cached database file.
func benchCopy(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	// On disk before the benchmark starts: otherwise the first checkpoint's
	// fsync writes the whole copy out, a second or so no desk ever waits.
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// benchLogPlans prints the query plan of every measured query.
func benchLogPlans(db *DB) {
	for _, bq := range benchQueries() {
		probe := false
		if bq.q.Search != "" {
			err := db.Read(context.Background(), func(tx store.Tx) error {
				var err error
				probe, _, err = tx.(*txn).searchPlan(bq.q)
				return err
			})
			if err != nil {
				fmt.Fprintf(os.Stderr, "bench: search plan %s: %v\n", bq.name, err)
			}
		}
		for _, kind := range []string{"list", "count"} {
			plan, err := queryPlan(db.reader, bq.q, kind == "count", probe)
			if err != nil {
				fmt.Fprintf(os.Stderr, "bench: plan %s %s: %v\n", kind, bq.name, err)
				continue
			}
			fmt.Fprintf(os.Stderr, "bench: plan %-5s %-18s %s\n", kind, bq.name, strings.Join(plan, " | "))
		}
	}
}

// queryPlan is EXPLAIN QUERY PLAN of the SQL ListCases (or CountCases)
// runs for q, with a search looked up by id or, with probe, probed.
func queryPlan(d *sql.DB, q store.Query, count, probe bool) ([]string, error) {
	mode := lookup
	switch {
	case probe && count:
		mode = probeSet
	case probe:
		mode = probeRow
	}
	w, args := whereSearch(q, mode)
	var text string
	if count {
		text = `SELECT count(*) FROM cases c` + w
	} else {
		args = append(args, 50, 0)
		text = `SELECT ` + caseColumns + ` FROM cases c` + w + orderBy(q.Sort) +
			fmt.Sprintf(` LIMIT $%d OFFSET $%d`, len(args)-1, len(args))
	}
	rows, err := d.Query(`EXPLAIN QUERY PLAN `+text, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			return nil, err
		}
		out = append(out, detail)
	}
	return out, rows.Err()
}
