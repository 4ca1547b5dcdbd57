package desk_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"complaintdesk/internal/deadline"
	"complaintdesk/internal/desk"
	"complaintdesk/internal/policy"
	"complaintdesk/internal/testdb"
	"complaintdesk/store"
)

var impShanghai = func() *time.Location {
	l, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		panic(err)
	}
	return l
}()

func impAt(m time.Month, d, hh int) time.Time { return time.Date(2026, m, d, hh, 0, 0, 0, impShanghai) }

func impDesk(t *testing.T, now time.Time) (*desk.Desk, store.Store) {
	t.Helper()
	ctx := context.Background()
	db := testdb.Open(t)
	d, err := desk.Open(ctx, db, desk.Options{By: "test"})
	if err != nil {
		t.Fatal(err)
	}
	d.Now = func() time.Time { return now }
	return d, db
}

var impActor = desk.Actor{Name: "陈主管", Role: "supervisor"}

func history(id string, received time.Time, status string, steps map[string]time.Time) desk.HistoryCase {
	return desk.HistoryCase{Source: "旧系统", SourceID: id, ReceivedAt: received, Status: status, Steps: steps,
		Channel: "phone", Name: "张三", Phone: "13800138000", Content: "热水器漏水", Resolution: "已更换", Reply: "已致歉并更换"}
}

func TestStatusPath(t *testing.T) {
	p, err := policy.Preset("default")
	if err != nil {
		t.Fatal(err)
	}
	for status, want := range map[string][]string{
		"registered":    nil,
		"acknowledged":  {"acknowledge"},
		"investigating": {"acknowledge", "assign"},
		"closed":        {"acknowledge", "resolve", "close"},
		"revisited":     {"acknowledge", "resolve", "close", "revisit"},
	} {
		got, err := desk.StatusPath(p, status)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %v %v, want %v", status, got, err, want)
		}
	}
	if _, err := desk.CheckPath(p, []string{"close"}, "closed"); err == nil {
		t.Error("close straight from registered is not a path of the policy")
	}
}

func TestImportHistoryClocksAsTheyWere(t *testing.T) {
	now := impAt(11, 20, 10)
	d, db := impDesk(t, now)
	ctx := context.Background()
	res, err := d.ImportHistory(ctx, impActor, []desk.HistoryCase{
		// Received Monday 9:00, answered within the day, closed on Wednesday: met.
		history("1", impAt(3, 2, 9), "closed", map[string]time.Time{"acknowledge": impAt(3, 2, 15), "close": impAt(3, 4, 18)}),
		// Closed a week later: breached.
		history("2", impAt(3, 2, 9), "closed", map[string]time.Time{"close": impAt(3, 9, 18)}),
		// Still open in the source: its clocks run on, overdue.
		history("3", impAt(3, 2, 9), "investigating", nil),
		history("1", impAt(3, 2, 9), "closed", nil), // the same id again
	}, false)
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Outcome != desk.Imported || res[0].Number != "TS20260302-0001" || res[2].Number != "TS20260302-0003" || res[3].Outcome != desk.Duplicate {
		t.Fatalf("results %+v", res)
	}
	state := func(number string) (*store.Case, map[string]deadline.State) {
		c, evs, err := d.Case(ctx, desk.System, number)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]deadline.State{}
		for _, ck := range d.Clocks(c, evs) {
			out[ck.ID] = ck.StateAt(now)
		}
		return c, out
	}
	c1, s1 := state(res[0].Number)
	if s1["first_response"] != deadline.Met || s1["closure"] != deadline.Met || s1["revisit"] != deadline.NotStarted || !c1.NextDue.IsZero() || !c1.NextWarn.IsZero() {
		t.Errorf("case 1 clocks %v, next due %v", s1, c1.NextDue)
	}
	if c1.Source != "旧系统" || c1.SourceID != "1" || !c1.ReceivedAt.Equal(impAt(3, 2, 9)) || c1.RegisteredAt.Equal(c1.ReceivedAt) || c1.Resolution != "已更换" {
		t.Errorf("case 1 %+v", c1)
	}
	c2, s2 := state(res[1].Number)
	if s2["closure"] != deadline.Breached || s2["first_response"] != deadline.NotStarted || !c2.NextDue.IsZero() {
		t.Errorf("case 2 clocks %v: closed late is breached, the first response is not in the source", s2)
	}
	c3, s3 := state(res[2].Number)
	if c3.NextDue.IsZero() || c3.NextWarn.IsZero() || s3["closure"] != deadline.Breached || !c3.Open {
		t.Errorf("case 3 open: clocks %v next due %v", s3, c3.NextDue)
	}

	// Work on a closed import does not bring its clocks back...
	if _, err := d.Apply(ctx, impActor, desk.Action{Number: res[1].Number, Name: "note", Note: "客户来电询问"}); err != nil {
		t.Fatal(err)
	}
	c2, s2 = state(res[1].Number)
	if !c2.NextDue.IsZero() || s2["revisit"] != deadline.NotStarted {
		t.Errorf("after a note: next due %v clocks %v", c2.NextDue, s2)
	}
	// ...but reopening makes it the desk's work again.
	if _, err := d.Apply(ctx, impActor, desk.Action{Number: res[1].Number, Name: "reopen", Reason: "客户不满意"}); err != nil {
		t.Fatal(err)
	}
	c2, s2 = state(res[1].Number)
	if c2.NextDue.IsZero() || s2["closure"] != deadline.Running {
		t.Errorf("after reopening: next due %v clocks %v", c2.NextDue, s2)
	}
	var n int
	db.Read(ctx, func(tx store.Tx) error { n, err = tx.CountCases(store.Query{}); return err })
	if n != 3 {
		t.Errorf("%d cases", n)
	}
}

