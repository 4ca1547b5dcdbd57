package detail

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/desk/desktest"
)

// The assignment form picks the new handler from the desk's handlers, each
// with their open and overdue cases; typing narrows the list, and the
// picked name replaces the old one (never 王强李娜).
func TestAssignPicksHandler(t *testing.T) {
	e, cs := newEnv(t, "zh", chineseCase())
	if err := desktest.Hire(e.ctx, e.d, desk.Actor{Name: "王强", Role: "agent"}, desk.Actor{Name: "李娜", Role: "agent"}, desk.Actor{Name: "质检员", Role: "qa"}); err != nil {
		t.Fatal(err)
	}
	for _, a := range []desk.Action{desktest.Verify(cs.Number), {Number: cs.Number, Name: "assign", Handler: "王强"}} {
		if _, err := e.d.Apply(e.ctx, e.actor, a); err != nil {
			t.Fatal(err)
		}
	}
	e.run(e.m.load())
	e.press("s") // assign again: the handler field opens on the current one
	v := e.view()
	if !strings.Contains(v, "< 王强 >") || !strings.Contains(v, "当前处理人、在办 1，超时 0") {
		t.Fatalf("the assignment form does not show the current handler with his cases:\n%s", v)
	}
	e.press("ln") // 李娜 by her initials
	v = e.view()
	if !strings.Contains(v, "筛选：ln") || !strings.Contains(v, "> 李娜") || !strings.Contains(v, "在办 0，超时 0") || strings.Contains(v, "质检员") {
		t.Fatalf("typing ln does not narrow the handlers to 李娜:\n%s", v)
	}
	e.key(tea.KeyPressMsg{Code: tea.KeyEnter}) // keeps 李娜
	e.key(tea.KeyPressMsg{Code: tea.KeyTab})
	e.key(tea.KeyPressMsg{Code: tea.KeyTab})
	e.typeText("客户要求换人")
	e.key(tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl})
	got, _, err := e.d.Case(e.ctx, desk.System, cs.Number)
	if err != nil {
		t.Fatal(err)
	}
	if got.Handler != "李娜" {
		t.Fatalf("handler after the assignment: %q, want 李娜\n%s", got.Handler, e.view())
	}
}
