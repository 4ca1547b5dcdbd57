package desk_test

// Scenario tests: cases walked through the procedures of the seeds (001
// 客户投诉处理规范, 002 质量投诉管理规程, 003 客户投诉案件处理办法) on a real
// database with the default policy and the official calendar.

import (
	"complaintdesk/internal/desk/actions"
	"complaintdesk/internal/desk/desktest"
	"complaintdesk/internal/testdb"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"complaintdesk/internal/deadline"
	"complaintdesk/internal/desk"
	"complaintdesk/internal/policy"
	"complaintdesk/store"
)

// clocksOf is the case's clocks by id, as of the env's now.
func (e *ucEnv) clocksOf(number string) map[string]deadline.Clock {
	e.t.Helper()
	c, evs := e.load(number)
	out := map[string]deadline.Clock{}
	for _, k := range e.d.Clocks(c, evs) {
		out[k.ID] = k
	}
	return out
}

func eventActions(evs []store.Event) []string {
	var out []string
	for _, e := range evs {
		out = append(out, e.Action)
	}
	return out
}

// refuse applies an action that must be refused and checks that nothing was
// written and that the refusal says why in both languages, in the same
// words desk.Check (what the terminal shows before a form opens) gives.
func (e *ucEnv) refuse(a desk.Actor, act desk.Action, want string) error {
	e.t.Helper()
	before, evsBefore := e.load(act.Number)
	_, err := e.d.Apply(e.ctx, a, act)
	if err == nil {
		e.t.Fatalf("%s as %s was not refused", act.Name, a.Role)
	}
	type messager interface{ Message(string) string }
	var m messager
	switch {
	case errors.As(err, new(*desk.ForbiddenError)):
		var fe *desk.ForbiddenError
		errors.As(err, &fe)
		m = fe
	case errors.As(err, new(*desk.ValidationError)):
		var ve *desk.ValidationError
		errors.As(err, &ve)
		m = ve
	default:
		e.t.Fatalf("%s: %v (%T)", act.Name, err, err)
	}
	zh, en := m.Message("zh"), m.Message("en")
	if zh == "" || en == "" || zh == en {
		e.t.Errorf("%s: the refusal is not in both languages: %q / %q", act.Name, zh, en)
	}
	if want != "" && !strings.Contains(zh, want) {
		e.t.Errorf("%s: the refusal %q does not say %q", act.Name, zh, want)
	}
	after, evsAfter := e.load(act.Number)
	if after.Version != before.Version || after.Status != before.Status || len(evsAfter) != len(evsBefore) {
		e.t.Errorf("%s: the refused action was written: version %d→%d status %s→%s events %d→%d",
			act.Name, before.Version, after.Version, before.Status, after.Status, len(evsBefore), len(evsAfter))
	}
	return err
}

