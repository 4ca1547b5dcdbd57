package desk_test

// The laboratory's rules (seed 000 §2.2, issue 12): the two testers
// co-sign the re-test, the outcome follows the re-test unless the quality
// manager overrides it with a reason, blind codes give nothing away, and a
// tester sees only the re-tests naming them.

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/policy"
	"complaintdesk/store"
)

var labTester3 = desk.Actor{Name: "检测丙", Role: "tester"}

// labRetesting walks an appeal to the re-test by the testers with the code
// ("" lets the desk make one).
func labRetesting(e *ucEnv, r desk.Registration, testers, code string) *store.Case {
	e.t.Helper()
	c := labToOpinionApproved(e, r)
	f := map[string]string{"testers": testers, "retest_items": "铅"}
	if code != "" {
		f["blind_code"] = code
	}
	e.advance(time.Hour)
	return e.apply(labQM, desk.Action{Number: c.Number, Name: "retest", Fields: f})
}

func labResult(conclusion string) map[string]string {
	return map[string]string{"retest_result": "铅 0.12 mg/kg（两人平行测定）", "retest_conclusion": conclusion}
}

// Both testers sign the re-test (000 §2.2.4 "两人同时测试"): the first
// records, the second confirms by recording the same; the outcome waits
// for both; a tester signs once; nobody else signs.
func TestLabBothTestersSignTheRetest(t *testing.T) {
	e := labOpen(t, ucAt(2026, 11, 16, 9, 0))
	e.hire(labTester3)
	c := labRetesting(e, appeal("2026-11-12"), "检测甲,检测乙", "MB-2026-201")
	n := c.Number
	e.advance(24 * time.Hour)
	e.refuseSays(labQM, desk.Action{Number: n, Name: "record_retest", Fields: labResult("confirmed")}, "不能记录复检结果", "may not record_retest")
	// a tester the re-test does not name does not even see it
	if _, err := e.d.Apply(e.ctx, labTester3, desk.Action{Number: n, Name: "record_retest", Fields: labResult("confirmed")}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a tester not named recorded: %v; want no such case", err)
	}
	got := e.apply(labTester1, desk.Action{Number: n, Name: "record_retest", Fields: labResult("confirmed")})
	if got.Status != "retesting" || got.Fields["record_retest_signed"] != "检测甲" {
		t.Fatalf("after the first tester: %s %v", got.Status, got.Fields)
	}
	e.refuseSays(labTester1, desk.Action{Number: n, Name: "record_retest", Fields: labResult("confirmed")}, "须由另一位复检人员", "another of the")
	// the outcome waits for the second signature
	e.refuse(labQM, desk.Action{Number: n, Name: "uphold", Resolution: "维持原报告", Reply: "维持原报告。"}, "复检中")
	e.refuse(labSignatory, desk.Action{Number: n, Name: "revoke", Fields: map[string]string{"corrected_report": "R2026-0101-G1"}}, "复检中")
	e.advance(time.Minute)
	got = e.apply(labTester2, desk.Action{Number: n, Name: "record_retest", Fields: labResult("confirmed")})
	if got.Status != "retested" || got.Fields["record_retest_signed"] != "检测甲,检测乙" {
		t.Fatalf("after both: %s %v", got.Status, got.Fields)
	}
	_, evs := e.load(n)
	var signers []string
	for _, ev := range evs {
		if ev.Action == "record_retest" {
			signers = append(signers, ev.Actor)
		}
	}
	if strings.Join(signers, ",") != "检测甲,检测乙" {
		t.Errorf("the history's signatures %v", signers)
	}
}