func TestImportHistoryRefusesBadCases(t *testing.T) {
	now := impAt(11, 20, 10)
	d, _ := impDesk(t, now)
	bad := func(h desk.HistoryCase) desk.HistoryCase { return h }
	cases := []struct {
		h     desk.HistoryCase
		field string
	}{
		{bad(history("a", time.Time{}, "closed", nil)), "received"},
		{bad(history("b", impAt(12, 1, 9), "closed", nil)), "received"},
		{bad(history("c", impAt(3, 2, 9), "archived", nil)), "status"},
		{bad(history("d", impAt(3, 2, 9), "closed", map[string]time.Time{"close": impAt(3, 1, 9)})), desk.StepField("close")},
		{bad(history("e", impAt(3, 2, 9), "closed", map[string]time.Time{"acknowledge": impAt(3, 5, 9), "close": impAt(3, 4, 9)})), desk.StepField("close")},
		{func() desk.HistoryCase {
			h := history("f", impAt(3, 2, 9), "closed", nil)
			h.Phone, h.ContactOptional = "", false
			return h
		}(), "phone"},
		{func() desk.HistoryCase {
			h := history("g", impAt(3, 2, 9), "closed", nil)
			h.Channel = "pigeon"
			return h
		}(), "channel"},
		{func() desk.HistoryCase { h := history("", impAt(3, 2, 9), "closed", nil); return h }(), "source_id"},
		{func() desk.HistoryCase { h := history("h", impAt(3, 2, 9), "closed", nil); h.Content = " "; return h }(), "content"},
	}
	batch := make([]desk.HistoryCase, len(cases))
	for i, c := range cases {
		batch[i] = c.h
	}
	res, err := d.ImportHistory(context.Background(), impActor, batch, false)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range cases {
		if res[i].Outcome != desk.Invalid || res[i].Err.For(c.field) == nil {
			t.Errorf("case %d: %+v, want a problem with %s", i, res[i], c.field)
		}
	}
	// A dry run of a good one writes nothing and numbers nothing.
	res, err = d.ImportHistory(context.Background(), impActor, []desk.HistoryCase{history("ok", impAt(3, 2, 9), "closed", nil)}, true)
	if err != nil || res[0].Outcome != desk.Imported || res[0].Number != "" {
		t.Fatalf("dry run %+v %v", res, err)
	}
	res, _ = d.ImportHistory(context.Background(), impActor, []desk.HistoryCase{history("ok", impAt(3, 2, 9), "closed", nil)}, false)
	if res[0].Number != "TS20260302-0001" {
		t.Errorf("after a dry run the first number is %s", res[0].Number)
	}
}