// A grade C phone complaint: contacted (the first call unanswered, the
// second reaching the customer stops the first-response clock),
// acknowledged, assigned, verified, investigated, resolved, closed and
// revisited satisfied.
func TestScenarioGradeCPhoneComplaint(t *testing.T) {
	received := ucAt(2026, 10, 12, 9, 0) // Monday
	e := ucOpen(t, received.Add(5*time.Minute))
	c := e.register(ucAgent, ucReg(func(r *desk.Registration) {
		r.ReceivedAt, r.Category, r.Subject = received, "delivery.late", "订单 5512"
	}))
	n := c.Number
	if c.Grade != "C" || c.Training {
		t.Fatalf("registered grade %s training %v; want C", c.Grade, c.Training)
	}
	step := func(a desk.Actor, act desk.Action) *store.Case {
		t.Helper()
		e.advance(30 * time.Minute)
		act.Number = n
		return e.apply(a, act)
	}
	// an unanswered call is a contact, but not with the customer
	step(ucAgent, desk.Action{Name: "contact", ContactKind: "call_out", ContactOutcome: "no_answer"})
	if k := e.clocksOf(n)["first_response"]; k.State != deadline.Running {
		t.Fatalf("after an unanswered call the first response is %v; want running", k.State)
	}
	step(ucAgent, desk.Action{Name: "contact", ContactKind: "call_out", ContactOutcome: "reached", Note: "已向客户致歉并说明将核实"})
	reached := e.now
	if k := e.clocksOf(n)["first_response"]; k.State != deadline.Met || !k.Stopped.Equal(reached) {
		t.Fatalf("after reaching the customer the first response is %v stopped %v; want met at %v", k.State, k.Stopped, reached)
	}
	step(ucAgent, desk.Action{Name: "acknowledge", ExpectedBy: ucAt(2026, 10, 14, 18, 0)})
	// 三核实 before the case is assigned (002 5.3)
	got := step(ucAgent, desk.Action{Name: "verify", ComplainantVerified: true, ItemVerified: true, ItemTime: "10月9日", ItemProduct: "订单 5512"})
	if got.Fields["complainant_verified"] != "yes" || got.Fields["item_verified"] != "yes" || got.Fields["item_product"] != "订单 5512" {
		t.Errorf("verification fields %v", got.Fields)
	}
	e.hire(ucAgent2)
	step(ucSupervisor, desk.Action{Name: "assign", Handler: "王强", Department: "物流部"})
	step(ucAgent2, desk.Action{Name: "findings", Facts: "快递在中转站滞留三天", Cause: "中转站分拣错误", Responsible: "顺达物流",
		Conclusion: "justified", Corrective: "补发并退运费", Preventive: "更换中转线路"})
	got = step(ucAgent2, desk.Action{Name: "resolve", Resolution: "退运费12元并致歉", Reply: "您好，已为您退运费并致歉。",
		ResolutionType: "refund", Amount: "12", Agreement: "agreed"})
	if got.Status != "resolved" || got.Fields["resolution_type"] != "refund" || got.Fields["amount"] != "12.00" || got.Fields["agreement"] != "agreed" {
		t.Errorf("resolved: %s %v", got.Status, got.Fields)
	}
	step(ucAgent2, desk.Action{Name: "implement", Implementation: "已退运费12元"})
	step(ucAgent2, desk.Action{Name: "close"})
	got = step(ucQA, desk.Action{Name: "revisit", Satisfaction: 5, Note: "客户满意"})
	if got.Status != "revisited" || got.Satisfaction != 5 || got.ReopenCount != 0 || got.Open {
		t.Fatalf("revisited: %s satisfaction %d reopened %d open %v", got.Status, got.Satisfaction, got.ReopenCount, got.Open)
	}
	clocks := e.clocksOf(n)
	for _, id := range []string{"first_response", "closure", "revisit"} {
		if clocks[id].State != deadline.Met {
			t.Errorf("clock %s: %v; want met", id, clocks[id].State)
		}
	}
	_, evs := e.load(n)
	want := []string{"register", "contact", "contact", "acknowledge", "verify", "assign", "findings", "resolve", "implement", "close", "revisit"}
	if !slices.Equal(eventActions(evs), want) {
		t.Errorf("history %v; want %v", eventActions(evs), want)
	}
	if evs[1].After["contact_outcome"] != "no_answer" || evs[2].After["contact_reached"] != "yes" {
		t.Errorf("contacts recorded as %v / %v", evs[1].After, evs[2].After)
	}
	e.checkDerived(n, "revisited")
}

