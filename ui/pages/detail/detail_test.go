package detail

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"complaintdesk/internal/desk"
	"complaintdesk/store"
	"complaintdesk/store/sqlite"
	"complaintdesk/ui/common"
	"complaintdesk/ui/styles"
)

type env struct {
	t      *testing.T
	ctx    context.Context
	d      *desk.Desk
	actor  desk.Actor
	c      *common.Common
	path   string // the database file, for tests that write round the desk
	m      *Model
	status []common.StatusMsg
	saved  []common.SavedMsg
	back   int
}

func newEnv(t *testing.T, lang string, reg desk.Registration) (*env, *store.Case) {
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
	if err := d.AddUser(ctx, store.User{Name: "agent1", Role: "agent"}); err != nil {
		t.Fatal(err)
	}
	actor := desk.Actor{Name: "agent1", Role: "agent"}
	cs, _, err := d.Register(ctx, actor, reg)
	if err != nil {
		t.Fatal(err)
	}
	c := &common.Common{Ctx: ctx, Desk: d, Actor: actor, Lang: lang, Styles: styles.New(true, false), Width: 120, Height: 40, Now: time.Now()}
	e := &env{t: t, ctx: ctx, d: d, actor: actor, c: c, path: path}
	e.m = New(c, cs.Number)
	e.m.SetSize(c.Width, c.Height)
	e.run(e.m.Init())
	return e, cs
}

func chineseCase() desk.Registration {
	return desk.Registration{
		Channel: "phone", Nature: "complaint", Name: "张三", Phone: "13812345678",
		Content: "购买的冰箱送到时外包装破损，冷藏室不制冷，要求上门更换。",
		Demand:  "更换新机并道歉",
	}
}

// run executes commands synchronously and feeds their messages back.
func (e *env) run(cmd tea.Cmd) {
	e.t.Helper()
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 200 {
			e.t.Fatal("too many commands")
		}
		cmd := queue[0]
		queue = queue[1:]
		if cmd == nil {
			continue
		}
		msg := cmd()
		switch msg := msg.(type) {
		case nil:
			continue
		case tea.BatchMsg:
			queue = append(queue, msg...)
			continue
		case common.StatusMsg:
			e.status = append(e.status, msg)
		case common.SavedMsg:
			e.saved = append(e.saved, msg)
		case common.BackMsg:
			e.back++
		}
		_, next := e.m.Update(msg)
		queue = append(queue, next)
	}
}

func (e *env) key(k tea.KeyPressMsg) {
	e.t.Helper()
	_, cmd := e.m.Update(k)
	e.run(cmd)
}

