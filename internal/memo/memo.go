// Package memo keeps answers that many sessions ask for alike (a line
// encoded, a footer or tab line drawn), so that each is made once.
package memo

import "sync"

// Map keeps up to Max values; past Max it starts afresh, and what the
// sessions gone by asked for goes with the rest. Safe for concurrent use.
type Map[K comparable, V any] struct {
	Max int
	mu  sync.Mutex
	m   map[K]V
}

// Get is the value kept for k.
func (c *Map[K, V]) Get(k K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[k]
	return v, ok
}

// Put keeps v for k.
func (c *Map[K, V]) Put(k K, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= c.Max {
		c.m = make(map[K]V)
	}
	c.m[k] = v
}

// Do is the value kept for k, made by make (outside the lock) and kept
// when there is none.
func (c *Map[K, V]) Do(k K, make func() V) V {
	if v, ok := c.Get(k); ok {
		return v
	}
	v := make()
	c.Put(k, v)
	return v
}
