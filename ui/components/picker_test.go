package components

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"complaintdesk/internal/policy"
	"complaintdesk/ui/styles"
)

func categories(lang string) []PickOption {
	p := policy.Default()
	var out []PickOption
	for _, c := range p.Categories {
		out = append(out, PickOption{ID: c.ID, Label: p.CategoryPath(c.ID, lang)})
	}
	return out
}

func typeKeys(p *Picker, s string) {
	for _, r := range s {
		p.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func press(p *Picker, code rune) bool { return p.Update(tea.KeyPressMsg{Code: code}) }

func TestPickerTypeAhead(t *testing.T) {
	for _, typed := range []string{"设备", "sb", "SB"} {
		p := NewPicker(categories("zh"), "")
		typeKeys(&p, typed)
		if !strings.Contains(p.Label(), "设备管理类") {
			t.Errorf("typed %q: chose %q, want 设备管理类", typed, p.Label())
		}
		if len(p.hits) == 0 || len(p.hits) > 3 {
			t.Errorf("typed %q: %d matches, want a few", typed, len(p.hits))
		}
		// enter keeps it and stops filtering
		if !press(&p, tea.KeyEnter) || p.Filtering() || !strings.Contains(p.Label(), "设备管理类") {
			t.Errorf("typed %q then enter: filtering %v, chose %q", typed, p.Filtering(), p.Label())
		}
	}
}

func TestPickerKeys(t *testing.T) {
	opts := []PickOption{{"phone", "电话", ""}, {"web", "网站", ""}, {"letter", "信函", ""}}
	p := NewPicker(opts, "web")
	press(&p, tea.KeyRight)
	if p.Value() != "letter" {
		t.Errorf("right: %q, want letter", p.Value())
	}
	press(&p, tea.KeyRight)
	if p.Value() != "phone" {
		t.Errorf("right wraps: %q, want phone", p.Value())
	}
	// up/down, tab and esc are the form's while not filtering
	for _, k := range []rune{tea.KeyUp, tea.KeyDown, tea.KeyTab, tea.KeyEscape, tea.KeyEnter, tea.KeyBackspace} {
		if press(&p, k) {
			t.Errorf("key %v taken while not filtering", k)
		}
	}
	typeKeys(&p, "q") // nothing matches: the choice stays
	if p.Value() != "phone" || len(p.hits) != 0 {
		t.Errorf("no match: value %q, hits %v", p.Value(), p.hits)
	}
	press(&p, tea.KeyBackspace)
	if p.Filtering() {
		t.Error("backspace to an empty filter still filters")
	}
	typeKeys(&p, "w") // 网站 by its initials
	if p.Value() != "web" {
		t.Errorf("w: %q, want web", p.Value())
	}
	if !press(&p, tea.KeyEscape) || p.Filtering() || p.Value() != "web" {
		t.Errorf("esc: filtering %v, value %q", p.Filtering(), p.Value())
	}
}

func TestPickerView(t *testing.T) {
	st := styles.New(true, false)
	p := NewPicker(categories("zh"), "")
	typeKeys(&p, "类")
	lines := p.View(st, "zh", 40, true, 4)
	if len(lines) != 1+4+1 {
		t.Fatalf("filter, 4 rows and a count; got %d lines:\n%s", len(lines), strings.Join(lines, "\n"))
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > 40 {
			t.Errorf("line %d is %d cells wide: %q", i, w, ansi.Strip(l))
		}
	}
	if !strings.Contains(ansi.Strip(lines[0]), "类") || !strings.Contains(ansi.Strip(lines[5]), "还有") {
		t.Errorf("view:\n%s", ansi.Strip(strings.Join(lines, "\n")))
	}
	if got := p.View(st, "en", 40, false, 4); len(got) != 1 {
		t.Errorf("unfocused: %d lines", len(got))
	}
}

// A focused picker's line, with a note and the hint, fits its width.
func TestPickerLineFits(t *testing.T) {
	st := styles.New(true, false)
	opts := []PickOption{{"a", "江欣华", "当前处理人"}, {"b", "李娜", "在办 1，超时 0"}, {"c", "王强", ""}, {"d", "赵六", ""}, {"e", "钱七", ""}}
	p := NewPicker(opts, "a")
	for _, w := range []int{20, 40, 66, 100} {
		l := p.View(st, "zh", w, true, 5)[0]
		if got := ansi.StringWidth(l); got > w {
			t.Errorf("width %d: the line is %d cells: %q", w, got, ansi.Strip(l))
		}
	}
	if l := ansi.Strip(p.View(st, "zh", 100, true, 5)[0]); !strings.Contains(l, "当前处理人  输入文字") {
		t.Errorf("the note and the hint: %q", l)
	}
	yes := NewPicker([]PickOption{{"no", "否", ""}, {"yes", "是", ""}}, "no")
	if l := ansi.Strip(yes.View(st, "zh", 100, true, 5)[0]); strings.Contains(l, "筛选") {
		t.Errorf("a yes/no choice offers to filter: %q", l)
	}
}
