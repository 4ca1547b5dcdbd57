// Package queue is the home page: the agent's queue of cases in tabs, sorted
// by the nearest running deadline, with live countdowns. It never loads all
// cases: it reads the window of rows around what is on screen, so it stays
// instant with a million cases.
package queue

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"complaintdesk/internal/memo"
	"complaintdesk/internal/safetext"
	"complaintdesk/store"
	"complaintdesk/ui/common"
	"complaintdesk/ui/components"
	"complaintdesk/ui/keys"
	"complaintdesk/ui/text"
)

// countCap bounds how far the queue counts matches of a filter.
const countCap = 10000

var tabs = []store.Tab{store.TabMine, store.TabUnassigned, store.TabDueToday, store.TabOverdue, store.TabRevisit, store.TabAll}

// sampleTabs adds the latest revisit sample's cases (desk report
// revisit-sample) for the people who do the company-level revisits: the
// roles that may see reports (desk.CanReport).
var sampleTabs = append(append([]store.Tab{}, tabs...), store.TabSample)

// tabName is the tab's label; short labels fit 80 columns.
func tabName(c *common.Common, t store.Tab, short bool) string {
	if short {
		switch t {
		case store.TabDueToday:
			return c.T(text.Queue.TabTodayShort)
		case store.TabUnassigned:
			return c.T(text.Queue.TabUnassignedShort)
		case store.TabRevisit:
			return c.T(text.Queue.TabRevisitShort)
		case store.TabSample:
			return c.T(text.Queue.TabSampleShort)
		case store.TabApprovals:
			return c.T(text.Queue.TabApprovalsShort)
		}
	}
	switch t {
	case store.TabMine:
		return c.T(text.Queue.TabMine)
	case store.TabUnassigned:
		return c.T(text.Queue.TabUnassigned)
	case store.TabDueToday:
		return c.T(text.Queue.TabDueToday)
	case store.TabOverdue:
		return c.T(text.Queue.TabOverdue)
	case store.TabRevisit:
		return c.T(text.Queue.TabRevisit)
	case store.TabSample:
		return c.T(text.Queue.TabSample)
	case store.TabApprovals:
		return c.T(text.Queue.TabApprovals)
	}
	return c.T(text.Queue.TabAll)
}

func sortName(c *common.Common, s store.Sort) string {
	switch s {
	case store.SortReceived:
		return c.T(text.Queue.SortReceived)
	case store.SortNumber:
		return c.T(text.Queue.SortNumber)
	case store.SortGrade:
		return c.T(text.Queue.SortGrade)
	}
	return c.T(text.Queue.SortDeadline)
}

// row is a case prepared for drawing: every cell but the countdown is
// formatted once, when the data arrives.
type row struct {
	number string
	// id, version and repeats: the case as read; a page read again keeps
	// the rows of unchanged cases as drawn (gotPage).
	id       int64
	version  int64
	repeats  int
	policy   any      // the policy its names come from
	cells    []string // received, complainant, category, grade, status, handler
	due      time.Time
	dueStart time.Time
	// estimated: the due time counts working days over a year the
	// official calendar does not hold yet (≈).
	estimated bool

	// The row as last drawn and what it was drawn for: View runs after
	// every message (ticks included) and for every session, and a row
	// changes only when its countdown text or the layout does.
	drawn   string
	drawnAs drawKey
	// countdown is the countdown's text and level from countFrom until
	// countUntil (common.CountdownUntil): the frames in between reuse them.
	countdown struct {
		text  string
		level components.Level
	}
	countFrom, countUntil time.Time
	// fixed is the row's cells before the countdown, fitted to the
	// columns of fixedAs: a countdown that moves redraws only itself.
	fixed   string
	fixedW  int // its width in cells
	fixedAs fixedKey
}

type fixedKey struct {
	width int
	lang  string
}

type drawKey struct {
	width    int
	lang     string
	styles   any
	selected bool
	text     string
	level    components.Level
}

// Filters narrow the queue beyond the tab.
type Filters struct {
	Search   string
	Status   string
	Grade    string
	Category string
	Channel  string
	// Department narrows to one department's cases (the department's queue).
	Department string
}

