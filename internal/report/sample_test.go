package report_test

import (
	"complaintdesk/internal/desk/desktest"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/report"
	"complaintdesk/store"
)

func TestSampleSizeRoundsUp(t *testing.T) {
	for _, tc := range []struct {
		n     int
		ratio float64
		want  int
	}{
		{0, 0.2, 0}, {1, 0.2, 1}, {4, 0.2, 1}, {5, 0.2, 1}, {6, 0.2, 2}, {10, 0.2, 2}, {11, 0.2, 3},
		{15, 0.2, 3}, // 0.2·15 is 3.0000000000000004 in floating point
		{16, 0.2, 4}, {100, 0.2, 20}, {101, 0.2, 21}, {1000, 0.3, 300}, {7, 1, 7}, {3, 0.5, 2},
	} {
		if got := report.SampleSize(tc.n, tc.ratio); got != tc.want {
			t.Errorf("SampleSize(%d, %v) = %d, want %d", tc.n, tc.ratio, got, tc.want)
		}
	}
}

func TestDrawIsReproducible(t *testing.T) {
	pop := make([]int64, 100)
	for i := range pop {
		pop[i] = int64(1000 + i)
	}
	a := report.Draw(pop, 0.2, 20261101)
	if len(a) != 20 {
		t.Fatalf("drew %d of 100 at 20 %%", len(a))
	}
	// The same seed draws the same cases whatever the order given.
	shuffled := slices.Clone(pop)
	slices.Reverse(shuffled)
	if b := report.Draw(shuffled, 0.2, 20261101); !slices.Equal(a, b) {
		t.Errorf("same seed, different draw:\n%v\n%v", a, b)
	}
	// Pinned: a change of generator or algorithm would change everybody's
	// stored samples, so it must show here.
	if got, pinned := a[:5], []int64{1004, 1067, 1020, 1069, 1087}; !slices.Equal(got, pinned) {
		t.Errorf("seed 20261101 draws %v first, pinned %v", got, pinned)
	}
	if c := report.Draw(pop, 0.2, 20261102); slices.Equal(a, c) {
		t.Error("another seed drew the same cases")
	}
	seen := map[int64]bool{}
	for _, id := range a {
		if seen[id] || id < 1000 || id >= 1100 {
			t.Errorf("bad or repeated id %d in %v", id, a)
		}
		seen[id] = true
	}
}

