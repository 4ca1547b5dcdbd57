// Package postgres is the PostgreSQL implementation of store.Store on
// pgx (github.com/jackc/pgx/v5), for a desk shared by several machines.
//
// It keeps store/sqlite's behaviour: the same rows, orders, filters and
// search tokens (store/search). Reads are REPEATABLE READ READ ONLY: one
// snapshot each. Writes take turns: each begins by bumping the change
// counter (desk_changes), whose row lock it holds to its commit, so the
// writers of every process run one after another as SQLite's single writer
// does, and each statement of a write (READ COMMITTED) sees every commit
// before it. A serialization failure or deadlock (SQLSTATE 40001, 40P01)
// runs the transaction again.
package postgres

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"complaintdesk/store"
	"complaintdesk/store/redact"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is a store.Store on one PostgreSQL database (the schema of the URL's
// search_path).
type DB struct {
	pool     *pgxpool.Pool
	redacted string // the URL without its password, for messages
	channel  string // the change feed's LISTEN channel, one per schema

	// version is the change counter as last seen: by this process's
	// commits and by the listener, which hears every other's.
	version atomic.Int64
	feedMu  sync.Mutex
	feed    *listener
	waiters waiters // of Changes

	// bulk: write transactions do not wait for the disk (BeginBulk).
	bulk atomic.Bool
}

var (
	_ store.Store = (*DB)(nil)
	_ store.Tx    = (*txn)(nil)
	_ store.Bulk  = (*DB)(nil)
)

// Open connects to the database at url (postgres://user:pass@host:port/db
// or key=value form; a password may also come from PGPASSWORD or
// ~/.pgpass) and applies the embedded migrations. An error never shows the
// password.
func Open(ctx context.Context, url string) (*DB, error) {
	red := redact.DSN(url)
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		// pgx's parse errors quote the URL: say only what is wrong with it.
		return nil, fmt.Errorf("postgres %s: the URL cannot be read (postgres://user@host:port/database?sslmode=...)", red)
	}
	withConnectTimeout(cfg)
	if cfg.MaxConns < 8 {
		cfg.MaxConns = 8
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres %s: %s", red, scrub(err, url))
	}
	db := &DB{pool: pool, redacted: red}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres %s: %w", red, connectError(err, cfg, url))
	}
	if err := db.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres %s: %s", red, scrub(err, url))
	}
	var schema string
	if err := pool.QueryRow(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres %s: %s", red, scrub(err, url))
	}
	db.channel = changeChannel(schema)
	return db, nil
}

// changeChannel is the change feed's channel of a schema: its own, so
// that desks in two schemas of one database do not wake each other, and
// short and plain whatever the schema is called (a channel name is an
// identifier of at most 63 bytes).
func changeChannel(schema string) string {
	sum := sha256.Sum256([]byte(schema))
	return "desk_changes_" + hex.EncodeToString(sum[:8])
}

// scrub is err's text on one line with any password of url taken out:
// pgx's messages can quote the connection string, and list each address
// tried on a line of its own.
func scrub(err error, raw string) string {
	return strings.Join(strings.Fields(redact.Scrub(err.Error(), raw)), " ")
}

// migrationFiles are the embedded migrations and their versions, in order.
func migrationFiles() ([]string, []int, error) {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return nil, nil, err
	}
	sort.Strings(names)
	versions := make([]int, len(names))
	for i, name := range names {
		if versions[i], err = strconv.Atoi(strings.SplitN(filepath.Base(name), "_", 2)[0]); err != nil {
			return nil, nil, fmt.Errorf("migration %s: name must start with a number", name)
		}
	}
	return names, versions, nil
}

// migrationLock is the advisory lock key two processes opening a new
// database at once take turns on.
const migrationLock = 0x6465736b // "desk"

func (db *DB) migrate(ctx context.Context) error {
	names, versions, err := migrationFiles()
	if err != nil {
		return err
	}
	// Cheap when nothing is missing: one read, no lock.
	if have, err := db.appliedVersions(ctx); err == nil && containsAll(have, versions) {
		return nil
	}
	return pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, migrationLock); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at bigint NOT NULL)`); err != nil {
			return err
		}
		for i, name := range names {
			var n int
			if err := tx.QueryRow(ctx, `SELECT count(*) FROM schema_migrations WHERE version = $1`, versions[i]).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				continue
			}
			body, err := migrations.ReadFile(name)
			if err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, string(body)); err != nil {
				return fmt.Errorf("migration %s: %w", name, err)
			}
			if _, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)`, versions[i], time.Now().UnixMilli()); err != nil {
				return err
			}
		}
		return nil
	})
}

func (db *DB) appliedVersions(ctx context.Context) (map[int]bool, error) {
	rows, err := db.pool.Query(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return nil, err
	}
	vs, err := pgx.CollectRows(rows, pgx.RowTo[int])
	if err != nil {
		return nil, err
	}
	have := map[int]bool{}
	for _, v := range vs {
		have[v] = true
	}
	return have, nil
}

