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
	return Handles(t, 1)[0]
}

// Handles returns n handles on one new, empty database, as n processes
// sharing it have, each closed when t ends.
func Handles(t testing.TB, n int) []store.Store {
	t.Helper()
	var open func() (store.Store, error)
	if pgtest.Enabled() {
		u := pgtest.URL(t)
		open = func() (store.Store, error) { return postgres.Open(context.Background(), u) }
	} else {
		path := filepath.Join(t.TempDir(), "desk.db")
		open = func() (store.Store, error) { return sqlite.Open(context.Background(), path) }
	}
	out := make([]store.Store, n)
	for i := range out {
		db, err := open()
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		out[i] = db
	}
	return out
}