func TestRevisitSampleStoredAndRedrawn(t *testing.T) {
	w := october(t)
	ctx := context.Background()
	oct := report.Month{Year: 2026, Month: time.October}
	// Closed in October and still closed: P2 (the 9th), C1 (8th), C4
	// (21st, its last closure), C6 (19th), C7 (21st). C2 and C3 closed in
	// November.
	s, drawn, err := w.d.RevisitSample(ctx, w.sup, desk.SampleRequest{Month: oct, Seed: 42})
	if err != nil {
		t.Fatal(err)
	}
	if !drawn || s.Population != 5 || len(s.CaseIDs) != 1 || s.Seed != 42 || s.Ratio != 0.2 {
		t.Fatalf("sample %+v drawn=%v", s, drawn)
	}
	// Asking again gives the stored sample back.
	again, drawn, err := w.d.RevisitSample(ctx, w.sup, desk.SampleRequest{Month: oct})
	if err != nil || drawn || !slices.Equal(again.CaseIDs, s.CaseIDs) || again.Seed != 42 {
		t.Errorf("again: %+v drawn=%v err=%v", again, drawn, err)
	}
	// A drawn sample is kept (finding 18): another seed, another ratio or
	// a redraw is refused, saying when and by whom it was drawn.
	for _, r := range []desk.SampleRequest{{Month: oct, Seed: 7}, {Month: oct, Ratio: 0.5, Seed: 7, Redraw: true}, {Month: oct, Seed: 42, Redraw: true}} {
		_, _, err = w.d.RevisitSample(ctx, w.sup, r)
		var ce *desk.SampleConflictError
		if !errors.As(err, &ce) || ce.Existing.Seed != 42 || !strings.Contains(ce.Message("zh"), "由 陈主管 抽取") ||
			!strings.Contains(ce.Message("zh"), "不能重新抽样") || !strings.Contains(ce.Message("en"), "by 陈主管") {
			t.Errorf("%+v: %v; want refused with the sample of seed 42 and who drew it", r, err)
		}
	}
	stored, err := w.d.StoredSample(ctx, oct, false)
	if err != nil || stored.Seed != 42 || !slices.Equal(stored.CaseIDs, s.CaseIDs) || stored.DrawnBy != w.sup.Name {
		t.Errorf("stored %+v %v", stored, err)
	}
	// Below the policy's 20 % is refused.
	if _, _, err := w.d.RevisitSample(ctx, w.sup, desk.SampleRequest{Month: oct, Ratio: 0.1}); err == nil {
		t.Error("a 10 % sample was drawn")
	}
	// The queue's Sample tab lists the latest sample's cases.
	cases, err := desktest.List(w.d, ctx, store.Query{Tab: store.TabSample, Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, c := range cases {
		ids = append(ids, c.ID)
	}
	slices.Sort(ids)
	want := slices.Sorted(slices.Values(s.CaseIDs))
	if !slices.Equal(ids, want) {
		t.Errorf("Sample tab %v, want %v", ids, want)
	}
}

// The quality inspection's monthly sample (004 第十一条) is drawn like the
// revisit sample, kept apart from it: drawing one leaves the other, and
// the queue's Sample tab stays the revisit sample.
func TestInspectionSampleApartFromTheRevisitSample(t *testing.T) {
	w := october(t)
	ctx := context.Background()
	oct := report.Month{Year: 2026, Month: time.October}
	rev, _, err := w.d.RevisitSample(ctx, w.sup, desk.SampleRequest{Month: oct, Ratio: 0.4, Seed: 42})
	if err != nil {
		t.Fatal(err)
	}
	// 10 % of the 5 cases closed in October, rounded up: one.
	ins, drawn, err := w.d.RevisitSample(ctx, w.sup, desk.SampleRequest{Month: oct, Inspection: true, Seed: 9})
	if err != nil {
		t.Fatal(err)
	}
	if month, inspection := desk.SampleMonth(ins); !drawn || !inspection || month != "2026-10" || ins.Population != 5 || len(ins.CaseIDs) != 1 || ins.Ratio != 0.1 {
		t.Fatalf("inspection sample %+v drawn=%v", ins, drawn)
	}
	// a later month's inspection sample does not become the Sample tab
	if _, _, err := w.d.RevisitSample(ctx, w.sup, desk.SampleRequest{Month: report.Month{Year: 2026, Month: time.November}, Inspection: true, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	stored, err := w.d.StoredSample(ctx, oct, false)
	if err != nil || stored.Seed != 42 || !slices.Equal(stored.CaseIDs, rev.CaseIDs) {
		t.Errorf("the revisit sample after the inspection's: %+v %v", stored, err)
	}
	if got, err := w.d.StoredSample(ctx, oct, true); err != nil || got.Seed != 9 || !slices.Equal(got.CaseIDs, ins.CaseIDs) {
		t.Errorf("the stored inspection sample: %+v %v", got, err)
	}
	cases, err := desktest.List(w.d, ctx, store.Query{Tab: store.TabSample, Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, c := range cases {
		ids = append(ids, c.ID)
	}
	slices.Sort(ids)
	if want := slices.Sorted(slices.Values(rev.CaseIDs)); !slices.Equal(ids, want) {
		t.Errorf("Sample tab %v, want the revisit sample %v", ids, want)
	}
	// another seed for the inspection needs --redraw, and says which sample
	_, _, err = w.d.RevisitSample(ctx, w.sup, desk.SampleRequest{Month: oct, Inspection: true, Seed: 10})
	var ce *desk.SampleConflictError
	if !errors.As(err, &ce) || !strings.Contains(ce.Message("zh"), "2026-10 的质检抽样") || !strings.Contains(ce.Message("en"), "inspection sample of 2026-10") {
		t.Errorf("another seed without redraw: %v", err)
	}
	// an agent draws no sample
	if _, _, err := w.d.RevisitSample(ctx, desk.Actor{Name: "agent1", Role: "agent"}, desk.SampleRequest{Month: oct, Inspection: true, Redraw: true}); err == nil {
		t.Error("an agent drew the inspection sample")
	}
}

func TestReminderUntilFiled(t *testing.T) {
	w := october(t)
	ctx := context.Background()
	w.set("2026-11-01 08:00")
	r, err := w.d.ReportReminder(ctx, w.now)
	if err != nil || r == nil || r.Month.String() != "2026-10" || !r.Due.Equal(at("2026-11-06 00:00")) {
		t.Fatalf("reminder on the 1st: %+v %v", r, err)
	}
	w.set("2026-11-07 08:00") // overdue: still reminded
	if r, _ := w.d.ReportReminder(ctx, w.now); r == nil {
		t.Error("no reminder after the due day while not filed")
	}
	f, err := w.d.FileReport(ctx, w.sup, report.Month{Year: 2026, Month: time.October}, nil, desk.FiledByCommand, "", "")
	if err != nil || f.Snapshot == "" {
		t.Fatalf("file: %+v %v", f, err)
	}
	if r, err := w.d.ReportReminder(ctx, w.now); r != nil || err != nil {
		t.Errorf("reminder after filing: %+v %v", r, err)
	}
	fs, err := w.d.ReportFilings(ctx, report.Month{Year: 2026, Month: time.October})
	if err != nil || len(fs) != 1 || fs[0].By != w.sup.Name || fs[0].How != "file" {
		t.Errorf("filings %+v %v", fs, err)
	}
	// December: November's report is due; a desk with no case before
	// October's end had nothing to report for September.
	w.set("2026-12-02 09:00")
	if r, _ := w.d.ReportReminder(ctx, w.now); r == nil || r.Month.String() != "2026-11" {
		t.Errorf("December reminder %+v", r)
	}
	fresh := newWorld(t)
	fresh.set("2026-11-02 09:00")
	if r, _ := fresh.d.ReportReminder(ctx, fresh.now); r != nil {
		t.Errorf("an empty desk is reminded: %+v", r)
	}
}

func TestDashboard(t *testing.T) {
	w := october(t)
	ctx := context.Background()
	d, err := w.d.Dashboard(ctx, w.sup, w.now)
	if err != nil {
		t.Fatal(err)
	}
	// Open at Nov 5 12:00: C5 (A, acknowledged) and the November case (C, registered).
	if d.OpenTotal != 2 {
		t.Errorf("open %d: %+v", d.OpenTotal, d.Open)
	}
	if len(d.Intake) != desk.IntakeDays || d.Intake[len(d.Intake)-1] != 0 || !d.IntakeFrom.Equal(at("2026-10-07 00:00")) {
		t.Errorf("intake from %v: %v", d.IntakeFrom, d.Intake)
	}
	// Oct 7 .. Nov 5: C2 (9th), C4 (12th), C6 (16th), C7 (20th), C5 (28th), C3 (30th), N1 (Nov 2).
	total := 0
	for _, n := range d.Intake {
		total += n
	}
	if total != 7 || d.Intake[2] != 1 {
		t.Errorf("intake %v", d.Intake)
	}
	// This month (November): the one case, still in its allowance? It was
	// received Nov 2 10:00 and never acknowledged: first response breached.
	if d.Month.Received != 1 || d.Month.FirstResponse.Breached != 1 {
		t.Errorf("month figures %+v", d.Month)
	}
	if d.Reminder == nil || d.Reminder.Month.String() != "2026-10" {
		t.Errorf("reminder %+v", d.Reminder)
	}
	if len(d.Handlers) == 0 || d.Handlers[0].Open != 2 || d.Handlers[0].OldestNumber != "TS20261028-0001" {
		t.Errorf("handlers %+v", d.Handlers)
	}
	if _, err := w.d.Dashboard(ctx, desk.Actor{Name: "a", Role: "agent"}, w.now); err == nil {
		t.Error("an agent sees the dashboard")
	}
}

// The clocks from the brief histories a walk reads (desk.ClockEventKeys)
// are the clocks from whole histories, contacts that reached the customer
// or not included.
func TestBriefHistoriesGiveTheSameClocks(t *testing.T) {
	w := october(t)
	ctx := context.Background()
	n := w.register("2026-11-03 09:00", desk.Registration{Channel: "web", Nature: "complaint", Grade: "C", Name: "孙八", Phone: "13800000031", Content: "网页无法下单"})
	w.do("2026-11-03 10:00", n, "contact", func(a *desk.Action) { a.ContactKind, a.ContactOutcome = "call_out", "no_answer" })
	w.do("2026-11-03 20:00", n, "contact", func(a *desk.Action) { a.ContactKind, a.ContactOutcome = "call_out", "reached" })
	w.set("2026-11-05 12:00")
	src := w.d.ReportSource()
	walk := func(q store.ExportQuery) map[string]string {
		out := map[string]string{}
		err := w.st.Read(ctx, func(tx store.Tx) error {
			return tx.EachCase(q, func(c *store.Case, evs []store.Event) error {
				out[c.Number] = fmt.Sprint(src.Clocks(c, evs, w.now))
				return nil
			})
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	whole := walk(store.ExportQuery{Events: true})
	brief := walk(store.ExportQuery{Events: true, EventKeys: desk.ClockEventKeys})
	if len(whole) != 11 || fmt.Sprint(whole) != fmt.Sprint(brief) {
		t.Errorf("whole and brief histories differ:\n%v\n%v", whole, brief)
	}
	// Reached at 20:00, within the 24 hours: met (the unanswered call at
	// 10:00 does not count).
	if !strings.Contains(whole[n], "first_response") || !strings.Contains(whole[n], "met") {
		t.Fatalf("clocks of %s: %v", n, whole[n])
	}
}