// Model is the queue page.
type Model struct {
	c      *common.Common
	keys   keys.QueueKeys // with the reasons a key does nothing now
	tab    int
	sort   store.Sort
	filter Filters
	input  textinput.Model
	typing bool

	tabs     []store.Tab // tabs, or sampleTabs for those who revisit
	counts   [8]int
	rows     []*row
	rowsFrom int // absolute index of rows[0]
	total    int
	cursor   int // absolute index of the selected row
	top      int // absolute index of the first visible row
	loaded   bool
	err      error

	width, height int
	pages         common.Requests // the window of rows and the total
	countings     common.Requests // the tabs' counts
	searchSeq     int
	shortDigits   bool // the filter is 1-2 digits: waiting for more
	// stopPage cancels the page read in flight: a newer read replaces it.
	stopPage context.CancelFunc
	inks     inks // the countdowns' escape codes (ink)
	// chrome is the tab line and the header as drawn for chromeAs.
	chrome   chrome
	chromeAs chromeKey
	viewLen  int // the length of the last View
	// searchCost is how long the last search took to read: the pause
	// after a key is what is left of the budget once it is paid.
	searchCost time.Duration
}

// New makes the queue page.
func New(c *common.Common) *Model {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = c.T(text.Queue.Placeholder)
	in.CharLimit = 100
	st := in.Styles()
	st.Cursor.Blink = false // a blinking cursor is a timer per session, and bytes over SSH
	in.SetStyles(st)
	m := &Model{c: c, input: in, tab: len(tabs) - 1, tabs: tabs}
	if c.Desk.CanReport(c.Actor) {
		m.tabs = sampleTabs
	}
	if c.Desk.Approves(c.Actor) {
		m.tabs = append(slices.Clip(m.tabs), store.TabApprovals) // what awaits their decision
	}
	m.keys = keys.Queue
	m.keys.TabNumber = m.keys.TabNumber.Labelled(fmt.Sprintf("1-%d", len(m.tabs)))
	m.keys.Open = m.keys.Open.When(m.whyNoCase)
	m.keys.Department = m.keys.Department.When(m.whyNoDepartments)
	m.keys.Clear = m.keys.Clear.When(m.whyNoFilter)
	return m
}

// Why a key does nothing now ("" when it works).
func (m *Model) whyNoCase() string {
	if m.Selected() == "" {
		return m.c.T(text.Queue.WhyNoCase)
	}
	return ""
}

func (m *Model) whyNoDepartments() string {
	if len(m.c.Policy().Departments) == 0 {
		return m.c.T(text.Queue.WhyNoDepartments)
	}
	return ""
}

func (m *Model) whyNoFilter() string {
	if m.filter == (Filters{}) && m.input.Value() == "" {
		return m.c.T(text.Queue.WhyNoFilter)
	}
	return ""
}

// Init loads the first page and the tab counts.
func (m *Model) Init() tea.Cmd { return tea.Batch(m.reload(), m.loadCounts()) }

// Capturing is true while the filter is being typed.
func (m *Model) Capturing() bool { return m.typing }

// SetSize gives the page its area.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.input.SetWidth(max(10, w/2))
	m.clampScroll()
}

// Selected is the number of the selected case ("" when none).
func (m *Model) Selected() string {
	i := m.cursor - m.rowsFrom
	if i < 0 || i >= len(m.rows) {
		return ""
	}
	return m.rows[i].number
}

// Tab is the current tab.
func (m *Model) Tab() store.Tab { return m.tabs[m.tab] }

// visibleRows is how many table rows fit: the page minus the tabs, filter and header lines.
func (m *Model) visibleRows() int { return max(1, m.height-3) }

func (m *Model) query() store.Query {
	now := m.c.Desk.Now()
	return store.Query{
		Tab: m.tabs[m.tab], User: m.c.Actor.Name, Now: now, DayEnd: m.c.Desk.DayEnd(now),
		Search: m.filter.Search, Status: m.filter.Status, Grade: m.filter.Grade,
		Category: m.filter.Category, Channel: m.filter.Channel, Sort: m.sort,
		Department: m.filter.Department,
	}
}

