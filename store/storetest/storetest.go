// Package storetest is the conformance suite of store.Store: what every
// store (store/sqlite, store/postgres) must do alike, run by each store's
// tests with its own opener. What only one database does (query plans,
// file modes, backups) stays with that store's tests.
package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"complaintdesk/store"
)

// Opener opens a new, empty store for one test; the store is closed and
// removed when the test ends. What it returns must also be a Harness.
type Opener func(t *testing.T) store.Store

// Harness is what the suite needs of a store under test beyond
// store.Store: a second handle on the same database, as another process
// has, and a way round the store to the database, as someone tampering
// with it would take. A store's test file wraps its *DB in one.
type Harness interface {
	store.Store
	// Again opens another handle on the same database (closed when the test ends).
	Again(t *testing.T) store.Store
	// Exec runs one SQL statement ($1, $2... parameters) on the database directly.
	Exec(ctx context.Context, query string, args ...any) error
	// DropHistoryGuards removes what makes the database refuse to change
	// or delete events (triggers).
	DropHistoryGuards(ctx context.Context) error
}

func harness(t *testing.T, st store.Store) Harness {
	t.Helper()
	h, ok := st.(Harness)
	if !ok {
		t.Fatalf("the store under test (%T) is not a storetest.Harness", st)
	}
	return h
}

// Run runs the whole suite, each test on a store of its own.
func Run(t *testing.T, open Opener) {
	for _, tc := range []struct {
		name string
		fn   func(*testing.T, Opener)
	}{
		{"Search", testSearch},
		{"QueueTabsFiltersAndOrder", testQueueTabsFiltersAndOrder},
		{"EventsAreAppendOnly", testEventsAreAppendOnly},
		{"UpdateCaseVersionAndDerived", testUpdateCaseVersionAndDerived},
		{"EachCaseStreamsWithEvents", testEachCaseStreamsWithEvents},
		{"ReportFilingsAndSamples", testReportFilingsAndSamples},
		{"EachCaseBriefEventsMatchWholeOnes", testEachCaseBriefEventsMatchWholeOnes},
		{"KeysBelongToOneUser", testKeysBelongToOneUser},
		{"AuditEventsByCaseAndActor", testAuditEventsByCaseAndActor},
		{"EventChainFindsAChangedOrRemovedEvent", testEventChainFindsAChangedOrRemovedEvent},
		{"TruncatedHistoryIsFound", testTruncatedHistoryIsFound},
		{"ImportedHistory", testImportedHistory},
		{"HandlingAndLab", testHandlingAndLab},
		{"DashboardCounts", testDashboardCounts},
		{"TwoWritersNumberGaplessly", testTwoWritersNumberGaplessly},
		{"StaleUpdateFromAnotherHandleConflicts", testStaleUpdateFromAnotherHandleConflicts},
		{"ChangeFeedSeesAnotherHandlesCommit", testChangeFeedSeesAnotherHandlesCommit},
		{"LookupsByUserSinceAndMisses", testLookupsByUserSinceAndMisses},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, open) })
	}
}

var (
	cst = time.FixedZone("CST", 8*3600)
	// Now is "now" for the queue queries: Mon 2026-11-23 10:00 +08:00.
	Now = time.Date(2026, 11, 23, 10, 0, 0, 0, cst)
	// DayEnd is the end of Now's day.
	DayEnd = time.Date(2026, 11, 24, 0, 0, 0, 0, cst)
)

// Case is a minimal valid case; mod fills in what a test is about.
func Case(number string, mod func(*store.Case)) *store.Case {
	c := &store.Case{
		Number: number, Version: 1,
		ReceivedAt: Now.Add(-48 * time.Hour), RegisteredAt: Now.Add(-47 * time.Hour), UpdatedAt: Now.Add(-47 * time.Hour),
		CreatedBy: "agent1", Channel: "phone", Nature: "complaint", Grade: "C", Status: "registered", Open: true,
		Content: "一般投诉", CollectiveSize: 1,
		Complainants: []store.Complainant{{Name: "赵六", Phone: "13900001111"}},
	}
	if mod != nil {
		mod(c)
	}
	return c
}

