package report

import (
	"context"
	"time"

	"complaintdesk/internal/calendar"
	"complaintdesk/internal/deadline"
	"complaintdesk/internal/policy"
	"complaintdesk/store"
)

// Source is where reports read from: the store, the policy and calendar in
// force, and how the desk computes a case's clocks as of a time.
type Source struct {
	Store    store.Store
	Policy   *policy.Policy
	Calendar *calendar.Calendar
	// Clocks computes a case's clocks from its history as of asOf (the
	// desk's rules, imported cases included).
	Clocks func(c *store.Case, evs []store.Event, asOf time.Time) []deadline.Clock
	// EventKeys are the keys of an event's After that Clocks reads (nil:
	// it may read anything, and histories are read whole).
	EventKeys []string
}

// query is an export query that reads the histories as briefly as the
// clocks and figures allow.
func (s Source) query(q store.ExportQuery, more ...string) store.ExportQuery {
	q.Events = true
	if s.EventKeys != nil {
		q.EventKeys = append(append([]string{}, s.EventKeys...), more...)
	}
	return q
}

// Loc is the desk's time zone.
func (s Source) Loc() *time.Location {
	if s.Policy != nil && s.Policy.Location != nil {
		return s.Policy.Location
	}
	return time.Local
}

// Monthly is the monthly statistics report: a month's figures beside the
// previous month's, both as of the same time.
type Monthly struct {
	Month    string    `json:"month"`
	Previous string    `json:"previous_month"`
	Zone     string    `json:"time_zone"`
	AsOf     time.Time `json:"as_of"`
	Due      time.Time `json:"due"` // when the report is due (the end of the policy's day of the next month)
	Cur      Figures   `json:"current"`
	Prev     Figures   `json:"previous"`
}

// Figures computes the figures of the cases received in [from, to) as of asOf.
func (s Source) Figures(ctx context.Context, from, to, asOf time.Time) (Figures, error) {
	acc := NewAcc(s.Policy, s.Calendar, s.Loc(), from, to, asOf)
	var kept []store.Event
	err := s.Store.Read(ctx, func(tx store.Tx) error {
		// The figures read each revisit's satisfaction from its event, and
		// who had the case when (groups.go).
		q := s.query(store.ExportQuery{ReceivedFrom: from, ReceivedTo: to}, "satisfaction", "department", "handler", "inspection_score")
		return tx.EachCase(q, func(c *store.Case, evs []store.Event) error {
			kept = kept[:0]
			for _, e := range evs {
				if !e.At.After(asOf) {
					kept = append(kept, e)
				}
			}
			acc.Add(c, evs, s.Clocks(c, kept, asOf)) // Add reads the later events only for who had the case
			return ctx.Err()
		})
	})
	if err != nil {
		return Figures{}, err
	}
	return acc.Figures(), nil
}

// Monthly computes month's report and the previous month's figures as of asOf.
func (s Source) Monthly(ctx context.Context, m Month, asOf time.Time) (*Monthly, error) {
	loc := s.Loc()
	from, to := m.Bounds(loc)
	cur, err := s.Figures(ctx, from, to, asOf)
	if err != nil {
		return nil, err
	}
	pm := m.Prev()
	pfrom, pto := pm.Bounds(loc)
	prev, err := s.Figures(ctx, pfrom, pto, asOf)
	if err != nil {
		return nil, err
	}
	for i := range cur.Repeats {
		r := &cur.Repeats[i]
		r.PrevCases = prev.groups[[2]string{r.Category, r.Subject}]
	}
	return &Monthly{Month: m.String(), Previous: pm.String(), Zone: loc.String(), AsOf: asOf,
		Due: m.Due(s.Policy.Report.MonthlyDueDay, loc), Cur: cur, Prev: prev}, nil
}
