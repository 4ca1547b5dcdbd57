// Package pgtest gives a test its own empty schema on the PostgreSQL server
// that DESK_TEST_PG names (.ci/postgres.sh starts one and sets it), dropped
// when the test ends; without DESK_TEST_PG the test is skipped.
package pgtest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Env names the server the PostgreSQL tests run against.
const Env = "DESK_TEST_PG"

// Enabled says whether DESK_TEST_PG is set.
func Enabled() bool { return os.Getenv(Env) != "" }

var seq atomic.Int64

// URL is the URL of a fresh schema for t (search_path set to it).
func URL(t testing.TB) string {
	t.Helper()
	base := os.Getenv(Env)
	if base == "" {
		t.Skip(Env + " is not set: run under .ci/postgres.sh to test the PostgreSQL store")
	}
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("%s: %v", Env, err) // pgx's error names no password
	}
	defer admin.Close(ctx)
	schema := fmt.Sprintf("t_%d_%d_%d", os.Getpid(), time.Now().UnixNano()%1e9, seq.Add(1))
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
