package components

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"complaintdesk/ui/styles"
)

func TestTicksValueAndAmounts(t *testing.T) {
	items := []TickItem{{ID: "repair", Label: "维修"}, {ID: "compensation", Label: "赔偿", Amount: true}, {ID: "apology", Label: "道歉"}}
	tk := NewTicks(items, "apology,compensation=20")
	if got := tk.Value(); got != "compensation=20,apology" {
		t.Errorf("value in the items' order: %q", got)
	}
	key := func(k tea.KeyPressMsg) { tk.Update(k) }
	key(tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}) // repair
	key(tea.KeyPressMsg{Code: '5', Text: "5"})          // repair takes no amount
	key(tea.KeyPressMsg{Code: tea.KeyRight})            // compensation
	key(tea.KeyPressMsg{Code: '0', Text: "0"})          // 200
	key(tea.KeyPressMsg{Code: tea.KeyBackspace})        // 20
	key(tea.KeyPressMsg{Code: '.', Text: "."})          // 20.
	key(tea.KeyPressMsg{Code: '5', Text: "5"})          // 20.5
	if got := tk.Value(); got != "repair,compensation=20.5,apology" {
		t.Errorf("after the keys: %q", got)
	}
	st := styles.New(true, false)
	lines := tk.Lines(st, 16, true)
	if len(lines) < 2 {
		t.Errorf("16 cells hold not all boxes, yet one line: %q", lines)
	}
	all := ansi.Strip(strings.Join(lines, "\n"))
	for _, want := range []string{" [x]维修", ">[x]赔偿=20.5", " [x]道歉"} {
		if !strings.Contains(all, want) {
			t.Errorf("lines lack %q:\n%s", want, all)
		}
	}
	for _, l := range lines {
		if w := ansi.StringWidth(l); w > 16 {
			t.Errorf("%q is %d cells", ansi.Strip(l), w)
		}
	}
	tk2 := NewTicks(items, "compensation")
	if got := strings.Join(tk2.Lines(st, 40, false), ""); !strings.Contains(ansi.Strip(got), "赔偿=?") {
		t.Errorf("a ticked type without its amount: %q", ansi.Strip(got))
	}
}
