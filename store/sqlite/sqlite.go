// Package sqlite is the SQLite implementation of store.Store on
// modernc.org/sqlite (pure Go, no cgo).
//
// One process holds two pools on the same file: a writer with a single
// connection whose transactions begin IMMEDIATE (so read-then-write
// transactions never fail with SQLITE_BUSY_SNAPSHOT), and a pool of
// query-only readers. WAL with synchronous=FULL: a commit that returned is
// on disk.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite" // the database/sql driver "sqlite"

	"complaintdesk/store"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is a store.Store on one SQLite file.
type DB struct {
	path   string
	writer *sql.DB
	reader *sql.DB

	// Tightened lists the files (and the directory) Open made private
	// because others could read them ("desk.db (was 0644)").
	Tightened []string

	// versionConn is held open for PRAGMA data_version, which is per
	// connection and changes when any other connection (of this process or
	// another) commits.
	versionMu   sync.Mutex
	versionConn *sql.Conn

	// The background merger of the search index (see mergeSearch),
	// started by the process's first write.
	mergeMu   sync.Mutex
	stopMerge context.CancelFunc
	mergeDone chan struct{}
	closed    bool
	// bulk pauses the merger while BeginBulk's job writes (import.go).
	bulk atomic.Bool
}

var (
	_ store.Store     = (*DB)(nil)
	_ store.Backuper  = (*DB)(nil)
	_ store.Checker   = (*DB)(nil)
	_ store.FileStore = (*DB)(nil)
)

func dsn(path string, readOnly bool) string {
	q := url.Values{}
	for _, p := range []string{
		"busy_timeout(10000)",
		"journal_mode(WAL)",
		"synchronous(FULL)",
		"foreign_keys(ON)",
		"trusted_schema(OFF)",
	} {
		q.Add("_pragma", p)
	}
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Set("_txlock", "immediate")
	}
	q.Set("_defensive", "1")
	q.Set("_dqs", "0")
	u := url.URL{Scheme: "file", Path: path, RawQuery: q.Encode()}
	return u.String()
}