func containsAll(have map[int]bool, want []int) bool {
	for _, v := range want {
		if !have[v] {
			return false
		}
	}
	return true
}

// Read runs fn in a read-only transaction that sees one snapshot.
func (db *DB) Read(ctx context.Context, fn func(store.Tx) error) error {
	return db.retry(ctx, func() error {
		tx, err := db.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
		if err != nil {
			return err
		}
		defer tx.Rollback(context.WithoutCancel(ctx))
		return fn(&txn{ctx: ctx, tx: tx, readOnly: true})
	})
}

// Write runs fn in a write transaction, after the writes of every other
// transaction that bumped the change counter before it.
func (db *DB) Write(ctx context.Context, fn func(store.Tx) error) error {
	return db.retry(ctx, func() error {
		tx, err := db.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.ReadCommitted})
		if err != nil {
			return err
		}
		defer tx.Rollback(context.WithoutCancel(ctx))
		if db.bulk.Load() {
			if _, err := tx.Exec(ctx, `SET LOCAL synchronous_commit = off`); err != nil {
				return err
			}
		}
		var v int64
		if err := tx.QueryRow(ctx, `WITH u AS (UPDATE desk_changes SET n = n + 1 WHERE id = 1 RETURNING n)
			SELECT n FROM u, pg_notify($1, n::text)`, db.channel).Scan(&v); err != nil {
			return err
		}
		if err := fn(&txn{ctx: ctx, tx: tx}); err != nil {
			return err
		}
		if err := tx.Commit(ctx); err != nil {
			return err
		}
		db.seen(v)
		return nil
	})
}

// retryLimit is how many times a transaction runs at most.
const retryLimit = 10

// retry runs attempt again while it fails with a serialization failure or
// a deadlock, which PostgreSQL resolves by cancelling one of the
// transactions: run again, it sees the other's commit.
func (db *DB) retry(ctx context.Context, attempt func() error) error {
	var err error
	for i := range retryLimit {
		if err = attempt(); err == nil || !retryable(err) || ctx.Err() != nil {
			return err
		}
		time.Sleep(time.Duration(i+1) * 5 * time.Millisecond)
	}
	return err
}

// SQLSTATE codes the store tells apart: by code, never by message text.
const (
	codeSerialization = "40001"
	codeDeadlock      = "40P01"
	codeUnique        = "23505"
	codeForeignKey    = "23503"
)

func pgCode(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code
	}
	return ""
}

func retryable(err error) bool {
	c := pgCode(err)
	return c == codeSerialization || c == codeDeadlock
}

func isUnique(err error) bool     { return pgCode(err) == codeUnique }
func isForeignKey(err error) bool { return pgCode(err) == codeForeignKey }

// Backup is not done by the desk on PostgreSQL: the server's own tools
// make a consistent copy.
func (db *DB) Backup(ctx context.Context, path string) error {
	return fmt.Errorf("backup: the desk's database is on PostgreSQL (%s); back it up with pg_dump (pg_dump -Fc -f %s 'URL'), not desk backup", db.redacted, path)
}

// Check verifies that the schema is the one this desk expects and that
// the stored data holds together: every case has its search row, every
// event and complainant its case, no case number twice.
func (db *DB) Check(ctx context.Context) error {
	_, versions, err := migrationFiles()
	if err != nil {
		return err
	}
	have, err := db.appliedVersions(ctx)
	if err != nil {
		return fmt.Errorf("schema: %w", err)
	}
	if !containsAll(have, versions) {
		return fmt.Errorf("schema: migrations %v expected, the database has %d of them", versions, len(have))
	}
	var problems []string
	return db.Read(ctx, func(st store.Tx) error {
		t := st.(*txn)
		for _, c := range []struct{ what, q string }{
			{"cases without a search entry", `SELECT count(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM case_search s WHERE s.case_id = c.id)`},
			{"search entries without a case", `SELECT count(*) FROM case_search s WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = s.case_id)`},
			{"change counter rows", `SELECT count(*) - 1 FROM desk_changes`},
		} {
			var n int
			if err := t.tx.QueryRow(ctx, c.q).Scan(&n); err != nil {
				return err
			}
			if n != 0 {
				problems = append(problems, fmt.Sprintf("%s: %d", c.what, n))
			}
		}
		if len(problems) > 0 {
			return errors.New(strings.Join(problems, "; "))
		}
		return nil
	})
}

// Close stops the change feed and closes the pool.
func (db *DB) Close() error {
	db.feedMu.Lock()
	if db.feed != nil {
		db.feed.stop()
		db.feed = nil
	}
	db.feedMu.Unlock()
	db.pool.Close()
	return nil
}

// String is where the database is, without the password.
func (db *DB) String() string { return db.redacted }
