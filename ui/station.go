package ui

// One station, several people: U (or F2) hands the terminal over to
// another desk user — the receptionist to the quality manager, then to the
// signatory — who types their PIN or password. The desk checks it (a
// salted hash; wrong PINs lock the user out for a while) and every event
// from then on records the new user. The PIN is typed masked, never shown,
// stored or logged.

import (
	"errors"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/safetext"
	"complaintdesk/store"
	"complaintdesk/ui/common"
	"complaintdesk/ui/components"
	"complaintdesk/ui/keys"
	"complaintdesk/ui/pages/intake"
	"complaintdesk/ui/text"
)

type stationState struct {
	open  bool
	busy  bool
	seq   int
	users []store.User // who may take the station over (they have a PIN)
	known bool         // users was read at least once
	sel   int
	moved bool // the user chose someone: a late list does not move the choice
	pin   textinput.Model
	err   string
	// remote: an SSH session, whose user is the key's; the station's
	// switch is for the one local terminal.
	remote bool
}

type stationUsersMsg struct {
	seq   int
	users []store.User
	err   error
}

type stationSwitchedMsg struct {
	seq   int
	actor desk.Actor
	err   error
}

// loadStationUsers reads who has a PIN (for the dialog, and for the hint
// in the title line).
func (a *App) loadStationUsers() tea.Cmd {
	if a.c.Desk == nil || a.station.remote {
		return nil
	}
	seq, d, ctx := a.station.seq, a.c.Desk, a.c.Ctx
	return func() tea.Msg {
		us, err := d.StationUsers(ctx)
		return stationUsersMsg{seq: seq, users: us, err: err}
	}
}

// whyNoStation is why U does nothing now: over SSH the key says who
// works, and an intake form's draft belongs to who is typing it.
func (a *App) whyNoStation() string {
	switch {
	case a.station.remote:
		return a.c.T(text.Station.WhyRemote)
	case a.intakeOpen():
		return a.c.T(text.Station.WhyForm)
	}
	return ""
}

// updateStation handles the dialog and its answers; done is false for
// messages that are not the station's.
func (a *App) updateStation(msg tea.Msg) (cmd tea.Cmd, done bool) {
	st := &a.station
	switch msg := msg.(type) {
	case stationUsersMsg:
		if msg.err == nil {
			st.users, st.known = msg.users, true
			if st.open && msg.seq == st.seq && !st.moved {
				st.sel = a.firstOther()
				if len(st.users) == 0 {
					st.err = a.c.T(text.Station.NoPINs)
				}
			}
		}
		return nil, true
	case stationSwitchedMsg:
		if msg.seq != st.seq {
			return nil, true
		}
		st.busy = false
		if msg.err != nil {
			st.err = a.c.ErrorText(msg.err)
			var ve *desk.ValidationError
			if errors.As(msg.err, &ve) && len(ve.Problems) > 0 {
				st.err = ve.Problems[0].Message(a.c.Lang)
			}
			st.pin.SetValue("")
			return nil, true
		}
		return a.switched(msg.actor), true
	case tea.KeyPressMsg:
		if !st.open {
			if !keys.App.Station.Matches(msg) || a.whyNoStation() != "" || a.top().Capturing() || a.resume != nil {
				return nil, false // the intake form's own letters (a choice's initial)
			}
			return a.openStation(), true
		}
		return a.stationKey(msg), true
	case tea.PasteMsg:
		if st.open && !st.busy {
			var c tea.Cmd
			st.pin, c = st.pin.Update(msg)
			return c, true
		}
	}
	return nil, false
}

// intakeOpen: an intake form is open (its draft belongs to the user who
// typed it: the station is not handed over under it).
func (a *App) intakeOpen() bool {
	for _, p := range a.stack {
		if _, ok := p.(*intake.Model); ok {
			return true
		}
	}
	return false
}

func (a *App) openStation() tea.Cmd {
	st := &a.station
	st.open, st.busy, st.err, st.moved = true, false, "", false
	st.seq++
	st.sel = a.firstOther()
	ti := textinput.New()
	ti.Prompt = ""
	ti.EchoMode = textinput.EchoPassword
	ti.EchoCharacter = '*'
	ti.CharLimit = desk.PINMaxLen
	tst := textinput.DefaultStyles(a.c.Styles.Dark)
	tst.Cursor.Blink = false
	ti.SetStyles(tst)
	ti.KeyMap.Paste = key.NewBinding(key.WithDisabled()) // would read the server's clipboard
	st.pin = ti
	return tea.Batch(st.pin.Focus(), a.loadStationUsers())
}

// firstOther is the first station user who is not acting now.
func (a *App) firstOther() int {
	for i, u := range a.station.users {
		if u.Name != a.c.Actor.Name {
			return i
		}
	}
	return 0
}

