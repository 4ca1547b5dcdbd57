package ui

import (
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/safetext"
	"complaintdesk/store"
	"complaintdesk/ui/components"
	"complaintdesk/ui/text"
)

// The warning line: every open session of a handler shows their cases past
// the policy's warning threshold (75 % of the allowance by default, in
// working time for working-day clocks) and past due, supervisors see every
// case's, and the roles of an escalation level see the cases escalated to
// it and the crises. It is read off the UI loop every alertsEvery and soon
// after a change, never on every tick.

const (
	alertsEvery = 15 * time.Second
	alertsSoon  = 2 * time.Second
)

type alertState struct {
	list  desk.Alerts
	at    time.Time // when asked last
	busy  bool
	dirty bool // something changed since
	err   error
}

type alertsMsg struct {
	alerts desk.Alerts
	err    error
}

func (a *App) loadAlerts() tea.Cmd {
	if a.alerts.busy || a.c.Desk == nil {
		return nil
	}
	a.alerts.busy, a.alerts.dirty, a.alerts.at = true, false, a.c.Now
	d, ctx, actor, now := a.c.Desk, a.c.Ctx, a.c.Actor, a.c.Now
	return func() tea.Msg {
		al, err := d.Alerts(ctx, actor, now, 3)
		return alertsMsg{alerts: al, err: err}
	}
}

// alertsDue asks again when it is time (on the clock tick).
func (a *App) alertsDue() tea.Cmd {
	since := a.c.Now.Sub(a.alerts.at)
	if since >= alertsEvery || (a.alerts.dirty && since >= alertsSoon) {
		return a.loadAlerts()
	}
	return nil
}

func (a *App) gotAlerts(msg alertsMsg) {
	a.alerts.busy = false
	a.alerts.err = msg.err
	if msg.err == nil {
		a.alerts.list = msg.alerts
	}
}

// alertLine draws the warning line: breaches in red, warnings in amber.
func (a *App) alertLine() string {
	c, s := a.c, a.c.Styles
	al := a.alerts.list
	if al.Empty() {
		return ""
	}
	clock := func(cs store.Case) string {
		name := cs.NextClock
		if pc := c.Policy().Clock(cs.NextClock); pc != nil {
			name = pc.In(c.Lang)
		}
		return safetext.Line(name)
	}
	var parts []string
	if n := al.Breach.Count; n > 0 {
		cs := al.Breach.Cases[0]
		by := c.Span(c.ShownNow().Sub(cs.NextDue)) // to the clock's step (clock.go)
		parts = append(parts, s.Breach.Render(c.F(text.Alerts.Breach, count(n), cs.Number, clock(cs), by)))
	}
	if n := al.Warn.Count; n > 0 {
		cs := al.Warn.Cases[0]
		left := c.Span(cs.NextDue.Sub(c.ShownNow()))
		parts = append(parts, s.Warn.Render(c.F(text.Alerts.Warn, count(n), cs.Number, clock(cs), left)))
	}
	if n := al.Crisis.Count; n > 0 {
		parts = append(parts, s.Breach.Render(c.F(text.Alerts.Crisis, count(n), al.Crisis.Cases[0].Number)))
	}
	if n := al.Notices.Count; n > 0 {
		parts = append(parts, a.noticePart(n, al.Notices.Notices))
	}
	if n := al.Escalated.Count; n > 0 {
		parts = append(parts, s.Warn.Render(c.F(text.Alerts.Escalated, count(n), al.Escalated.Cases[0].Number)))
	}
	return components.Fit(" "+s.Breach.Render("!")+" "+strings.Join(parts, "  "), a.width)
}

func count(n int) string {
	if n >= 1000 {
		return "1000+"
	}
	return fmt.Sprint(n)
}
