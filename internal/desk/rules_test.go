package desk_test

// The rules the regulations draw (issue 12) and the honest record (issue
// 13), each tried the forbidden way — refused, saying why in Chinese and
// English, writing nothing — and the right way, through the use cases, on
// the default (call-centre) policy.

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"complaintdesk/internal/deadline"
	"complaintdesk/internal/desk"
	"complaintdesk/internal/desk/desktest"
	"complaintdesk/internal/policy"
	"complaintdesk/internal/report"
	"complaintdesk/internal/testdb"
	"complaintdesk/store"
)

var ucSupervisor2 = desk.Actor{Name: "周主管", Role: "supervisor"}

// messages are a refusal's words in both languages.
func messages(t *testing.T, err error) (zh, en string) {
	t.Helper()
	type messager interface{ Message(string) string }
	var m messager
	var fe *desk.ForbiddenError
	var ve *desk.ValidationError
	switch {
	case errors.As(err, &fe):
		m = fe
	case errors.As(err, &ve):
		m = ve
	default:
		t.Fatalf("%v (%T) is not a refusal that speaks both languages", err, err)
	}
	return m.Message("zh"), m.Message("en")
}

// refuseSays is refuse (nothing written, both languages) that also checks
// the English words.
func (e *ucEnv) refuseSays(a desk.Actor, act desk.Action, zh, en string) error {
	e.t.Helper()
	err := e.refuse(a, act, zh)
	if _, got := messages(e.t, err); !strings.Contains(got, en) {
		e.t.Errorf("%s: the English refusal %q does not say %q", act.Name, got, en)
	}
	return err
}

// acknowledged registers a case received now and acknowledges it.
func (e *ucEnv) acknowledged(mod ...func(*desk.Registration)) string {
	e.t.Helper()
	c := e.register(ucAgent, ucReg(mod...))
	e.apply(ucAgent, desk.Action{Number: c.Number, Name: "acknowledge", ExpectedBy: e.now.Add(24 * time.Hour)})
	return c.Number
}

// resolved walks a case to resolved, handled by the agent.
func (e *ucEnv) resolved(mod ...func(*desk.Registration)) string {
	e.t.Helper()
	n := e.acknowledged(mod...)
	e.assignTo(ucAgent, n, ucAgent)
	e.apply(ucAgent, desk.Action{Number: n, Name: "resolve", Category: "delivery.late", Resolution: "退运费并致歉", Reply: "您好，已为您退运费。"})
	return n
}

// closed walks a case to closed.
func (e *ucEnv) closed(mod ...func(*desk.Registration)) string {
	e.t.Helper()
	n := e.resolved(mod...)
	e.implement(ucAgent, n)
	e.apply(ucAgent, desk.Action{Number: n, Name: "close"})
	return n
}

// The handler is an active desk user whose role handles cases; a name
// nobody has is refused with the closest names (the case would fall out
// of every 我的 tab).
func TestAssignOnlyToActiveUsersWhoHandleCases(t *testing.T) {
	e := ucOpen(t, ucAt(2026, 11, 23, 10, 0))
	gone := desk.Actor{Name: "赵离职", Role: "agent"}
	e.hire(ucAgent, ucAgent2, ucSupervisor, ucQA, gone)
	if err := e.d.DisableUser(e.ctx, gone.Name); err != nil {
		t.Fatal(err)
	}
	n := e.acknowledged()
	e.apply(ucAgent, desktest.Verify(n))

	err := e.refuseSays(ucSupervisor, desk.Action{Number: n, Name: "assign", Handler: "王墙"},
		"没有名为「王墙」的在岗用户；最接近的：王强", `no active desk user is called "王墙"; closest: 王强`)
	var ve *desk.ValidationError
	if !errors.As(err, &ve) || ve.For("handler") == nil {
		t.Errorf("the refusal is not about the handler: %v", err)
	}
	// a disabled user is not a handler, and is not offered either
	err = e.refuse(ucSupervisor, desk.Action{Number: n, Name: "assign", Handler: gone.Name}, "没有名为「赵离职」的在岗用户")
	if zh, _ := messages(t, err); strings.Contains(zh, "最接近的：赵离职") {
		t.Errorf("the disabled user is offered: %s", zh)
	}
	// a quality inspector does not handle cases
	e.refuseSays(ucSupervisor, desk.Action{Number: n, Name: "assign", Handler: ucQA.Name},
		"qa1 的角色（质检员）不能作为处理人", "qa1's role (Quality inspector) does not handle cases")

	got := e.apply(ucSupervisor, desk.Action{Number: n, Name: "assign", Handler: "王强"})
	if got.Handler != "王强" || got.Status != "investigating" {
		t.Errorf("assigned: handler %q status %s", got.Handler, got.Status)
	}
	// and the case is in the handler's 我的 tab
	page, err := e.d.Queue(e.ctx, ucAgent2, store.Query{Tab: store.TabMine, Limit: 10})
	if err != nil || len(page.Cases) != 1 || page.Cases[0].Number != n {
		t.Errorf("王强's 我的 tab: %+v %v", page.Cases, err)
	}
	// a transfer is held to the same rule
	e.refuse(ucSupervisor, desk.Action{Number: n, Name: "transfer", Handler: "李那", Reason: "换人"}, "最接近的：李娜")
	if got := e.apply(ucSupervisor, desk.Action{Number: n, Name: "transfer", Handler: "李娜", Reason: "王强休假"}); got.Handler != "李娜" {
		t.Errorf("transferred to %q", got.Handler)
	}
}

