package ui

import (
	"context"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"complaintdesk/internal/desk"
	"complaintdesk/ui/common"
	"complaintdesk/ui/keys"
	"complaintdesk/ui/pages/dashboard"
	"complaintdesk/ui/pages/detail"
	"complaintdesk/ui/pages/intake"
	reportpage "complaintdesk/ui/pages/report"
	"complaintdesk/ui/text"
	"complaintdesk/ui/uitest"
)

// openApp is the application of actor at w×h with its queue read.
func openApp(t *testing.T, d *desk.Desk, actor desk.Actor, lang string, w, h int) *App {
	t.Helper()
	a := New(uitest.Common(d, actor, lang, w, h), nil)
	a.Update(tea.WindowSizeMsg{Width: w, Height: h})
	uitest.Run(a.queue.Init(), func(m tea.Msg) tea.Cmd { _, c := a.Update(m); return c })
	return a
}

// hit presses k and runs what follows; it reports whether the program quit.
func hit(a *App, k string) (quit bool) {
	var msg tea.KeyPressMsg
	switch k {
	case "enter":
		msg = tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		msg = tea.KeyPressMsg{Code: tea.KeyEscape}
	case "right":
		msg = tea.KeyPressMsg{Code: tea.KeyRight}
	default:
		msg = press(k)
	}
	_, cmd := a.Update(msg)
	for _, m := range uitest.Run(cmd, func(m tea.Msg) tea.Cmd { _, c := a.Update(m); return c }) {
		if _, ok := m.(tea.QuitMsg); ok {
			quit = true
		}
	}
	return quit
}

func screen(a *App) string { return ansi.Strip(a.View().Content) }

// q quits from the queue and goes back from every other page: the
// dashboard, the monthly report, a case, the intake form (asking first
// when something was typed). While text is typed, q is a letter.
func TestQGoesBackEverywhereAndQuitsTheQueue(t *testing.T) {
	d, sup := uitest.SupervisorDesk(t)
	a := openApp(t, d, sup, "zh", 120, 40)
	for _, tc := range []struct {
		open string
		page any
	}{{"B", &dashboard.Model{}}, {"M", &reportpage.Model{}}, {"enter", &detail.Model{}}, {"n", &intake.Model{}}} {
		if hit(a, tc.open) {
			t.Fatalf("%s quit", tc.open)
		}
		if got, want := typeName(a.top()), typeName(tc.page); got != want {
			t.Fatalf("%s opened %s, want %s", tc.open, got, want)
		}
		if hit(a, "q") {
			t.Fatalf("q on %s quit the program", typeName(tc.page))
		}
		if len(a.stack) != 0 {
			t.Fatalf("q on %s left %s open", typeName(tc.page), typeName(a.top()))
		}
	}

	// The intake form with something chosen asks first; n keeps it.
	hit(a, "n")
	hit(a, "right") // another channel
	hit(a, "q")
	f, ok := a.top().(*intake.Model)
	if !ok || !strings.Contains(screen(a), "放弃这张表单？") {
		t.Fatalf("q on a changed form did not ask:\n%s", screen(a))
	}
	hit(a, "n")
	if a.top() != f || strings.Contains(screen(a), "放弃这张表单？") {
		t.Fatalf("n did not keep the form:\n%s", screen(a))
	}
	hit(a, "q")
	hit(a, "y")
	if len(a.stack) != 0 {
		t.Fatalf("y left %s open", typeName(a.top()))
	}

	// Typed into the search, q is a letter.
	hit(a, "/")
	if hit(a, "q") || !strings.Contains(screen(a), "/ q") {
		t.Fatalf("q in the search:\n%s", screen(a))
	}
	hit(a, "esc")
	if !hit(a, "q") {
		t.Fatal("q on the queue did not quit")
	}
}

func typeName(v any) string {
	switch v.(type) {
	case *dashboard.Model:
		return "dashboard"
	case *reportpage.Model:
		return "report"
	case *detail.Model:
		return "detail"
	case *intake.Model:
		return "intake"
	case nil:
		return "nothing"
	}
	return "queue"
}

