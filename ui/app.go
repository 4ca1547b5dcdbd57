// Package ui is the terminal application: the root model owns the pages, the
// global keys, the window size, the once-a-second clock and the
// subscription to changes; every page shares one common.Common.
package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"complaintdesk/internal/notify"
	"complaintdesk/internal/safetext"
	"complaintdesk/store"
	"complaintdesk/ui/common"
	"complaintdesk/ui/components"
	"complaintdesk/ui/keys"
	"complaintdesk/ui/pages/alerts"
	"complaintdesk/ui/pages/detail"
	"complaintdesk/ui/pages/intake"
	"complaintdesk/ui/pages/queue"
	"complaintdesk/ui/styles"
	"complaintdesk/ui/text"
)

// MinWidth and MinHeight are the smallest screen the desk draws in.
const (
	MinWidth  = 80
	MinHeight = 24
)

// App is the root model of one session.
type App struct {
	c       *common.Common
	queue   *queue.Model
	stack   []common.Page // pages opened over the queue
	full    bool          // the help (?) is shown
	helpTop int           // its first line shown, when it is longer than the screen
	changes <-chan notify.Change

	status    string
	statusErr bool
	statusAt  time.Time

	resume *store.Draft // a kept intake form offered at start
	width  int
	height int
	ascii  bool

	// The warning line: clocks about to breach or breached, escalations
	// and crises for this user (alerts.go).
	alerts alertState

	// Switching the station's user with a PIN (station.go).
	station stationState
}

// New makes the root model. changes may be nil (no live updates).
func New(c *common.Common, changes <-chan notify.Change) *App {
	if c.Styles == nil {
		c.Styles = styles.New(true, false)
	}
	if c.Now.IsZero() {
		c.Now = c.Desk.Now()
	}
	return &App{
		c:       c,
		queue:   queue.New(c),
		changes: changes,
	}
}

type draftFoundMsg struct{ draft *store.Draft }

// Init starts the clock, the change listener, the queue and the draft check.
func (a *App) Init() tea.Cmd {
	return tea.Batch(tick(), a.listen(), a.queue.Init(), a.checkDraft(), tea.RequestBackgroundColor, a.loadAlerts(), a.loadStationUsers())
}

func tick() tea.Cmd {
	return tea.Every(time.Second, func(t time.Time) tea.Msg { return common.TickMsg{Now: t} })
}

// listen waits for the next change published by this process (its own
// writes, and other processes' through the desk's data-version watcher).
func (a *App) listen() tea.Cmd {
	if a.changes == nil {
		return nil
	}
	ch, ctx := a.changes, a.c.Ctx
	return func() tea.Msg {
		select {
		case _, ok := <-ch:
			if !ok {
				return nil
			}
			return common.DataChangedMsg{}
		case <-ctx.Done():
			return nil
		}
	}
}

func (a *App) checkDraft() tea.Cmd {
	c := a.c
	return func() tea.Msg {
		d, err := c.Desk.Draft(c.Ctx, c.Actor.Name, intake.DraftKey)
		if err != nil {
			return nil
		}
		return draftFoundMsg{draft: d}
	}
}

func (a *App) top() common.Page {
	if len(a.stack) > 0 {
		return a.stack[len(a.stack)-1]
	}
	return a.queue
}

func (a *App) pageHeight() int { return max(1, a.height-3) } // title, status and footer lines

func (a *App) push(p common.Page) tea.Cmd {
	p.SetSize(a.width, a.pageHeight())
	a.stack = append(a.stack, p)
	a.full = false
	return p.Init()
}

