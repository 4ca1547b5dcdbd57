package detail

import (
	"complaintdesk/internal/desk/desktest"
	"context"
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

// lastStatus is the last status line the page asked for.
func (e *env) lastStatus() common.StatusMsg {
	e.t.Helper()
	if len(e.status) == 0 {
		e.t.Fatal("no status line")
	}
	return e.status[len(e.status)-1]
}

func (e *env) apply(a desk.Actor, act desk.Action) {
	e.t.Helper()
	if _, err := e.d.Apply(e.ctx, a, act); err != nil {
		e.t.Fatalf("%s: %v", act.Name, err)
	}
	e.run(e.m.load())
}

// handOver verifies the case and assigns it to a new handler of the role,
// the steps the default policy asks for before resolving.
func (e *env) handOver(number, handler, role string) {
	e.t.Helper()
	if err := e.d.AddUser(e.ctx, store.User{Name: handler, Role: role}); err != nil {
		e.t.Fatal(err)
	}
	e.apply(e.actor, desk.Action{Number: number, Name: "verify", ComplainantVerified: true, ItemVerified: true, ItemProduct: "BCD-200 冰箱"})
	e.apply(e.actor, desk.Action{Number: number, Name: "assign", Handler: handler})
}

func (e *env) fits(w, h int) {
	e.t.Helper()
	lines := strings.Split(e.view(), "\n")
	if len(lines) > h {
		e.t.Errorf("%dx%d: %d lines:\n%s", w, h, len(lines), e.view())
	}
	for _, l := range lines {
		if n := ansi.StringWidth(l); n > w {
			e.t.Errorf("%dx%d: a line of %d cells: %q", w, h, n, l)
		}
	}
}

// A key whose action is not allowed now says why, in the words the desk
// (and so the command line) refuses with, and writes nothing.
func TestRefusedKeysSayTheDesksReason(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		e, cs := newEnv(t, lang, chineseCase())
		for _, k := range []string{"c", "v", "o", "u", "Y", "r"} {
			action := actionForKey(e.c, k)
			e.press(k)
			if e.m.Capturing() {
				t.Fatalf("%s: a form opened for %s on a registered case", lang, action)
			}
			st := e.lastStatus()
			err := e.d.Check(cs, action, e.actor)
			want := ""
			if err != nil {
				want = e.c.ErrorText(err)
				if ve, ok := err.(*desk.ValidationError); ok {
					want = ve.Problems[0].Message(lang)
				}
			}
			if !st.Error || want == "" || st.Text != want {
				t.Errorf("%s %s: status %q; want the desk's reason %q", lang, action, st.Text, want)
			}
		}
		if n := len(e.events(cs.Number)); n != 1 {
			t.Errorf("%s: %d events after refused keys", lang, n)
		}
	}
}

// Grade A: the agent may not close and is told to ask for approval; the
// request, the supervisor's approval and the closure are keys and forms.
func TestGradeAApprovalByKeys(t *testing.T) {
	reg := chineseCase()
	reg.Grade = "A"
	e, cs := newEnv(t, "zh", reg)
	sup := desk.Actor{Name: "陈主管", Role: "supervisor"}
	e.apply(e.actor, desk.Action{Number: cs.Number, Name: "acknowledge", ExpectedBy: time.Now().Add(48 * time.Hour)})
	e.apply(e.actor, desk.Action{Number: cs.Number, Name: "verify", ComplainantVerified: true, ItemVerified: true, ItemProduct: "BCD-200 冰箱"})
	e.apply(e.actor, desk.Action{Number: cs.Number, Name: "assign", Handler: e.actor.Name}) // the agent handles it
	e.apply(e.actor, desk.Action{Number: cs.Number, Name: "resolve", Category: "product.defect", Resolution: "换新", Reply: "已为您换新"})
	e.apply(e.actor, desk.Action{Number: cs.Number, Name: "implement", Implementation: "已上门换新"})
	e.press("c")
	if st := e.lastStatus(); !strings.Contains(st.Text, "提交审批") || e.m.Capturing() {
		t.Fatalf("closing grade A as an agent: %q", st.Text)
	}
	e.press("u")
	if e.m.Capturing() {
		t.Fatal("the approval request opened a form without the investigation report")
	}
	if st := e.lastStatus(); !strings.Contains(st.Text, "调查报告") {
		t.Fatalf("the request without a report: %q", st.Text)
	}
	// the investigation report, by its form
	e.press("d")
	if v := e.view(); !strings.Contains(v, "查明的事实") || !strings.Contains(v, "预防措施") {
		t.Fatalf("report form:\n%s", v)
	}
	e.typeText("压缩机继电器故障")
	e.key(tab)
	e.typeText("批次质量问题")
	e.key(tab)
	e.typeText("供应商")
	e.key(tab)
	e.key(right) // 投诉成立
	e.key(ctrlS)
	if e.m.Capturing() {
		t.Fatalf("report form still open:\n%s", e.view())
	}
	if v := e.view(); !strings.Contains(v, "压缩机继电器故障") || !strings.Contains(v, "投诉成立") {
		t.Errorf("the report is not shown:\n%s", v)
	}
	e.press("u")
	e.key(enter)
	got, _, _ := e.d.Case(e.ctx, desk.System, cs.Number)
	if got.Status != "pending_approval" {
		t.Fatalf("after the request: %s", got.Status)
	}
	// the supervisor's session
	e.c.Actor = sup
	e.run(e.m.load())
	if v := e.view(); !strings.Contains(v, "Y 批准") || !strings.Contains(v, "N 退回") {
		t.Errorf("the supervisor is not offered approve and send back:\n%s", v)
	}
	e.press("Y")
	e.typeText("同意")
	e.key(enter)
	e.c.Actor = e.actor
	e.run(e.m.load())
	e.press("c")
	e.key(ctrlS)
	got, evs, _ := e.d.Case(e.ctx, desk.System, cs.Number)
	if got.Status != "closed" {
		t.Fatalf("closed: %s (%s)", got.Status, e.view())
	}
	var acts []string
	for _, ev := range evs {
		acts = append(acts, ev.Action)
	}
	if !strings.Contains(strings.Join(acts, ","), "findings,request_approval,approve,close") {
		t.Errorf("history %v", acts)
	}
}