// Different results go back to the quality manager (retest_mismatch), who
// arranges the re-test again.
func TestLabRetestMismatchGoesBackToTheQualityManager(t *testing.T) {
	e := labOpen(t, ucAt(2026, 11, 16, 9, 0))
	n := labRetesting(e, appeal("2026-11-12"), "检测甲,检测乙", "MB-2026-202").Number
	e.advance(24 * time.Hour)
	e.apply(labTester1, desk.Action{Number: n, Name: "record_retest", Fields: labResult("confirmed")})
	e.advance(time.Minute)
	got := e.apply(labTester2, desk.Action{Number: n, Name: "record_retest", Fields: labResult("wrong")})
	if got.Status != "retest_mismatch" || got.Fields["record_retest_signed"] != "" {
		t.Fatalf("different results: %s %v; want retest_mismatch with the signatures cleared", got.Status, got.Fields)
	}
	_, evs := e.load(n)
	if ev := evs[len(evs)-1]; ev.After["cosign_mismatch"] != "retest_conclusion" || ev.After["status"] != "retest_mismatch" {
		t.Errorf("the mismatch's event %+v", ev.After)
	}
	e.refuse(labQM, desk.Action{Number: n, Name: "uphold", Resolution: "维持原报告", Reply: "维持原报告。"}, "复检结果不一致")
	e.advance(time.Hour)
	if got := e.apply(labQM, desk.Action{Number: n, Name: "retest", Fields: map[string]string{"blind_code": "MB-2026-202", "testers": "检测甲,检测乙"}}); got.Status != "retesting" {
		t.Fatalf("re-test again: %s", got.Status)
	}
	e.advance(24 * time.Hour)
	e.apply(labTester2, desk.Action{Number: n, Name: "record_retest", Fields: labResult("wrong")})
	if got := e.apply(labTester1, desk.Action{Number: n, Name: "record_retest", Fields: labResult("wrong")}); got.Status != "retested" {
		t.Errorf("agreeing at last: %s", got.Status)
	}
}

// The report is kept only after the re-test confirmed it and revoked only
// after it found it wrong (000 §2.2.5), unless the quality manager allows
// otherwise with a reason, in the history.
func TestLabOutcomeFollowsTheRetestUnlessTheQualityManagerOverrides(t *testing.T) {
	e := labOpen(t, ucAt(2026, 11, 16, 9, 0))
	signed := func(code, conclusion string) string {
		t.Helper()
		n := labRetesting(e, appeal("2026-11-12"), "检测甲,检测乙", code).Number
		e.advance(time.Hour)
		e.apply(labTester1, desk.Action{Number: n, Name: "record_retest", Fields: labResult(conclusion)})
		e.apply(labTester2, desk.Action{Number: n, Name: "record_retest", Fields: labResult(conclusion)})
		return n
	}
	uphold := func(n string) desk.Action {
		return desk.Action{Number: n, Name: "uphold", Resolution: "维持原报告", Reply: "经复检，维持原报告。"}
	}
	revoke := func(n string) desk.Action {
		return desk.Action{Number: n, Name: "revoke", Fields: map[string]string{"corrected_report": "R2026-0101-G1"}}
	}

	wrong := signed("MB-2026-301", "wrong")
	e.refuseSays(labQM, uphold(wrong), "复检确认原检验结果正确后才能维持原报告", "the report is kept only after the re-test confirmed")
	if got := e.apply(labSignatory, revoke(wrong)); got.Fields["report_status"] != "revoked" {
		t.Errorf("revoked after wrong: %v", got.Fields)
	}

	confirmed := signed("MB-2026-302", "confirmed")
	e.refuseSays(labSignatory, revoke(confirmed), "复检证实原检验结果有误后才能作废原报告", "the report is revoked only after the re-test found")
	// the override is the quality manager's, with a reason
	err := e.refuse(labReception, desk.Action{Number: confirmed, Name: "override_outcome", Fields: map[string]string{"outcome_override": "客户坚持"}}, "质量负责人")
	if !errors.Is(err, policy.ErrRoleForbidden) {
		t.Errorf("the receptionist's override: %v", err)
	}
	e.refuse(labQM, desk.Action{Number: confirmed, Name: "override_outcome"}, "不按复检结论处理的理由")
	e.advance(time.Hour)
	got := e.apply(labQM, desk.Action{Number: confirmed, Name: "override_outcome",
		Fields: map[string]string{"outcome_override": "原始记录发现抄录错误，复检样品已变质，按原始数据更正"}})
	if got.Status != "retested" || got.Fields["outcome_override"] == "" {
		t.Fatalf("override: %s %v", got.Status, got.Fields)
	}
	got = e.apply(labSignatory, revoke(confirmed))
	if got.Fields["report_status"] != "revoked" {
		t.Errorf("revoked after the override: %v", got.Fields)
	}
	_, evs := e.load(confirmed)
	found := false
	for _, ev := range evs {
		if ev.Action == "override_outcome" && ev.Actor == labQM.Name && strings.Contains(ev.After["outcome_override"], "抄录错误") {
			found = true
		}
	}
	if !found {
		t.Errorf("the override is not in the history: %v", eventActions(evs))
	}
}