// A grade A complaint received the Friday before National Day 2026 closes
// within 20 working days (the holiday and its make-up days counted by the
// official calendar), is escalated, and is closed with a supervisor's
// approval after being sent back once.
func TestScenarioGradeAClosedWithApproval(t *testing.T) {
	received := ucAt(2026, 9, 25, 10, 0) // Friday before 国庆节
	e := ucOpen(t, received.Add(10*time.Minute))
	c := e.register(ucAgent, ucReg(func(r *desk.Registration) {
		r.ReceivedAt, r.Category = received, "product.safety"
		r.Circumstances = map[string]bool{"injury": true}
		r.Content = "电热水壶底座漏电，孩子手被电伤"
	}))
	n := c.Number
	if c.Grade != "A" || !c.Training || !strings.Contains(c.GradeReason, "人身伤害") {
		t.Fatalf("registered: grade %s training %v reason %q; want A for the injury", c.Grade, c.Training, c.GradeReason)
	}
	if k := e.clocksOf(n)["closure_a"]; !k.Due.Equal(ucEndOf(2026, 10, 29)) {
		t.Errorf("closure_a due %v; want the end of 2026-10-29 (20 working days over National Day)", k.Due)
	}
	e.advance(time.Hour)
	e.apply(ucAgent, desk.Action{Number: n, Name: "acknowledge", ExpectedBy: ucAt(2026, 10, 20, 18, 0)})
	e.hire(ucAgent)
	e.apply(ucAgent, desktest.Verify(n))
	e.apply(ucAgent, desk.Action{Number: n, Name: "assign", Handler: "李娜", Department: "quality"})
	got := e.apply(ucAgent, desk.Action{Number: n, Name: "escalate", Reason: "涉及人身伤害，报主管"})
	if got.Escalation != "supervisor" {
		t.Errorf("escalated to %q; want supervisor", got.Escalation)
	}
	e.refuse(ucAgent, desk.Action{Number: n, Name: "escalate", Level: "agent", Reason: "x"}, "更高")

	e.now = ucAt(2026, 10, 9, 10, 0)
	e.apply(ucAgent, desk.Action{Number: n, Name: "resolve", Resolution: "更换水壶并赔偿医药费", Reply: "您好，已为您更换并赔偿。",
		ResolutionType: "compensation", Amount: "800"})
	// the agent may not close grade A; the refusal says how: approval
	e.refuse(ucAgent, desk.Action{Number: n, Name: "close"}, "提交审批")
	// approval needs the investigation report first, and says so before a form opens
	cs, _ := e.load(n)
	chk := e.d.Check(cs, "request_approval", ucAgent)
	var ve *desk.ValidationError
	if !errors.As(chk, &ve) || !strings.Contains(ve.Message("zh"), "调查报告") {
		t.Fatalf("Check(request_approval) = %v; want the investigation report missing", chk)
	}
	err := e.refuse(ucAgent, desk.Action{Number: n, Name: "request_approval"}, "调查报告")
	if err.(*desk.ValidationError).Message("zh") != ve.Message("zh") {
		t.Errorf("Apply says %q, Check says %q: they must say the same", err.(*desk.ValidationError).Message("zh"), ve.Message("zh"))
	}
	e.apply(ucAgent, desk.Action{Number: n, Name: "findings", Facts: "底座绝缘老化", Cause: "批次质量问题", Responsible: "供应商",
		Conclusion: "justified", Corrective: "下架同批次", Preventive: "加强来料检验"})
	e.apply(ucAgent, desk.Action{Number: n, Name: "request_approval", Note: "请主管审批"})
	e.refuse(ucAgent, desk.Action{Number: n, Name: "approve"}, "角色")
	got = e.apply(ucSupervisor, desk.Action{Number: n, Name: "send_back", Reason: "赔偿金额需与客户确认"})
	if got.Status != "investigating" {
		t.Fatalf("sent back to %s; want investigating", got.Status)
	}
	e.advance(time.Hour)
	e.apply(ucAgent, desk.Action{Number: n, Name: "resolve", Agreement: "agreed", Note: "客户同意800元"})
	e.apply(ucAgent, desk.Action{Number: n, Name: "request_approval"})
	e.apply(ucSupervisor, desk.Action{Number: n, Name: "approve", Note: "同意结案"})
	// approved, the solution is carried out; then the case closes
	e.refuse(ucAgent, desk.Action{Number: n, Name: "close"}, "落实")
	e.implement(ucAgent, n)
	got = e.apply(ucAgent, desk.Action{Number: n, Name: "close"})
	if got.Status != "closed" {
		t.Fatalf("closed: %s", got.Status)
	}
	if k := e.clocksOf(n)["closure_a"]; k.State != deadline.Met {
		t.Errorf("closure_a %v; want met", k.State)
	}
	_, evs := e.load(n)
	acts := eventActions(evs)
	for _, a := range []string{"escalate", "findings", "request_approval", "send_back", "approve", "implement", "close"} {
		if !slices.Contains(acts, a) {
			t.Errorf("history %v lacks %s", acts, a)
		}
	}
	e.checkDerived(n, "closed with approval")
}

// A dissatisfied revisit reopens the case: the reopening is counted, the
// closure clock restarts from it (policy restart_on), and the case is
// revisited again after its next closure.
func TestScenarioDissatisfiedRevisitReopens(t *testing.T) {
	received := ucAt(2026, 11, 2, 9, 0)
	e := ucOpen(t, received.Add(time.Minute))
	n := e.register(ucAgent, ucReg(func(r *desk.Registration) { r.ReceivedAt, r.Category = received, "service.rude" })).Number
	e.hire(ucAgent)
	for _, a := range []desk.Action{
		{Name: "acknowledge", ExpectedBy: received.Add(30 * time.Hour)},
		desktest.Verify(n),
		{Name: "assign", Handler: ucAgent.Name},
		{Name: "resolve", Resolution: "道歉", Reply: "对不起", ResolutionType: "apology"},
		desktest.Implement(n),
		{Name: "close"},
	} {
		e.advance(time.Hour)
		a.Number = n
		e.apply(ucAgent, a)
	}
	e.advance(24 * time.Hour)
	revisited := e.now
	got := e.apply(ucQA, desk.Action{Number: n, Name: "revisit", Satisfaction: 1, Note: "道歉不真诚"})
	if got.Status != "investigating" || got.ReopenCount != 1 || !got.Open || got.Satisfaction != 1 {
		t.Fatalf("after a dissatisfied revisit: %s reopened %d open %v satisfaction %d", got.Status, got.ReopenCount, got.Open, got.Satisfaction)
	}
	clocks := e.clocksOf(n)
	if k := clocks["closure"]; k.State != deadline.Running || !k.Start.Equal(revisited) {
		t.Errorf("closure clock %v from %v; want running again from the reopening at %v", k.State, k.Start, revisited)
	}
	if k := clocks["revisit"]; k.State != deadline.Met {
		t.Errorf("revisit clock %v; want met by the revisit", k.State)
	}
	_, evs := e.load(n)
	last := evs[len(evs)-1]
	if last.Action != "reopen" || !strings.Contains(last.Reason, "不满意") || evs[len(evs)-2].Action != "revisit" {
		t.Errorf("the last events %v; want revisit then reopen with the reason", eventActions(evs[len(evs)-2:]))
	}
	e.advance(time.Hour)
	e.apply(ucAgent, desk.Action{Number: n, Name: "resolve", Resolution: "主管上门道歉并赠送礼品"})
	e.apply(ucAgent, desk.Action{Number: n, Name: "implement", Implementation: "主管已上门道歉，礼品已送达"})
	e.apply(ucAgent, desk.Action{Number: n, Name: "close"})
	if k := e.clocksOf(n)["revisit"]; k.State != deadline.Running {
		t.Errorf("after the second closure the revisit clock is %v; want running", k.State)
	}
	got = e.apply(ucQA, desk.Action{Number: n, Name: "revisit", Satisfaction: 4})
	if got.Status != "revisited" || got.ReopenCount != 1 {
		t.Errorf("satisfied at last: %s reopened %d", got.Status, got.ReopenCount)
	}
	e.checkDerived(n, "revisited again")
}

