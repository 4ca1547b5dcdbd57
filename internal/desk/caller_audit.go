package desk

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"
	"time"

	"complaintdesk/internal/complaint"
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

// lookupLimit is how many distinct whole values (phones, names) a masked
// role may look up in lookupWindow: trying 10,000 phones one by one
// recovered a masked number in minutes (finding 8). They are counted in
// the store, so the limit holds across every process on the database (a
// command line run is a process of its own).
const (
	lookupLimit  = 20
	lookupWindow = time.Hour
)

// allowLookup counts user's look-up of a whole value (found in found
// cases; 0 a miss) in the store, or refuses it past lookupLimit distinct
// values in lookupWindow. A value already looked up in the window (the
// queue reading it again) does not count twice and writes nothing.
func (d *Desk) allowLookup(ctx context.Context, user, whole string, found int) error {
	now := d.Now()
	since := now.Add(-lookupWindow + time.Millisecond) // one made an hour ago is out (the store keeps ms)
	l := store.Lookup{User: user, At: now, Hash: lookupHash(whole), Masked: maskWhole(whole), Found: found}
	// tried reports whether the value counts already; past the limit it
	// is refused.
	tried := func(tx store.Tx) (bool, error) {
		ls, err := tx.Lookups(store.LookupQuery{User: user, Since: since})
		if err != nil {
			return false, err
		}
		n, seen := 0, map[string]bool{}
		for _, x := range ls {
			if x.Hash == l.Hash {
				return true, nil
			}
			if x.Hash == "" || !seen[x.Hash] {
				n, seen[x.Hash] = n+1, true
			}
		}
		if n >= lookupLimit {
			return false, tooManyLookups()
		}
		return false, nil
	}
	// Read first: a write tells every process of a change, whose queues
	// read again and would look the value up again.
	var done bool
	if err := d.st.Read(ctx, func(tx store.Tx) error {
		var err error
		done, err = tried(tx)
		return err
	}); err != nil || done {
		return err
	}
	return d.st.Write(ctx, func(tx store.Tx) error {
		if done, err := tried(tx); err != nil || done { // another process may have just counted
			return err
		}
		if err := tx.ForgetLookupHashes(since); err != nil {
			return err
		}
		return tx.RecordLookup(&l)
	})
}

// lookupHash tells whole values apart without keeping them: the same for
// every user, forgotten once out of the window (ForgetLookupHashes).
func lookupHash(whole string) string {
	sum := sha256.Sum256([]byte(whole))
	return hex.EncodeToString(sum[:])
}

// maskWhole is a whole value (search.WholeLookup) as a masked role sees it.
func maskWhole(whole string) string {
	if strings.Trim(whole, "0123456789") == "" {
		return complaint.MaskPhone(whole)
	}
	return complaint.MaskName(whole)
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