// Update routes messages: global ones here, the rest to the page on top.
func (a *App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if cmd, done := a.updateStation(msg); done {
		return a, cmd
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		a.c.Width, a.c.Height = msg.Width, msg.Height
		a.queue.SetSize(a.width, a.pageHeight())
		for _, p := range a.stack {
			p.SetSize(a.width, a.pageHeight())
		}
		return a, nil
	case tea.BackgroundColorMsg:
		a.c.Styles = styles.New(msg.IsDark(), a.ascii)
		return a, nil
	case alertsMsg:
		a.gotAlerts(msg)
		return a, nil
	case common.TickMsg:
		a.c.Now = msg.Now
		cmds := []tea.Cmd{tick(), a.alertsDue()}
		if a.status != "" && msg.Now.Sub(a.statusAt) > 8*time.Second {
			a.status = ""
		}
		for _, p := range a.pages() {
			_, cmd := p.Update(msg)
			cmds = append(cmds, cmd)
		}
		return a, tea.Batch(cmds...)
	case common.Answer:
		// An answer goes to the page that asked, wherever it is in the
		// stack (a dashboard under a case it opened still gets its figures).
		var cmds []tea.Cmd
		for _, p := range a.pages() {
			_, cmd := p.Update(msg)
			cmds = append(cmds, cmd)
		}
		return a, tea.Batch(cmds...)
	case common.DataChangedMsg:
		a.alerts.dirty = true
		cmds := []tea.Cmd{a.listen()}
		for _, p := range a.pages() {
			_, cmd := p.Update(msg)
			cmds = append(cmds, cmd)
		}
		return a, tea.Batch(cmds...)
	case common.StatusMsg:
		a.status, a.statusErr, a.statusAt = msg.Text, msg.Error, a.c.Now
		return a, nil
	case common.OpenCaseMsg:
		if msg.Replace && len(a.stack) > 0 {
			a.stack = a.stack[:len(a.stack)-1]
		}
		return a, a.push(detail.New(a.c, msg.Number).WithNote(msg.Note))
	case common.OpenIntakeMsg:
		a.resume = nil
		return a, a.push(intake.New(a.c, msg.Draft))
	case common.ShowTabMsg:
		return a, a.showTab(msg.Tab)
	case common.BackMsg:
		if len(a.stack) > 0 {
			a.stack = a.stack[:len(a.stack)-1]
		}
		return a, nil
	case common.SavedMsg:
		_, cmd := a.queue.Update(msg)
		return a, cmd
	case draftFoundMsg:
		a.resume = msg.draft
		return a, nil
	case tea.KeyPressMsg:
		return a.updateKey(msg)
	}
	if cmd, ok := a.reportMsg(msg); ok { // reports.go
		return a, cmd
	}
	p, cmd := a.top().Update(msg)
	a.replaceTop(p)
	if len(a.stack) > 0 && !common.IsInput(msg) { // input is for the page on top only
		// The queue's own answers (a reload after a change made while a
		// case was open) still reach it under the page on top.
		_, qcmd := a.queue.Update(msg)
		cmd = tea.Batch(cmd, qcmd)
	}
	return a, cmd
}

// pages are the queue and every page over it (all redraw clocks and data).
func (a *App) pages() []common.Page {
	return append([]common.Page{a.queue}, a.stack...)
}

func (a *App) replaceTop(p common.Page) {
	if len(a.stack) > 0 {
		a.stack[len(a.stack)-1] = p
	}
}

func (a *App) updateKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	if keys.App.QuitNow.Matches(msg) {
		a.flushDrafts()
		return a, tea.Quit
	}
	if a.resume != nil {
		switch msg.String() {
		case "y", "enter":
			d := a.resume
			a.resume = nil
			return a, a.push(intake.New(a.c, d.Data))
		case "n", "esc":
			a.resume = nil
			return a, common.Status(a.c.T(text.App.DraftKept), false)
		}
		return a, nil
	}
	top := a.top()
	if !top.Capturing() {
		if a.full && a.helpKey(msg) {
			return a, nil
		}
		switch {
		case keys.App.Help.Matches(msg):
			a.full, a.helpTop = true, 0
			return a, nil
		case keys.App.Quit.Matches(msg) && len(a.stack) == 0:
			return a, tea.Quit
		case keys.App.Quit.Matches(msg):
			// q is esc on every page but the queue: each page's own way
			// back (the intake form asks before it throws anything away).
			msg = tea.KeyPressMsg{Code: tea.KeyEscape}
		case len(a.stack) == 0 && keys.Queue.New.Matches(msg):
			return a, a.openIntake()
		case keys.App.Alerts.Matches(msg) && a.alertsKey(top):
			return a, a.push(alerts.New(a.c))
		}
		if cmd, ok := a.reportKey(msg); ok { // B, M: reports.go
			return a, cmd
		}
	}
	p, cmd := top.Update(msg)
	if len(a.stack) > 0 {
		a.replaceTop(p)
	}
	return a, cmd
}

