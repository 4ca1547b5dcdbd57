package desk

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"complaintdesk/internal/deadline"
	"complaintdesk/internal/desk/actions"
	"complaintdesk/internal/notify"
	"complaintdesk/internal/policy"
	"complaintdesk/store"
)

// ---- grading suggestions ----------------------------------------------------

// Suggestion is what the grading rules make of a case now: the grade, every
// rule that fired, and the cases of the same complaint from other people.
type Suggestion struct {
	Grade   string
	Reasons []policy.Reason
	// Similar are the cases of the same category and subject within the
	// policy's window (grading rule B2); Others counts their distinct
	// complainants other than this case's.
	Similar []store.Case
	Others  int
}

// ReasonText is every reason in the language, joined.
func (s Suggestion) ReasonText(lang string) string {
	var parts []string
	for _, r := range s.Reasons {
		parts = append(parts, r.In(lang))
	}
	sep := "; "
	if lang == "zh" {
		sep = "；"
	}
	return strings.Join(parts, sep)
}

// Fired reports whether the rule (e.g. "B2-repeat") fired.
func (s Suggestion) Fired(rule string) bool {
	for _, r := range s.Reasons {
		if r.Rule == rule {
			return true
		}
	}
	return false
}

// similarLimit bounds how many cases of the same complaint are read.
const similarLimit = 200

// suggest applies the grading rules to the case as it stands at now.
func (d *Desk) suggest(tx store.Tx, c *store.Case, now time.Time) (Suggestion, error) {
	p := d.Policy()
	var sim []store.Case
	if c.Category != "" && c.Subject != "" {
		w := time.Duration(max(p.Grading.RepeatWindowDays, 1)) * 24 * time.Hour
		var err error
		sim, err = tx.SimilarCases(c.Category, c.Subject, c.ReceivedAt.Add(-w), c.ReceivedAt.Add(w), c.ID, similarLimit)
		if err != nil {
			return Suggestion{}, err
		}
	}
	return d.Suggestion(c, sim, now), nil
}

// Suggestion applies the grading rules to a case given the cases of the
// same complaint (from SimilarCases).
func (d *Desk) Suggestion(c *store.Case, similar []store.Case, now time.Time) Suggestion {
	p := d.Policy()
	self := map[string]bool{}
	for _, who := range c.Complainants {
		self[complainantKey(who, c.ID)] = true
	}
	others := map[string]bool{}
	for _, s := range similar {
		for _, who := range s.Complainants {
			if k := complainantKey(who, s.ID); !self[k] {
				others[k] = true
			}
		}
	}
	in := policy.GradeInput{
		Nature:                  c.Nature,
		CollectiveSize:          max(c.CollectiveSize, len(c.Complainants)),
		SimilarComplainants:     len(others),
		Lawsuit:                 c.Fields["lawsuit"] != "",
		Media:                   c.Fields["media"] != "",
		MediaPossible:           c.Fields["media_possible"] != "",
		SeriousLoss:             c.Fields["serious_loss"] != "",
		Injury:                  c.Fields["injury"] != "",
		ContractUnmetAskedTwice: c.Fields["contract_unmet"] != "",
		UnresolvedMonth:         d.unresolvedTooLong(c, now),
	}
	g, rs := p.SuggestGrade(in)
	s := Suggestion{Grade: g, Reasons: rs, Others: len(others)}
	if s.Fired("B2-repeat") {
		s.Similar = similar
	}
	return s
}

// unresolvedTooLong: a valid complaint (not found unjustified) still
// unresolved the policy's days after its receipt (regulation 001 A(3)).
func (d *Desk) unresolvedTooLong(c *store.Case, now time.Time) bool {
	p := d.Policy()
	days := p.Grading.UnresolvedDays
	if days <= 0 || !c.ResolvedAt.IsZero() {
		return false
	}
	if k := p.Conclusion(c.Fields["conclusion"]); k != nil && !k.Justified {
		return false
	}
	if st := p.Status(c.Status); st != nil && !st.Open {
		return false
	}
	return now.Sub(c.ReceivedAt) >= time.Duration(days)*24*time.Hour
}

// complainantKey tells complainants apart: the phone, else the e-mail, else
// (anonymous) the case itself.
func complainantKey(p store.Complainant, caseID int64) string {
	switch {
	case p.Phone != "":
		return p.Phone
	case p.Email != "":
		return "e:" + strings.ToLower(p.Email)
	}
	return "case:" + strconv.FormatInt(caseID, 10) + ":" + p.Name
}

