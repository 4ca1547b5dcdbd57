package desk_test

// Scenario tests of the testing laboratory's procedure (seed 000, the
// "lab" policy preset) on a real database with the official calendar:
// the 10-day appeal window, the quality manager's override, the re-test
// of the blind-coded sample by two testers, the report kept or revoked
// with the signatory's approval, the urgent appeal's 3 working days
// across a make-up working day, the station's PINs, and what a tester sees.

import (
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
	"complaintdesk/store"
)

var (
	labReception = desk.Actor{Name: "王芳", Role: "lab-reception"}
	labQM        = desk.Actor{Name: "张敏", Role: "quality-manager"}
	labSignatory = desk.Actor{Name: "刘签", Role: "signatory"}
	labTester1   = desk.Actor{Name: "检测甲", Role: "tester"}
	labTester2   = desk.Actor{Name: "检测乙", Role: "tester"}
	labAdmin     = desk.Actor{Name: "admin", Role: "admin"}
)

// labOpen is a desk with the lab policy and its users.
func labOpen(t *testing.T, now time.Time) *ucEnv {
	t.Helper()
	ctx := context.Background()
	db := testdb.Open(t)
	d, err := desk.Open(ctx, db, desk.Options{Preset: "lab", By: "test"})
	if err != nil {
		t.Fatal(err)
	}
	e := &ucEnv{t: t, ctx: ctx, db: db, d: d, now: now}
	d.Now = func() time.Time { return e.now }
	for _, a := range []desk.Actor{labReception, labQM, labSignatory, labTester1, labTester2, labAdmin} {
		if err := d.AddUser(ctx, store.User{Name: a.Name, Role: a.Role, CreatedAt: now}); err != nil {
			t.Fatal(err)
		}
	}
	return e
}

// appeal is an appeal against report R2026-0101, received by the customer
// on reportDay.
func appeal(reportDay string, mod ...func(*desk.Registration)) desk.Registration {
	r := desk.Registration{
		Channel: "walk-in", Nature: "appeal", Category: "test-result",
		Name: "赵六", Phone: "13912345678", Org: "某某食品有限公司",
		Content: "对检测报告中铅含量超标的结论有异议",
		Fields: map[string]string{
			"report": "R2026-0101", "report_received": reportDay,
			"sample": "大米 S2026-0456", "grounds": "自检及第三方检测结果均合格，附检测报告两份",
		},
	}
	for _, m := range mod {
		m(&r)
	}
	return r
}

