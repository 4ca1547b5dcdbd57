// Package dashboard is the supervisor's live picture of the desk: open
// cases by status and grade, what falls due within the hour and today,
// what is overdue, each handler's load and oldest open case, today's and
// this month's on-time rates, the intake of the last 30 days as a chart,
// and breaches and warnings as they happen.
//
// It is live like the queue: it reads again when the database changes
// (common.DataChangedMsg) and when a clock comes due or reaches its
// warning threshold (the picture's NextChange), never on a tick; the clock
// only moves the countdowns drawn from what was read. The reading itself
// is shared by every session of the process (desk.Dashboard).
package dashboard

import (
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"complaintdesk/internal/desk"
	stats "complaintdesk/internal/report"
	"complaintdesk/internal/safetext"
	"complaintdesk/store"
	"complaintdesk/ui/common"
	"complaintdesk/ui/components"
	"complaintdesk/ui/keys"
	reportpage "complaintdesk/ui/pages/report"
	"complaintdesk/ui/text"
)

// Reading again: soon after a change, when a clock comes due, and at
// least every staleAfter (the "within the hour" counts move with time).
const (
	minGap     = time.Second
	staleAfter = time.Minute
)

// countCap bounds the approvals counted (as the queue's tabs count).
const countCap = 1000

// Model is the dashboard page.
type Model struct {
	c    *common.Common
	keys keys.DashboardKeys // with the reasons a key does nothing now

	data *desk.Dashboard
	// approvals awaiting this user (-1: they decide none), a figure that opens its list.
	approvals int
	err       error
	loads     common.Requests
	loading   bool
	loaded    time.Time
	dirty     bool

	sel int // selected row of the alerts list

	width, height int
}

var _ common.Page = (*Model)(nil)

// New makes the dashboard; Init reads it.
func New(c *common.Common) *Model {
	m := &Model{c: c, keys: keys.Dashboard, width: c.Width, height: c.Height}
	m.keys.Open = m.keys.Open.When(m.whyNoAlert)
	m.keys.Refresh = m.keys.Refresh.When(m.whyLoading)
	return m
}

// Why a key does nothing now ("" when it works).
func (m *Model) whyNoAlert() string {
	if len(m.alerts()) == 0 {
		return m.c.T(text.Dashboard.WhyNoAlert)
	}
	return ""
}

func (m *Model) whyNoApprovals() string {
	if m.approvals < 0 {
		return m.c.T(text.Dashboard.WhyNoApprovals)
	}
	return ""
}

func (m *Model) whyLoading() string {
	if m.loading {
		return m.c.T(text.Dashboard.WhyLoading)
	}
	return ""
}

type loadedMsg struct {
	data *desk.Dashboard
	// approvals is what awaits this user's decision (-1: they decide none).
	approvals int
	err       error
}

// Init reads the dashboard.
func (m *Model) Init() tea.Cmd { return m.load() }

func (m *Model) load() tea.Cmd {
	m.loading, m.dirty = true, false
	c := m.c
	now := c.Desk.Now()
	return m.loads.Ask(func() tea.Msg {
		d, err := c.Desk.Dashboard(c.Ctx, c.Actor, now)
		approvals := -1
		if err == nil && c.Desk.Approves(c.Actor) {
			var n []int
			if n, err = c.Desk.TabCounts(c.Ctx, c.Actor, []store.Tab{store.TabApprovals}, now, countCap); err == nil {
				approvals = n[0]
			}
		}
		return loadedMsg{data: d, approvals: approvals, err: err}
	})
}

// SetSize gives the page its area.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

// Capturing: no text field.
func (m *Model) Capturing() bool { return false }

