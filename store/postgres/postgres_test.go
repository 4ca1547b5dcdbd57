package postgres

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"complaintdesk/store"
	"complaintdesk/store/redact"
	"complaintdesk/store/storetest"
)

// A server that cannot be reached is said plainly, with where, and
// without the password, in either form of connection string.
func TestUnreachableServerIsAClearErrorWithoutThePassword(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for _, u := range []string{
		"postgres://desk:s3cret-pw@127.0.0.1:1/desk?connect_timeout=5",
		"host=127.0.0.1 port=1 user=desk password=s3cret-pw dbname=desk connect_timeout=5",
		"postgres://desk:s3cret-pw@127.0.0.1:1/desk?connect_timeout=nonsense",
	} {
		db, err := Open(ctx, u)
		if err == nil {
			db.Close()
			t.Fatalf("%s: opened", redact.DSN(u))
		}
		msg := err.Error()
		if strings.Contains(msg, "s3cret-pw") {
			t.Errorf("the error shows the password: %s", msg)
		}
		if !strings.Contains(msg, "127.0.0.1") {
			t.Errorf("the error does not say which server: %s", msg)
		}
	}
}

// Serialization failures and deadlocks run the transaction again; other
// errors, a unique violation among them, are returned at once. Told apart
// by SQLSTATE.
func TestRetryOnSerializationFailureAndDeadlockOnly(t *testing.T) {
	db := &DB{}
	for _, tc := range []struct {
		code  string
		tries int
	}{{"40001", 3}, {"40P01", 3}, {"23505", 1}, {"25006", 1}} {
		tries := 0
		err := db.retry(context.Background(), func() error {
			tries++
			if tries < 3 {
				return &pgconn.PgError{Code: tc.code, Message: "could not serialize access"}
			}
			return nil
		})
		if tries != tc.tries {
			t.Errorf("SQLSTATE %s: run %d times; want %d", tc.code, tries, tc.tries)
		}
		if (tc.tries == 3) != (err == nil) {
			t.Errorf("SQLSTATE %s: %v", tc.code, err)
		}
	}
}

func TestBackupSaysToUsePgDump(t *testing.T) {
	db := &DB{redacted: redact.DSN("postgres://desk:s3cret@db/desk")}
	err := db.Backup(context.Background(), "/tmp/desk.backup")
	if err == nil || !strings.Contains(err.Error(), "pg_dump") || strings.Contains(err.Error(), "s3cret") {
		t.Errorf("backup: %v; want a refusal naming pg_dump, without the password", err)
	}
}

// Check finds a schema older than the desk and data that does not hold
// together.
func TestCheck(t *testing.T) {
	db := testOpen(t)
	ctx := context.Background()
	c := storetest.Case("TS20261122-0001", nil)
	storetest.Insert(t, db, c)
	if err := db.Check(ctx); err != nil {
		t.Fatalf("a fresh database: %v", err)
	}
	if _, err := db.pool.Exec(ctx, `DELETE FROM case_search WHERE case_id = $1`, c.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.Check(ctx); err == nil || !strings.Contains(err.Error(), "without a search entry") {
		t.Errorf("a case missing from the search: %v", err)
	}
	if _, err := db.pool.Exec(ctx, `DELETE FROM schema_migrations`); err != nil {
		t.Fatal(err)
	}
	if err := db.Check(ctx); err == nil || !strings.Contains(err.Error(), "schema") {
		t.Errorf("no migrations recorded: %v", err)
	}
}

// The change feed comes back after its connection is lost (a server
// restart, an administrator ending it): the next DataVersion reads the
// counter and listens again.
func TestChangeFeedSurvivesALostConnection(t *testing.T) {
	a := testOpen(t)
	ctx := context.Background()
	b, err := Open(ctx, a.pool.Config().ConnString())
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	v0, err := a.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	a.feedMu.Lock()
	pid := a.feed.pid
	a.feedMu.Unlock()
	var ended bool
	if err := b.pool.QueryRow(ctx, `SELECT pg_terminate_backend($1)`, int32(pid)).Scan(&ended); err != nil || !ended {
		t.Fatalf("ending the feed's connection: %v %v", ended, err)
	}
	storetest.Insert(t, b, storetest.Case("TS20261122-0001", nil))
	deadline := time.Now().Add(5 * time.Second)
	for {
		v, err := a.DataVersion(ctx)
		if err == nil && v != v0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after the feed's connection was ended, another's commit is not seen: %v %v", v, err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := a.Read(ctx, func(tx store.Tx) error { _, err := tx.CaseByNumber("TS20261122-0001"); return err }); err != nil {
		t.Fatal(err)
	}
}

// A read transaction refuses to write, in the store and in the database.
func TestReadTransactionsAreReadOnly(t *testing.T) {
	db := testOpen(t)
	ctx := context.Background()
	err := db.Read(ctx, func(tx store.Tx) error { return tx.InsertCase(storetest.Case("TS20261122-0001", nil)) })
	if !errors.Is(err, errReadOnly) {
		t.Errorf("insert in a read transaction: %v", err)
	}
	err = db.Read(ctx, func(st store.Tx) error {
		_, err := st.(*txn).tx.Exec(ctx, `UPDATE desk_changes SET n = n + 1`)
		return err
	})
	if pgCode(err) != "25006" {
		t.Errorf("an UPDATE in a read transaction: %v; want SQLSTATE 25006", err)
	}
}