// flushDrafts writes a half-typed form (intake, a case's step) now rather
// than after the draft's short debounce: the program is about to end.
func (a *App) flushDrafts() {
	for _, p := range a.stack {
		if f, ok := p.(interface{ FlushDraft(context.Context) error }); ok {
			if err := f.FlushDraft(a.c.Ctx); err != nil {
				a.status, a.statusErr = err.Error(), true
			}
		}
	}
}

// Shutdown saves what must survive the session (drafts); the SSH server
// calls it before it closes a session.
func (a *App) Shutdown() { a.flushDrafts() }

// openIntake resumes the kept draft when there is one.
//
// It reads the draft here rather than in a command: one indexed row, and the
// form must be open before the agent's next key arrives, or the keys typed
// right after n would go to the queue.
func (a *App) openIntake() tea.Cmd {
	a.resume = nil
	data := ""
	if d, err := a.c.Desk.Draft(a.c.Ctx, a.c.Actor.Name, intake.DraftKey); err == nil {
		data = d.Data
	}
	return a.push(intake.New(a.c, data))
}

// View draws the title line, the page, the status line and the footer help.
func (a *App) View() tea.View {
	var v tea.View
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = a.c.T(text.App.Title)
	if a.width == 0 {
		return v
	}
	if a.width < MinWidth || a.height < MinHeight {
		v.SetContent(a.tooSmall())
		return v
	}
	s := a.c.Styles
	title := s.Title.Render(" " + a.c.T(text.App.Title))
	who := fmt.Sprintf("%s (%s)  %s ", safetext.Line(a.c.Actor.Name), a.roleName(), a.c.Now.In(a.c.Loc()).Format(a.c.ClockLayout()))
	who = a.stationHint() + who
	gap := max(1, a.width-lipgloss.Width(title)-lipgloss.Width(who))
	header := title + strings.Repeat(" ", gap) + s.Muted.Render(who)

	var body string
	if a.full {
		body = a.fullHelp()
	} else {
		body = a.top().View()
	}
	body = fitHeight(body, a.pageHeight())
	if a.resume != nil {
		body = a.overlayResume(body)
	}
	if a.station.open {
		body = a.overlayStation(body)
	}

	status := ""
	if a.status != "" {
		st := s.OK
		if a.statusErr {
			st = s.Error
		}
		status = st.Render(components.Fit(" "+safetext.Line(a.status), a.width))
	} else {
		status = a.alertLine()
	}
	footer := " " + components.ShortHelp(s, a.c.Lang, a.shortHelp(), a.width-1)
	v.SetContent(strings.Join([]string{header, body, status, components.Fit(footer, a.width)}, "\n"))
	return v
}

func (a *App) roleName() string {
	if r := a.c.Role(); r != nil {
		return r.Label.In(a.c.Lang)
	}
	return a.c.Actor.Role
}

// pageKeys are the keys of the page on top: all of them and the footer's.
func (a *App) pageKeys() (all, short []keys.Binding) {
	if p, ok := a.top().(common.Keyed); ok {
		return p.Keys(), p.ShortKeys()
	}
	return nil, nil
}

// alertsKey: A opens the alerts list over top, but not over itself, nor
// over the intake form, whose choices take letters (A is the grade).
func (a *App) alertsKey(top common.Page) bool {
	switch top.(type) {
	case *alerts.Model, *intake.Model:
		return false
	}
	return true
}

