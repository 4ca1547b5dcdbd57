package intake

import (
	"strings"
	"testing"

	"complaintdesk/internal/desk/actions"
)

// The category is found by typing part of its name or its pinyin
// initials, not by cycling through 37 categories while the caller waits.
func TestCategoryTypeAhead(t *testing.T) {
	for _, typed := range []string{"设备", "sb"} {
		c, _ := setup(t, "zh")
		m := New(c, "")
		focusField(t, m, fCategory)
		drain(t, m, typeText(m, typed))
		v := view(m)
		if !strings.Contains(v, "筛选："+typed) || !strings.Contains(v, "> 物业管理 / 设备管理类") {
			t.Fatalf("typing %q: the matches are not listed:\n%s", typed, v)
		}
		if !m.Capturing() {
			t.Errorf("typing %q: the filter does not capture keys (q would quit)", typed)
		}
		drain(t, m, press(m, "enter")) // keeps the match, stays on the field
		if m.sel[fCategory] != "property.equipment" || m.focus != fCategory || m.pick.Filtering() {
			t.Errorf("typing %q then enter: category %q, focus %s", typed, m.sel[fCategory], fieldKeys[m.focus])
		}
		if d := m.draft(); d.Category != "property.equipment" {
			t.Errorf("the draft keeps category %q", d.Category)
		}
	}
}

// A picker on the channel: esc while filtering stops the filter and does
// not ask to throw the form away.
func TestChannelFilterEsc(t *testing.T) {
	c, _ := setup(t, "en")
	m := New(c, "")
	focusField(t, m, fChannel)
	drain(t, m, typeText(m, "web"))
	drain(t, m, press(m, "esc"))
	if m.confirming || m.sel[fChannel] != "web" {
		t.Fatalf("esc while filtering: confirming %v, channel %q", m.confirming, m.sel[fChannel])
	}
}

// At 80 columns the circumstances' tick boxes wrap rather than cut their
// labels ("[ ]人身~"), and the one under the cursor is marked.
func TestCircumstancesWrapWhole(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		c, _ := setup(t, lang)
		c.Width, c.Height = 80, 40
		m := New(c, "")
		m.SetSize(80, 40)
		focusField(t, m, fCircumstances)
		drain(t, m, press(m, "right", "right", "space"))
		v := view(m)
		for _, k := range actions.Circumstances {
			if !strings.Contains(v, "]"+k.In(lang)) {
				t.Errorf("%s: %q is not shown whole:\n%s", lang, k.In(lang), v)
			}
		}
		third := actions.Circumstances[2]
		if !strings.Contains(v, ">[x]"+third.In(lang)) {
			t.Errorf("%s: the ticked box under the cursor is not marked >[x]:\n%s", lang, v)
		}
		for _, l := range strings.Split(v, "\n") {
			if strings.Contains(l, "~") {
				t.Errorf("%s: a cut line: %q", lang, l)
			}
		}
	}
}

// A choice among the policy's own intake fields (the lab's 涉及保密信息)
// narrows by typing like every other: "s" (是) finds yes.
func TestPolicyChoiceTypeAhead(t *testing.T) {
	c, _ := labSetup(t)
	m := New(c, "")
	m.SetSize(120, 40)
	focusField(t, m, fFields)
	for i, fd := range m.extraList() {
		if fd.ID == "sensitive" {
			break
		}
		if i > 10 {
			t.Fatal("no sensitive field")
		}
		press(m, "tab")
	}
	if cur := m.extraList()[m.extra.at]; cur.ID != "sensitive" {
		t.Fatalf("focus on %s", cur.ID)
	}
	drain(t, m, typeText(m, "s"))
	if v := view(m); !strings.Contains(v, "筛选：s") || !strings.Contains(v, "> 是，须签订保密协议") {
		t.Fatalf("typing s does not narrow the choice:\n%s", v)
	}
	drain(t, m, press(m, "enter"))
	if m.extraValues()["sensitive"] != "yes" || m.focus != fFields {
		t.Fatalf("enter: %v, focus %s", m.extraValues(), fieldKeys[m.focus])
	}
}