// A collective complaint of 12 people is graded A and kept for training;
// each complainant has their own contact details, callback and satisfaction.
func TestScenarioCollectiveComplaintOfTwelve(t *testing.T) {
	e := ucOpen(t, ucAt(2026, 11, 23, 10, 0))
	c := e.register(ucAgent, ucReg(func(r *desk.Registration) {
		r.CollectiveSize = 12
		r.Category = "property.equipment"
		r.Content = "小区电梯停运一周，12户业主联名投诉"
		r.Others = []desk.Person{{Name: "李四", Phone: "13900001111"}, {Name: "王五", Phone: "0755-88889999"}, {Name: "赵六", Email: "zhao@example.com"}}
	}))
	if c.Grade != "A" || !c.Training || !strings.Contains(c.GradeReason, "12人") || c.CollectiveSize != 12 || len(c.Complainants) != 4 {
		t.Fatalf("collective: grade %s training %v reason %q size %d complainants %d", c.Grade, c.Training, c.GradeReason, c.CollectiveSize, len(c.Complainants))
	}
	e.advance(time.Hour)
	e.apply(ucAgent, desk.Action{Number: c.Number, Name: "contact", Who: 2, ContactKind: "call_out", ContactOutcome: "reached", Satisfaction: 3})
	e.apply(ucAgent, desk.Action{Number: c.Number, Name: "contact", Who: 1, ContactOutcome: "no_answer"})
	e.apply(ucAgent, desk.Action{Number: c.Number, Name: "complainant", Person: desk.Person{Name: "孙七", Phone: "13600003333"}})
	got, evs := e.load(c.Number)
	if w := got.Complainants[2]; w.Name != "王五" || w.Callback != "reached" || w.Satisfaction != 3 || w.CallbackAt.IsZero() {
		t.Errorf("complainant 3: %+v", w)
	}
	if w := got.Complainants[1]; w.Callback != "no_answer" || w.Satisfaction != 0 {
		t.Errorf("complainant 2: %+v", w)
	}
	if len(got.Complainants) != 5 || got.Complainants[4].Phone != "13600003333" || got.CollectiveSize != 12 {
		t.Errorf("after adding one: %d complainants, size %d", len(got.Complainants), got.CollectiveSize)
	}
	if last := evs[len(evs)-1]; last.Action != "complainant" || !strings.Contains(last.After["complainant"], "孙七") {
		t.Errorf("the added complainant's event %+v", last)
	}
	_, err := e.d.Apply(e.ctx, ucAgent, desk.Action{Number: c.Number, Name: "contact", Who: 9, ContactOutcome: "reached"})
	var ve *desk.ValidationError
	if !errors.As(err, &ve) || ve.For("who") == nil {
		t.Errorf("contact with complainant 10 of 5: %v", err)
	}
	// one more phone of the case is found by the caller lookup
	if list, _ := e.d.Caller(e.ctx, desk.System, "0755-88889999", 5); len(list) != 1 || list[0].Number != c.Number {
		t.Errorf("the second complainant's phone finds %v", list)
	}
}