// ? on every page lists every one of its keys and the keys of every page;
// the help closes with ?, esc or q.
func TestHelpListsEveryKeyOfThePage(t *testing.T) {
	d, sup := uitest.SupervisorDesk(t)
	for _, lang := range []string{"zh", "en"} {
		a := openApp(t, d, sup, lang, 120, 40)
		for _, open := range []string{"", "B", "M", "n", "enter"} {
			if open != "" {
				hit(a, open)
			}
			p, ok := a.top().(common.Keyed)
			if !ok {
				t.Fatalf("%s has no keys", typeName(a.top()))
			}
			help := helpText(a, lang)
			want := append(p.Keys(), keys.App.QuitNow, keys.App.Help, keys.App.Station)
			if open != "n" { // on the intake form A is a letter (the grade)
				want = append(want, keys.App.Alerts)
			}
			for _, b := range want {
				// the help's first words: a long one wraps in a narrow column
				if first := strings.Fields(b.Help.In(lang))[0]; !strings.Contains(help, b.Label+" ") || !strings.Contains(help, first) {
					t.Errorf("%s %s: %s %q is not in the help:\n%s", lang, typeName(a.top()), b.Label, b.Help.In(lang), help)
				}
			}
			for i, closer := range []string{"?", "esc", "q"} {
				if i > 0 {
					hit(a, "?")
				}
				hit(a, closer)
				if strings.Contains(screen(a), keys.App.QuitNow.Help.In(lang)) {
					t.Errorf("%s did not close the help on %s", closer, typeName(a.top()))
				}
			}
			if open != "" {
				hit(a, "esc")
			}
		}
	}
}

// helpText opens the help and reads it to its end, a screenful at a time.
func helpText(a *App, lang string) string {
	hit(a, "?")
	var all []string
	for range 10 {
		v := screen(a)
		all = append(all, v)
		if !strings.Contains(v, text.App.HelpMore.In(lang)) {
			break
		}
		hit(a, "pgdown")
	}
	return strings.Join(all, "\n")
}

// An agent's help shows the report keys greyed with why, and pressing one
// says why instead of doing nothing; so does enter with no case.
func TestUnavailableKeysSayWhy(t *testing.T) {
	d, agent := uitest.Desk(t)
	a := openApp(t, d, agent, "zh", 120, 40)
	hit(a, "?")
	help := screen(a)
	for _, want := range []string{"仪表盘（您的角色不查看报表）", "月度统计（您的角色不查看报表）", "打开（没有选中的投诉单）"} {
		if !strings.Contains(help, want) {
			t.Errorf("no %q in the help:\n%s", want, help)
		}
	}
	hit(a, "?")
	hit(a, "B")
	if len(a.stack) != 0 || a.status != "您的角色不查看报表" || !a.statusErr {
		t.Errorf("B as an agent: page %s, status %q", typeName(a.top()), a.status)
	}
	hit(a, "enter")
	if len(a.stack) != 0 || a.status != "没有选中的投诉单" {
		t.Errorf("enter on an empty queue: page %s, status %q", typeName(a.top()), a.status)
	}

	// Over SSH the key says who works: U is greyed with why.
	ssh := NewSession(context.Background(), Options{Desk: d, Actor: agent, Lang: "zh"}, nil)
	ssh.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	hit(ssh, "?")
	if v := screen(ssh); !strings.Contains(v, "（通过 SSH 登录时由密钥确定用户，不能换人）") {
		t.Errorf("the SSH session's help:\n%s", v)
	}
}