// Suggest evaluates the grading rules for a case now (the detail page shows
// it beside the grade; a person confirms it with a grade change).
func (d *Desk) Suggest(ctx context.Context, c *store.Case) (Suggestion, error) {
	var s Suggestion
	err := d.st.Read(ctx, func(tx store.Tx) error {
		var err error
		s, err = d.suggest(tx, c, d.Now())
		return err
	})
	return s, err
}

// SimilarComplaints are the cases of the same category and subject received
// within the policy's window around received (the intake form's count of
// the same complaint from others).
func (d *Desk) SimilarComplaints(ctx context.Context, a Actor, category, subject string, received time.Time) ([]store.Case, error) {
	subject = strings.TrimSpace(subject)
	if category == "" || subject == "" {
		return nil, nil
	}
	w := time.Duration(max(d.Policy().Grading.RepeatWindowDays, 1)) * 24 * time.Hour
	var out []store.Case
	err := d.st.Read(ctx, func(tx store.Tx) error {
		var err error
		out, err = tx.SimilarCases(category, subject, received.Add(-w), received.Add(w), 0, similarLimit)
		return err
	})
	return d.viewOf(a).cases(out), err
}

// refreshSuggestion keeps the case's suggested grade (fields
// suggested_grade and suggested_reason) when the rules suggest a more
// severe grade than it has, so the history shows when the suggestion
// arose; a person confirms it with a grade change.
func (d *Desk) refreshSuggestion(tx store.Tx, c *store.Case, now time.Time) error {
	s, err := d.suggest(tx, c, now)
	if err != nil {
		return err
	}
	p := d.Policy()
	if s.Grade != c.Grade && p.MoreSevere(s.Grade, c.Grade) {
		actions.SetField(c, "suggested_grade", s.Grade)
		actions.SetField(c, "suggested_reason", s.ReasonText("zh"))
	} else {
		actions.SetField(c, "suggested_grade", "")
		actions.SetField(c, "suggested_reason", "")
	}
	return nil
}

// linkSimilar links the case to the cases of the same complaint when the
// rule of three complainants fired (regulation 001 B(2)), each link an event of
// both cases.
func (d *Desk) linkSimilar(tx store.Tx, a Actor, c *store.Case, s Suggestion, now time.Time) error {
	if !s.Fired("B2-repeat") || c.ID == 0 {
		return nil
	}
	linked, err := tx.LinkedCases(c.ID)
	if err != nil {
		return err
	}
	have := map[int64]bool{}
	for _, l := range linked {
		have[l.Case.ID] = true
	}
	reason := "同一分类和产品一个月内多位投诉人的相同投诉（B级第2条）"
	for i := range s.Similar {
		o := &s.Similar[i]
		if have[o.ID] {
			continue
		}
		if err := tx.LinkCases(store.CaseLink{A: c.ID, B: o.ID, At: now, By: a.Name, Reason: reason}); err != nil {
			if errors.Is(err, store.ErrDuplicate) {
				continue
			}
			return err
		}
		for _, pair := range [][2]*store.Case{{c, o}, {o, c}} {
			ev := store.Event{CaseID: pair[0].ID, At: now, Entered: now, Actor: a.Name, Action: "link", Reason: reason,
				After: map[string]string{"linked": pair[1].Number}}
			if err := tx.AppendEvent(&ev); err != nil {
				return err
			}
		}
	}
	return nil
}

// Related is what the detail page shows of a case's relations: the linked
// cases and the other cases of its complainants' phones.
type Related struct {
	Linked []store.LinkedCase
	// SamePhone are the other cases of the first complainant's phone,
	// newest first (repeat complaints at a glance).
	SamePhone []store.Case
}

// relations reads a case's linked cases and its caller's other cases.
func (d *Desk) relations(ctx context.Context, c *store.Case) (Related, error) {
	var r Related
	err := d.st.Read(ctx, func(tx store.Tx) error {
		var err error
		if r.Linked, err = tx.LinkedCases(c.ID); err != nil {
			return err
		}
		if ph := c.Primary().Phone; ph != "" {
			all, err := tx.CasesByPhone(ph, 21)
			if err != nil {
				return err
			}
			for _, o := range all {
				if o.ID != c.ID {
					r.SamePhone = append(r.SamePhone, o)
				}
			}
		}
		return nil
	})
	return r, err
}

// ---- alerts: the warning line of every session -------------------------------

