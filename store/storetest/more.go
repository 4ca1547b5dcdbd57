package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"complaintdesk/store"
)

// An imported batch: numbered from reserved sequences, ids in number
// order, histories chained, found by source; a row imported twice is
// ErrDuplicate and leaves nothing behind.
func testImportedHistory(t *testing.T, open Opener) {
	db, ctx := open(t), context.Background()
	var first, again map[string]int
	var next int
	err := db.Write(ctx, func(tx store.Tx) error {
		var err error
		if first, err = tx.ReserveCaseSeqs(map[string]int{"20261101": 3, "20261102": 1}); err != nil {
			return err
		}
		if again, err = tx.ReserveCaseSeqs(map[string]int{"20261101": 2}); err != nil {
			return err
		}
		next, err = tx.NextCaseSeq("20261101")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if first["20261101"] != 1 || first["20261102"] != 1 || again["20261101"] != 4 || next != 6 {
		t.Errorf("reserved %v then %v, next %d; want 1 and 1, then 4, next 6", first, again, next)
	}
	rec := func(number, sourceID, content string) store.HistoryRecord {
		c := Case(number, func(c *store.Case) {
			c.Source, c.SourceID, c.Content = "legacy", sourceID, content
			c.Complainants = []store.Complainant{{Name: "钱七", Phone: "1350000" + sourceID[len(sourceID)-4:]}, {Name: "孙八"}}
		})
		return store.HistoryRecord{Case: c, Events: []store.Event{
			{At: c.ReceivedAt, Actor: "import", Action: "register", After: map[string]string{"status": "registered"}},
			{At: c.ReceivedAt.Add(time.Hour), Actor: "import", Action: "close", Note: "已处理", After: map[string]string{"status": "closed"}},
		}}
	}
	recs := []store.HistoryRecord{
		rec("TS20261101-0003", "r-0003", "旧系统导入：发票问题"),
		rec("TS20261101-0001", "r-0001", "旧系统导入：送货延误"),
		rec("TS20261101-0002", "r-0002", "旧系统导入：退款未到"),
	}
	if err := db.Write(ctx, func(tx store.Tx) error { return tx.InsertHistory(recs) }); err != nil {
		t.Fatal(err)
	}
	if !(recs[1].Case.ID < recs[2].Case.ID && recs[2].Case.ID < recs[0].Case.ID) {
		t.Errorf("ids %d %d %d; want them in number order", recs[1].Case.ID, recs[2].Case.ID, recs[0].Case.ID)
	}
	err = db.Read(ctx, func(tx store.Tx) error {
		c, err := tx.CaseBySource("legacy", "r-0002")
		if err != nil {
			return err
		}
		if c.Number != "TS20261101-0002" || len(c.Complainants) != 2 || c.Complainants[1].Name != "孙八" {
			t.Errorf("by source: %s %+v", c.Number, c.Complainants)
		}
		if _, err := tx.CaseBySource("legacy", "r-9999"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("an id never imported: %v", err)
		}
		if _, err := tx.CaseBySource("", ""); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("the desk's own cases have no source: %v", err)
		}
		nums, err := tx.ImportedNumbers("legacy", []string{"r-0001", "r-0003", "r-9999"})
		if err != nil {
			return err
		}
		if len(nums) != 2 || nums["r-0001"] != "TS20261101-0001" || nums["r-0003"] != "TS20261101-0003" {
			t.Errorf("imported numbers %v", nums)
		}
		evs, err := tx.Events(c.ID)
		if err != nil {
			return err
		}
		if len(evs) != 2 || evs[1].Note != "已处理" || evs[0].Entered.IsZero() || store.CheckChain(evs) != nil {
			t.Errorf("imported history %+v (chain %+v)", evs, store.CheckChain(evs))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := List(t, db, store.Query{Search: "退款未到"}); !slices.Equal(got, []string{"TS20261101-0002"}) {
		t.Errorf("search finds the imported case: %v", got)
	}
	if got := List(t, db, store.Query{Search: "0003"}); !slices.Equal(got, []string{"TS20261101-0003"}) {
		t.Errorf("search finds the imported case by its number: %v", got)
	}
	dup := []store.HistoryRecord{rec("TS20261101-0004", "r-0004", "新的一行"), rec("TS20261101-0005", "r-0001", "又一次")}
	err = db.Write(ctx, func(tx store.Tx) error { return tx.InsertHistory(dup) })
	if !errors.Is(err, store.ErrDuplicate) {
		t.Fatalf("a row imported twice: %v; want ErrDuplicate", err)
	}
	if got := List(t, db, store.Query{}); len(got) != 3 {
		t.Errorf("after the refused batch: %v; want the 3 cases before it", got)
	}
}

// Related cases, similar complaints, a caller's count, alerts, breaches,
// the sweep mark, PINs, the station log, notices, fields, approvals,
// drafts, users, the calendar and the policy.
func testHandlingAndLab(t *testing.T, open Opener) {
	db, ctx := open(t), context.Background()
	h := func(n int) time.Time { return Now.Add(time.Duration(n) * time.Hour) }
	a := Case("TS20261120-0001", func(c *store.Case) {
		c.Category, c.Subject, c.Handler = "product.defect", "电饭煲 MB-FB40", "lina"
		c.NextDue, c.NextDueStart, c.NextClock, c.NextWarn = h(-1), h(-30), "closure", h(-5)
		c.Fields = map[string]string{"report": "R-2026-001", "testers": "wang,zhao", "grade_requested": "A"}
	})
	b := Case("TS20261120-0002", func(c *store.Case) {
		c.Category, c.Subject, c.ReceivedAt = "product.defect", "电饭煲 MB-FB40", Now.Add(-24*time.Hour)
		c.NextDue, c.NextDueStart, c.NextClock, c.NextWarn = h(2), h(-20), "first_response", h(-1)
		c.Escalation, c.Crisis, c.Status = "dept", true, "awaiting_approval"
		c.Fields = map[string]string{"testers": "zhao"}
		c.Complainants = []store.Complainant{{Name: "赵六", Phone: "13900001111"}, {Name: "周九", Phone: "13600002222"}}
	})
	closed := Case("TS20261120-0003", func(c *store.Case) {
		c.Status, c.Open, c.Category, c.Subject = "closed", false, "product.defect", "电饭煲 MB-FB40"
		c.Escalation, c.Crisis = "dept", true
		c.Fields = map[string]string{"report": "R-2026-001"}
	})
	Insert(t, db, a, b, closed)
	err := db.Write(ctx, func(tx store.Tx) error {
		if err := tx.LinkCases(store.CaseLink{A: a.ID, B: b.ID, At: Now, By: "lina", Reason: "同一批次"}); err != nil {
			return err
		}
		if err := tx.LinkCases(store.CaseLink{A: b.ID, B: a.ID, At: Now, By: "lina"}); !errors.Is(err, store.ErrDuplicate) {
			t.Errorf("linking again: %v; want ErrDuplicate", err)
		}
		if err := tx.LinkCases(store.CaseLink{A: a.ID, B: a.ID, At: Now}); err == nil {
			t.Error("a case was linked to itself")
		}
		if err := tx.SetSweepMark(h(-2)); err != nil {
			return err
		}
		if err := tx.SetSweepMark(h(-3)); err != nil { // never moves back
			return err
		}
		for _, u := range []store.User{{Name: "lina", Role: "agent", OSLogin: "lina"}, {Name: "wang", Role: "tester"}, {Name: "zhao", Role: "tester", Disabled: true}} {
			if err := tx.PutUser(&u); err != nil {
				return err
			}
		}
		if err := tx.PutUser(&store.User{Name: "other", Role: "agent", OSLogin: "lina"}); !errors.Is(err, store.ErrDuplicate) {
			t.Errorf("an OS login of two users: %v; want ErrDuplicate", err)
		}
		for _, u := range []string{"wang", "zhao"} {
			if err := tx.PutPIN(&store.UserPIN{User: u, Hash: "$2a$hash-" + u, SetAt: Now, SetBy: "admin"}); err != nil {
				return err
			}
		}
		if err := tx.PutPIN(&store.UserPIN{User: "nobody", Hash: "x", SetAt: Now}); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("a PIN of no user: %v; want ErrNotFound", err)
		}
		if err := tx.PutPIN(&store.UserPIN{User: "wang", Hash: "$2a$hash-wang", SetAt: Now, SetBy: "admin", Failures: 3, LockedUntil: h(1)}); err != nil {
			return err
		}
		for i, ok := range []bool{true, false} {
			if err := tx.LogSwitch(&store.StationSwitch{At: h(i), From: "wang", To: "zhao", OK: ok, Why: map[bool]string{false: "wrong PIN"}[ok]}); err != nil {
				return err
			}
		}
		evs, err := tx.Events(a.ID)
		if err != nil {
			return err
		}
		for i, role := range []string{"supervisor", "lab_head", "supervisor"} {
			n := store.Notice{CaseID: []int64{a.ID, a.ID, b.ID}[i], EventID: evs[0].ID, Role: role, Action: "escalate", Actor: "lina", At: h(i)}
			if err := tx.AddNotice(&n); err != nil {
				return err
			}
		}
		if err := tx.SaveDraft(&store.Draft{User: "lina", Key: "intake", Data: `{"a":1}`, UpdatedAt: h(-1)}); err != nil {
			return err
		}
		if err := tx.SaveDraft(&store.Draft{User: "lina", Key: "note:" + a.Number, Data: `{}`, UpdatedAt: h(0)}); err != nil {
			return err
		}
		if err := tx.SaveDraft(&store.Draft{User: "lina", Key: "intake", Data: `{"a":2}`, UpdatedAt: h(-1)}); err != nil {
			return err
		}
		for _, y := range []int{2027, 2026} {
			if err := tx.PutCalendarYear(store.CalendarYear{Year: y, Text: fmt.Sprint(y), LoadedAt: Now, LoadedBy: "admin"}); err != nil {
				return err
			}
		}
		if _, err := tx.Policy(); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("policy before the first: %v; want ErrNotFound", err)
		}
		return tx.PutPolicy(store.PolicyText{Name: "callcenter", Text: "name = 'callcenter'", LoadedAt: Now, LoadedBy: "admin"})
	})
	if err != nil {
		t.Fatal(err)
	}
	numbers := func(cs []store.Case) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.Number)
		}
		return out
	}
	err = db.Read(ctx, func(tx store.Tx) error {
		ls, err := tx.LinkedCases(b.ID)
		if err != nil {
			return err
		}
		if len(ls) != 1 || ls[0].Case.Number != a.Number || ls[0].Reason != "同一批次" || !ls[0].At.Equal(Now) || len(ls[0].Case.Complainants) != 1 {
			t.Errorf("linked to b: %+v", ls)
		}
		sim, err := tx.SimilarCases("product.defect", "电饭煲 MB-FB40", h(-24*30), Now, a.ID, 10)
		if err != nil {
			return err
		}
		if got := numbers(sim); !slices.Equal(got, []string{b.Number, closed.Number}) {
			t.Errorf("similar to a: %v; want the newest first, a itself left out", got)
		}
		counts, err := tx.PhoneCaseCounts([]string{"13900001111", "13600002222", "", "10000000000"})
		if err != nil {
			return err
		}
		if len(counts) != 2 || counts["13900001111"] != 3 || counts["13600002222"] != 1 {
			t.Errorf("phone counts %v", counts)
		}
		byPhone, err := tx.CasesByPhone("13900001111", 0)
		if err != nil {
			return err
		}
		if got := numbers(byPhone); !slices.Equal(got, []string{b.Number, closed.Number, a.Number}) {
			t.Errorf("cases by phone: %v; want the newest first (the latest number first of those received together)", got)
		}
		for _, tc := range []struct {
			name string
			q    store.AlertQuery
			want []string
			n    int
		}{
			{"warn", store.AlertQuery{Kind: store.AlertWarn, Now: Now}, []string{b.Number}, 1},
			{"warn of lina", store.AlertQuery{Kind: store.AlertWarn, Now: Now, Handler: "lina"}, nil, 0},
			{"breach", store.AlertQuery{Kind: store.AlertBreach, Now: Now}, []string{a.Number}, 1},
			{"breach of lina", store.AlertQuery{Kind: store.AlertBreach, Now: Now, Handler: "lina"}, []string{a.Number}, 1},
			{"breach outside working hours", store.AlertQuery{Kind: store.AlertBreach, Now: Now, SkipClocks: []string{"closure"}}, nil, 0},
			{"escalated", store.AlertQuery{Kind: store.AlertEscalated, Levels: []string{"dept", "company"}}, []string{b.Number}, 1},
			{"escalated to nothing asked", store.AlertQuery{Kind: store.AlertEscalated}, nil, 0},
			{"crisis", store.AlertQuery{Kind: store.AlertCrisis}, []string{b.Number}, 1},
		} {
			cs, n, err := tx.AlertCases(tc.q)
			if err != nil {
				return err
			}
			if got := numbers(cs); !slices.Equal(got, tc.want) || n != tc.n {
				t.Errorf("alert %s: %v (%d); want %v (%d)", tc.name, got, n, tc.want, tc.n)
			}
		}
		breaches, err := tx.BreachedBetween(store.Breach{Due: h(-3)}, Now, 0)
		if err != nil {
			return err
		}
		if len(breaches) != 1 || breaches[0].ID != a.ID || !breaches[0].Due.Equal(a.NextDue) {
			t.Errorf("breached in the last 3 hours: %v; want a", breaches)
		}
		if after, err := tx.BreachedBetween(breaches[0], Now, 0); err != nil || len(after) != 0 {
			t.Errorf("breached after a: %v, %v; want none", after, err)
		}
		mark, err := tx.SweepMark()
		if err != nil {
			return err
		}
		if !mark.Equal(h(-2)) {
			t.Errorf("sweep mark %v; want %v (it never moves back)", mark, h(-2))
		}
		if users, err := tx.PINUsers(); err != nil || !slices.Equal(users, []string{"wang"}) {
			t.Errorf("PIN users %v, %v; want wang (zhao is disabled)", users, err)
		}
		pin, err := tx.PIN("wang")
		if err != nil {
			return err
		}
		if pin.Failures != 3 || !pin.LockedUntil.Equal(h(1)) || pin.Hash != "$2a$hash-wang" {
			t.Errorf("wang's PIN %+v", pin)
		}
		if _, err := tx.PIN("lina"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("no PIN: %v", err)
		}
		log, err := tx.StationLog(0)
		if err != nil {
			return err
		}
		if len(log) != 2 || log[0].OK || log[0].Why != "wrong PIN" || !log[1].OK || !log[0].At.Equal(h(1)) {
			t.Errorf("station log %+v; want the newest first", log)
		}
		ns, n, err := tx.UnreadNotices([]string{"supervisor"}, 10, 0)
		if err != nil {
			return err
		}
		if n != 2 || len(ns) != 2 || ns[0].Number != b.Number || ns[1].Number != a.Number {
			t.Errorf("supervisor's notices %+v (%d)", ns, n)
		}
		byReport, err := tx.CasesByField("report", "R-2026-001", 0)
		if err != nil {
			return err
		}
		if got := numbers(byReport); !slices.Equal(got, []string{closed.Number, a.Number}) {
			t.Errorf("by report: %v; want the newest first", got)
		}
		if _, err := tx.CasesByField("report'); --", "x", 0); err == nil {
			t.Error("a bad field name was accepted")
		}
		drafts, err := tx.Drafts("lina")
		if err != nil {
			return err
		}
		if len(drafts) != 2 || drafts[0].Key != "note:"+a.Number || drafts[1].Data != `{"a":2}` {
			t.Errorf("drafts %+v; want the latest first, saved again in place", drafts)
		}
		if u, err := tx.UserByOSLogin("lina"); err != nil || u.Name != "lina" {
			t.Errorf("by OS login: %+v %v", u, err)
		}
		if n, err := tx.CountUsers(); err != nil || n != 3 {
			t.Errorf("%d users, %v", n, err)
		}
		years, err := tx.CalendarYears()
		if err != nil || len(years) != 2 || years[0].Year != 2026 {
			t.Errorf("calendar years %+v %v", years, err)
		}
		p, err := tx.Policy()
		if err != nil || p.Name != "callcenter" || !p.LoadedAt.Equal(Now) {
			t.Errorf("policy %+v %v", p, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		q    store.Query
		want []string
	}{
		{"approvals", store.Query{Tab: store.TabApprovals, Approvals: []string{"awaiting_approval"}}, []string{a.Number, b.Number}},
		{"grade changes requested", store.Query{Tab: store.TabApprovals}, []string{a.Number}},
		{"named in a field", store.Query{Named: store.Named{Field: "testers", User: "zhao"}}, []string{a.Number, b.Number}},
		{"named first", store.Query{Named: store.Named{Field: "testers", User: "wang"}}, []string{a.Number}},
		{"not a part of a name", store.Query{Named: store.Named{Field: "testers", User: "zha"}}, nil},
		{"named as handler", store.Query{Named: store.Named{Field: "handler", User: "lina"}}, []string{a.Number}},
		{"not a field", store.Query{Named: store.Named{Field: "Bad-Key", User: "zhao"}}, nil},
		{"department", store.Query{Department: "nowhere"}, nil},
		{"handler", store.Query{Handler: "lina"}, []string{a.Number}},
	} {
		if got := List(t, db, tc.q); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v; want %v", tc.name, got, tc.want)
		}
	}
	err = db.Write(ctx, func(tx store.Tx) error {
		n, err := tx.ReadNotices(a.ID, []string{"supervisor", "lab_head"}, "chen", Now)
		if err != nil || n != 2 {
			t.Errorf("read %d notices, %v; want 2", n, err)
		}
		if err := tx.UnlinkCases(b.ID, a.ID); err != nil {
			return err
		}
		if err := tx.UnlinkCases(a.ID, b.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("unlinking again: %v; want ErrNotFound", err)
		}
		if err := tx.DeleteDraft("lina", "intake"); err != nil {
			return err
		}
		if _, err := tx.Draft("lina", "intake"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("a deleted draft: %v", err)
		}
		ns, n, err := tx.UnreadNotices([]string{"supervisor", "lab_head"}, 10, 0)
		if err != nil || n != 1 || len(ns) != 1 || ns[0].CaseID != b.ID {
			t.Errorf("unread after reading a's: %+v %d %v", ns, n, err)
		}
		ls, err := tx.LinkedCases(a.ID)
		if err != nil || len(ls) != 0 {
			t.Errorf("linked after unlinking: %+v %v", ls, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// The dashboard's and the monthly report's counts, and the sample tab,
// which shows the latest revisit sample, never the quality inspection's.
func testDashboardCounts(t *testing.T, open Opener) {
	db, ctx := open(t), context.Background()
	h := func(n int) time.Time { return Now.Add(time.Duration(n) * time.Hour) }
	due := func(at time.Time, handler, grade, status string, open bool) func(*store.Case) {
		return func(c *store.Case) {
			c.NextDue, c.NextDueStart, c.NextClock, c.NextWarn = at, c.ReceivedAt, "closure", at.Add(-time.Hour)
			c.Handler, c.Grade, c.Status, c.Open = handler, grade, status, open
			if at.IsZero() {
				c.NextWarn = time.Time{}
			}
		}
	}
	cs := []*store.Case{
		Case("TS20261121-0001", due(h(-2), "lina", "A", "investigating", true)),
		Case("TS20261121-0002", due(h(0).Add(30*time.Minute), "lina", "B", "investigating", true)),
		Case("TS20261121-0003", due(h(5), "", "B", "registered", true)),
		Case("TS20261121-0004", due(h(30), "wang", "C", "investigating", true)),
		Case("TS20261121-0005", due(time.Time{}, "wang", "C", "closed", false)),
	}
	cs[0].ReceivedAt = h(-100)
	cs[4].ClosedAt = time.Date(2026, 11, 3, 9, 0, 0, 0, cst)
	Insert(t, db, cs...)
	err := db.Write(ctx, func(tx store.Tx) error {
		if err := tx.PutRevisitSample(&store.RevisitSample{Month: "2026-10", Seed: 7, Ratio: 0.2, Population: 1, DrawnAt: Now, DrawnBy: "qa", CaseIDs: []int64{cs[3].ID}}); err != nil {
			return err
		}
		if err := tx.PutRevisitSample(&store.RevisitSample{Month: "2026-11", Seed: 8, Ratio: 0.2, Population: 1, DrawnAt: Now, DrawnBy: "qa", CaseIDs: []int64{cs[4].ID}}); err != nil {
			return err
		}
		return tx.PutRevisitSample(&store.RevisitSample{Month: "inspection:2026-12", Seed: 9, Ratio: 0.1, Population: 5, DrawnAt: Now, DrawnBy: "qa", CaseIDs: []int64{cs[0].ID, cs[1].ID}})
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := List(t, db, store.Query{Tab: store.TabSample}); !slices.Equal(got, []string{cs[4].Number}) {
		t.Errorf("sample tab: %v; want the latest revisit sample's case", got)
	}
	err = db.Read(ctx, func(tx store.Tx) error {
		s, err := tx.RevisitSample("inspection:2026-12")
		if err != nil || len(s.CaseIDs) != 2 || s.Seed != 9 {
			t.Errorf("inspection sample %+v %v", s, err)
		}
		gs, err := tx.OpenByGradeStatus()
		if err != nil {
			return err
		}
		want := []store.GradeStatusCount{{Grade: "A", Status: "investigating", N: 1}, {Grade: "B", Status: "investigating", N: 1}, {Grade: "B", Status: "registered", N: 1}, {Grade: "C", Status: "investigating", N: 1}}
		if !slices.Equal(gs, want) {
			t.Errorf("open by grade and status %v; want %v", gs, want)
		}
		d, err := tx.DueCounts(Now, h(1), DayEnd)
		if err != nil {
			return err
		}
		if d != (store.DueCounts{Hour: 1, Today: 2, Overdue: 1}) {
			t.Errorf("due counts %+v", d)
		}
		loads, err := tx.HandlerLoads(Now, 0)
		if err != nil {
			return err
		}
		if len(loads) != 3 || loads[0].Handler != "lina" || loads[0].Open != 2 || loads[0].Overdue != 1 ||
			loads[0].OldestNumber != cs[0].Number || !loads[0].OldestReceived.Equal(h(-100)) ||
			loads[1].Handler != "" || loads[2].Handler != "wang" || loads[2].Open != 1 {
			t.Errorf("handler loads %+v", loads)
		}
		br, err := tx.LatestBreaches(Now, 0)
		if err != nil || len(br) != 1 || br[0].Number != cs[0].Number {
			t.Errorf("latest breaches %v %v", br, err)
		}
		next, err := tx.NextAlertAfter(Now)
		if err != nil || !next.Equal(h(0).Add(30*time.Minute)) {
			t.Errorf("next alert %v %v; want in 30 minutes", next, err)
		}
		closed, err := tx.ClosedBetween(time.Date(2026, 11, 1, 0, 0, 0, 0, cst), time.Date(2026, 12, 1, 0, 0, 0, 0, cst))
		if err != nil || !slices.Equal(closed, []int64{cs[4].ID}) {
			t.Errorf("closed in November %v %v", closed, err)
		}
		n, err := tx.CountReceived([]time.Time{h(-200), h(-60), Now})
		if err != nil || !slices.Equal(n, []int{1, 4}) {
			t.Errorf("received %v %v", n, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Two handles on one database (two processes) registering at once give
// every case its own number, the day's numbers 1 to n without a gap.
func testTwoWritersNumberGaplessly(t *testing.T, open Opener) {
	a := open(t)
	b := harness(t, a).Again(t)
	ctx := context.Background()
	const perWriter, writers = 15, 4
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		db := []store.Store{a, b}[w%2]
		wg.Go(func() {
			for range perWriter {
				err := db.Write(ctx, func(tx store.Tx) error {
					n, err := tx.NextCaseSeq("20261124")
					if err != nil {
						return err
					}
					c := Case(fmt.Sprintf("TS20261124-%04d", n), nil)
					if err := tx.InsertCase(c); err != nil {
						return err
					}
					return tx.AppendEvent(&store.Event{CaseID: c.ID, At: Now, Actor: fmt.Sprint("writer", w), Action: "register"})
				})
				if err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	got := List(t, b, store.Query{Sort: store.SortNumber})
	var want []string
	for n := perWriter * writers; n >= 1; n-- {
		want = append(want, fmt.Sprintf("TS20261124-%04d", n))
	}
	if !slices.Equal(got, want) {
		t.Errorf("numbers %v; want 1 to %d once each", got, perWriter*writers)
	}
}

// A form saved from one handle over a case another changed since it was
// read is refused with ErrConflict and changes nothing.
func testStaleUpdateFromAnotherHandleConflicts(t *testing.T, open Opener) {
	a := open(t)
	b := harness(t, a).Again(t)
	ctx := context.Background()
	c := Case("TS20261124-0001", nil)
	Insert(t, a, c)
	read := func(db store.Store) *store.Case {
		var got *store.Case
		if err := db.Read(ctx, func(tx store.Tx) error {
			var err error
			got, err = tx.CaseByID(c.ID)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return got
	}
	mine, theirs := read(a), read(b)
	theirs.Handler, theirs.Version = "wang", theirs.Version+1
	if err := b.Write(ctx, func(tx store.Tx) error { return tx.UpdateCase(theirs) }); err != nil {
		t.Fatal(err)
	}
	mine.Handler, mine.Version = "lina", mine.Version+1
	err := a.Write(ctx, func(tx store.Tx) error { return tx.UpdateCase(mine) })
	if !errors.Is(err, store.ErrConflict) {
		t.Fatalf("a stale update: %v; want ErrConflict", err)
	}
	if got := read(a); got.Handler != "wang" || got.Version != 2 {
		t.Errorf("after the refused update: handler %q version %d; want wang, 2", got.Handler, got.Version)
	}
}

// A commit through one handle moves the data version another handle
// reports (what the desk's watcher polls every second), within a second;
// a handle's own commit moves its own at once.
func testChangeFeedSeesAnotherHandlesCommit(t *testing.T, open Opener) {
	a := open(t)
	b := harness(t, a).Again(t)
	ctx := context.Background()
	version := func(db store.Store) int64 {
		v, err := db.DataVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	v0 := version(a)
	Insert(t, b, Case("TS20261124-0001", nil))
	deadline := time.Now().Add(time.Second)
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for version(a) == v0 {
		if time.Now().After(deadline) {
			t.Fatalf("a commit of another handle: the data version stayed %d for a second", v0)
		}
		<-tick.C
	}
	v1 := version(a)
	Insert(t, a, Case("TS20261124-0002", nil))
	if v2 := version(a); v2 == v1 {
		t.Errorf("a's own commit left its data version at %d", v2)
	}
}