// 三核实 (002 5.3) before a case is assigned: the complainant and the item.
func TestVerifyBeforeAssign(t *testing.T) {
	e := ucOpen(t, ucAt(2026, 11, 23, 10, 0))
	e.hire(ucAgent2)
	n := e.acknowledged()
	assign := desk.Action{Number: n, Name: "assign", Handler: ucAgent2.Name}
	// the page says so before a form opens, in the words Apply uses
	c, _ := e.load(n)
	chk := e.d.Check(c, "assign", ucSupervisor)
	if chk == nil {
		t.Fatal("Check allows assigning an unverified case")
	}
	zh, en := messages(t, chk)
	err := e.refuseSays(ucSupervisor, assign, "分派需要先有", "assign needs")
	if gotZH, gotEN := messages(t, err); !strings.Contains(gotZH, "核实") || !strings.Contains(zh, "核实") || !strings.Contains(gotEN, "verif") || !strings.Contains(en, "verif") {
		t.Errorf("the refusal does not name the verification: Apply %q / %q, Check %q / %q", gotZH, gotEN, zh, en)
	}
	// the complainant alone is not enough
	e.apply(ucAgent, desk.Action{Number: n, Name: "verify", ComplainantVerified: true})
	e.refuse(ucSupervisor, assign, "核实")
	e.apply(ucAgent, desk.Action{Number: n, Name: "verify", ItemVerified: true, ItemProduct: "运单 SF1 的包裹"})
	if got := e.apply(ucSupervisor, assign); got.Handler != ucAgent2.Name {
		t.Errorf("assign after verification: handler %q", got.Handler)
	}
}

// Resolving needs the handler (004 第九条 分配责任): assign first.
func TestAssignBeforeResolve(t *testing.T) {
	e := ucOpen(t, ucAt(2026, 11, 23, 10, 0))
	n := e.acknowledged()
	resolve := desk.Action{Number: n, Name: "resolve", Category: "delivery.late", Resolution: "退运费", Reply: "您好，已退运费。"}
	e.refuseSays(ucAgent, resolve, "解决需要先有：处理人（先「分派」）", "resolve needs handler first (assign)")
	e.assignTo(ucAgent, n, ucAgent)
	if got := e.apply(ucAgent, resolve); got.Status != "resolved" {
		t.Errorf("resolve after assignment: %s", got.Status)
	}
}

