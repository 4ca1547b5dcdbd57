// Package report is the monthly statistics page (客户投诉分类统计汇总表):
// the month's figures beside the previous month's, the filing status, and
// keys that write the report as XLSX into the data directory (on the
// server, over SSH: the page says where) or file it.
package report

import (
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"complaintdesk/internal/desk"
	stats "complaintdesk/internal/report"
	"complaintdesk/internal/safetext"
	"complaintdesk/store"
	"complaintdesk/ui/common"
	"complaintdesk/ui/components"
	"complaintdesk/ui/keys"
	"complaintdesk/ui/text"
)

// OpenMsg opens the monthly report page (the dashboard's M); a zero Month
// is the month whose report is due (the previous one).
type OpenMsg struct{ Month stats.Month }

// refreshEvery is how often the page reads the figures again after the
// data changed: each reading walks two months of histories.
const refreshEvery = 30 * time.Second

// Model is the report page.
type Model struct {
	c     *common.Common
	keys  keys.ReportKeys // with the reasons a key does nothing now
	month stats.Month

	rep      *stats.Monthly
	filings  []store.ReportFiling
	err      error
	loads    common.Requests
	loading  bool
	loadedAt time.Time
	stale    bool // the data changed since the last load

	lines  []string // the tables laid out for width
	linesW int
	top    int

	writes  common.Requests
	busy    bool   // writing or filing
	written string // the file last written for a month not over (not filed)

	width, height int
}

var _ common.Page = (*Model)(nil)

// New makes the page of month (zero: the previous month).
func New(c *common.Common, month stats.Month) *Model {
	if month == (stats.Month{}) {
		month = stats.MonthOf(c.Desk.Now(), c.Loc()).Prev()
	}
	m := &Model{c: c, keys: keys.Report, month: month, width: c.Width, height: c.Height}
	m.keys.Next = m.keys.Next.When(m.whyLastMonth)
	m.keys.Write = m.keys.Write.When(m.whyBusy)
	m.keys.File = m.keys.File.When(m.whyNoFiling)
	return m
}

// Why a key does nothing now ("" when it works).
func (m *Model) whyLastMonth() string {
	if m.month.Next().After(stats.MonthOf(m.c.Desk.Now(), m.c.Loc())) {
		return m.c.T(text.Report.WhyCurrentMonth)
	}
	return ""
}

func (m *Model) whyBusy() string {
	if m.busy {
		return m.c.T(text.Report.WhyBusy)
	}
	return ""
}

func (m *Model) whyNoFiling() string {
	if !m.c.Desk.MonthOver(m.month) {
		return m.c.T(text.Report.WhyNotOver)
	}
	return m.whyBusy()
}

// Month is the month shown.
func (m *Model) Month() stats.Month { return m.month }

type loadedMsg struct {
	rep     *stats.Monthly
	filings []store.ReportFiling
	err     error
}

type doneMsg struct {
	text    string
	written string
	err     error
}

// Init loads the month.
func (m *Model) Init() tea.Cmd { return m.load() }

func (m *Model) load() tea.Cmd {
	m.loading, m.stale = true, false
	c, month := m.c, m.month
	return m.loads.Ask(func() tea.Msg {
		rep, err := c.Desk.MonthlyReport(c.Ctx, c.Actor, month)
		msg := loadedMsg{rep: rep, err: err}
		if err == nil {
			msg.filings, msg.err = c.Desk.ReportFilings(c.Ctx, month)
		}
		return msg
	})
}

// SetSize gives the page its area.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.layout()
}

// Capturing: the page has no text field.
func (m *Model) Capturing() bool { return false }

// Update handles keys, loads and the clock.
func (m *Model) Update(msg tea.Msg) (common.Page, tea.Cmd) {
	switch msg := msg.(type) {
	case common.Answer:
		if ans, ok := m.loads.Latest(msg); ok {
			return m, m.loaded(ans.(loadedMsg))
		}
		if ans, ok := m.writes.Any(msg); ok {
			return m, m.done(ans.(doneMsg))
		}
		return m, nil
	case common.DataChangedMsg:
		m.stale = true
		return m, nil
	case common.TickMsg:
		// Changed data is read again now and then.
		if !m.loading && m.stale && m.c.Now.Sub(m.loadedAt) >= refreshEvery {
			return m, m.load()
		}
		return m, nil
	case tea.MouseWheelMsg:
		switch msg.Mouse().Button {
		case tea.MouseWheelUp:
			m.scroll(-3)
		case tea.MouseWheelDown:
			m.scroll(3)
		}
		return m, nil
	case tea.KeyPressMsg:
		return m.updateKey(msg)
	}
	return m, nil
}

// loaded shows the figures read.
func (m *Model) loaded(msg loadedMsg) tea.Cmd {
	m.loading, m.loadedAt = false, m.c.Now
	m.err = msg.err
	if msg.err == nil {
		m.rep, m.filings = msg.rep, msg.filings
		m.layout()
	}
	return nil
}

