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
	three := Help(s, "en", many, 119, 12)
	if !(len(narrow) > len(two) && len(two) > len(three)) {
		t.Errorf("lines at 36, 79, 119 columns: %d, %d, %d", len(narrow), len(two), len(three))
	}
	// With room enough, two wide columns rather than three narrow ones.
	if roomy := Help(s, "en", many, 119, 40); len(roomy) > 40 || len(roomy) <= len(three) {
		t.Errorf("lines at 119 columns with 40 lines of room: %d (three columns: %d)", len(roomy), len(three))
	}
	// Every binding is there at every width.
	for _, lines := range [][]string{narrow, two, three} {
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
