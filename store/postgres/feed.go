package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// The change feed. Every write bumps desk_changes.n and notifies the
// schema's channel in its transaction (Write), so the notice arrives when
// it commits. DataVersion is the counter as last heard of: the first call
// starts a listener on a connection of its own, which reads the counter
// again whenever a notice comes; a process that never asks (a CLI command)
// holds no such connection.

// listener holds a connection that LISTENs on the change channel.
type listener struct {
	cancel context.CancelFunc
	done   chan struct{}
	failed chan struct{} // closed when the connection is lost
	pid    uint32        // the server process of the connection
}

// seen records a counter value read or written by this process.
func (db *DB) seen(v int64) {
	for {
		cur := db.version.Load()
		if v <= cur {
			return
		}
		if db.version.CompareAndSwap(cur, v) {
			db.waiters.wake()
			return
		}
	}
}

// DataVersion changes whenever any process commits a write to the
// database; another process's commit is seen as soon as its notice
// arrives (milliseconds).
func (db *DB) DataVersion(ctx context.Context) (int64, error) {
	db.feedMu.Lock()
	defer db.feedMu.Unlock()
	if db.feed != nil {
		select {
		case <-db.feed.failed:
			db.feed.stop()
			db.feed = nil
		default:
			return db.version.Load(), nil
		}
	}
	l, err := db.listen(ctx)
	if err != nil {
		// No listener: read the counter itself, and try again next time.
		v, rerr := db.readVersion(ctx, db.pool)
		if rerr != nil {
			return 0, rerr
		}
		db.seen(v)
		return db.version.Load(), nil
	}
	db.feed = l
	return db.version.Load(), nil
}

func (db *DB) readVersion(ctx context.Context, p *pgxpool.Pool) (int64, error) {
	var v int64
	err := p.QueryRow(ctx, `SELECT n FROM desk_changes WHERE id = 1`).Scan(&v)
	return v, err
}

// listen starts the listener: LISTEN first, then read the counter, so no
// commit falls between the two unheard.
func (db *DB) listen(ctx context.Context) (*listener, error) {
	conn, err := db.pool.Acquire(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := conn.Exec(ctx, `SELECT pg_catalog.set_config('application_name', 'desk change feed', false)`); err != nil {
		conn.Release()
		return nil, err
	}
	if _, err := conn.Exec(ctx, `LISTEN "`+db.channel+`"`); err != nil {
		conn.Release()
		return nil, err
	}
	var v int64
	if err := conn.QueryRow(ctx, `SELECT n FROM desk_changes WHERE id = 1`).Scan(&v); err != nil {
		conn.Release()
		return nil, err
	}
	db.seen(v)
	lctx, cancel := context.WithCancel(context.Background())
	l := &listener{cancel: cancel, done: make(chan struct{}), failed: make(chan struct{}), pid: conn.Conn().PgConn().PID()}
	go func() {
		defer close(l.done)
		// The connection has LISTEN on it: never hand it back to the pool.
		defer func() { conn.Hijack().Close(context.Background()) }()
		for {
			if _, err := conn.Conn().WaitForNotification(lctx); err != nil {
				close(l.failed)
				return
			}
			// Read the counter rather than trust the payload: a notice
			// says only that something changed.
			qctx, qcancel := context.WithTimeout(lctx, 10*time.Second)
			err := conn.QueryRow(qctx, `SELECT n FROM desk_changes WHERE id = 1`).Scan(&v)
			qcancel()
			if err != nil {
				close(l.failed)
				return
			}
			db.seen(v)
		}
	}()
	return l, nil
}

func (l *listener) stop() {
	l.cancel()
	<-l.done
}
