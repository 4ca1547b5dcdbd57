// Package storecopy copies a whole desk from one store to another (desk db
// copy: SQLite to PostgreSQL and back) through the store interfaces:
// every record as it is stored, ids, versions and history hashes kept,
// and counts every kind of record on each side to check the copy.
package storecopy

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"time"

	"complaintdesk/store"
)

// The kinds of record a desk holds, in the order they are copied (a
// record after those it refers to).
const (
	Users          = "users"
	Keys           = "ssh keys"
	PINs           = "pins"
	Policy         = "policy"
	CalendarYears  = "calendar years"
	CaseDays       = "case days"
	CaseNumbers    = "case numbers"
	SweepMark      = "sweep mark"
	Cases          = "cases"
	Complainants   = "complainants"
	Events         = "events"
	Links          = "case links"
	Samples        = "samples"
	SampledCases   = "sampled cases"
	Filings        = "report filings"
	Notices        = "notices"
	UnreadNotices  = "unread notices"
	StationLog     = "station log"
	Drafts         = "drafts"
	Lookups        = "look-ups"
	defaultBatch   = 1000
	stationLogMost = math.MaxInt32
)

// Kinds lists every kind, in the order they are copied.
var Kinds = []string{Users, Keys, PINs, Policy, CalendarYears, CaseDays, CaseNumbers, SweepMark,
	Cases, Complainants, Events, Links, Samples, SampledCases, Filings, Notices, UnreadNotices, StationLog, Drafts, Lookups}

// Counts is how many records of each kind a store holds.
type Counts map[string]int

// Step is the progress of one kind: Done records so far, Fraction of the
// kind done (0..1); Last when the kind is copied.
type Step struct {
	Kind     string
	Done     int
	Fraction float64
	Last     bool
}

// Options tune a copy.
type Options struct {
	// Batch is how many cases or events go into one write transaction of
	// the target (default 1000).
	Batch int
	// Progress, when set, is told of the copy's progress.
	Progress func(Step)
	// Case, when set, sees every case copied (the caller notes the months
	// to compare reports of).
	Case func(c *store.Case)
}

// ErrCannotCopy: a store's transactions lack store.CopyTx.
var ErrCannotCopy = errors.New("the store cannot list and restore records as stored (store.CopyTx)")

// NotEmptyError: the target already holds a desk.
type NotEmptyError struct{ Holds Counts }

func (e *NotEmptyError) Error() string {
	return "the target is not empty: it holds " + e.Holds.String()
}

// String is the kinds with records, "3 users, 120 cases".
func (c Counts) String() string {
	var parts []string
	for _, k := range Kinds {
		if n := c[k]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, k))
		}
	}
	return strings.Join(parts, ", ")
}

// Holds counts what makes a store hold a desk: users, cases, a policy.
func Holds(ctx context.Context, st store.Store) (Counts, error) {
	c := Counts{}
	err := st.Read(ctx, func(tx store.Tx) error {
		var err error
		if c[Cases], err = tx.CountCases(store.Query{}); err != nil {
			return err
		}
		if c[Users], err = tx.CountUsers(); err != nil {
			return err
		}
		switch _, err := tx.Policy(); {
		case err == nil:
			c[Policy] = 1
		case !errors.Is(err, store.ErrNotFound):
			return err
		}
		return nil
	})
	return c, err
}

func copyTx(tx store.Tx) (store.CopyTx, error) {
	ct, ok := tx.(store.CopyTx)
	if !ok {
		return nil, ErrCannotCopy
	}
	return ct, nil
}

