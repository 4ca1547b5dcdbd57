package desk_test

// The rules of the gsp preset (seed 002 GSP 5.5, 5.6): an adverse reaction
// or a quality complaint is investigated before it is found not justified;
// the recall and the regulator report are done before the case closes;
// the report is accepted by someone other than who wrote or submitted it.

import (
	"context"
	"slices"
	"testing"
	"time"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/desk/actions"
	"complaintdesk/internal/desk/desktest"
	"complaintdesk/internal/testdb"
)

var (
	gspStore     = desk.Actor{Name: "门店小王", Role: "receiver"}
	gspQM        = desk.Actor{Name: "质管张工", Role: "qm"}
	gspQM2       = desk.Actor{Name: "质管赵工", Role: "qm"}
	gspQMManager = desk.Actor{Name: "质管部李经理", Role: "qm_manager"}
	gspBoss      = desk.Actor{Name: "业务刘经理", Role: "business_manager"}
)

// gspOpen is a desk with the gsp policy and its users.
func gspOpen(t *testing.T, now time.Time) *ucEnv {
	t.Helper()
	ctx := context.Background()
	db := testdb.Open(t)
	d, err := desk.Open(ctx, db, desk.Options{Preset: "gsp", By: "test"})
	if err != nil {
		t.Fatal(err)
	}
	e := &ucEnv{t: t, ctx: ctx, db: db, d: d, now: now}
	d.Now = func() time.Time { return e.now }
	e.hire(gspStore, gspQM, gspQM2, gspQMManager, gspBoss)
	return e
}

// gspForwarded registers a complaint of the nature, verified and passed to
// quality management.
func gspForwarded(e *ucEnv, nature string) string {
	e.t.Helper()
	c := e.register(gspStore, desk.Registration{Channel: "phone", Nature: nature, Name: "陈女士", Phone: "13812345678",
		Content: "服用阿莫西林胶囊后出现皮疹", Subject: "阿莫西林胶囊 批号 20260815"})
	for _, act := range []desk.Action{desktest.Verify(c.Number), {Number: c.Number, Name: "forward"}} {
		e.advance(10 * time.Minute)
		e.apply(gspStore, act)
	}
	return c.Number
}

func TestGSPRejectNeedsTheInvestigationFirst(t *testing.T) {
	e := gspOpen(t, ucAt(2026, 11, 23, 9, 30))
	reject := func(n string) desk.Action {
		return desk.Action{Number: n, Name: "reject", Reason: "与药品无关", Reply: "陈女士您好：经核实，皮疹与本品无关。"}
	}
	for _, nature := range []string{"adverse_reaction", "quality_clinical", "quality_nonclinical"} {
		n := gspForwarded(e, nature)
		e.refuseSays(gspQM, reject(n), "不良反应和质量投诉须先有调查报告，才能判定不成立（002 GSP 5.5）",
			"found not justified only after its investigation report (002 GSP 5.5)")
		e.advance(time.Hour)
		e.apply(gspQM, desk.Action{Number: n, Name: "findings", Facts: "留样检验合格", Cause: "个人过敏体质", Conclusion: "not_justified"})
		if got := e.apply(gspQM, reject(n)); got.Status != "rejected" {
			t.Errorf("%s rejected after the investigation: %s", nature, got.Status)
		}
	}
	// other complaints need no report to be found not justified
	n := gspForwarded(e, "other_medical")
	if got := e.apply(gspQM, reject(n)); got.Status != "rejected" {
		t.Errorf("another complaint rejected: %s", got.Status)
	}
}

// gspResolvedDefect walks an adverse reaction found to be a defect to
// resolved: dispatched to gspQM, who writes and submits the report, which
// the quality manager accepts.
func gspResolvedDefect(e *ucEnv) string {
	e.t.Helper()
	n := gspForwarded(e, "adverse_reaction")
	for _, s := range []struct {
		who desk.Actor
		act desk.Action
	}{
		{gspQM, desk.Action{Name: "dispatch", Department: "质量管理部", Handler: gspQM.Name}},
		{gspQM, desk.Action{Name: "findings", Facts: "同批次留样检验不合格", Cause: "原料问题", Conclusion: "defect"}},
		{gspQM, desk.Action{Name: "submit_report"}},
		{gspQMManager, desk.Action{Name: "accept_report"}},
		{gspQM, desk.Action{Name: "request_confirmation", Fields: map[string]string{"manufacturer": "某制药厂", "confirmation_requested_at": "2026-11-23"}}},
		{gspQM, desk.Action{Name: "record_confirmation", Fields: map[string]string{"confirmation_received_at": "2026-11-23", "confirmation_conclusion": "confirmed"}}},
		{gspBoss, desk.Action{Name: "decide", Resolution: "退款并召回同批次", ResolutionType: "refund", Amount: "35"}},
		{gspStore, desk.Action{Name: "carry_out", Note: "已退款"}},
	} {
		e.advance(30 * time.Minute)
		s.act.Number = n
		e.apply(s.who, s.act)
	}
	return n
}