// Deciding the solution and carrying it out are two steps (004 第九条):
// closing a resolved case needs the implementation; a rejected case (not
// justified) closes with its written explanation alone.
func TestImplementBeforeClose(t *testing.T) {
	e := ucOpen(t, ucAt(2026, 11, 23, 10, 0))
	n := e.resolved()
	c, _ := e.load(n)
	// the page says so before a form opens
	if err := e.d.Check(c, "close", ucAgent); err == nil {
		t.Error("Check allows closing before the implementation")
	} else if zh, _ := messages(t, err); !strings.Contains(zh, "落实处理方案") {
		t.Errorf("Check(close) before the implementation: %q", zh)
	}
	e.refuseSays(ucAgent, desk.Action{Number: n, Name: "close"}, "（先「落实处理方案」）", "(carry out the solution)")
	e.refuseSays(ucAgent, desk.Action{Number: n, Name: "implement"}, "请写明落实的情况", "say what was done")
	got := e.apply(ucAgent, desk.Action{Number: n, Name: "implement", Implementation: "已退运费12元至原支付账户"})
	if got.Status != "resolved" || got.Fields["implementation"] != "已退运费12元至原支付账户" || got.Fields["implemented_at"] == "" {
		t.Errorf("implemented: %s %v", got.Status, got.Fields)
	}
	_, evs := e.load(n)
	if last := evs[len(evs)-1]; last.Action != "implement" || last.After["implementation"] == "" || last.Actor != ucAgent.Name {
		t.Errorf("the implementation's event %+v", last)
	}
	if got := e.apply(ucAgent, desk.Action{Number: n, Name: "close"}); got.Status != "closed" {
		t.Errorf("close after the implementation: %s", got.Status)
	}

	r := e.acknowledged()
	e.apply(ucAgent, desk.Action{Number: r, Name: "findings", Facts: "收费与价目表一致", Cause: "客户误读", Conclusion: "not_justified"})
	e.apply(ucAgent, desk.Action{Number: r, Name: "reject", Reason: "收费无误", Reply: "尊敬的客户：经核查收费无误，感谢理解。"})
	if got := e.apply(ucAgent, desk.Action{Number: r, Name: "close"}); got.Status != "closed" {
		t.Errorf("a rejected case closes without an implementation: %s", got.Status)
	}
}

// The revisit is the service supervisor's (001 五.5) or the quality
// inspector's, never the handling agent's.
func TestRevisitBySupervisorOrQANotTheAgent(t *testing.T) {
	e := ucOpen(t, ucAt(2026, 11, 23, 10, 0))
	n := e.closed()
	err := e.refuseSays(ucAgent, desk.Action{Number: n, Name: "revisit", Satisfaction: 5}, "不能回访（允许：主管、质检员）", "may not revisit")
	if !errors.Is(err, policy.ErrRoleForbidden) {
		t.Errorf("an agent's revisit: %v; want the role refused", err)
	}
	if got := e.apply(ucSupervisor, desk.Action{Number: n, Name: "revisit", Satisfaction: 5, Note: "客户满意"}); got.Status != "revisited" || got.Satisfaction != 5 {
		t.Errorf("the supervisor's revisit: %s %d", got.Status, got.Satisfaction)
	}
	if got := e.apply(ucQA, desk.Action{Number: e.closed(), Name: "revisit", Satisfaction: 4}); got.Status != "revisited" {
		t.Errorf("the quality inspector's revisit: %s", got.Status)
	}
}

// The company's revisit of the month's sample (001 五.5.B) is its own
// event, only for a case in the sample of the month it was closed, and
// it leaves the status — a case the department revisited is revisited by
// the company too.
func TestSampleRevisitOnlyForSampledCases(t *testing.T) {
	e := ucOpen(t, ucAt(2026, 10, 12, 10, 0))
	a := e.closed()
	b := e.closed()
	for _, n := range []string{a, b} {
		e.apply(ucSupervisor, desk.Action{Number: n, Name: "revisit", Satisfaction: 4})
	}
	// a case closed in October, before October's sample is drawn
	e.refuseSays(ucQA, desk.Action{Number: a, Name: "sample_revisit", Satisfaction: 5}, "不在结案当月的回访抽样中", "not in the revisit sample")

	e.now = ucAt(2026, 11, 2, 10, 0)
	s, _, err := e.d.RevisitSample(e.ctx, ucSupervisor, desk.SampleRequest{Month: report.Month{Year: 2026, Month: time.October}, Ratio: 0.5, Seed: 42})
	if err != nil || len(s.CaseIDs) != 1 {
		t.Fatalf("the sample: %+v %v", s, err)
	}
	in, out := a, b
	if c, _ := e.load(b); c.ID == s.CaseIDs[0] {
		in, out = b, a
	}
	e.refuseSays(ucQA, desk.Action{Number: out, Name: "sample_revisit", Satisfaction: 5}, "不在结案当月的回访抽样中", "not in the revisit sample")
	e.refuse(ucAgent, desk.Action{Number: in, Name: "sample_revisit", Satisfaction: 5}, "不能公司抽样回访")

	before, _ := e.load(in)
	got := e.apply(ucQA, desk.Action{Number: in, Name: "sample_revisit", Satisfaction: 2, Note: "客户对处理速度不满"})
	if got.Status != "revisited" || got.Satisfaction != before.Satisfaction || got.ReopenCount != 0 ||
		got.Fields["sample_revisit_satisfaction"] != "2" || got.Fields["sample_revisited_at"] == "" {
		t.Errorf("after the company's revisit: %s satisfaction %d (was %d) reopened %d fields %v",
			got.Status, got.Satisfaction, before.Satisfaction, got.ReopenCount, got.Fields)
	}
	_, evs := e.load(in)
	if last := evs[len(evs)-1]; last.Action != "sample_revisit" || last.Actor != ucQA.Name || last.Note != "客户对处理速度不满" {
		t.Errorf("the company's revisit event %+v", last)
	}
}

