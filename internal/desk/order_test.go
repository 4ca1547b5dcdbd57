package desk_test

import (
	"strings"
	"testing"
	"time"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/desk/desktest"
)

// A backdated step may not come before the step that brought the case into
// its status, nor before a step whose record it needs (finding 5): the
// history keeps the order the desk enforces on entry.
func TestBackdatedStepsKeepTheOrderOfTheSteps(t *testing.T) {
	now := ucAt(2026, 11, 25, 10, 0)
	e := ucOpen(t, now)
	e.hire(ucAgent)
	c := e.register(ucAgent, ucReg(func(r *desk.Registration) {
		r.Channel = "letter"
		r.ReceivedAt = now.Add(-50 * time.Minute)
	}))
	n := c.Number
	e.advance(5 * 24 * time.Hour) // entered days later: every step below is a late entry
	ack := now.Add(-40 * time.Minute)
	e.apply(ucAgent, desk.Action{Number: n, Name: "acknowledge", ExpectedBy: now.Add(24 * time.Hour), At: ack, Late: "按来信记录补录"})
	e.apply(ucAgent, desktest.Verify(n))
	e.apply(ucAgent, desk.Action{Number: n, Name: "assign", Handler: ucAgent.Name}) // now
	// resolved before the assignment, which resolving needs
	e.refuseSays(ucAgent, desk.Action{Number: n, Name: "resolve", Category: "service.rude", Resolution: "已道歉", Reply: "致歉",
		At: ack.Add(-10 * time.Minute), Late: "补录"}, "时间不能早于之前的「分派」", "before the earlier step assign")
	e.apply(ucAgent, desk.Action{Number: n, Name: "resolve", Category: "service.rude", Resolution: "已道歉", Reply: "致歉"})
	implemented := e.apply(ucAgent, desktest.Implement(n))
	_, evs := e.load(n)
	impl := evs[len(evs)-1].At
	// closed before the solution was carried out
	e.refuseSays(ucAgent, desk.Action{Number: n, Name: "close", At: impl.Add(-2 * time.Hour), Late: "补录"},
		"时间不能早于之前的「", "the time is before the earlier step")
	// a note entered late may still fall between
	e.apply(ucAgent, desk.Action{Number: n, Name: "note", Note: "来信原件已归档", At: ack.Add(5 * time.Minute), Late: "补录"})
	closed := e.apply(ucAgent, desk.Action{Number: n, Name: "close", Version: implemented.Version + 1})
	if closed.Status != "closed" {
		t.Errorf("status %q after closing in order; want closed", closed.Status)
	}
}

// Implementing is ordered after the resolution that put the case into
// resolved, even though implement itself changes no status.
func TestImplementNotBeforeTheResolution(t *testing.T) {
	e := ucOpen(t, ucAt(2026, 11, 25, 10, 0))
	e.hire(ucAgent)
	n := e.acknowledged()
	e.advance(3 * time.Hour)
	e.assignTo(ucAgent, n, ucAgent)
	e.apply(ucAgent, desk.Action{Number: n, Name: "resolve", Category: "service.rude", Resolution: "已道歉", Reply: "致歉"})
	act := desktest.Implement(n)
	act.At, act.Late = e.now.Add(-2*time.Hour), "补录"
	e.refuseSays(ucAgent, act, "时间不能早于之前的「解决」", "before the earlier step")
	e.advance(time.Minute)
	act.At, act.Late = time.Time{}, ""
	if c := e.apply(ucAgent, act); c.Fields["implemented_at"] == "" {
		t.Errorf("implement in order did not record the implementation: %v", c.Fields)
	}
}

// A complaint received more than an hour before it is registered is a
// late entry (finding 7): without a reason it is refused and nothing is
// written; with one the register event is marked 补录, at the received
// time and entered now.
func TestLateRegistrationNeedsItsReason(t *testing.T) {
	now := ucAt(2026, 11, 25, 10, 0)
	e := ucOpen(t, now)
	received := now.AddDate(0, 0, -8)
	for _, reason := range []string{"", "   "} {
		_, _, err := e.d.Register(e.ctx, ucAgent, ucReg(func(r *desk.Registration) {
			r.Channel, r.ReceivedAt, r.LateReason = "letter", received, reason
		}))
		if err == nil {
			t.Fatalf("a registration 8 days after the receipt with reason %q was accepted", reason)
		}
		zh, en := messages(t, err)
		if !strings.Contains(zh, "受理于 2026-11-17 10:00，现在登记（晚于一小时）：请填写补录原因") || !strings.Contains(en, "give the reason for the late entry") {
			t.Errorf("refusal %q / %q does not ask for the late reason", zh, en)
		}
	}
	if n := e.count(); n != 0 {
		t.Fatalf("refused registrations wrote %d cases", n)
	}
	c := e.register(ucAgent, ucReg(func(r *desk.Registration) {
		r.Channel, r.ReceivedAt, r.LateReason = "letter", received, "信件积压，今日拆阅"
	}))
	_, evs := e.load(c.Number)
	if reg := evs[0]; reg.Action != "register" || reg.Late != "信件积压，今日拆阅" || !reg.At.Equal(received) || !reg.Entered.Equal(now) {
		t.Errorf("register event %s at %v entered %v late %q; want the late entry at the receipt, entered now", reg.Action, reg.At, reg.Entered, reg.Late)
	}
	// within the hour it is no late entry, and a reason given is not kept
	c = e.register(ucAgent, ucReg(func(r *desk.Registration) { r.ReceivedAt, r.LateReason = now.Add(-50*time.Minute), "x" }))
	if _, evs := e.load(c.Number); evs[0].Late != "" {
		t.Errorf("a registration within the hour is marked late: %q", evs[0].Late)
	}
}

// The lab's late appeal made "on time" by an earlier received time (finding
// 7): registered today with a receipt 13 days back it is a late entry and
// needs its reason; with it, the history marks it 补录 at the stated receipt.
func TestLabAppealWithAnEarlierReceiptIsALateEntry(t *testing.T) {
	e := labOpen(t, ucAt(2026, 12, 2, 10, 0)) // 22 days after the report
	stated := ucAt(2026, 11, 19, 10, 0)       // inside the 10-day window
	_, _, err := e.d.Register(e.ctx, labReception, appeal("2026-11-10", func(r *desk.Registration) { r.ReceivedAt = stated }))
	if zh, en := messages(t, err); !strings.Contains(zh, "请填写补录原因") || !strings.Contains(en, "give the reason for the late entry") {
		t.Errorf("the backdated appeal: %q / %q", zh, en)
	}
	if n := e.count(); n != 0 {
		t.Fatalf("%d cases written by the refused appeal", n)
	}
	c := e.register(labReception, appeal("2026-11-10", func(r *desk.Registration) {
		r.ReceivedAt, r.LateReason = stated, "信函11月19日收到，今日拆阅"
	}))
	if _, evs := e.load(c.Number); evs[0].Late == "" || !evs[0].At.Equal(stated) {
		t.Errorf("register event %+v; want the late entry at the stated receipt", evs[0])
	}
}