type pageMsg struct {
	from  int
	cases []store.Case
	total int
	// repeats counts the cases of each case's caller (repeat callers).
	repeats map[int64]int
	err     error
	// search is the query's search text; took how long reading took.
	search string
	took   time.Duration
}

type countsMsg struct {
	counts [8]int
	err    error
}

// reload reads the window of rows around the scroll position and the total.
func (m *Model) reload() tea.Cmd {
	q := m.query()
	page := m.visibleRows()
	from := max(0, m.top-page)
	// At least a generous window: the first load can come before the page knows its height.
	q.Offset, q.Limit = from, max(page*2, 80)
	q.CountCap = countCap
	c := m.c
	if m.stopPage != nil {
		m.stopPage() // its answer would be dropped: stop reading it
	}
	ctx, stop := context.WithCancel(c.Ctx)
	m.stopPage = stop
	return m.pages.Ask(func() tea.Msg {
		defer stop()
		start := time.Now()
		page, err := c.Desk.Queue(ctx, c.Actor, q) // as this user may see it
		// The desk shares one read between the sessions asking the same
		// question: when another session gave it up, ask again.
		for try := 0; try < 3 && errors.Is(err, context.Canceled) && ctx.Err() == nil; try++ {
			page, err = c.Desk.Queue(ctx, c.Actor, q)
		}
		return pageMsg{from: from, cases: page.Cases, total: page.Total, repeats: page.Repeats, err: err,
			search: q.Search, took: time.Since(start)}
	})
}

// loadCounts counts each tab (without the filters: the tabs are the desk's inboxes).
func (m *Model) loadCounts() tea.Cmd {
	c := m.c
	now := c.Desk.Now()
	tabs := m.tabs
	return m.countings.Ask(func() tea.Msg {
		var out [8]int
		n, err := c.Desk.TabCounts(c.Ctx, c.Actor, tabs, now, countCap)
		copy(out[:], n)
		return countsMsg{counts: out, err: err}
	})
}

// receivedCell is the received time in the queue: month, day and time in
// the current year, the date with its year for an older case (an import).
func receivedCell(t, now time.Time) string {
	if t.Year() != now.Year() {
		return t.Format("2006-01-02")
	}
	return t.Format("01-02 15:04")
}

func (m *Model) makeRow(cs *store.Case, repeats map[int64]int) row {
	c := m.c
	who := cs.Primary()
	name := c.Name(who)
	if n := repeats[cs.ID]; n > 1 {
		name += fmt.Sprintf("(%d)", n) // a repeat caller: this phone's cases, at a glance
	}
	person := strings.TrimSpace(name + " " + c.Phone(who))
	status := c.StatusName(cs.Status)
	if cs.Status == c.Policy().InitialStatus() && cs.Fields["contacted_at"] != "" {
		status = c.T(text.Queue.Responded) // a contact reached the customer: the first response is given
	}
	return row{
		number:  cs.Number,
		id:      cs.ID,
		version: cs.Version,
		repeats: repeats[cs.ID],
		policy:  c.Policy(),
		cells: []string{
			receivedCell(cs.ReceivedAt.In(c.Loc()), c.Desk.Now().In(c.Loc())),
			person,
			c.CategoryName(cs.Category),
			cs.Grade,
			status,
			safetext.Line(cs.Handler),
		},
		due:       cs.NextDue,
		dueStart:  cs.NextDueStart,
		estimated: c.Desk.Estimated(cs),
	}
}

// Update handles keys, mouse and loaded data.
func (m *Model) Update(msg tea.Msg) (common.Page, tea.Cmd) {
	switch msg := msg.(type) {
	case common.Answer:
		if ans, ok := m.pages.Latest(msg); ok {
			return m, m.gotPage(ans.(pageMsg))
		}
		if ans, ok := m.countings.Latest(msg); ok && ans.(countsMsg).err == nil {
			m.counts = ans.(countsMsg).counts
		}
		return m, nil // an older request's: a newer one is on its way
	case searchDueMsg:
		if msg.seq != m.searchSeq {
			return m, nil // more keys came since
		}
		return m, m.searchNow()
	case common.DataChangedMsg:
		return m, tea.Batch(m.reload(), m.loadCounts())
	case common.SavedMsg:
		return m, tea.Batch(m.reload(), m.loadCounts())
	case tea.MouseWheelMsg:
		switch msg.Mouse().Button {
		case tea.MouseWheelUp:
			return m, m.move(-3)
		case tea.MouseWheelDown:
			return m, m.move(3)
		}
		return m, nil
	case tea.PasteMsg:
		if m.typing {
			var cmd tea.Cmd
			m.input, cmd = m.input.Update(msg)
			return m, tea.Batch(cmd, m.applySearch())
		}
		return m, nil
	case tea.KeyPressMsg:
		if m.typing {
			return m.updateTyping(msg)
		}
		return m.updateKeys(msg)
	}
	return m, nil
}

