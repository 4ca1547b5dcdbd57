package components

import (
	"testing"

	"complaintdesk/internal/policy"
)

func TestInitials(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"设备管理类", "sbgll"},
		{"质量缺陷/故障", "zlqxgz"},
		{"推诿", "tw"},    // 诿 is outside GB 2312 level 1
		{"A 重大", "azd"}, // letters kept, lowered
		{"李娜", "ln"},    // a handler's name
		{"phone 电话", "phonedh"},
		{"①", ""},
	} {
		if got := Initials(tc.in); got != tc.want {
			t.Errorf("Initials(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// Every Chinese character of the presets' category, department and channel
// labels has an initial: a policy label a picker cannot narrow by
// initials would be a gap in the table.
func TestInitialsCoverPresets(t *testing.T) {
	for _, r := range presetHan(t) {
		if Initial(r) == 0 {
			t.Errorf("no pinyin initial for %q: add it to initialsExtra", r)
		}
	}
}

// presetHan are the Chinese characters of every preset's category,
// department, channel and resolution type labels.
func presetHan(t *testing.T) []rune {
	t.Helper()
	seen := map[rune]bool{}
	var out []rune
	add := func(s string) {
		for _, r := range s {
			if r >= 0x4e00 && r <= 0x9fff && !seen[r] {
				seen[r] = true
				out = append(out, r)
			}
		}
	}
	for _, name := range policy.PresetNames() {
		p, err := policy.Preset(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range p.Categories {
			add(c.ZH)
		}
		for _, d := range p.Departments {
			add(d.ZH)
		}
		for _, c := range p.Channels {
			add(c.ZH)
		}
		for _, c := range p.ResolutionTypes {
			add(c.ZH)
		}
	}
	if len(out) < 100 {
		t.Fatalf("only %d characters read from the presets", len(out))
	}
	return out
}
