// Package styles builds the lipgloss styles of one session, for a dark or a
// light terminal background. Nothing here measures the server's terminal:
// over SSH each session has its own.
package styles

import (
	"image/color"
	"sync"

	"charm.land/lipgloss/v2"
)

// Styles of one session.
type Styles struct {
	Dark bool

	Title       lipgloss.Style
	TabActive   lipgloss.Style
	TabInactive lipgloss.Style
	Header      lipgloss.Style
	Row         lipgloss.Style
	Selected    lipgloss.Style
	Muted       lipgloss.Style
	Label       lipgloss.Style
	Value       lipgloss.Style
	Error       lipgloss.Style
	OK          lipgloss.Style
	Warn        lipgloss.Style
	Breach      lipgloss.Style
	Focused     lipgloss.Style
	Box         lipgloss.Style
	Dialog      lipgloss.Style
	StatusBar   lipgloss.Style
	Help        lipgloss.Style

	Green, Amber, Red, Accent, Faint color.Color
}

// New gives the styles for a dark or light background. ASCII borders are
// for terminals that draw box-drawing lines two cells wide. Sessions with
// the same background share one Styles (and so what pages keep drawn
// with it): never change one.
func New(dark, asciiBorders bool) *Styles {
	k := [2]bool{dark, asciiBorders}
	if s, ok := shared.Load(k); ok {
		return s.(*Styles)
	}
	s, _ := shared.LoadOrStore(k, build(dark, asciiBorders))
	return s.(*Styles)
}

// shared holds the four sets of styles there are.
var shared sync.Map

func build(dark, asciiBorders bool) *Styles {
	ld := lipgloss.LightDark(dark)
	s := &Styles{Dark: dark}
	s.Green = ld(lipgloss.Color("#1a7f37"), lipgloss.Color("#3fb950"))
	s.Amber = ld(lipgloss.Color("#9a6700"), lipgloss.Color("#d29922"))
	s.Red = ld(lipgloss.Color("#cf222e"), lipgloss.Color("#f85149"))
	s.Accent = ld(lipgloss.Color("#0969da"), lipgloss.Color("#58a6ff"))
	s.Faint = ld(lipgloss.Color("#6e7781"), lipgloss.Color("#8b949e"))
	fg := ld(lipgloss.Color("#1f2328"), lipgloss.Color("#e6edf3"))
	selBg := ld(lipgloss.Color("#ddf4ff"), lipgloss.Color("#1f3a5f"))

	s.Title = lipgloss.NewStyle().Bold(true).Foreground(s.Accent)
	s.TabActive = lipgloss.NewStyle().Bold(true).Foreground(fg).Underline(true)
	s.TabInactive = lipgloss.NewStyle().Foreground(s.Faint)
	s.Header = lipgloss.NewStyle().Bold(true).Foreground(s.Faint)
	s.Row = lipgloss.NewStyle().Foreground(fg)
	s.Selected = lipgloss.NewStyle().Background(selBg).Bold(true)
	s.Muted = lipgloss.NewStyle().Foreground(s.Faint)
	s.Label = lipgloss.NewStyle().Foreground(s.Faint)
	s.Value = lipgloss.NewStyle().Foreground(fg)
	s.Error = lipgloss.NewStyle().Foreground(s.Red)
	s.OK = lipgloss.NewStyle().Foreground(s.Green)
	s.Warn = lipgloss.NewStyle().Foreground(s.Amber)
	s.Breach = lipgloss.NewStyle().Foreground(s.Red).Bold(true)
	s.Focused = lipgloss.NewStyle().Foreground(s.Accent).Bold(true)
	border := lipgloss.NormalBorder()
	if asciiBorders {
		border = lipgloss.ASCIIBorder()
	}
	s.Box = lipgloss.NewStyle().Border(border).BorderForeground(s.Faint).Padding(0, 1)
	s.Dialog = lipgloss.NewStyle().Border(border).BorderForeground(s.Accent).Padding(0, 1)
	s.StatusBar = lipgloss.NewStyle().Foreground(s.Faint)
	s.Help = lipgloss.NewStyle().Foreground(s.Faint)
	return s
}