var blindCodeRE = regexp.MustCompile(`^MB-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$`)

// A blind code (000 §2.2.2) is unique in the desk and gives nothing away:
// never the sample's number, the report's or the case's, nor containing
// them; the desk makes one when none is given.
func TestLabBlindCodesAreUniqueAndRevealNothing(t *testing.T) {
	e := labOpen(t, ucAt(2026, 11, 16, 9, 0))
	c := labToOpinionApproved(e, appeal("2026-11-12")) // sample "大米 S2026-0456", report R2026-0101
	retest := func(code string) desk.Action {
		return desk.Action{Number: c.Number, Name: "retest", Fields: map[string]string{"blind_code": code, "testers": "检测甲,检测乙"}}
	}
	for _, tc := range []struct{ code, zh, en string }{
		{"S2026-0456", "不能与", "may not equal or contain"},
		{"MB-s20260456", "S2026-0456", "S2026-0456"},
		{"X-R2026-0101-1", "R2026-0101", "R2026-0101"},
		{"MB-" + c.Number, c.Number, c.Number},
	} {
		e.refuseSays(labQM, retest(tc.code), tc.zh, tc.en)
	}
	e.advance(time.Hour)
	got := e.apply(labQM, desk.Action{Number: c.Number, Name: "retest", Fields: map[string]string{"testers": "检测甲,检测乙"}})
	code := got.Fields["blind_code"]
	if !blindCodeRE.MatchString(code) {
		t.Fatalf("the desk's code %q; want MB-XXXX-XXXX", code)
	}
	// another appeal may not reuse it
	other := labToOpinionApproved(e, appeal("2026-11-12", func(r *desk.Registration) { r.Fields["sample"] = "面粉 S2026-0777" }))
	e.refuseSays(labQM, desk.Action{Number: other.Number, Name: "retest", Fields: map[string]string{"blind_code": code, "testers": "检测甲,检测乙"}},
		"已用于 "+c.Number, "already used by "+c.Number)
	e.advance(time.Hour)
	if got := e.apply(labQM, desk.Action{Number: other.Number, Name: "retest", Fields: map[string]string{"testers": "检测甲,检测乙"}}); got.Fields["blind_code"] == code || !blindCodeRE.MatchString(got.Fields["blind_code"]) {
		t.Errorf("the second code %q (the first %q)", got.Fields["blind_code"], code)
	}
}

