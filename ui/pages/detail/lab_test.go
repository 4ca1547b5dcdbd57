package detail

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"complaintdesk/internal/desk"
	"complaintdesk/store"
	"complaintdesk/store/sqlite"
	"complaintdesk/ui/common"
	"complaintdesk/ui/styles"
)

var (
	labRecept  = desk.Actor{Name: "王芳", Role: "lab-reception"}
	labQM      = desk.Actor{Name: "张敏", Role: "quality-manager"}
	labSign    = desk.Actor{Name: "刘签", Role: "signatory"}
	labTester  = desk.Actor{Name: "检测甲", Role: "tester"}
	labTester2 = desk.Actor{Name: "检测乙", Role: "tester"}
)

// labEnv is a lab desk with an appeal received reportAgo days after the
// customer got the report, walked by walk, and its page opened as actor.
func labEnv(t *testing.T, actor desk.Actor, reportAgo int, walk func(d *desk.Desk, number string)) (*env, *store.Case) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "lab.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	d, err := desk.Open(ctx, db, desk.Options{Preset: "lab"})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []desk.Actor{labRecept, labQM, labSign, labTester, labTester2} {
		if err := d.AddUser(ctx, store.User{Name: a.Name, Role: a.Role}); err != nil {
			t.Fatal(err)
		}
	}
	received := time.Now().AddDate(0, 0, -reportAgo).In(d.Location()).Format("2006-01-02")
	cs, _, err := d.Register(ctx, labRecept, desk.Registration{Channel: "walk-in", Nature: "appeal", Category: "test-result",
		Name: "赵六", Phone: "13912345678", Org: "某某食品有限公司", Content: "对检测报告中铅含量超标的结论有异议",
		Fields: map[string]string{"report": "R2026-0101", "report_received": received, "sample": "大米 S2026-0456", "grounds": "第三方检测合格"}})
	if err != nil {
		t.Fatal(err)
	}
	if walk != nil {
		walk(d, cs.Number)
	}
	c := &common.Common{Ctx: ctx, Desk: d, Actor: actor, Lang: "zh", Styles: styles.New(true, false), Width: 120, Height: 40, Now: time.Now()}
	e := &env{t: t, ctx: ctx, d: d, actor: actor, c: c}
	e.m = New(c, cs.Number)
	e.m.SetSize(c.Width, c.Height)
	e.run(e.m.Init())
	return e, cs
}

func step(t *testing.T, d *desk.Desk, a desk.Actor, act desk.Action) {
	t.Helper()
	if _, err := d.Apply(context.Background(), a, act); err != nil {
		t.Fatalf("%s: %v", act.Name, err)
	}
}

// toApproved walks the appeal to the approved preliminary opinion.
func toApproved(t *testing.T) func(d *desk.Desk, n string) {
	return func(d *desk.Desk, n string) {
		step(t, d, labRecept, desk.Action{Number: n, Name: "acknowledge", ExpectedBy: time.Now().Add(7 * 24 * time.Hour)})
		step(t, d, labRecept, desk.Action{Number: n, Name: "investigate"})
		step(t, d, labRecept, desk.Action{Number: n, Name: "request_approval", Fields: map[string]string{"preliminary_opinion": "建议原样复检"}})
		step(t, d, labQM, desk.Action{Number: n, Name: "approve"})
	}
}

func TestLabRetestByThePolicysKeysAndFields(t *testing.T) {
	e, cs := labEnv(t, labQM, 3, toApproved(t))
	v := e.view()
	for _, want := range []string{"[意见已批]", "检测报告编号 R2026-0101", "T 安排复检（原样）", "S 重新采样复检", "K 维持原报告并答复", "初步处理意见", "建议原样复检"} {
		if !strings.Contains(v, want) {
			t.Errorf("the page lacks %q:\n%s", want, v)
		}
	}
	e.press("T")
	v = e.view()
	if !e.m.Capturing() || !strings.Contains(v, "安排复检（原样）") || !strings.Contains(v, "样品密码编号 *") || !strings.Contains(v, "复检人员（两人） *") {
		t.Fatalf("the re-test form:\n%s", v)
	}
	e.typeText("MB-2026-300")
	e.key(tab)
	e.key(tab)
	e.typeText("检测甲")
	e.key(ctrlS)
	if v := e.view(); !e.m.Capturing() || !strings.Contains(v, "需要 2 位不同的人") {
		t.Fatalf("one tester accepted:\n%s", v)
	}
	e.typeText(",检测乙")
	e.key(ctrlS)
	if e.m.Capturing() {
		t.Fatalf("the form stayed open:\n%s", e.view())
	}
	got, _, _ := e.d.Case(e.ctx, desk.System, cs.Number)
	if got.Status != "retesting" || got.Fields["blind_code"] != "MB-2026-300" || got.Fields["testers"] != "检测甲,检测乙" {
		t.Errorf("after the form: %s %v", got.Status, got.Fields)
	}
	e.fits(120, 40)
}

