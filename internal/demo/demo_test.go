package demo_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
	_ "time/tzdata"

	"complaintdesk/internal/demo"
	"complaintdesk/internal/desk"
	"complaintdesk/store"
	"complaintdesk/store/sqlite"
)

var shanghai, _ = time.LoadLocation("Asia/Shanghai")

var now = time.Date(2026, 11, 20, 10, 0, 0, 0, shanghai)

func newDesk(t *testing.T) (*desk.Desk, *sqlite.DB) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "desk.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	d, err := desk.Open(ctx, db, desk.Options{By: "test"})
	if err != nil {
		t.Fatal(err)
	}
	d.Now = func() time.Time { return now }
	return d, db
}

func count(t *testing.T, db *sqlite.DB, q store.Query) int {
	t.Helper()
	var n int
	if err := db.Read(context.Background(), func(tx store.Tx) error {
		var err error
		n, err = tx.CountCases(q)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return n
}

// The demo's cases are what the desk would have made: every status of the
// policy, histories in order, numbers by the day received, derived due
// fields as the desk computes them (the queue's tabs read them), live and
// overdue clocks, searchable text; the same seed makes the same cases.
func TestDemoCasesAreWhatTheDeskWouldHaveMade(t *testing.T) {
	const n = 3000
	d, db := newDesk(t)
	ctx := context.Background()
	var progress []int
	made, err := demo.Generate(ctx, d, desk.Actor{Name: "admin", Role: "admin"}, demo.Options{Count: n, Seed: 7,
		Progress: func(done int) { progress = append(progress, done) }})
	if err != nil || made != n || count(t, db, store.Query{}) != n {
		t.Fatalf("made %d of %d: %v", made, n, err)
	}
	if len(progress) == 0 || progress[len(progress)-1] != n {
		t.Errorf("progress %v", progress)
	}
	var all []store.Case
	if err := db.Read(ctx, func(tx store.Tx) error {
		var err error
		all, err = tx.ListCases(store.Query{Sort: store.SortNumber, Limit: n})
		return err
	}); err != nil || len(all) != n {
		t.Fatalf("%d cases: %v", len(all), err)
	}
	statuses, reopened, overdue, running, escalated := map[string]int{}, 0, 0, 0, 0
	for _, listed := range all {
		c, evs, err := d.Case(ctx, desk.System, listed.Number)
		if err != nil {
			t.Fatal(err)
		}
		statuses[c.Status]++
		if c.ReopenCount > 0 {
			reopened++
		}
		if !strings.HasPrefix(c.Number, "TS"+c.ReceivedAt.In(shanghai).Format("20060102")+"-") {
			t.Fatalf("%s received %v", c.Number, c.ReceivedAt)
		}
		if evs[0].Action != "register" || c.ReceivedAt.After(now) || c.Primary().Phone == "" || c.Content == "" {
			t.Fatalf("%s: %+v %+v", c.Number, c, evs[0])
		}
		for _, e := range evs {
			if e.Action == "escalate" && e.Actor == desk.System.Name {
				escalated++
			}
		}
		for k := 1; k < len(evs); k++ {
			if evs[k].At.Before(evs[k-1].At) || evs[k].At.After(now) {
				t.Fatalf("%s: %s at %v after %s at %v", c.Number, evs[k].Action, evs[k].At, evs[k-1].Action, evs[k-1].At)
			}
		}
		if last := evs[len(evs)-1]; len(evs) > 1 && last.After["status"] != "" && last.After["status"] != c.Status {
			t.Fatalf("%s: status %s, the last event says %s", c.Number, c.Status, last.After["status"])
		}
		again := *c
		d.Derive(&again, evs)
		// (stored to the millisecond)
		if again.NextDue.UnixMilli() != c.NextDue.UnixMilli() || again.NextWarn.UnixMilli() != c.NextWarn.UnixMilli() ||
			again.NextClock != c.NextClock || again.Open != c.Open {
			t.Fatalf("%s: derived fields %v %v %s %v, the desk computes %v %v %s %v", c.Number,
				c.NextDue, c.NextWarn, c.NextClock, c.Open, again.NextDue, again.NextWarn, again.NextClock, again.Open)
		}
		switch {
		case c.NextDue.IsZero():
		case c.NextDue.Before(now):
			overdue++
		default:
			running++
		}
	}
	for _, s := range d.Policy().Statuses {
		if statuses[s.ID] == 0 {
			t.Errorf("no demo case is %s: %v", s.ID, statuses)
		}
	}
	if reopened == 0 || overdue == 0 || running == 0 {
		t.Errorf("reopened %d, overdue %d, running %d", reopened, overdue, running)
	}
	if got := count(t, db, store.Query{Tab: store.TabOverdue, Now: now}); got != overdue {
		t.Errorf("the overdue tab has %d, the cases say %d", got, overdue)
	}
	// Breached clocks were escalated as the sweeper would have, and the
	// sweeper knows: it finds nothing left to escalate.
	if swept, err := d.Sweep(ctx); err != nil || swept != 0 || escalated == 0 {
		t.Errorf("the demo escalated %d breaches, the sweep after it %d (%v)", escalated, swept, err)
	}
	if count(t, db, store.Query{Search: "电饭煲"}) == 0 {
		t.Error("search finds no 电饭煲")
	}

	// The same seed makes the same cases.
	d2, db2 := newDesk(t)
	if _, err := demo.Generate(ctx, d2, desk.Actor{Name: "admin", Role: "admin"}, demo.Options{Count: 200, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	d3, db3 := newDesk(t)
	if _, err := demo.Generate(ctx, d3, desk.Actor{Name: "admin", Role: "admin"}, demo.Options{Count: 200, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	list := func(db *sqlite.DB) string {
		var cs []store.Case
		db.Read(ctx, func(tx store.Tx) error {
			cs, err = tx.ListCases(store.Query{Sort: store.SortNumber, Limit: 200})
			return err
		})
		var b strings.Builder
		for _, c := range cs {
			fmt.Fprintf(&b, "%s %v %s %s %s\n", c.Number, c.ReceivedAt.UnixMilli(), c.Status, c.Content, c.Primary().Phone)
		}
		return b.String()
	}
	if a, b := list(db2), list(db3); a != b || a == "" {
		t.Errorf("the same seed made different cases")
	}
}