// Insert writes the cases, each with its "register" event, in one transaction.
func Insert(t testing.TB, db store.Store, cases ...*store.Case) {
	t.Helper()
	err := db.Write(context.Background(), func(tx store.Tx) error {
		for _, c := range cases {
			if err := tx.InsertCase(c); err != nil {
				return err
			}
			if err := tx.AppendEvent(&store.Event{CaseID: c.ID, At: c.RegisteredAt, Actor: c.CreatedBy, Action: "register", After: map[string]string{"status": c.Status}}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// List is the numbers of the cases q lists (all of them: Limit 1000 when
// not set), checked against CountCases.
func List(t testing.TB, db store.Store, q store.Query) []string {
	t.Helper()
	if q.Now.IsZero() {
		q.Now, q.DayEnd = Now, DayEnd
	}
	if q.Limit == 0 {
		q.Limit = 1000
	}
	var out []string
	var n int
	err := db.Read(context.Background(), func(tx store.Tx) error {
		cases, err := tx.ListCases(q)
		if err != nil {
			return err
		}
		for _, c := range cases {
			out = append(out, c.Number)
		}
		n, err = tx.CountCases(q)
		return err
	})
	if err != nil {
		t.Fatalf("query %+v: %v", q, err)
	}
	if n != len(out) {
		t.Errorf("query %+v: CountCases = %d but ListCases gave %d", q, n, len(out))
	}
	return out
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func testSearch(t *testing.T, open Opener) {
	db, ctx := open(t), context.Background()
	Insert(t, db,
		Case("TS20261120-0001", func(c *store.Case) {
			c.Content = "快递延误三天，包装破损"
			c.Demand = "要求退款"
			c.Complainants = []store.Complainant{{Name: "张三", Phone: "13812345678", Email: "zhang.san@example.com"}}
		}),
		Case("TS20261120-0002", func(c *store.Case) {
			c.Content = "客服态度恶劣，挂断电话"
			c.Subject = "Order AB-7781"
			c.Complainants = []store.Complainant{{Name: "李四", Phone: "010-87654321", Org: "北京某某科技有限公司"}}
		}),
		Case("TS20261121-0001", func(c *store.Case) {
			c.Content = "退货后迟迟未收到退款。Refund still pending!"
			c.Complainants = []store.Complainant{{Name: "王五", Phone: "13700005678"}}
		}),
	)
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"退款", []string{"TS20261120-0001", "TS20261121-0001"}}, // 2-character word, in demand and content
		{"延误", []string{"TS20261120-0001"}},
		{"快递延误", []string{"TS20261120-0001"}}, // 4 characters: a phrase of bigrams
		{"延误三天", []string{"TS20261120-0001"}},
		{"误", []string{"TS20261120-0001"}}, // one character, inside a word
		{"损", []string{"TS20261120-0001"}}, // one character, last of a run
		{"退", []string{"TS20261120-0001", "TS20261121-0001"}},
		{"张三", []string{"TS20261120-0001"}}, // a name
		{"张", []string{"TS20261120-0001"}},
		{"某某科技", []string{"TS20261120-0002"}},                    // the organisation
		{"5678", []string{"TS20261120-0001", "TS20261121-0001"}}, // the tail of two phones
		{"12345678", []string{"TS20261120-0001"}},
		{"138", []string{"TS20261120-0001"}},
		{"87654321", []string{"TS20261120-0002"}},
		{"010-8765", []string{"TS20261120-0002"}},
		{"TS20261120-0002", []string{"TS20261120-0002"}},               // a whole case number
		{"ts20261120", []string{"TS20261120-0001", "TS20261120-0002"}}, // a fragment, any case
		{"1121", []string{"TS20261121-0001"}},                          // inside the number's date
		{"refund", []string{"TS20261121-0001"}},                        // a word, any case
		{"REF", []string{"TS20261121-0001"}},                           // prefix of a word
		{"ab-7781", []string{"TS20261120-0002"}},
		{"zhang", []string{"TS20261120-0001"}},
		{"退款 5678", []string{"TS20261120-0001", "TS20261121-0001"}}, // every part must match
		{"退款 张三", []string{"TS20261120-0001"}},
		// not present
		{"发票", nil},
		{"退款难", nil}, // both bigrams exist somewhere, but not as a phrase
		{"款退", nil},
		{"9999", nil},
		{"refunds", nil},
		{"退款 李四", nil},
		// nothing searchable, or FTS syntax typed by a user: no match, no error
		{"!!!", nil},
		{`"`, nil},
		{`退款" OR "态度`, nil},
		{"NEAR(退款 态度)", nil},
		{"* -", nil},
	} {
		// a role that sees personal data matches fragments of it
		got := List(t, db, store.Query{Search: tc.q, SearchPII: true})
		if !sameSet(got, tc.want) {
			t.Errorf("search %q = %v; want %v", tc.q, got, tc.want)
		}
	}
	// A role that sees it masked matches the texts and whole values only
	// (issue 13: fragments rebuilt a masked phone in 26 searches).
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"5678", nil},     // in two phones, in no text
		{"8765", nil},     // a fragment of a landline
		{"87654321", nil}, // a landline without its area code is not whole
		{"13700005678", []string{"TS20261121-0001"}}, // the whole number
		{"张三", []string{"TS20261120-0001"}},          // the whole name
		{"zhang", nil},
		{"退款 张三", nil},
		{"退款", []string{"TS20261120-0001", "TS20261121-0001"}},
	} {
		if got := List(t, db, store.Query{Search: tc.q}); !sameSet(got, tc.want) {
			t.Errorf("masked search %q = %v; want %v", tc.q, got, tc.want)
		}
	}
	if got := List(t, db, store.Query{Search: "   "}); len(got) != 3 {
		t.Errorf("blank search: %d cases; want all 3", len(got))
	}

	// an update re-indexes: the old text no longer matches, the new one does
	err := db.Write(ctx, func(tx store.Tx) error {
		c, err := tx.CaseByNumber("TS20261120-0002")
		if err != nil {
			return err
		}
		c.Content = "发票开错了"
		c.Version++
		return tx.UpdateCase(c)
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := List(t, db, store.Query{Search: "发票"}); !sameSet(got, []string{"TS20261120-0002"}) {
		t.Errorf("after update, 发票 = %v", got)
	}
	if got := List(t, db, store.Query{Search: "态度"}); len(got) != 0 {
		t.Errorf("after update, the old text still matches: %v", got)
	}
}

func testQueueTabsFiltersAndOrder(t *testing.T, open Opener) {
	db, ctx := open(t), context.Background()
	h := func(n int) time.Time { return Now.Add(time.Duration(n) * time.Hour) }
	due := func(at time.Time, clock string) func(*store.Case) {
		return func(c *store.Case) { c.NextDue, c.NextDueStart, c.NextClock = at, c.ReceivedAt, clock }
	}
	with := func(mods ...func(*store.Case)) func(*store.Case) {
		return func(c *store.Case) {
			for _, m := range mods {
				m(c)
			}
		}
	}
	mine := func(c *store.Case) { c.Handler = "lina"; c.Status = "investigating" }
	closed := func(c *store.Case) { c.Status, c.Open = "closed", false }
	Insert(t, db,
		// overdue, mine, grade A
		Case("TS20261120-0001", with(due(h(-5), "closure_a"), mine, func(c *store.Case) { c.Grade = "A"; c.Category = "product.defect" })),
		// due today, unassigned, from the web
		Case("TS20261120-0002", with(due(h(3), "first_response"), func(c *store.Case) { c.Channel = "web"; c.Category = "product" })),
		// due tomorrow, someone else's
		Case("TS20261120-0003", with(due(h(20), "closure"), func(c *store.Case) { c.Handler = "wang"; c.Category = "price.refund" })),
		// closed, waiting for its revisit, due in 5 days; handled by me
		Case("TS20261120-0004", with(due(h(120), "revisit"), closed, func(c *store.Case) { c.Handler = "lina" })),
		// finished: revisited, no running clock
		Case("TS20261120-0005", with(closed, func(c *store.Case) { c.Status = "revisited"; c.Handler = "lina"; c.Category = "productivity" })),
		// overdue by a minute, unassigned, grade B
		Case("TS20261120-0006", with(due(Now.Add(-time.Minute), "first_response"), func(c *store.Case) { c.Grade = "B" })),
		// due exactly at the end of today (a day clock's 24:00): still today's
		Case("TS20261120-0007", with(due(DayEnd, "closure"), mine)),
		// due exactly now: today's, not yet overdue
		Case("TS20261120-0008", with(due(Now, "first_response"))),
	)
	all := []string{"TS20261120-0001", "TS20261120-0006", "TS20261120-0008", "TS20261120-0002", "TS20261120-0007", "TS20261120-0003", "TS20261120-0004", "TS20261120-0005"}
	if got := List(t, db, store.Query{}); !slices.Equal(got, all) {
		t.Errorf("all, by due:\n got %v\nwant %v (nearest first, finished last)", got, all)
	}
	for _, tc := range []struct {
		name string
		q    store.Query
		want []string
	}{
		{"mine", store.Query{Tab: store.TabMine, User: "lina"}, []string{"TS20261120-0001", "TS20261120-0007"}},
		{"mine of someone with nothing", store.Query{Tab: store.TabMine, User: "nobody"}, nil},
		{"unassigned", store.Query{Tab: store.TabUnassigned}, []string{"TS20261120-0006", "TS20261120-0008", "TS20261120-0002"}},
		// 0007 is due at 24:00 today; 0003, six hours into tomorrow, is not today's
		{"due today", store.Query{Tab: store.TabDueToday}, []string{"TS20261120-0008", "TS20261120-0002", "TS20261120-0007"}},
		{"overdue", store.Query{Tab: store.TabOverdue}, []string{"TS20261120-0001", "TS20261120-0006"}},
		{"revisit", store.Query{Tab: store.TabRevisit}, []string{"TS20261120-0004"}},
		{"overdue filter", store.Query{Overdue: true}, []string{"TS20261120-0001", "TS20261120-0006"}},
		{"overdue filter in mine", store.Query{Tab: store.TabMine, User: "lina", Overdue: true}, []string{"TS20261120-0001"}},
		{"status", store.Query{Status: "closed"}, []string{"TS20261120-0004"}},
		{"grade", store.Query{Grade: "A"}, []string{"TS20261120-0001"}},
		{"grade in unassigned", store.Query{Tab: store.TabUnassigned, Grade: "B"}, []string{"TS20261120-0006"}},
		{"channel", store.Query{Channel: "web"}, []string{"TS20261120-0002"}},
		{"category with its children", store.Query{Category: "product"}, []string{"TS20261120-0001", "TS20261120-0002"}},
		{"sub-category", store.Query{Category: "product.defect"}, []string{"TS20261120-0001"}},
		{"category prefix is not a parent", store.Query{Category: "produc"}, nil},
		{"search in a tab", store.Query{Tab: store.TabOverdue, Search: "TS20261120-0006"}, []string{"TS20261120-0006"}},
	} {
		if got := List(t, db, tc.q); !slices.Equal(got, tc.want) {
			t.Errorf("%s: got %v; want %v", tc.name, got, tc.want)
		}
	}

	// other orders
	if got := List(t, db, store.Query{Sort: store.SortNumber}); !slices.Equal(got, []string{
		"TS20261120-0008", "TS20261120-0007", "TS20261120-0006", "TS20261120-0005", "TS20261120-0004", "TS20261120-0003", "TS20261120-0002", "TS20261120-0001"}) {
		t.Errorf("by number: %v", got)
	}
	if got := List(t, db, store.Query{Sort: store.SortGrade}); len(got) != 8 || got[0] != "TS20261120-0001" || got[1] != "TS20261120-0006" {
		t.Errorf("by grade: %v; want A first, then B", got)
	}

	// pages put together are the whole list, in the same order
	var paged []string
	for off := 0; ; off += 3 {
		var page []string
		err := db.Read(ctx, func(tx store.Tx) error {
			cases, err := tx.ListCases(store.Query{Limit: 3, Offset: off})
			for _, c := range cases {
				page = append(page, c.Number)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		paged = append(paged, page...)
	}
	if !slices.Equal(paged, all) {
		t.Errorf("paged: %v", paged)
	}

	// rows come back whole: complainants and derived fields
	err := db.Read(ctx, func(tx store.Tx) error {
		cases, err := tx.ListCases(store.Query{Tab: store.TabRevisit})
		if err != nil {
			return err
		}
		c := cases[0]
		if c.Primary().Phone != "13900001111" || c.NextClock != "revisit" || !c.NextDue.Equal(h(120)) || c.Open {
			t.Errorf("listed case %+v", c)
		}
		fin, err := tx.CaseByNumber("ts20261120-0005") // numbers are found whatever the case
		if err != nil {
			return err
		}
		if !fin.NextDue.IsZero() || !fin.NextDueStart.IsZero() || fin.NextClock != "" {
			t.Errorf("finished case has a due time: %v %q", fin.NextDue, fin.NextClock)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func testEventsAreAppendOnly(t *testing.T, open Opener) {
	db, ctx := open(t), context.Background()
	c := Case("TS20261122-0001", nil)
	Insert(t, db, c)
	err := db.Write(ctx, func(tx store.Tx) error {
		return tx.AppendEvent(&store.Event{CaseID: c.ID, At: Now, Actor: "lina", Action: "note", Note: "第一次回电",
			Before: map[string]string{}, After: map[string]string{"x": "y"}})
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`UPDATE events SET actor = 'someone else'`,
		`UPDATE events SET note = '' WHERE action = 'note'`,
		`DELETE FROM events`,
	} {
		if err := harness(t, db).Exec(ctx, q); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: err = %v; want it refused as append-only", q, err)
		}
	}
	var evs []store.Event
	err = db.Read(ctx, func(tx store.Tx) error {
		var err error
		evs, err = tx.Events(c.ID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 2 || evs[1].Actor != "lina" || evs[1].Note != "第一次回电" || evs[1].After["x"] != "y" || !evs[1].At.Equal(Now) {
		t.Errorf("history after the attempts: %+v", evs)
	}
}

func testUpdateCaseVersionAndDerived(t *testing.T, open Opener) {
	db, ctx := open(t), context.Background()
	c := Case("TS20261122-0001", func(c *store.Case) { c.IdemKey = "k1" })
	Insert(t, db, c)

	// a stale version is a conflict and changes nothing
	stale := *c
	stale.Handler = "wang"
	stale.Version = 2
	fresh := *c
	fresh.Handler = "lina"
	fresh.Version = 2
	if err := db.Write(ctx, func(tx store.Tx) error { return tx.UpdateCase(&fresh) }); err != nil {
		t.Fatal(err)
	}
	err := db.Write(ctx, func(tx store.Tx) error { return tx.UpdateCase(&stale) })
	if !errors.Is(err, store.ErrConflict) {
		t.Errorf("stale update: %v; want ErrConflict", err)
	}
	// derived fields are rewritten without a new version
	fresh.NextDue, fresh.NextClock = Now.Add(time.Hour), "closure"
	if err := db.Write(ctx, func(tx store.Tx) error { return tx.SetDerived(&fresh) }); err != nil {
		t.Fatal(err)
	}
	err = db.Read(ctx, func(tx store.Tx) error {
		got, err := tx.CaseByIdemKey("k1")
		if err != nil {
			return err
		}
		if got.Handler != "lina" || got.Version != 2 || got.NextClock != "closure" || !got.NextDue.Equal(Now.Add(time.Hour)) {
			t.Errorf("stored %q v%d %s %v", got.Handler, got.Version, got.NextClock, got.NextDue)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// the same idempotency key cannot be stored twice
	err = db.Write(ctx, func(tx store.Tx) error {
		return tx.InsertCase(Case("TS20261122-0002", func(c *store.Case) { c.IdemKey = "k1" }))
	})
	if !errors.Is(err, store.ErrDuplicate) {
		t.Errorf("duplicate key: %v", err)
	}
	// a read transaction does not write
	err = db.Read(ctx, func(tx store.Tx) error { return tx.InsertCase(Case("TS20261122-0003", nil)) })
	if err == nil {
		t.Error("a read transaction inserted a case")
	}
	// sequences are per day and never reused
	var seqs []int
	err = db.Write(ctx, func(tx store.Tx) error {
		for _, day := range []string{"20261122", "20261122", "20261123", "20261122"} {
			n, err := tx.NextCaseSeq(day)
			if err != nil {
				return err
			}
			seqs = append(seqs, n)
		}
		return nil
	})
	if err != nil || !slices.Equal(seqs, []int{1, 2, 1, 3}) {
		t.Errorf("sequences %v, %v; want [1 2 1 3]", seqs, err)
	}
}

// EachCase hands every case over once, in id order, with its own
// complainants and events, across many batches, and keeps to the filters.
func testEachCaseStreamsWithEvents(t *testing.T, open Opener) {
	db, ctx := open(t), context.Background()
	const n = 3*256 + 17
	var cases []*store.Case
	for i := 0; i < n; i++ {
		i := i
		cases = append(cases, Case(fmt.Sprintf("TS20261101-%04d", i+1), func(c *store.Case) {
			c.ReceivedAt = Now.Add(-time.Duration(n-i) * time.Hour)
			c.Complainants = []store.Complainant{{Name: fmt.Sprintf("人%d", i), Phone: fmt.Sprintf("1390000%04d", i)}}
			if i%2 == 0 {
				c.Content = "退款问题"
			}
		}))
	}
	Insert(t, db, cases...) // one "register" event each
	err := db.Write(ctx, func(tx store.Tx) error {
		for i, c := range cases {
			for k := 0; k < i%3; k++ {
				e := store.Event{CaseID: c.ID, At: c.RegisteredAt.Add(time.Duration(k+1) * time.Minute), Actor: "agent1",
					Action: "note", Note: fmt.Sprintf("%s-%d", c.Number, k), After: map[string]string{"k": fmt.Sprint(k)}}
				if err := tx.AppendEvent(&e); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	var last int64
	err = db.Read(ctx, func(tx store.Tx) error {
		return tx.EachCase(store.ExportQuery{Events: true}, func(c *store.Case, evs []store.Event) error {
			i := seen
			seen++
			if c.ID <= last {
				t.Errorf("case %d after %d", c.ID, last)
			}
			last = c.ID
			if c.Number != cases[i].Number || len(c.Complainants) != 1 || c.Complainants[0].Name != fmt.Sprintf("人%d", i) {
				t.Errorf("case %d: %s %+v", i, c.Number, c.Complainants)
			}
			if len(evs) != 1+i%3 || evs[0].Action != "register" {
				t.Fatalf("case %s has %d events, want %d", c.Number, len(evs), 1+i%3)
			}
			for k, e := range evs[1:] {
				if e.CaseID != c.ID || e.Note != fmt.Sprintf("%s-%d", c.Number, k) || e.After["k"] != fmt.Sprint(k) {
					t.Errorf("case %s event %d: %+v", c.Number, k, e)
				}
			}
			return nil
		})
	})
	if err != nil || seen != n {
		t.Fatalf("walked %d of %d: %v", seen, n, err)
	}

	count := func(q store.ExportQuery) int {
		k := 0
		if err := db.Read(ctx, func(tx store.Tx) error {
			return tx.EachCase(q, func(*store.Case, []store.Event) error { k++; return nil })
		}); err != nil {
			t.Fatal(err)
		}
		return k
	}
	if got := count(store.ExportQuery{ReceivedFrom: Now.Add(-100 * time.Hour), ReceivedTo: Now.Add(-10 * time.Hour)}); got != 90 {
		t.Errorf("received within 100 to 10 hours ago: %d, want 90", got)
	}
	if got := count(store.ExportQuery{Query: store.Query{Search: "退款"}}); got != (n+1)/2 {
		t.Errorf("search: %d, want %d", got, (n+1)/2)
	}
	if got := count(store.ExportQuery{Query: store.Query{Search: "退款"}, ReceivedFrom: Now.Add(-10 * time.Hour)}); got != 5 {
		t.Errorf("search and receipt: %d, want 5", got)
	}
}

func testReportFilingsAndSamples(t *testing.T, open Opener) {
	db, ctx := open(t), context.Background()
	a, b := Case("TS20261001-0001", nil), Case("TS20261001-0002", nil)
	Insert(t, db, a, b)
	err := db.Write(ctx, func(tx store.Tx) error {
		if err := tx.PutRevisitSample(&store.RevisitSample{Month: "2026-10", Seed: 1<<63 + 5, Ratio: 0.2, Population: 2, DrawnAt: Now, DrawnBy: "qa", CaseIDs: []int64{b.ID}}); err != nil {
			return err
		}
		// Replacing keeps one sample per month.
		if err := tx.PutRevisitSample(&store.RevisitSample{Month: "2026-10", Seed: 1<<63 + 6, Ratio: 0.5, Population: 2, DrawnAt: Now, DrawnBy: "qa", CaseIDs: []int64{b.ID, a.ID}}); err != nil {
			return err
		}
		return tx.AddReportFiling(&store.ReportFiling{Month: "2026-10", At: Now, By: "陈主管", How: "write", Path: "/tmp/x.xlsx", Format: "xlsx", Snapshot: "{}"})
	})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Read(ctx, func(tx store.Tx) error {
		s, err := tx.RevisitSample("2026-10")
		if err != nil {
			return err
		}
		if s.Seed != 1<<63+6 || s.Ratio != 0.5 || len(s.CaseIDs) != 2 || s.CaseIDs[0] != b.ID || s.CaseIDs[1] != a.ID {
			t.Errorf("sample %+v", s)
		}
		if _, err := tx.RevisitSample("2026-09"); err != store.ErrNotFound {
			t.Errorf("no sample: %v", err)
		}
		fs, err := tx.ReportFilings("2026-10")
		if err != nil || len(fs) != 1 || fs[0].By != "陈主管" || !fs[0].At.Equal(Now) {
			t.Errorf("filings %+v %v", fs, err)
		}
		n, err := tx.CountCases(store.Query{Tab: store.TabSample})
		if err != nil || n != 2 {
			t.Errorf("sample tab count %d %v", n, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Brief events (read packed, one row per case) are the whole events' id,
// time, action and picked keys, in order, for every case and for a
// filtered walk; values with quotes, escapes and Chinese come through.
func testEachCaseBriefEventsMatchWholeOnes(t *testing.T, open Opener) {
	db, ctx := open(t), context.Background()
	var cases []*store.Case
	for i := range 40 {
		cases = append(cases, Case(fmt.Sprintf("TS20261102-%04d", i+1), func(c *store.Case) {
			c.ReceivedAt = Now.Add(-time.Duration(40-i) * time.Hour)
			c.Grade = []string{"A", "B", "C"}[i%3]
		}))
	}
	Insert(t, db, cases...)
	values := []string{"reached", `说 "好的"`, "a\\b", "第一行\n第二行", "x\u001ey\u001fz", ""}
	err := db.Write(ctx, func(tx store.Tx) error {
		for i, c := range cases {
			for k := range i % 5 {
				e := store.Event{CaseID: c.ID, At: c.RegisteredAt.Add(time.Duration(k+1) * time.Minute), Actor: []string{"agent1", "李娜"}[(i+k)%2], Action: []string{"contact", "note", "resolve"}[k%3],
					After: map[string]string{"contact_reached": values[(i+k)%len(values)], "status": "调查中", "other": "x"}}
				if k == 2 {
					e.After = nil
				}
				if k == 3 { // entered a day later (补录)
					e.Entered, e.Late = e.At.Add(24*time.Hour), "外出上门，回来补录"
				}
				if err := tx.AppendEvent(&e); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	keys := []string{"contact_reached", "status"}
	walk := func(q store.ExportQuery) map[string]string {
		out := map[string]string{}
		err := db.Read(ctx, func(tx store.Tx) error {
			return tx.EachCase(q, func(c *store.Case, evs []store.Event) error {
				var s []string
				for _, e := range evs {
					picked := map[string]string{}
					for _, k := range keys {
						if v, ok := e.After[k]; ok {
							picked[k] = v
						}
					}
					b, _ := json.Marshal(picked)
					late := int64(0) // brief events tell that an entry was late and when, not why
					if e.Late != "" {
						late = e.Entered.UnixMilli()
					}
					actor := e.Actor
					if q.ClocksOnly { // a store may leave who and the late entry out
						actor, late = "", 0
					}
					s = append(s, fmt.Sprint(e.ID, e.CaseID, e.At.UnixMilli(), e.Action, actor, late, string(b)))
				}
				out[c.Number] = fmt.Sprint(s)
				return nil
			})
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	for _, q := range []store.ExportQuery{{}, {Query: store.Query{Grade: "B"}}} {
		whole, brief := q, q
		whole.Events = true
		brief.Events, brief.EventKeys = true, keys
		w, b := walk(whole), walk(brief)
		if len(w) == 0 || fmt.Sprint(w) != fmt.Sprint(b) {
			t.Errorf("grade %q: whole and brief events differ:\n%v\n%v", q.Grade, w, b)
		}
		whole.ClocksOnly, brief.ClocksOnly = true, true
		if w, b := walk(whole), walk(brief); len(w) == 0 || fmt.Sprint(w) != fmt.Sprint(b) {
			t.Errorf("grade %q: whole and brief events for the clocks differ:\n%v\n%v", q.Grade, w, b)
		}
	}
}

func testKeysBelongToOneUser(t *testing.T, open Opener) {
	db, ctx := open(t), context.Background()
	err := db.Write(ctx, func(tx store.Tx) error {
		for _, u := range []string{"李娜", "王强"} {
			if err := tx.PutUser(&store.User{Name: u, Role: "agent"}); err != nil {
				return err
			}
		}
		return tx.PutKey(&store.UserKey{Fingerprint: "SHA256:aaa", User: "李娜", Type: "ssh-ed25519", Key: "ssh-ed25519 AAAA", AddedAt: Now})
	})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Write(ctx, func(tx store.Tx) error {
		return tx.PutKey(&store.UserKey{Fingerprint: "SHA256:aaa", User: "王强", Type: "ssh-ed25519", Key: "ssh-ed25519 AAAA", AddedAt: Now})
	})
	if !errors.Is(err, store.ErrDuplicate) {
		t.Fatalf("the same key for a second user: %v, want ErrDuplicate", err)
	}
	err = db.Write(ctx, func(tx store.Tx) error {
		return tx.PutKey(&store.UserKey{Fingerprint: "SHA256:bbb", User: "nobody", Type: "ssh-ed25519", Key: "ssh-ed25519 BBBB", AddedAt: Now})
	})
	if !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("a key for no user: %v, want ErrNotFound", err)
	}
	err = db.Read(ctx, func(tx store.Tx) error {
		k, err := tx.KeyByFingerprint("SHA256:aaa")
		if err != nil {
			return err
		}
		if k.User != "李娜" || !k.AddedAt.Equal(Now) {
			t.Errorf("key = %+v", k)
		}
		ks, err := tx.Keys("王强")
		if err != nil || len(ks) != 0 {
			t.Errorf("王强's keys = %v, %v", ks, err)
		}
		ks, err = tx.Keys("")
		if err != nil || len(ks) != 1 {
			t.Errorf("all keys = %v, %v", ks, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Write(ctx, func(tx store.Tx) error { return tx.DeleteKey("王强", "SHA256:aaa") }); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("removing another user's key: %v, want ErrNotFound", err)
	}
	if err := db.Write(ctx, func(tx store.Tx) error { return tx.DeleteKey("李娜", "SHA256:aaa") }); err != nil {
		t.Fatal(err)
	}
	err = db.Read(ctx, func(tx store.Tx) error {
		_, err := tx.KeyByFingerprint("SHA256:aaa")
		return err
	})
	if !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("the removed key is still found: %v", err)
	}
}

func testAuditEventsByCaseAndActor(t *testing.T, open Opener) {
	db, ctx := open(t), context.Background()
	a, b := Case("TS20261122-0001", nil), Case("TS20261122-0002", nil)
	Insert(t, db, a, b)
	err := db.Write(ctx, func(tx store.Tx) error {
		for _, e := range []store.Event{
			{CaseID: a.ID, At: Now, Actor: "qa1", Action: "reveal", Reason: "公司回访"},
			{CaseID: b.ID, At: Now, Actor: "qa1", Action: "reveal", Reason: "核实身份"},
			{CaseID: a.ID, At: Now, Actor: "admin", Action: "reveal", Reason: "投诉升级"},
			{CaseID: a.ID, At: Now, Actor: "qa1", Action: "note", Note: "not audited"},
		} {
			if err := tx.AppendEvent(&e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Read(ctx, func(tx store.Tx) error {
		byCase, err := tx.AuditEvents(store.AuditQuery{CaseID: a.ID, Actions: []string{"reveal"}})
		if err != nil {
			return err
		}
		if len(byCase) != 2 || byCase[0].Actor != "qa1" || byCase[1].Actor != "admin" || byCase[0].Number != a.Number {
			t.Errorf("by case: %+v", byCase)
		}
		byActor, err := tx.AuditEvents(store.AuditQuery{Actor: "qa1", Actions: []string{"reveal"}})
		if err != nil {
			return err
		}
		if len(byActor) != 2 || byActor[0].Number != a.Number || byActor[1].Number != b.Number || byActor[1].Reason != "核实身份" {
			t.Errorf("by actor: %+v", byActor)
		}
		if _, err := tx.AuditEvents(store.AuditQuery{Actor: "qa1", Actions: []string{"x'; DROP TABLE events; --"}}); err == nil {
			t.Error("a bad action name was accepted")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// The stored history is a hash chain: each event carries the hash of the
// case's event before it. The database refuses edits and deletions; one
// who goes round it (drops the triggers, edits the file) is found by
// store.CheckChain, which names the first event that no longer follows.
func testEventChainFindsAChangedOrRemovedEvent(t *testing.T, open Opener) {
	db, ctx := open(t), context.Background()
	raw := harness(t, db)
	c := Case("TS20261123-0001", nil)
	Insert(t, db, c)
	at := c.RegisteredAt
	err := db.Write(ctx, func(tx store.Tx) error {
		for i, a := range []string{"acknowledge", "note", "resolve", "close"} {
			ev := store.Event{CaseID: c.ID, At: at.Add(time.Duration(i+1) * time.Hour), Entered: Now, Actor: "李娜", Action: a,
				Note: "处理记录：" + a, After: map[string]string{"step": a}}
			if a == "acknowledge" {
				ev.Late = "按纸质记录补录"
			}
			if err := tx.AppendEvent(&ev); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	events := func() []store.Event {
		t.Helper()
		var evs []store.Event
		if err := db.Read(ctx, func(tx store.Tx) error {
			var err error
			evs, err = tx.Events(c.ID)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return evs
	}
	evs := events()
	if len(evs) != 5 {
		t.Fatalf("%d events", len(evs))
	}
	if br := store.CheckChain(evs); br != nil {
		t.Fatalf("a fresh history does not chain: %+v", br)
	}
	if evs[0].Prev != "" || evs[1].Prev != evs[0].Hash || evs[1].Late != "按纸质记录补录" || !evs[1].Entered.Equal(Now) || !evs[1].At.Equal(at.Add(time.Hour)) {
		t.Errorf("the acknowledgement read back: %+v", evs[1])
	}

	// the database refuses to change or remove an event
	if err := raw.Exec(ctx, `UPDATE events SET note = '改过' WHERE id = $1`, evs[2].ID); err == nil {
		t.Fatal("an event was updated")
	}
	if err := raw.Exec(ctx, `DELETE FROM events WHERE id = $1`, evs[2].ID); err == nil {
		t.Fatal("an event was deleted")
	}

	// going round the triggers is found
	if err := raw.DropHistoryGuards(ctx); err != nil {
		t.Fatal(err)
	}
	if err := raw.Exec(ctx, `UPDATE events SET note = '改过的备注' WHERE id = $1`, evs[2].ID); err != nil {
		t.Fatal(err)
	}
	br := store.CheckChain(events())
	if br == nil || br.EventID != evs[2].ID || br.CaseID != c.ID || !strings.Contains(br.Why, "changed") {
		t.Errorf("a changed note: %+v; want event %d named", br, evs[2].ID)
	}
	if err := raw.Exec(ctx, `UPDATE events SET note = $1 WHERE id = $2`, evs[2].Note, evs[2].ID); err != nil {
		t.Fatal(err)
	}
	if br := store.CheckChain(events()); br != nil {
		t.Fatalf("put back, the chain still breaks: %+v", br)
	}
	// a late entry's times are in the hash too
	if err := raw.Exec(ctx, `UPDATE events SET at = at + 3600000 WHERE id = $1`, evs[1].ID); err != nil {
		t.Fatal(err)
	}
	if br := store.CheckChain(events()); br == nil || br.EventID != evs[1].ID {
		t.Errorf("a moved time: %+v; want event %d named", br, evs[1].ID)
	}
	if err := raw.Exec(ctx, `UPDATE events SET at = at - 3600000 WHERE id = $1`, evs[1].ID); err != nil {
		t.Fatal(err)
	}
	if err := raw.Exec(ctx, `DELETE FROM events WHERE id = $1`, evs[3].ID); err != nil {
		t.Fatal(err)
	}
	br = store.CheckChain(events())
	if br == nil || br.EventID != evs[4].ID || !strings.Contains(br.Why, "removed") {
		t.Errorf("a removed event: %+v; want the event after it, %d, named", br, evs[4].ID)
	}
}

// The chain cannot see its own end: removing a case's last events (a
// reveal and what followed) leaves a chain that checks. The store keeps each
// case's last written event apart, and TruncatedHistory names the case and
// the last event left; a whole history, and one that grows again, pass.
func testTruncatedHistoryIsFound(t *testing.T, open Opener) {
	db, ctx := open(t), context.Background()
	raw := harness(t, db)
	whole, cut := Case("TS20261123-0001", nil), Case("TS20261123-0002", nil)
	Insert(t, db, whole)
	Insert(t, db, cut)
	var evs []store.Event
	err := db.Write(ctx, func(tx store.Tx) error {
		for _, c := range []*store.Case{whole, cut} {
			for i, a := range []string{"acknowledge", "reveal", "note"} {
				ev := store.Event{CaseID: c.ID, At: c.RegisteredAt.Add(time.Duration(i+1) * time.Minute), Entered: Now, Actor: "质检甲", Action: a}
				if err := tx.AppendEvent(&ev); err != nil {
					return err
				}
				if c == cut {
					evs = append(evs, ev)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	truncated := func() (int64, int64) {
		t.Helper()
		var id, kept int64
		if err := db.Read(ctx, func(tx store.Tx) error {
			var err error
			id, kept, err = tx.TruncatedHistory()
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return id, kept
	}
	if id, _ := truncated(); id != 0 {
		t.Fatalf("whole histories: case %d reported truncated", id)
	}
	if err := raw.DropHistoryGuards(ctx); err != nil {
		t.Fatal(err)
	}
	// the reveal and everything after it removed
	if err := raw.Exec(ctx, `DELETE FROM events WHERE case_id = $1 AND id >= $2`, cut.ID, evs[1].ID); err != nil {
		t.Fatal(err)
	}
	if id, kept := truncated(); id != cut.ID || kept != evs[0].ID {
		t.Errorf("the cut history: case %d after event %d; want case %d after %d", id, kept, cut.ID, evs[0].ID)
	}
	// every event of the case removed
	if err := raw.Exec(ctx, `DELETE FROM events WHERE case_id = $1`, cut.ID); err != nil {
		t.Fatal(err)
	}
	if id, kept := truncated(); id != cut.ID || kept != 0 {
		t.Errorf("a case with no history left: case %d after event %d; want case %d after none", id, kept, cut.ID)
	}
}

// A user's look-ups read back from another handle (another process), oldest
// first, since a time, misses only, up to a limit; a forgotten hash leaves
// the rest; a read transaction records none.
func testLookupsByUserSinceAndMisses(t *testing.T, open Opener) {
	db, ctx := open(t), context.Background()
	put := []store.Lookup{
		{User: "质检甲", At: Now.Add(-2 * time.Hour), Hash: "h1", Masked: "138****9342"},
		{User: "质检甲", At: Now.Add(-30 * time.Minute), Hash: "h2", Masked: "张*", Found: 2},
		{User: "质检乙", At: Now.Add(-20 * time.Minute), Hash: "h1", Masked: "138****9342"},
		{User: "质检甲", At: Now.Add(-10 * time.Minute), Hash: "h3", Masked: "139****0000"},
	}
	if err := db.Write(ctx, func(tx store.Tx) error {
		for i := range put {
			if err := tx.RecordLookup(&put[i]); err != nil {
				return err
			}
			if put[i].ID == 0 {
				t.Errorf("look-up %d got no id", i)
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	other := harness(t, db).Again(t)
	list := func(q store.LookupQuery) []string {
		t.Helper()
		var out []string
		if err := other.Read(ctx, func(tx store.Tx) error {
			ls, err := tx.Lookups(q)
			for _, l := range ls {
				out = append(out, fmt.Sprintf("%s %s %s %s %d", l.User, l.At.In(cst).Format("15:04"), l.Hash, l.Masked, l.Found))
			}
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return out
	}
	for _, c := range []struct {
		q    store.LookupQuery
		want []string
	}{
		{store.LookupQuery{User: "质检甲"}, []string{"质检甲 08:00 h1 138****9342 0", "质检甲 09:30 h2 张* 2", "质检甲 09:50 h3 139****0000 0"}},
		{store.LookupQuery{User: "质检甲", Since: Now.Add(-time.Hour)}, []string{"质检甲 09:30 h2 张* 2", "质检甲 09:50 h3 139****0000 0"}},
		{store.LookupQuery{User: "质检甲", Misses: true}, []string{"质检甲 08:00 h1 138****9342 0", "质检甲 09:50 h3 139****0000 0"}},
		{store.LookupQuery{User: "质检甲", Misses: true, Limit: 1}, []string{"质检甲 08:00 h1 138****9342 0"}},
		{store.LookupQuery{User: "质检乙", Since: Now.Add(-20 * time.Minute)}, []string{"质检乙 09:40 h1 138****9342 0"}},
		{store.LookupQuery{User: "nobody"}, nil},
	} {
		if got := list(c.q); !slices.Equal(got, c.want) {
			t.Errorf("%+v: %q; want %q", c.q, got, c.want)
		}
	}
	if err := db.Read(ctx, func(tx store.Tx) error {
		_, err := tx.Lookups(store.LookupQuery{})
		return err
	}); err == nil {
		t.Error("look-ups of no user were listed")
	}
	if err := db.Write(ctx, func(tx store.Tx) error { return tx.ForgetLookupHashes(Now.Add(-time.Hour)) }); err != nil {
		t.Fatal(err)
	}
	want := []string{"质检甲 08:00  138****9342 0", "质检甲 09:30 h2 张* 2", "质检甲 09:50 h3 139****0000 0"}
	if got := list(store.LookupQuery{User: "质检甲"}); !slices.Equal(got, want) {
		t.Errorf("after forgetting the hashes before 09:00: %q; want %q", got, want)
	}
	if err := db.Read(ctx, func(tx store.Tx) error {
		return tx.RecordLookup(&store.Lookup{User: "质检甲", At: Now, Hash: "h4", Masked: "1**"})
	}); err == nil {
		t.Error("a read transaction recorded a look-up")
	}
}
