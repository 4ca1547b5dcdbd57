package report_test

import (
	"context"
	"testing"
	"time"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/desk/desktest"
	"complaintdesk/internal/report"
	"complaintdesk/internal/testdb"
	"complaintdesk/store"
)

var shanghai = func() *time.Location {
	l, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		panic(err)
	}
	return l
}()

// world is a desk whose clock the test moves, so every step happens at the
// time the data set says.
type world struct {
	t   *testing.T
	st  store.Store // the desk's store, for tests of what the report layer reads
	d   *desk.Desk
	now time.Time
	sup desk.Actor
	rev desk.Actor // revisits: not by who handled and closed the case (001 五.5)
}

func newWorld(t *testing.T) *world {
	t.Helper()
	ctx := context.Background()
	db := testdb.Open(t)
	d, err := desk.Open(ctx, db, desk.Options{})
	if err != nil {
		t.Fatal(err)
	}
	w := &world{t: t, st: db, d: d, sup: desk.Actor{Name: "陈主管", Role: "supervisor"}, rev: desk.Actor{Name: "周主管", Role: "supervisor"}}
	d.Now = func() time.Time { return w.now }
	w.set("2026-09-01 08:00")
	for _, u := range []desk.Actor{w.sup, w.rev} {
		if err := d.AddUser(ctx, store.User{Name: u.Name, Role: u.Role}); err != nil {
			t.Fatal(err)
		}
	}
	return w
}

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, shanghai)
	if err != nil {
		panic(err)
	}
	return t
}

func (w *world) set(s string) time.Time {
	w.now = at(s)
	return w.now
}

func (w *world) register(when string, r desk.Registration) string {
	w.t.Helper()
	r.ReceivedAt = w.set(when)
	c, _, err := w.d.Register(context.Background(), w.sup, r)
	if err != nil {
		w.t.Fatalf("register %s: %v", when, err)
	}
	return c.Number
}

func (w *world) do(when, number, action string, fill ...func(*desk.Action)) {
	w.t.Helper()
	act := desk.Action{Number: number, Name: action, At: w.set(when)}
	switch action {
	case "acknowledge":
		act.ExpectedBy = w.now.Add(48 * time.Hour)
	case "resolve":
		act.Resolution, act.Reply = "已处理并致歉", "您好，您反映的问题已处理。"
	case "close":
		act.Resolution, act.Reply = "已处理并致歉", "您好，您反映的问题已处理。"
	}
	for _, f := range fill {
		f(&act)
	}
	// The steps the policy wants first, at the same time: a case is
	// verified and assigned before it is resolved, and the solution is
	// carried out before the case is closed.
	c, _, err := w.d.Case(context.Background(), desk.System, number)
	if err != nil {
		w.t.Fatal(err)
	}
	switch {
	case action == "resolve" && c.Handler == "":
		w.step(desktest.Verify(number))
		w.step(desk.Action{Number: number, Name: "assign", Handler: w.sup.Name})
	case action == "close" && c.Status == "resolved":
		w.step(desktest.Implement(number))
	}
	if action == "close" && (c.Grade == "A" || c.Grade == "B") && c.Fields["facts"] == "" { // 001: A/B closed with the report
		w.step(desk.Action{Number: number, Name: "findings", Facts: "已查明", Cause: "测试", Conclusion: "justified"})
	}
	if action == "revisit" {
		w.stepAs(w.rev, act)
		return
	}
	w.step(act)
}

// step applies act as the supervisor at the world's now.
func (w *world) step(act desk.Action) {
	w.t.Helper()
	w.stepAs(w.sup, act)
}

// stepAs applies act as a at the world's now.
func (w *world) stepAs(a desk.Actor, act desk.Action) {
	w.t.Helper()
	act.At = w.now
	if _, err := w.d.Apply(context.Background(), a, act); err != nil {
		w.t.Fatalf("%s %s at %s: %v", act.Name, act.Number, w.now.Format("2006-01-02 15:04"), err)
	}
}

// why gives a step its reason (a promise later than a running deadline needs one).
func why(reason string) func(*desk.Action) { return func(a *desk.Action) { a.Reason = reason } }

func sat(n int) func(*desk.Action) { return func(a *desk.Action) { a.Satisfaction = n } }

