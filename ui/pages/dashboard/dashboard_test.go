package dashboard

import (
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"complaintdesk/internal/desk"
	"complaintdesk/ui/common"
	"complaintdesk/ui/uitest"
)

func open(t *testing.T, d *desk.Desk, a desk.Actor, lang string, w, h int) (*Model, *common.Common) {
	c := uitest.Common(d, a, lang, w, h)
	m := New(c)
	m.SetSize(w, h-3)
	run(m, m.Init())
	return m, c
}

// run feeds the page what cmd leads to, to the end. The page's commands
// never wait on a timer, so each is waited for however long it takes
// (uitest.Run gives up after 300 ms, which a loaded machine exceeds).
func run(m *Model, cmd tea.Cmd) []tea.Msg {
	var seen []tea.Msg
	for queue := []tea.Cmd{cmd}; len(queue) > 0; queue = queue[1:] {
		if queue[0] == nil {
			continue
		}
		msg := queue[0]()
		if batch, ok := msg.(tea.BatchMsg); ok {
			queue = append(queue, batch...)
			continue
		}
		if msg != nil {
			seen = append(seen, msg)
			_, next := m.Update(msg)
			queue = append(queue, next)
		}
	}
	return seen
}

func TestGoldenDashboard(t *testing.T) {
	d, sup := uitest.SupervisorDesk(t)
	for _, tc := range []struct {
		lang string
		w, h int
	}{{"zh", 80, 24}, {"zh", 120, 40}, {"en", 80, 24}, {"en", 120, 40}} {
		name := tc.lang + "-" + strconv.Itoa(tc.w) + "x" + strconv.Itoa(tc.h)
		t.Run(name, func(t *testing.T) {
			m, _ := open(t, d, sup, tc.lang, tc.w, tc.h)
			view := ansi.Strip(m.View())
			uitest.Fits(t, view, tc.w, tc.h-3)
			uitest.Golden(t, "dashboard-"+name, view)
		})
	}
}

func TestDashboardFigures(t *testing.T) {
	d, sup := uitest.SupervisorDesk(t)
	m, c := open(t, d, sup, "zh", 120, 40)
	view := ansi.Strip(m.View())
	// Overdue: 张三's first response (2 h ago) and the revisits of the two
	// October cases. October's report is shown as due since Nov 1 and
	// overdue since the 5th.
	for _, want := range []string{"在办 4", "已超时 3", "2026年10月统计报表未归档：已过截止日 11-05", "李娜", "王强", "（未分派）", "TS20261123-0002"} {
		if !strings.Contains(view, want) {
			t.Errorf("dashboard lacks %q:\n%s", want, view)
		}
	}
	if strings.Contains(view, "欧阳娜娜") || strings.Contains(view, "13812345678") {
		t.Error("the dashboard shows personal data")
	}
	// The countdown moves with the clock, without reading again.
	before := m.loads.Asked()
	c.Now = c.Now.Add(30 * time.Second)
	_, cmd := m.Update(common.TickMsg{Now: c.Now})
	if cmd != nil || m.loads.Asked() != before {
		t.Error("a tick read the database")
	}
	if after := ansi.Strip(m.View()); after == view {
		t.Error("the countdowns did not move")
	}
	// A change reads again; enter opens the selected breach.
	c.Now = c.Now.Add(2 * time.Second)
	_, cmd = m.Update(common.DataChangedMsg{})
	if cmd == nil {
		t.Error("a change was not read")
	}
	run(m, cmd)
	_, cmd = m.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	if msg, ok := cmd().(common.OpenCaseMsg); !ok || msg.Number == "" {
		t.Errorf("enter: %v", msg)
	}
	// When the next clock comes due, the tick reads again.
	c.Now = m.data.NextChange.Add(time.Second)
	if _, cmd := m.Update(common.TickMsg{Now: c.Now}); cmd == nil {
		t.Error("a clock came due and the dashboard did not look")
	}
}
