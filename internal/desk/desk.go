// Package desk holds the use cases of the complaint desk: register,
// acknowledge, assign, note, grade, resolve, close, revisit, reopen. It is the
// only place that writes cases: each use case is one transaction that writes
// the case, its event and its derived due time together, and then tells
// every live session through the notify hub.
package desk

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"complaintdesk/internal/calendar"
	"complaintdesk/internal/deadline"
	"complaintdesk/internal/desk/actions"
	"complaintdesk/internal/notify"
	"complaintdesk/internal/policy"
	"complaintdesk/store"
)

// Actor is who does something: a desk user and the role they act in.
type Actor struct {
	Name string
	Role string
}

// Desk is one database's complaint desk, shared by every session of the process.
type Desk struct {
	st  store.Store
	hub *notify.Hub
	// Now is the clock; tests replace it.
	Now func() time.Time

	pol atomic.Pointer[policy.Policy]
	cal *calendar.Calendar

	reloadMu   sync.Mutex
	policyText string
	calYears   map[int]string

	sweep sweep     // one sweep at a time (handling.go)
	dash  dashCache // the last dashboard (reports.go)
	reads readCache // the queue's reads, shared by every session (read.go)
	// callers are the intake's look-ups by phone lately audited (caller_audit.go)
	callers  callerAudits
	dataDir  string // Options.DataDir
	cacheDir string // Options.CacheDir
	// writes counts this process's writes (publish); the command line
	// sweeps for breaches after a command that wrote.
	writes atomic.Int64
}

// Options configure Open.
type Options struct {
	// Preset is the policy preset used when the database has no policy yet.
	Preset string
	// By is recorded as who loaded that first policy.
	By string
	// DataDir is where files the desk writes for its users go when the
	// store is not a file (a database server): see Desk.DataDir.
	DataDir string
	// CacheDir keeps what the desk can compute again, the parsed policy
	// (policycache.go); "" keeps nothing.
	CacheDir string
}

// Open loads the desk's policy and calendar from the store; a new database
// gets the preset's policy.
func Open(ctx context.Context, st store.Store, opt Options) (*Desk, error) {
	d := &Desk{st: st, hub: notify.NewHub(), Now: time.Now, cal: calendar.Embedded(), calYears: map[int]string{}, dataDir: opt.DataDir, cacheDir: opt.CacheDir}
	var stored *store.PolicyText
	err := st.Read(ctx, func(tx store.Tx) error {
		var err error
		stored, err = tx.Policy()
		return err
	})
	switch {
	case errors.Is(err, store.ErrNotFound):
		preset := opt.Preset
		if preset == "" {
			preset = "default"
		}
		p, err := policy.Preset(preset)
		if err != nil {
			return nil, err
		}
		if err := d.savePolicy(ctx, p, opt.By); err != nil {
			return nil, err
		}
	case err != nil:
		return nil, err
	default:
		p, err := parseStored(opt.CacheDir, stored.Text)
		if err != nil {
			return nil, fmt.Errorf("the policy stored in the database is not valid (%w); load a good one with `desk policy load FILE`", err)
		}
		d.install(p)
		d.policyText = stored.Text
	}
	if err := d.loadCalendarYears(ctx); err != nil {
		return nil, err
	}
	return d, nil
}

// DataVersion changes whenever any process commits to the database.
func (d *Desk) DataVersion(ctx context.Context) (int64, error) { return d.st.DataVersion(ctx) }

// Hub is where changes are published.
func (d *Desk) Hub() *notify.Hub { return d.hub }

// install puts a policy in force, its refusals naming the registry's steps.
func (d *Desk) install(p *policy.Policy) {
	p.Names = func(action string) policy.Label { return actions.Verb(p, action) }
	d.pol.Store(p)
}

// Policy is the policy in force.
func (d *Desk) Policy() *policy.Policy { return d.pol.Load() }

// Calendar is the working-day calendar (embedded years plus loaded ones).
func (d *Desk) Calendar() *calendar.Calendar { return d.cal }

// Location is the desk's time zone (the policy's).
func (d *Desk) Location() *time.Location {
	if l := d.Policy().Location; l != nil {
		return l
	}
	return time.Local
}

// Engine computes clocks with the policy and calendar in force.
func (d *Desk) Engine() deadline.Engine {
	return deadline.Engine{Policy: d.Policy(), Calendar: d.cal}
}

func (d *Desk) savePolicy(ctx context.Context, p *policy.Policy, by string) error {
	err := d.st.Write(ctx, func(tx store.Tx) error {
		return tx.PutPolicy(store.PolicyText{Name: p.Name, Text: p.Text(), LoadedAt: d.Now(), LoadedBy: by})
	})
	if err != nil {
		return err
	}
	d.reloadMu.Lock() // Reload (Watch's goroutine) reads policyText
	d.install(p)
	d.policyText = p.Text()
	d.reloadMu.Unlock()
	return nil
}

// LoadPolicy validates and installs a new policy, then recomputes every
// case's due times. A bad policy is refused and the old one stays.
func (d *Desk) LoadPolicy(ctx context.Context, a Actor, p *policy.Policy) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if err := d.savePolicy(ctx, p, a.Name); err != nil {
		return err
	}
	_, err := d.RecomputeAll(ctx)
	d.publish(notify.Change{})
	return err
}