// Lowering a grade (a grade A injury to D cuts 20 working days to 2) is a
// request another supervisor decides; the clocks recompute on approval;
// raising takes effect at once; both steps are in the history.
func TestLoweringAGradeIsARequestAnotherSupervisorDecides(t *testing.T) {
	received := ucAt(2026, 11, 23, 10, 0)
	e := ucOpen(t, received)
	e.hire(ucSupervisor, ucSupervisor2)
	c := e.register(ucAgent, ucReg(func(r *desk.Registration) {
		r.Circumstances = map[string]bool{"injury": true}
		r.Content = "电热水壶漏电，手被电伤"
	}))
	n := c.Number
	if c.Grade != "A" || c.NextClock != "first_response" {
		t.Fatalf("registered grade %s", c.Grade)
	}
	dueA := e.clocksOf(n)["closure_a"].Due

	e.advance(time.Hour)
	got := e.apply(ucAgent, desk.Action{Number: n, Name: "grade", Grade: "D", Reason: "客户只是咨询"})
	if got.Grade != "A" || got.Fields["grade_requested"] != "D" || got.Fields["grade_requested_by"] != ucAgent.Name {
		t.Fatalf("lowering by an agent: grade %s fields %v; want A with a request for D", got.Grade, got.Fields)
	}
	if k := e.clocksOf(n)["closure_a"]; k.State != deadline.Running || !k.Due.Equal(dueA) {
		t.Errorf("the request changed the clock: %+v", k)
	}
	_, evs := e.load(n)
	if ev := evs[len(evs)-1]; ev.Action != "grade" || ev.After["grade_requested"] != "D" || ev.After["grade"] != "" || ev.Reason != "客户只是咨询" {
		t.Errorf("the request's event %+v", ev)
	}
	// one request at a time; an agent does not decide it
	e.refuseSays(ucAgent, desk.Action{Number: n, Name: "grade", Grade: "C", Reason: "x"}, "已有待审批的改级申请", "awaits approval")
	e.refuse(ucAgent, desk.Action{Number: n, Name: "approve_grade"}, "不能批准改级")
	e.refuse(ucSupervisor, desk.Action{Number: n, Name: "refuse_grade"}, "原因")
	got = e.apply(ucSupervisor, desk.Action{Number: n, Name: "refuse_grade", Reason: "有人身伤害，维持A级"})
	if got.Grade != "A" || got.Fields["grade_requested"] != "" {
		t.Errorf("refused: grade %s fields %v", got.Grade, got.Fields)
	}

	// a supervisor's lowering is a request too, and not his to approve
	e.advance(time.Hour)
	got = e.apply(ucSupervisor, desk.Action{Number: n, Name: "grade", Grade: "C", Reason: "伤情轻微，已核实为一般投诉"})
	if got.Grade != "A" || got.Fields["grade_requested"] != "C" {
		t.Fatalf("lowering by a supervisor: %s %v", got.Grade, got.Fields)
	}
	e.refuseSays(ucSupervisor, desk.Action{Number: n, Name: "approve_grade"}, "不能审批自己提出的改级申请", "your own grade change request")
	e.advance(time.Hour)
	got = e.apply(ucSupervisor2, desk.Action{Number: n, Name: "approve_grade", Note: "同意"})
	if got.Grade != "C" || got.GradeReason != "伤情轻微，已核实为一般投诉" || got.Fields["grade_requested"] != "" {
		t.Errorf("approved: grade %s reason %q fields %v", got.Grade, got.GradeReason, got.Fields)
	}
	// the closure clock is the grade C one now, from the original receipt
	ks := e.clocksOf(n)
	if _, ok := ks["closure_a"]; ok {
		t.Error("the grade A clock still applies")
	}
	if k := ks["closure"]; !k.Start.Equal(received) || !k.Due.Equal(ucEndOf(2026, 11, 25)) {
		t.Errorf("closure after approval: from %v due %v; want from the receipt, due the end of 11-25", k.Start, k.Due)
	}
	e.checkDerived(n, "approved lowering")
	_, evs = e.load(n)
	var steps []string
	for _, ev := range evs {
		if strings.Contains(ev.Action, "grade") {
			steps = append(steps, ev.Action+":"+ev.Actor)
		}
	}
	want := []string{"grade:李娜", "refuse_grade:陈主管", "grade:陈主管", "approve_grade:周主管"}
	if !slices.Equal(steps, want) {
		t.Errorf("grade steps in the history %v; want %v", steps, want)
	}
	if ev := evs[len(evs)-1]; ev.Before["grade"] != "A" || ev.After["grade"] != "C" {
		t.Errorf("the approval's event %+v", ev)
	}

	// raising takes effect at once
	if got := e.apply(ucAgent, desk.Action{Number: n, Name: "grade", Grade: "B", Reason: "一个月内三人投诉"}); got.Grade != "B" || got.Fields["grade_requested"] != "" {
		t.Errorf("raising: %s %v", got.Grade, got.Fields)
	}
}