// Three different people complaining of the same thing (category and
// product) within a month raise the grade to B; the matched cases are shown
// and linked. Other products, later complaints and the same person again
// do not count.
func TestScenarioSameComplaintThreeTimesIsB(t *testing.T) {
	day0 := ucAt(2026, 11, 2, 9, 0)
	e := ucOpen(t, day0)
	reg := func(phone, subject string, at time.Time) *store.Case {
		e.now = at.Add(time.Minute)
		return e.register(ucAgent, ucReg(func(r *desk.Registration) {
			r.Phone, r.Subject, r.Category, r.ReceivedAt = phone, subject, "product.defect", at
			r.Content = "洗衣机漏水"
		}))
	}
	a := reg("13800000001", "XQB80-洗衣机", day0)
	b := reg("13800000002", "XQB80-洗衣机", day0.AddDate(0, 0, 5))
	other := reg("13800000009", "BCD-冰箱", day0.AddDate(0, 0, 6))
	again := reg("13800000002", "XQB80-洗衣机", day0.AddDate(0, 0, 7)) // the same person again
	if a.Grade != "C" || b.Grade != "C" || other.Grade != "C" || again.Grade != "C" {
		t.Fatalf("before the third person: %s %s %s %s; want C", a.Grade, b.Grade, other.Grade, again.Grade)
	}
	third := reg("13800000003", "XQB80-洗衣机", day0.AddDate(0, 0, 20))
	if third.Grade != "B" || !strings.Contains(third.GradeReason, "3位不同投诉人") || !third.Training {
		t.Fatalf("the third person: grade %s reason %q; want B by rule B2", third.Grade, third.GradeReason)
	}
	rel, err := desktest.Relations(e.d, e.ctx, third)
	if err != nil {
		t.Fatal(err)
	}
	var linked []string
	for _, l := range rel.Linked {
		linked = append(linked, l.Case.Number)
	}
	slices.Sort(linked)
	if want := []string{a.Number, b.Number, again.Number}; !slices.Equal(linked, want) {
		t.Errorf("linked %v; want %v", linked, want)
	}
	if _, evs := e.load(a.Number); evs[len(evs)-1].Action != "link" || evs[len(evs)-1].After["linked"] != third.Number {
		t.Errorf("the matched case's history does not show the link: %+v", evs[len(evs)-1])
	}
	sug, err := e.d.Suggest(e.ctx, third)
	if err != nil || sug.Grade != "B" || len(sug.Similar) != 3 || sug.Others != 2 {
		t.Errorf("suggestion %s, %d similar, %d others, %v", sug.Grade, len(sug.Similar), sug.Others, err)
	}
	// a month and more later the same complaint starts counting again
	late := reg("13800000004", "XQB80-洗衣机", day0.AddDate(0, 0, 55))
	if late.Grade != "C" {
		t.Errorf("55 days later: grade %s; want C (only one other complainant within 30 days)", late.Grade)
	}
	// unlinking needs a reason and is an event of both cases
	e.refuse(ucAgent, desk.Action{Number: third.Number, Name: "unlink", Other: a.Number}, "原因")
	e.apply(ucAgent, desk.Action{Number: third.Number, Name: "unlink", Other: a.Number, Reason: "型号不同"})
	if rel, _ := desktest.Relations(e.d, e.ctx, a); len(rel.Linked) != 0 {
		t.Errorf("after unlinking, %s still has %d links", a.Number, len(rel.Linked))
	}
	if _, err := e.d.Apply(e.ctx, ucAgent, desk.Action{Number: third.Number, Name: "unlink", Other: a.Number, Reason: "x"}); err == nil {
		t.Error("unlinking twice was accepted")
	}
	e.apply(ucAgent, desk.Action{Number: late.Number, Name: "link", Other: other.Number, Reason: "同一小区"})
	if rel, _ := desktest.Relations(e.d, e.ctx, other); len(rel.Linked) != 1 || rel.Linked[0].Case.Number != late.Number {
		t.Errorf("manual link: %+v", rel.Linked)
	}
}

// A complaint found not justified is closed with a polite written
// explanation (seed 000 3.1).
func TestScenarioUnjustifiedClosedWithExplanation(t *testing.T) {
	e := ucOpen(t, ucAt(2026, 11, 23, 10, 0))
	n := e.register(ucAgent, ucReg(func(r *desk.Registration) { r.Category = "price.overcharge" })).Number
	e.apply(ucAgent, desk.Action{Number: n, Name: "acknowledge", ExpectedBy: e.now.Add(24 * time.Hour)})
	e.apply(ucAgent, desk.Action{Number: n, Name: "findings", Facts: "收费与价目表一致", Cause: "客户误读优惠条件", Conclusion: "not_justified"})
	e.refuse(ucAgent, desk.Action{Number: n, Name: "reject", Reason: "收费无误"}, "书面答复")
	got := e.apply(ucAgent, desk.Action{Number: n, Name: "reject", Reason: "收费符合价目表",
		Reply: "尊敬的客户：经核查，本次收费与公示价目表一致，优惠活动需满足条件。感谢您的理解与支持。"})
	if got.Status != "rejected" || !got.Open || got.Resolution != "收费符合价目表" || got.Fields["resolution_type"] != "explanation" || got.Fields["conclusion"] != "not_justified" {
		t.Fatalf("rejected: %s open %v resolution %q fields %v", got.Status, got.Open, got.Resolution, got.Fields)
	}
	got = e.apply(ucAgent, desk.Action{Number: n, Name: "close"})
	if got.Status != "closed" || got.Open || !strings.HasPrefix(got.Reply, "尊敬的客户") {
		t.Errorf("closed: %s open %v reply %q", got.Status, got.Open, got.Reply)
	}
}

