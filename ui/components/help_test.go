package components

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"complaintdesk/ui/keys"
	"complaintdesk/ui/styles"
)

func helpBindings(noCase bool) []keys.Binding {
	why := func() string {
		if noCase {
			return "没有选中的投诉单"
		}
		return ""
	}
	return []keys.Binding{
		keys.Queue.Up, keys.Queue.Down,
		keys.Queue.Open.When(why), keys.Queue.New,
		keys.Queue.Search, keys.Queue.Department,
		keys.App.Quit, keys.App.Help,
	}
}

// The help lists every binding under its group's title, in the groups'
// order, whatever order the page gave them in; an unavailable one says why.
func TestHelpGroupsAndReasons(t *testing.T) {
	s := styles.New(true, false)
	for _, width := range []int{79, 119} {
		lines := Help(s, "zh", helpBindings(true), width, 20)
		screen := ansi.Strip(strings.Join(lines, "\n"))
		for _, want := range []string{"移动", "投诉单", "搜索与筛选", "任何页面",
			"上移", "下移", "打开", "新投诉", "搜索", "按部门筛选（部门队列）", "退出", "帮助", "没有选中的投诉单"} {
			if !strings.Contains(screen, want) {
				t.Errorf("width %d: no %q in\n%s", width, want, screen)
			}
		}
		for i, l := range lines {
			if w := ansi.StringWidth(l); w > width {
				t.Errorf("width %d: line %d is %d cells: %q", width, i, w, l)
			}
		}
	}
	// In one column the groups come in their order.
	one := ansi.Strip(strings.Join(Help(s, "zh", helpBindings(true), 36, 20), "\n"))
	last := -1
	for _, g := range []string{"移动", "投诉单", "搜索与筛选", "任何页面"} {
		i := strings.Index(one, g)
		if i <= last {
			t.Errorf("%s out of order:\n%s", g, one)
		}
		last = i
	}
	// Available, the binding gives no reason.
	screen := ansi.Strip(strings.Join(Help(s, "zh", helpBindings(false), 79, 20), "\n"))
	if strings.Contains(screen, "没有选中的投诉单") {
		t.Errorf("an available key shows a reason:\n%s", screen)
	}
}

// Wide screens use more columns, so the help is shorter.
func TestHelpColumns(t *testing.T) {
	s := styles.New(true, false)
	var many []keys.Binding
	q := keys.Queue
	many = append(many, q.Up, q.Down, q.PageUp, q.PageDown, q.Home, q.End, q.NextTab, q.PrevTab, q.TabNumber,
		q.Open, q.New, q.Search, q.Status, q.Grade, q.Category, q.Channel, q.Department, q.Clear, q.Sort,
		keys.App.Dashboard, keys.App.Monthly, keys.App.Quit, keys.App.QuitNow, keys.App.Help, keys.App.Station)
	narrow := Help(s, "en", many, 36, 20)
	two := Help(s, "en", many, 79, 20)
	three := Help(s, "en", many, 119, 20)
	if !(len(narrow) > len(two) && len(two) > len(three)) {
		t.Errorf("lines at 36, 79, 119 columns: %d, %d, %d", len(narrow), len(two), len(three))
	}
	// With room enough, two wide columns rather than three narrow ones.
	if roomy := Help(s, "en", many, 119, 40); len(roomy) > 40 || ansi.StringWidth(roomy[0]) > 119 || !strings.Contains(roomy[0], "Search and filters") {
		t.Errorf("at 119 columns with 40 lines of room: %d lines, first %q", len(roomy), roomy[0])
	}
	// Too long for the room: screenfuls of a line less (the caller says
	// there is more), each read before the next.
	short := Help(s, "en", many, 119, 12)
	if len(short)%11 != 0 || len(short) < 22 {
		t.Errorf("%d lines in screenfuls of 11", len(short))
	}
	first, rest := strings.Join(short[:11], "\n"), strings.Join(short[11:], "\n")
	if !strings.Contains(first, "Moving about") || strings.Contains(first, "Everywhere") || !strings.Contains(rest, "Everywhere") {
		t.Errorf("screenfuls out of order:\n%s\n--\n%s", first, rest)
	}
	// Every binding is there at every width.
	for _, lines := range [][]string{narrow, two, three, short} {
		screen := ansi.Strip(strings.Join(lines, "\n"))
		for _, b := range many {
			if !strings.Contains(screen, b.Label) {
				t.Errorf("no %q in\n%s", b.Label, screen)
			}
		}
	}
}

// The footer keeps the available keys that fit, in order.
func TestShortHelp(t *testing.T) {
	s := styles.New(true, false)
	got := ansi.Strip(ShortHelp(s, "zh", helpBindings(true), 200))
	if strings.Contains(got, "打开") || !strings.HasPrefix(got, "↑/k 上移  ↓/j 下移  n 新投诉") {
		t.Errorf("footer: %q", got)
	}
	got = ansi.Strip(ShortHelp(s, "en", helpBindings(false), 24))
	if got != "↑/k up  ↓/j down" {
		t.Errorf("a narrow footer: %q", got)
	}
}

// Wrap keeps closing punctuation off the start of a line and opening
// punctuation off its end, breaks English at spaces, and never exceeds the width.
func TestWrap(t *testing.T) {
	for _, tc := range []struct {
		s    string
		w    int
		want []string
	}{
		{"当前状态（已登记）不能解决；需先：首次响应", 26, []string{"当前状态（已登记）不能解", "决；需先：首次响应"}},
		{"当前状态（已登记）不能解决；需先：首次响应", 22, []string{"当前状态（已登记）不能", "解决；需先：首次响应"}},
		{"当前状态（已登记）不能解决", 10, []string{"当前状态", "（已登记）", "不能解决"}},
		{"action resolve is not allowed from status registered", 20, []string{"action resolve is", "not allowed from", "status registered"}},
		{"role agent may not approve (allowed: supervisor)", 22, []string{"role agent may not", "approve (allowed:", "supervisor)"}},
		{"abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"", 10, []string{""}},
	} {
		got := Wrap(tc.s, tc.w)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("Wrap(%q, %d) = %q, want %q", tc.s, tc.w, got, tc.want)
		}
		for _, l := range got {
			if ansi.StringWidth(l) > tc.w {
				t.Errorf("Wrap(%q, %d): %q is wider", tc.s, tc.w, l)
			}
		}
	}
}