// The time promised to the customer may lie past a running deadline only
// with the reason, which is recorded.
func TestPromisePastTheDeadlineNeedsAReason(t *testing.T) {
	e := ucOpen(t, ucAt(2026, 11, 23, 10, 0)) // grade C: closure due at the end of 11-25
	n := e.register(ucAgent, ucReg()).Number
	late := ucAt(2026, 11, 27, 18, 0)
	e.refuseSays(ucAgent, desk.Action{Number: n, Name: "acknowledge", ExpectedBy: late},
		"告知客户的预计时间晚于结案时限（截止 2026-11-25 24:00）：请填写原因", "later than the Closure deadline (2026-11-25 24:00): give the reason")
	got := e.apply(ucAgent, desk.Action{Number: n, Name: "acknowledge", ExpectedBy: late, Reason: "厂家周五才能上门"})
	if got.Status != "acknowledged" || !got.ExpectedBy.Equal(late) {
		t.Errorf("with the reason: %s expected %v", got.Status, got.ExpectedBy)
	}
	_, evs := e.load(n)
	if ev := evs[len(evs)-1]; ev.Action != "acknowledge" || ev.Reason != "厂家周五才能上门" {
		t.Errorf("the reason is not in the history: %+v", ev)
	}
	// within the deadline no reason is asked
	m := e.register(ucAgent, ucReg()).Number
	if got := e.apply(ucAgent, desk.Action{Number: m, Name: "acknowledge", ExpectedBy: ucAt(2026, 11, 25, 18, 0)}); got.Status != "acknowledged" {
		t.Errorf("a promise in time: %s", got.Status)
	}
}