func (a *App) stationKey(msg tea.KeyPressMsg) tea.Cmd {
	st := &a.station
	switch msg.String() {
	case "esc":
		st.open = false
		st.pin.SetValue("")
		return nil
	case "up", "shift+tab":
		if n := len(st.users); n > 0 && !st.busy {
			st.sel = (st.sel - 1 + n) % n
			st.err, st.moved = "", true
		}
		return nil
	case "down", "tab":
		if n := len(st.users); n > 0 && !st.busy {
			st.sel = (st.sel + 1) % n
			st.err, st.moved = "", true
		}
		return nil
	case "enter":
		return a.submitStation()
	}
	if st.busy {
		return nil
	}
	var cmd tea.Cmd
	st.pin, cmd = st.pin.Update(msg)
	return cmd
}

func (a *App) submitStation() tea.Cmd {
	st := &a.station
	if st.busy || len(st.users) == 0 {
		return nil
	}
	pin := st.pin.Value()
	if pin == "" {
		st.err = a.c.T(text.Station.TypePIN)
		return nil
	}
	st.busy, st.err = true, ""
	st.seq++
	seq, d, ctx, from, name := st.seq, a.c.Desk, a.c.Ctx, a.c.Actor, st.users[st.sel].Name
	st.pin.SetValue("") // the PIN is not kept on screen or in memory longer than needed
	return func() tea.Msg {
		actor, err := d.SwitchTo(ctx, from, name, pin)
		return stationSwitchedMsg{seq: seq, actor: actor, err: err}
	}
}

// switched makes actor the station's user: every page reads again for
// them (their rights, their queue, what their role may see).
func (a *App) switched(actor desk.Actor) tea.Cmd {
	a.station.open = false
	a.c.Actor = actor
	a.alerts.list = desk.Alerts{}
	a.alerts.dirty = true
	cmds := []tea.Cmd{a.loadAlerts()}
	for _, p := range a.pages() {
		_, cmd := p.Update(common.DataChangedMsg{})
		cmds = append(cmds, cmd)
	}
	role := actor.Role
	if r := a.c.Role(); r != nil {
		role = r.In(a.c.Lang)
	}
	cmds = append(cmds, common.Status(a.c.F(text.Station.Switched, safetext.Line(actor.Name), safetext.Line(role)), false))
	return tea.Batch(cmds...)
}

// overlayStation draws the dialog over the page.
func (a *App) overlayStation(body string) string {
	c, s, st := a.c, a.c.Styles, &a.station
	dw := min(a.width-4, 60)
	var lines []string
	lines = append(lines, s.Title.Render(c.T(text.Station.Title)),
		s.Muted.Render(c.T(text.Station.Now)+safetext.Line(c.Actor.Name)+" "+a.roleName()), "")
	if len(st.users) == 0 && !st.known {
		lines = append(lines, s.Muted.Render(c.T(text.Station.Reading)))
	}
	for i, u := range st.users {
		role := u.Role
		if r := c.Policy().Role(u.Role); r != nil {
			role = r.In(c.Lang)
		}
		line := "  " + safetext.Line(u.Name) + "  " + s.Muted.Render(safetext.Line(role))
		if i == st.sel {
			line = s.Focused.Render("> "+safetext.Line(u.Name)) + "  " + s.Value.Render(safetext.Line(role))
		}
		lines = append(lines, components.Fit(line, dw-4))
	}
	st.pin.SetWidth(max(8, dw-12))
	lines = append(lines, "", s.Label.Render("PIN ")+st.pin.View())
	if st.err != "" {
		lines = append(lines, "", s.Error.Render(wrapLine(safetext.Line(st.err), dw-4)))
	}
	if st.busy {
		lines = append(lines, "", s.Muted.Render(c.T(text.Station.Checking)))
	}
	lines = append(lines, "", s.Muted.Render(c.T(text.Station.Hint)))
	box := s.Dialog.Width(dw).Render(strings.Join(lines, "\n"))
	return lipgloss.Place(a.width, a.pageHeight(), lipgloss.Center, lipgloss.Center, box)
}

func wrapLine(s string, w int) string {
	return lipgloss.NewStyle().Width(max(1, w)).Render(s)
}

// stationHint is the title line's hint when someone may take over.
func (a *App) stationHint() string {
	if len(a.station.users) == 0 {
		return ""
	}
	s := a.c.Styles
	return s.Focused.Render("U") + s.Muted.Render(a.c.T(text.Station.TitleHint))
}

// noticePart is the warning line's notices: what the policy tells the
// user's role (an appeal accepted, a re-test result), newest first.
func (a *App) noticePart(n int, ns []store.Notice) string {
	c, s := a.c, a.c.Styles
	if len(ns) == 0 {
		return s.Warn.Render(c.F(text.Alerts.Notices, count(n)))
	}
	x := ns[0]
	what := safetext.Line(c.Policy().ActionName(x.Action).In(c.Lang))
	return s.Warn.Render(c.F(text.Alerts.Notice, count(n), x.Number, safetext.Line(x.Actor), what))
}