// Every refused transition says why, in both languages, and writes nothing.
func TestRefusedTransitionsSayWhyAndWriteNothing(t *testing.T) {
	e := ucOpen(t, ucAt(2026, 11, 23, 10, 0))
	n := e.register(ucAgent, ucReg()).Number
	for _, tc := range []struct {
		who  desk.Actor
		act  desk.Action
		want string
	}{
		{ucAgent, desk.Action{Name: "close", Reply: "x"}, "不能结案"},
		{ucAgent, desk.Action{Name: "revisit", Satisfaction: 5}, "不能回访"},
		{ucAgent, desk.Action{Name: "approve"}, "不能批准"},
		{ucAgent, desk.Action{Name: "request_approval"}, ""},
		{ucQA, desk.Action{Name: "grade", Grade: "A", Reason: "x"}, "角色"},
		{ucAgent, desk.Action{Name: "fly"}, "没有"},
		{ucAgent, desk.Action{Name: "contact", ContactOutcome: "maybe"}, "联系结果"},
		{ucAgent, desk.Action{Name: "verify"}, "核实"},
		{ucAgent, desk.Action{Name: "link", Other: "TS20991231-0001"}, "没有投诉单"},
		{ucAgent, desk.Action{Name: "link", Other: n}, "自身"},
		{ucAgent, desk.Action{Name: "flags", Circumstances: map[string]bool{"aliens": true}}, "情形"},
	} {
		tc.act.Number = n
		e.refuse(tc.who, tc.act, tc.want)
	}
	// A grade C case never goes through approval: the transition is for grade A.
	cs, _ := e.load(n)
	if err := e.d.Check(cs, "request_approval", ucAgent); err == nil {
		t.Error("Check allows asking approval of a registered grade C case")
	}
}

// The circumstances the grading rules read: media coverage makes a crisis,
// escalated at once to management, and the suggestion follows.
func TestCircumstancesCrisisAndSuggestion(t *testing.T) {
	e := ucOpen(t, ucAt(2026, 11, 23, 10, 0))
	n := e.register(ucAgent, ucReg(func(r *desk.Registration) { r.Grade = "C" })).Number
	got := e.apply(ucAgent, desk.Action{Number: n, Name: "flags", Circumstances: map[string]bool{"media": true}, Note: "当地电视台已报道"})
	if !got.Crisis || got.Escalation != "management" || got.Fields["suggested_grade"] != "A" || got.Grade != "C" {
		t.Fatalf("after media coverage: crisis %v escalation %q suggested %q grade %s", got.Crisis, got.Escalation, got.Fields["suggested_grade"], got.Grade)
	}
	mgr := desk.Actor{Name: "总经理", Role: "management"}
	al, err := e.d.Alerts(e.ctx, mgr, e.now, 3)
	if err != nil || al.Crisis.Count != 1 || al.Escalated.Count != 1 {
		t.Errorf("management's alerts: %+v, %v", al, err)
	}
	if al, _ := e.d.Alerts(e.ctx, ucAgent2, e.now, 3); al.Crisis.Count != 0 {
		t.Errorf("an agent sees the crisis line: %+v", al.Crisis)
	}
	// the person confirms the suggestion
	got = e.apply(ucSupervisor, desk.Action{Number: n, Name: "grade", Grade: "A", Reason: "已引起媒体传播"})
	if got.Fields["suggested_grade"] != "" || !got.Training {
		t.Errorf("after confirming: suggested %q training %v", got.Fields["suggested_grade"], got.Training)
	}
	// a valid complaint unresolved for a month is suggested A
	old := e.register(ucAgent, ucReg(func(r *desk.Registration) {
		r.ReceivedAt, r.LateReason = e.now.AddDate(0, 0, -31), "按登记簿补录"
	}))
	if s, _ := e.d.Suggest(e.ctx, old); s.Grade != "A" || !s.Fired("A3-unresolved-month") || old.Grade != "A" {
		t.Errorf("31 days unresolved: registered %s, suggested %s %v", old.Grade, s.Grade, s.Reasons)
	}
}