// A date without time means "some time that day" (docs/import.md): order
// checks compare days, a clock is met by a step dated on or before the day
// it is due, and a step dated today is not in the future.
func TestImportHistoryDayOnlyDates(t *testing.T) {
	now := impAt(11, 20, 10) // a Friday
	d, _ := impDesk(t, now)
	ctx := context.Background()
	day := func(m time.Month, dd int) time.Time { return impAt(m, dd, 0) }
	at := func(m time.Month, dd, hh, mm int) time.Time { return time.Date(2026, m, dd, hh, mm, 0, 0, impShanghai) }
	type want struct {
		ok     bool
		clocks map[string]deadline.State
		field  string // the problem when !ok
	}
	cases := []struct {
		name    string
		h       desk.HistoryCase
		dayOnly []string
		want    want
	}{
		{"acknowledged that day, closed at 15:00 the same day",
			history("1", at(3, 2, 9, 0), "closed", map[string]time.Time{"acknowledge": day(3, 2), "close": at(3, 2, 15, 0)}),
			[]string{"acknowledge"}, want{ok: true, clocks: map[string]deadline.State{"first_response": deadline.Met, "closure": deadline.Met}}},
		{"closed today, by date alone",
			history("2", at(11, 19, 9, 0), "closed", map[string]time.Time{"close": day(11, 20)}),
			[]string{"close"}, want{ok: true, clocks: map[string]deadline.State{"closure": deadline.Met}}},
		{"24-hour first response due at 10:00 on the 3rd, acknowledged on the 3rd",
			history("3", at(3, 2, 10, 0), "acknowledged", map[string]time.Time{"acknowledge": day(3, 3)}),
			[]string{"acknowledge"}, want{ok: true, clocks: map[string]deadline.State{"first_response": deadline.Met}}},
		{"acknowledged on the 4th: a day late",
			history("4", at(3, 2, 10, 0), "acknowledged", map[string]time.Time{"acknowledge": day(3, 4)}),
			[]string{"acknowledge"}, want{ok: true, clocks: map[string]deadline.State{"first_response": deadline.Breached}}},
		{"2-day closure (due at the end of Wednesday the 4th), closed on the 4th",
			history("5", at(3, 2, 9, 0), "closed", map[string]time.Time{"close": day(3, 4)}),
			[]string{"close"}, want{ok: true, clocks: map[string]deadline.State{"closure": deadline.Met}}},
		{"closed on the 5th",
			history("6", at(3, 2, 9, 0), "closed", map[string]time.Time{"close": day(3, 5)}),
			[]string{"close"}, want{ok: true, clocks: map[string]deadline.State{"closure": deadline.Breached}}},
		{"received on the 2nd, acknowledged on the 3rd, both by date",
			history("7", day(3, 2), "acknowledged", map[string]time.Time{"acknowledge": day(3, 3)}),
			[]string{"received", "acknowledge"}, want{ok: true, clocks: map[string]deadline.State{"first_response": deadline.Met}}},
		{"received on the 2nd, acknowledged on the 4th",
			history("8", day(3, 2), "acknowledged", map[string]time.Time{"acknowledge": day(3, 4)}),
			[]string{"received", "acknowledge"}, want{ok: true, clocks: map[string]deadline.State{"first_response": deadline.Breached}}},
		{"received on the 2nd by date, closed at 08:00 that day",
			history("9", day(3, 2), "closed", map[string]time.Time{"close": at(3, 2, 8, 0)}),
			[]string{"received"}, want{ok: true, clocks: map[string]deadline.State{"closure": deadline.Met}}},
		{"acknowledged on the 3rd but closed at 15:00 on the 2nd",
			history("10", day(3, 2), "closed", map[string]time.Time{"acknowledge": day(3, 3), "close": at(3, 2, 15, 0)}),
			[]string{"received", "acknowledge"}, want{field: desk.StepField("close")}},
		{"received at 15:00, closed at 14:00 that day: the acknowledgement by date does not hide it",
			history("11", at(3, 2, 15, 0), "closed", map[string]time.Time{"acknowledge": day(3, 2), "close": at(3, 2, 14, 0)}),
			[]string{"acknowledge"}, want{field: desk.StepField("close")}},
		{"closed tomorrow",
			history("12", at(11, 19, 9, 0), "closed", map[string]time.Time{"close": day(11, 21)}),
			[]string{"close"}, want{field: desk.StepField("close")}},
	}
	batch := make([]desk.HistoryCase, len(cases))
	for i, c := range cases {
		batch[i] = c.h
		batch[i].DayOnly = map[string]bool{}
		for _, k := range c.dayOnly {
			batch[i].DayOnly[k] = true
		}
	}
	res, err := d.ImportHistory(ctx, impActor, batch, false)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range cases {
		r := res[i]
		if !c.want.ok {
			if r.Outcome != desk.Invalid || r.Err.For(c.want.field) == nil {
				t.Errorf("%s: %+v, want a problem with %s", c.name, r, c.want.field)
			}
			continue
		}
		if r.Outcome != desk.Imported {
			t.Errorf("%s: %+v %v", c.name, r, r.Err)
			continue
		}
		cs, evs, err := d.Case(ctx, desk.System, r.Number)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]deadline.State{}
		for _, ck := range d.Clocks(cs, evs) {
			got[ck.ID] = ck.StateAt(now)
		}
		for id, st := range c.want.clocks {
			if got[id] != st {
				t.Errorf("%s: clock %s %v, want %v (events %v)", c.name, id, got[id], st, evs)
			}
		}
		for k := 1; k < len(evs); k++ {
			if evs[k].At.Before(evs[k-1].At) || evs[k].At.After(now) {
				t.Errorf("%s: event %s at %v out of order or in the future", c.name, evs[k].Action, evs[k].At)
			}
			if h := c.h.Steps[evs[k].Action]; !h.IsZero() && evs[k].At.In(impShanghai).Format("2006-01-02") != h.Format("2006-01-02") {
				t.Errorf("%s: %s recorded on %v, not on its day %v", c.name, evs[k].Action, evs[k].At, h)
			}
		}
	}
}