// Copy copies everything in from into the empty store to and returns what
// it read. A target that holds a desk is refused (NotEmptyError). from is
// read in one transaction (one snapshot); to is written a batch at a time,
// so a copy that fails half-way leaves a partial target to drop.
func Copy(ctx context.Context, from, to store.Store, opt Options) (_ Counts, err error) {
	if opt.Batch <= 0 {
		opt.Batch = defaultBatch
	}
	progress := opt.Progress
	if progress == nil {
		progress = func(Step) {}
	}
	holds, err := Holds(ctx, to)
	if err != nil {
		return nil, err
	}
	if holds[Cases]+holds[Users]+holds[Policy] > 0 {
		return nil, &NotEmptyError{Holds: holds}
	}
	if b, ok := to.(store.Bulk); ok {
		end, berr := b.BeginBulk(ctx)
		if berr != nil {
			return nil, berr
		}
		defer func() { err = errors.Join(err, end()) }() // the named result
	}
	restore := func(fn func(store.CopyTx, store.Tx) error) error {
		return to.Write(ctx, func(tx store.Tx) error {
			ct, err := copyTx(tx)
			if err != nil {
				return err
			}
			return fn(ct, tx)
		})
	}
	n := Counts{}
	err = from.Read(ctx, func(stx store.Tx) error {
		src, err := copyTx(stx)
		if err != nil {
			return err
		}
		if err := copySettings(stx, src, restore, n, progress); err != nil {
			return err
		}
		maxID, err := copyCases(ctx, stx, restore, opt, n, progress)
		if err != nil {
			return err
		}
		if err := copyEvents(ctx, stx, restore, opt.Batch, maxID, n, progress); err != nil {
			return err
		}
		return copyRecords(stx, src, restore, n, progress)
	})
	if err != nil {
		return nil, err
	}
	return n, nil
}

type restorer func(fn func(store.CopyTx, store.Tx) error) error

// settings are the users and what they own, the policy, the calendars, the
// day counters and the sweep mark.
type settings struct {
	users []store.User
	keys  []store.UserKey
	pins  []store.UserPIN
	pol   *store.PolicyText
	years []store.CalendarYear
	seqs  map[string]int
	mark  time.Time
}

func readSettings(tx store.Tx, ct store.CopyTx) (*settings, error) {
	s := &settings{}
	var err error
	if s.users, err = tx.Users(); err != nil {
		return nil, err
	}
	if s.keys, err = tx.Keys(""); err != nil {
		return nil, err
	}
	for _, u := range s.users {
		switch p, err := tx.PIN(u.Name); {
		case err == nil:
			s.pins = append(s.pins, *p)
		case !errors.Is(err, store.ErrNotFound):
			return nil, err
		}
	}
	if s.pol, err = tx.Policy(); err != nil && !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	if s.years, err = tx.CalendarYears(); err != nil {
		return nil, err
	}
	if s.seqs, err = ct.CaseSeqs(); err != nil {
		return nil, err
	}
	if s.mark, err = tx.SweepMark(); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *settings) count(n Counts) {
	n[Users], n[Keys], n[PINs], n[CalendarYears], n[CaseDays] = len(s.users), len(s.keys), len(s.pins), len(s.years), len(s.seqs)
	for _, last := range s.seqs {
		n[CaseNumbers] += last
	}
	if s.pol != nil {
		n[Policy] = 1
	}
	if !s.mark.IsZero() {
		n[SweepMark] = 1
	}
}

func (s *settings) restore(tx store.Tx) error {
	for i := range s.users {
		if err := tx.PutUser(&s.users[i]); err != nil {
			return err
		}
	}
	for i := range s.keys {
		if err := tx.PutKey(&s.keys[i]); err != nil {
			return err
		}
	}
	for i := range s.pins {
		if err := tx.PutPIN(&s.pins[i]); err != nil {
			return err
		}
	}
	if s.pol != nil {
		if err := tx.PutPolicy(*s.pol); err != nil {
			return err
		}
	}
	for _, y := range s.years {
		if err := tx.PutCalendarYear(y); err != nil {
			return err
		}
	}
	// On the empty target, reserving each day's count sets its counter
	// where the source's is: the next number continues.
	if _, err := tx.ReserveCaseSeqs(s.seqs); err != nil {
		return err
	}
	if !s.mark.IsZero() {
		return tx.SetSweepMark(s.mark)
	}
	return nil
}

