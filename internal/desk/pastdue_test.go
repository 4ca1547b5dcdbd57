package desk_test

import (
	"testing"
	"time"
)

// A complaint received two days ago starts with its first response overdue;
// one received an hour ago does not.
func TestOverdueOnRegister(t *testing.T) {
	now := ucAt(2026, 11, 10, 10, 0)
	e := ucOpen(t, now)
	label, due, ok := e.d.OverdueOnRegister("phone", "complaint", "C", now.Add(-48*time.Hour))
	if !ok || !due.Before(now) || label.ZH == "" {
		t.Fatalf("two days ago: %v %v %v", label, due, ok)
	}
	if _, _, ok := e.d.OverdueOnRegister("phone", "complaint", "C", now.Add(-time.Hour)); ok {
		t.Error("an hour ago is already overdue")
	}
}
