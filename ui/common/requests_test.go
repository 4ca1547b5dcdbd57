package common

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

// Only the newest request's answer counts, and only for who asked.
func TestRequests(t *testing.T) {
	var rows, counts Requests
	first := rows.Ask(func() tea.Msg { return "第一页" })().(Answer)
	second := rows.Ask(func() tea.Msg { return "第二页" })().(Answer)
	other := counts.Ask(func() tea.Msg { return 3 })().(Answer)
	if _, ok := rows.Latest(first); ok {
		t.Error("an older answer counts")
	}
	if msg, ok := rows.Latest(second); !ok || msg != "第二页" {
		t.Errorf("the newest answer: %v %v", msg, ok)
	}
	if _, ok := rows.Latest(other); ok {
		t.Error("another request's answer counts")
	}
	if msg, ok := rows.Any(first); !ok || msg != "第一页" {
		t.Errorf("Any: %v %v", msg, ok)
	}
	if rows.Asked() != 2 || counts.Asked() != 1 {
		t.Errorf("asked %d and %d", rows.Asked(), counts.Asked())
	}
}
