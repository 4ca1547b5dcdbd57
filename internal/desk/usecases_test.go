package desk_test

// Use cases of the desk on a real SQLite database in a temporary directory,
// with the default policy and the embedded official calendar.

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	_ "time/tzdata"

	"complaintdesk/internal/calendar"
	"complaintdesk/internal/calendar/calendartest"
	"complaintdesk/internal/deadline"
	"complaintdesk/internal/desk"
	"complaintdesk/internal/desk/desktest"
	"complaintdesk/internal/policy"
	"complaintdesk/internal/testdb"
	"complaintdesk/store"
)

var ucShanghai = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		panic(err)
	}
	return loc
}()

func ucAt(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, ucShanghai)
}

// ucEndOf is 24:00 of the day (00:00 of the next) in Shanghai.
func ucEndOf(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, ucShanghai).AddDate(0, 0, 1)
}

var (
	ucAgent      = desk.Actor{Name: "李娜", Role: "agent"}
	ucAgent2     = desk.Actor{Name: "王强", Role: "agent"}
	ucSupervisor = desk.Actor{Name: "陈主管", Role: "supervisor"}
	ucQA         = desk.Actor{Name: "qa1", Role: "qa"}
)

// ucEnv is a desk on a fresh database with a clock the test moves.
type ucEnv struct {
	t   *testing.T
	ctx context.Context
	db  store.Store
	d   *desk.Desk
	now time.Time
}

