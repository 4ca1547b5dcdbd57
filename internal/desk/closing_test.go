package desk_test

import (
	"testing"
	"time"

	"complaintdesk/internal/desk"
)

// A grade A case closes only with its investigation report, also when a
// supervisor closes it directly, and not while a grade change request
// awaits its decision (finding 11).
func TestGradeAClosureNeedsTheReportAndNoPendingGradeRequest(t *testing.T) {
	e := ucOpen(t, ucAt(2026, 11, 25, 10, 0))
	e.hire(ucAgent, ucSupervisor, ucSupervisor2)
	n := e.register(ucAgent, ucReg(func(r *desk.Registration) {
		r.Content, r.Circumstances = "人身伤害", map[string]bool{"injury": true}
	})).Number
	e.apply(ucAgent, desk.Action{Number: n, Name: "acknowledge", ExpectedBy: e.now.Add(24 * time.Hour)})
	e.assignTo(ucAgent, n, ucAgent)
	e.apply(ucAgent, desk.Action{Number: n, Name: "resolve", Category: "product.defect", Resolution: "赔偿", Reply: "已赔偿"})
	e.implement(ucAgent, n)
	closing := desk.Action{Number: n, Name: "close"}
	e.refuseSays(ucSupervisor, closing, "A、B 级投诉结案前须有调查报告", "closed only with its investigation report")
	e.apply(ucAgent, desk.Action{Number: n, Name: "findings", Facts: "产品漏电", Cause: "绝缘层破损", Conclusion: "justified"})
	e.apply(ucAgent, desk.Action{Number: n, Name: "grade", Grade: "C", Reason: "伤情轻微"}) // a request: lowering
	e.refuseSays(ucSupervisor, closing, "改为 C 级的申请尚未审批：须先由主管批准或驳回", "the request to change the grade to C awaits a decision")
	e.apply(ucSupervisor2, desk.Action{Number: n, Name: "refuse_grade", Reason: "确有人身伤害"})
	if c := e.apply(ucSupervisor, closing); c.Status != "closed" || c.Grade != "A" {
		t.Errorf("after the report and the decision: status %q grade %q; want closed, A", c.Status, c.Grade)
	}
}

// A promise later than the closure deadline needs its reason also once
// that deadline has passed (finding 12: a letter registered late).
func TestPromiseAfterAPassedDeadlineNeedsTheReason(t *testing.T) {
	now := ucAt(2026, 11, 25, 10, 0)
	e := ucOpen(t, now)
	n := e.register(ucAgent, ucReg(func(r *desk.Registration) {
		r.Channel, r.ReceivedAt, r.LateReason = "letter", now.AddDate(0, 0, -5), "信件积压"
	})).Number
	promise := desk.Action{Number: n, Name: "acknowledge", ExpectedBy: now.AddDate(0, 6, 0)}
	e.refuseSays(ucAgent, promise, "告知客户的预计时间晚于", "the time promised is later than the")
	promise.Reason = "需厂家检测，客户同意"
	if c := e.apply(ucAgent, promise); c.Status != "acknowledged" {
		t.Errorf("the promise with its reason left status %q", c.Status)
	}
}
