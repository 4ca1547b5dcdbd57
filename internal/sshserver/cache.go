package sshserver

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"complaintdesk/store"
)

// CachingStore shares the queue's reads between the sessions of one server.
//
// After a change every open queue reloads at once, and most of them ask the
// same questions: the same tab, sort and page, the same counts. A hundred
// sessions would run the same queries a hundred times. Within one
// generation of the data, CachingStore answers ListCases, CountCases and
// PhoneCaseCounts of read transactions from the first session that asked
// (the others wait for that answer rather than asking too). A write through
// it, or Invalidate (the relay, when another process changed the
// database), starts a new generation. Everything else passes through.
type CachingStore struct {
	store.Store

	gen atomic.Uint64

	mu      sync.Mutex
	entries map[string]*cacheEntry
	of      uint64 // the generation of entries

	hits, misses atomic.Int64
}

type cacheEntry struct {
	done   chan struct{}
	cases  []store.Case
	n      int
	counts map[string]int
	err    error
}

// maxEntries bounds one generation's cache (searches as people type).
const maxEntries = 2000

// NewCachingStore wraps st.
func NewCachingStore(st store.Store) *CachingStore {
	return &CachingStore{Store: st, entries: map[string]*cacheEntry{}}
}

// Invalidate starts a new generation: the data changed.
func (s *CachingStore) Invalidate() { s.gen.Add(1) }

// Stats are the cache's hits and misses so far.
func (s *CachingStore) Stats() (hits, misses int64) { return s.hits.Load(), s.misses.Load() }

// Write writes through and starts a new generation once it committed.
func (s *CachingStore) Write(ctx context.Context, fn func(store.Tx) error) error {
	err := s.Store.Write(ctx, fn)
	s.Invalidate() // a failed write may have changed nothing; a new generation costs one query per key
	return err
}

// Read hands fn a transaction whose queue reads are shared.
func (s *CachingStore) Read(ctx context.Context, fn func(store.Tx) error) error {
	gen := s.gen.Load()
	return s.Store.Read(ctx, func(tx store.Tx) error {
		return fn(&cachingTx{Tx: tx, s: s, gen: gen})
	})
}

// entry finds or makes the entry of key; leader is true when the caller
// must fill it and close done.
func (s *CachingStore) entry(gen uint64, key string) (e *cacheEntry, leader bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if gen != s.of {
		if gen < s.of {
			// A transaction of an older generation: answer it itself.
			return &cacheEntry{done: make(chan struct{})}, true
		}
		s.entries, s.of = map[string]*cacheEntry{}, gen
	}
	if e, ok := s.entries[key]; ok {
		s.hits.Add(1)
		return e, false
	}
	if len(s.entries) >= maxEntries {
		s.entries = map[string]*cacheEntry{}
	}
	s.misses.Add(1)
	e = &cacheEntry{done: make(chan struct{})}
	s.entries[key] = e
	return e, true
}

type cachingTx struct {
	store.Tx
	s   *CachingStore
	gen uint64
}

func (t *cachingTx) do(key string, fill func(e *cacheEntry)) *cacheEntry {
	e, leader := t.s.entry(t.gen, key)
	if leader {
		fill(e)
		close(e.done)
		if e.err != nil {
			t.s.mu.Lock()
			if t.s.entries[key] == e {
				delete(t.s.entries, key) // errors are not shared beyond the waiters
			}
			t.s.mu.Unlock()
		}
		return e
	}
	<-e.done
	return e
}

func (t *cachingTx) ListCases(q store.Query) ([]store.Case, error) {
	key, ok := queryKey("list", q)
	if !ok {
		return t.Tx.ListCases(q)
	}
	e := t.do(key, func(e *cacheEntry) { e.cases, e.err = t.Tx.ListCases(q) })
	// Each caller gets its own slice; the cases themselves are read-only.
	return slices.Clone(e.cases), e.err
}

func (t *cachingTx) CountCases(q store.Query) (int, error) {
	key, ok := queryKey("count", q)
	if !ok {
		return t.Tx.CountCases(q)
	}
	e := t.do(key, func(e *cacheEntry) { e.n, e.err = t.Tx.CountCases(q) })
	return e.n, e.err
}

func (t *cachingTx) PhoneCaseCounts(phones []string) (map[string]int, error) {
	key := "phones:" + strings.Join(phones, ",")
	e := t.do(key, func(e *cacheEntry) { e.counts, e.err = t.Tx.PhoneCaseCounts(phones) })
	if e.counts == nil {
		return nil, e.err
	}
	out := make(map[string]int, len(e.counts))
	for k, v := range e.counts {
		out[k] = v
	}
	return out, e.err
}

// queryKey is the key of a query: the fields that decide its answer. The
// user matters only to the Mine tab and the time only to the tabs that
// compare deadlines with it (to the second: sessions reloading together
// share it). A tab it does not know is not cached.
func queryKey(kind string, q store.Query) (string, bool) {
	switch q.Tab {
	case store.TabAll, store.TabUnassigned, store.TabDueToday, store.TabOverdue, store.TabRevisit, store.TabSample:
		q.User = ""
	case store.TabMine:
	default:
		return "", false
	}
	if q.Tab == store.TabDueToday || q.Tab == store.TabOverdue || q.Overdue {
		q.Now = time.UnixMilli(q.Now.Truncate(time.Second).UnixMilli()).UTC()
		q.DayEnd = time.UnixMilli(q.DayEnd.UnixMilli()).UTC()
	} else {
		q.Now, q.DayEnd = time.Time{}, time.Time{}
	}
	return kind + ":" + fmt.Sprintf("%#v", q), true
}