// Update handles data, the clock and keys.
func (m *Model) Update(msg tea.Msg) (common.Page, tea.Cmd) {
	switch msg := msg.(type) {
	case common.Answer:
		if ans, ok := m.loads.Latest(msg); ok {
			return m, m.gotData(ans.(loadedMsg))
		}
		return m, nil
	case common.DataChangedMsg:
		m.dirty = true
		if !m.loading && m.c.Now.Sub(m.loaded) >= minGap {
			return m, m.load()
		}
		return m, nil
	case common.TickMsg:
		now := m.c.Now
		if !m.loading && (m.dirty && now.Sub(m.loaded) >= minGap ||
			now.Sub(m.loaded) >= staleAfter ||
			m.data != nil && !m.data.NextChange.IsZero() && !now.Before(m.data.NextChange) && now.Sub(m.loaded) >= minGap) {
			return m, m.load()
		}
		return m, nil
	case tea.KeyPressMsg:
		k := m.keys
		for _, b := range m.Keys() {
			if b.Matches(msg) && b.Reason() != "" {
				return m, common.Status(b.Reason(), true)
			}
		}
		switch {
		case keys.App.Back.Matches(msg):
			return m, common.Cmd(common.BackMsg{})
		case k.Up.Matches(msg):
			m.sel = max(0, m.sel-1)
		case k.Down.Matches(msg):
			m.sel = min(max(0, len(m.alerts())-1), m.sel+1)
		case k.Open.Matches(msg):
			if a := m.alerts(); m.sel < len(a) {
				return m, common.Cmd(common.OpenCaseMsg{Number: a[m.sel].Number})
			}
		case k.Monthly.Matches(msg):
			return m, common.Cmd(reportpage.OpenMsg{})
		case k.Refresh.Matches(msg):
			return m, m.load()
		case k.ListOpen.Matches(msg):
			return m, common.Cmd(common.ShowTabMsg{Tab: store.TabAll})
		case k.ListToday.Matches(msg):
			return m, common.Cmd(common.ShowTabMsg{Tab: store.TabDueToday})
		case k.ListOverdue.Matches(msg):
			return m, common.Cmd(common.ShowTabMsg{Tab: store.TabOverdue})
		case k.ListUnassigned.Matches(msg):
			return m, common.Cmd(common.ShowTabMsg{Tab: store.TabUnassigned})
		case k.ListApprovals.Matches(msg):
			return m, common.Cmd(common.ShowTabMsg{Tab: store.TabApprovals})
		}
	}
	return m, nil
}

// gotData shows what was read, and reads again when the data changed meanwhile.
func (m *Model) gotData(msg loadedMsg) tea.Cmd {
	m.loading, m.loaded, m.err = false, m.c.Now, msg.err
	if msg.err == nil {
		m.data, m.approvals = msg.data, msg.approvals
		m.sel = min(m.sel, max(0, len(m.alerts())-1))
	}
	if m.dirty {
		return m.load()
	}
	return nil
}

// alert is a row of the breaches and warnings list.
type alert struct {
	store.Case
	breach bool
}

// alerts are the latest breaches then the warnings, as read.
func (m *Model) alerts() []alert {
	if m.data == nil {
		return nil
	}
	var out []alert
	for _, c := range m.data.Breaches {
		out = append(out, alert{Case: c, breach: true})
	}
	for _, c := range m.data.Warnings {
		out = append(out, alert{Case: c})
	}
	return out
}

// View draws the dashboard in its area.
func (m *Model) View() string {
	c, s := m.c, m.c.Styles
	w := m.width
	title := s.Title.Render(components.Fit(" "+c.T(text.Dashboard.Title), w))
	if m.data == nil {
		body := " " + c.T(text.Common.Loading)
		if m.err != nil {
			return title + "\n" + s.Error.Render(components.Fit(" "+c.ErrorText(m.err), w))
		}
		return title + "\n" + s.Muted.Render(body)
	}
	var lines []string
	lines = append(lines, title, m.summaryLine(), m.reminderLine(), m.rateLine(true), m.rateLine(false), "")

	colW := (w - 1) / 2
	rightW := w - colW - 1
	left := m.openTable(colW)
	// The chart takes what the open table leaves, within 4 to 10 rows,
	// keeping 6 lines for the handlers and alerts below.
	chartH := min(10, max(4, len(left)-2, m.height-len(lines)-1-6-2))
	right := m.chart(rightW, chartH)
	lines = append(lines, besides(left, right, colW, rightW)...)
	lines = append(lines, "")

	rest := max(3, m.height-len(lines))
	lines = append(lines, besides(m.handlerTable(colW, rest), m.alertList(rightW, rest), colW, rightW)...)
	if m.err != nil {
		lines = append(lines, s.Error.Render(components.Fit(" "+c.ErrorText(m.err), w)))
	}
	if len(lines) > m.height {
		lines = lines[:m.height]
	}
	for i, l := range lines {
		lines[i] = components.Fit(l, w)
	}
	return strings.Join(lines, "\n")
}

