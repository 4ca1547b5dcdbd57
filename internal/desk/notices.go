package desk

import (
	"context"
	"slices"

	"complaintdesk/internal/notify"
	"complaintdesk/internal/policy"
	"complaintdesk/store"
)

// Notices tell people of what concerns them, in the notice line of every
// session of theirs and in `desk notices`, until they open the case: a role
// is told of the steps the policy names (transition notify), and a person
// of what happened to their own work — a case assigned or transferred to
// them, sent back, approved, reopened by a revisit, a grade change they
// asked for decided — and the roles of a level of what was escalated to it
// or became a crisis.

// userRecipient is a person in the notices' recipient column (beside role ids).
func userRecipient(name string) string { return "user:" + name }

// recipients are the notice recipients a user reads: their role and themselves.
func recipients(a Actor) []string { return []string{a.Role, userRecipient(a.Name)} }

// notify tells the roles of the event (the actor's own role is not told of
// their own action).
func (d *Desk) notify(tx store.Tx, roles []string, a Actor, c *store.Case, ev *store.Event) error {
	for _, r := range roles {
		if r == a.Role {
			continue
		}
		if err := addNotice(tx, r, c, ev); err != nil {
			return err
		}
	}
	return nil
}

func addNotice(tx store.Tx, to string, c *store.Case, ev *store.Event) error {
	n := store.Notice{CaseID: c.ID, EventID: ev.ID, Role: to, Action: ev.Action, Actor: ev.Actor, At: ev.At}
	return tx.AddNotice(&n)
}

// tellPeople adds the notices of the people a step concerns: before and
// after are the case around the events the step wrote.
func (d *Desk) tellPeople(tx store.Tx, a Actor, before, after *store.Case, evs []store.Event) error {
	p := d.Policy()
	told := map[string]bool{userRecipient(a.Name): true} // nobody is told of their own step
	tell := func(to string, ev *store.Event) error {
		if to == "" || told[to] {
			return nil
		}
		told[to] = true
		return addNotice(tx, to, after, ev)
	}
	for i := range evs {
		ev := &evs[i]
		switch ev.Action {
		case "assign", "transfer":
			if after.Handler != before.Handler {
				if err := tell(userRecipient(after.Handler), ev); err != nil {
					return err
				}
			}
		case "send_back", "approve", "reopen", "implement_refused":
			if err := tell(userRecipient(after.Handler), ev); err != nil {
				return err
			}
		case "approve_grade", "refuse_grade":
			if err := tell(userRecipient(before.Fields["grade_requested_by"]), ev); err != nil {
				return err
			}
		}
		if after.Escalation != before.Escalation && after.Escalation != "" {
			if l := p.Level(after.Escalation); l != nil {
				for _, r := range l.Roles {
					if err := tell(r, ev); err != nil {
						return err
					}
				}
			}
		}
		if after.Crisis && !before.Crisis {
			for _, r := range crisisRoles(p) {
				if err := tell(r, ev); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// crisisRoles are the roles told at once of a crisis: the crisis level's
// and the policy's crisis team (002 危机处理).
func crisisRoles(p *policy.Policy) []string {
	var out []string
	if l := p.Level(p.Escalation.CrisisLevel); l != nil {
		out = append(out, l.Roles...)
	}
	for _, r := range p.Escalation.CrisisTeam {
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}

// NoticeLine is the notices of a session's warning line.
type NoticeLine struct {
	Count   int
	Notices []store.Notice
}

// noticeLine reads the unread notices of the actor (and their role).
func (d *Desk) noticeLine(tx store.Tx, a Actor, limit int) (NoticeLine, error) {
	ns, n, err := tx.UnreadNotices(recipients(a), limit, alertCap)
	return NoticeLine{Count: n, Notices: ns}, err
}

// Notices lists the unread notices of the actor, newest first.
func (d *Desk) Notices(ctx context.Context, a Actor, limit int) (NoticeLine, error) {
	var out NoticeLine
	err := d.st.Read(ctx, func(tx store.Tx) error {
		var err error
		out, err = d.noticeLine(tx, a, limit)
		return err
	})
	return out, err
}

// ReadNotices marks the notices of the case to the actor read (the case
// was opened by them).
func (d *Desk) ReadNotices(ctx context.Context, a Actor, caseID int64) error {
	if caseID == 0 || a == System {
		return nil
	}
	n := 0
	err := d.st.Write(ctx, func(tx store.Tx) error {
		var err error
		n, err = tx.ReadNotices(caseID, recipients(a), a.Name, d.Now())
		return err
	})
	if err == nil && n > 0 {
		d.publish(notify.Change{CaseID: caseID})
	}
	return err
}