// done reports a write or a filing and reads the filing status again.
func (m *Model) done(msg doneMsg) tea.Cmd {
	m.busy = false
	if msg.written != "" {
		m.written = msg.written
	}
	if msg.err != nil {
		return common.Status(m.c.ErrorText(msg.err), true)
	}
	return tea.Batch(common.Status(msg.text, false), m.load())
}

func (m *Model) updateKey(msg tea.KeyPressMsg) (common.Page, tea.Cmd) {
	for _, b := range m.Keys() {
		if b.Matches(msg) && b.Reason() != "" {
			return m, common.Status(b.Reason(), true)
		}
	}
	k := m.keys
	switch {
	case keys.App.Back.Matches(msg):
		return m, common.Cmd(common.BackMsg{})
	case k.Up.Matches(msg):
		m.scroll(-1)
	case k.Down.Matches(msg):
		m.scroll(1)
	case k.PageUp.Matches(msg):
		m.scroll(-m.bodyHeight())
	case k.PageDown.Matches(msg):
		m.scroll(m.bodyHeight())
	case k.Home.Matches(msg):
		m.top = 0
	case k.End.Matches(msg):
		m.scroll(len(m.lines))
	case k.Prev.Matches(msg):
		m.month, m.top, m.written = m.month.Prev(), 0, ""
		return m, m.load()
	case k.Next.Matches(msg):
		m.month, m.top, m.written = m.month.Next(), 0, ""
		return m, m.load()
	case k.Refresh.Matches(msg):
		return m, m.load()
	case k.Write.Matches(msg):
		return m, m.write()
	case k.File.Matches(msg):
		return m, m.file()
	}
	return m, nil
}

// write puts the month's XLSX into the data directory and files the report.
func (m *Model) write() tea.Cmd {
	if m.busy {
		return nil
	}
	m.busy = true
	c, month := m.c, m.month
	return tea.Batch(common.Status(c.T(text.Report.Writing), false), m.writes.Ask(func() tea.Msg {
		path, filed, err := c.Desk.WriteMonthlyFile(c.Ctx, c.Actor, month, c.Lang)
		if !filed && err == nil {
			return doneMsg{written: path, text: c.F(text.Report.WrittenNotFiled, path)}
		}
		return doneMsg{err: err, text: c.F(text.Report.WrittenFiled, path)}
	}))
}

// file records the report as filed, without writing a file.
func (m *Model) file() tea.Cmd {
	if m.busy {
		return nil
	}
	m.busy = true
	c, month := m.c, m.month
	return m.writes.Ask(func() tea.Msg {
		_, err := c.Desk.FileReport(c.Ctx, c.Actor, month, nil, desk.FiledByCommand, "", "")
		return doneMsg{err: err, text: c.F(text.Report.FiledMonth, month)}
	})
}

func (m *Model) bodyHeight() int { return max(1, m.height-len(m.header())) }

func (m *Model) scroll(d int) {
	m.top = max(0, min(m.top+d, len(m.lines)-m.bodyHeight()))
}

// layout lays the tables out for the width, once per load or resize.
func (m *Model) layout() {
	m.lines = nil
	if m.rep == nil || m.width <= 0 {
		return
	}
	c, s := m.c, m.c.Styles
	for _, l := range wrap(m.rep.Scope(c.Lang), m.width-1) {
		m.lines = append(m.lines, s.Muted.Render(" "+l))
	}
	for _, t := range m.rep.Tables(c.Policy(), c.Lang) {
		m.lines = append(m.lines, "", s.Title.Render(components.Fit(" "+t.Title, m.width)))
		for i, l := range fitTable(t, m.width-1) {
			l = " " + l
			if i == 0 {
				l = s.Header.Render(l)
			}
			m.lines = append(m.lines, l)
		}
		for _, n := range t.Notes {
			m.lines = append(m.lines, s.Muted.Render(components.Fit(" "+safetext.Line(n), m.width)))
		}
	}
	m.lines = append(m.lines, "")
	for _, d := range stats.Definitions(c.Lang) {
		for _, l := range wrap(d, m.width-1) {
			m.lines = append(m.lines, s.Muted.Render(" "+l))
		}
	}
	m.linesW = m.width
	m.scroll(0)
}