// besides puts two blocks side by side, each padded to its width.
func besides(left, right []string, lw, rw int) []string {
	n := max(len(left), len(right))
	out := make([]string, n)
	for i := range n {
		var l, r string
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		out[i] = components.Fit(l, lw) + " " + components.Fit(r, rw)
	}
	return out
}

func (m *Model) summaryLine() string {
	c, s, d := m.c, m.c.Styles, m.data
	k := m.keys
	key := func(b keys.Binding) string { return s.Focused.Render(b.Label) + " " } // the figure's list opens with it
	parts := []string{
		key(k.ListOpen) + s.Value.Render(c.F(text.Dashboard.Open, d.OpenTotal)),
		s.Warn.Render(c.F(text.Dashboard.DueHour, d.Due.Hour)),
		key(k.ListToday) + s.Value.Render(c.F(text.Dashboard.DueToday, d.Due.Today)),
		key(k.ListOverdue) + s.Breach.Render(c.F(text.Dashboard.Overdue, d.Due.Overdue)),
	}
	if m.approvals >= 0 {
		parts = append(parts, key(k.ListApprovals)+s.Warn.Render(c.F(text.Dashboard.Approvals, m.approvals)))
	}
	return " " + strings.Join(parts, "  ")
}

// reminderLine: the monthly report still to be filed, from the 1st.
func (m *Model) reminderLine() string {
	c, s, d := m.c, m.c.Styles, m.data
	r := d.Reminder
	if y := d.CalendarGap; y != 0 && r == nil {
		return s.Warn.Render(" " + c.F(text.Alerts.Calendar, y, y)) // next year's schedule is missing
	}
	if r == nil {
		return s.Muted.Render(" " + c.T(text.Dashboard.NoReportDue))
	}
	now := c.ShownNow()
	last := r.Due.Add(-time.Minute).In(c.Loc()).Format("01-02")
	name := r.Month.Label(c.Lang)
	if now.Before(r.Due) {
		return s.Warn.Render(" " + c.F(text.Dashboard.ReportDue, name, last, c.Span(r.Due.Sub(now))))
	}
	return s.Breach.Render(" " + c.F(text.Dashboard.ReportLate, name, last, c.Span(now.Sub(r.Due))))
}

func (m *Model) rateText(r stats.Rate) string {
	c := m.c
	v, ok := r.Value()
	s := "-"
	if ok {
		s = fmt.Sprintf("%.1f%% (%d/%d)", v*100, r.Met, r.Decided())
	}
	if r.Pending > 0 && m.width >= 100 {
		s += " " + c.F(text.Dashboard.Pending, r.Pending)
	}
	return s
}

func (m *Model) rateLine(first bool) string {
	c, s, d := m.c, m.c.Styles, m.data
	label := c.T(text.Dashboard.FirstResponseRate)
	today, month := d.Today.FirstResponse, d.Month.FirstResponse
	if !first {
		label = c.T(text.Dashboard.ClosureRate)
		today, month = d.Today.Closure, d.Month.Closure
	}
	lw := lipgloss.Width(c.T(text.Dashboard.FirstResponseRate))
	return " " + s.Label.Render(components.Fit(label, lw)) + "  " +
		s.Muted.Render(c.T(text.Dashboard.Today)+" ") + components.Fit(m.rateText(today), 24) + " " +
		s.Muted.Render(c.T(text.Dashboard.Month)+" ") + m.rateText(month)
}

