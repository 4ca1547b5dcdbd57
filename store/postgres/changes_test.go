package postgres

import (
	"context"
	"testing"
	"time"

	"complaintdesk/store/storetest"
)

// Changes wakes its reader on another handle's commit (what a second desk
// serve node does), again after the listener's connection was lost and the
// watcher's poll started it anew, and is closed when its context ends.
func TestChangesWakeOnAnotherHandlesCommit(t *testing.T) {
	a := testOpen(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	b, err := Open(ctx, a.pool.Config().ConnString())
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	ch := a.Changes(ctx)
	wait := func(what string) {
		t.Helper()
		select {
		case _, open := <-ch:
			if !open {
				t.Fatalf("%s: the channel was closed", what)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: no wake in 10 s", what)
		}
	}
	// A wake left from before is not the one waited for.
	select {
	case <-ch:
	default:
	}
	storetest.Insert(t, b, storetest.Case("TS20261122-0001", nil))
	wait("another handle's commit")

	a.feedMu.Lock()
	pid := a.feed.pid
	a.feedMu.Unlock()
	var ended bool
	if err := b.pool.QueryRow(ctx, `SELECT pg_terminate_backend($1)`, int32(pid)).Scan(&ended); err != nil || !ended {
		t.Fatalf("ending the feed's connection: %v %v", ended, err)
	}
	// The watcher polls DataVersion: the first poll after the loss starts
	// a new listener.
	for {
		a.feedMu.Lock()
		again := a.feed != nil && a.feed.pid != pid
		a.feedMu.Unlock()
		if again {
			break
		}
		if _, err := a.DataVersion(ctx); err != nil {
			t.Fatal(err)
		}
		select {
		case <-ch:
		case <-time.After(10 * time.Millisecond):
		}
	}
	select {
	case <-ch:
	default:
	}
	storetest.Insert(t, b, storetest.Case("TS20261122-0002", nil))
	wait("a commit after the listener came back")

	cancel()
	for range ch { // drains a wake, then ends: closed
	}
}