func ucOpen(t *testing.T, now time.Time) *ucEnv {
	t.Helper()
	ctx := context.Background()
	db := testdb.Open(t)
	d, err := desk.Open(ctx, db, desk.Options{By: "test", DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	e := &ucEnv{t: t, ctx: ctx, db: db, d: d, now: now}
	d.Now = func() time.Time { return e.now }
	return e
}

func (e *ucEnv) advance(d time.Duration) { e.now = e.now.Add(d) }

func (e *ucEnv) count() int {
	e.t.Helper()
	var n int
	err := e.db.Read(e.ctx, func(tx store.Tx) error {
		var err error
		n, err = tx.CountCases(store.Query{})
		return err
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

func (e *ucEnv) load(number string) (*store.Case, []store.Event) {
	e.t.Helper()
	c, evs, err := e.d.Case(e.ctx, desk.System, number)
	if err != nil {
		e.t.Fatalf("case %s: %v", number, err)
	}
	return c, evs
}

func ucReg(mod ...func(*desk.Registration)) desk.Registration {
	r := desk.Registration{
		Channel: "phone", Nature: "complaint",
		Name: "张三", Phone: "138 1234 5678",
		Content: "快递延误三天，包装破损，要求退款", Demand: "退款",
	}
	for _, m := range mod {
		m(&r)
	}
	return r
}

func (e *ucEnv) register(a desk.Actor, r desk.Registration) *store.Case {
	e.t.Helper()
	c, _, err := e.d.Register(e.ctx, a, r)
	if err != nil {
		e.t.Fatalf("register: %v", err)
	}
	return c
}

func (e *ucEnv) apply(a desk.Actor, act desk.Action) *store.Case {
	e.t.Helper()
	c, err := e.d.Apply(e.ctx, a, act)
	if err != nil {
		e.t.Fatalf("%s %s as %s: %v", act.Name, act.Number, a.Role, err)
	}
	return c
}

// hire adds the actors as desk users: cases are assigned only to users
// whose role handles cases.
func (e *ucEnv) hire(actors ...desk.Actor) {
	e.t.Helper()
	if err := desktest.Hire(e.ctx, e.d, actors...); err != nil {
		e.t.Fatal(err)
	}
}

// assignTo verifies the case (三核实) and assigns it to handler, hired
// first: the default policy assigns only a verified case, and resolving
// needs the handler.
func (e *ucEnv) assignTo(by desk.Actor, number string, handler desk.Actor) *store.Case {
	e.t.Helper()
	e.hire(handler)
	e.apply(by, desktest.Verify(number))
	return e.apply(by, desk.Action{Number: number, Name: "assign", Handler: handler.Name})
}

// implement records the solution carried out, which closing a resolved case needs.
func (e *ucEnv) implement(a desk.Actor, number string) *store.Case {
	e.t.Helper()
	return e.apply(a, desktest.Implement(number))
}

// checkDerived checks the stored row's derived due fields against the
// deadline engine run independently on the stored facts and history.
func (e *ucEnv) checkDerived(number, step string) {
	e.t.Helper()
	c, evs := e.load(number)
	eng := deadline.Engine{Policy: policy.Default(), Calendar: calendar.Embedded()}
	next := deadline.Next(eng.Clocks(desk.Facts(c, evs), e.now))
	if next == nil {
		if !c.NextDue.IsZero() || c.NextClock != "" {
			e.t.Errorf("%s: stored next due %s %v; the engine has no running clock", step, c.NextClock, c.NextDue)
		}
		return
	}
	if !c.NextDue.Equal(next.Due) || c.NextClock != next.ID || !c.NextDueStart.Equal(next.Start) {
		e.t.Errorf("%s: stored next due %s %v (start %v); engine says %s %v (start %v)",
			step, c.NextClock, c.NextDue, c.NextDueStart, next.ID, next.Due, next.Start)
	}
}

func TestRegisterRefusesBadInputAndWritesNothing(t *testing.T) {
	now := ucAt(2026, 11, 22, 10, 0)
	e := ucOpen(t, now)
	for _, tc := range []struct {
		field string
		mod   func(*desk.Registration)
	}{
		{"channel", func(r *desk.Registration) { r.Channel = "pigeon" }},
		{"nature", func(r *desk.Registration) { r.Nature = "rant" }},
		{"category", func(r *desk.Registration) { r.Category = "no.such.category" }},
		{"grade", func(r *desk.Registration) { r.Grade = "E" }},
		{"phone", func(r *desk.Registration) { r.Phone = "12345" }},
		{"phone", func(r *desk.Registration) { r.Phone = "+1 555 123 4567" }},
		{"phone", func(r *desk.Registration) { r.Phone = "" }}, // no way to reach the customer
		{"email", func(r *desk.Registration) { r.Email = "zhang@" }},
		{"received", func(r *desk.Registration) { r.ReceivedAt = now.Add(time.Hour) }},
		{"received", func(r *desk.Registration) { r.ReceivedAt = time.Date(1999, 1, 1, 0, 0, 0, 0, ucShanghai) }},
		{"content", func(r *desk.Registration) { r.Content = "  \n\t " }},
		{"collective", func(r *desk.Registration) { r.CollectiveSize = -3 }},
	} {
		before := e.count()
		c, existed, err := e.d.Register(e.ctx, ucAgent, ucReg(tc.mod, func(r *desk.Registration) { r.IdemKey = "bad-" + tc.field }))
		var ve *desk.ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("%s: err = %v (%T); want *desk.ValidationError", tc.field, err, err)
			continue
		}
		if p := ve.For(tc.field); p == nil || p.Message("zh") == "" || p.Message("en") == "" {
			t.Errorf("%s: problems %+v; want one for the field in both languages", tc.field, ve.Problems)
		}
		if c != nil || existed {
			t.Errorf("%s: returned a case %v", tc.field, c)
		}
		if after := e.count(); after != before {
			t.Errorf("%s: %d cases before, %d after a refused registration", tc.field, before, after)
		}
	}
	// everything wrong at once: every problem is reported, not just the first
	_, _, err := e.d.Register(e.ctx, ucAgent, ucReg(func(r *desk.Registration) {
		r.Channel, r.Phone, r.Email, r.Content = "pigeon", "abc", "x@", ""
	}))
	var ve *desk.ValidationError
	if !errors.As(err, &ve) || ve.For("channel") == nil || ve.For("phone") == nil || ve.For("email") == nil || ve.For("content") == nil {
		t.Errorf("several problems: %v", err)
	}
	// nothing consumed a number either: the first good case is -0001
	c := e.register(ucAgent, ucReg())
	if c.Number != "TS20261122-0001" {
		t.Errorf("first case after refusals: %s; want TS20261122-0001", c.Number)
	}
	// an anonymous complaint needs no contact; a slightly fast clock elsewhere is tolerated
	if _, _, err := e.d.Register(e.ctx, ucAgent, ucReg(func(r *desk.Registration) {
		r.Phone, r.Anonymous, r.ReceivedAt = "", true, now.Add(time.Minute)
	})); err != nil {
		t.Errorf("anonymous: %v", err)
	}
}

func TestRegisterStoresNormalisedCaseWithClocks(t *testing.T) {
	now := ucAt(2026, 11, 22, 10, 0)
	e := ucOpen(t, now)
	received := ucAt(2026, 11, 21, 16, 30) // a letter read the next morning
	c := e.register(ucAgent, ucReg(func(r *desk.Registration) {
		r.Phone, r.Email, r.ReceivedAt, r.Channel = "+86 138-1234-5678", " zhang@example.com ", received, "letter"
		r.LateReason = "来信次日拆阅"
	}))
	got, evs := e.load(c.Number)
	p := got.Primary()
	if p.Phone != "13812345678" || p.Email != "zhang@example.com" || p.Name != "张三" {
		t.Errorf("complainant stored as %+v", p)
	}
	if got.Status != "registered" || !got.Open || got.Grade != "C" || got.GradeReason == "" || got.Version != 1 {
		t.Errorf("stored %s status %q open %v grade %q (%q) version %d", got.Number, got.Status, got.Open, got.Grade, got.GradeReason, got.Version)
	}
	if !got.ReceivedAt.Equal(received) || !got.RegisteredAt.Equal(now) || got.CreatedBy != ucAgent.Name {
		t.Errorf("received %v registered %v by %q", got.ReceivedAt, got.RegisteredAt, got.CreatedBy)
	}
	if len(evs) != 1 || evs[0].Action != "register" || evs[0].Actor != ucAgent.Name || evs[0].After["status"] != "registered" {
		t.Errorf("history %+v", evs)
	}
	// the first response runs from the receipt, not from the registration
	if got.NextClock != "first_response" || !got.NextDue.Equal(received.Add(24*time.Hour)) {
		t.Errorf("next due %s %v; want first_response %v", got.NextClock, got.NextDue, received.Add(24*time.Hour))
	}
	e.checkDerived(c.Number, "register")

	// a collective complaint of 12 people is suggested grade A, and kept for training
	a := e.register(ucAgent, ucReg(func(r *desk.Registration) { r.CollectiveSize = 12 }))
	if a.Grade != "A" || !a.Training || a.GradeReason == "" {
		t.Errorf("12 complainants: grade %q training %v reason %q", a.Grade, a.Training, a.GradeReason)
	}
	// an inquiry is D
	if d := e.register(ucAgent, ucReg(func(r *desk.Registration) { r.Nature = "inquiry" })); d.Grade != "D" {
		t.Errorf("inquiry: grade %q", d.Grade)
	}
	// the caller's history finds the case whatever way the phone is typed
	list, err := e.d.Caller(e.ctx, desk.System, "0086 138 1234 5678", 10)
	if err != nil || len(list) != 3 {
		t.Errorf("CasesByPhone: %d cases, %v; want 3", len(list), err)
	}
}

func TestRegisterNumbersAndIdempotency(t *testing.T) {
	e := ucOpen(t, ucAt(2026, 11, 22, 9, 0))
	var numbers []string
	for i := 0; i < 3; i++ {
		numbers = append(numbers, e.register(ucAgent, ucReg()).Number)
		e.advance(time.Minute)
	}
	for i, n := range numbers {
		if want := fmt.Sprintf("TS20261122-%04d", i+1); n != want {
			t.Errorf("case %d numbered %s; want %s", i+1, n, want)
		}
	}

	// a retry with the same key gives the same case, once
	before := e.count()
	r := ucReg(func(r *desk.Registration) { r.IdemKey = "form-7f3a" })
	first, existed, err := e.d.Register(e.ctx, ucAgent, r)
	if err != nil || existed {
		t.Fatalf("first: %v existed=%v", err, existed)
	}
	again, existed, err := e.d.Register(e.ctx, ucAgent, r)
	if err != nil || !existed || again.Number != first.Number || again.ID != first.ID {
		t.Errorf("retry: %v existed=%v number %s; want %s", err, existed, again.Number, first.Number)
	}
	if n := e.count(); n != before+1 {
		t.Errorf("%d cases after a registration and its retry; want %d", n, before+1)
	}
	if _, evs := e.load(first.Number); len(evs) != 1 {
		t.Errorf("the retry added history: %d events", len(evs))
	}
	if other := e.register(ucAgent, ucReg(func(r *desk.Registration) { r.IdemKey = "form-8b1c" })); other.Number == first.Number {
		t.Error("another key reused the number")
	}

	// the day of the number is the desk's (Shanghai): 16:30 UTC is 00:30 the next day
	e.now = time.Date(2026, 11, 22, 16, 30, 0, 0, time.UTC)
	if c := e.register(ucAgent, ucReg()); c.Number != "TS20261123-0001" {
		t.Errorf("after midnight in Shanghai: %s; want TS20261123-0001", c.Number)
	}
}

func TestLifecycleRecordsEventsAndKeepsDueInStep(t *testing.T) {
	received := ucAt(2026, 10, 12, 9, 0) // Monday
	e := ucOpen(t, received.Add(10*time.Minute))
	c := e.register(ucAgent, ucReg(func(r *desk.Registration) { r.ReceivedAt = received }))
	n := c.Number
	e.checkDerived(n, "register")
	e.hire(ucAgent2) // the handler assigned below

	steps := []struct {
		who    desk.Actor
		act    desk.Action
		status string
		after  map[string]string // fields the event must record as changed
		// then: the desk follows the action with this action of its own
		// (a dissatisfied revisit reopens the case)
		then string
	}{
		{ucAgent, desk.Action{Name: "acknowledge", ExpectedBy: ucAt(2026, 10, 14, 18, 0), Note: "已回电"}, "acknowledged",
			map[string]string{"status": "acknowledged", "expected_by": ucAt(2026, 10, 14, 18, 0).Format(time.RFC3339)}, ""},
		// 三核实 before the case is assigned (002 5.3)
		{ucAgent, desk.Action{Name: "verify", ComplainantVerified: true, ItemVerified: true, ItemProduct: "运单 SF1"}, "acknowledged",
			map[string]string{"complainant_verified": "yes", "item_verified": "yes", "item_product": "运单 SF1"}, ""},
		{ucSupervisor, desk.Action{Name: "assign", Handler: "王强", Department: "物流部"}, "investigating",
			map[string]string{"status": "investigating", "handler": "王强", "department": "logistics"}, ""}, // the policy's department, by its label
		{ucAgent2, desk.Action{Name: "note", Note: "已联系快递公司"}, "investigating", map[string]string{}, ""},
		{ucAgent2, desk.Action{Name: "grade", Grade: "B", Reason: "同一问题一个月内三人投诉"}, "investigating",
			map[string]string{"grade": "B", "grade_reason": "同一问题一个月内三人投诉"}, ""},
		{ucAgent2, desk.Action{Name: "resolve", Category: "delivery.late", Resolution: "退款199元", Reply: "您好，已为您办理退款。"}, "resolved",
			map[string]string{"status": "resolved", "category": "delivery.late", "resolution": "退款199元"}, ""},
		// the solution carried out, a step of its own that closing needs
		{ucAgent2, desk.Action{Name: "implement", Implementation: "已退款199元至原支付账户"}, "resolved",
			map[string]string{"implementation": "已退款199元至原支付账户"}, ""},
		// grade B: the investigation report before closing (001)
		{ucAgent2, desk.Action{Name: "findings", Facts: "快递公司中转延误", Cause: "中转站积压", Conclusion: "justified"}, "resolved",
			map[string]string{"facts": "快递公司中转延误"}, ""},
		{ucAgent2, desk.Action{Name: "close"}, "closed", map[string]string{"status": "closed"}, ""},
		// a dissatisfied revisit reopens the case by itself (policy [revisit])
		{ucQA, desk.Action{Name: "revisit", Satisfaction: 2, Note: "客户仍不满意"}, "investigating",
			map[string]string{"status": "revisited", "satisfaction": "2"}, "reopen"},
		{ucAgent2, desk.Action{Name: "resolve", Resolution: "退款并赔偿50元"}, "resolved", map[string]string{"status": "resolved"}, ""},
		{ucAgent2, desk.Action{Name: "implement", Implementation: "已赔偿50元"}, "resolved",
			map[string]string{"implementation": "已赔偿50元"}, ""},
		{ucAgent2, desk.Action{Name: "close"}, "closed", map[string]string{"status": "closed"}, ""},
		{ucQA, desk.Action{Name: "revisit", Satisfaction: 5}, "revisited", map[string]string{"status": "revisited", "satisfaction": "5"}, ""},
	}
	for i, s := range steps {
		e.advance(5 * time.Hour)
		prev, prevEvs := e.load(n)
		s.act.Number = n
		s.act.Version = prev.Version
		got := e.apply(s.who, s.act)
		step := fmt.Sprintf("step %d (%s)", i+1, s.act.Name)
		stored, evs := e.load(n)
		if got.Status != s.status || stored.Status != s.status {
			t.Errorf("%s: status %q, stored %q; want %q", step, got.Status, stored.Status, s.status)
		}
		if stored.Version != prev.Version+1 {
			t.Errorf("%s: version %d → %d", step, prev.Version, stored.Version)
		}
		want := len(prevEvs) + 1
		if s.then != "" {
			want++
		}
		if len(evs) != want {
			t.Fatalf("%s: %d events after, %d before", step, len(evs), len(prevEvs))
		}
		ev := evs[len(prevEvs)]
		if s.then != "" {
			if then := evs[len(evs)-1]; then.Action != s.then || then.Actor != desk.System.Name || then.After["status"] != s.status || then.Reason == "" {
				t.Errorf("%s: the desk's own event %+v; want %s to %s with a reason", step, then, s.then, s.status)
			}
		}
		if ev.Action != s.act.Name || ev.Actor != s.who.Name || !ev.At.Equal(e.now) || ev.Note != s.act.Note || ev.Reason != s.act.Reason {
			t.Errorf("%s: event %+v", step, ev)
		}
		for k, v := range s.after {
			if ev.After[k] != v {
				t.Errorf("%s: event after[%s] = %q; want %q", step, k, ev.After[k], v)
			}
			if ev.Before[k] == ev.After[k] {
				t.Errorf("%s: event before[%s] = after = %q", step, k, ev.Before[k])
			}
		}
		if stored.Version != prev.Version+1 {
			t.Errorf("%s: version %d → %d", step, prev.Version, stored.Version)
		}
		if ev.After["status"] != "" && ev.Before["status"] != prev.Status {
			t.Errorf("%s: before status %q; the case was %q", step, ev.Before["status"], prev.Status)
		}
		e.checkDerived(n, step)
	}
	final, evs := e.load(n)
	if final.Open || !final.NextDue.IsZero() || final.ReopenCount != 1 || final.Satisfaction != 5 || final.Category != "delivery.late" {
		t.Errorf("final case: open %v next due %v reopened %d satisfaction %d category %q", final.Open, final.NextDue, final.ReopenCount, final.Satisfaction, final.Category)
	}
	if len(evs) != len(steps)+2 {
		t.Errorf("%d events; want %d", len(evs), len(steps)+2)
	}
	// the history is in order and never rewritten: the first revisit is still there
	// (register, acknowledge, verify, assign, note, grade, resolve, implement, findings, close, revisit)
	if evs[10].Action != "revisit" || evs[10].After["satisfaction"] != "2" {
		t.Errorf("event 11 = %+v; want the first revisit", evs[10])
	}
}

func TestDerivedDueAtEachStageOfClocks(t *testing.T) {
	received := ucAt(2026, 10, 12, 9, 0) // Monday
	e := ucOpen(t, received.Add(time.Hour))
	c := e.register(ucAgent, ucReg(func(r *desk.Registration) { r.ReceivedAt = received; r.Grade = "C" }))
	if c.NextClock != "first_response" || !c.NextDue.Equal(received.Add(24*time.Hour)) {
		t.Errorf("registered: next %s %v", c.NextClock, c.NextDue)
	}
	c = e.apply(ucAgent, desk.Action{Number: c.Number, Name: "acknowledge", ExpectedBy: received.Add(48 * time.Hour)})
	if c.NextClock != "closure" || !c.NextDue.Equal(ucEndOf(2026, 10, 14)) {
		t.Errorf("acknowledged: next %s %v; want closure at the end of 10-14", c.NextClock, c.NextDue)
	}
	e.assignTo(ucAgent, c.Number, ucAgent) // resolving needs a handler
	e.now = ucAt(2026, 10, 16, 10, 0)      // Friday: the closure clock is overdue but still runs
	c = e.apply(ucAgent, desk.Action{Number: c.Number, Name: "note", Note: "催办"})
	if c.NextClock != "closure" || !c.NextDue.Equal(ucEndOf(2026, 10, 14)) {
		t.Errorf("overdue: next %s %v; want the overdue closure clock kept", c.NextClock, c.NextDue)
	}
	e.checkDerived(c.Number, "overdue note")
	c = e.apply(ucAgent, desk.Action{Number: c.Number, Name: "resolve", Category: "other", Resolution: "道歉", Reply: "抱歉"})
	e.implement(ucAgent, c.Number)
	c = e.apply(ucAgent, desk.Action{Number: c.Number, Name: "close"})
	// closed Fri 10-16: revisit within 7 days, last day Fri 10-23
	if c.NextClock != "revisit" || !c.NextDue.Equal(ucEndOf(2026, 10, 23)) || !c.NextDueStart.Equal(e.now) || c.Open {
		t.Errorf("closed: next %s %v start %v open %v; want revisit at the end of 10-23", c.NextClock, c.NextDue, c.NextDueStart, c.Open)
	}
	e.checkDerived(c.Number, "closed")
}

func TestForbiddenTransitionWritesNothing(t *testing.T) {
	e := ucOpen(t, ucAt(2026, 11, 22, 10, 0))
	c := e.register(ucAgent, ucReg())
	for _, tc := range []struct {
		who  desk.Actor
		act  desk.Action
		kind error
	}{
		{ucAgent, desk.Action{Name: "close", Reply: "已处理"}, policy.ErrNotAllowedFrom},
		{ucAgent, desk.Action{Name: "revisit", Satisfaction: 5}, policy.ErrNotAllowedFrom},
		{ucAgent, desk.Action{Name: "reopen", Reason: "x"}, policy.ErrNotAllowedFrom},
		{ucQA, desk.Action{Name: "grade", Grade: "A", Reason: "媒体曝光"}, policy.ErrRoleForbidden},
		{ucAgent, desk.Action{Name: "delete"}, policy.ErrUnknownAction},
	} {
		before, evsBefore := e.load(c.Number)
		tc.act.Number = c.Number
		_, err := e.d.Apply(e.ctx, tc.who, tc.act)
		var fe *desk.ForbiddenError
		if !errors.As(err, &fe) || !errors.Is(err, tc.kind) {
			t.Errorf("%s as %s: err = %v (%T); want *desk.ForbiddenError wrapping %v", tc.act.Name, tc.who.Role, err, err, tc.kind)
		}
		after, evsAfter := e.load(c.Number)
		if after.Version != before.Version || after.Status != before.Status || after.Grade != before.Grade || len(evsAfter) != len(evsBefore) {
			t.Errorf("%s: the refused action changed the case: version %d→%d status %s→%s events %d→%d",
				tc.act.Name, before.Version, after.Version, before.Status, after.Status, len(evsBefore), len(evsAfter))
		}
	}
	if _, err := e.d.Apply(e.ctx, ucAgent, desk.Action{Number: "TS20991231-9999", Name: "note", Note: "x"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown case: %v", err)
	}
}

func TestStaleVersionIsAConflictNamingWhoChangedIt(t *testing.T) {
	e := ucOpen(t, ucAt(2026, 11, 22, 10, 0))
	c := e.register(ucAgent, ucReg())
	opened := c.Version // both agents open the form at this version

	e.advance(time.Minute)
	e.apply(ucAgent2, desk.Action{Number: c.Number, Version: opened, Name: "acknowledge", ExpectedBy: e.now.Add(24 * time.Hour)})
	changedAt := e.now

	e.advance(time.Minute)
	before, evsBefore := e.load(c.Number)
	_, err := e.d.Apply(e.ctx, ucAgent, desk.Action{Number: c.Number, Version: opened, Name: "assign", Handler: "李娜"})
	var ce *desk.ConflictError
	if !errors.As(err, &ce) {
		t.Fatalf("stale version: err = %v (%T); want *desk.ConflictError", err, err)
	}
	if ce.By != ucAgent2.Name || ce.Action != "acknowledge" || !ce.At.Equal(changedAt) || ce.Number != c.Number {
		t.Errorf("conflict %+v; want it to name %s and the acknowledgement at %v", ce, ucAgent2.Name, changedAt)
	}
	if !strings.Contains(ce.Error(), ucAgent2.Name) || !strings.Contains(ce.Message("zh"), ucAgent2.Name) {
		t.Errorf("messages do not name who: %q / %q", ce.Error(), ce.Message("zh"))
	}
	after, evsAfter := e.load(c.Number)
	if after.Version != before.Version || after.Handler != "" || len(evsAfter) != len(evsBefore) {
		t.Errorf("the conflicting action was written: version %d→%d handler %q events %d→%d", before.Version, after.Version, after.Handler, len(evsBefore), len(evsAfter))
	}
	// with the current version it goes through (once verified, to a desk user)
	e.hire(ucAgent)
	v := e.apply(ucAgent, desktest.Verify(c.Number))
	e.apply(ucAgent, desk.Action{Number: c.Number, Version: v.Version, Name: "assign", Handler: "李娜"})
}

func TestRequiredFields(t *testing.T) {
	e := ucOpen(t, ucAt(2026, 11, 22, 10, 0))
	c := e.register(ucAgent, ucReg()) // no category yet
	e.apply(ucAgent, desk.Action{Number: c.Number, Name: "acknowledge", ExpectedBy: e.now.Add(24 * time.Hour)})

	refusedBy := func(who desk.Actor, act desk.Action, field string) {
		t.Helper()
		before, evsBefore := e.load(c.Number)
		act.Number = c.Number
		_, err := e.d.Apply(e.ctx, who, act)
		var ve *desk.ValidationError
		if !errors.As(err, &ve) || ve.For(field) == nil {
			t.Errorf("%s without %s: err = %v; want a ValidationError for %s", act.Name, field, err, field)
		}
		after, evsAfter := e.load(c.Number)
		if after.Version != before.Version || after.Status != before.Status || len(evsAfter) != len(evsBefore) {
			t.Errorf("%s: a refused action was written", act.Name)
		}
	}
	refused := func(act desk.Action, field string) { t.Helper(); refusedBy(ucAgent, act, field) }
	refused(desk.Action{Name: "assign", Handler: "  "}, "handler")
	e.assignTo(ucAgent, c.Number, ucAgent) // resolve needs a handler: only the category and resolution are missing below
	refused(desk.Action{Name: "resolve", Resolution: "退款", Reply: "已退款"}, "category")
	refused(desk.Action{Name: "resolve", Category: "no.such", Resolution: "退款", Reply: "已退款"}, "category")
	refused(desk.Action{Name: "resolve", Category: "price.refund", Reply: "已退款"}, "resolution")
	refused(desk.Action{Name: "transfer", Handler: "  ", Reason: "换人"}, "handler")
	refused(desk.Action{Name: "note"}, "note")
	refused(desk.Action{Name: "grade", Grade: "B"}, "reason")
	refused(desk.Action{Name: "grade", Grade: "C", Reason: "same"}, "grade")
	refused(desk.Action{Name: "note", Note: "x", At: e.now.Add(time.Hour)}, "at")

	c = e.apply(ucAgent, desk.Action{Number: c.Number, Name: "resolve", Category: "price.refund", Resolution: "退款", Reply: "已退款"})
	if c.Status != "resolved" || c.Category != "price.refund" {
		t.Errorf("resolve with a category: %s %q", c.Status, c.Category)
	}
	refused(desk.Action{Name: "implement"}, "implementation")
	e.implement(ucAgent, c.Number)
	e.apply(ucAgent, desk.Action{Number: c.Number, Name: "close"})
	// the revisit is the supervisor's or the quality inspector's (001 五.5)
	refusedBy(ucQA, desk.Action{Name: "revisit", Satisfaction: 0}, "satisfaction")
	refusedBy(ucSupervisor, desk.Action{Name: "revisit", Satisfaction: 6}, "satisfaction")
	refused(desk.Action{Name: "reopen"}, "reason")
}

func TestGradeAClosureNeedsASupervisor(t *testing.T) {
	e := ucOpen(t, ucAt(2026, 11, 23, 10, 0))
	ready := func(grade string) string {
		c := e.register(ucAgent, ucReg(func(r *desk.Registration) { r.Grade = grade; r.Category = "product.safety" }))
		e.apply(ucAgent, desk.Action{Number: c.Number, Name: "acknowledge", ExpectedBy: e.now.Add(36 * time.Hour)})
		e.assignTo(ucAgent, c.Number, ucAgent)
		e.apply(ucAgent, desk.Action{Number: c.Number, Name: "resolve", Resolution: "更换产品", Reply: "已为您更换"})
		e.apply(ucAgent, desk.Action{Number: c.Number, Name: "findings", Facts: "产品存在安全隐患", Cause: "设计缺陷", Conclusion: "justified"})
		e.implement(ucAgent, c.Number)
		return c.Number
	}
	a := ready("A")
	_, err := e.d.Apply(e.ctx, ucAgent, desk.Action{Number: a, Name: "close"})
	var fe *desk.ForbiddenError
	if !errors.As(err, &fe) || !errors.Is(err, policy.ErrRoleForbidden) {
		t.Errorf("agent closing grade A: err = %v; want ForbiddenError (role)", err)
	}
	if !strings.Contains(fmt.Sprint(err), "supervisor") {
		t.Errorf("the refusal should say who may: %v", err)
	}
	if c, _ := e.load(a); c.Status != "resolved" {
		t.Errorf("grade A case status %q after the refused close", c.Status)
	}
	if c := e.apply(ucSupervisor, desk.Action{Number: a, Name: "close"}); c.Status != "closed" {
		t.Errorf("supervisor close: %s", c.Status)
	}
	// other grades: the agent closes
	if c := e.apply(ucAgent, desk.Action{Number: ready("C"), Name: "close"}); c.Status != "closed" {
		t.Errorf("agent close of grade C: %s", c.Status)
	}
	// a case raised to A after registration needs the supervisor too
	b := ready("B")
	e.apply(ucAgent, desk.Action{Number: b, Name: "grade", Grade: "A", Reason: "媒体报道"})
	if _, err := e.d.Apply(e.ctx, ucAgent, desk.Action{Number: b, Name: "close"}); !errors.Is(err, policy.ErrRoleForbidden) {
		t.Errorf("agent closing a case raised to A: %v", err)
	}
}

func TestGradeChangeRecomputesClosureFromReceipt(t *testing.T) {
	received := ucAt(2026, 9, 25, 10, 0)
	e := ucOpen(t, received.Add(30*time.Minute))
	c := e.register(ucAgent, ucReg(func(r *desk.Registration) { r.ReceivedAt = received; r.Grade = "B" }))
	e.advance(time.Hour)
	// the promise lies past the grade B closure: it needs the reason
	c = e.apply(ucAgent, desk.Action{Number: c.Number, Name: "acknowledge", ExpectedBy: ucAt(2026, 10, 9, 18, 0), Reason: "国庆假期后厂家才能检测"})
	// grade B: 2 days, last day 9-27 is a holiday → 9-28
	if c.NextClock != "closure" || !c.NextDue.Equal(ucEndOf(2026, 9, 28)) {
		t.Errorf("grade B: next %s %v; want closure at the end of 09-28", c.NextClock, c.NextDue)
	}
	e.now = ucAt(2026, 9, 28, 15, 0)
	c = e.apply(ucSupervisor, desk.Action{Number: c.Number, Name: "grade", Grade: "A", Reason: "造成严重经济损失"})
	if c.NextClock != "closure_a" || !c.NextDue.Equal(ucEndOf(2026, 10, 29)) || !c.NextDueStart.Equal(received) {
		t.Errorf("raised to A: next %s %v start %v; want closure_a from the receipt, due the end of 10-29", c.NextClock, c.NextDue, c.NextDueStart)
	}
	if !c.Training || c.GradeReason != "造成严重经济损失" {
		t.Errorf("grade A: training %v reason %q", c.Training, c.GradeReason)
	}
	_, evs := e.load(c.Number)
	ev := evs[len(evs)-1]
	if ev.Action != "grade" || ev.Before["grade"] != "B" || ev.After["grade"] != "A" || ev.Reason != "造成严重经济损失" || ev.Actor != ucSupervisor.Name {
		t.Errorf("grade event %+v", ev)
	}
	e.checkDerived(c.Number, "grade change")
}

func TestRecomputeAllAfterLoadingACalendarYear(t *testing.T) {
	// A year the embedded calendar lacks, whichever years it holds: the
	// first Tuesday of its June.
	year := calendartest.Unloaded()
	tue := 1
	for ucAt(year, 6, tue, 0, 0).Weekday() != time.Tuesday {
		tue++
	}
	received := ucAt(year, 6, tue, 9, 0)
	e := ucOpen(t, received.Add(time.Hour))
	c := e.register(ucAgent, ucReg(func(r *desk.Registration) { r.ReceivedAt = received; r.Grade = "B" }))
	e.apply(ucAgent, desk.Action{Number: c.Number, Name: "acknowledge", ExpectedBy: received.Add(48 * time.Hour)})
	closed := e.register(ucAgent, ucReg(func(r *desk.Registration) { r.ReceivedAt = received; r.Grade = "B"; r.Category = "other" }))
	e.apply(ucAgent, desk.Action{Number: closed.Number, Name: "acknowledge", ExpectedBy: received.Add(48 * time.Hour)})
	e.assignTo(ucAgent, closed.Number, ucAgent)
	e.apply(ucAgent, desk.Action{Number: closed.Number, Name: "resolve", Resolution: "解释", Reply: "已解释"})
	e.apply(ucAgent, desk.Action{Number: closed.Number, Name: "findings", Facts: "已核实", Cause: "误解", Conclusion: "not_justified"})
	e.implement(ucAgent, closed.Number)
	e.apply(ucAgent, desk.Action{Number: closed.Number, Name: "close"})
	e.apply(ucQA, desk.Action{Number: closed.Number, Name: "revisit", Satisfaction: 4})
	// without the year's data: weekdays only, Tue + 2 = Thu
	if got, _ := e.load(c.Number); !got.NextDue.Equal(ucEndOf(year, 6, tue+2)) {
		t.Fatalf("before loading %d: due %v; want the end of Thursday %s", year, got.NextDue, ucAt(year, 6, tue+2, 0, 0).Format("01-02"))
	}
	y, err := calendar.ParseYear(fmt.Appendf(nil, `year = %d
source = "test schedule"

[[holiday]]
name = "测试假日"
en = "Test holiday"
from = %s
to = %s
`, year, ucAt(year, 6, tue+2, 0, 0).Format(time.DateOnly), ucAt(year, 6, tue+3, 0, 0).Format(time.DateOnly)))
	if err != nil {
		t.Fatal(err)
	}
	admin := desk.Actor{Name: "admin", Role: "admin"}
	if err := e.d.LoadCalendarYear(e.ctx, admin, y); err != nil {
		t.Fatal(err)
	}
	// Thursday and Friday are off, then a weekend: the last day moves to Monday
	got, _ := e.load(c.Number)
	if !got.NextDue.Equal(ucEndOf(year, 6, tue+6)) || got.NextClock != "closure" {
		t.Errorf("after loading %d: next %s %v; want closure at the end of Monday %s", year, got.NextClock, got.NextDue, ucAt(year, 6, tue+6, 0, 0).Format("01-02"))
	}
	if got.Version != 2 {
		t.Errorf("recomputing changed the version to %d: an open form would conflict", got.Version)
	}
	if fin, _ := e.load(closed.Number); !fin.NextDue.IsZero() || fin.Open {
		t.Errorf("finished case after recompute: due %v open %v", fin.NextDue, fin.Open)
	}
	if n, err := e.d.RecomputeAll(e.ctx); err != nil || n < 1 {
		t.Errorf("RecomputeAll = %d, %v", n, err)
	}
	// the loaded year is kept in the database: a desk opened later has it
	d2, err := desk.Open(e.ctx, e.db, desk.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if day, err := d2.Calendar().Day(ucAt(year, 6, tue+2, 12, 0)); err != nil || day.Kind != calendar.Holiday {
		t.Errorf("reopened desk: the Thursday is %v, %v; want the loaded holiday", day.Kind, err)
	}
	// and another desk on another database does not
	if _, err := ucOpen(t, e.now).d.Calendar().Day(ucAt(year, 6, tue+2, 12, 0)); !errors.Is(err, calendar.ErrNoData) {
		t.Errorf("a fresh desk knows %d: %v", year, err)
	}
}

func TestActorFor(t *testing.T) {
	e := ucOpen(t, ucAt(2026, 11, 22, 10, 0))
	// the first person on an empty desk is its administrator
	a, err := e.d.ActorFor(e.ctx, "", "zhangwei")
	if err != nil || a.Name != "zhangwei" || a.Role != "admin" {
		t.Fatalf("first login: %+v, %v; want zhangwei as admin", a, err)
	}
	if again, err := e.d.ActorFor(e.ctx, "", "zhangwei"); err != nil || again != a {
		t.Errorf("second time: %+v, %v", again, err)
	}
	// then nobody else gets in by their OS login alone
	if _, err := e.d.ActorFor(e.ctx, "", "intruder"); !errors.Is(err, desk.ErrUnknownUser) {
		t.Errorf("another OS login: %v; want ErrUnknownUser", err)
	}
	if _, err := e.d.ActorFor(e.ctx, "nobody", "zhangwei"); !errors.Is(err, desk.ErrUnknownUser) {
		t.Errorf("unknown --as name: %v; want ErrUnknownUser", err)
	}
	users, err := e.d.Users(e.ctx)
	if err != nil || len(users) != 1 {
		t.Errorf("users after refusals: %v, %v; want only the administrator", users, err)
	}
	// added users act in their role, by name or by their mapped login
	if err := e.d.AddUser(e.ctx, store.User{Name: "lina", Role: "agent", OSLogin: "lina.os"}); err != nil {
		t.Fatal(err)
	}
	if a, err := e.d.ActorFor(e.ctx, "lina", "zhangwei"); err != nil || a != (desk.Actor{Name: "lina", Role: "agent"}) {
		t.Errorf("--as lina: %+v, %v", a, err)
	}
	if a, err := e.d.ActorFor(e.ctx, "", "lina.os"); err != nil || a.Name != "lina" {
		t.Errorf("login lina.os: %+v, %v", a, err)
	}
	if err := e.d.AddUser(e.ctx, store.User{Name: "x", Role: "emperor"}); err == nil {
		t.Error("a user with an unknown role was added")
	}
	if err := e.d.AddUser(e.ctx, store.User{Name: "bad name!", Role: "agent"}); err == nil {
		t.Error("a user with a bad name was added")
	}
	// a disabled user is refused
	if err := e.d.DisableUser(e.ctx, "lina"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.d.ActorFor(e.ctx, "lina", ""); !errors.Is(err, desk.ErrUnknownUser) {
		t.Errorf("disabled user: %v; want ErrUnknownUser", err)
	}
}
