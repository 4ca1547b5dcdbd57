package queue

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"complaintdesk/internal/desk"
	"complaintdesk/store"
	"complaintdesk/ui/common"
	"complaintdesk/ui/uitest"
)

// fill registers a mix of Chinese and English cases with different clocks.
func fill(t *testing.T, d *desk.Desk, a desk.Actor) {
	t.Helper()
	now := uitest.Now
	cases := []desk.Registration{
		{Name: "欧阳娜娜", Phone: "13812345678", Content: "电热水器漏水，把楼下邻居家的天花板泡坏了", Category: "product.defect", Grade: "A", ReceivedAt: now.Add(-30 * time.Hour)},
		{Name: "张三", Phone: "13800138000", Content: "楼道灯坏了三天无人维修", Category: "property.equipment", Grade: "B", ReceivedAt: now.Add(-20 * time.Hour)},
		{Name: "John Smith", Phone: "13900001111", Content: "Charged twice for one order", Category: "price.overcharge", Grade: "C", ReceivedAt: now.Add(-2 * time.Hour), Channel: "web"},
		{Name: "李四", Phone: "010-62345678", Content: "快递延误七天", Grade: "D", Nature: "inquiry", ReceivedAt: now.Add(-25 * time.Hour)},
	}
	for _, r := range cases {
		uitest.Register(t, d, a, r)
	}
	for _, act := range []desk.Action{
		{Number: "TS20261123-0002", Name: "verify", ComplainantVerified: true, ItemVerified: true, ItemProduct: "楼道灯"}, // 三核实 first
		{Number: "TS20261123-0002", Name: "assign", Handler: "agent1"},
	} {
		if _, err := d.Apply(context.Background(), a, act); err != nil {
			t.Fatal(err)
		}
	}
}

func newQueue(t *testing.T, lang string, w, h int) (*Model, *common.Common) {
	d, a := uitest.Desk(t)
	fill(t, d, a)
	c := uitest.Common(d, a, lang, w, h)
	m := New(c)
	m.SetSize(w, h-3)
	run(m, m.Init())
	return m, c
}

func run(m *Model, cmd tea.Cmd) {
	uitest.Run(cmd, func(msg tea.Msg) tea.Cmd { _, c := m.Update(msg); return c })
}

func keyMsg(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	}
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

func press(m *Model, keys ...string) {
	for _, k := range keys {
		_, cmd := m.Update(keyMsg(k))
		run(m, cmd)
	}
}

func typeText(m *Model, s string) {
	for _, r := range s {
		_, cmd := m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
		run(m, cmd)
	}
}

func checkFits(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) > h {
		t.Errorf("%d lines, the page has %d", len(lines), h)
	}
	for i, l := range lines {
		if n := ansi.StringWidth(l); n != w {
			t.Errorf("line %d is %d cells wide, want exactly %d: %q", i, n, w, l)
		}
	}
}

