// Package common is what every part of the terminal application shares: the
// desk, who is working and in which role, the language, the styles, the
// size of the screen and the current time. One Common is made per session
// and handed to every page and component.
package common

import (
	"context"
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/policy"
	"complaintdesk/internal/safetext"
	"complaintdesk/store"
	"complaintdesk/ui/keys"
	"complaintdesk/ui/styles"
	"complaintdesk/ui/text"
)

// Common is shared by every component of one session.
type Common struct {
	Ctx    context.Context
	Desk   *desk.Desk
	Actor  desk.Actor
	Lang   string // "zh" or "en"
	Styles *styles.Styles
	Width  int
	Height int
	// Now is the time of the last clock tick; countdowns are drawn against it
	// so every row of a frame agrees.
	Now time.Time
	// ClockStep is how often the clock on screen moves: a second (zero) or
	// a minute (SSH sessions; see clock.go).
	ClockStep time.Duration
}

// T is a text (ui/text) in the session's language: c.T(text.Queue.Empty).
func (c *Common) T(t text.T) string { return t.In(c.Lang) }

// F is a format text in the session's language applied to args:
// c.F(text.Dashboard.Open, n).
func (c *Common) F(t text.T, args ...any) string { return t.F(c.Lang, args...) }

// Policy is the policy in force.
func (c *Common) Policy() *policy.Policy { return c.Desk.Policy() }

// Role is the acting user's role (nil if the policy no longer has it).
func (c *Common) Role() *policy.Role { return c.Policy().Role(c.Actor.Role) }

// SeePII says whether names and phone numbers are shown unmasked.
func (c *Common) SeePII() bool {
	r := c.Role()
	return r != nil && r.SeePII
}

// Hides reports whether the user's role never sees a part of a case
// (policy hide: lab testers see a blind code, not who appealed).
func (c *Common) Hides(part string) bool { return c.Policy().Hides(c.Actor.Role, part) }

// Name is the complainant's name as the desk gave it for this user
// (masked already for roles that see it masked), safe for the terminal.
func (c *Common) Name(p store.Complainant) string {
	if c.Hides("complainant") {
		return c.T(text.Common.Blind)
	}
	if p.Anonymous {
		return c.T(text.Common.Anonymous)
	}
	return safetext.Line(p.Name)
}

// Phone is the complainant's phone as the desk gave it for this user.
func (c *Common) Phone(p store.Complainant) string { return safetext.Line(p.Phone) }

// Email is the complainant's e-mail as the desk gave it for this user.
func (c *Common) Email(p store.Complainant) string { return safetext.Line(p.Email) }

// Loc is the desk's time zone.
func (c *Common) Loc() *time.Location { return c.Desk.Location() }

// Time formats a time in the desk's zone, minutes precision.
func (c *Common) Time(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.In(c.Loc()).Format("2006-01-02 15:04")
}

// Label is a policy label in the session's language.
func (c *Common) Label(l policy.Label) string { return l.In(c.Lang) }

// StatusName is a status's name in the session's language.
func (c *Common) StatusName(id string) string {
	if s := c.Policy().Status(id); s != nil {
		return s.Label.In(c.Lang)
	}
	return id
}

// ChannelName is a channel's name in the session's language.
func (c *Common) ChannelName(id string) string {
	if o := c.Policy().Channel(id); o != nil {
		return o.Label.In(c.Lang)
	}
	return id
}

// NatureName is a nature's name in the session's language.
func (c *Common) NatureName(id string) string {
	if o := c.Policy().Nature(id); o != nil {
		return o.Label.In(c.Lang)
	}
	return id
}

// CategoryName is the leaf name of a category ("" when none).
func (c *Common) CategoryName(id string) string {
	if id == "" {
		return ""
	}
	if o := c.Policy().Category(id); o != nil {
		return o.Label.In(c.Lang)
	}
	return id
}

// Page is one screen of the application.
type Page interface {
	Init() tea.Cmd
	Update(tea.Msg) (Page, tea.Cmd)
	// View draws the page in the area SetSize gave it.
	View() string
	SetSize(width, height int)
	// Capturing is true while a text field has focus: then keys like q and ?
	// are text, not commands.
	Capturing() bool
}

// Keyed is a page whose keys come from ui/keys: ? lists them by group,
// the unavailable ones greyed with their reason, and the footer shows its
// short list. Every page is one.
type Keyed interface {
	// Keys are every key of the page as it is now (a question's answers
	// while it asks), each with its reason when it does nothing now.
	Keys() []keys.Binding
	// ShortKeys are the few the footer shows.
	ShortKeys() []keys.Binding
}

// Messages between pages and the root.
type (
	// OpenCaseMsg opens a case's detail page; with Note, its note form
	// opens holding it (a repeat caller's call added to their case); with
	// Replace, in place of the page on top, which is done.
	OpenCaseMsg struct {
		Number, Note string
		Replace      bool
	}
	// OpenIntakeMsg opens the intake form; Draft is the kept form to resume ("" for a new one).
	OpenIntakeMsg struct{ Draft string }
	// ShowTabMsg goes back to the queue and shows one of its lists.
	ShowTabMsg struct{ Tab store.Tab }
	// BackMsg closes the current page.
	BackMsg struct{}
	// StatusMsg shows a line in the status bar.
	StatusMsg struct {
		Text  string
		Error bool
	}
	// TickMsg is the once-a-second clock; pages redraw countdowns.
	TickMsg struct{ Now time.Time }
	// DataChangedMsg: something in the database changed (this or another process).
	DataChangedMsg struct{}
	// SavedMsg: a case was registered or changed by this session.
	SavedMsg struct{ Number string }
)

// Cmd wraps a message as a command.
func Cmd(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }

// Status is a command showing a status line.
func Status(text string, isErr bool) tea.Cmd { return Cmd(StatusMsg{Text: text, Error: isErr}) }

// ErrorText is an error as the user should read it, in the language.
func (c *Common) ErrorText(err error) string {
	type messager interface{ Message(lang string) string }
	var m messager
	if errors.As(err, &m) {
		return m.Message(c.Lang)
	}
	return err.Error()
}

// IsInput reports whether msg is the user's input from the terminal: keys,
// pastes and the mouse.
func IsInput(msg tea.Msg) bool {
	switch msg.(type) {
	case tea.KeyPressMsg, tea.KeyReleaseMsg, tea.PasteMsg, tea.PasteStartMsg, tea.PasteEndMsg,
		tea.MouseClickMsg, tea.MouseReleaseMsg, tea.MouseWheelMsg, tea.MouseMotionMsg:
		return true
	}
	return false
}
