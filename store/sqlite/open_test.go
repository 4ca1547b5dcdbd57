package sqlite

import (
	"context"
	"path/filepath"
	"testing"

	"complaintdesk/store"
	"complaintdesk/store/storetest"
)

// Opening a migrated database and reading from it never opens the writer's
// connection (no write lock, no merger): what every read-only CLI command
// and an export do. The first write starts the search merger.
func TestReadOnlyUseLeavesTheWriterAlone(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "desk.db")
	db, err := Open(ctx, path) // a new file: migrated on the writer
	if err != nil {
		t.Fatal(err)
	}
	storetest.Insert(t, db, storetest.Case("TS20261101-0001", nil))
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	db, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Read(ctx, func(tx store.Tx) error {
		_, err := tx.CaseByNumber("TS20261101-0001")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := db.writer.Stats().OpenConnections; n != 0 || db.stopMerge != nil {
		t.Errorf("after opening and reading: %d writer connections, merger running %v", n, db.stopMerge != nil)
	}
	storetest.Insert(t, db, storetest.Case("TS20261101-0002", nil))
	if db.stopMerge == nil {
		t.Error("a write did not start the search merger")
	}
}