func TestGoldenPages(t *testing.T) {
	for _, tc := range []struct {
		lang string
		w, h int
	}{{"zh", 80, 24}, {"zh", 120, 40}, {"en", 80, 24}, {"en", 120, 40}} {
		name := tc.lang + "-" + itoa(tc.w) + "x" + itoa(tc.h)
		t.Run(name, func(t *testing.T) {
			m, _ := newQueue(t, tc.lang, tc.w, tc.h)
			view := ansi.Strip(m.View())
			checkFits(t, view, tc.w, tc.h-3)
			uitest.Golden(t, "queue-"+name, view)
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestSortedByNearestDeadlineWithCountdowns(t *testing.T) {
	m, _ := newQueue(t, "en", 120, 40)
	view := ansi.Strip(m.View())
	// Nobody acknowledged anything: the first-response clocks (24 h) decide.
	// The A case came 30 h ago (6 h overdue), the D inquiry 25 h ago (1 h
	// overdue), then 20 h ago (4 h left) and 2 h ago (22 h left).
	order := []string{"TS20261123-0001", "TS20261123-0004", "TS20261123-0002", "TS20261123-0003"}
	prev := -1
	for _, n := range order {
		i := strings.Index(view, n)
		if i <= prev {
			t.Fatalf("not sorted by nearest deadline (%s out of place):\n%s", n, view)
		}
		prev = i
	}
	if !strings.Contains(view, "overdue 6h") || !strings.Contains(view, "overdue 1h") {
		t.Errorf("no overdue countdown for the breached first response:\n%s", view)
	}
	if !strings.Contains(view, "4h 00m") {
		t.Errorf("no countdown of 4h for the case received 20 h ago:\n%s", view)
	}
}

func TestCountdownMovesWithTheClockWithoutReload(t *testing.T) {
	m, c := newQueue(t, "zh", 120, 40)
	before := m.pages.Asked()
	c.Now = c.Now.Add(2 * time.Hour)
	m.Update(common.TickMsg{Now: c.Now})
	view := ansi.Strip(m.View())
	if !strings.Contains(view, "超时 3h") || !strings.Contains(view, "超时 8h") {
		t.Errorf("the overdue countdown did not move on:\n%s", view)
	}
	if m.pages.Asked() != before {
		t.Errorf("a tick queried the database")
	}
}

func TestFilterAsYouTypeChinese(t *testing.T) {
	m, _ := newQueue(t, "zh", 120, 40)
	press(m, "/")
	if !m.Capturing() {
		t.Fatal("/ did not focus the filter")
	}
	typeText(m, "漏水")
	view := ansi.Strip(m.View())
	if !strings.Contains(view, "TS20261123-0001") || strings.Contains(view, "TS20261123-0002") {
		t.Fatalf("filter 漏水 should show only the water-heater case:\n%s", view)
	}
	if m.total != 1 {
		t.Errorf("total %d, want 1", m.total)
	}
	press(m, "esc")
	if m.total != 4 {
		t.Errorf("esc should clear the filter: total %d", m.total)
	}
}

func TestFilterByPhoneFragment(t *testing.T) {
	m, _ := newQueue(t, "en", 120, 40)
	press(m, "/")
	typeText(m, "5678")
	if m.total != 2 { // 13812345678 and 010-62345678
		t.Fatalf("phone fragment 5678 matched %d cases, want 2", m.total)
	}
}

func TestTabsAndCounts(t *testing.T) {
	m, _ := newQueue(t, "en", 120, 40)
	view := ansi.Strip(m.View())
	for _, want := range []string{"1 Mine 1", "2 Unassigned 3", "4 Overdue 2", "6 All 4"} {
		if !strings.Contains(view, want) {
			t.Errorf("tab line lacks %q:\n%s", want, strings.SplitN(view, "\n", 2)[0])
		}
	}
	press(m, "1")
	if m.total != 1 || m.Selected() != "TS20261123-0002" {
		t.Errorf("Mine tab shows %d cases, selected %q", m.total, m.Selected())
	}
}

func TestMaskedForRolesWithoutPII(t *testing.T) {
	d, a := uitest.Desk(t)
	fill(t, d, a)
	c := uitest.Common(d, desk.Actor{Name: "qa1", Role: "qa"}, "zh", 120, 40)
	m := New(c)
	m.SetSize(120, 37)
	run(m, m.Init())
	view := ansi.Strip(m.View())
	if strings.Contains(view, "张三") || strings.Contains(view, "13800138000") {
		t.Fatalf("qa sees personal data unmasked:\n%s", view)
	}
	if !strings.Contains(view, "张*") || !strings.Contains(view, "138****8000") {
		t.Fatalf("masked name or phone missing:\n%s", view)
	}
}

func TestEnterOpensSelectedCase(t *testing.T) {
	m, _ := newQueue(t, "en", 120, 40)
	press(m, "down")
	_, cmd := m.Update(keyMsg("enter"))
	msg := cmd()
	open, ok := msg.(common.OpenCaseMsg)
	if !ok || open.Number != m.Selected() || open.Number == "" {
		t.Fatalf("enter gave %#v, selected %q", msg, m.Selected())
	}
}

func TestOneOrTwoDigitsWaitForAThird(t *testing.T) {
	m, _ := newQueue(t, "en", 120, 40)
	press(m, "/")
	typeText(m, "13")
	if m.total != 4 || m.filter.Search != "" {
		t.Fatalf("two digits searched: total %d, search %q", m.total, m.filter.Search)
	}
	if !strings.Contains(ansi.Strip(m.View()), "at least 3 digits") {
		t.Errorf("no hint to type more digits")
	}
	typeText(m, "8")
	if m.filter.Search != "138" || m.total != 2 { // 13812345678 and 13800138000
		t.Fatalf("three digits: search %q, total %d", m.filter.Search, m.total)
	}
}

func TestFastTypingQueriesOnce(t *testing.T) {
	m, _ := newQueue(t, "zh", 120, 40)
	press(m, "/")
	before := m.pages.Asked()
	// Keys faster than the search delay: only the last one reaches the database.
	var cmds []tea.Cmd
	for _, r := range "漏水" {
		_, cmd := m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
		cmds = append(cmds, cmd)
	}
	for _, cmd := range cmds {
		run(m, cmd)
	}
	if m.pages.Asked() != before+1 {
		t.Errorf("%d queries for two fast keys, want 1", m.pages.Asked()-before)
	}
	if m.total != 1 {
		t.Errorf("total %d after 漏水, want 1", m.total)
	}
}

// A search slower than the budget is not made to wait on top: the key
// asks the database at once. A fast one waits for more keys first.
func TestSearchPauseFollowsTheQueryCost(t *testing.T) {
	m, _ := newQueue(t, "zh", 120, 40)
	press(m, "/")
	m.searchCost = 2 * time.Millisecond
	if p := m.searchPause(); p <= 0 || p > searchBudget {
		t.Fatalf("pause %v after a fast query, want within (0, %v]", p, searchBudget)
	}
	m.searchCost = 2 * searchBudget
	before := m.pages.Asked()
	_, cmd := m.Update(tea.KeyPressMsg{Code: '漏', Text: "漏"})
	if m.pages.Asked() != before+1 {
		t.Fatalf("after a slow query the key did not ask at once (%d queries)", m.pages.Asked()-before)
	}
	run(m, cmd)
	if m.filter.Search != "漏" || m.total != 1 {
		t.Errorf("search %q shows %d cases, want 1", m.filter.Search, m.total)
	}
}

// A newer read stops the one in flight: its answer would be dropped.
func TestNewerReadCancelsTheStaleOne(t *testing.T) {
	m, _ := newQueue(t, "zh", 120, 40)
	m.filter.Search = "漏水" // a question not asked yet (the desk keeps answers)
	stale := m.reload()
	m.filter.Search = ""
	fresh := m.reload()
	ans := stale().(common.Answer)
	if page := ans.Msg.(pageMsg); !errors.Is(page.err, context.Canceled) {
		t.Errorf("the stale read ran to the end (err %v)", page.err)
	}
	run(m, func() tea.Msg { return ans })
	run(m, fresh)
	if m.err != nil || m.total != 4 {
		t.Errorf("after the fresh read: %d cases, err %v", m.total, m.err)
	}
}

// A contact that reached the customer is the first response: the queue
// says responded, not the status the case was registered in.
func TestReachedContactShowsResponded(t *testing.T) {
	d, a := uitest.Desk(t)
	fill(t, d, a)
	if _, err := d.Apply(context.Background(), a, desk.Action{Number: "TS20261123-0004", Name: "contact",
		ContactKind: "call_out", ContactOutcome: "reached"}); err != nil {
		t.Fatal(err)
	}
	c := uitest.Common(d, a, "en", 120, 40)
	m := New(c)
	m.SetSize(120, 37)
	run(m, m.Init())
	view := ansi.Strip(m.View())
	if !strings.Contains(view, "TS20261123-0004") {
		t.Fatalf("the case is not in the queue:\n%s", view)
	}
	for _, line := range strings.Split(view, "\n") {
		if strings.Contains(line, "TS20261123-0004") && !strings.Contains(line, "Responded") {
			t.Errorf("the case a contact reached does not say responded:\n%s", line)
		}
		if strings.Contains(line, "TS20261123-0003") && strings.Contains(line, "Responded") {
			t.Errorf("a case nobody reached says responded:\n%s", line)
		}
	}
}

// A search typed in one tab filters the others too: a tab it empties
// shows the search and says its cases are filtered out.
func TestSearchFromAnotherTabIsShown(t *testing.T) {
	m, _ := newQueue(t, "en", 120, 40)
	press(m, "/")
	typeText(m, "漏水")
	press(m, "enter")
	press(m, "1") // Mine: 张三's case, which 漏水 does not match
	if m.total != 0 {
		t.Fatalf("Mine with 漏水 shows %d cases, want 0", m.total)
	}
	view := ansi.Strip(m.View())
	if !strings.Contains(view, "漏水") {
		t.Errorf("the search that filters the tab is not shown:\n%s", view)
	}
	if !strings.Contains(view, "None of this tab's 1 cases matches the filter") {
		t.Errorf("the empty tab does not say the filter emptied it:\n%s", view)
	}
	press(m, "x")
	if m.total != 1 || strings.Contains(ansi.Strip(m.View()), "漏水") {
		t.Errorf("x did not clear the search: %d cases", m.total)
	}
}

// After a change the page is read again: unchanged cases keep their rows
// as drawn, a changed one is drawn anew.
func TestChangedCaseIsDrawnAgain(t *testing.T) {
	m, c := newQueue(t, "en", 120, 40)
	m.View()
	kept := m.rows[0].number
	for _, act := range []desk.Action{
		{Number: "TS20261123-0004", Name: "verify", ComplainantVerified: true, ItemVerified: true, ItemProduct: "快递"},
		{Number: "TS20261123-0004", Name: "assign", Handler: "agent1"},
	} {
		if _, err := c.Desk.Apply(context.Background(), c.Actor, act); err != nil {
			t.Fatal(err)
		}
	}
	run(m, func() tea.Msg { return common.DataChangedMsg{} })
	for _, line := range strings.Split(ansi.Strip(m.View()), "\n") {
		if strings.Contains(line, "TS20261123-0004") && !strings.Contains(line, "agent1") {
			t.Errorf("the assigned case does not show its handler:\n%s", line)
		}
	}
	if m.rows[0].number != kept || m.rows[0].drawn == "" {
		t.Errorf("the unchanged first row was not kept as drawn")
	}
}

// A supervisor has eight tabs; at 80 columns every one of them, the
// approvals last, is on the tab line with its count, in both languages.
func TestEveryTabFitsAt80Columns(t *testing.T) {
	d, sup := uitest.SupervisorDesk(t)
	for _, lang := range []string{"zh", "en"} {
		m := New(uitest.Common(d, sup, lang, 80, 24))
		m.SetSize(80, 21)
		run(m, m.Init())
		line := strings.Split(ansi.Strip(m.View()), "\n")[0]
		if ansi.StringWidth(line) > 80 || strings.Contains(line, "~") {
			t.Errorf("%s: the tab line is cut: %q", lang, line)
		}
		for i := 1; i <= 8; i++ {
			if !strings.Contains(line, strconv.Itoa(i)) {
				t.Errorf("%s: tab %d is not on the line: %q", lang, i, line)
			}
		}
		if approvals := tabName(m.c, store.TabApprovals, true); !strings.Contains(line, approvals) {
			t.Errorf("%s: the approvals tab (%s) is not on the line: %q", lang, approvals, line)
		}
	}
}
