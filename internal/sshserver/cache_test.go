package sshserver

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"complaintdesk/internal/desk"
	"complaintdesk/store"
	"complaintdesk/store/sqlite"
)

func TestCachingStoreSharesReadsWithinAGeneration(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "desk.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cs := NewCachingStore(db)
	d, err := desk.Open(ctx, cs, desk.Options{By: "test"})
	if err != nil {
		t.Fatal(err)
	}
	agent := desk.Actor{Name: "李娜", Role: "agent"}
	register := func() {
		if _, _, err := d.Register(ctx, agent, desk.Registration{Name: "张三", Phone: "13800138000", Content: "退款"}); err != nil {
			t.Fatal(err)
		}
	}
	register()
	count := func(q store.Query) int {
		var n int
		if err := cs.Read(ctx, func(tx store.Tx) error {
			var err error
			n, err = tx.CountCases(q)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return n
	}
	// A hundred sessions ask at once: one query.
	h0, m0 := cs.Stats()
	var wg sync.WaitGroup
	for i := 0; i < 100; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// each session asks with its own user and clock
			if n := count(store.Query{Tab: store.TabAll, User: "u" + string(rune('a'+i%26)), Now: time.Now()}); n != 1 {
				t.Errorf("count %d; want 1", n)
			}
		}()
	}
	wg.Wait()
	h1, m1 := cs.Stats()
	if m1-m0 != 1 || h1-h0 != 99 {
		t.Errorf("100 reads: %d misses, %d hits; want 1 and 99", m1-m0, h1-h0)
	}
	// A write starts a new generation: the next read sees it.
	register()
	if n := count(store.Query{Tab: store.TabAll}); n != 2 {
		t.Errorf("after a write: %d; want 2", n)
	}
	// The Mine tab is per user.
	if n := count(store.Query{Tab: store.TabMine, User: "李娜"}); n != 0 {
		t.Errorf("mine: %d", n)
	}
	// Another process's write: stale until Invalidate (the relay's job).
	db2, err := sqlite.Open(ctx, db.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	d2, err := desk.Open(ctx, db2, desk.Options{By: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := d2.Register(ctx, agent, desk.Registration{Name: "李四", Phone: "13900139000", Content: "维修"}); err != nil {
		t.Fatal(err)
	}
	if n := count(store.Query{Tab: store.TabAll}); n != 2 {
		t.Errorf("before the relay invalidates: %d; want the cached 2", n)
	}
	cs.Invalidate()
	if n := count(store.Query{Tab: store.TabAll}); n != 3 {
		t.Errorf("after Invalidate: %d; want 3", n)
	}
}

func TestQueryKeys(t *testing.T) {
	now := time.Date(2026, 11, 22, 10, 0, 0, 100e6, time.UTC)
	k := func(q store.Query) string {
		s, ok := queryKey("list", q)
		if !ok {
			return "uncached"
		}
		return s
	}
	if k(store.Query{Tab: store.TabAll, User: "a", Now: now}) != k(store.Query{Tab: store.TabAll, User: "b", Now: now.Add(time.Hour)}) {
		t.Error("the All tab differs by user or time")
	}
	if k(store.Query{Tab: store.TabMine, User: "a"}) == k(store.Query{Tab: store.TabMine, User: "b"}) {
		t.Error("the Mine tab is shared between users")
	}
	if k(store.Query{Tab: store.TabOverdue, Now: now}) != k(store.Query{Tab: store.TabOverdue, Now: now.Add(500 * time.Millisecond)}) {
		t.Error("the Overdue tab differs within a second")
	}
	if k(store.Query{Tab: store.TabOverdue, Now: now}) == k(store.Query{Tab: store.TabOverdue, Now: now.Add(time.Second)}) {
		t.Error("the Overdue tab is shared across seconds")
	}
	if k(store.Query{Tab: store.TabAll, Search: "退款"}) == k(store.Query{Tab: store.TabAll, Search: "退货"}) {
		t.Error("searches share an answer")
	}
	if k(store.Query{Tab: store.Tab(99)}) != "uncached" {
		t.Error("an unknown tab is cached")
	}
}