// A step entered more than an hour after it happened is a late entry
// (补录): it needs the reason and keeps both times; the clocks read when
// it happened. It may not be before the receipt, before the last step of
// its kind, or in the future.
func TestLateEntryNeedsAReasonAndKeepsBothTimes(t *testing.T) {
	received := ucAt(2026, 11, 23, 9, 0)
	e := ucOpen(t, received.Add(10*time.Minute))
	n := e.register(ucAgent, ucReg(func(r *desk.Registration) { r.ReceivedAt = received })).Number
	e.now = received.Add(30 * time.Hour) // the first response was due at 09:00 today
	called := received.Add(3 * time.Hour)
	contact := desk.Action{Number: n, Name: "contact", ContactKind: "call_out", ContactOutcome: "reached", At: called}
	err := e.refuseSays(ucAgent, contact, "现在补录（晚于一小时）：请填写补录原因", "give the reason for the late entry")
	var ve *desk.ValidationError
	if !errors.As(err, &ve) || ve.For("late_reason") == nil {
		t.Errorf("the refusal is not about the late reason: %v", err)
	}
	contact.Late = "昨天系统故障，按通话记录补录"
	e.apply(ucAgent, contact)
	_, evs := e.load(n)
	ev := evs[len(evs)-1]
	if !ev.At.Equal(called) || !ev.Entered.Equal(e.now) || ev.Late != contact.Late {
		t.Errorf("the late entry: at %v entered %v late %q; want at %v entered %v", ev.At, ev.Entered, ev.Late, called, e.now)
	}
	if k := e.clocksOf(n)["first_response"]; k.State != deadline.Met || !k.Stopped.Equal(called) {
		t.Errorf("first response %v stopped %v; want met when the call happened", k.State, k.Stopped)
	}

	// within the hour it is not late, and no reason is asked
	e.apply(ucAgent, desk.Action{Number: n, Name: "note", Note: "客户补充了照片", At: e.now.Add(-30 * time.Minute)})
	if _, evs := e.load(n); evs[len(evs)-1].Late != "" {
		t.Errorf("an entry within the hour is marked late: %q", evs[len(evs)-1].Late)
	}
	for _, tc := range []struct {
		at     time.Time
		zh, en string
	}{
		{called.Add(-time.Hour), "时间不能早于上一次同类操作", "before the last step of the same kind"},
		{received.Add(-time.Hour), "时间不能早于受理时间", "before the complaint was received"},
		{e.now.Add(10 * time.Minute), "时间不能晚于现在", "in the future"},
	} {
		e.refuseSays(ucAgent, desk.Action{Number: n, Name: "contact", ContactOutcome: "reached", At: tc.at, Late: "补录"}, tc.zh, tc.en)
	}
}

// At closure or rejection every clock but the revisit stops, met or
// breached, and never shows running again (gsp: forward → reject → close
// left a first response running).
func TestClocksEndWithTheCase(t *testing.T) {
	received := ucAt(2026, 11, 23, 9, 0)
	e := ucOpen(t, received.Add(time.Minute))
	n := e.acknowledged(func(r *desk.Registration) { r.ReceivedAt = received })
	e.apply(ucAgent, desk.Action{Number: n, Name: "findings", Facts: "收费与价目表一致", Cause: "客户误读", Conclusion: "not_justified"})
	e.advance(time.Hour)
	rejected := e.now
	got := e.apply(ucAgent, desk.Action{Number: n, Name: "reject", Reason: "收费无误", Reply: "尊敬的客户：经核查收费无误。"})
	if !got.NextDue.IsZero() {
		t.Errorf("a rejected case has a next due %s %v", got.NextClock, got.NextDue)
	}
	e.now = received.AddDate(0, 0, 10) // long past every allowance
	k := e.clocksOf(n)["closure"]
	if !k.Ended || !k.Stopped.Equal(rejected) || k.State != deadline.Met || k.StateAt(e.now) != deadline.Met {
		t.Errorf("closure after the rejection: %+v; want ended at the rejection, met", k)
	}
	e.apply(ucAgent, desk.Action{Number: n, Name: "close"})
	for id, k := range e.clocksOf(n) {
		if id != "revisit" && k.StateAt(e.now) == deadline.Running {
			t.Errorf("clock %s runs after closure", id)
		}
	}

	// gsp: forwarded, then rejected and closed without a first response
	db := testdb.Open(t)
	d, err := desk.Open(e.ctx, db, desk.Options{Preset: "gsp", By: "test"})
	if err != nil {
		t.Fatal(err)
	}
	now := received.Add(time.Minute)
	d.Now = func() time.Time { return now }
	qm := desk.Actor{Name: "质管张工", Role: "qm"}
	c, _, err := d.Register(e.ctx, qm, desk.Registration{Channel: "phone", Nature: "other_medical", Name: "陈女士", Phone: "13812345678", Content: "门店营业时间与公示不符"})
	if err != nil {
		t.Fatal(err)
	}
	for _, act := range []desk.Action{
		desktest.Verify(c.Number),
		{Number: c.Number, Name: "forward"},
		{Number: c.Number, Name: "reject", Reason: "营业时间已按公示执行", Reply: "陈女士您好：经核实门店按公示时间营业。"},
		{Number: c.Number, Name: "close"},
	} {
		now = now.Add(10 * time.Minute)
		if _, err := d.Apply(e.ctx, qm, act); err != nil {
			t.Fatalf("%s: %v", act.Name, err)
		}
	}
	later := now.AddDate(0, 0, 3)
	cs, evs, err := d.Case(e.ctx, desk.System, c.Number)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, k := range d.Clocks(cs, evs) {
		if k.ID == "first_response" {
			found = true
			if !k.Ended || k.StateAt(later) == deadline.Running {
				t.Errorf("gsp first response after reject and close: %+v", k)
			}
		}
		if k.ID != "revisit" && k.StateAt(later) == deadline.Running {
			t.Errorf("gsp clock %s runs after closure", k.ID)
		}
	}
	if !found {
		t.Error("the gsp case has no first-response clock")
	}
}

