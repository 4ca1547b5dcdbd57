package desk_test

import (
	"testing"
	"time"

	"complaintdesk/internal/desk"
)

// The handler picker lists the active users whose role handles cases,
// each with their open and overdue cases, the least loaded first.
func TestHandlerChoices(t *testing.T) {
	e := ucOpen(t, ucAt(2026, 11, 2, 10, 0))
	e.hire(ucAgent, ucAgent2, ucQA) // qa does not handle cases
	c := e.register(ucAgent, ucReg())
	e.assignTo(ucAgent, c.Number, ucAgent2)
	e.advance(30 * 24 * time.Hour) // every clock of the case has run out

	got, err := e.d.HandlerChoices(e.ctx)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]desk.HandlerChoice{}
	for _, h := range got {
		byName[h.Name] = h
	}
	if _, ok := byName[ucQA.Name]; ok {
		t.Errorf("qa listed as a handler: %+v", got)
	}
	if h := byName[ucAgent2.Name]; h.Open != 1 || h.Overdue != 1 {
		t.Errorf("%s: open %d overdue %d, want 1 and 1", ucAgent2.Name, h.Open, h.Overdue)
	}
	if len(got) < 2 || got[0].Name == ucAgent2.Name {
		t.Errorf("the least loaded is not first: %+v", got)
	}
}
