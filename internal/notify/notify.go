// Package notify fans out "something changed" to every live session of the
// process. Publishing never blocks: each subscriber has a one-slot buffer and
// changes coalesce, so a slow session only ever misses duplicates, never the
// fact that it must refresh.
package notify

import "sync"

// Change says what changed; CaseID is 0 when many cases or settings changed.
type Change struct {
	CaseID int64
	Number string
}

// Hub delivers changes to subscribers.
type Hub struct {
	mu   sync.Mutex
	subs map[chan Change]struct{}
}

// NewHub makes an empty hub.
func NewHub() *Hub { return &Hub{subs: map[chan Change]struct{}{}} }

// Subscribe returns a channel of changes and a function that ends the subscription.
func (h *Hub) Subscribe() (<-chan Change, func()) {
	ch := make(chan Change, 1)
	h.mu.Lock()
	h.subs[ch] = struct{}{}
	h.mu.Unlock()
	return ch, func() {
		h.mu.Lock()
		delete(h.subs, ch)
		h.mu.Unlock()
	}
}

// Publish tells every subscriber without waiting for any of them. When a
// subscriber has not read the previous change yet, the pending one is
// widened to "many changed" (CaseID 0).
func (h *Hub) Publish(c Change) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.subs {
		select {
		case ch <- c:
		default:
			select {
			case <-ch:
			default:
			}
			select {
			case ch <- Change{}:
			default:
			}
		}
	}
}

// Subscribers is how many sessions listen.
func (h *Hub) Subscribers() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.subs)
}