// october builds the data set the expected figures below are worked out
// from by hand. October 2026: 1–7 National Day holiday, Saturday the 10th
// a make-up working day; September: 25–27 Mid-Autumn holiday.
func october(t *testing.T) *world {
	w := newWorld(t)
	reg := func(ch, grade, cat, subject, phone string) desk.Registration {
		r := desk.Registration{Channel: ch, Nature: "complaint", Category: cat, Grade: grade, GradeReason: "测试",
			Name: "张三", Phone: phone, Content: "测试投诉内容", Subject: subject}
		if grade == "D" {
			r.Nature = "inquiry"
		}
		return r
	}
	// ---- September (the previous month) ----
	// P1: C, received Thu 24th 10:00, acknowledged after 2 h (met). Closure:
	// 2 days end on the 26th, a holiday, shifted past the 27th to Monday
	// the 28th: due 29th 00:00; closed 28th 18:00, met. 104 h calendar,
	// 14 + 0 + 0 + 0 + 18 = 32 h working. Revisited 4.
	p1 := w.register("2026-09-24 10:00", reg("phone", "C", "product.defect", "", "13800000001"))
	w.do("2026-09-24 12:00", p1, "acknowledge")
	w.do("2026-09-28 17:00", p1, "resolve")
	w.do("2026-09-28 18:00", p1, "close")
	w.do("2026-09-30 10:00", p1, "revisit", sat(4))
	// P2: B, received Tue 29th 10:00, acknowledged after 25 h (breached).
	// Closure: 2 days end on October 1st, a holiday: shifted to the 8th,
	// due the 9th 00:00; closed the 9th 10:00, breached. 240 h calendar,
	// 14 + 24 + 0×7 + 24 + 10 = 72 h working. Closed in October: it is in
	// October's revisit population.
	p2 := w.register("2026-09-29 10:00", reg("phone", "B", "delivery.late", "运单 SF1", "13800000002"))
	w.do("2026-09-30 11:00", p2, "acknowledge")
	w.do("2026-10-09 09:00", p2, "resolve")
	w.do("2026-10-09 10:00", p2, "close")

	// ---- October ----
	// C1: C on the holiday, Thu 1st 09:00. First response after 25 h:
	// breached (hours do not stop for holidays). Closure: 2 days end on the
	// 3rd, shifted to the 8th: due the 9th 00:00; closed 8th 15:00, met.
	// 174 h calendar, 15 h working (only the 8th). Revisited 5.
	c1 := w.register("2026-10-01 09:00", reg("phone", "C", "product.defect", "", "13800000011"))
	w.do("2026-10-02 10:00", c1, "acknowledge")
	w.do("2026-10-08 14:00", c1, "resolve")
	w.do("2026-10-08 15:00", c1, "close")
	w.do("2026-10-12 10:00", c1, "revisit", sat(5))
	// C2: A on the web, Fri 9th 10:00, acknowledged Sat 10th 09:00 (23 h:
	// first response met; online acceptance, 1 working day, due the 11th
	// 00:00 as the 10th is a make-up working day: met). Closure, 20 working
	// days: 10th, 12–16, 19–23, 26–30, Nov 2–5: due Nov 6 00:00; closed in
	// the next month, Nov 4 16:00: met, and it counts in October. 630 h
	// calendar; working 14 + 24 + 120 + 120 + 120 + 48 + 16 = 462 h.
	c2 := w.register("2026-10-09 10:00", reg("web", "A", "service.rude", "", "13800000012"))
	w.do("2026-10-10 09:00", c2, "acknowledge")
	w.do("2026-11-04 15:00", c2, "resolve")
	w.do("2026-11-04 16:00", c2, "close")
	// C3: B, Fri 30th 10:00, acknowledged 11:00 (met). Closure: 2 days end
	// Sunday Nov 1, shifted to Monday the 2nd: due Nov 3 00:00; closed in
	// the next month, Nov 3 09:00: breached, counted in October. 95 h
	// calendar, 14 + 0 + 0 + 24 + 9 = 47 h working.
	c3 := w.register("2026-10-30 10:00", reg("phone", "B", "delivery.late", "运单 SF1", "13800000013"))
	w.do("2026-10-30 11:00", c3, "acknowledge")
	w.do("2026-11-03 08:00", c3, "resolve")
	w.do("2026-11-03 09:00", c3, "close")
	// C4: C, Mon 12th 09:00, acknowledged 10:00 (met). Closed the 13th
	// 16:00 (on time), revisited the 15th dissatisfied (2): reopened. The
	// closure clock restarts on the 15th 10:00: 2 days end Saturday the
	// 17th, shifted to Monday the 19th: due the 20th 00:00; closed again
	// the 21st 11:00: breached, and the case counts by that. 218 h calendar;
	// working 15 + 96 + 0 + 0 + 48 + 11 = 170 h. Revisited again: 4.
	c4 := w.register("2026-10-12 09:00", reg("phone", "C", "delivery.late", "运单 SF1", "13800000014"))
	w.do("2026-10-12 10:00", c4, "acknowledge")
	w.do("2026-10-13 15:00", c4, "resolve")
	w.do("2026-10-13 16:00", c4, "close")
	w.do("2026-10-15 10:00", c4, "revisit", sat(2))
	w.do("2026-10-21 10:00", c4, "resolve")
	w.do("2026-10-21 11:00", c4, "close")
	w.do("2026-10-23 10:00", c4, "revisit", sat(4))
	// C5: A, Wed 28th 14:00, acknowledged 15:00 (met), still open: 20
	// working days run to Nov 26 00:00, so closure is pending.
	c5 := w.register("2026-10-28 14:00", reg("phone", "A", "price.overcharge", "", "13800000015"))
	w.do("2026-10-28 15:00", c5, "acknowledge")
	// C6: D inquiry by e-mail, Fri 16th 17:00, acknowledged Mon 19th 09:00:
	// first response (24 h) breached, online acceptance (next working day,
	// the 19th) met: the case's first response is breached. Closure: 2
	// days end Sunday the 18th, shifted to the 19th: closed 19th 11:00,
	// met. 66 h calendar, 7 + 0 + 0 + 11 = 18 h working.
	c6 := w.register("2026-10-16 17:00", reg("email", "D", "business.slow", "", "13800000016"))
	w.do("2026-10-19 09:00", c6, "acknowledge", why("周末收到邮件，周一答复并约定解决时间"))
	w.do("2026-10-19 10:00", c6, "resolve")
	w.do("2026-10-19 11:00", c6, "close")
	// C7: B walk-in, Tue 20th 09:00, acknowledged 09:30, closed the 21st
	// 12:00 (due the 23rd 00:00): met. 27 h calendar and working.
	// Revisited 5.
	c7 := w.register("2026-10-20 09:00", reg("walk-in", "B", "product.defect", "电饭煲 MB-FB40", "13800000017"))
	w.do("2026-10-20 09:30", c7, "acknowledge")
	w.do("2026-10-21 10:00", c7, "resolve")
	w.do("2026-10-21 12:00", c7, "close")
	w.do("2026-10-25 10:00", c7, "revisit", sat(5))

	// ---- November: in neither month ----
	w.register("2026-11-02 10:00", reg("phone", "C", "product.defect", "电饭煲 MB-FB40", "13800000021"))

	w.set("2026-11-05 12:00") // the report is made on the due day
	return w
}