func TestLabAppealWindowDay9AcceptedDay11RefusedOrOverridden(t *testing.T) {
	// The customer received the report on Tuesday 2026-11-10: the window
	// ends at 24:00 on Friday 2026-11-20 (the day of receipt is not counted).
	e := labOpen(t, ucAt(2026, 11, 19, 10, 0)) // day 9
	in := e.register(labReception, appeal("2026-11-10"))
	if desk.LateClocks(in) != nil {
		t.Fatalf("a day-9 appeal is marked late: %v", in.Fields)
	}
	k := e.clocksOf(in.Number)["appeal_window"]
	if k.State != deadline.Met || !k.Due.Equal(ucEndOf(2026, 11, 20)) {
		t.Errorf("appeal window: %v due %v; want met, due 2026-11-20 24:00", k.State, k.Due)
	}
	if got := in.Fields["report_received"]; got != "2026-11-10T00:00:00+08:00" {
		t.Errorf("report_received stored as %q", got)
	}
	e.advance(time.Hour)
	acc := e.apply(labReception, desk.Action{Number: in.Number, Name: "acknowledge", ExpectedBy: ucAt(2026, 11, 30, 17, 0)})
	if acc.Status != "accepted" {
		t.Fatalf("day 9 not accepted: %s", acc.Status)
	}

	// Day 11 (Saturday 2026-11-21): filed, but late.
	e.now = ucAt(2026, 11, 21, 10, 0)
	late := e.register(labReception, appeal("2026-11-10"))
	if got := desk.LateClocks(late); !slices.Equal(got, []string{"appeal_window"}) {
		t.Fatalf("a day-11 appeal is not marked late: %v", late.Fields)
	}
	k = e.clocksOf(late.Number)["appeal_window"]
	if k.State != deadline.Breached {
		t.Errorf("appeal window of the late appeal: %v", k.State)
	}
	// The history says it was late.
	_, evs := e.load(late.Number)
	if evs[0].After["late"] != "appeal_window" || evs[0].After["report"] != "R2026-0101" {
		t.Errorf("the registration event lacks the report or the lateness: %v", evs[0].After)
	}
	ack := desk.Action{Number: late.Number, Name: "acknowledge", ExpectedBy: ucAt(2026, 12, 1, 17, 0)}
	e.refuse(labReception, ack, "申诉期限已超时")
	// The page says so before a form opens, in the same words.
	if err := e.d.Check(late, "acknowledge", labReception); err == nil || !strings.Contains(err.(*desk.ValidationError).Message("zh"), "逾期受理理由") ||
		!strings.Contains(err.(*desk.ValidationError).Message("zh"), "质量负责人") {
		t.Errorf("Check of a late acceptance: %v", err)
	}
	// The receptionist may not override; the quality manager must give a reason.
	if _, err := e.d.Apply(e.ctx, labReception, desk.Action{Number: late.Number, Name: "override", Fields: map[string]string{"override_reason": "x"}}); err == nil {
		t.Error("the receptionist overrode a late appeal")
	}
	e.refuse(labQM, desk.Action{Number: late.Number, Name: "override"}, "逾期受理理由")
	// Nor can the reason be slipped in through another action.
	e.refuse(labReception, desk.Action{Number: late.Number, Name: "note", Note: "补充", Fields: map[string]string{"override_reason": "自己批准"}}, "不记录")

	// Refused: a polite written explanation, not accepted.
	refused := e.register(labReception, appeal("2026-11-10"))
	e.advance(time.Hour)
	r := e.apply(labQM, desk.Action{Number: refused.Number, Name: "reject", Reason: "超过申诉期限（报告接收后十日）",
		Reply: "您好：按本站规定，对检测结果有异议应在接到报告后十日内提出，本申诉已逾期，不予受理。"})
	if r.Status != "rejected" {
		t.Errorf("refused: %s", r.Status)
	}

	// Accepted with the quality manager's override and reason.
	e.advance(time.Hour)
	ov := e.apply(labQM, desk.Action{Number: late.Number, Name: "override",
		Fields: map[string]string{"override_reason": "客户出差，报告由他人代收，确有正当理由"}})
	if ov.Status != "registered" || ov.Fields["override_reason"] == "" {
		t.Fatalf("override: %s %v", ov.Status, ov.Fields)
	}
	e.advance(time.Hour)
	if got := e.apply(labReception, ack); got.Status != "accepted" {
		t.Errorf("accepted after the override: %s", got.Status)
	}
	_, evs = e.load(late.Number)
	if a := eventActions(evs); !slices.Equal(a, []string{"register", "override", "acknowledge"}) {
		t.Errorf("history %v", a)
	}
	if evs[1].Actor != labQM.Name || evs[2].Actor != labReception.Name {
		t.Errorf("the events do not record who acted: %s, %s", evs[1].Actor, evs[2].Actor)
	}
}