// globalKeys are the keys of every page as they stand on the page on top:
// q quits from the queue and goes back elsewhere.
func (a *App) globalKeys() []keys.Binding {
	k := keys.App
	var out []keys.Binding
	if len(a.stack) == 0 {
		out = append(out, a.reportKeys()...)
		out = append(out, k.Quit)
	} else {
		out = append(out, k.Back)
	}
	out = append(out, k.QuitNow, k.Help, k.Station.When(a.whyNoStation))
	if a.alertsKey(a.top()) {
		out = append(out, k.Alerts)
	}
	return out
}

func (a *App) shortHelp() []keys.Binding {
	_, short := a.pageKeys()
	if a.top().Capturing() {
		return short
	}
	k := keys.App
	if len(a.stack) == 0 {
		return keys.Visible(short, k.Quit, k.Help)
	}
	return keys.Visible(short, k.Back, k.Help)
}

// helpKey handles a key while the help is open: esc and q close it, the
// arrows scroll it; any other key closes it and goes on to the page.
func (a *App) helpKey(msg tea.KeyPressMsg) bool {
	k := keys.Scroll
	switch {
	case keys.App.Back.Matches(msg), keys.App.Quit.Matches(msg), keys.App.Help.Matches(msg):
		a.full = false
	case k.Up.Matches(msg):
		a.helpTop--
	case k.Down.Matches(msg):
		a.helpTop++
	case k.PageUp.Matches(msg):
		a.helpTop -= a.pageHeight() - 3
	case k.PageDown.Matches(msg):
		a.helpTop += a.pageHeight() - 3
	default:
		a.full = false
		return false
	}
	return true
}

// fullHelp is every key of the page on top and of every page, grouped,
// the unavailable ones greyed with their reason; it scrolls when longer
// than the page.
func (a *App) fullHelp() string {
	s := a.c.Styles
	all, _ := a.pageKeys()
	room := a.pageHeight() - 2 // the title and a blank line
	lines := components.Help(s, a.c.Lang, keys.Visible(all, a.globalKeys()...), a.width-1, room)
	if len(lines) > room {
		room-- // the line saying there is more
	}
	a.helpTop = max(0, min(a.helpTop, len(lines)-room))
	shown := lines[a.helpTop:min(len(lines), a.helpTop+room)]
	for i, l := range shown {
		shown[i] = " " + l
	}
	out := append([]string{s.Title.Render(" " + a.c.T(text.App.HelpTitle)), ""}, shown...)
	if a.helpTop+room < len(lines) {
		out = append(out, s.Muted.Render(" "+a.c.T(text.App.HelpMore)))
	}
	return strings.Join(out, "\n")
}

func (a *App) tooSmall() string {
	msg := a.c.F(text.App.TooSmall, a.width, a.height, MinWidth, MinHeight)
	return lipgloss.Place(a.width, a.height, lipgloss.Center, lipgloss.Center, msg)
}

func (a *App) overlayResume(body string) string {
	d := a.resume
	box := a.c.Styles.Dialog.Render(a.c.F(text.App.ResumeDraft, d.UpdatedAt.In(a.c.Loc()).Format("01-02 15:04")))
	return lipgloss.Place(a.width, a.pageHeight(), lipgloss.Center, lipgloss.Center, box)
}

// fitHeight pads or cuts the body to exactly h lines.
func fitHeight(s string, h int) string {
	if strings.Count(s, "\n") == h-1 {
		return s // drawn every frame of every session: most pages fit already
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// Run starts the terminal application on the opened desk until the user quits.
func Run(ctx context.Context, o Options) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go o.Desk.Watch(ctx, 500*time.Millisecond)
	go o.Desk.RunSweeper(ctx, 30*time.Second) // breached clocks escalate (policy)
	changes, unsubscribe := o.Desk.Hub().Subscribe()
	defer unsubscribe()
	c := &common.Common{Ctx: ctx, Desk: o.Desk, Actor: o.Actor, Lang: o.Lang, Styles: styles.New(true, o.ASCII), Now: o.Desk.Now()}
	app := New(c, changes)
	app.ascii = o.ASCII
	p := tea.NewProgram(app, tea.WithContext(ctx))
	_, err := p.Run()
	if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
		return nil
	}
	return err
}