// Due today is every running clock due before the end of today, 24:00
// included (a day-counted closure ends at 24:00): the tab, its count and
// the dashboard.
func TestDueTodayIncludesMidnight(t *testing.T) {
	e := ucOpen(t, ucAt(2026, 11, 21, 9, 0)) // Saturday
	today := e.acknowledged()                // grade C: closure due 2026-11-23 24:00
	e.now = ucAt(2026, 11, 22, 9, 0)
	tomorrow := e.acknowledged() // due 2026-11-24 24:00
	e.now = ucAt(2026, 11, 23, 10, 0)
	if c, _ := e.load(today); c.NextClock != "closure" || !c.NextDue.Equal(ucEndOf(2026, 11, 23)) {
		t.Fatalf("the case due today: %s %v", c.NextClock, c.NextDue)
	}
	page, err := e.d.Queue(e.ctx, ucSupervisor, store.Query{Tab: store.TabDueToday, Now: e.now, DayEnd: e.d.DayEnd(e.now), Limit: 10})
	if err != nil || len(page.Cases) != 1 || page.Cases[0].Number != today {
		t.Errorf("due today: %+v %v; want only %s (not %s)", page.Cases, err, today, tomorrow)
	}
	counts, err := e.d.TabCounts(e.ctx, ucSupervisor, []store.Tab{store.TabDueToday}, e.now, 0)
	if err != nil || counts[0] != 1 {
		t.Errorf("due today's count: %v %v", counts, err)
	}
	dash, err := e.d.Dashboard(e.ctx, ucSupervisor, e.now)
	if err != nil || dash.Due.Today != 1 {
		t.Errorf("the dashboard's due today: %+v %v", dash, err)
	}
}

