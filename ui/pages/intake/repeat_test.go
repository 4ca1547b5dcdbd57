package intake

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"complaintdesk/internal/desk"
	"complaintdesk/ui/common"
)

var (
	ctrlO = tea.KeyPressMsg{Code: 'o', Mod: tea.ModCtrl}
	ctrlN = tea.KeyPressMsg{Code: 'n', Mod: tea.ModCtrl}
	ctrlT = tea.KeyPressMsg{Code: 't', Mod: tea.ModCtrl}
)

// A repeat caller with an open case: the panel says what the keys do;
// ctrl+t takes over the known name and address; ctrl+n drops the form and
// opens the case with the call as a note; ctrl+o opens it, keeping the form.
func TestRepeatCallerKeys(t *testing.T) {
	c, d := setup(t, "zh")
	old, _, err := d.Register(c.Ctx, agent, desk.Registration{Channel: "phone", Nature: "complaint", Name: "王小明", Phone: "13912345678",
		Address: "幸福小区 3 栋 201", Content: "冰箱不制冷", Grade: "C"})
	if err != nil {
		t.Fatal(err)
	}
	m := New(c, "")
	if _, cmd := m.Update(ctrlO); !strings.Contains(statusOf(t, m, cmd), "没有历史投诉") {
		t.Error("ctrl+o without a caller does not say why it does nothing")
	}
	focusField(t, m, fPhone)
	drain(t, m, typeText(m, "13912345678"))
	v := view(m)
	if !strings.Contains(v, "未结 "+old.Number+"：ctrl+o 打开") {
		t.Fatalf("the history panel does not offer the open case:\n%s", v)
	}
	drain(t, m, press(m, "tab", "tab"))
	_, cmd := m.Update(ctrlT)
	drain(t, m, cmd)
	if m.value(fName) != "王小明" || !strings.Contains(view(m), "地址（沿用 "+old.Number+"）：幸福小区 3 栋 201") {
		t.Fatalf("ctrl+t: name %q\n%s", m.value(fName), view(m))
	}
	if reg, _ := m.registration(); reg.Address != "幸福小区 3 栋 201" {
		t.Errorf("the registration lacks the address: %q", reg.Address)
	}
	if _, cmd := m.Update(ctrlO); !hasOpen(drain(t, m, cmd), old.Number, "") {
		t.Error("ctrl+o does not open the open case")
	}
	focusField(t, m, fContent)
	drain(t, m, typeText(m, "又打来催促"))
	_, cmd = m.Update(ctrlN)
	msgs := drain(t, m, cmd)
	if !hasOpen(msgs, old.Number, "又打来催促") {
		t.Fatalf("ctrl+n: %#v", msgs)
	}
	if _, err := d.Draft(c.Ctx, agent.Name, DraftKey); err == nil {
		t.Error("the intake draft is left after the call became a note")
	}
}

// hasOpen: msgs open case number with the note.
func hasOpen(msgs []tea.Msg, number, note string) bool {
	for _, msg := range msgs {
		if o, ok := msg.(common.OpenCaseMsg); ok && o.Number == number && strings.Contains(o.Note, note) {
			return true
		}
	}
	return false
}

func statusOf(t *testing.T, m *Model, cmd tea.Cmd) string {
	t.Helper()
	for _, msg := range drain(t, m, cmd) {
		if s, ok := msg.(common.StatusMsg); ok {
			return s.Text
		}
	}
	return ""
}

// A complaint received two days ago says on the form, before it is saved,
// that its first response is already overdue.
func TestPastDueSaidBeforeSaving(t *testing.T) {
	c, _ := setup(t, "zh")
	m := New(c, "")
	focusField(t, m, fReceived)
	m.inputs[fReceived].SetValue("")
	drain(t, m, typeText(m, c.Now.Add(-48*time.Hour).In(c.Loc()).Format(timeLayout)))
	if v := view(m); !strings.Contains(v, "已于") || !strings.Contains(v, "超时") {
		t.Fatalf("no word of the overdue first response:\n%s", v)
	}
	m.inputs[fReceived].SetValue("")
	drain(t, m, typeText(m, c.Now.In(c.Loc()).Format(timeLayout)))
	if v := view(m); strings.Contains(v, "保存后即为超时投诉") {
		t.Fatalf("a complaint received now is said to be overdue:\n%s", v)
	}
}