func (m *Model) updateTyping(msg tea.KeyPressMsg) (common.Page, tea.Cmd) {
	switch msg.String() {
	case "enter":
		m.typing = false
		m.input.Blur()
		return m, m.searchNow()
	case "esc":
		m.typing = false
		m.input.Blur()
		m.input.SetValue("")
		return m, m.searchNow()
	case "up", "down", "pgup", "pgdown":
		m.typing = false
		m.input.Blur()
		return m.updateKeys(msg)
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return m, tea.Batch(cmd, m.applySearch())
}

// gotPage shows the rows read.
func (m *Model) gotPage(msg pageMsg) tea.Cmd {
	m.err = msg.err
	if msg.search != "" && msg.err == nil {
		m.searchCost = msg.took
	}
	if msg.err != nil {
		if msg.search != "" { // a refused search shows nothing: the old rows do not match what was typed
			m.rows, m.total = nil, 0
		}
		return common.Status(m.c.F(text.Queue.ReadFailed, msg.err.Error()), true)
	}
	m.loaded = true
	oldFrom := m.rowsFrom
	m.rowsFrom, m.total = msg.from, msg.total
	// After a change every session reads its page again, and most of its
	// rows are the same cases as before: those keep their cells as drawn.
	// They are found near where they were (a new case shifts the rest).
	rows := make([]*row, 0, len(msg.cases))
	for i := range msg.cases {
		cs := &msg.cases[i]
		if r := m.oldRow(cs.ID, msg.from+i-oldFrom); r != nil && r.version == cs.Version && r.repeats == msg.repeats[cs.ID] && r.policy == any(m.c.Policy()) {
			rows = append(rows, r)
			continue
		}
		r := m.makeRow(cs, msg.repeats)
		rows = append(rows, &r)
	}
	m.rows = rows
	if m.total < countCap && m.cursor >= m.total {
		m.cursor = max(0, m.total-1)
	}
	m.clampScroll()
	return nil
}

// oldRow is the row of case id among the rows read before, looked for
// from index at (where it is now) outwards.
func (m *Model) oldRow(id int64, at int) *row {
	for d := 0; d < len(m.rows); d++ {
		for _, i := range [2]int{at - d, at + d} {
			if i >= 0 && i < len(m.rows) && m.rows[i].id == id {
				return m.rows[i]
			}
		}
	}
	return nil
}

// searchBudget is how long after the last key its results may take to be
// on screen; the pause in typing before the filter queries is what is left
// of it once the query and the frame (searchFrame) are paid, at most
// searchPauseMax: keys that come faster than that (a fast typist, an input
// method committing a word) ask the database once. The query is counted
// at half as long again as the last one took: on a busy machine the next
// one is often slower. A query slower than the budget starts at once; the
// next key cancels it (reload).
const (
	searchBudget   = 50 * time.Millisecond
	searchPauseMax = 30 * time.Millisecond
	searchFrame    = 5 * time.Millisecond
)

// searchPause is the pause before the query of what was typed.
func (m *Model) searchPause() time.Duration {
	return min(searchPauseMax, max(0, searchBudget-searchFrame-m.searchCost*3/2))
}

type searchDueMsg struct{ seq int }

// applySearch schedules the query for what was typed, after searchPause.
func (m *Model) applySearch() tea.Cmd {
	m.searchSeq++
	seq := m.searchSeq
	pause := m.searchPause()
	if pause == 0 {
		return m.searchNow()
	}
	return tea.Tick(pause, func(time.Time) tea.Msg { return searchDueMsg{seq: seq} })
}

// searchNow reloads when the typed filter changed. One or two digits alone
// would match nearly every phone and number: it waits for a third.
func (m *Model) searchNow() tea.Cmd {
	v := strings.TrimSpace(m.input.Value())
	m.shortDigits = len(v) > 0 && len(v) < 3 && strings.Trim(v, "0123456789") == ""
	if m.shortDigits || v == m.filter.Search {
		return nil
	}
	m.filter.Search = v
	m.cursor, m.top = 0, 0
	return m.reload()
}

func (m *Model) updateKeys(msg tea.KeyPressMsg) (common.Page, tea.Cmd) {
	for _, b := range m.Keys() {
		if b.Matches(msg) {
			if why := b.Reason(); why != "" {
				return m, common.Status(why, true)
			}
		}
	}
	k := m.keys
	switch {
	case k.Up.Matches(msg):
		return m, m.move(-1)
	case k.Down.Matches(msg):
		return m, m.move(1)
	case k.PageUp.Matches(msg):
		return m, m.move(-m.visibleRows())
	case k.PageDown.Matches(msg):
		return m, m.move(m.visibleRows())
	case k.Home.Matches(msg):
		return m, m.move(-m.cursor)
	case k.End.Matches(msg):
		return m, m.move(m.total)
	case k.NextTab.Matches(msg):
		return m, m.setTab((m.tab + 1) % len(m.tabs))
	case k.PrevTab.Matches(msg):
		return m, m.setTab((m.tab + len(m.tabs) - 1) % len(m.tabs))
	case k.TabNumber.Matches(msg):
		return m, m.setTab(int(msg.String()[0] - '1'))
	case k.Open.Matches(msg):
		return m, common.Cmd(common.OpenCaseMsg{Number: m.Selected()})
	case k.New.Matches(msg):
		return m, common.Cmd(common.OpenIntakeMsg{})
	case k.Search.Matches(msg):
		m.typing = true
		return m, m.input.Focus()
	case k.Sort.Matches(msg):
		m.sort = (m.sort + 1) % 4
		m.cursor, m.top = 0, 0
		return m, m.reload()
	case k.Status.Matches(msg):
		m.filter.Status = cycle(m.statusIDs(), m.filter.Status)
		return m, m.refilter()
	case k.Grade.Matches(msg):
		m.filter.Grade = cycle(m.gradeIDs(), m.filter.Grade)
		return m, m.refilter()
	case k.Category.Matches(msg):
		m.filter.Category = cycle(m.categoryIDs(), m.filter.Category)
		return m, m.refilter()
	case k.Channel.Matches(msg):
		m.filter.Channel = cycle(m.channelIDs(), m.filter.Channel)
		return m, m.refilter()
	case k.Department.Matches(msg):
		var ids []string
		for _, d := range m.c.Policy().Departments {
			ids = append(ids, d.ID)
		}
		m.filter.Department = cycle(ids, m.filter.Department)
		return m, m.refilter()
	case k.Clear.Matches(msg):
		m.filter = Filters{}
		m.input.SetValue("")
		return m, m.refilter()
	}
	return m, nil
}

func (m *Model) refilter() tea.Cmd {
	m.cursor, m.top = 0, 0
	return m.reload()
}

// cycle steps through "" (no filter) and each value.
func cycle(values []string, cur string) string {
	for i, v := range values {
		if v == cur {
			if i+1 < len(values) {
				return values[i+1]
			}
			return ""
		}
	}
	if len(values) > 0 {
		return values[0]
	}
	return ""
}

func (m *Model) statusIDs() []string {
	var out []string
	for _, s := range m.c.Policy().Statuses {
		out = append(out, s.ID)
	}
	return out
}

func (m *Model) gradeIDs() []string {
	var out []string
	for _, g := range m.c.Policy().Grades {
		out = append(out, g.ID)
	}
	return out
}

func (m *Model) categoryIDs() []string {
	var out []string
	for _, cat := range m.c.Policy().Categories {
		if cat.Parent == "" {
			out = append(out, cat.ID)
		}
	}
	return out
}

func (m *Model) channelIDs() []string {
	var out []string
	for _, ch := range m.c.Policy().Channels {
		out = append(out, ch.ID)
	}
	return out
}

func (m *Model) setTab(i int) tea.Cmd {
	if i < 0 || i >= len(m.tabs) || i == m.tab {
		return nil
	}
	m.tab = i
	m.cursor, m.top = 0, 0
	m.rows = nil
	return tea.Batch(m.reload(), m.loadCounts())
}

// move changes the selection; it reloads when the rows on screen are not loaded.
func (m *Model) move(delta int) tea.Cmd {
	last := max(0, m.total-1)
	m.cursor = min(max(0, m.cursor+delta), last)
	m.clampScroll()
	end := m.rowsFrom + len(m.rows)
	if m.top < m.rowsFrom || (m.top+m.visibleRows() > end && end < m.total) {
		return m.reload()
	}
	return nil
}

func (m *Model) clampScroll() {
	page := m.visibleRows()
	if m.cursor < m.top {
		m.top = m.cursor
	}
	if m.cursor >= m.top+page {
		m.top = m.cursor - page + 1
	}
	m.top = max(0, m.top)
}

// columns are the table's columns for the width: fixed ones first, the
// complainant and category share what is left; narrow screens drop the
// category and handler.
type column struct {
	title string
	width int
	right bool
}

func (m *Model) columns() []column {
	c := m.c
	cols := []column{
		{c.T(text.Queue.ColNumber), 15, false},
		{c.T(text.Queue.ColReceived), 11, false},
		{c.T(text.Queue.ColComplainant), 16, false},
		{c.T(text.Queue.ColCategory), 12, false},
		{c.T(text.Queue.ColGrade), 2, false},
		{c.T(text.Queue.ColStatus), 12, false},
		{c.T(text.Queue.ColHandler), 8, false},
		{c.T(text.Queue.ColDeadline), 14, true},
	}
	used := func() int {
		n := 0
		for _, col := range cols {
			if col.width > 0 {
				n += col.width + 1
			}
		}
		return n
	}
	if m.width < 100 {
		cols[3].width = 0 // category
		cols[6].width = 0 // handler
		cols[5].width = 10
	}
	if spare := m.width - used() - 2; spare > 0 {
		cols[2].width += spare / 2
		if cols[3].width > 0 {
			cols[3].width += spare - spare/2
		} else {
			cols[2].width += spare - spare/2
		}
	} else if spare < 0 {
		cols[2].width = max(8, cols[2].width+spare)
	}
	return cols
}

// View draws the tabs, the filter line, the header and the visible rows.
func (m *Model) View() string {
	c := m.c
	s := c.Styles
	var b strings.Builder
	b.Grow(m.viewLen) // about as long as the last one: no growing on the way
	defer func() { m.viewLen = b.Len() }()

	// The tabs and the header change with the counts and the layout, not
	// with the clock: drawn again only then.
	if k := (chromeKey{m.width, c.Lang, s, m.counts, m.tab}); m.chrome.tabs == "" || m.chromeAs != k {
		m.chrome = m.sharedChrome(k)
		m.chromeAs = k
	}
	b.WriteString(m.chrome.tabs)
	b.WriteByte('\n')

	// Filter line: the search field and active filters, the sort and the total.
	var line string
	if m.typing || m.filter.Search != "" {
		line = m.input.View()
		if m.shortDigits {
			line += s.Muted.Render("  " + c.T(text.Queue.ShortDigits))
		}
	} else {
		line = s.Muted.Render(c.T(text.Queue.SearchHint))
	}
	var active []string
	if m.filter.Status != "" {
		active = append(active, c.T(text.Queue.FilterStatus)+c.StatusName(m.filter.Status))
	}
	if m.filter.Grade != "" {
		active = append(active, c.T(text.Queue.FilterGrade)+m.filter.Grade)
	}
	if m.filter.Category != "" {
		active = append(active, c.T(text.Queue.FilterCategory)+c.CategoryName(m.filter.Category))
	}
	if m.filter.Channel != "" {
		active = append(active, c.T(text.Queue.FilterChannel)+c.ChannelName(m.filter.Channel))
	}
	if m.filter.Department != "" {
		active = append(active, c.T(text.Queue.FilterDept)+safetext.Line(c.Policy().DepartmentName(m.filter.Department, c.Lang)))
	}
	right := sortName(c, m.sort) + "  " + c.F(text.Queue.Count, countText(m.total))
	if len(active) > 0 {
		right = s.Warn.Render(strings.Join(active, " ")) + "  " + right
	}
	gap := m.width - lipgloss.Width(line) - lipgloss.Width(right)
	if gap < 1 {
		line = components.Fit(line, max(0, m.width-lipgloss.Width(right)-1))
		gap = 1
	}
	b.WriteString(components.Fit(line+strings.Repeat(" ", gap)+right, m.width))
	b.WriteByte('\n')

	cols := m.columns()
	b.WriteString(m.chrome.header)
	b.WriteByte('\n')

	page := m.visibleRows()
	switch {
	case !m.loaded:
		b.WriteString(s.Muted.Render(" " + c.T(text.Common.Loading)))
		b.WriteByte('\n')
		page--
	case m.total == 0 && m.filter != (Filters{}):
		// A search typed in another tab still filters this one: say so
		// rather than look empty.
		b.WriteString(s.Warn.Render(" " + c.F(text.Queue.EmptyFiltered, countText(m.counts[m.tab]))))
		b.WriteByte('\n')
		page--
	case m.total == 0:
		b.WriteString(s.Muted.Render(" " + c.T(text.Queue.Empty)))
		b.WriteByte('\n')
		page--
	}
	for i := 0; i < page && m.total > 0; i++ {
		abs := m.top + i
		ri := abs - m.rowsFrom
		if abs >= m.total {
			break
		}
		if ri < 0 || ri >= len(m.rows) {
			b.WriteString(s.Muted.Render(components.Fit(" …", m.width)))
			b.WriteByte('\n')
			continue
		}
		b.WriteString(m.renderRow(m.rows[ri], cols, abs == m.cursor))
		b.WriteByte('\n')
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// header is the columns' titles.
func (m *Model) header() string {
	var hdr []string
	for _, col := range m.columns() {
		if col.width == 0 {
			continue
		}
		if col.right {
			hdr = append(hdr, components.FitRight(col.title, col.width))
		} else {
			hdr = append(hdr, components.Fit(col.title, col.width))
		}
	}
	return m.c.Styles.Header.Render(components.Fit(" "+strings.Join(hdr, " "), m.width))
}

type chromeKey struct {
	width  int
	lang   string
	styles any
	counts [8]int
	tab    int
}

type chrome struct{ tabs, header string }

// chromes are the tab lines and headers drawn for any session: after a
// change every session draws its new counts, and those of the same role
// and size draw the same ones (only Mine's count is the user's own). The
// counts move with every change: the map is bounded.
var chromes = memo.Map[sharedChromeKey, chrome]{Max: 1024}

type sharedChromeKey struct {
	chromeKey
	tabs string // the role's tabs
}

func (m *Model) sharedChrome(k chromeKey) chrome {
	return chromes.Do(sharedChromeKey{k, fmt.Sprint(m.tabs)}, func() chrome {
		return chrome{tabs: components.Fit(m.tabLine(false), m.width), header: m.header()}
	})
}

// tabLine is the tabs with their counts: short labels when the full ones
// do not fit, then closer together, so that every tab (a supervisor's 8
// 待审批 last) stays on the line at 80 columns.
func (m *Model) tabLine(short bool) string {
	line := m.tabsAs(short, false)
	if !short && lipgloss.Width(line) > m.width {
		return m.tabLine(true)
	}
	if short && lipgloss.Width(line) > m.width {
		return m.tabsAs(true, true)
	}
	return line
}

func (m *Model) tabsAs(short, tight bool) string {
	c, s := m.c, m.c.Styles
	format, sep := "%d %s %s", "  "
	if tight {
		format, sep = "%d%s %s", " "
	}
	var parts []string
	for i, t := range m.tabs {
		label := fmt.Sprintf(format, i+1, tabName(c, t, short), countText(m.counts[i]))
		if i == m.tab {
			parts = append(parts, s.TabActive.Render(label))
		} else {
			parts = append(parts, s.TabInactive.Render(label))
		}
	}
	return strings.Join(parts, sep)
}

func (m *Model) renderRow(r *row, cols []column, selected bool) string {
	c := m.c
	s := c.Styles
	if c.Now.Before(r.countFrom) || !c.Now.Before(r.countUntil) {
		text, level, until := c.CountdownUntil(r.due, r.dueStart)
		if r.estimated && text != "" {
			text = "≈" + text
		}
		r.countdown.text, r.countdown.level = text, level
		r.countFrom, r.countUntil = c.Now, until
	}
	text, level := r.countdown.text, r.countdown.level
	key := drawKey{width: m.width, lang: c.Lang, styles: s, selected: selected, text: text, level: level}
	if r.drawn != "" && r.drawnAs == key {
		return r.drawn
	}
	r.drawn, r.drawnAs = m.drawRow(r, cols, selected, text, level), key
	return r.drawn
}

func (m *Model) drawRow(r *row, cols []column, selected bool, text string, level components.Level) string {
	last := len(cols) - 1
	if fk := (fixedKey{m.width, m.c.Lang}); r.fixed == "" || r.fixedAs != fk {
		var b strings.Builder
		b.WriteByte(' ')
		for i, col := range cols[:last] {
			if col.width == 0 {
				continue
			}
			cell := r.number
			if i > 0 {
				cell = r.cells[i-1]
			}
			b.WriteString(components.Fit(cell, col.width))
			b.WriteByte(' ')
		}
		r.fixed, r.fixedAs = b.String(), fk
		r.fixedW = lipgloss.Width(r.fixed)
	}
	cell := components.FitRight(text, cols[last].width)
	open, cell, close := m.ink(level, cell)
	if selected {
		return m.c.Styles.Selected.Render(components.Fit(">"+r.fixed[1:]+open+cell+close, m.width))
	}
	// The line's width is known from the columns: measure it only when
	// they overflow a narrow screen.
	if r.fixedW+cols[last].width != m.width {
		return components.Fit(r.fixed+open+cell+close, m.width)
	}
	return r.fixed + open + cell + close
}

// ink is the escape codes around a countdown of the level, taken once per
// set of styles: rendering every cell through lipgloss was most of a full
// redraw's time and allocations. A style that is more than a wrap of
// escape codes (padding, a width) renders the cell itself.
func (m *Model) ink(level components.Level, cell string) (open, inked, close string) {
	s := m.c.Styles
	styles := []lipgloss.Style{s.Muted, s.OK, s.Warn, s.Breach} // by level
	if m.inks.of != s {
		m.inks = inks{of: s, plain: true}
		for l, st := range styles {
			open, close, ok := strings.Cut(st.Render("X"), "X")
			m.inks.open[l], m.inks.close[l] = open, close
			m.inks.plain = m.inks.plain && ok && !strings.Contains(close, "X")
		}
	}
	l := int(level)
	if l < 0 || l >= len(styles) {
		l = 0
	}
	if !m.inks.plain {
		return "", styles[l].Render(cell), ""
	}
	return m.inks.open[l], cell, m.inks.close[l]
}

// inks are the escape codes around a countdown of each level (by
// components.Level: none, ok, warn, breach) in the styles of.
type inks struct {
	of          any
	open, close [4]string
	plain       bool
}

func countText(n int) string {
	if n >= countCap {
		return fmt.Sprintf("%d+", countCap)
	}
	return fmt.Sprint(n)
}

// Keys are the page's keys: the search's while it is typed.
func (m *Model) Keys() []keys.Binding {
	if m.typing {
		return []keys.Binding{keys.QueueSearch.Done, keys.QueueSearch.Clear}
	}
	k := m.keys
	return []keys.Binding{
		k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End,
		k.NextTab, k.PrevTab, k.TabNumber,
		k.Open, k.New,
		k.Search, k.Status, k.Grade, k.Category, k.Channel, k.Department, k.Clear, k.Sort,
	}
}

// ShortKeys are the footer's keys.
func (m *Model) ShortKeys() []keys.Binding {
	if m.typing {
		return m.Keys()
	}
	k := m.keys
	return []keys.Binding{k.Open, k.New, k.Search, k.NextTab, k.Sort}
}
