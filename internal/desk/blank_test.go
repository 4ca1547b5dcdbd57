package desk_test

import (
	"strings"
	"testing"
	"time"

	"complaintdesk/internal/desk"
)

// blanks look empty: each alone is no reason (finding 10).
var blanks = []string{"\u200b", "\u2800", "\u3164", "\u115f", "\uffa0", " \u200b\u3000 "}

// A late-entry reason, a note and a reveal reason made only of invisible
// characters are refused like an empty one, nothing written; a visible
// one goes through. An e-mail with a zero-width space is refused.
func TestInvisibleTextIsNoReason(t *testing.T) {
	now := ucAt(2026, 11, 25, 10, 0)
	e := ucOpen(t, now)
	e.hire(ucAgent, ucQA)
	n := e.register(ucAgent, ucReg(func(r *desk.Registration) { r.ReceivedAt = now.Add(-50 * time.Minute) })).Number
	e.advance(2 * time.Hour)
	_, before := e.load(n)
	for _, b := range blanks {
		e.refuseSays(ucAgent, desk.Action{Number: n, Name: "note", Note: "n1", At: now, Late: b}, "请填写补录原因", "give the reason for the late entry")
		e.refuseSays(ucAgent, desk.Action{Number: n, Name: "note", Note: b}, "备注", "note")
		if _, err := e.d.Reveal(e.ctx, ucQA, n, b); err == nil {
			t.Errorf("a reveal with the reason %q was accepted", b)
		} else if zh, en := messages(t, err); zh == "" || en == "" {
			t.Errorf("reveal refusal not in both languages: %q / %q", zh, en)
		}
	}
	if _, after := e.load(n); len(after) != len(before) {
		t.Errorf("refused steps and reveals wrote %d events", len(after)-len(before))
	}
	e.apply(ucAgent, desk.Action{Number: n, Name: "note", Note: "n1", At: now, Late: "系统故障"})
	if _, err := e.d.Reveal(e.ctx, ucQA, n, "公司回访需要联系客户"); err != nil {
		t.Errorf("a reveal with a reason: %v", err)
	}
	_, _, err := e.d.Register(e.ctx, ucAgent, ucReg(func(r *desk.Registration) { r.Email = "a@b.cn\u200b" }))
	if zh, _ := messages(t, err); zh == "" {
		t.Errorf("an e-mail with U+200B: %v", err)
	}
}

// A masked role's adding of a complainant does not answer whether a phone
// is already one of the case's (finding 8's second oracle): refused
// whatever the phone, the same words for the complainant's phone and
// another.
func TestMaskedRoleAddingAComplainantLearnsNothing(t *testing.T) {
	e := ucOpen(t, ucAt(2026, 11, 25, 10, 0))
	e.hire(ucAgent, ucQA)
	n := e.register(ucAgent, ucReg()).Number
	var said []string
	for _, phone := range []string{"13812345678", "13900000000"} {
		err := e.refuse(ucQA, desk.Action{Number: n, Name: "complainant", Person: desk.Person{Name: "某人", Phone: phone}}, "")
		zh, en := messages(t, err)
		said = append(said, zh+en)
		if strings.Contains(zh, "已是本投诉单的投诉人") {
			t.Errorf("the refusal for %s confirms the phone: %s", phone, zh)
		}
	}
	if said[0] != said[1] {
		t.Errorf("the refusals differ with the phone: %q vs %q", said[0], said[1])
	}
	if c := e.apply(ucAgent, desk.Action{Number: n, Name: "complainant", Person: desk.Person{Name: "李四", Phone: "13900000000"}}); len(c.Complainants) != 2 {
		t.Errorf("the agent's complainant: %d complainants", len(c.Complainants))
	}
}
