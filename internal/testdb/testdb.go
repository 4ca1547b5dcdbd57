// Package testdb opens the store a use-case or report test runs against:
// a SQLite file in the test's directory, or, when DESK_TEST_PG is set (CI
// runs these suites a second time under .ci/postgres.sh), a fresh schema on
// that PostgreSQL server. The desk's tests thus pass on both stores.
package testdb

import (
	"context"
	"path/filepath"
	"testing"

	"complaintdesk/store"
	"complaintdesk/store/postgres"
	"complaintdesk/store/postgres/pgtest"
	"complaintdesk/store/sqlite"
)

// Open returns a new, empty store closed when t ends.
func Open(t testing.TB) store.Store {
	t.Helper()
	var db store.Store
	var err error
	if pgtest.Enabled() {
		db, err = postgres.Open(context.Background(), pgtest.URL(t))
	} else {
		db, err = sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "desk.db"))
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
