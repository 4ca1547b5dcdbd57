package detail

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"complaintdesk/internal/desk"
	"complaintdesk/store/sqlite"
	"complaintdesk/ui/common"
	"complaintdesk/ui/styles"
)

// revealPage is a detail page of a case registered by an agent, opened by
// a user in role.
func revealPage(t *testing.T, role string) (*Model, *desk.Desk, string) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "d.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	d, err := desk.Open(ctx, db, desk.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cs, _, err := d.Register(ctx, desk.Actor{Name: "agent1", Role: "agent"}, desk.Registration{
		Channel: "phone", Name: "张三丰", Phone: "13812345678", Content: "快递延误三天，要求退款",
	})
	if err != nil {
		t.Fatal(err)
	}
	c := &common.Common{Ctx: ctx, Desk: d, Actor: desk.Actor{Name: "质检小王", Role: role}, Lang: "zh",
		Styles: styles.New(true, false), Width: 100, Height: 30, Now: time.Now()}
	m := New(c, cs.Number)
	m.SetSize(c.Width, c.Height)
	revealRun(t, m, m.Init())
	return m, d, cs.Number
}

// revealRun runs commands synchronously, feeding their messages back.
func revealRun(t *testing.T, m *Model, cmd tea.Cmd) {
	t.Helper()
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 100 {
			t.Fatal("too many commands")
		}
		cmd, queue = queue[0], queue[1:]
		if cmd == nil {
			continue
		}
		switch msg := cmd().(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			_, next := m.Update(msg)
			queue = append(queue, next)
		}
	}
}

func revealKeys(t *testing.T, m *Model, keys ...tea.KeyPressMsg) {
	t.Helper()
	for _, k := range keys {
		_, cmd := m.Update(k)
		revealRun(t, m, cmd)
	}
}

func TestRevealWithAReasonShowsThePhoneAndIsInTheHistory(t *testing.T) {
	m, d, number := revealPage(t, "qa")
	view := func() string { return ansi.Strip(m.View()) }
	if v := view(); !strings.Contains(v, "138****5678") || strings.Contains(v, "13812345678") || !strings.Contains(v, "p 查看个人信息") {
		t.Fatalf("qa's page does not mask the phone or offer the reveal:\n%s", v)
	}
	revealKeys(t, m, tea.KeyPressMsg{Code: 'p', Text: "p"})
	if !m.Capturing() || !strings.Contains(view(), "请填写原因") {
		t.Fatalf("p did not open the reason dialog:\n%s", view())
	}
	revealKeys(t, m, tea.KeyPressMsg{Code: tea.KeyEnter})
	if v := view(); !strings.Contains(v, "请填写原因：它会记入处理记录") {
		t.Errorf("an empty reason was not refused:\n%s", v)
	}
	_, cmd := m.Update(tea.PasteMsg{Content: "公司级回访"})
	revealRun(t, m, cmd)
	revealKeys(t, m, tea.KeyPressMsg{Code: 'q', Text: "q"}) // text, not quit
	revealKeys(t, m, tea.KeyPressMsg{Code: tea.KeyEnter})
	v := view()
	if m.Capturing() || !strings.Contains(v, "电话 13812345678") || !strings.Contains(v, "张三丰") {
		t.Fatalf("the phone is not shown after the reveal:\n%s", v)
	}
	if !strings.Contains(v, "原因：公司级回访q") || strings.Contains(v, "p 查看个人信息") {
		t.Errorf("the history lacks the reveal, or the key is still offered:\n%s", v)
	}
	_, evs, err := d.Case(context.Background(), desk.System, number)
	if err != nil {
		t.Fatal(err)
	}
	if last := evs[len(evs)-1]; last.Action != "reveal" || last.Actor != "质检小王" || last.Reason != "公司级回访q" {
		t.Errorf("the last event is %+v", last)
	}
}

func TestRevealIsNotOfferedToRolesThatSeeOrMayNot(t *testing.T) {
	for _, role := range []string{"agent", "supervisor"} {
		m, _, _ := revealPage(t, role)
		revealKeys(t, m, tea.KeyPressMsg{Code: 'p', Text: "p"})
		if v := ansi.Strip(m.View()); m.Capturing() || strings.Contains(v, "查看个人信息") || !strings.Contains(v, "13812345678") {
			t.Errorf("%s: the reveal is offered, or the phone is masked:\n%s", role, v)
		}
	}
}
