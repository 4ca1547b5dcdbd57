package desk

import (
	"complaintdesk/internal/input"
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"complaintdesk/internal/notify"
	"complaintdesk/store"
)

// RevealAction is the history's action of a reveal of personal data.
const RevealAction = "reveal"

// LookupAction is the history's action of a masked role's search by a
// whole phone number or name (read.go).
const LookupAction = "lookup"

// AuditActions are the actions desk audit lists: who looked at personal data.
var AuditActions = []string{RevealAction, LookupAction}

// Reveal shows the complainants of a case unmasked to a user whose role may
// reveal them (policy reveal_pii), for a reason. The reveal is an event in
// the case's history (who, when, why); it does not change the case, so it
// never makes anyone's open form conflict. A role that sees personal data
// anyway (see_pii) gets it without an event.
func (d *Desk) Reveal(ctx context.Context, a Actor, number, reason string) ([]store.Complainant, error) {
	r := d.Policy().Role(a.Role)
	if r == nil || (!r.SeePII && !r.RevealPII) || d.Policy().Hides(a.Role, "complainant") {
		return nil, &ForbiddenError{Action: RevealAction, Err: fmt.Errorf("the role %q may not see personal data (policy: reveal_pii)", a.Role)}
	}
	reason = strings.TrimSpace(reason)
	if !input.Visible(reason) {
		reason = "" // U+200B alone is no reason (finding 10)
	}
	if !r.SeePII {
		var ps problems
		if reason == "" {
			ps.add("reason", "请填写查看个人信息的原因（将记入处理记录）", "give the reason for seeing the personal data (it goes into the history)")
		} else if utf8.RuneCountInString(reason) > 500 {
			ps.add("reason", "原因过长（最多 500 字）", "the reason is too long (500 characters at most)")
		}
		if err := ps.err(); err != nil {
			return nil, err
		}
	}
	var c *store.Case
	err := d.st.Write(ctx, func(tx store.Tx) error {
		var err error
		c, err = tx.CaseByNumber(number)
		if errors.Is(err, store.ErrNotFound) {
			return &NotFoundError{Number: number}
		}
		if err != nil || r.SeePII {
			return err
		}
		return tx.AppendEvent(&store.Event{CaseID: c.ID, At: d.Now(), Entered: d.Now(), Actor: a.Name, Action: RevealAction, Reason: reason})
	})
	if err != nil {
		return nil, err
	}
	if !r.SeePII {
		d.publish(notify.Change{CaseID: c.ID, Number: c.Number})
	}
	return c.Complainants, nil
}

// lastChange is the last event that changed the case: a reveal changes
// nothing, so it is not "who changed it" in a conflict.
func lastChange(evs []store.Event) store.Event {
	for i := len(evs) - 1; i >= 0; i-- {
		if evs[i].Action != RevealAction && evs[i].Action != LookupAction {
			return evs[i]
		}
	}
	if len(evs) > 0 {
		return evs[len(evs)-1]
	}
	return store.Event{}
}

// AuditFilter selects the audited events: of a case, by a user, or both.
type AuditFilter struct {
	Number string
	User   string
}

// Audit lists who revealed personal data, of a case or by a user, oldest
// first; a user's look-ups by a whole value that found nothing are listed
// too, as lookup entries of no case. Administrators and supervising roles
// see every entry; anyone may list their own.
func (d *Desk) Audit(ctx context.Context, a Actor, f AuditFilter) ([]store.AuditEntry, error) {
	if f.Number == "" && f.User == "" {
		return nil, errors.New("give --case NUMBER or --user NAME")
	}
	r := d.Policy().Role(a.Role)
	allowed := a.Role == "admin" || (r != nil && r.Supervisor) || (f.User != "" && f.User == a.Name)
	if !allowed {
		return nil, &ForbiddenError{Action: "audit", Err: fmt.Errorf("only administrators and supervisors may read the audit of others (you are %s, %s)", a.Name, a.Role)}
	}
	var out []store.AuditEntry
	err := d.st.Read(ctx, func(tx store.Tx) error {
		q := store.AuditQuery{Actor: f.User, Actions: AuditActions}
		if f.Number != "" {
			c, err := tx.CaseByNumber(f.Number)
			if errors.Is(err, store.ErrNotFound) {
				return &NotFoundError{Number: f.Number}
			}
			if err != nil {
				return err
			}
			q.CaseID = c.ID
		}
		if f.User != "" {
			if _, err := tx.User(f.User); errors.Is(err, store.ErrNotFound) {
				return fmt.Errorf("no user %q (see desk users list): %w", f.User, err)
			}
		}
		var err error
		if out, err = tx.AuditEvents(q); err != nil || f.User == "" || f.Number != "" {
			return err
		}
		misses, err := tx.Lookups(store.LookupQuery{User: f.User, Misses: true})
		out = withMisses(out, misses)
		return err
	})
	return out, err
}

// withMisses adds to a user's audit the look-ups that found no case, in
// time order: someone trying number after number shows (their hits are
// the lookup events already listed). A miss is a lookup entry of no case.
func withMisses(events []store.AuditEntry, misses []store.Lookup) []store.AuditEntry {
	if len(misses) == 0 {
		return events
	}
	out := make([]store.AuditEntry, 0, len(events)+len(misses))
	for _, m := range misses {
		for len(events) > 0 && !events[0].Entered.After(m.At) {
			out, events = append(out, events[0]), events[1:]
		}
		out = append(out, store.AuditEntry{Event: store.Event{At: m.At, Entered: m.At, Actor: m.User,
			Action: LookupAction, After: map[string]string{"value": m.Masked}}})
	}
	return append(out, events...)
}