// AlertLine is one kind of alert: how many cases, and the nearest ones.
type AlertLine struct {
	Count int
	Cases []store.Case
}

// Alerts are what a session shows on its warning line.
type Alerts struct {
	Warn      AlertLine // past the warning threshold, not yet due
	Breach    AlertLine // past due
	Escalated AlertLine // escalated to a level of the user's role
	Crisis    AlertLine // crisis cases (supervisors and the crisis level's roles)
	// Notices are what the policy tells the user's role (notify, lab.go).
	Notices NoticeLine
	// CalendarGap is, for administrators, the year whose official
	// schedule is missing (calendar.go); 0 otherwise.
	CalendarGap int
}

// Empty reports whether there is nothing to show.
func (a Alerts) Empty() bool {
	return a.Warn.Count+a.Breach.Count+a.Escalated.Count+a.Crisis.Count+a.Notices.Count == 0 && a.CalendarGap == 0
}

// alertCap bounds the counts of the warning line.
const alertCap = 1000

// Alerts reads the warning line of a user at now: the handler's own cases
// (every case for supervisors) past the warning threshold or due, the cases
// escalated to their level, and crises. Working-day clocks say nothing
// outside working hours.
func (d *Desk) Alerts(ctx context.Context, a Actor, now time.Time, limit int) (Alerts, error) {
	p := d.Policy()
	var out Alerts
	handler := a.Name
	sup := false
	if r := p.Role(a.Role); r != nil && r.Supervisor {
		handler, sup = "", true
	}
	var skip []string
	if !d.Engine().InWorkingTime(now) {
		for _, c := range p.Clocks {
			if c.Unit == "workdays" {
				skip = append(skip, c.ID)
			}
		}
	}
	levels := p.LevelsFor(a.Role)
	crisis := sup || slices.Contains(levels, p.Escalation.CrisisLevel)
	// Every session of the user asks on the same clock tick: one read per
	// generation of the data (the read cache), each caller masks its copy.
	key := "a|" + a.Name + "|" + a.Role + "|" + strconv.FormatInt(now.Unix(), 10) + "|" + strconv.Itoa(limit)
	read := func() (any, error) {
		var out Alerts
		err := d.st.Read(ctx, func(tx store.Tx) error {
			var err error
			q := store.AlertQuery{Now: now, Handler: handler, SkipClocks: skip, Limit: limit, CountCap: alertCap}
			q.Kind = store.AlertWarn
			if out.Warn.Cases, out.Warn.Count, err = tx.AlertCases(q); err != nil {
				return err
			}
			q.Kind = store.AlertBreach
			if out.Breach.Cases, out.Breach.Count, err = tx.AlertCases(q); err != nil {
				return err
			}
			// The lowest level is everybody's daily work, not an escalation.
			var lv []string
			for _, l := range levels {
				if p.LevelRank(l) > 0 {
					lv = append(lv, l)
				}
			}
			if len(lv) > 0 {
				q = store.AlertQuery{Kind: store.AlertEscalated, Now: now, Levels: lv, Limit: limit, CountCap: alertCap}
				if out.Escalated.Cases, out.Escalated.Count, err = tx.AlertCases(q); err != nil {
					return err
				}
			}
			if crisis {
				q = store.AlertQuery{Kind: store.AlertCrisis, Now: now, Limit: limit, CountCap: alertCap}
				if out.Crisis.Cases, out.Crisis.Count, err = tx.AlertCases(q); err != nil {
					return err
				}
			}
			out.Notices, err = d.noticeLine(tx, a, limit)
			return err
		})
		return out, err
	}
	val, err := d.shared(ctx, key, read)
	if err != nil {
		return Alerts{}, err
	}
	out = val.(Alerts)
	v := d.viewOf(a)
	for _, l := range []*AlertLine{&out.Warn, &out.Breach, &out.Escalated, &out.Crisis} {
		l.Cases = v.cases(slices.Clone(l.Cases))
	}
	if a.Role == "admin" {
		out.CalendarGap = d.CalendarGap(now)
	}
	return out, err
}

// ---- escalation when a clock breaches -------------------------------------------

// A breached clock raises the case one level (policy [escalation]
// auto_on_breach), once per breach: at the write that finds it breached,
// and by the sweep — every minute in desk serve and in the terminal, and
// `desk sweep` for a desk only the command line uses (cron, a systemd
// timer). The sweep goes on from where the last one stopped (the mark is
// in the database), so no breach is missed however long nobody looked.