func TestLabTesterSeesTheBlindCodeAndRecordsTheResult(t *testing.T) {
	e, cs := labEnv(t, labTester, 3, func(d *desk.Desk, n string) {
		toApproved(t)(d, n)
		step(t, d, labQM, desk.Action{Number: n, Name: "retest", Fields: map[string]string{"blind_code": "MB-2026-301", "testers": "检测甲,检测乙", "retest_items": "铅"}})
	})
	v := e.view()
	for _, leak := range []string{"赵六", "13912345678", "某某食品", "R2026-0101", "铅含量超标", "第三方检测", "大米", "建议原样复检"} {
		if strings.Contains(v, leak) {
			t.Errorf("a tester sees %q:\n%s", leak, v)
		}
	}
	for _, want := range []string{"（盲样）", "MB-2026-301", "复检项目", "E 记录复检结果"} {
		if !strings.Contains(v, want) {
			t.Errorf("the tester's page lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "申诉期限") {
		t.Errorf("the appeal window tells the tester when the report was received:\n%s", v)
	}
	e.press("E")
	if v := e.view(); !strings.Contains(v, "复检结果 *") || !strings.Contains(v, "复检结论 *") {
		t.Fatalf("the result form:\n%s", v)
	}
	e.typeText("铅 0.12 mg/kg（两人平行）")
	e.key(tab)
	e.key(right)
	e.key(ctrlS)
	if e.m.Capturing() {
		t.Fatalf("the form stayed open:\n%s", e.view())
	}
	// one tester's record is half of it (000 §2.2.4: two testers)
	got, _, _ := e.d.Case(e.ctx, desk.System, cs.Number)
	if got.Status != "retesting" || got.Fields["record_retest_signed"] != "检测甲" {
		t.Fatalf("after the first tester: %s %v", got.Status, got.Fields)
	}
	e.c.Actor = labTester2
	e.run(e.m.load())
	e.press("E")
	if v := e.view(); !strings.Contains(v, "复检结果 *") {
		t.Fatalf("the second tester's form:\n%s", v)
	}
	e.typeText("铅 0.12 mg/kg（两人平行）")
	e.key(tab)
	e.key(right)
	e.key(ctrlS)
	if e.m.Capturing() {
		t.Fatalf("the second tester's form stayed open:\n%s", e.view())
	}
	got, _, _ = e.d.Case(e.ctx, desk.System, cs.Number)
	if got.Status != "retested" || got.Fields["retest_conclusion"] != "confirmed" {
		t.Errorf("recorded by both: %s %v", got.Status, got.Fields)
	}
}

func TestLabSignatoryRevokesWithTheAppealedReportPrefilled(t *testing.T) {
	e, cs := labEnv(t, labSign, 3, func(d *desk.Desk, n string) {
		toApproved(t)(d, n)
		step(t, d, labQM, desk.Action{Number: n, Name: "retest", Fields: map[string]string{"blind_code": "MB-9", "testers": "检测甲,检测乙"}})
		for _, tester := range []desk.Actor{labTester, labTester2} {
			step(t, d, tester, desk.Action{Number: n, Name: "record_retest", Fields: map[string]string{"retest_result": "铅 0.08", "retest_conclusion": "wrong"}})
		}
	})
	e.press("V")
	v := e.view()
	if !strings.Contains(v, "作废报告编号 * R2026-0101") || !strings.Contains(v, "更改(g)") {
		t.Fatalf("the revocation form does not start from the appealed report:\n%s", v)
	}
	e.key(tab)
	e.typeText("R2026-0101-G1")
	e.key(enter)
	if e.m.Capturing() {
		t.Fatalf("the form stayed open:\n%s", e.view())
	}
	v = e.view()
	for _, want := range []string{"[报告已更正]", "原报告作废", "R2026-0101-G1", "刘签  批准作废并更正报告"} {
		if !strings.Contains(v, want) {
			t.Errorf("after the revocation the page lacks %q:\n%s", want, v)
		}
	}
	got, _, _ := e.d.Case(e.ctx, desk.System, cs.Number)
	if got.Fields["revoked_report"] != "R2026-0101" || got.Fields["report_status"] != "revoked" {
		t.Errorf("revoked: %v", got.Fields)
	}
}

func TestLabLateAppealIsMarkedAndOverriddenByKey(t *testing.T) {
	e, cs := labEnv(t, labQM, 20, nil)
	v := e.view()
	if !strings.Contains(v, "逾期：申诉期限") || !strings.Contains(v, "O 批准逾期受理") || !strings.Contains(v, "已超时") {
		t.Fatalf("a late appeal:\n%s", v)
	}
	e.press("a")
	if st := e.lastStatus(); !st.Error || !strings.Contains(st.Text, "逾期受理理由") || e.m.Capturing() {
		t.Errorf("accepting a late appeal: %+v", st)
	}
	e.press("O")
	e.typeText("客户出差，报告由他人代收")
	e.key(ctrlS)
	if e.m.Capturing() {
		t.Fatalf("the override form stayed open:\n%s", e.view())
	}
	if v := e.view(); !strings.Contains(v, "已批准受理") || !strings.Contains(v, "逾期受理理由") {
		t.Errorf("after the override:\n%s", v)
	}
	got, _, _ := e.d.Case(e.ctx, desk.System, cs.Number)
	if got.Fields["override_reason"] == "" {
		t.Errorf("override: %v", got.Fields)
	}
	e.m.SetSize(80, 24)
	e.fits(80, 24)
}