// openTable is the open cases by status (rows) and grade (columns).
func (m *Model) openTable(w int) []string {
	c, s, d := m.c, m.c.Styles, m.data
	p := c.Policy()
	var grades []string
	for _, g := range p.Grades {
		grades = append(grades, g.ID)
	}
	count := map[[2]string]int{}
	byStatus := map[string]int{}
	byGrade := map[string]int{}
	for _, g := range d.Open {
		count[[2]string{g.Status, g.Grade}] += g.N
		byStatus[g.Status] += g.N
		byGrade[g.Grade] += g.N
	}
	var statuses []string
	for _, st := range p.Statuses {
		if byStatus[st.ID] > 0 {
			statuses = append(statuses, st.ID)
		}
	}
	for st := range byStatus { // statuses the policy no longer has
		if p.Status(st) == nil {
			statuses = append(statuses, st)
		}
	}
	numW := 5
	labelW := max(6, w-1-(len(grades)+1)*numW)
	row := func(label string, vals []int) string {
		var b strings.Builder
		b.WriteString(" " + components.Fit(label, labelW))
		for _, v := range vals {
			b.WriteString(components.FitRight(fmt.Sprint(v), numW))
		}
		return b.String()
	}
	out := []string{s.Title.Render(components.Fit(" "+c.T(text.Dashboard.OpenTable), w))}
	head := " " + components.Fit(c.T(text.Dashboard.ColStatus), labelW)
	for _, g := range grades {
		head += components.FitRight(g, numW)
	}
	head += components.FitRight(c.T(text.Dashboard.ColAll), numW)
	out = append(out, s.Header.Render(head))
	if len(statuses) == 0 {
		return append(out, s.Muted.Render(" "+c.T(text.Dashboard.NoOpen)))
	}
	for _, st := range statuses {
		vals := make([]int, 0, len(grades)+1)
		for _, g := range grades {
			vals = append(vals, count[[2]string{st, g}])
		}
		vals = append(vals, byStatus[st])
		out = append(out, row(c.StatusName(st), vals))
	}
	vals := make([]int, 0, len(grades)+1)
	for _, g := range grades {
		vals = append(vals, byGrade[g])
	}
	vals = append(vals, d.OpenTotal)
	return append(out, s.Header.Render(row(c.T(text.Dashboard.RowTotal), vals)))
}

// chart is the intake per day of the last 30 days: ASCII bars (no glyph
// of ambiguous width), today's last.
func (m *Model) chart(w, h int) []string {
	c, s, d := m.c, m.c.Styles, m.data
	maxN, total := 0, 0
	for _, n := range d.Intake {
		maxN = max(maxN, n)
		total += n
	}
	days := len(d.Intake)
	out := []string{s.Title.Render(components.Fit(" "+c.F(text.Dashboard.Chart, days, total, maxN), w))}
	if days == 0 {
		return out
	}
	per := max(1, min(2, (w-2)/days))
	for level := h; level >= 1; level-- {
		var b strings.Builder
		b.WriteByte(' ')
		for i, n := range d.Intake {
			filled := n > 0 && (n*h+maxN-1)/maxN >= level // ceil(n·h/max)
			cell := strings.Repeat(" ", per)
			if filled {
				bar := strings.Repeat("#", per)
				if i == days-1 {
					cell = s.OK.Render(bar)
				} else {
					cell = s.Focused.Render(bar)
				}
			}
			b.WriteString(cell)
		}
		out = append(out, b.String())
	}
	first := d.IntakeFrom.In(c.Loc()).Format("01-02")
	todayLabel := c.T(text.Dashboard.ChartToday)
	axisW := days * per
	gap := max(1, axisW-lipgloss.Width(first)-lipgloss.Width(todayLabel))
	out = append(out, s.Muted.Render(" "+first+strings.Repeat(" ", gap)+todayLabel))
	return out
}

