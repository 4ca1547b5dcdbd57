package postgres

import (
	"context"
	"sync"

	"complaintdesk/store"
)

// store.ChangeFeed: the desk's watcher wakes as soon as the listener of
// feed.go hears of another process's commit (or this process commits),
// rather than at its next poll.

var _ store.ChangeFeed = (*DB)(nil)

// waiters are the channels of Changes, woken whenever the change counter
// as seen moves.
type waiters struct {
	mu    sync.Mutex
	chans map[chan struct{}]struct{}
}

func (w *waiters) add() chan struct{} {
	ch := make(chan struct{}, 1)
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.chans == nil {
		w.chans = map[chan struct{}]struct{}{}
	}
	w.chans[ch] = struct{}{}
	return ch
}

// remove forgets ch and closes it: no wake can send on it after.
func (w *waiters) remove(ch chan struct{}) {
	w.mu.Lock()
	defer w.mu.Unlock()
	delete(w.chans, ch)
	close(ch)
}

// wake tells every channel without blocking: one already holding a wake
// keeps it, several commits then come as one receive.
func (w *waiters) wake() {
	w.mu.Lock()
	defer w.mu.Unlock()
	for ch := range w.chans {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
}

// Changes receives after any process's commit until ctx ends, when it is
// closed. The listener is the one DataVersion starts; when its connection
// is lost, the next DataVersion (the watcher polls it) starts it again and
// the channel carries on.
func (db *DB) Changes(ctx context.Context) <-chan struct{} {
	ch := db.waiters.add()
	_, _ = db.DataVersion(ctx) // starts the listener; failing, the polls go on
	go func() {
		<-ctx.Done()
		db.waiters.remove(ch)
	}()
	return ch
}