// Contacts, verification, circumstances and links by their keys; every form
// fits 80x24.
func TestHandlingFormsByKeys(t *testing.T) {
	e, cs := newEnv(t, "zh", chineseCase())
	other := mustRegister(t, e, desk.Registration{Name: "李四", Phone: "13900001111", Content: "同一批冰箱也不制冷"})
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		e.m.SetSize(size[0], size[1])
		for _, k := range []string{"t", "y", "!", "l", "m", "e", "g"} {
			e.press(k)
			if !e.m.Capturing() {
				t.Fatalf("%s did not open a form: %+v", k, e.status)
			}
			e.fits(size[0], size[1])
			e.key(esc)
		}
		e.press("d")
		e.fits(size[0], size[1])
		e.key(esc)
	}
	e.m.SetSize(120, 40)
	// a contact that reaches the customer stops the first-response clock
	e.press("t")
	e.key(tab)   // the outcome
	e.key(right) // 已联系上
	e.key(tab)
	e.key(tab)
	e.typeText("已致歉，约定明天上门")
	e.key(enter)
	if v := e.view(); !strings.Contains(v, "已达成") || !strings.Contains(v, "联系客户") || !strings.Contains(v, "已联系上") {
		t.Errorf("after the contact:\n%s", v)
	}
	// 三核实
	e.press("y")
	e.key(right)
	e.key(tab)
	e.key(right)
	e.key(tab)
	e.typeText("11月20日")
	e.key(enter)
	if v := e.view(); !strings.Contains(v, "投诉人已核实；事项已核实") {
		t.Errorf("verification not shown:\n%s", v)
	}
	// media coverage: a crisis, and the rules suggest A
	e.press("!")
	e.key(tab)
	e.key(right) // 媒体曝光: 是
	e.key(enter)
	got, _, _ := e.d.Case(e.ctx, desk.System, cs.Number)
	if !got.Crisis || got.Escalation == "" {
		t.Fatalf("media: crisis %v escalation %q", got.Crisis, got.Escalation)
	}
	if v := e.view(); !strings.Contains(v, "危机") || !strings.Contains(v, "建议等级 A") || !strings.Contains(v, "按 g 确认") {
		t.Errorf("crisis or suggestion not shown:\n%s", v)
	}
	// g opens the grade form with the suggestion and its reason
	e.press("g")
	if v := e.view(); !strings.Contains(v, "< A 重大 >") || !strings.Contains(v, "按定级规则确认") {
		t.Errorf("the grade form does not offer the suggestion:\n%s", v)
	}
	e.key(enter)
	if got, _, _ := e.d.Case(e.ctx, desk.System, cs.Number); got.Grade != "A" {
		t.Errorf("confirmed grade %s", got.Grade)
	}
	// link, then unlink offering the linked case
	e.press("l")
	e.typeText(other.Number)
	e.key(enter)
	if v := e.view(); !strings.Contains(v, "相关投诉  "+other.Number) {
		t.Errorf("the linked case is not shown:\n%s", v)
	}
	e.press("L")
	if v := e.view(); !strings.Contains(v, "< "+other.Number+" >") {
		t.Errorf("unlink does not offer the linked case:\n%s", v)
	}
	e.key(tab)
	e.typeText("不是同一问题")
	e.key(enter)
	if rel, _ := desktest.Relations(e.d, e.ctx, cs); len(rel.Linked) != 0 {
		t.Errorf("still linked: %+v", rel.Linked)
	}
	// a collective complaint gets another complainant
	e.press("m")
	e.typeText("王五")
	e.key(tab)
	e.typeText("13700002222")
	e.key(enter)
	if v := e.view(); !strings.Contains(v, "投诉人2") || !strings.Contains(v, "王五") {
		t.Errorf("the second complainant is not listed:\n%s", v)
	}
	// the caller's other case, at a glance
	mustRegister(t, e, desk.Registration{Name: "张三", Phone: "13812345678", Content: "又来投诉"})
	e.run(e.m.load())
	if v := e.view(); !strings.Contains(v, "该号码另有 1 件投诉") {
		t.Errorf("the repeat caller is not shown:\n%s", v)
	}
}