// A breached clock escalates the case once, however long nobody looked
// (no look-back limit), and the next sweep — of this process or another —
// goes on from the mark the last one stored.
func TestSweepEscalatesEachBreachOnceFromTheStoredMark(t *testing.T) {
	received := ucAt(2026, 10, 12, 9, 0)
	e := ucOpen(t, received.Add(time.Minute))
	old := e.register(ucAgent, ucReg(func(r *desk.Registration) { r.ReceivedAt = received })).Number
	e.now = received.AddDate(0, 0, 30) // nobody swept for a month
	if k, err := e.d.Sweep(e.ctx); err != nil || k != 1 {
		t.Fatalf("sweep after a month: %d, %v; want the month-old breach escalated", k, err)
	}
	escalations := func(n string) int {
		_, evs := e.load(n)
		k := 0
		for _, ev := range evs {
			if ev.Action == "escalate" && ev.Actor == desk.System.Name {
				k++
			}
		}
		return k
	}
	if c, _ := e.load(old); c.Escalation != "supervisor" || escalations(old) != 1 {
		t.Errorf("after the sweep: escalation %q, %d escalations", c.Escalation, escalations(old))
	}
	if k, _ := e.d.Sweep(e.ctx); k != 0 {
		t.Errorf("a second sweep escalated %d", k)
	}

	// another process (a new desk on the same database) goes on from the mark
	fresh := e.register(ucAgent, ucReg()).Number // first response due in 24 h
	d2, err := desk.Open(e.ctx, e.db, desk.Options{By: "cron"})
	if err != nil {
		t.Fatal(err)
	}
	later := e.now.Add(25 * time.Hour)
	d2.Now = func() time.Time { return later }
	if k, err := d2.Sweep(e.ctx); err != nil || k != 1 {
		t.Errorf("the other process's sweep: %d, %v; want the new breach only", k, err)
	}
	if escalations(old) != 1 || escalations(fresh) != 1 {
		t.Errorf("escalations: old %d, fresh %d; want one each", escalations(old), escalations(fresh))
	}
	if k, _ := d2.Sweep(e.ctx); k != 0 {
		t.Errorf("the other process swept again: %d", k)
	}
	// a write that finds a breach escalates at once, once
	e.now = later
	third := e.register(ucAgent, ucReg()).Number
	e.now = later.Add(25 * time.Hour)
	e.apply(ucAgent, desk.Action{Number: third, Name: "note", Note: "催办"})
	e.apply(ucAgent, desk.Action{Number: third, Name: "note", Note: "再次催办"})
	if escalations(third) != 1 {
		t.Errorf("writes on a breached case escalated it %d times", escalations(third))
	}
	if k, _ := e.d.Sweep(e.ctx); k != 0 {
		t.Errorf("the sweep escalated again what a write had: %d", k)
	}
}

// The history is a chain: every event carries the hash of the one before
// and its own, and store.CheckChain finds an event changed or removed.
func TestEventsAreAHashChain(t *testing.T) {
	e := ucOpen(t, ucAt(2026, 11, 23, 10, 0))
	n := e.closed()
	_, evs := e.load(n)
	if len(evs) < 6 {
		t.Fatalf("%d events", len(evs))
	}
	if br := store.CheckChain(evs); br != nil {
		t.Fatalf("the stored history does not chain: %+v", br)
	}
	for i, ev := range evs {
		if ev.Hash == "" || (i > 0 && ev.Prev != evs[i-1].Hash) || ev.Entered.IsZero() {
			t.Errorf("event %d (%s): prev %q hash %q entered %v", i, ev.Action, ev.Prev, ev.Hash, ev.Entered)
		}
	}
	changed := slices.Clone(evs)
	changed[3].Note = "改过的备注"
	if br := store.CheckChain(changed); br == nil || br.EventID != evs[3].ID || !strings.Contains(br.Why, "changed") {
		t.Errorf("a changed event: %+v; want event %d named", br, evs[3].ID)
	}
	changed = slices.Clone(evs)
	changed[2].After = map[string]string{"status": "closed"}
	if br := store.CheckChain(changed); br == nil || br.EventID != evs[2].ID {
		t.Errorf("a changed after: %+v", br)
	}
	removed := slices.Delete(slices.Clone(evs), 2, 3)
	if br := store.CheckChain(removed); br == nil || br.EventID != evs[3].ID || !strings.Contains(br.Why, "removed") {
		t.Errorf("a removed event: %+v; want the event after it, %d, named", br, evs[3].ID)
	}
}

// Hundreds of clocks falling due at the same moment (every case received
// at once: the same due time) are all escalated by one sweep, not the first
// page of them: the sweep pages by due time and id.
func TestSweepEscalatesEveryCaseOfOneDueTime(t *testing.T) {
	received := ucAt(2026, 10, 12, 9, 0)
	e := ucOpen(t, received.Add(time.Minute))
	const n = 450 // more than two of the sweep's pages
	for range n {
		e.register(ucAgent, ucReg(func(r *desk.Registration) { r.ReceivedAt = received }))
	}
	e.now = received.AddDate(0, 0, 3)
	if k, err := e.d.Sweep(e.ctx); err != nil || k != n {
		t.Fatalf("sweep: %d escalated, %v; want all %d cases due at the same moment", k, err, n)
	}
	if k, err := e.d.Sweep(e.ctx); err != nil || k != 0 {
		t.Errorf("a second sweep: %d, %v; want none", k, err)
	}
}