func TestLabAppealNeedsTheReportAndItsDate(t *testing.T) {
	e := labOpen(t, ucAt(2026, 11, 19, 10, 0))
	_, _, err := e.d.Register(e.ctx, labReception, appeal("", func(r *desk.Registration) { delete(r.Fields, "report") }))
	var ve *desk.ValidationError
	if !errors.As(err, &ve) || ve.For("report") == nil || ve.For("report_received") == nil {
		t.Fatalf("an appeal without the report: %v", err)
	}
	if msg := ve.Message("zh"); !strings.Contains(msg, "检测报告编号") || !strings.Contains(msg, "报告接收日期") {
		t.Errorf("the refusal does not name the fields: %s", msg)
	}
	_, _, err = e.d.Register(e.ctx, labReception, appeal("2026-12-01"))
	if !errors.As(err, &ve) || ve.For("report_received") == nil {
		t.Errorf("a report received in the future: %v", err)
	}
	_, _, err = e.d.Register(e.ctx, labReception, appeal("10/11/2026"))
	if !errors.As(err, &ve) || !strings.Contains(ve.Message("zh"), "2026-11-10") {
		t.Errorf("a bad date: %v", err)
	}
	// The report is the appeal's subject: the queue's search finds it.
	in := e.register(labReception, appeal("2026-11-10"))
	if in.Subject != "R2026-0101" {
		t.Errorf("subject %q", in.Subject)
	}
	if found, err := desktest.List(e.d, e.ctx, store.Query{Search: "R2026-0101"}); err != nil || len(found) != 1 || found[0].Number != in.Number {
		t.Errorf("search by report number: %v %v", found, err)
	}
	// A general complaint about the service needs no report.
	c := e.register(labReception, desk.Registration{Channel: "phone", Nature: "complaint", Category: "service",
		Name: "孙七", Phone: "13700001111", Content: "取报告时窗口工作人员态度冷淡"})
	if c.Fields["report"] != "" || desk.LateClocks(c) != nil {
		t.Errorf("complaint: %v", c.Fields)
	}
	// A tester may not register.
	if _, _, err := e.d.Register(e.ctx, labTester1, appeal("2026-11-10")); !errors.As(err, new(*desk.ForbiddenError)) {
		t.Errorf("a tester registered: %v", err)
	}
	if n := e.count(); n != 2 {
		t.Errorf("%d cases written, want 2", n)
	}
}

// labToOpinionApproved walks an appeal through acceptance, review and the
// quality manager's approval of the preliminary opinion.
func labToOpinionApproved(e *ucEnv, r desk.Registration) *store.Case {
	e.t.Helper()
	c := e.register(labReception, r)
	step := func(a desk.Actor, act desk.Action) *store.Case {
		e.t.Helper()
		e.advance(30 * time.Minute)
		act.Number = c.Number
		return e.apply(a, act)
	}
	step(labReception, desk.Action{Name: "acknowledge", ExpectedBy: e.now.Add(10 * 24 * time.Hour)})
	step(labReception, desk.Action{Name: "investigate"})
	e.refuse(labReception, desk.Action{Number: c.Number, Name: "request_approval"}, "初步处理意见")
	step(labReception, desk.Action{Name: "request_approval", Fields: map[string]string{
		"review":              "原始记录、仪器校准和质控数据均已核查，未见异常",
		"preliminary_opinion": "建议用原样复检铅含量",
	}})
	// Only the quality manager approves.
	if _, err := e.d.Apply(e.ctx, labReception, desk.Action{Number: c.Number, Name: "approve"}); !errors.As(err, new(*desk.ForbiddenError)) {
		e.t.Fatalf("the receptionist approved: %v", err)
	}
	return step(labQM, desk.Action{Name: "approve", Note: "同意复检"})
}