// fitTable lays a table out in width cells: numbers to the right, and the
// text columns (the first, and a subject) cut to fit when needed.
func fitTable(t stats.Table, width int) []string {
	cols := len(t.Header)
	for _, r := range t.Rows {
		cols = max(cols, len(r))
	}
	w := make([]int, cols)
	right := make([]bool, cols)
	cell := func(r []stats.Cell, i int) string {
		if i < len(r) {
			return safetext.Line(r[i].Text)
		}
		return ""
	}
	for i, h := range t.Header {
		w[i] = ansi.StringWidth(h)
	}
	for _, r := range t.Rows {
		for i := range cols {
			w[i] = max(w[i], ansi.StringWidth(cell(r, i)))
			if i < len(r) && r[i].Kind != stats.Text {
				right[i] = true
			}
		}
	}
	total := func() int {
		n := 2 * (cols - 1)
		for _, x := range w {
			n += x
		}
		return n
	}
	// Cut the text columns, widest first, down to 8 cells each.
	for over := total() - width; over > 0; over = total() - width {
		widest := -1
		for i := range cols {
			if !right[i] && w[i] > 8 && (widest < 0 || w[i] > w[widest]) {
				widest = i
			}
		}
		if widest < 0 {
			break
		}
		w[widest] = max(8, w[widest]-over)
	}
	line := func(vals []string) string {
		var b strings.Builder
		for i, v := range vals {
			if i > 0 {
				b.WriteString("  ")
			}
			if right[i] {
				b.WriteString(components.FitRight(v, w[i]))
			} else {
				b.WriteString(components.Fit(v, w[i]))
			}
		}
		return components.Fit(b.String(), width)
	}
	head := make([]string, cols)
	for i, h := range t.Header {
		head[i] = safetext.Line(h)
	}
	out := []string{line(head)}
	for _, r := range t.Rows {
		vals := make([]string, cols)
		for i := range cols {
			vals[i] = cell(r, i)
		}
		out = append(out, line(vals))
	}
	return out
}

// wrap breaks text into lines of at most width cells.
func wrap(s string, width int) []string {
	if width <= 4 {
		return []string{s}
	}
	var out []string
	for ansi.StringWidth(s) > width {
		cut := ansi.Truncate(s, width, "")
		// Prefer a break at a space when the line has one late enough.
		if i := strings.LastIndex(cut, " "); i > len(cut)/2 {
			cut = cut[:i]
		}
		out = append(out, cut)
		s = strings.TrimLeft(s[len(cut):], " ")
	}
	return append(out, s)
}

// View draws the title, the filing status and the scrolled tables.
func (m *Model) View() string {
	c, s := m.c, m.c.Styles
	lines := m.header()
	switch {
	case m.err != nil:
		lines = append(lines, s.Error.Render(components.Fit(" "+c.ErrorText(m.err), m.width)))
	case m.rep == nil:
		lines = append(lines, s.Muted.Render(components.Fit(" "+c.T(text.Report.Computing), m.width)))
	}
	for i := m.top; len(lines) < m.height && i < len(m.lines); i++ {
		lines = append(lines, components.Fit(m.lines[i], m.width))
	}
	return strings.Join(lines, "\n")
}

// header is the title, the filing status and the file written, if any
// (its whole path, over as many lines as it takes: over SSH it is on the
// server, and the person must be able to read where).
func (m *Model) header() []string {
	c, s := m.c, m.c.Styles
	title := c.F(text.Report.Title, m.month.Label(c.Lang))
	if m.loading && m.rep != nil {
		title += c.T(text.Report.Refreshing)
	}
	out := []string{s.Title.Render(components.Fit(" "+title, m.width)), components.Fit(" "+m.statusLine(), m.width)}
	path := m.written
	if n := len(m.filings); n > 0 && m.filings[n-1].Path != "" {
		path = m.filings[n-1].Path
	}
	if path != "" {
		for _, l := range wrap(c.F(text.Report.File, safetext.Line(path)), m.width-1) {
			out = append(out, s.OK.Render(" "+l))
		}
	}
	return out
}

// statusLine is the filing status: filed when and by whom, or due when.
func (m *Model) statusLine() string {
	c, s := m.c, m.c.Styles
	if n := len(m.filings); n > 0 {
		f := m.filings[n-1]
		return s.OK.Render(c.F(text.Report.Filed, f.At.In(c.Loc()).Format("2006-01-02 15:04"), safetext.Line(f.By)))
	}
	due := m.month.Due(c.Policy().Report.MonthlyDueDay, c.Loc())
	last := due.Add(-time.Minute).In(c.Loc()).Format("01-02")
	now := c.ShownNow()
	switch {
	case now.Before(stats.MonthEnd(m.month, c.Loc())):
		line := c.F(text.Report.NotOver, last)
		if m.written != "" {
			line += c.T(text.Report.WrittenNote)
		}
		return s.Muted.Render(line)
	case now.Before(due):
		return s.Warn.Render(c.F(text.Report.DueBy, last, c.Span(due.Sub(now))))
	}
	return s.Breach.Render(c.F(text.Report.Late, last, c.Span(now.Sub(due))))
}

// Keys are the page's keys.
func (m *Model) Keys() []keys.Binding {
	k := m.keys
	return []keys.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End, k.Prev, k.Next, k.Write, k.File, k.Refresh}
}

// ShortKeys are the footer's keys.
func (m *Model) ShortKeys() []keys.Binding {
	k := m.keys
	return []keys.Binding{k.Prev, k.Next, k.Write, k.File}
}