// handlerTable is each handler's open and overdue cases and oldest case.
func (m *Model) handlerTable(w, h int) []string {
	c, s, d := m.c, m.c.Styles, m.data
	out := []string{s.Title.Render(components.Fit(" "+c.T(text.Dashboard.Handlers), w))}
	ageW := 0
	if w >= 50 {
		ageW = 8
	}
	nameW := max(6, w-1-5-5-16-ageW)
	head := " " + components.Fit(c.T(text.Dashboard.ColHandler), nameW) + components.FitRight(c.T(text.Dashboard.ColOpen), 5) +
		components.FitRight(c.T(text.Dashboard.ColLate), 5) + " " + components.Fit(c.T(text.Dashboard.ColOldest), 15)
	if ageW > 0 {
		head += components.FitRight(c.T(text.Dashboard.ColAge), ageW)
	}
	out = append(out, s.Header.Render(head))
	if len(d.Handlers) == 0 {
		return append(out, s.Muted.Render(" "+c.T(text.Dashboard.NoOpen)))
	}
	now := c.ShownNow()
	for _, hl := range d.Handlers {
		if len(out) >= h {
			break
		}
		name := safetext.Line(hl.Handler)
		if hl.Handler == "" {
			name = m.keys.ListUnassigned.Label + " " + c.T(text.Dashboard.Unassigned) // u lists them
		}
		late := components.FitRight(fmt.Sprint(hl.Overdue), 5)
		if hl.Overdue > 0 {
			late = s.Breach.Render(late)
		}
		line := " " + components.Fit(name, nameW) + components.FitRight(fmt.Sprint(hl.Open), 5) + late + " " + components.Fit(hl.OldestNumber, 15)
		if ageW > 0 {
			line += components.FitRight(c.Span(now.Sub(hl.OldestReceived)), ageW)
		}
		out = append(out, line)
	}
	return out
}

// alertList is the latest breaches and the warnings, with their live
// countdowns; the selected one opens with enter.
func (m *Model) alertList(w, h int) []string {
	c, s, d := m.c, m.c.Styles, m.data
	title := " " + c.F(text.Dashboard.AlertsTitle, d.BreachCount, d.WarnCount)
	out := []string{s.Title.Render(components.Fit(title, w))}
	list := m.alerts()
	if len(list) == 0 {
		return append(out, s.OK.Render(" "+c.T(text.Dashboard.NoAlerts)))
	}
	// Keep the selection in view.
	room := max(1, h-1)
	from := 0
	if m.sel >= room {
		from = m.sel - room + 1
	}
	// The countdown before the clock's name: a narrow column cuts the name.
	cdW := lipgloss.Width(c.F(text.Common.Overdue, "30d 10h"))
	clockW := max(4, w-1-15-1-cdW-1)
	for i := from; i < len(list) && len(out) < h; i++ {
		a := list[i]
		clock := a.NextClock
		if pc := c.Policy().Clock(a.NextClock); pc != nil {
			clock = pc.In(c.Lang)
		}
		left, level := c.Countdown(a.NextDue, a.NextDueStart)
		cd := components.FitRight(left, cdW)
		switch {
		case level == components.LevelBreach:
			cd = s.Breach.Render(cd)
		case !a.breach:
			cd = s.Warn.Render(cd)
		}
		line := " " + a.Number + " " + cd + " " + components.Fit(safetext.Line(clock), clockW)
		if i == m.sel {
			line = s.Selected.Render(components.Fit(">"+line[1:], w))
		}
		out = append(out, line)
	}
	return out
}

// Keys are the page's keys.
func (m *Model) Keys() []keys.Binding {
	k := m.keys
	return []keys.Binding{k.Up, k.Down, k.Open, k.ListOpen, k.ListToday, k.ListOverdue, k.ListUnassigned,
		k.ListApprovals.When(m.whyNoApprovals), k.Monthly, k.Refresh}
}

// ShortKeys are the footer's keys.
func (m *Model) ShortKeys() []keys.Binding {
	k := m.keys
	return []keys.Binding{k.Select, k.Open, k.Monthly, k.Refresh}
}