func TestLabRetestKeepsTheReport(t *testing.T) {
	e := labOpen(t, ucAt(2026, 11, 16, 9, 0)) // Monday
	c := labToOpinionApproved(e, appeal("2026-11-12"))
	if c.Status != "opinion_approved" {
		t.Fatalf("status %s", c.Status)
	}
	e.advance(time.Hour)
	c = e.apply(labReception, desk.Action{Number: c.Number, Name: "retest", Fields: map[string]string{
		"blind_code": "MB-2026-117", "testers": "检测甲, 检测乙", "retest_items": "铅",
	}})
	if c.Status != "retesting" || c.Fields["retest_sample"] != "original" || c.Fields["testers"] != "检测甲,检测乙" {
		t.Fatalf("retest: %s %v", c.Status, c.Fields)
	}
	e.advance(24 * time.Hour)
	result := map[string]string{"retest_result": "铅 0.12 mg/kg（两人平行测定 0.12、0.12）", "retest_conclusion": "原检验结果正确"}
	c = e.apply(labTester1, desk.Action{Number: c.Number, Name: "record_retest", Fields: result})
	if c.Status != "retesting" || c.Fields["retest_conclusion"] != "confirmed" {
		t.Fatalf("record_retest by the first tester: %s %v; want still retesting until the second signs", c.Status, c.Fields)
	}
	// both testers sign (000 §2.2.4 "两人同时测试"): the second records the same
	e.advance(time.Minute)
	c = e.apply(labTester2, desk.Action{Number: c.Number, Name: "record_retest", Fields: result})
	if c.Status != "retested" || c.Fields["retest_conclusion"] != "confirmed" || c.Fields["record_retest_signed"] != "检测甲,检测乙" {
		t.Fatalf("record_retest by both: %s %v", c.Status, c.Fields)
	}
	// The signatory is told of the result; the tester cannot answer the customer.
	if _, err := e.d.Apply(e.ctx, labTester1, desk.Action{Number: c.Number, Name: "uphold"}); !errors.As(err, new(*desk.ForbiddenError)) {
		t.Errorf("a tester upheld: %v", err)
	}
	e.advance(time.Hour)
	c = e.apply(labQM, desk.Action{Number: c.Number, Name: "uphold", Resolution: "复检结果与原检验结果一致，维持原报告",
		Reply: "赵先生您好：经原样复检，铅含量检验结果与原报告一致，维持原报告 R2026-0101。"})
	if c.Status != "resolved" || c.Fields["report_status"] != "kept" || c.ResolvedAt.IsZero() {
		t.Fatalf("uphold: %s %v resolved %v", c.Status, c.Fields, c.ResolvedAt)
	}
	ks := e.clocksOf(c.Number)
	if k := ks["reply"]; k.State != deadline.Met {
		t.Errorf("written reply clock: %v", k.State)
	}
	e.advance(time.Hour)
	e.apply(labQM, desk.Action{Number: c.Number, Name: "close"})
	e.advance(24 * time.Hour)
	c = e.apply(labReception, desk.Action{Number: c.Number, Name: "revisit", Satisfaction: 4, Note: "客户认可复检结果"})
	if c.Status != "revisited" {
		t.Errorf("feedback: %s", c.Status)
	}
}

func TestLabRetestRevokesTheReportWithTheSignatory(t *testing.T) {
	e := labOpen(t, ucAt(2026, 11, 16, 9, 0))
	c := labToOpinionApproved(e, appeal("2026-11-12"))
	e.advance(time.Hour)
	e.apply(labQM, desk.Action{Number: c.Number, Name: "retest", Fields: map[string]string{"blind_code": "MB-2026-118", "testers": "检测甲,检测乙"}})
	e.advance(24 * time.Hour)
	wrong := map[string]string{"retest_result": "铅 0.08 mg/kg，原报告 0.28 mg/kg 系计算错误", "retest_conclusion": "wrong"}
	e.apply(labTester2, desk.Action{Number: c.Number, Name: "record_retest", Fields: wrong})
	e.advance(time.Minute)
	e.apply(labTester1, desk.Action{Number: c.Number, Name: "record_retest", Fields: wrong})
	// The quality manager may not revoke: the authorised signatory approves.
	rv := desk.Action{Number: c.Number, Name: "revoke", Fields: map[string]string{"corrected_report": "R2026-0101-G1"}}
	if _, err := e.d.Apply(e.ctx, labQM, rv); !errors.As(err, new(*desk.ForbiddenError)) || !strings.Contains(err.(*desk.ForbiddenError).Message("zh"), "授权签字人") {
		t.Errorf("the quality manager revoked: %v", err)
	}
	e.refuse(labSignatory, desk.Action{Number: c.Number, Name: "revoke"}, "更正报告编号")
	e.advance(time.Hour)
	c = e.apply(labSignatory, rv)
	if c.Status != "revised" || c.Fields["report_status"] != "revoked" || c.Fields["revoked_report"] != "R2026-0101" ||
		c.Fields["corrected_report"] != "R2026-0101-G1" || c.Fields["change_mark"] != "更改(g)" {
		t.Fatalf("revoke: %s %v", c.Status, c.Fields)
	}
	_, evs := e.load(c.Number)
	last := evs[len(evs)-1]
	if last.Actor != labSignatory.Name || last.After["report_status"] != "revoked" {
		t.Errorf("the revocation event: %+v", last)
	}
	e.advance(time.Hour)
	c = e.apply(labQM, desk.Action{Number: c.Number, Name: "resolve", Category: "test-result",
		Resolution: "原报告 R2026-0101 作废，出具更正报告 R2026-0101-G1（加盖更改标识）",
		Reply:      "赵先生您好：经复检，原报告铅含量结果有误，已收回作废，现出具更正报告。"})
	if c.Status != "resolved" || c.Resolution == "" {
		t.Fatalf("resolve: %s", c.Status)
	}
	// Compensation negotiated with the customer (000 §6).
	e.refuse(labQM, desk.Action{Number: c.Number, Name: "compensate", Amount: "800"}, "客户意见")
	e.advance(time.Hour)
	c = e.apply(labQM, desk.Action{Number: c.Number, Name: "compensate", Amount: "800", Agreement: "agreed", Note: "退还检测费 800 元"})
	if c.Fields["resolution_type"] != "compensation" || c.Fields["amount"] != "800.00" {
		t.Errorf("compensation: %v", c.Fields)
	}
	// Dissatisfied feedback: investigated again.
	e.advance(time.Hour)
	e.apply(labQM, desk.Action{Number: c.Number, Name: "close"})
	e.advance(24 * time.Hour)
	c = e.apply(labReception, desk.Action{Number: c.Number, Name: "revisit", Satisfaction: 2, Note: "认为更正太慢"})
	if c.Status != "reviewing" || c.ReopenCount != 1 {
		t.Errorf("dissatisfied feedback: %s reopened %d", c.Status, c.ReopenCount)
	}
}

