package sqlite

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"complaintdesk/store"
)

var (
	stCST = time.FixedZone("CST", 8*3600)
	// stNow is "now" for the queue queries: Mon 2026-11-23 10:00 +08:00.
	stNow    = time.Date(2026, 11, 23, 10, 0, 0, 0, stCST)
	stDayEnd = time.Date(2026, 11, 24, 0, 0, 0, 0, stCST)
)

func stOpen(t *testing.T) (*DB, context.Context) {
	t.Helper()
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "desk.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, ctx
}

// stCase is a minimal valid case; mod fills in what a test is about.
func stCase(number string, mod func(*store.Case)) *store.Case {
	c := &store.Case{
		Number: number, Version: 1,
		ReceivedAt: stNow.Add(-48 * time.Hour), RegisteredAt: stNow.Add(-47 * time.Hour), UpdatedAt: stNow.Add(-47 * time.Hour),
		CreatedBy: "agent1", Channel: "phone", Nature: "complaint", Grade: "C", Status: "registered", Open: true,
		Content: "一般投诉", CollectiveSize: 1,
		Complainants: []store.Complainant{{Name: "赵六", Phone: "13900001111"}},
	}
	if mod != nil {
		mod(c)
	}
	return c
}

func stInsert(t *testing.T, db *DB, ctx context.Context, cases ...*store.Case) {
	t.Helper()
	err := db.Write(ctx, func(tx store.Tx) error {
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

func stList(t *testing.T, db *DB, ctx context.Context, q store.Query) []string {
	t.Helper()
	if q.Now.IsZero() {
		q.Now, q.DayEnd = stNow, stDayEnd
	}
	if q.Limit == 0 {
		q.Limit = 1000
	}
	var out []string
	var n int
	err := db.Read(ctx, func(tx store.Tx) error {
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

func TestSearch(t *testing.T) {
	db, ctx := stOpen(t)
	stInsert(t, db, ctx,
		stCase("TS20261120-0001", func(c *store.Case) {
			c.Content = "快递延误三天，包装破损"
			c.Demand = "要求退款"
			c.Complainants = []store.Complainant{{Name: "张三", Phone: "13812345678", Email: "zhang.san@example.com"}}
		}),
		stCase("TS20261120-0002", func(c *store.Case) {
			c.Content = "客服态度恶劣，挂断电话"
			c.Subject = "Order AB-7781"
			c.Complainants = []store.Complainant{{Name: "李四", Phone: "010-87654321", Org: "北京某某科技有限公司"}}
		}),
		stCase("TS20261121-0001", func(c *store.Case) {
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
		got := stList(t, db, ctx, store.Query{Search: tc.q, SearchPII: true})
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
		if got := stList(t, db, ctx, store.Query{Search: tc.q}); !sameSet(got, tc.want) {
			t.Errorf("masked search %q = %v; want %v", tc.q, got, tc.want)
		}
	}
	if got := stList(t, db, ctx, store.Query{Search: "   "}); len(got) != 3 {
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
	if got := stList(t, db, ctx, store.Query{Search: "发票"}); !sameSet(got, []string{"TS20261120-0002"}) {
		t.Errorf("after update, 发票 = %v", got)
	}
	if got := stList(t, db, ctx, store.Query{Search: "态度"}); len(got) != 0 {
		t.Errorf("after update, the old text still matches: %v", got)
	}
}

func TestQueueTabsFiltersAndOrder(t *testing.T) {
	db, ctx := stOpen(t)
	h := func(n int) time.Time { return stNow.Add(time.Duration(n) * time.Hour) }
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
	stInsert(t, db, ctx,
		// overdue, mine, grade A
		stCase("TS20261120-0001", with(due(h(-5), "closure_a"), mine, func(c *store.Case) { c.Grade = "A"; c.Category = "product.defect" })),
		// due today, unassigned, from the web
		stCase("TS20261120-0002", with(due(h(3), "first_response"), func(c *store.Case) { c.Channel = "web"; c.Category = "product" })),
		// due tomorrow, someone else's
		stCase("TS20261120-0003", with(due(h(20), "closure"), func(c *store.Case) { c.Handler = "wang"; c.Category = "price.refund" })),
		// closed, waiting for its revisit, due in 5 days; handled by me
		stCase("TS20261120-0004", with(due(h(120), "revisit"), closed, func(c *store.Case) { c.Handler = "lina" })),
		// finished: revisited, no running clock
		stCase("TS20261120-0005", with(closed, func(c *store.Case) { c.Status = "revisited"; c.Handler = "lina"; c.Category = "productivity" })),
		// overdue by a minute, unassigned, grade B
		stCase("TS20261120-0006", with(due(stNow.Add(-time.Minute), "first_response"), func(c *store.Case) { c.Grade = "B" })),
		// due exactly at the end of today (a day clock's 24:00): still today's
		stCase("TS20261120-0007", with(due(stDayEnd, "closure"), mine)),
		// due exactly now: today's, not yet overdue
		stCase("TS20261120-0008", with(due(stNow, "first_response"))),
	)
	all := []string{"TS20261120-0001", "TS20261120-0006", "TS20261120-0008", "TS20261120-0002", "TS20261120-0007", "TS20261120-0003", "TS20261120-0004", "TS20261120-0005"}
	if got := stList(t, db, ctx, store.Query{}); !slices.Equal(got, all) {
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
		if got := stList(t, db, ctx, tc.q); !slices.Equal(got, tc.want) {
			t.Errorf("%s: got %v; want %v", tc.name, got, tc.want)
		}
	}

	// other orders
	if got := stList(t, db, ctx, store.Query{Sort: store.SortNumber}); !slices.Equal(got, []string{
		"TS20261120-0008", "TS20261120-0007", "TS20261120-0006", "TS20261120-0005", "TS20261120-0004", "TS20261120-0003", "TS20261120-0002", "TS20261120-0001"}) {
		t.Errorf("by number: %v", got)
	}
	if got := stList(t, db, ctx, store.Query{Sort: store.SortGrade}); len(got) != 8 || got[0] != "TS20261120-0001" || got[1] != "TS20261120-0006" {
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

func TestEventsAreAppendOnly(t *testing.T) {
	db, ctx := stOpen(t)
	c := stCase("TS20261122-0001", nil)
	stInsert(t, db, ctx, c)
	err := db.Write(ctx, func(tx store.Tx) error {
		return tx.AppendEvent(&store.Event{CaseID: c.ID, At: stNow, Actor: "lina", Action: "note", Note: "第一次回电",
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
		if _, err := db.writer.ExecContext(ctx, q); err == nil || !strings.Contains(err.Error(), "append-only") {
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
	if len(evs) != 2 || evs[1].Actor != "lina" || evs[1].Note != "第一次回电" || evs[1].After["x"] != "y" || !evs[1].At.Equal(stNow) {
		t.Errorf("history after the attempts: %+v", evs)
	}
}

func TestUpdateCaseVersionAndDerived(t *testing.T) {
	db, ctx := stOpen(t)
	c := stCase("TS20261122-0001", func(c *store.Case) { c.IdemKey = "k1" })
	stInsert(t, db, ctx, c)

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
	fresh.NextDue, fresh.NextClock = stNow.Add(time.Hour), "closure"
	if err := db.Write(ctx, func(tx store.Tx) error { return tx.SetDerived(&fresh) }); err != nil {
		t.Fatal(err)
	}
	err = db.Read(ctx, func(tx store.Tx) error {
		got, err := tx.CaseByIdemKey("k1")
		if err != nil {
			return err
		}
		if got.Handler != "lina" || got.Version != 2 || got.NextClock != "closure" || !got.NextDue.Equal(stNow.Add(time.Hour)) {
			t.Errorf("stored %q v%d %s %v", got.Handler, got.Version, got.NextClock, got.NextDue)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// the same idempotency key cannot be stored twice
	err = db.Write(ctx, func(tx store.Tx) error {
		return tx.InsertCase(stCase("TS20261122-0002", func(c *store.Case) { c.IdemKey = "k1" }))
	})
	if !errors.Is(err, store.ErrDuplicate) {
		t.Errorf("duplicate key: %v", err)
	}
	// a read transaction does not write
	err = db.Read(ctx, func(tx store.Tx) error { return tx.InsertCase(stCase("TS20261122-0003", nil)) })
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

func TestBackup(t *testing.T) {
	db, ctx := stOpen(t)
	var cases []*store.Case
	for i := 1; i <= 5; i++ {
		cases = append(cases, stCase(fmt.Sprintf("TS20261122-%04d", i), func(c *store.Case) { c.Content = fmt.Sprintf("第%d号投诉：退款", i) }))
	}
	stInsert(t, db, ctx, cases...)

	out := filepath.Join(t.TempDir(), "backups", "desk-2026-11-22.db")
	if err := os.MkdirAll(filepath.Dir(out), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := db.Backup(ctx, out); err != nil {
		t.Fatalf("backup: %v", err)
	}
	// the live database keeps working after the backup
	stInsert(t, db, ctx, stCase("TS20261122-0006", nil))

	copyDB, err := Open(ctx, out)
	if err != nil {
		t.Fatalf("open the backup: %v", err)
	}
	defer copyDB.Close()
	if err := copyDB.Check(ctx); err != nil {
		t.Errorf("backup integrity: %v", err)
	}
	got := stList(t, copyDB, ctx, store.Query{})
	if len(got) != 5 || slices.Contains(got, "TS20261122-0006") {
		t.Errorf("backup holds %v; want the 5 cases at the time of the backup", got)
	}
	if hits := stList(t, copyDB, ctx, store.Query{Search: "退款"}); len(hits) != 5 {
		t.Errorf("search in the backup: %v", hits)
	}
	err = copyDB.Read(ctx, func(tx store.Tx) error {
		c, err := tx.CaseByNumber("TS20261122-0003")
		if err != nil {
			return err
		}
		evs, err := tx.Events(c.ID)
		if c.Content != "第3号投诉：退款" || len(evs) != 1 || c.Primary().Name != "赵六" {
			t.Errorf("case in the backup: %q, %d events, %+v", c.Content, len(evs), c.Primary())
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}

	// an existing file is never overwritten
	before, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	copyDB.Close()
	if err := db.Backup(ctx, out); err == nil || !strings.Contains(err.Error(), "exists") {
		t.Errorf("backup onto an existing file: %v; want a refusal", err)
	}
	if after, _ := os.ReadFile(out); !slices.Equal(before, after) {
		t.Error("the refused backup changed the existing file")
	}
	if err := db.Check(ctx); err != nil {
		t.Errorf("live integrity: %v", err)
	}
}
