package detail

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/desk/desktest"
	"complaintdesk/store"
)

// resolvable is a case assigned to the user, ready to be resolved.
func resolvable(t *testing.T, lang string) (*env, *store.Case) {
	t.Helper()
	e, cs := newEnv(t, lang, chineseCase())
	for _, a := range []desk.Action{
		{Name: "acknowledge", ExpectedBy: time.Now().Add(48 * time.Hour)},
		desktest.Verify(cs.Number),
		{Name: "assign", Handler: e.actor.Name},
	} {
		a.Number = cs.Number
		if _, err := e.d.Apply(e.ctx, e.actor, a); err != nil {
			t.Fatal(err)
		}
	}
	e.run(e.m.load())
	return e, cs
}

// focusOn moves the form's focus to the field name.
func (e *env) focusOn(name string) {
	e.t.Helper()
	for i := 0; e.m.form.focused().name != name; i++ {
		if i > len(e.m.form.fields) {
			e.t.Fatalf("no field %s on the form", name)
		}
		e.key(tea.KeyPressMsg{Code: tea.KeyTab})
	}
}

// One resolution records several types, each with its amount; a reply
// template picked in English fills the reply with the form's amount, and
// the reply can be edited before it is sent.
func TestResolveSeveralTypesAndTemplate(t *testing.T) {
	e, cs := resolvable(t, "zh")
	e.press("r")
	if e.m.form.field("amount") != nil {
		t.Error("the single amount field is still on the form beside the types' own")
	}
	e.focusOn("category")
	e.press("zl") // 产品质量 / 质量缺陷…
	e.key(enterKey)
	e.focusOn("resolution")
	e.typeText("上门更换压缩机并赔偿")
	e.focusOn("resolution_type")
	fl := e.m.form.focused()
	tickByID := func(id string) {
		t.Helper()
		for i := 0; i < 20; i++ {
			if fl.ticks.At() == id {
				e.key(tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
				return
			}
			e.key(tea.KeyPressMsg{Code: tea.KeyRight})
		}
		t.Fatalf("no box %s", id)
	}
	tickByID("repair")
	tickByID("compensation")
	e.press("500")
	tickByID("apology")
	if got := fl.value(); got != "repair,compensation=500,apology" {
		t.Fatalf("ticked %q", got)
	}
	v := e.view()
	if !strings.Contains(v, "[x]维修") || !strings.Contains(v, "[x]赔偿=500") || !strings.Contains(v, "[x]道歉") {
		t.Fatalf("the ticked types are not shown:\n%s", v)
	}
	e.focusOn("template")
	e.press("refund")
	e.key(tea.KeyPressMsg{Code: tea.KeyDown}) // the English one, after the Chinese
	e.key(enterKey)
	reply := e.m.form.field("reply")
	if !strings.Contains(reply.value(), "we have paid you 500.00 yuan") || !strings.Contains(reply.value(), "张三") {
		t.Fatalf("the reply is not filled from the English template: %q\n%s", reply.value(), e.view())
	}
	e.focusOn("reply")
	e.typeText(" See you tomorrow.")
	e.key(ctrlSKey)
	if e.m.form != nil {
		t.Fatalf("not resolved:\n%s", e.view())
	}
	got, _, err := e.d.Case(e.ctx, desk.System, cs.Number)
	if err != nil {
		t.Fatal(err)
	}
	if got.Fields["resolution_type"] != "repair,compensation,apology" || got.Fields["amounts"] != "compensation=500.00" || !strings.HasSuffix(got.Reply, "See you tomorrow.") {
		t.Fatalf("stored: types %q amounts %q reply %q", got.Fields["resolution_type"], got.Fields["amounts"], got.Reply)
	}
}

// A reply written by hand is kept when a template is picked after it; the
// form says how to use the template instead.
func TestTemplateKeepsAHandWrittenReply(t *testing.T) {
	e, _ := resolvable(t, "zh")
	e.press("r")
	e.focusOn("reply")
	e.typeText("您好，我们明天上门。")
	e.focusOn("template")
	e.press("tk") // 退款答复 by its initials
	e.key(enterKey)
	if got := e.m.form.field("reply").value(); got != "您好，我们明天上门。" {
		t.Fatalf("the hand-written reply was replaced: %q", got)
	}
	if v := e.view(); !strings.Contains(v, "答复已手工修改，未套用模板") {
		t.Errorf("the form does not say why the template was not used:\n%s", v)
	}
}
