package detail

import (
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"complaintdesk/store"
)

func init() { draftDelay = time.Millisecond }

var (
	ctrlSKey = tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}
	escKey   = tea.KeyPressMsg{Code: tea.KeyEscape}
	enterKey = tea.KeyPressMsg{Code: tea.KeyEnter}
)

// draft is the kept draft of a form on the case ("" when none).
func (e *env) draft(number string) string {
	e.t.Helper()
	d, err := e.d.Draft(e.ctx, e.actor.Name, draftKey(number))
	if errors.Is(err, store.ErrNotFound) {
		return ""
	}
	if err != nil {
		e.t.Fatal(err)
	}
	return d.Data
}

// reopen opens the case on a new page, as after a restart.
func (e *env) reopen(number string) {
	e.m = New(e.c, number)
	e.m.SetSize(e.c.Width, e.c.Height)
	e.run(e.m.Init())
}

// A note typed on the case is kept as a draft while it is typed; opening
// the case again offers it back, restoring puts it into the form, and
// saving the note deletes it.
func TestFormDraftOfferedBack(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		e, cs := newEnv(t, lang, chineseCase())
		e.press("n")
		e.typeText("客户第三次来电，情绪激动，要求主管回电")
		if d := e.draft(cs.Number); !strings.Contains(d, "要求主管回电") {
			t.Fatalf("%s: the note is not kept as a draft: %q", lang, d)
		}
		if v := e.view(); !strings.Contains(v, c(lang, "草稿已保存", "draft kept")) {
			t.Errorf("%s: the form does not say the draft is kept:\n%s", lang, v)
		}

		e.reopen(cs.Number) // the desk was killed with the form open
		v := e.view()
		if !strings.Contains(v, c(lang, "有未保存的草稿：备注", "There is an unsaved draft: add a note")) || !strings.Contains(v, "要求主管回电") ||
			!strings.Contains(v, c(lang, "恢复", "restore")) || !strings.Contains(v, c(lang, "丢弃", "discard")) {
			t.Fatalf("%s: the draft is not offered when the case is opened:\n%s", lang, v)
		}
		if !e.m.Capturing() {
			t.Errorf("%s: the question does not hold the keys", lang)
		}
		e.key(enterKey)
		if e.m.form == nil || e.m.form.action != "note" || !strings.Contains(e.view(), "要求主管回电") {
			t.Fatalf("%s: restoring does not open the note with its text:\n%s", lang, e.view())
		}
		e.key(ctrlSKey)
		if e.m.form != nil {
			t.Fatalf("%s: the restored note was not saved:\n%s", lang, e.view())
		}
		if d := e.draft(cs.Number); d != "" {
			t.Errorf("%s: the draft is left after saving: %q", lang, d)
		}
		e.reopen(cs.Number)
		if e.m.offer != nil {
			t.Errorf("%s: a saved note is offered again", lang)
		}
	}
}

// Discarding from the question deletes the draft; cancelling a form
// deletes its own; an untouched form keeps none.
func TestFormDraftDiscardAndCancel(t *testing.T) {
	e, cs := newEnv(t, "zh", chineseCase())
	e.press("n")
	if e.draft(cs.Number) != "" {
		t.Fatal("an untouched form wrote a draft")
	}
	e.typeText("先记下来")
	e.reopen(cs.Number)
	e.press("d")
	if e.m.offer != nil || e.draft(cs.Number) != "" {
		t.Fatalf("discard: offer %v, draft %q", e.m.offer != nil, e.draft(cs.Number))
	}
	e.press("n")
	e.typeText("又写了一点")
	if e.draft(cs.Number) == "" {
		t.Fatal("no draft of the second note")
	}
	e.key(escKey)
	if e.m.form != nil || e.draft(cs.Number) != "" {
		t.Fatalf("cancel: form open %v, draft %q", e.m.form != nil, e.draft(cs.Number))
	}
}

// The session ending (an SSH connection dropped, the server stopping)
// writes the draft at once, without waiting for the debounce.
func TestFormDraftFlushed(t *testing.T) {
	e, cs := newEnv(t, "en", chineseCase())
	e.press("n")
	// typed straight into the form, without the debounce's write
	e.m.form.fields[0].area.SetValue("typed just before the connection dropped")
	if err := e.m.FlushDraft(e.ctx); err != nil {
		t.Fatal(err)
	}
	if d := e.draft(cs.Number); !strings.Contains(d, "connection dropped") {
		t.Fatalf("flushed draft: %q", d)
	}
}

// A repeat caller's call sent from the intake form opens the case with the
// note form holding it, kept as a draft at once.
func TestOpenedWithNote(t *testing.T) {
	e, cs := newEnv(t, "zh", chineseCase())
	e.m = New(e.c, cs.Number).WithNote("客户又来电催促")
	e.m.SetSize(e.c.Width, e.c.Height)
	e.run(e.m.Init())
	if e.m.form == nil || e.m.form.action != "note" || !strings.Contains(e.view(), "客户又来电催促") {
		t.Fatalf("the note form is not open with the call:\n%s", e.view())
	}
	if d := e.draft(cs.Number); !strings.Contains(d, "客户又来电催促") {
		t.Errorf("the call is not kept as a draft: %q", d)
	}
}