func TestMonthlyFiguresWorkedByHand(t *testing.T) {
	w := october(t)
	rep, err := w.d.MonthlyReport(context.Background(), w.sup, report.Month{Year: 2026, Month: time.October})
	if err != nil {
		t.Fatal(err)
	}
	cur, prev := rep.Cur, rep.Prev
	if rep.Month != "2026-10" || rep.Previous != "2026-09" {
		t.Fatalf("months %s / %s", rep.Month, rep.Previous)
	}
	if !cur.From.Equal(at("2026-10-01 00:00")) || !cur.To.Equal(at("2026-11-01 00:00")) {
		t.Errorf("bounds %v %v", cur.From, cur.To)
	}
	if want := at("2026-11-06 00:00"); !rep.Due.Equal(want) {
		t.Errorf("due %v, want the end of Nov 5", rep.Due)
	}
	eqInt := func(what string, got, want int) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %d, want %d", what, got, want)
		}
	}
	eqF := func(what string, got, want float64) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}
	eqRate := func(what string, got, want report.Rate) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %+v, want %+v", what, got, want)
		}
	}

	// Counts.
	eqInt("received", cur.Received, 7)
	eqInt("prev received", prev.Received, 2)
	for cat, want := range map[string]map[string]int{
		"product.defect":   {"B": 1, "C": 1},
		"service.rude":     {"A": 1},
		"delivery.late":    {"B": 1, "C": 1},
		"price.overcharge": {"A": 1},
		"business.slow":    {"D": 1},
	} {
		for g, n := range want {
			eqInt(cat+"/"+g, cur.ByCategoryGrade[cat][g], n)
		}
		total := 0
		for _, n := range cur.ByCategoryGrade[cat] {
			total += n
		}
		eqInt(cat+" total", total, sum(want))
	}
	eqInt("categories", len(cur.ByCategoryGrade), 5)
	for g, n := range map[string]int{"A": 2, "B": 2, "C": 2, "D": 1} {
		eqInt("grade "+g, cur.ByGrade[g], n)
	}
	for ch, n := range map[string]int{"phone": 4, "web": 1, "email": 1, "walk-in": 1} {
		eqInt("channel "+ch, cur.ByChannel[ch], n)
	}
	eqInt("nature complaint", cur.ByNature["complaint"], 6)
	eqInt("nature inquiry", cur.ByNature["inquiry"], 1)
	eqInt("prev phone", prev.ByChannel["phone"], 2)
	eqInt("prev delivery.late B", prev.ByCategoryGrade["delivery.late"]["B"], 1)

	// On time.
	eqRate("first response", cur.FirstResponse, report.Rate{Met: 5, Breached: 2})
	eqRate("closure", cur.Closure, report.Rate{Met: 4, Breached: 2, Pending: 1})
	eqRate("closure A", cur.ClosureByGrade["A"], report.Rate{Met: 1, Pending: 1})
	eqRate("closure B", cur.ClosureByGrade["B"], report.Rate{Met: 1, Breached: 1})
	eqRate("closure C", cur.ClosureByGrade["C"], report.Rate{Met: 1, Breached: 1})
	eqRate("closure D", cur.ClosureByGrade["D"], report.Rate{Met: 1})
	eqRate("prev first response", prev.FirstResponse, report.Rate{Met: 1, Breached: 1})
	eqRate("prev closure", prev.Closure, report.Rate{Met: 1, Breached: 1})
	if v, ok := cur.FirstResponse.Value(); !ok || v != 5.0/7 {
		t.Errorf("first response rate %v", v)
	}
	if v, ok := cur.Closure.Value(); !ok || v != 4.0/6 {
		t.Errorf("closure rate %v", v)
	}

	// Handling time: 174, 630, 95, 218, 66, 27 h calendar (1210 / 6 =
	// 201.67); 15, 462, 47, 170, 18, 27 h working (739 / 6 = 123.17);
	// the 90th percentile of six is the 6th (ceil 5.4).
	eqInt("closed", cur.Handling.Closed, 6)
	eqF("calendar avg", cur.Handling.CalendarAvgH, 201.7)
	eqF("calendar p90", cur.Handling.CalendarP90H, 630)
	eqF("working avg", cur.Handling.WorkingAvgH, 123.2)
	eqF("working p90", cur.Handling.WorkingP90H, 462)
	eqInt("prev closed", prev.Handling.Closed, 2)
	eqF("prev calendar avg", prev.Handling.CalendarAvgH, 172)
	eqF("prev calendar p90", prev.Handling.CalendarP90H, 240)
	eqF("prev working avg", prev.Handling.WorkingAvgH, 52)
	eqF("prev working p90", prev.Handling.WorkingP90H, 72)

	// Reopening: C4 of the six finished (C5 is still open).
	eqInt("finished", cur.Finished, 6)
	eqInt("reopened", cur.Reopened, 1)
	if r, ok := cur.ReopenRate(); !ok || r != 1.0/6 {
		t.Errorf("reopen rate %v", r)
	}
	eqInt("prev reopened", prev.Reopened, 0)

	// Satisfaction: 5 (C1), 2 and 4 (C4), 5 (C7).
	eqInt("revisits", cur.Revisits, 4)
	if cur.Satisfaction != [6]int{0, 0, 1, 0, 1, 2} {
		t.Errorf("satisfaction %v", cur.Satisfaction)
	}
	if a, ok := cur.SatisfactionAvg(); !ok || a != 4 {
		t.Errorf("satisfaction avg %v", a)
	}
	eqInt("prev revisits", prev.Revisits, 1)

	// Repeats: 运单 SF1 twice in October (two complainants), once in September.
	if len(cur.Repeats) != 1 {
		t.Fatalf("repeats %+v", cur.Repeats)
	}
	if r := cur.Repeats[0]; r != (report.Repeat{Category: "delivery.late", Subject: "运单 SF1", Cases: 2, Complainants: 2, PrevCases: 1}) {
		t.Errorf("repeat %+v", r)
	}
	if len(cur.Warnings) != 0 {
		t.Errorf("warnings %v", cur.Warnings)
	}
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func TestWorkingTime(t *testing.T) {
	w := newWorld(t)
	cal := w.d.Calendar()
	for _, tc := range []struct {
		from, to string
		want     time.Duration
	}{
		{"2026-10-16 16:00", "2026-10-19 10:00", 18 * time.Hour},               // Friday to Monday
		{"2026-10-01 09:00", "2026-10-08 15:00", 15 * time.Hour},               // across National Day
		{"2026-10-09 22:00", "2026-10-11 08:00", 26 * time.Hour},               // into the make-up Saturday
		{"2026-10-12 09:00", "2026-10-12 17:30", 8*time.Hour + 30*time.Minute}, // within a day
		{"2026-10-12 09:00", "2026-10-12 09:00", 0},
	} {
		got, est := report.WorkingTime(cal, shanghai, at(tc.from), at(tc.to))
		if got != tc.want || est {
			t.Errorf("%s → %s: %v (estimated %v), want %v", tc.from, tc.to, got, est, tc.want)
		}
	}
	if _, est := report.WorkingTime(cal, shanghai, at("2031-01-05 09:00"), at("2031-01-06 09:00")); !est {
		t.Error("a year without calendar data must be reported as estimated")
	}
}
