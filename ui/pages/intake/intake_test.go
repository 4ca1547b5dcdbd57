package intake

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/desk/desktest"
	"complaintdesk/internal/policy"
	"complaintdesk/store"
	"complaintdesk/store/sqlite"
	"complaintdesk/ui/common"
	"complaintdesk/ui/styles"
)

func init() { draftDelay = time.Millisecond }

var agent = desk.Actor{Name: "agent1", Role: "agent"}

func setup(t *testing.T, lang string) (*common.Common, *desk.Desk) {
	t.Helper()
	c, d, _ := setupAt(t, lang)
	return c, d
}

// setupAt is setup that also gives the database file, for tests that
// write round the desk.
func setupAt(t *testing.T, lang string) (*common.Common, *desk.Desk, string) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "d.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	d, err := desk.Open(ctx, db, desk.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.ActorFor(ctx, "", "tester"); err != nil { // the first user, an admin
		t.Fatal(err)
	}
	if err := d.AddUser(ctx, store.User{Name: agent.Name, Role: agent.Role}); err != nil {
		t.Fatal(err)
	}
	c := &common.Common{Ctx: ctx, Desk: d, Actor: agent, Lang: lang, Styles: styles.New(true, false),
		Width: 120, Height: 40, Now: time.Now()}
	return c, d, path
}

func keyPress(s string) tea.KeyPressMsg {
	switch s {
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "ctrl+s":
		return tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}
	}
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