func TestGSPCloseWaitsForTheRecallAndTheRegulatorReport(t *testing.T) {
	e := gspOpen(t, ucAt(2026, 11, 23, 9, 30))
	n := gspResolvedDefect(e)
	c, _ := e.load(n)
	if fl := actions.Flags(c); !slices.Contains(fl, "recall") || !slices.Contains(fl, "regulator_report") || c.Status != "resolved" {
		t.Fatalf("the defect: %s flags %v", c.Status, fl)
	}
	closing := desk.Action{Number: n, Name: "close", Reply: "陈女士您好：已为您退款，同批次已召回。"}
	e.refuseSays(gspStore, closing, "不合格品召回尚未完成", "the recall of the defective product is still open")
	e.refuseSays(gspStore, closing, "药品不良反应尚未上报", "not reported to the regulator yet")

	// the completions need every fact
	e.refuseSays(gspQM, desk.Action{Number: n, Name: "complete_recall", Fields: map[string]string{"recall_done_at": "2026-11-23"}},
		"召回数量", "quantity recalled")
	e.refuse(gspStore, desk.Action{Number: n, Name: "complete_recall", Fields: map[string]string{
		"recall_done_at": "2026-11-23", "recall_by": "门店小王", "recall_batch": "20260815", "recall_quantity": "120盒"}}, "角色")
	e.advance(time.Hour)
	got := e.apply(gspQM, desk.Action{Number: n, Name: "complete_recall", Fields: map[string]string{
		"recall_done_at": "2026-11-23", "recall_by": "质管张工", "recall_batch": "20260815", "recall_quantity": "120盒"}})
	if got.Fields["recall_batch"] != "20260815" || got.Fields["recall_quantity"] != "120盒" || got.Fields["recall_done_at"] == "" {
		t.Errorf("the recall's facts: %v", got.Fields)
	}
	// one obligation still open
	e.refuseSays(gspStore, closing, "药品不良反应尚未上报", "not reported to the regulator yet")
	e.refuse(gspQM, desk.Action{Number: n, Name: "file_regulator_report", Fields: map[string]string{"regulator_reported_at": "2026-11-23"}}, "不良反应报告编号")
	e.advance(time.Hour)
	e.apply(gspQM, desk.Action{Number: n, Name: "file_regulator_report", Fields: map[string]string{
		"regulator_report_no": "ADR-2026-3301", "regulator_reported_at": "2026-11-23"}})
	if got := e.apply(gspStore, closing); got.Status != "closed" {
		t.Errorf("closed at last: %s", got.Status)
	}
	_, evs := e.load(n)
	acts := eventActions(evs)
	for _, a := range []string{"complete_recall", "file_regulator_report", "close"} {
		if !slices.Contains(acts, a) {
			t.Errorf("the history %v lacks %s", acts, a)
		}
	}
}

// Segregation of duties (5.5): neither who wrote the report nor who
// submitted it accepts it.
func TestGSPReportAcceptedBySomeoneElse(t *testing.T) {
	e := gspOpen(t, ucAt(2026, 11, 23, 9, 30))
	n := gspForwarded(e, "quality_clinical")
	for _, s := range []struct {
		who desk.Actor
		act desk.Action
	}{
		{gspQM, desk.Action{Name: "dispatch", Department: "质量管理部", Handler: gspQM.Name}},
		{gspQM, desk.Action{Name: "findings", Facts: "包装破损", Cause: "运输挤压", Conclusion: "justified"}},
		{gspQM2, desk.Action{Name: "submit_report"}},
	} {
		e.advance(30 * time.Minute)
		s.act.Number = n
		e.apply(s.who, s.act)
	}
	accept := desk.Action{Number: n, Name: "accept_report"}
	for _, who := range []desk.Actor{gspQM, gspQM2} {
		e.refuseSays(who, accept, "调查报告须由撰写和提交报告以外的人审核", "accepted by someone other than who wrote or submitted it")
	}
	// the page says so before a form opens
	c, _ := e.load(n)
	if err := e.d.Check(c, "accept_report", gspQM); err == nil {
		t.Error("Check lets the investigator accept his own report")
	}
	if err := e.d.Check(c, "accept_report", gspQMManager); err != nil {
		t.Errorf("Check refuses the quality manager: %v", err)
	}
	if got := e.apply(gspQMManager, accept); got.Status != "reviewed" {
		t.Errorf("accepted by the quality manager: %s", got.Status)
	}
}
