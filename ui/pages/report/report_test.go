package report

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	stats "complaintdesk/internal/report"
	"complaintdesk/ui/common"
	"complaintdesk/ui/uitest"
)

var october = stats.Month{Year: 2026, Month: time.October}

func open(t *testing.T, lang string, w, h int) (*Model, *common.Common) {
	d, sup := uitest.SupervisorDesk(t)
	c := uitest.Common(d, sup, lang, w, h)
	m := New(c, stats.Month{}) // the month due: October, on Nov 23
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

func press(m *Model, keys ...string) {
	for _, k := range keys {
		var msg tea.KeyPressMsg
		switch k {
		case "down":
			msg = tea.KeyPressMsg{Code: tea.KeyDown}
		case "pgdown":
			msg = tea.KeyPressMsg{Code: tea.KeyPgDown}
		case "left":
			msg = tea.KeyPressMsg{Code: tea.KeyLeft}
		case "right":
			msg = tea.KeyPressMsg{Code: tea.KeyRight}
		default:
			msg = tea.KeyPressMsg{Code: []rune(k)[0], Text: k}
		}
		_, cmd := m.Update(msg)
		run(m, cmd)
	}
}

func TestGoldenReport(t *testing.T) {
	for _, tc := range []struct {
		lang string
		w, h int
	}{{"zh", 80, 24}, {"zh", 120, 40}, {"en", 80, 24}, {"en", 120, 40}} {
		name := tc.lang + "-" + strconv.Itoa(tc.w) + "x" + strconv.Itoa(tc.h)
		t.Run(name, func(t *testing.T) {
			m, _ := open(t, tc.lang, tc.w, tc.h)
			if m.Month() != october {
				t.Fatalf("opened %v, want the month due", m.Month())
			}
			view := ansi.Strip(m.View())
			uitest.Fits(t, view, tc.w, tc.h-3)
			uitest.Golden(t, "report-"+name, view)
			// Further down: the on-time rates, fitted to the width.
			press(m, "pgdown")
			view = ansi.Strip(m.View())
			uitest.Fits(t, view, tc.w, tc.h-3)
			uitest.Golden(t, "report-"+name+"-page2", view)
		})
	}
}

func TestWriteXLSXIntoTheDataDirectory(t *testing.T) {
	m, c := open(t, "zh", 120, 40)
	if !strings.Contains(ansi.Strip(m.View()), "未归档：已过截止日 11-05") {
		t.Errorf("not shown as overdue:\n%s", ansi.Strip(m.View()))
	}
	var status string
	_, cmd := m.Update(tea.KeyPressMsg{Code: 'x', Text: "x"})
	for _, msg := range run(m, cmd) {
		if s, ok := msg.(common.StatusMsg); ok {
			status = s.Text
		}
	}
	want := c.Desk.DataDir() + "/reports/monthly-2026-10.xlsx"
	if !strings.Contains(status, want) {
		t.Errorf("status %q does not say where: %s", status, want)
	}
	if _, err := os.Stat(want); err != nil {
		t.Fatal(err)
	}
	view := ansi.Strip(m.View())
	if !strings.Contains(view, "已归档：2026-11-23 10:00 陈主管") || !strings.Contains(strings.ReplaceAll(view, "\n ", ""), "文件："+want) {
		t.Errorf("the page does not show the filing:\n%s", view)
	}
	fs, err := c.Desk.ReportFilings(context.Background(), october)
	if err != nil || len(fs) != 1 || fs[0].Path != want {
		t.Errorf("filings %+v %v", fs, err)
	}
	// November is not over: written, not filed.
	press(m, "right")
	if m.Month().String() != "2026-11" {
		t.Fatalf("month %v", m.Month())
	}
	_, cmd = m.Update(tea.KeyPressMsg{Code: 'x', Text: "x"})
	run(m, cmd)
	if view := ansi.Strip(m.View()); !strings.Contains(view, "本月尚未结束") || !strings.Contains(view, "（已写入，未归档）") || !strings.HasSuffix(m.written, "monthly-2026-11.xlsx") {
		t.Errorf("November:\n%s", view)
	}
	// There is no month after the current one.
	press(m, "right")
	if m.Month().String() != "2026-11" {
		t.Errorf("went on to %v", m.Month())
	}
}