// Warnings before a breach reach the handler and the supervisors, breaches
// escalate by themselves once, and working-day clocks warn only in working
// hours, at 75 % of their working time.
func TestWarningsBreachesAndAutomaticEscalation(t *testing.T) {
	received := ucAt(2026, 11, 23, 8, 0) // Monday
	e := ucOpen(t, received.Add(time.Minute))
	n := e.register(ucAgent, ucReg(func(r *desk.Registration) { r.ReceivedAt = received })).Number
	e.assignTo(ucSupervisor, n, ucAgent)
	e.now = received.Add(17 * time.Hour) // 71 % of the first response
	if al, _ := e.d.Alerts(e.ctx, ucAgent, e.now, 3); al.Warn.Count != 0 {
		t.Errorf("at 71 %%: %d warnings", al.Warn.Count)
	}
	e.now = received.Add(19 * time.Hour) // 79 %
	for _, tc := range []struct {
		who  desk.Actor
		want int
	}{{ucAgent, 1}, {ucAgent2, 0}, {ucSupervisor, 1}} {
		al, err := e.d.Alerts(e.ctx, tc.who, e.now, 3)
		if err != nil || al.Warn.Count != tc.want || al.Breach.Count != 0 {
			t.Errorf("%s at 79 %%: warn %d breach %d (%v); want %d warnings", tc.who.Name, al.Warn.Count, al.Breach.Count, err, tc.want)
		}
	}
	e.now = received.Add(25 * time.Hour)
	al, _ := e.d.Alerts(e.ctx, ucAgent, e.now, 3)
	if al.Breach.Count != 1 || al.Warn.Count != 0 || al.Breach.Cases[0].Number != n {
		t.Errorf("past due: %+v", al)
	}
	if k, err := e.d.Sweep(e.ctx); err != nil || k != 1 {
		t.Fatalf("sweep escalated %d (%v); want 1", k, err)
	}
	got, evs := e.load(n)
	last := evs[len(evs)-1]
	if got.Escalation != "supervisor" || last.Action != "escalate" || last.Actor != desk.System.Name || !strings.Contains(last.Reason, "首次响应") {
		t.Errorf("after the sweep: escalation %q, last event %+v", got.Escalation, last)
	}
	if k, _ := e.d.Sweep(e.ctx); k != 0 {
		t.Errorf("a second sweep escalated %d again", k)
	}
	if al, _ := e.d.Alerts(e.ctx, ucSupervisor, e.now, 3); al.Escalated.Count != 1 {
		t.Errorf("the supervisor's escalated line: %+v", al.Escalated)
	}

	// A grade A closure counts 20 working days: 75 % of its working time
	// (09:00–18:00 on working days) is reached on the 15th working day.
	a := e.register(ucAgent, ucReg(func(r *desk.Registration) {
		r.ReceivedAt, r.Grade, r.LateReason = ucAt(2026, 11, 2, 10, 0), "A", "按登记簿补录"
	}))
	e.apply(ucAgent, desk.Action{Number: a.Number, Name: "acknowledge", ExpectedBy: e.now.Add(48 * time.Hour)})
	e.assignTo(ucSupervisor, a.Number, ucAgent2)
	ga, _ := e.load(a.Number)
	if ga.NextClock != "closure_a" || !ga.NextWarn.Equal(ucAt(2026, 11, 23, 16, 0)) {
		t.Errorf("grade A warns at %v (%s); want 2026-11-23 16:00", ga.NextWarn, ga.NextClock)
	}
	for _, tc := range []struct {
		at   time.Time
		want int
	}{
		{ucAt(2026, 11, 23, 15, 0), 0}, // before the threshold
		{ucAt(2026, 11, 24, 10, 0), 1}, // a working morning
		{ucAt(2026, 11, 24, 20, 0), 0}, // the evening: nothing outside working hours
		{ucAt(2026, 11, 28, 11, 0), 0}, // Saturday
		{ucAt(2026, 11, 30, 11, 0), 1}, // Monday again
	} {
		if al, _ := e.d.Alerts(e.ctx, ucAgent2, tc.at, 3); al.Warn.Count != tc.want {
			t.Errorf("at %v: %d warnings; want %d", tc.at, al.Warn.Count, tc.want)
		}
	}
}