func TestLabResamplingInsteadOfTheOriginalSample(t *testing.T) {
	e := labOpen(t, ucAt(2026, 11, 16, 9, 0))
	c := labToOpinionApproved(e, appeal("2026-11-12", func(r *desk.Registration) { r.Category = "transport" }))
	e.refuse(labQM, desk.Action{Number: c.Number, Name: "resample", Fields: map[string]string{"blind_code": "MB-9", "testers": "检测甲,检测乙"}}, "重新采样原因")
	c = e.apply(labQM, desk.Action{Number: c.Number, Name: "resample", Fields: map[string]string{
		"resample_reason": "运输途中冷链中断，原样已变质", "blind_code": "MB-9", "testers": "检测甲,检测乙"}})
	if c.Status != "retesting" || c.Fields["retest_sample"] != "resampled" {
		t.Errorf("resample: %s %v", c.Status, c.Fields)
	}
}

func TestLabRetestNeedsTwoDifferentTesters(t *testing.T) {
	e := labOpen(t, ucAt(2026, 11, 16, 9, 0))
	c := labToOpinionApproved(e, appeal("2026-11-12"))
	for _, bad := range []struct{ testers, want string }{
		{"", "复检人员"},
		{"检测甲", "需要 2 位不同的人"},
		{"检测甲,检测甲", "须为不同的人"},
		{"检测甲,张敏", "张敏 的角色是 quality-manager"},
		{"检测甲,路人", "路人 不是本台的用户"},
	} {
		f := map[string]string{"blind_code": "MB-1"}
		if bad.testers != "" {
			f["testers"] = bad.testers
		}
		e.refuse(labQM, desk.Action{Number: c.Number, Name: "retest", Fields: f}, bad.want)
	}
	got := e.apply(labQM, desk.Action{Number: c.Number, Name: "retest", Fields: map[string]string{"blind_code": "MB-1", "testers": "检测乙、检测甲"}})
	if got.Fields["testers"] != "检测乙,检测甲" {
		t.Errorf("testers %q", got.Fields["testers"])
	}
}