// sweep keeps one sweep at a time per process.
type sweep struct{ mu sync.Mutex }

// Sweep escalates every case whose nearest running clock breached since
// the last sweep of any process. It is safe to run in several processes at
// once: a case is escalated once per breached clock. It returns how many
// cases it escalated.
func (d *Desk) Sweep(ctx context.Context) (int, error) {
	p := d.Policy()
	if !p.Escalation.AutoOnBreach || len(p.Levels) == 0 {
		return 0, nil
	}
	d.sweep.mu.Lock()
	defer d.sweep.mu.Unlock()
	now := d.Now()
	var from time.Time
	err := d.st.Read(ctx, func(tx store.Tx) error {
		var err error
		from, err = tx.SweepMark()
		return err
	})
	if err != nil {
		return 0, err
	}
	n := 0
	// Paged by due time and id: the clocks of working days fall due
	// together at midnight, so one due time can hold any number of cases.
	const page = 200
	at := store.Breach{Due: from}
	for {
		var breaches []store.Breach
		err := d.st.Read(ctx, func(tx store.Tx) error {
			var err error
			breaches, err = tx.BreachedBetween(at, now, page)
			return err
		})
		if err != nil {
			return n, err
		}
		for _, b := range breaches {
			done, err := d.escalateBreach(ctx, b.ID, now)
			if err != nil {
				return n, err
			}
			if done {
				n++
			}
		}
		if len(breaches) < page {
			break
		}
		at = breaches[len(breaches)-1]
	}
	return n, d.st.Write(ctx, func(tx store.Tx) error { return tx.SetSweepMark(now) })
}

// escalateBreach escalates one case if its nearest clock breached and was
// not escalated for yet.
func (d *Desk) escalateBreach(ctx context.Context, id int64, now time.Time) (bool, error) {
	var ev *store.Event
	var c *store.Case
	err := d.st.Write(ctx, func(tx store.Tx) error {
		var err error
		if c, err = tx.CaseByID(id); err != nil {
			return err
		}
		evs, err := tx.Events(c.ID)
		if err != nil {
			return err
		}
		c.Fields = maps.Clone(c.Fields)
		if ev = d.breachEscalation(c, evs, now); ev == nil {
			return nil
		}
		c.Version++
		c.UpdatedAt = now
		if err := tx.UpdateCase(c); err != nil {
			return err
		}
		return tx.AppendEvent(ev)
	})
	if err == nil && ev != nil {
		d.publish(notify.Change{CaseID: c.ID, Number: c.Number})
	}
	return ev != nil, err
}

// breachEscalation escalates c in memory when its nearest clock is past due
// and was not escalated for: it returns the system's event (and derives the
// case again), or nil. evs is the history so far.
func (d *Desk) breachEscalation(c *store.Case, evs []store.Event, now time.Time) *store.Event {
	p := d.Policy()
	if !p.Escalation.AutoOnBreach || len(p.Levels) == 0 || c.NextDue.IsZero() || now.Before(c.NextDue) {
		return nil
	}
	mark := c.NextClock + "@" + strconv.FormatInt(c.NextDue.UnixMilli(), 10)
	if slices.Contains(strings.Split(c.Fields["breach_escalated"], ","), mark) {
		return nil
	}
	if _, err := stepTransition(p, "escalate", c.Status); err != nil {
		return nil // the policy does not escalate from this status
	}
	before := *c
	before.Fields = maps.Clone(c.Fields)
	actions.SetField(c, "breach_escalated", strings.Trim(c.Fields["breach_escalated"]+","+mark, ","))
	if next := p.NextLevel(c.Escalation); next != "" {
		c.Escalation = next
	}
	label := c.NextClock
	unit := ""
	if pc := p.Clock(c.NextClock); pc != nil {
		label, unit = pc.In("zh"), pc.Unit
	}
	ev := store.Event{CaseID: c.ID, At: now, Entered: now, Actor: System.Name, Action: "escalate",
		Reason: fmt.Sprintf("时限超时自动升级：%s（截止 %s）", label,
			deadline.FormatDue(deadline.Clock{Unit: unit, Due: c.NextDue}, d.Location()))}
	ev.Before, ev.After = actions.Diff(&before, c)
	d.derive(c, append(evs, ev))
	return &ev
}

// RunSweeper sweeps for breaches every interval until ctx ends (one per
// process is enough; several are harmless).
func (d *Desk) RunSweeper(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		_, _ = d.Sweep(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