func (e *env) press(s string) {
	e.t.Helper()
	for _, r := range s {
		e.key(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func (e *env) typeText(s string) {
	e.t.Helper()
	_, cmd := e.m.Update(tea.PasteMsg{Content: s})
	e.run(cmd)
}

var (
	ctrlS = tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}
	ctrlR = tea.KeyPressMsg{Code: 'r', Mod: tea.ModCtrl}
	tab   = tea.KeyPressMsg{Code: tea.KeyTab}
	enter = tea.KeyPressMsg{Code: tea.KeyEnter}
	esc   = tea.KeyPressMsg{Code: tea.KeyEscape}
	right = tea.KeyPressMsg{Code: tea.KeyRight}
	left  = tea.KeyPressMsg{Code: tea.KeyLeft}
)

func (e *env) view() string { return ansi.Strip(e.m.View()) }

func (e *env) events(number string) []store.Event {
	e.t.Helper()
	_, evs, err := e.d.Case(e.ctx, desk.System, number)
	if err != nil {
		e.t.Fatal(err)
	}
	return evs
}

func TestViewShowsCase(t *testing.T) {
	e, cs := newEnv(t, "zh", chineseCase())
	v := e.view()
	for _, want := range []string{cs.Number, "已登记", "首次响应", "剩余", "冷藏室不制冷", "登记", "agent1", "张三", "更换新机并道歉", "结案时限"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	// the footer offers what the policy allows an agent on a registered case
	if !strings.Contains(v, "a 首次响应") || strings.Contains(v, "c 结案") {
		t.Errorf("footer actions wrong:\n%s", v)
	}
	// a tick redraws without reading: the countdown moves
	e.c.Now = e.c.Now.Add(25 * time.Hour)
	e.m.Update(common.TickMsg{Now: e.c.Now})
	if v := e.view(); !strings.Contains(v, "已超时") {
		t.Errorf("after 25h the first response should show breached:\n%s", v)
	}
}

func TestAcknowledge(t *testing.T) {
	e, cs := newEnv(t, "zh", chineseCase())
	e.press("a")
	if !e.m.Capturing() {
		t.Fatal("the acknowledge form did not open")
	}
	if v := e.view(); !strings.Contains(v, "预计解决时间") {
		t.Fatalf("form view:\n%s", v)
	}
	e.key(ctrlS)
	if e.m.Capturing() {
		t.Fatalf("form still open:\n%s", e.view())
	}
	got, _, err := e.d.Case(e.ctx, desk.System, cs.Number)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != "acknowledged" || got.ExpectedBy.IsZero() {
		t.Fatalf("status %s expected %v", got.Status, got.ExpectedBy)
	}
	if len(e.saved) != 1 || e.saved[0].Number != cs.Number {
		t.Errorf("saved messages %+v", e.saved)
	}
	v := e.view()
	if !strings.Contains(v, "已达成") || !strings.Contains(v, "已响应") {
		t.Errorf("first response should show met:\n%s", v)
	}
	if !strings.Contains(v, "已登记 -> 已响应") {
		t.Errorf("history lacks the status change:\n%s", v)
	}
}

func TestAcknowledgeBadTime(t *testing.T) {
	e, cs := newEnv(t, "zh", chineseCase())
	e.press("a")
	f := e.m.form
	f.fields[0].input.SetValue("明天")
	e.key(enter)
	if !strings.Contains(e.view(), "时间格式应为") {
		t.Fatalf("no time format error:\n%s", e.view())
	}
	if n := len(e.events(cs.Number)); n != 1 {
		t.Fatalf("%d events, want 1", n)
	}
}

func TestConflictKeepsTyping(t *testing.T) {
	e, cs := newEnv(t, "zh", chineseCase())
	e.press("n")
	e.typeText("已致电客户，约定明日上门")
	// someone else writes meanwhile
	if _, err := e.d.Apply(e.ctx, e.actor, desk.Action{Number: cs.Number, Name: "note", Note: "另一会话的备注"}); err != nil {
		t.Fatal(err)
	}
	e.key(ctrlS)
	v := e.view()
	if !strings.Contains(v, "在您打开后已被") || !strings.Contains(v, "ctrl+r") {
		t.Fatalf("no conflict message:\n%s", v)
	}
	if !strings.Contains(v, "已致电客户") || !e.m.Capturing() {
		t.Fatalf("what was typed is gone:\n%s", v)
	}
	if n := len(e.events(cs.Number)); n != 2 {
		t.Fatalf("%d events, want 2", n)
	}
	// reload and submit again
	e.key(ctrlR)
	if !strings.Contains(e.view(), "已载入最新版本") {
		t.Errorf("no reload notice:\n%s", e.view())
	}
	e.key(ctrlS)
	if e.m.Capturing() {
		t.Fatalf("form still open after resubmitting:\n%s", e.view())
	}
	evs := e.events(cs.Number)
	if len(evs) != 3 || evs[2].Note != "已致电客户，约定明日上门" {
		t.Fatalf("events %+v", evs)
	}
}

func TestGradeNeedsReason(t *testing.T) {
	e, cs := newEnv(t, "zh", chineseCase())
	e.press("g")
	e.key(left) // C -> B: raising takes effect at once (lowering is a request)
	e.key(ctrlS)
	v := e.view()
	if !strings.Contains(v, "请填写改变等级的原因") {
		t.Fatalf("no reason error:\n%s", v)
	}
	// the error sits right under the reason field
	lines := strings.Split(v, "\n")
	for i, l := range lines {
		if strings.Contains(l, "请填写改变等级的原因") && (i == 0 || !strings.Contains(lines[i-1], "原因")) {
			t.Errorf("error not beside the reason field:\n%s", v)
		}
	}
	if n := len(e.events(cs.Number)); n != 1 {
		t.Fatalf("%d events, want 1", n)
	}
	// with a reason it is written
	e.key(tab)
	e.typeText("客户多次来电")
	e.key(enter)
	got, evs, _ := e.d.Case(e.ctx, desk.System, cs.Number)
	if got.Grade != "B" || len(evs) != 2 {
		t.Fatalf("grade %s, %d events", got.Grade, len(evs))
	}
}

func TestNotAllowedSaysWhy(t *testing.T) {
	e, cs := newEnv(t, "zh", chineseCase())
	e.press("c")
	if e.m.Capturing() {
		t.Fatal("close form opened on a registered case")
	}
	if len(e.status) == 0 || !e.status[len(e.status)-1].Error || !strings.Contains(e.status[len(e.status)-1].Text, "不能结案") {
		t.Fatalf("status %+v", e.status)
	}
	if n := len(e.events(cs.Number)); n != 1 {
		t.Fatalf("%d events", n)
	}
	e.key(esc)
	if e.back != 1 {
		t.Fatal("esc did not go back")
	}
}

func TestLifeCycle(t *testing.T) {
	e, cs := newEnv(t, "en", chineseCase())
	if err := e.d.AddUser(e.ctx, store.User{Name: "wang", Role: "agent"}); err != nil {
		t.Fatal(err)
	}
	e.press("a")
	e.key(enter)
	e.press("y")
	e.key(right) // the complainant verified
	e.key(tab)
	e.key(right) // the item verified: which product
	e.key(tab)
	e.key(tab)
	e.key(tab)
	e.typeText("BCD-200 fridge")
	e.key(ctrlS)
	e.press("s")
	e.typeText("wang") // narrows the handlers to wang; enter keeps him, enter again submits
	e.key(enter)
	e.key(enter)
	// the handler resolves it, in his own session
	e.c.Actor = desk.Actor{Name: "wang", Role: "agent"}
	e.run(e.m.load())
	e.press("r")
	// category select: pick one, fill resolution and reply
	e.key(right)
	e.key(right)
	e.key(tab)
	e.typeText("replaced the fridge")
	e.focusOn("reply") // past the types and the templates
	e.typeText("We replaced your fridge and apologise.")
	e.key(ctrlS)
	if e.m.Capturing() {
		t.Fatalf("resolve form still open:\n%s", e.view())
	}
	e.press("c")
	if v := e.view(); !strings.Contains(v, "replaced the fridge") {
		t.Fatalf("close form not prefilled:\n%s", v)
	}
	e.key(ctrlS)
	if got, _, _ := e.d.Case(e.ctx, desk.System, cs.Number); got.Status != "resolved" {
		t.Fatalf("closed before the solution was carried out: %s", got.Status)
	}
	e.key(esc)
	e.press("z")
	e.typeText("fridge replaced on site")
	e.key(ctrlS)
	e.press("c")
	e.key(ctrlS)
	// the revisit is the supervisor's (001 五.5)
	e.c.Actor = desk.Actor{Name: "chen", Role: "supervisor"}
	e.run(e.m.load())
	e.press("v")
	e.press("4") // narrows the satisfaction to 4; enter keeps it, enter again submits
	e.key(enter)
	e.key(enter)
	got, evs, _ := e.d.Case(e.ctx, desk.System, cs.Number)
	if got.Status != "revisited" || got.Satisfaction != 4 || got.Handler != "wang" || got.Category == "" {
		t.Fatalf("case %+v events %d", got, len(evs))
	}
	v := e.view()
	for _, want := range []string{"Revisited", "Closed", "Resolved", "Assigned", "met,"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
}

func TestEscapesAreShownNotObeyed(t *testing.T) {
	// The input rules refuse control characters when typed; text that came
	// in before them (or round them, into the file) is shown, never obeyed.
	e, cs := newEnv(t, "zh", chineseCase())
	db, err := sql.Open("sqlite", e.path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE cases SET content = $1 WHERE number = $2`, "坏人\x1b[2J\x1b]0;pwned\x07内容", cs.Number); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE complainants SET name = $1`, "李\x1b[31m四"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	e.run(e.m.load())
	raw := e.m.View()
	if strings.Count(raw, "\x1b]0;") != 0 || strings.Contains(raw, "\x1b[2J") || strings.Contains(raw, "\x07") {
		t.Fatalf("escape sequence reached the view: %q", raw)
	}
	if !strings.Contains(ansi.Strip(raw), "pwned") {
		t.Fatalf("the text itself is gone:\n%s", ansi.Strip(raw))
	}
}

func TestFitsSize(t *testing.T) {
	long := strings.Repeat("客户反映产品质量问题，多次维修未果，要求退货退款并赔偿损失。", 8)
	en := desk.Registration{Channel: "web", Nature: "complaint", Name: "John Smith", Email: "john@example.com",
		Content: strings.Repeat("The washing machine leaks water onto the floor every time it runs. ", 10), Demand: "refund"}
	zh := chineseCase()
	zh.Content = long
	for _, tc := range []struct {
		lang string
		reg  desk.Registration
	}{{"en", en}, {"zh", zh}} {
		e, _ := newEnv(t, tc.lang, tc.reg)
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			e.m.SetSize(size[0], size[1])
			check := func(what string) {
				t.Helper()
				v := e.view()
				lines := strings.Split(v, "\n")
				if len(lines) > size[1] {
					t.Errorf("%s %s %dx%d: %d lines", tc.lang, what, size[0], size[1], len(lines))
				}
				for _, l := range lines {
					if w := ansi.StringWidth(l); w > size[0] {
						t.Errorf("%s %s %dx%d: line of %d cells: %q", tc.lang, what, size[0], size[1], w, l)
					}
				}
			}
			check("page")
			for i := 0; i < 50; i++ {
				e.key(tea.KeyPressMsg{Code: tea.KeyDown})
			}
			check("scrolled")
			for _, k := range []string{"a", "n", "g", "s"} {
				e.press(k)
				e.typeText(long)
				e.key(ctrlS)
				check("form " + k)
				for e.m.Capturing() { // esc first ends a picker's filter
					e.key(esc)
				}
			}
		}
		// resolve with every problem shown, then a conflict on top
		if err := e.d.AddUser(e.ctx, store.User{Name: "王工", Role: "agent"}); err != nil {
			t.Fatal(err)
		}
		for _, a := range []desk.Action{
			{Name: "acknowledge", ExpectedBy: time.Now().Add(time.Hour)},
			{Name: "verify", ComplainantVerified: true, ItemVerified: true, ItemProduct: "BCD-200"},
			{Name: "assign", Handler: e.actor.Name}, // the handler resolves
		} {
			a.Number = e.m.Number()
			if _, err := e.d.Apply(e.ctx, e.actor, a); err != nil {
				t.Fatal(err)
			}
		}
		e.run(e.m.load())
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			e.m.SetSize(size[0], size[1])
			e.press("r")
			e.key(ctrlS)
			v := e.view()
			if !strings.Contains(v, c(tc.lang, "此操作需要填写：分类", "this action needs category")) {
				t.Errorf("resolve problems not shown:\n%s", v)
			}
			lines := strings.Split(v, "\n")
			if len(lines) > size[1] || !strings.Contains(lines[len(lines)-1], "┘") {
				t.Errorf("%s %dx%d: the dialog does not fit (%d lines):\n%s", tc.lang, size[0], size[1], len(lines), v)
			}
			for _, l := range lines {
				if w := ansi.StringWidth(l); w > size[0] {
					t.Errorf("%s resolve %dx%d: line of %d cells: %q", tc.lang, size[0], size[1], w, l)
				}
			}
			e.key(esc)
		}
	}
}

func c(lang, zh, en string) string {
	if lang == "zh" {
		return zh
	}
	return en
}

func TestDataChangedKeepsForm(t *testing.T) {
	e, cs := newEnv(t, "zh", chineseCase())
	e.press("n")
	e.typeText("正在联系物流")
	if _, err := e.d.Apply(e.ctx, e.actor, desk.Action{Number: cs.Number, Name: "acknowledge", ExpectedBy: time.Now().Add(72 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	_, cmd := e.m.Update(common.DataChangedMsg{})
	e.run(cmd)
	v := e.view()
	if !e.m.Capturing() || !strings.Contains(v, "正在联系物流") {
		t.Fatalf("form lost on reload:\n%s", v)
	}
	if !strings.Contains(v, "已响应") || !strings.Contains(v, "ctrl+r") {
		t.Fatalf("the reload is not shown or the form does not say the case changed:\n%s", v)
	}
}

func TestForbiddenAfterReload(t *testing.T) {
	e, cs := newEnv(t, "zh", chineseCase())
	ctx, d, a := e.ctx, e.d, e.actor
	e.apply(a, desk.Action{Number: cs.Number, Name: "acknowledge", ExpectedBy: time.Now().Add(48 * time.Hour)})
	e.handOver(cs.Number, "王工", "agent")
	steps := []desk.Action{
		{Name: "resolve", Category: "product.defect", Resolution: "换新", Reply: "已换新"},
		{Name: "implement", Implementation: "已上门换新"},
	}
	for _, s := range steps {
		s.Number = cs.Number
		if _, err := d.Apply(ctx, desk.Actor{Name: "王工", Role: "agent"}, s); err != nil { // the handler's steps
			t.Fatal(err)
		}
	}
	e.run(e.m.load())
	e.press("c")
	if !e.m.Capturing() {
		t.Fatalf("close form did not open: %+v", e.status)
	}
	if _, err := d.Apply(ctx, desk.Actor{Name: "agent1", Role: "supervisor"}, desk.Action{Number: cs.Number, Name: "grade", Grade: "A", Reason: "媒体曝光"}); err != nil {
		t.Fatal(err)
	}
	e.key(ctrlR)
	if v := e.view(); !strings.Contains(v, "需要主管") {
		t.Fatalf("no notice after reload:\n%s", v)
	}
	e.key(ctrlS)
	if v := e.view(); !strings.Contains(v, "不允许") || !e.m.Capturing() {
		t.Fatalf("no refusal shown:\n%s", v)
	}
	got, _, _ := d.Case(ctx, desk.System, cs.Number)
	if got.Status != "resolved" {
		t.Fatalf("status %s", got.Status)
	}
}

func TestScrollAndWheel(t *testing.T) {
	e, cs := newEnv(t, "zh", chineseCase())
	for i := 0; i < 15; i++ {
		if _, err := e.d.Apply(e.ctx, e.actor, desk.Action{Number: cs.Number, Name: "note", Note: "第" + strings.Repeat("一", i+1) + "条备注"}); err != nil {
			t.Fatal(err)
		}
	}
	e.run(e.m.load())
	e.m.SetSize(80, 24)
	top := e.view()
	e.m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if e.view() == top {
		t.Fatal("the wheel did not scroll")
	}
	e.m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	if e.view() != top {
		t.Fatalf("the wheel up did not come back:\n%s\n----\n%s", top, e.view())
	}
	e.key(tea.KeyPressMsg{Code: tea.KeyPgDown})
	e.key(tea.KeyPressMsg{Code: tea.KeyEnd})
	if v := e.view(); !strings.Contains(v, "登记") || strings.Contains(v, "投诉内容") {
		t.Fatalf("end should show the oldest event:\n%s", v)
	}
}

// The page reloads on every change, its own submission's too, which can
// arrive before the submission's answer: the form being submitted does not
// call that change someone else's.
func TestOwnSubmissionIsNotAnotherChange(t *testing.T) {
	e, cs := newEnv(t, "zh", chineseCase())
	e.press("n")
	e.typeText("已电话联系客户")
	_, submit := e.m.Update(ctrlS)
	saved := submit() // the note is written; its answer not yet handed to the page
	if n := len(e.events(cs.Number)); n != 2 {
		t.Fatalf("%d events after the submission, want 2", n)
	}
	_, reload := e.m.Update(common.DataChangedMsg{}) // the change it made, seen first
	e.run(reload)
	if v := e.view(); strings.Contains(v, "此投诉单刚被修改") {
		t.Errorf("the form being submitted says the case was changed by someone:\n%s", v)
	}
	_, cmd := e.m.Update(saved)
	e.run(cmd)
	if e.m.Capturing() {
		t.Errorf("the note form is still open after its answer:\n%s", e.view())
	}
}