// The case page's help lists every step of the policy: those the agent
// may not take greyed with the desk's reason (the same the command line
// refuses with); pressing one says that reason; p says why it reveals
// nothing to an agent, who sees personal data already.
func TestCaseHelpSaysWhyAStepIsUnavailable(t *testing.T) {
	d, agent := uitest.Desk(t)
	cs := uitest.Register(t, d, agent, desk.Registration{Name: "欧阳娜娜", Phone: "13812345678", Content: "电热水器漏水", Grade: "B"})
	refusal := d.Check(cs, "approve", agent)
	if refusal == nil {
		t.Fatal("an agent may approve")
	}
	why := refusal.(interface{ Message(string) string }).Message("zh")
	a := openApp(t, d, agent, "zh", 120, 40)
	hit(a, "enter")
	p, ok := a.top().(*detail.Model)
	if !ok {
		t.Fatalf("enter opened %s", typeName(a.top()))
	}
	reasons := map[string]string{}
	for _, b := range p.Keys() {
		for _, k := range b.Keys {
			reasons[k] = b.Reason()
		}
	}
	for k, want := range map[string]string{"a": "", "t": "", "Y": why, "p": "您的角色已能看到完整的个人信息", "ctrl+r": "", "esc": ""} {
		if got, ok := reasons[k]; !ok || got != want {
			t.Errorf("%s: bound %v, reason %q, want %q", k, ok, got, want)
		}
	}
	for _, k := range []string{"q", "?", "U", "ctrl+c"} {
		if _, ok := reasons[k]; ok {
			t.Errorf("the case page binds %s, a key of every page", k)
		}
	}
	help := helpText(a, "zh")
	for _, want := range []string{"a      首次响应", "Y      批准", "当前状态（已登记）不能批准", "p      查看个人信息",
		"（您的角色已能看到完整的个人", "ctrl+r 重新载入", "esc/q  返回", "pgdn/f 下一页"} {
		if !strings.Contains(help, want) {
			t.Errorf("no %q in the help:\n%s", want, help)
		}
	}
	hit(a, "esc")
	hit(a, "Y")
	if a.status != why || !a.statusErr || a.top() != p || p.Capturing() {
		t.Errorf("Y as an agent: status %q, want %q", a.status, why)
	}
	hit(a, "p")
	if a.status != "您的角色已能看到完整的个人信息" || a.top() != p || p.Capturing() {
		t.Errorf("p as an agent: status %q", a.status)
	}
	hit(a, "a") // available: its form opens
	if !p.Capturing() || !strings.Contains(screen(a), "enter 提交  esc 取消") {
		t.Errorf("a did not open the form:\n%s", screen(a))
	}
}

// The help of the queue, and of a case (every step, the unavailable ones
// with their reason), as an agent sees them, at both sizes in both languages.
func TestGoldenHelp(t *testing.T) {
	d, agent := uitest.Desk(t)
	uitest.Register(t, d, agent, desk.Registration{Name: "欧阳娜娜", Phone: "13812345678", Content: "电热水器漏水", Grade: "B"})
	for _, page := range []struct{ name, open string }{{"queue", ""}, {"case", "enter"}} {
		for _, tc := range []struct {
			lang string
			w, h int
		}{{"zh", 80, 24}, {"zh", 120, 40}, {"en", 80, 24}, {"en", 120, 40}} {
			name := page.name + "-" + tc.lang + "-" + strconv.Itoa(tc.w) + "x" + strconv.Itoa(tc.h)
			t.Run(name, func(t *testing.T) {
				a := openApp(t, d, agent, tc.lang, tc.w, tc.h)
				if page.open != "" {
					hit(a, page.open)
				}
				hit(a, "?")
				got := screen(a)
				uitest.Fits(t, got, tc.w, tc.h)
				uitest.Golden(t, "help-"+name, got)
			})
		}
	}
}

// An answer reaches the page that asked even when another page covers it:
// the dashboard's figures arrive after the case it opened is on top.
func TestAnswersReachTheirPageUnderAnother(t *testing.T) {
	d, sup := uitest.SupervisorDesk(t)
	a := openApp(t, d, sup, "zh", 120, 40)
	_, load := a.Update(press("B"))
	board := a.top()
	if load == nil || typeName(board) != "dashboard" {
		t.Fatalf("B: %s", typeName(board))
	}
	_, cmd := a.Update(common.OpenCaseMsg{Number: "TS20261123-0001"})
	uitest.Run(cmd, func(m tea.Msg) tea.Cmd { _, c := a.Update(m); return c })
	if typeName(a.top()) != "detail" {
		t.Fatalf("the case did not open: %s", typeName(a.top()))
	}
	answer := load()
	if _, ok := answer.(common.Answer); !ok {
		t.Fatalf("the dashboard's load gave %T", answer)
	}
	a.Update(answer)
	if v := ansi.Strip(board.View()); !strings.Contains(v, "在办 4") {
		t.Errorf("the covered dashboard did not get its figures:\n%s", v)
	}
}