func TestLabUrgentAppealAcrossAMakeupWorkday(t *testing.T) {
	// Friday 2026-10-09, after the National Day holiday (10-01..10-07);
	// Saturday 10-10 is a make-up working day (调休上班). Three working
	// days: Sat 10-10, Mon 10-12, Tue 10-13 -> due at 24:00 on 10-13, not
	// on Wednesday 10-14 as a Mon-Fri count would say.
	e := labOpen(t, ucAt(2026, 10, 9, 10, 0))
	c := e.register(labReception, appeal("2026-10-08", func(r *desk.Registration) { r.Grade = "A"; r.GradeReason = "客户产品待出口，急需结论" }))
	e.advance(30 * time.Minute)
	e.apply(labReception, desk.Action{Number: c.Number, Name: "acknowledge", ExpectedBy: ucAt(2026, 10, 13, 17, 0)})
	ks := e.clocksOf(c.Number)
	k, ok := ks["urgent_reply"]
	if !ok || k.State != deadline.Running || !k.Due.Equal(ucEndOf(2026, 10, 13)) {
		t.Fatalf("urgent reply: %+v; want running, due 2026-10-13 24:00", k)
	}
	if _, ok := ks["reply"]; ok {
		t.Error("an urgent appeal also has the ordinary reply clock")
	}
	// Live: on Monday evening a day is left; on Wednesday it is breached.
	e.now = ucAt(2026, 10, 12, 20, 0)
	if k := e.clocksOf(c.Number)["urgent_reply"]; k.StateAt(e.now) != deadline.Running || k.Margin(e.now) != 28*time.Hour {
		t.Errorf("Monday 20:00: %v, %v left", k.StateAt(e.now), k.Margin(e.now))
	}
	e.now = ucAt(2026, 10, 14, 9, 0)
	if k := e.clocksOf(c.Number)["urgent_reply"]; k.StateAt(e.now) != deadline.Breached {
		t.Errorf("Wednesday: %v", k.StateAt(e.now))
	}
	// An ordinary appeal accepted the same day: 10 working days.
	e.now = ucAt(2026, 10, 9, 11, 0)
	o := e.register(labReception, appeal("2026-10-08"))
	e.advance(time.Minute)
	e.apply(labReception, desk.Action{Number: o.Number, Name: "acknowledge", ExpectedBy: ucAt(2026, 10, 23, 17, 0)})
	if k := e.clocksOf(o.Number)["reply"]; !k.Due.Equal(ucEndOf(2026, 10, 22)) {
		t.Errorf("ordinary reply due %v; want 2026-10-22 24:00", k.Due)
	}
}

func TestLabNoticesTellTheQualityManager(t *testing.T) {
	e := labOpen(t, ucAt(2026, 11, 19, 10, 0))
	c := e.register(labReception, appeal("2026-11-10"))
	e.advance(time.Minute)
	e.apply(labReception, desk.Action{Number: c.Number, Name: "acknowledge", ExpectedBy: ucAt(2026, 11, 30, 17, 0)})
	al, err := e.d.Alerts(e.ctx, labQM, e.now, 3)
	if err != nil {
		t.Fatal(err)
	}
	if al.Notices.Count != 2 || al.Notices.Notices[0].Action != "acknowledge" || al.Notices.Notices[0].Number != c.Number ||
		al.Notices.Notices[0].Actor != labReception.Name {
		t.Fatalf("the quality manager's notices: %+v", al.Notices)
	}
	// The receptionist is not told of their own work.
	if al, _ := e.d.Alerts(e.ctx, labReception, e.now, 3); al.Notices.Count != 0 {
		t.Errorf("the receptionist has notices: %+v", al.Notices)
	}
	// Opening the case reads them.
	if err := e.d.ReadNotices(e.ctx, labQM, c.ID); err != nil {
		t.Fatal(err)
	}
	if al, _ := e.d.Alerts(e.ctx, labQM, e.now, 3); al.Notices.Count != 0 {
		t.Errorf("notices after reading: %+v", al.Notices)
	}
}