// The gsp preset walks seed 002's procedure: 三核实, passed to quality
// management within 2 working days, the handling department's report
// reviewed, the decision within 3 and the execution within 7 working days;
// an adverse reaction is flagged for the regulator, a confirmed defect for
// recall.
func TestScenarioGSPQualityComplaint(t *testing.T) {
	ctx := context.Background()
	db := testdb.Open(t)
	d, err := desk.Open(ctx, db, desk.Options{Preset: "gsp", By: "test"})
	if err != nil {
		t.Fatal(err)
	}
	now := ucAt(2026, 11, 23, 9, 30) // Monday
	d.Now = func() time.Time { return now }
	store1 := desk.Actor{Name: "门店小王", Role: "receiver"}
	qm := desk.Actor{Name: "质管张工", Role: "qm"}
	boss := desk.Actor{Name: "业务刘经理", Role: "business_manager"}
	reviewer := desk.Actor{Name: "质管部李经理", Role: "qm_manager"}
	if err := desktest.Hire(ctx, d, store1, qm, boss, reviewer); err != nil {
		t.Fatal(err)
	}
	c, _, err := d.Register(ctx, store1, desk.Registration{Channel: "phone", Nature: "adverse_reaction", Category: "adr",
		Name: "陈女士", Phone: "13812345678", Content: "服用阿莫西林胶囊后出现皮疹", Subject: "阿莫西林胶囊 批号 20260815"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(actions.Flags(c), "regulator_report") {
		t.Errorf("an adverse reaction is not flagged for the regulator: %v", actions.Flags(c))
	}
	apply := func(a desk.Actor, act desk.Action) *store.Case {
		t.Helper()
		now = now.Add(time.Hour)
		act.Number = c.Number
		got, err := d.Apply(ctx, a, act)
		if err != nil {
			t.Fatalf("%s as %s: %v", act.Name, a.Role, err)
		}
		return got
	}
	apply(store1, desk.Action{Name: "contact", ContactOutcome: "reached", Note: "已回电，请客户保留药品和包装"})
	// forwarding needs 三核实 first
	if _, err := d.Apply(ctx, store1, desk.Action{Number: c.Number, Name: "forward"}); err == nil || !strings.Contains(err.(*desk.ValidationError).Message("zh"), "三核实") {
		t.Fatalf("forward before verification: %v", err)
	}
	apply(store1, desk.Action{Name: "verify", ComplainantVerified: true, ItemVerified: true, ItemProduct: "阿莫西林胶囊 0.25g 批号20260815 有效期2028-07"})
	apply(store1, desk.Action{Name: "forward"})
	apply(qm, desk.Action{Name: "dispatch", Department: "质量管理部", Handler: "质管张工"})
	apply(qm, desk.Action{Name: "findings", Facts: "同批次留样检验不合格", Cause: "生产企业原料问题", Conclusion: "defect"})
	apply(qm, desk.Action{Name: "submit_report"})
	// the report is reviewed by someone other than who wrote it (5.5)
	got := apply(reviewer, desk.Action{Name: "accept_report"})
	if fl := actions.Flags(got); !slices.Contains(fl, "recall") || got.Department != "qm" {
		t.Errorf("after the report: flags %v department %q", fl, got.Department)
	}
	evs := func() []store.Event {
		_, e, _ := d.Case(ctx, desk.System, c.Number)
		return e
	}
	clocks := map[string]deadline.Clock{}
	for _, k := range d.Clocks(got, evs()) {
		clocks[k.ID] = k
	}
	if k := clocks["qm_forward"]; k.State != deadline.Met || !k.Due.Equal(ucEndOf(2026, 11, 25)) {
		t.Errorf("passed to QM: %v due %v; want met, due the end of 11-25", k.State, k.Due)
	}
	if k := clocks["decision"]; k.State != deadline.Running || !k.Due.Equal(ucEndOf(2026, 11, 26)) {
		t.Errorf("decision: %v due %v; want running, due the end of 11-26 (3 working days)", k.State, k.Due)
	}
	if k := clocks["execution"]; k.State != deadline.Running || !k.Due.Equal(ucEndOf(2026, 12, 2)) {
		t.Errorf("execution: %v due %v; want running, due the end of 12-02 (7 working days)", k.State, k.Due)
	}
	if _, err := d.Apply(ctx, qm, desk.Action{Number: c.Number, Name: "decide", Resolution: "召回", ResolutionType: "refund", Amount: "35"}); !errors.Is(err, policy.ErrRoleForbidden) {
		t.Errorf("a quality officer deciding: %v; want the role refused", err)
	}
	// an adverse reaction is decided once the manufacturer confirmed it (002 GSP 5.4)
	if _, err := d.Apply(ctx, boss, desk.Action{Number: c.Number, Name: "decide", Resolution: "退款", ResolutionType: "refund", Amount: "35"}); err == nil {
		t.Error("decided before the manufacturer's confirmation")
	}
	apply(qm, desk.Action{Name: "request_confirmation", Fields: map[string]string{"manufacturer": "某制药厂", "confirmation_requested_at": "2026-11-23"}})
	apply(qm, desk.Action{Name: "record_confirmation", Fields: map[string]string{"confirmation_received_at": "2026-11-23", "confirmation_conclusion": "confirmed"}})
	apply(boss, desk.Action{Name: "decide", Resolution: "退款并召回同批次", ResolutionType: "refund", Amount: "35"})
	apply(store1, desk.Action{Name: "carry_out", Note: "已退款，同批次已下架召回"})
	// the recall and the regulator report are done before the case closes (5.6)
	apply(qm, desk.Action{Name: "complete_recall", Fields: map[string]string{
		"recall_done_at": "2026-11-23", "recall_by": "质管张工", "recall_batch": "20260815", "recall_quantity": "120盒"}})
	apply(qm, desk.Action{Name: "file_regulator_report", Fields: map[string]string{
		"regulator_report_no": "ADR-2026-3301", "regulator_reported_at": "2026-11-23"}})
	got = apply(store1, desk.Action{Name: "close", Reply: "陈女士您好：经检验该批次不合格，已为您退款并召回同批次药品，不良反应已上报。"})
	if got.Status != "closed" {
		t.Fatalf("closed: %s", got.Status)
	}
	for _, k := range d.Clocks(got, evs()) {
		if k.State != deadline.Met {
			t.Errorf("clock %s: %v; want met", k.ID, k.State)
		}
	}
}
