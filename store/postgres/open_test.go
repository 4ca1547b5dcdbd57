package postgres

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"complaintdesk/store/redact"
)

// testURL is the URL of a fresh schema of the test database named by
// DESK_TEST_PG (dropped when the test ends); the test is skipped when
// DESK_TEST_PG is not set (.ci/postgres.sh sets it).
func testURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv("DESK_TEST_PG")
	if base == "" {
		t.Skip("DESK_TEST_PG is not set: run under .ci/postgres.sh to test the PostgreSQL store")
	}
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("DESK_TEST_PG %s: %v", redact.DSN(base), err)
	}
	defer admin.Close(ctx)
	schema := fmt.Sprintf("t_%d_%d_%d", os.Getpid(), time.Now().UnixNano()%1e9, schemaSeq.Add(1))
	if _, err := admin.Exec(ctx, `CREATE SCHEMA `+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), base)
		if err != nil {
			t.Error(err)
			return
		}
		defer c.Close(context.Background())
		if _, err := c.Exec(context.Background(), `DROP SCHEMA `+schema+` CASCADE`); err != nil {
			t.Error(err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

var schemaSeq atomic.Int64

// testOpen opens a fresh schema.
func testOpen(t testing.TB) *DB {
	t.Helper()
	db, err := Open(context.Background(), testURL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