func TestLabTesterSeesOnlyTheBlindCode(t *testing.T) {
	e := labOpen(t, ucAt(2026, 11, 16, 9, 0))
	c := labToOpinionApproved(e, appeal("2026-11-12"))
	e.apply(labQM, desk.Action{Number: c.Number, Name: "retest", Fields: map[string]string{"blind_code": "MB-2026-120", "testers": "检测甲,检测乙", "retest_items": "铅"}})
	got, evs, err := e.d.Case(e.ctx, labTester1, c.Number)
	if err != nil {
		t.Fatal(err)
	}
	if got.Fields["blind_code"] != "MB-2026-120" || got.Fields["retest_items"] != "铅" {
		t.Errorf("the tester does not see the blind code: %v", got.Fields)
	}
	for _, k := range []string{"report", "report_received", "sample", "grounds"} {
		if got.Fields[k] != "" {
			t.Errorf("the tester sees %s: %q", k, got.Fields[k])
		}
	}
	who := got.Primary()
	if who.Name != "" || who.Phone != "" || who.Org != "" || strings.Contains(got.Content, "铅含量") {
		t.Errorf("the tester sees the customer: %+v %q", who, got.Content)
	}
	for _, ev := range evs {
		for _, m := range []map[string]string{ev.Before, ev.After} {
			for k, v := range m {
				if strings.Contains(v, "R2026-0101") || strings.Contains(v, "赵六") || k == "grounds" {
					t.Errorf("the tester's history shows %s=%q (%s)", k, v, ev.Action)
				}
			}
		}
		if ev.Reason != "" || ev.Note != "" {
			t.Errorf("the tester's history shows notes: %q %q", ev.Reason, ev.Note)
		}
	}
	// The quality manager sees everything; the stored case is unchanged.
	full, _, _ := e.d.Case(e.ctx, labQM, c.Number)
	if full.Fields["report"] != "R2026-0101" || full.Primary().Name != "赵六" {
		t.Errorf("the quality manager's view: %v", full.Fields)
	}
	// Found by the blind code.
	if cs, err := e.d.FindByField(e.ctx, labQM, "blind_code", "MB-2026-120", 5); err != nil || len(cs) != 1 || cs[0].Number != c.Number {
		t.Errorf("by blind code: %v %v", cs, err)
	}
}

func TestStationPINs(t *testing.T) {
	e := labOpen(t, ucAt(2026, 11, 19, 10, 0))
	if err := e.d.SetPIN(e.ctx, labReception, labQM.Name, "2468"); !errors.As(err, new(*desk.ForbiddenError)) {
		t.Errorf("the receptionist set the QM's PIN: %v", err)
	}
	for _, bad := range []string{"12", "1111", "ab\x1b[2J"} {
		if err := e.d.SetPIN(e.ctx, labAdmin, labQM.Name, bad); err == nil {
			t.Errorf("PIN %q accepted", bad)
		}
	}
	if err := e.d.SetPIN(e.ctx, labAdmin, labQM.Name, "2468"); err != nil {
		t.Fatal(err)
	}
	if err := e.d.SetPIN(e.ctx, labSignatory, labSignatory.Name, "质量第一"); err != nil {
		t.Fatal(err)
	}
	// Only a salted hash is kept.
	e.db.Read(e.ctx, func(tx store.Tx) error {
		p, err := tx.PIN(labQM.Name)
		if err != nil || !strings.HasPrefix(p.Hash, "$2") || strings.Contains(p.Hash, "2468") {
			t.Errorf("stored PIN: %+v %v", p, err)
		}
		return nil
	})
	users, _ := e.d.StationUsers(e.ctx)
	if len(users) != 2 {
		t.Errorf("station users %v", users)
	}
	a, err := e.d.SwitchTo(e.ctx, labReception, labQM.Name, "2468")
	if err != nil || a != labQM {
		t.Fatalf("switch to the QM: %v %v", a, err)
	}
	if _, err := e.d.SwitchTo(e.ctx, labQM, labSignatory.Name, "2468"); err == nil {
		t.Error("a wrong PIN switched")
	}
	if _, err := e.d.SwitchTo(e.ctx, labQM, "nobody", "2468"); err == nil {
		t.Error("an unknown user switched")
	}
	// Five wrong in a row lock the user out, even with the right PIN.
	for range 5 {
		e.d.SwitchTo(e.ctx, labReception, labQM.Name, "0000")
	}
	if _, err := e.d.SwitchTo(e.ctx, labReception, labQM.Name, "2468"); err == nil || !strings.Contains(err.(*desk.ValidationError).Message("zh"), "锁定") {
		t.Errorf("after five wrong PINs: %v", err)
	}
	e.advance(16 * time.Minute) // the lockout lasts a quarter of an hour
	if _, err := e.d.SwitchTo(e.ctx, labReception, labQM.Name, "2468"); err != nil {
		t.Errorf("after the lockout: %v", err)
	}
	log, err := e.d.StationLog(e.ctx, labQM, 50)
	if err != nil || len(log) != 10 || !log[0].OK || log[1].Why != "locked" {
		t.Errorf("station log: %v %+v", err, log)
	}
	for _, s := range log {
		if strings.Contains(s.Why, "2468") || strings.Contains(s.Why, "0000") {
			t.Errorf("the log holds a PIN: %+v", s)
		}
	}
}
