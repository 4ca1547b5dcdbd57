package desk

import (
	"context"
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
	if a == System || d.viewOf(a).seePII || len(found) == 0 {
		return nil
	}
	return d.auditLookup(ctx, a, phone, found)
}
