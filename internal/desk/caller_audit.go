package desk

import (
	"context"
	"fmt"
	"sync"
	"time"

	"complaintdesk/store"
)

// A masked role that types a whole phone number on the intake form learns
// which cases that caller has: a whole-value look-up, audited like a
// search by it. The form and the queue ask again whenever the data
// changes; a user's look-up of a value is considered at most once per
// callerAuditEvery, and recorded once a day per case (auditLookup).
const callerAuditEvery = 10 * time.Minute

// callerAudits remembers the look-ups recorded lately (this process's).
type callerAudits struct {
	mu   sync.Mutex
	last map[string]time.Time // user + "\x00" + phone
	// tried: each user's distinct whole values looked up, hit or miss, and
	// when first (lookupLimit).
	tried map[string]map[string]time.Time
}

// lookupLimit is how many distinct whole values (phones, names) a masked
// role may look up in lookupWindow: trying 10,000 phones one by one
// recovered a masked number in minutes (finding 8).
const (
	lookupLimit  = 20
	lookupWindow = time.Hour
)

// allow reports whether user may look up value now, and counts it; a
// value already looked up in the window (the queue reading it again)
// does not count twice.
func (r *callerAudits) allow(user, value string, now time.Time) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.tried == nil {
		r.tried = map[string]map[string]time.Time{}
	}
	seen := r.tried[user]
	for v, t := range seen {
		if now.Sub(t) >= lookupWindow {
			delete(seen, v)
		}
	}
	if _, ok := seen[value]; ok {
		return true
	}
	if len(seen) >= lookupLimit {
		return false
	}
	if seen == nil {
		seen = map[string]time.Time{}
		r.tried[user] = seen
	}
	seen[value] = now
	return true
}

// tooManyLookups is the refusal past lookupLimit.
func tooManyLookups() error {
	return &ValidationError{Problems: []Problem{{Field: "search",
		ZH: fmt.Sprintf("一小时内以完整电话或姓名查找已超过 %d 次：请稍后再试，或请有权限的同事查看", lookupLimit),
		EN: fmt.Sprintf("more than %d look-ups by a whole phone or name within an hour: try again later, or ask a colleague who may see the data", lookupLimit)}}}
}

// due reports whether the look-up should be recorded now, and notes it.
func (r *callerAudits) due(user, phone string, now time.Time) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	k := user + "\x00" + phone
	if t, ok := r.last[k]; ok && now.Sub(t) < callerAuditEvery {
		return false
	}
	if r.last == nil {
		r.last = map[string]time.Time{}
	}
	for key, t := range r.last { // forget the old ones
		if now.Sub(t) >= callerAuditEvery {
			delete(r.last, key)
		}
	}
	r.last[k] = now
	return true
}

// auditCaller records a masked role's look-up of a caller by phone.
func (d *Desk) auditCaller(ctx context.Context, a Actor, phone string, found []store.Case) error {
	if a == System || d.viewOf(a).seePII { // a miss counts too (lookupLimit)
		return nil
	}
	return d.auditLookup(ctx, a, phone, found)
}
