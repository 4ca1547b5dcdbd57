package ui

import (
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/safetext"
	"complaintdesk/store"
	"complaintdesk/ui/components"
	"complaintdesk/ui/keys"
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
	// In order of weight: crises, escalations, breaches, warnings, notices,
	// then (administrators) a missing calendar year. Each part has a long
	// and a short form; when the line is full the later parts shrink to
	// their count, then go, so crises and escalations always show.
	type part struct{ long, short string }
	var parts []part
	add := func(long, short string) { parts = append(parts, part{long, short}) }
	if n := al.Crisis.Count; n > 0 {
		add(s.Breach.Render(c.F(text.Alerts.Crisis, count(n), al.Crisis.Cases[0].Number)), s.Breach.Render(c.F(text.Alerts.CrisisShort, count(n))))
	}
	if n := al.Escalated.Count; n > 0 {
		add(s.Warn.Render(c.F(text.Alerts.Escalated, count(n), al.Escalated.Cases[0].Number)), s.Warn.Render(c.F(text.Alerts.EscalatedShort, count(n))))
	}
	critical := len(parts) // crises and escalations: shortened last
	if n := al.Breach.Count; n > 0 {
		cs := al.Breach.Cases[0]
		by := c.Span(c.ShownNow().Sub(cs.NextDue)) // to the clock's step (clock.go)
		add(s.Breach.Render(c.F(text.Alerts.Breach, count(n), cs.Number, clock(cs), by)), s.Breach.Render(c.F(text.Alerts.BreachShort, count(n))))
	}
	if n := al.Warn.Count; n > 0 {
		cs := al.Warn.Cases[0]
		left := c.Span(cs.NextDue.Sub(c.ShownNow()))
		add(s.Warn.Render(c.F(text.Alerts.Warn, count(n), cs.Number, clock(cs), left)), s.Warn.Render(c.F(text.Alerts.WarnShort, count(n))))
	}
	if n := al.Notices.Count; n > 0 {
		add(a.noticePart(n, al.Notices.Notices), s.Warn.Render(c.F(text.Alerts.Notices, count(n))))
	}
	if y := al.CalendarGap; y != 0 {
		add(s.Warn.Render(c.F(text.Alerts.Calendar, y, y)), s.Warn.Render(c.F(text.Alerts.CalendarShort, y)))
	}
	head := " " + s.Breach.Render("!") + " "
	// line is the first n parts long, the rest up to keep short, the
	// others left out.
	line := func(n, keep int) string {
		var out []string
		for i, p := range parts[:keep] {
			switch {
			case i < n:
				out = append(out, p.long)
			case p.short != "":
				out = append(out, p.short)
			}
		}
		return head + strings.Join(out, "  ")
	}
	if l := line(len(parts), len(parts)); ansi.StringWidth(l) <= a.width {
		return l
	}
	// Shortened, the line says which key lists everything (pages/alerts):
	// the later parts shrink to their counts, then go, before crises and
	// escalations shrink.
	more := "  " + s.Focused.Render(c.F(text.Alerts.ListKey, keys.App.Alerts.Label))
	fits := func(l string) bool { return ansi.StringWidth(l+more) <= a.width }
	for n := len(parts) - 1; n >= critical; n-- {
		if l := line(n, len(parts)); fits(l) {
			return l + more
		}
	}
	for keep := len(parts) - 1; keep >= critical; keep-- {
		if l := line(critical, keep); fits(l) {
			return l + more
		}
	}
	for n := critical - 1; n >= 0; n-- {
		if l := line(n, critical); fits(l) {
			return l + more
		}
	}
	return components.Fit(line(0, len(parts)), a.width)
}

func count(n int) string {
	if n >= 1000 {
		return "1000+"
	}
	return fmt.Sprint(n)
}