// A tester sees, finds and opens only the re-tests naming them, and a
// search matches only what they may see: never the customer's name or
// phone, the report, the sample's number or the grade's reason.
func TestLabTesterSeesAndFindsOnlyTheirRetests(t *testing.T) {
	e := labOpen(t, ucAt(2026, 11, 16, 9, 0))
	e.hire(labTester3)
	urgent := func(r *desk.Registration) { r.Grade, r.GradeReason = "A", "客户需投标，紧急" }
	mine := labRetesting(e, appeal("2026-11-12", urgent), "检测甲,检测乙", "MB-2026-401")
	theirs := labRetesting(e, appeal("2026-11-12", func(r *desk.Registration) { r.Fields["sample"] = "面粉 S2026-0777" }), "检测乙,检测丙", "MB-2026-402")
	waiting := e.register(labReception, appeal("2026-11-12")) // no re-test yet

	list := func(search string) []string {
		t.Helper()
		page, err := e.d.Queue(e.ctx, labTester1, store.Query{Search: search, Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, c := range page.Cases {
			out = append(out, c.Number)
		}
		return out
	}
	if got := list(""); len(got) != 1 || got[0] != mine.Number {
		t.Errorf("检测甲's queue %v; want only %s", got, mine.Number)
	}
	if got := list("MB-2026-401"); len(got) != 1 {
		t.Errorf("search by the blind code: %v", got)
	}
	for _, leak := range []string{"赵六", "13912345678", "5678", "R2026-0101", "S2026-0456", "0456", "大米", "某某食品", "投标", "第三方检测", "MB-2026-402"} {
		if got := list(leak); len(got) != 0 {
			t.Errorf("检测甲 found %v by %q", got, leak)
		}
	}
	counts, err := e.d.TabCounts(e.ctx, labTester1, []store.Tab{store.TabAll}, e.now, 0)
	if err != nil || counts[0] != 1 {
		t.Errorf("检测甲's count: %v %v", counts, err)
	}
	for _, n := range []string{theirs.Number, waiting.Number} {
		if _, _, err := e.d.Case(e.ctx, labTester1, n); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("检测甲 opened %s: %v", n, err)
		}
	}
	// a look-up by a field the tester may not see is refused
	if cs, err := e.d.FindByField(e.ctx, labTester1, "report", "R2026-0101", 10); err == nil || len(cs) != 0 {
		t.Errorf("检测甲 found by report: %d cases, %v", len(cs), err)
	}
	if cs, err := e.d.FindByField(e.ctx, labTester1, "blind_code", "MB-2026-402", 10); err != nil || len(cs) != 0 {
		t.Errorf("检测甲 found another's re-test by its blind code: %d cases, %v", len(cs), err)
	}
	got, _, err := e.d.Case(e.ctx, labTester1, mine.Number)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(got.GradeReason, "投标") || got.Fields["blind_code"] != "MB-2026-401" {
		t.Errorf("检测甲 sees the grade reason %q / blind code %q", got.GradeReason, got.Fields["blind_code"])
	}
	// the tester named on both sees both
	page, err := e.d.Queue(e.ctx, labTester2, store.Query{Limit: 50})
	if err != nil || page.Total != 2 {
		t.Errorf("检测乙's queue: %d cases, %v; want 2", page.Total, err)
	}
}

// A grade change by a role without the right to change grades is a
// request (lab: the receptionist marking an appeal urgent); the quality
// manager decides it and the urgent clock starts then.
func TestLabGradeChangeByReceptionIsARequest(t *testing.T) {
	e := labOpen(t, ucAt(2026, 11, 16, 9, 0))
	c := e.register(labReception, appeal("2026-11-12"))
	e.advance(time.Hour)
	got := e.apply(labReception, desk.Action{Number: c.Number, Name: "grade", Grade: "A", Reason: "客户需投标，紧急"})
	if got.Grade != "C" || got.Fields["grade_requested"] != "A" {
		t.Fatalf("the receptionist's raise: grade %s %v; want a request", got.Grade, got.Fields)
	}
	e.refuse(labReception, desk.Action{Number: c.Number, Name: "approve_grade"}, "质量负责人")
	got = e.apply(labQM, desk.Action{Number: c.Number, Name: "approve_grade"})
	if got.Grade != "A" {
		t.Errorf("approved: grade %s", got.Grade)
	}
}