func mustRegister(t *testing.T, e *env, r desk.Registration) *store.Case {
	t.Helper()
	c, _, err := e.d.Register(e.ctx, e.actor, r)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// The gsp preset's own actions (forward, dispatch, ...) have no key: the
// "." picker offers them and opens their forms with the fields they need.
func TestMoreActionsPickerWithGSP(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	d, err := desk.Open(ctx, db, desk.Options{Preset: "gsp"})
	if err != nil {
		t.Fatal(err)
	}
	qm := desk.Actor{Name: "质管张工", Role: "qm"}
	if err := d.AddUser(ctx, store.User{Name: qm.Name, Role: qm.Role}); err != nil {
		t.Fatal(err)
	}
	cs, _, err := d.Register(ctx, qm, desk.Registration{Nature: "adverse_reaction", Name: "陈女士", Phone: "13812345678",
		Content: "服药后皮疹", Subject: "阿莫西林 批号20260815"})
	if err != nil {
		t.Fatal(err)
	}
	c := &common.Common{Ctx: ctx, Desk: d, Actor: qm, Lang: "zh", Styles: styles.New(true, false), Width: 80, Height: 24, Now: time.Now()}
	e := &env{t: t, ctx: ctx, d: d, actor: qm, c: c}
	e.m = New(c, cs.Number)
	e.m.SetSize(80, 24)
	e.run(e.m.Init())
	if v := e.view(); !strings.Contains(v, "需上报药品不良反应") {
		t.Errorf("the regulator flag is not shown:\n%s", v)
	}
	// forward needs 三核实 first: the picker says so
	e.press(".")
	if v := e.view(); !strings.Contains(v, "转质管部") {
		t.Fatalf("picker:\n%s", v)
	}
	e.key(enter)
	if v := e.view(); !strings.Contains(v, "三核实") {
		t.Fatalf("forward before verification:\n%s", v)
	}
	e.key(esc)
	if _, err := d.Apply(ctx, qm, desk.Action{Number: cs.Number, Name: "verify", ComplainantVerified: true, ItemVerified: true, ItemProduct: "阿莫西林"}); err != nil {
		t.Fatal(err)
	}
	e.run(e.m.load())
	e.press(".")
	e.key(enter) // 转质管部
	e.key(enter) // its form: an optional note
	if got, _, _ := d.Case(ctx, desk.System, cs.Number); got.Status != "forwarded" {
		t.Fatalf("after forward: %s\n%s", got.Status, e.view())
	}
	e.press(".")
	e.key(enter) // 确定处理部门: department and handler
	v := e.view()
	if !strings.Contains(v, "责任部门") || !strings.Contains(v, "处理人") {
		t.Fatalf("dispatch form:\n%s", v)
	}
	e.fits(80, 24)
	e.typeText("质管张工")
	e.key(tab)
	e.key(tea.KeyPressMsg{Code: tea.KeyRight})
	e.key(enter)
	if got, evs, _ := d.Case(ctx, desk.System, cs.Number); got.Status != "investigating" || got.Department != "qm" || got.Handler != "质管张工" {
		t.Fatalf("after dispatch: %s %q %q %+v %+v\n%s", got.Status, got.Department, got.Handler, evs[len(evs)-1], e.status, e.view())
	}
}