// LoadCalendarYear stores an administrator's calendar year and recomputes due times.
func (d *Desk) LoadCalendarYear(ctx context.Context, a Actor, y *calendar.Year) error {
	text := string(y.Encode())
	err := d.st.Write(ctx, func(tx store.Tx) error {
		return tx.PutCalendarYear(store.CalendarYear{Year: y.Year, Text: text, LoadedAt: d.Now(), LoadedBy: a.Name})
	})
	if err != nil {
		return err
	}
	d.reloadMu.Lock() // Reload (Watch's goroutine) writes calYears too
	d.cal.Add(y)
	d.calYears[y.Year] = text
	d.reloadMu.Unlock()
	_, err = d.RecomputeAll(ctx)
	d.publish(notify.Change{})
	return err
}

func (d *Desk) loadCalendarYears(ctx context.Context) error {
	var years []store.CalendarYear
	err := d.st.Read(ctx, func(tx store.Tx) error {
		var err error
		years, err = tx.CalendarYears()
		return err
	})
	if err != nil {
		return err
	}
	for _, y := range years {
		if d.calYears[y.Year] == y.Text {
			continue
		}
		parsed, err := calendar.ParseYear([]byte(y.Text))
		if err != nil {
			return fmt.Errorf("calendar year %d stored in the database: %w", y.Year, err)
		}
		d.cal.Add(parsed)
		d.calYears[y.Year] = y.Text
	}
	return nil
}

// Reload picks up a policy or calendar another process stored. A policy
// that no longer parses is reported and the last good one stays in force.
func (d *Desk) Reload(ctx context.Context) error {
	d.reloadMu.Lock()
	defer d.reloadMu.Unlock()
	var stored *store.PolicyText
	err := d.st.Read(ctx, func(tx store.Tx) error {
		var err error
		stored, err = tx.Policy()
		return err
	})
	if err != nil {
		return err
	}
	if stored.Text != d.policyText {
		p, err := parseStored(d.cacheDir, stored.Text)
		if err != nil {
			return fmt.Errorf("kept the last good policy: %w", err)
		}
		d.install(p)
		d.policyText = stored.Text
	}
	return d.loadCalendarYears(ctx)
}

// Watch polls the database's data version and publishes a change whenever
// any process commits, until ctx ends. One watcher serves every session.
// A store with a change feed (store.ChangeFeed) wakes it between polls.
func (d *Desk) Watch(ctx context.Context, every time.Duration) {
	last, _ := d.st.DataVersion(ctx)
	t := time.NewTicker(every)
	defer t.Stop()
	var feed <-chan struct{} // nil: only the polls
	if f, ok := d.st.(store.ChangeFeed); ok {
		feed = f.Changes(ctx)
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case _, open := <-feed:
			if !open { // the feed ended: the polls go on
				feed = nil
			}
		}
		v, err := d.st.DataVersion(ctx)
		if err != nil || v == last {
			continue
		}
		last = v
		_ = d.Reload(ctx)
		d.publish(notify.Change{})
	}
}

// RecomputeAll rewrites the derived due fields of every case that has a
// running clock or is open, in batches. It returns how many it rewrote.
func (d *Desk) RecomputeAll(ctx context.Context) (int, error) {
	var after int64
	n := 0
	for {
		var ids []int64
		err := d.st.Write(ctx, func(tx store.Tx) error {
			var err error
			ids, err = tx.DueCaseIDs(after, 500)
			if err != nil {
				return err
			}
			for _, id := range ids {
				c, err := tx.CaseByID(id)
				if err != nil {
					return err
				}
				evs, err := tx.Events(id)
				if err != nil {
					return err
				}
				d.derive(c, evs)
				if err := tx.SetDerived(c); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return n, err
		}
		n += len(ids)
		if len(ids) < 500 {
			return n, nil
		}
		after = ids[len(ids)-1]
	}
}

// Facts are the inputs of a case's clocks.
func Facts(c *store.Case, events []store.Event) deadline.Facts {
	f := deadline.Facts{ReceivedAt: c.ReceivedAt, Grade: c.Grade, Channel: c.Channel, Nature: c.Nature}
	if s := c.Fields["report_received"]; s != "" {
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			f.ReportReceivedAt = t
		}
	}
	for _, e := range events {
		if e.Action == "contact" && e.After["contact_reached"] != "yes" {
			continue // a call nobody answered is not contact with the customer
		}
		at := e.At
		if e.Action == "register" && !c.ReceivedAt.IsZero() {
			// The complaint was made when it was received (a letter entered
			// later was still filed in time): a clock the registration
			// stops, such as the lab's appeal window, stops then.
			at = c.ReceivedAt
		}
		_, moved := e.After["department"]
		f.Events = append(f.Events, deadline.Stamp{Action: e.Action, At: at, Stayed: !moved})
	}
	return f
}

// Clocks computes a case's clocks as of now.
func (d *Desk) Clocks(c *store.Case, events []store.Event) []deadline.Clock {
	return historyClocks(d.Policy(), c, events, d.Engine().Clocks(Facts(c, events), d.Now()))
}

// derive sets the case's derived fields from its events, the policy and calendar.
func (d *Desk) derive(c *store.Case, events []store.Event) {
	p := d.Policy()
	if s := p.Status(c.Status); s != nil {
		c.Open = s.Open
	}
	if g := p.Grade(c.Grade); g != nil {
		c.Training = g.Training
	}
	c.NextDue, c.NextDueStart, c.NextClock, c.NextWarn = time.Time{}, time.Time{}, "", time.Time{}
	if next := deadline.Next(d.Clocks(c, events)); next != nil {
		c.NextDue, c.NextDueStart, c.NextClock = next.Due, next.Start, next.ID
		c.NextWarn = d.Engine().WarnTime(*next)
	}
}

// DayEnd is the end of now's day in the desk's time zone.
func (d *Desk) DayEnd(now time.Time) time.Time {
	n := now.In(d.Location())
	return time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, n.Location()).AddDate(0, 0, 1)
}