// copySettings copies the settings in one transaction.
func copySettings(stx store.Tx, src store.CopyTx, restore restorer, n Counts, progress func(Step)) error {
	s, err := readSettings(stx, src)
	if err != nil {
		return err
	}
	if err := restore(func(_ store.CopyTx, tx store.Tx) error { return s.restore(tx) }); err != nil {
		return err
	}
	s.count(n)
	for _, k := range []string{Users, Keys, PINs, Policy, CalendarYears, CaseDays, SweepMark} {
		progress(Step{Kind: k, Done: n[k], Fraction: 1, Last: true})
	}
	return nil
}

// copyCases copies the cases with their complainants, a batch per
// transaction, and returns the highest case id (the events' progress).
func copyCases(ctx context.Context, stx store.Tx, restore restorer, opt Options, n Counts, progress func(Step)) (int64, error) {
	total, err := stx.CountCases(store.Query{})
	if err != nil {
		return 0, err
	}
	var maxID int64
	batch := make([]store.Case, 0, opt.Batch)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := restore(func(ct store.CopyTx, _ store.Tx) error { return ct.RestoreCases(batch) }); err != nil {
			return err
		}
		n[Cases] += len(batch)
		batch = batch[:0]
		progress(Step{Kind: Cases, Done: n[Cases], Fraction: fraction(n[Cases], total)})
		return ctx.Err()
	}
	err = stx.EachCase(store.ExportQuery{}, func(c *store.Case, _ []store.Event) error {
		// The walk reuses c: the batch keeps copies.
		cc := *c
		cc.Complainants = slices.Clone(c.Complainants)
		cc.Fields = maps.Clone(c.Fields)
		n[Complainants] += len(cc.Complainants)
		maxID = max(maxID, cc.ID)
		if opt.Case != nil {
			opt.Case(&cc)
		}
		if batch = append(batch, cc); len(batch) == opt.Batch {
			return flush()
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	if err := flush(); err != nil {
		return 0, err
	}
	progress(Step{Kind: Cases, Done: n[Cases], Fraction: 1, Last: true})
	return maxID, nil
}

// copyEvents copies every event as stored, hash chain and all. They come
// in case order: the case id tells how far the copy is.
func copyEvents(ctx context.Context, stx store.Tx, restore restorer, size int, maxID int64, n Counts, progress func(Step)) error {
	batch := make([]store.Event, 0, size)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := restore(func(ct store.CopyTx, _ store.Tx) error { return ct.RestoreEvents(batch) }); err != nil {
			return err
		}
		n[Events] += len(batch)
		at := batch[len(batch)-1].CaseID
		batch = batch[:0]
		progress(Step{Kind: Events, Done: n[Events], Fraction: fraction(int(at), int(maxID))})
		return ctx.Err()
	}
	err := stx.EachEvent(func(e *store.Event) error {
		ec := *e
		ec.Before, ec.After = maps.Clone(e.Before), maps.Clone(e.After)
		if batch = append(batch, ec); len(batch) == size {
			return flush()
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := flush(); err != nil {
		return err
	}
	progress(Step{Kind: Events, Done: n[Events], Fraction: 1, Last: true})
	return nil
}

// records are what refers to cases and events: links, samples, filings,
// notices, the station log (oldest first), the drafts and the masked
// roles' look-ups (in the order they were made).
type records struct {
	links   []store.CaseLink
	samples []store.RevisitSample
	filings []store.ReportFiling
	notices []store.Notice
	station []store.StationSwitch
	drafts  []store.Draft
	lookups []store.Lookup
}

func readRecords(tx store.Tx, ct store.CopyTx) (*records, error) {
	r := &records{}
	var err error
	if r.links, err = ct.AllCaseLinks(); err != nil {
		return nil, err
	}
	if r.samples, err = ct.RevisitSamples(); err != nil {
		return nil, err
	}
	if r.filings, err = ct.AllReportFilings(); err != nil {
		return nil, err
	}
	if r.notices, err = ct.AllNotices(); err != nil {
		return nil, err
	}
	if r.station, err = tx.StationLog(stationLogMost); err != nil {
		return nil, err
	}
	slices.Reverse(r.station) // oldest first, as they were logged
	if r.drafts, err = ct.AllDrafts(); err != nil {
		return nil, err
	}
	users, err := tx.Users()
	if err != nil {
		return nil, err
	}
	for _, u := range users {
		ls, err := tx.Lookups(store.LookupQuery{User: u.Name})
		if err != nil {
			return nil, err
		}
		r.lookups = append(r.lookups, ls...)
	}
	slices.SortFunc(r.lookups, func(a, b store.Lookup) int { return cmp.Compare(a.ID, b.ID) })
	return r, nil
}

func (r *records) count(n Counts) {
	n[Links], n[Samples], n[Filings], n[Notices], n[StationLog], n[Drafts], n[Lookups] =
		len(r.links), len(r.samples), len(r.filings), len(r.notices), len(r.station), len(r.drafts), len(r.lookups)
	for _, s := range r.samples {
		n[SampledCases] += len(s.CaseIDs)
	}
	for _, x := range r.notices {
		if x.ReadAt.IsZero() {
			n[UnreadNotices]++
		}
	}
}

func (r *records) restore(ct store.CopyTx, tx store.Tx) error {
	for _, l := range r.links {
		if err := tx.LinkCases(l); err != nil {
			return err
		}
	}
	for i := range r.samples {
		if err := tx.PutRevisitSample(&r.samples[i]); err != nil {
			return err
		}
	}
	if err := ct.RestoreReportFilings(r.filings); err != nil {
		return err
	}
	if err := ct.RestoreNotices(r.notices); err != nil {
		return err
	}
	if err := ct.RestoreStationSwitches(r.station); err != nil {
		return err
	}
	for i := range r.drafts {
		if err := tx.SaveDraft(&r.drafts[i]); err != nil {
			return err
		}
	}
	for _, l := range r.lookups { // in the order made: the target numbers them alike
		if err := tx.RecordLookup(&l); err != nil {
			return err
		}
	}
	return nil
}

// copyRecords copies the records in one transaction.
func copyRecords(stx store.Tx, src store.CopyTx, restore restorer, n Counts, progress func(Step)) error {
	r, err := readRecords(stx, src)
	if err != nil {
		return err
	}
	if err := restore(r.restore); err != nil {
		return err
	}
	r.count(n)
	for _, k := range []string{Links, Samples, Filings, Notices, StationLog, Drafts, Lookups} {
		progress(Step{Kind: k, Done: n[k], Fraction: 1, Last: true})
	}
	return nil
}

func fraction(done, total int) float64 {
	if total <= 0 {
		return 1
	}
	return min(1, float64(done)/float64(total))
}

// Census counts every kind of record st holds, as Copy counts what it
// copies: after a copy both sides' censuses must be equal.
func Census(ctx context.Context, st store.Store) (Counts, error) {
	n := Counts{}
	err := st.Read(ctx, func(tx store.Tx) error {
		ct, err := copyTx(tx)
		if err != nil {
			return err
		}
		s, err := readSettings(tx, ct)
		if err != nil {
			return err
		}
		s.count(n)
		err = tx.EachCase(store.ExportQuery{}, func(c *store.Case, _ []store.Event) error {
			n[Cases]++
			n[Complainants] += len(c.Complainants)
			return nil
		})
		if err != nil {
			return err
		}
		if err := tx.EachEvent(func(*store.Event) error { n[Events]++; return nil }); err != nil {
			return err
		}
		r, err := readRecords(tx, ct)
		if err != nil {
			return err
		}
		r.count(n)
		return nil
	})
	return n, err
}

// Diff is one kind whose counts differ.
type Diff struct {
	Kind           string
	Source, Target int
}

// Compare lists the kinds whose counts differ, in Kinds order.
func Compare(src, dst Counts) []Diff {
	var out []Diff
	for _, k := range Kinds {
		if src[k] != dst[k] {
			out = append(out, Diff{Kind: k, Source: src[k], Target: dst[k]})
		}
	}
	return out
}