// press sends keys and returns their commands, batched.
func press(m *Model, keys ...string) tea.Cmd {
	var cmds []tea.Cmd
	for _, k := range keys {
		_, cmd := m.Update(keyPress(k))
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

// typeText types s rune by rune.
func typeText(m *Model, s string) tea.Cmd {
	var cmds []tea.Cmd
	for _, r := range s {
		_, cmd := m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

// drain runs cmd and everything it leads to: the form's own messages go back
// into Update, the messages for the root are returned.
func drain(t *testing.T, m *Model, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	var out []tea.Msg
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case common.StatusMsg, common.BackMsg, common.SavedMsg, common.OpenCaseMsg:
			out = append(out, msg)
		default:
			_, next := m.Update(msg)
			queue = append(queue, next)
		}
	}
	return out
}

func focusField(t *testing.T, m *Model, f field) {
	t.Helper()
	for i := 0; m.focus != f; i++ {
		if i > int(numFields) {
			t.Fatalf("cannot reach field %s", fieldKeys[f])
		}
		press(m, "tab")
	}
}

func view(m *Model) string { return ansi.Strip(m.View()) }

func caseCount(t *testing.T, d *desk.Desk) int {
	t.Helper()
	cs, err := desktest.List(d, context.Background(), store.Query{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	return len(cs)
}

func TestSaveRegistersCase(t *testing.T) {
	c, d := setup(t, "zh")
	m := New(c, "")
	m.SetSize(120, 40)
	var cmds []tea.Cmd
	focusField(t, m, fPhone)
	cmds = append(cmds, typeText(m, "138 1234 5678"))
	focusField(t, m, fName)
	cmds = append(cmds, typeText(m, "张三"))
	focusField(t, m, fContent)
	cmds = append(cmds, typeText(m, "洗衣机漏水，"))
	m.Update(keyPress("enter"))
	cmds = append(cmds, typeText(m, "要求退款"))
	drain(t, m, tea.Batch(cmds...))

	msgs := drain(t, m, press(m, "ctrl+s"))
	var number string
	var back, status bool
	for _, msg := range msgs {
		switch msg := msg.(type) {
		case common.SavedMsg:
			number = msg.Number
		case common.BackMsg:
			back = true
		case common.StatusMsg:
			status = !msg.Error && strings.Contains(msg.Text, "已登记") && number != "" && strings.Contains(msg.Text, number)
		}
	}
	if number == "" {
		t.Fatalf("no SavedMsg in %#v; view:\n%s", msgs, view(m))
	}
	if !back || !status {
		t.Errorf("back=%v status=%v in %#v", back, status, msgs)
	}
	cs, _, err := d.Case(context.Background(), desk.System, number)
	if err != nil {
		t.Fatal(err)
	}
	p := cs.Primary()
	if p.Name != "张三" || p.Phone != "13812345678" || cs.Content != "洗衣机漏水，\n要求退款" {
		t.Errorf("stored %q %q %q", p.Name, p.Phone, cs.Content)
	}
	if cs.Channel != "phone" || cs.Nature != "complaint" || cs.Grade != "C" || cs.GradeReason == "" {
		t.Errorf("channel %q nature %q grade %q reason %q", cs.Channel, cs.Nature, cs.Grade, cs.GradeReason)
	}
	if _, err := d.Draft(context.Background(), agent.Name, DraftKey); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("draft still there after the save: %v", err)
	}
}

func TestRetriedSaveRegistersOnce(t *testing.T) {
	c, d := setup(t, "en")
	m := New(c, "")
	focusField(t, m, fPhone)
	typeText(m, "13812345678")
	focusField(t, m, fContent)
	typeText(m, "late parcel")
	// The first attempt committed but its answer was lost.
	reg, ok := m.registration()
	if !ok {
		t.Fatal("registration not ok")
	}
	first, _, err := d.Register(context.Background(), agent, reg)
	if err != nil {
		t.Fatal(err)
	}
	var number string
	for _, msg := range drain(t, m, press(m, "ctrl+s")) {
		if s, ok := msg.(common.SavedMsg); ok {
			number = s.Number
		}
	}
	if number != first.Number {
		t.Errorf("retry saved %q, first %q", number, first.Number)
	}
	if n := caseCount(t, d); n != 1 {
		t.Errorf("%d cases, want 1", n)
	}
}

func TestInvalidPhoneShownBesideField(t *testing.T) {
	c, d := setup(t, "zh")
	m := New(c, "")
	m.SetSize(120, 40)
	focusField(t, m, fPhone)
	typeText(m, "12345")
	focusField(t, m, fContent)
	typeText(m, "服务态度差")
	msgs := drain(t, m, press(m, "ctrl+s"))
	for _, msg := range msgs {
		if _, ok := msg.(common.SavedMsg); ok {
			t.Fatal("saved an invalid form")
		}
	}
	if n := caseCount(t, d); n != 0 {
		t.Fatalf("%d cases written", n)
	}
	v := view(m)
	lines := strings.Split(v, "\n")
	found := false
	for i, l := range lines {
		if strings.Contains(l, "联系电话") && strings.Contains(l, "12345") {
			found = i+1 < len(lines) && strings.Contains(lines[i+1], "电话号码无效")
		}
	}
	if !found {
		t.Errorf("no phone error under the phone field:\n%s", v)
	}
	if m.focus != fPhone {
		t.Errorf("focus on %s, want phone", fieldKeys[m.focus])
	}
	// Editing the phone clears its error.
	press(m, "backspace")
	if strings.Contains(view(m), "电话号码无效") {
		t.Error("error stays after editing the field")
	}
}

func TestCallerHistory(t *testing.T) {
	c, d, path := setupAt(t, "zh")
	ctx := context.Background()
	var numbers []string
	for i, content := range []string{"第一次投诉：空调不制冷", "第二次投诉\n噪音大"} {
		cs, _, err := d.Register(ctx, agent, desk.Registration{
			Name: "李四", Phone: "13900001111", Content: content, Grade: "C",
			ReceivedAt: time.Now().Add(-time.Duration(2-i) * time.Hour), LateReason: "按来电记录补录",
		})
		if err != nil {
			t.Fatal(err)
		}
		numbers = append(numbers, cs.Number)
	}
	if _, _, err := d.Register(ctx, agent, desk.Registration{Phone: "13900002222", Content: "别人的投诉"}); err != nil {
		t.Fatal(err)
	}
	// Control characters are refused when typed; text that came in before
	// the input rules (or round them) is shown, never obeyed.
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE cases SET content = $1 WHERE number = $2`, "第二次\x1b[2J投诉\n噪音大", numbers[1]); err != nil {
		t.Fatal(err)
	}
	db.Close()
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		m := New(c, "")
		m.SetSize(size[0], size[1])
		focusField(t, m, fPhone)
		drain(t, m, typeText(m, "139-0000-1111"))
		raw := m.View()
		if strings.Contains(raw, "\x1b[2J") {
			t.Fatal("customer text reached the terminal as a control sequence")
		}
		v := ansi.Strip(raw)
		if !strings.Contains(v, "第二次␛[2J投诉") {
			t.Errorf("%dx%d: the escape is not shown as text:\n%s", size[0], size[1], v)
		}
		for _, n := range numbers {
			if !strings.Contains(v, n) {
				t.Errorf("%dx%d: %s not listed:\n%s", size[0], size[1], n, v)
			}
		}
		if !strings.Contains(v, "2 件投诉，其中 2 件未结") || !strings.Contains(v, "第一次投诉") || !strings.Contains(v, "李四") {
			t.Errorf("%dx%d: history header, excerpt or name missing:\n%s", size[0], size[1], v)
		}
		if strings.Contains(v, "别人的投诉") {
			t.Error("another caller's case listed")
		}
		checkFits(t, m, size[0], size[1])
		// A number that is no longer valid clears the list.
		press(m, "backspace")
		if strings.Contains(view(m), numbers[0]) {
			t.Error("history stays for an invalid number")
		}
	}
}

func TestCollectiveSuggestsGradeA(t *testing.T) {
	c, d := setup(t, "zh")
	m := New(c, "")
	m.SetSize(120, 40)
	focusField(t, m, fCollective)
	typeText(m, "12")
	_, rs := c.Policy().SuggestGrade(policy.GradeInput{Nature: "complaint", CollectiveSize: 12})
	want := rs[0].In("zh")
	v := view(m)
	if m.sugGrade != "A" || !strings.Contains(v, "采用建议：A 重大") || !strings.Contains(v, want) {
		t.Fatalf("suggestion %q, want A with %q:\n%s", m.sugGrade, want, v)
	}
	// Saved with the suggestion and its reason.
	focusField(t, m, fPhone)
	typeText(m, "13812345678")
	focusField(t, m, fContent)
	typeText(m, "小区停水三天")
	var number string
	for _, msg := range drain(t, m, press(m, "ctrl+s")) {
		if s, ok := msg.(common.SavedMsg); ok {
			number = s.Number
		}
	}
	cs, _, err := d.Case(context.Background(), desk.System, number)
	if err != nil {
		t.Fatal(err)
	}
	if cs.Grade != "A" || cs.GradeReason != want || cs.CollectiveSize != 12 {
		t.Errorf("grade %q reason %q size %d", cs.Grade, cs.GradeReason, cs.CollectiveSize)
	}
}

func TestChosenGradeOverrides(t *testing.T) {
	c, d := setup(t, "en")
	m := New(c, "")
	focusField(t, m, fGrade)
	press(m, "right", "right") // "" -> A -> B
	if m.sel[fGrade] != "B" {
		t.Fatalf("grade %q", m.sel[fGrade])
	}
	focusField(t, m, fPhone)
	typeText(m, "13812345678")
	focusField(t, m, fContent)
	typeText(m, "rude staff")
	var number string
	for _, msg := range drain(t, m, press(m, "ctrl+s")) {
		if s, ok := msg.(common.SavedMsg); ok {
			number = s.Number
		}
	}
	cs, _, err := d.Case(context.Background(), desk.System, number)
	if err != nil {
		t.Fatal(err)
	}
	if cs.Grade != "B" || !strings.HasPrefix(cs.GradeReason, "agent's choice") {
		t.Errorf("grade %q reason %q", cs.Grade, cs.GradeReason)
	}
}

func TestSameComplaintFromOthersSuggestsB(t *testing.T) {
	c, d := setup(t, "zh")
	ctx := context.Background()
	for _, phone := range []string{"13900000001", "13900000002", "13800000000"} {
		if _, _, err := d.Register(ctx, agent, desk.Registration{Phone: phone, Content: "漏水", Category: "product.defect", Subject: "XQB80 洗衣机"}); err != nil {
			t.Fatal(err)
		}
	}
	m := New(c, "")
	m.SetSize(120, 40)
	focusField(t, m, fPhone)
	drain(t, m, typeText(m, "13800000000")) // one of the three is this caller
	focusField(t, m, fCategory)
	drain(t, m, press(m, "right", "right")) // (later) -> product -> product.defect
	if m.sel[fCategory] != "product.defect" {
		t.Fatalf("category %q", m.sel[fCategory])
	}
	// the same complaint is matched on the category and the product (seed 001 B(2))
	if m.sugGrade != "C" || m.similarCount() != 0 {
		t.Fatalf("without the product: suggested %q with %d others", m.sugGrade, m.similarCount())
	}
	focusField(t, m, fSubject)
	drain(t, m, typeText(m, "XQB80 洗衣机"))
	if m.sugGrade != "B" || m.similarCount() != 2 {
		t.Fatalf("suggested %q with %d others:\n%s", m.sugGrade, m.similarCount(), view(m))
	}
	if v := view(m); !strings.Contains(v, "产品质量 / 质量缺陷/故障") || !strings.Contains(v, "3位不同投诉人") {
		t.Errorf("category path or reason missing:\n%s", v)
	}
}

func TestDraftSavedAndRestored(t *testing.T) {
	c, d := setup(t, "zh")
	ctx := context.Background()
	m := New(c, "")
	focusField(t, m, fName)
	cmd := typeText(m, "张三")
	focusField(t, m, fContent)
	cmd = tea.Batch(cmd, typeText(m, "第一行"), press(m, "enter"), typeText(m, "第二行"))
	focusField(t, m, fCategory)
	cmd = tea.Batch(cmd, press(m, "right"))
	drain(t, m, cmd)
	dr, err := d.Draft(ctx, agent.Name, DraftKey)
	if err != nil {
		t.Fatalf("no draft written: %v", err)
	}
	if !strings.Contains(view(m), "草稿已保存") {
		t.Error("the form does not say the draft was kept")
	}
	m2 := New(c, dr.Data)
	if m2.value(fName) != "张三" || m2.value(fContent) != "第一行\n第二行" || m2.sel[fCategory] != "product" ||
		m2.focus != fCategory || m2.idem != m.idem || m2.value(fReceived) != m.value(fReceived) {
		t.Errorf("restored name %q content %q category %q focus %s idem %v",
			m2.value(fName), m2.value(fContent), m2.sel[fCategory], fieldKeys[m2.focus], m2.idem == m.idem)
	}
	if s := DraftSummary(dr.Data, 20); !strings.Contains(s, "张三") || ansi.StringWidth(s) > 20 {
		t.Errorf("summary %q", s)
	}
	// A late tick of an older change writes nothing.
	if _, cmd := m.Update(draftTickMsg{g: m.g, seq: m.draftSeq - 1}); cmd != nil {
		t.Error("a stale tick writes the draft")
	}
}

func TestEscAsksThenDiscards(t *testing.T) {
	c, d := setup(t, "zh")
	ctx := context.Background()
	m := New(c, "")
	m.SetSize(80, 24)
	focusField(t, m, fName)
	drain(t, m, typeText(m, "王五"))
	if _, err := d.Draft(ctx, agent.Name, DraftKey); err != nil {
		t.Fatal(err)
	}
	if msgs := drain(t, m, press(m, "esc")); len(msgs) != 0 {
		t.Fatalf("esc left at once: %#v", msgs)
	}
	if !m.Capturing() || !strings.Contains(view(m), "放弃这张表单") {
		t.Fatalf("no confirmation:\n%s", view(m))
	}
	checkFits(t, m, 80, 24)
	press(m, "n")
	if strings.Contains(view(m), "放弃这张表单") || m.value(fName) != "王五" {
		t.Fatal("n did not return to the form")
	}
	press(m, "esc")
	msgs := drain(t, m, press(m, "y"))
	back := false
	for _, msg := range msgs {
		if _, ok := msg.(common.BackMsg); ok {
			back = true
		}
	}
	if !back {
		t.Errorf("y did not leave: %#v", msgs)
	}
	if _, err := d.Draft(ctx, agent.Name, DraftKey); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("draft not deleted: %v", err)
	}
	// A draft write that was still pending cannot bring it back.
	drain(t, m, m.writeDraft(m.draftSeq))
	if _, err := d.Draft(ctx, agent.Name, DraftKey); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("draft came back: %v", err)
	}
}

func TestCapturingAndFlush(t *testing.T) {
	c, d := setup(t, "zh")
	m := New(c, "")
	if m.Capturing() {
		t.Error("capturing on the channel select")
	}
	focusField(t, m, fPhone)
	if !m.Capturing() {
		t.Error("not capturing in the phone field")
	}
	typeText(m, "13812345678") // no commands run: the debounced write never happens
	if err := m.FlushDraft(context.Background()); err != nil {
		t.Fatal(err)
	}
	dr, err := d.Draft(context.Background(), agent.Name, DraftKey)
	if err != nil || !strings.Contains(dr.Data, "13812345678") {
		t.Fatalf("flushed draft %v %v", dr, err)
	}
}

func TestEscOnUntouchedFormLeaves(t *testing.T) {
	c, _ := setup(t, "en")
	m := New(c, "")
	press(m, "tab", "shift+tab")
	msgs := drain(t, m, press(m, "esc"))
	if len(msgs) != 1 {
		t.Fatalf("want only BackMsg, got %#v", msgs)
	}
	if _, ok := msgs[0].(common.BackMsg); !ok {
		t.Fatalf("got %#v", msgs)
	}
}

func checkFits(t *testing.T, m *Model, w, h int) {
	t.Helper()
	lines := strings.Split(view(m), "\n")
	if len(lines) > h {
		t.Errorf("%dx%d: %d lines", w, h, len(lines))
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			t.Errorf("%dx%d: line %d is %d cells: %q", w, h, i, lw, l)
		}
	}
}

func TestFitsEverySize(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		c, d := setup(t, lang)
		ctx := context.Background()
		for i := range 12 {
			if _, _, err := d.Register(ctx, agent, desk.Registration{
				Name: "欧阳娜娜", Phone: "13700001234", Category: "product.defect",
				Content: strings.Repeat("客户反映产品多次出现故障，要求全额退款并赔偿损失。", 3) + string(rune('0'+i%10)),
			}); err != nil {
				t.Fatal(err)
			}
		}
		for _, size := range [][2]int{{80, 24}, {120, 40}, {100, 30}, {80, 12}} {
			w, h := size[0], size[1]
			m := New(c, "")
			m.SetSize(w, h)
			checkFits(t, m, w, h)
			focusField(t, m, fPhone)
			drain(t, m, typeText(m, "13700001234"))
			focusField(t, m, fContent)
			typeText(m, strings.Repeat("洗衣机在保修期内第三次漏水，维修人员态度恶劣，", 8))
			focusField(t, m, fCategory)
			drain(t, m, press(m, "right", "right"))
			focusField(t, m, fSubject)
			typeText(m, "型号 XQG100-14B 批号 2026-0815 "+strings.Repeat("很长的说明", 20))
			focusField(t, m, fCollective)
			typeText(m, "abc")
			drain(t, m, press(m, "ctrl+s"))
			for f := range numFields {
				if f == fLate && !m.late() { // shown only for a late entry (TestLateEntryAsksWhy)
					continue
				}
				m.setFocus(f)
				checkFits(t, m, w, h)
				v := view(m)
				if !strings.Contains(v, m.label(f)) {
					t.Errorf("%s %dx%d: focused field %s not visible:\n%s", lang, w, h, fieldKeys[f], v)
				}
			}
			press(m, "esc")
			checkFits(t, m, w, h)
		}
	}
}

// A call received over an hour ago is a late entry: the form shows 补录原因
// under the received time, refuses to save without it (writing nothing) and
// registers with it; a call received now has no such field.
func TestLateEntryAsksWhy(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		c, d := setup(t, lang)
		m := New(c, "")
		m.SetSize(80, 24)
		label := m.label(fLate)
		if strings.Contains(view(m), label) {
			t.Fatalf("%s: a call received now asks why it is late:\n%s", lang, view(m))
		}
		received := time.Now().Add(-3 * time.Hour).In(c.Loc())
		focusField(t, m, fReceived)
		press(m, "ctrl+u")
		drain(t, m, typeText(m, received.Format(timeLayout)))
		press(m, "tab")
		if m.focus != fLate || !strings.Contains(view(m), label) {
			t.Fatalf("%s: received three hours ago, the next field is %s:\n%s", lang, fieldKeys[m.focus], view(m))
		}
		focusField(t, m, fPhone)
		drain(t, m, typeText(m, "13812345678"))
		focusField(t, m, fContent)
		drain(t, m, typeText(m, "热水器漏水"))
		drain(t, m, press(m, "ctrl+s"))
		if n := caseCount(t, d); n != 0 {
			t.Fatalf("%s: saved a late entry without its reason (%d cases)", lang, n)
		}
		if m.focus != fLate || m.errs[fLate] == "" || !strings.Contains(view(m), m.errs[fLate][:6]) {
			t.Fatalf("%s: the missing reason is not shown at its field (focus %s):\n%s", lang, fieldKeys[m.focus], view(m))
		}
		drain(t, m, typeText(m, "来电时系统故障，按通话记录补录"))
		var number string
		for _, msg := range drain(t, m, press(m, "ctrl+s")) {
			if s, ok := msg.(common.SavedMsg); ok {
				number = s.Number
			}
		}
		if number == "" {
			t.Fatalf("%s: not saved with the reason:\n%s", lang, view(m))
		}
		_, evs, err := d.Case(context.Background(), desk.System, number)
		if err != nil {
			t.Fatal(err)
		}
		if evs[0].Late != "来电时系统故障，按通话记录补录" || !evs[0].At.Equal(received.Truncate(time.Minute)) || evs[0].Entered.Sub(evs[0].At) < 2*time.Hour {
			t.Errorf("%s: the registration is not a late entry with both times: %+v", lang, evs[0])
		}
	}
}
