package sqlite

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"complaintdesk/store"
	"complaintdesk/store/storetest"
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

func TestBackup(t *testing.T) {
	db, ctx := stOpen(t)
	var cases []*store.Case
	for i := 1; i <= 5; i++ {
		cases = append(cases, storetest.Case(fmt.Sprintf("TS20261122-%04d", i), func(c *store.Case) { c.Content = fmt.Sprintf("第%d号投诉：退款", i) }))
	}
	storetest.Insert(t, db, cases...)

	out := filepath.Join(t.TempDir(), "backups", "desk-2026-11-22.db")
	if err := os.MkdirAll(filepath.Dir(out), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := db.Backup(ctx, out); err != nil {
		t.Fatalf("backup: %v", err)
	}
	// the live database keeps working after the backup
	storetest.Insert(t, db, storetest.Case("TS20261122-0006", nil))

	copyDB, err := Open(ctx, out)
	if err != nil {
		t.Fatalf("open the backup: %v", err)
	}
	defer copyDB.Close()
	if err := copyDB.Check(ctx); err != nil {
		t.Errorf("backup integrity: %v", err)
	}
	got := storetest.List(t, copyDB, store.Query{})
	if len(got) != 5 || slices.Contains(got, "TS20261122-0006") {
		t.Errorf("backup holds %v; want the 5 cases at the time of the backup", got)
	}
	if hits := storetest.List(t, copyDB, store.Query{Search: "退款"}); len(hits) != 5 {
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