// Open opens (creating if needed) the database at path and applies the
// embedded migrations.
//
// Every CLI command opens the database, so opening is kept cheap: whether
// a migration is missing is read on a reader connection, without taking
// the write lock (another process may hold it for seconds during an
// import), and a command that only reads never opens the writer's
// connection at all.
func Open(ctx context.Context, path string) (*DB, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	tightened, err := privateFiles(abs) // makes the directory when missing
	if err != nil {
		return nil, err
	}
	w, err := sql.Open("sqlite", dsn(abs, false))
	if err != nil {
		return nil, err
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxIdleTime(0)
	w.SetConnMaxLifetime(0)
	r, err := sql.Open("sqlite", dsn(abs, true))
	if err != nil {
		w.Close()
		return nil, err
	}
	r.SetMaxOpenConns(8)
	r.SetMaxIdleConns(8)
	db := &DB{path: abs, writer: w, reader: r, Tightened: tightened}
	if err := db.migrate(ctx); err != nil {
		r.Close()
		w.Close()
		return nil, fmt.Errorf("open %s: %w", abs, err)
	}
	return db, nil
}

// startMerging starts the search index's merger once, at the first write:
// a process that only reads (an export, a report, `desk cases list`)
// never takes the write lock for it. Each merge step is a write
// transaction; an exporting process merging after every commit of the
// registering one made that one's registrations wait for the lock for
// seconds on a busy disk.
func (db *DB) startMerging() {
	db.mergeMu.Lock()
	defer db.mergeMu.Unlock()
	if db.stopMerge != nil || db.closed {
		return
	}
	mctx, stop := context.WithCancel(context.Background())
	db.stopMerge, db.mergeDone = stop, make(chan struct{})
	go func() {
		defer close(db.mergeDone)
		var wg sync.WaitGroup
		wg.Go(func() { db.mergeLoop(mctx, mergeEvery) })
		wg.Go(func() { db.checkpointLoop(mctx, checkpointEvery) })
		wg.Wait()
	}()
}

// SQLite checkpoints by itself inside the commit that takes the WAL past
// wal_autocheckpoint pages (1000): every few dozen registrations one copied
// 4 MB into the database file and waited for its fsync (the quiet p99 of
// registrations at a million cases, issue 18). A process that writes for
// longer than checkpointEvery checkpoints in the background instead, on a
// connection of its own, after commits of any process (PASSIVE: it neither
// waits for nor blocks the writer and the readers), and its writer's own
// checkpoint is left as a guard at checkpointGuard pages should the
// background fall behind. A reader that stays (an export) keeps the WAL
// from being reused however it is checkpointed.
const (
	checkpointEvery = 200 * time.Millisecond
	checkpointGuard = 16384 // pages: a WAL of 64 MiB
)

func (db *DB) checkpointLoop(ctx context.Context, every time.Duration) {
	var ck *sql.DB
	defer func() {
		if ck != nil {
			// What the process wrote last goes to the database file too.
			_, _ = ck.ExecContext(context.Background(), `PRAGMA wal_checkpoint(PASSIVE)`)
			ck.Close()
		}
	}()
	guarded := false
	db.afterCommits(ctx, every, func() {
		if ck == nil {
			c, err := sql.Open("sqlite", dsn(db.path, false))
			if err != nil {
				return
			}
			c.SetMaxOpenConns(1)
			ck = c
		}
		if !guarded {
			// A bulk job sets its own and puts this back when it ends.
			_, err := db.writer.ExecContext(ctx, fmt.Sprintf(`PRAGMA wal_autocheckpoint = %d`, checkpointGuard))
			guarded = err == nil
		}
		_, _ = ck.ExecContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`)
	})
}

// afterCommits calls work at most once every tick, when some connection has
// committed since its last call (data_version moved), never during a bulk
// job, until ctx ends.
func (db *DB) afterCommits(ctx context.Context, every time.Duration, work func()) {
	t := time.NewTicker(every)
	defer t.Stop()
	var seen int64 = -1
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		v, err := db.DataVersion(ctx)
		if err != nil || v == seen || db.bulk.Load() {
			continue
		}
		seen = v
		work()
	}
}

// The search index (FTS5) is a set of segments that must be merged as cases
// are written. FTS5's automerge does that inside the writing transaction:
// every 64 pages written it merges 64 pages per level of the index, so at a
// million cases one registration in 64 took 40 ms instead of 2
// (docs/benchmarks.md). Migration 0002 turns automerge off and this loop
// merges after commits instead, in steps of a few milliseconds, each its own
// transaction on the writer, so a registration waits for one step at most.
// If the loop falls behind (or no long-lived process runs it), FTS5 still
// merges a level by itself once it holds 16 segments ("crisismerge").
const (
	mergeEvery    = time.Second
	mergePages    = 16  // pages one step merges: 2-4 ms at a million cases
	mergeMaxSteps = 100 // steps per round at most
)

func (db *DB) mergeLoop(ctx context.Context, every time.Duration) {
	db.afterCommits(ctx, every, func() {
		for i := 0; i < mergeMaxSteps && ctx.Err() == nil; i++ {
			if worked, err := db.mergeSearch(ctx, mergePages); err != nil || !worked {
				break
			}
		}
	})
}

// mergeSearch merges about pages pages of search-index segments in one
// transaction and reports whether there was anything to merge.
func (db *DB) mergeSearch(ctx context.Context, pages int) (bool, error) {
	tx, err := db.writer.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	var before, after int64
	if err := tx.QueryRowContext(ctx, `SELECT total_changes()`).Scan(&before); err != nil {
		return false, err
	}
	// A positive count merges only levels holding 'usermerge' (4) segments.
	if _, err := tx.ExecContext(ctx, `INSERT INTO case_search (case_search, rank) VALUES ('merge', $1)`, pages); err != nil {
		return false, err
	}
	if err := tx.QueryRowContext(ctx, `SELECT total_changes()`).Scan(&after); err != nil {
		return false, err
	}
	if err := tx.Commit(); err != nil {
		return false, err
	}
	// FTS5 documents a difference of 2 or more as "work was done".
	return after-before >= 2, nil
}

// Path is the absolute path of the database file.
func (db *DB) Path() string { return db.path }

func (db *DB) migrate(ctx context.Context) error {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	versions := make([]int, len(names))
	for i, name := range names {
		if versions[i], err = strconv.Atoi(strings.SplitN(filepath.Base(name), "_", 2)[0]); err != nil {
			return fmt.Errorf("migration %s: name must start with a number", name)
		}
	}
	if db.migrated(ctx, versions) {
		return nil
	}
	if _, err := db.writer.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL) STRICT`); err != nil {
		return err
	}
	for i, name := range names {
		version := versions[i]
		body, err := migrations.ReadFile(name)
		if err != nil {
			return err
		}
		// Each migration and its version record commit together.
		tx, err := db.writer.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = $1`, version).Scan(&n); err != nil {
			tx.Rollback()
			return err
		}
		if n > 0 {
			tx.Rollback()
			continue
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", name, err)
		}
		if step := goSteps[version]; step != nil {
			if err := step(ctx, tx); err != nil {
				tx.Rollback()
				return fmt.Errorf("migration %s: %w", name, err)
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)`, version, nowMillis()); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

// migrated reports whether every migration is applied, read on a reader
// (no write lock). Any doubt (a new file, an error) answers false and the
// writer checks each migration in its own transaction.
func (db *DB) migrated(ctx context.Context, versions []int) bool {
	rows, err := db.reader.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return false
	}
	defer rows.Close()
	have := map[int]bool{}
	for rows.Next() {
		var v int
		if rows.Scan(&v) != nil {
			return false
		}
		have[v] = true
	}
	if rows.Err() != nil {
		return false
	}
	for _, v := range versions {
		if !have[v] {
			return false
		}
	}
	return true
}

// Read runs fn in a read-only transaction.
func (db *DB) Read(ctx context.Context, fn func(store.Tx) error) error {
	tx, err := db.reader.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return fn(&txn{ctx: ctx, tx: tx, readOnly: true})
}

// Write runs fn in an immediate write transaction on the single writer.
func (db *DB) Write(ctx context.Context, fn func(store.Tx) error) error {
	db.startMerging()
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	if err := fn(&txn{ctx: ctx, tx: tx}); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// writeWait is how long Write waits in all for the write lock held by
// another process. busy_timeout waits 10 s once, but SQLite's lock is not
// fair between processes: one that commits batch after batch (an import, a
// recompute, a burst of registrations) takes it again at once while the
// other sleeps in its busy handler, so the other's BEGIN can fail with
// SQLITE_BUSY although the lock was free many times. Nothing has run when
// BEGIN fails, so it is retried.
const writeWait = time.Minute

func (db *DB) beginWrite(ctx context.Context) (*sql.Tx, error) {
	start := time.Now()
	for {
		tx, err := db.writer.BeginTx(ctx, nil)
		if err == nil || !isBusy(err) || ctx.Err() != nil || time.Since(start) >= writeWait {
			return tx, err
		}
	}
}

// DataVersion returns SQLite's data_version as seen by a dedicated connection.
func (db *DB) DataVersion(ctx context.Context) (int64, error) {
	db.versionMu.Lock()
	defer db.versionMu.Unlock()
	if db.versionConn == nil {
		c, err := db.reader.Conn(ctx)
		if err != nil {
			return 0, err
		}
		db.versionConn = c
	}
	var v int64
	if err := db.versionConn.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v); err != nil {
		db.versionConn.Close()
		db.versionConn = nil
		return 0, err
	}
	return v, nil
}

// Backup writes a consistent copy with VACUUM INTO (safe while the desk is
// in use) and runs the integrity check on the copy.
func (db *DB) Backup(ctx context.Context, path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	if _, err := os.Stat(abs); err == nil {
		return fmt.Errorf("backup: %s already exists; choose a new file", abs)
	}
	// VACUUM INTO writes a new file, which a query_only reader refuses; the
	// single writer must stay free for registrations. A connection of its
	// own reads one snapshot and never blocks the writer (WAL).
	src, err := sql.Open("sqlite", dsn(db.path, false))
	if err != nil {
		return err
	}
	defer src.Close()
	if _, err := src.ExecContext(ctx, `VACUUM INTO $1`, abs); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := os.Chmod(abs, 0o600); err != nil { // the customers' data: the owner's alone
		return fmt.Errorf("backup: %w", err)
	}
	copyDB, err := sql.Open("sqlite", dsn(abs, true))
	if err != nil {
		return err
	}
	defer copyDB.Close()
	if err := integrityCheck(ctx, copyDB); err != nil {
		return fmt.Errorf("backup written to %s but it fails the check: %w", abs, err)
	}
	return nil
}

// Check runs PRAGMA integrity_check on the live database.
func (db *DB) Check(ctx context.Context) error { return integrityCheck(ctx, db.reader) }

func integrityCheck(ctx context.Context, d *sql.DB) error {
	rows, err := d.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return err
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return err
		}
		if s != "ok" {
			problems = append(problems, s)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "; "))
	}
	return nil
}

// Close closes both pools.
func (db *DB) Close() error {
	db.mergeMu.Lock()
	db.closed = true
	stop, done := db.stopMerge, db.mergeDone
	db.stopMerge = nil
	db.mergeMu.Unlock()
	if stop != nil {
		stop()
		<-done
	}
	db.versionMu.Lock()
	if db.versionConn != nil {
		db.versionConn.Close()
		db.versionConn = nil
	}
	db.versionMu.Unlock()
	var errs []error
	if db.reader != nil {
		errs = append(errs, db.reader.Close())
	}
	errs = append(errs, db.writer.Close())
	return errors.Join(errs...)
}
