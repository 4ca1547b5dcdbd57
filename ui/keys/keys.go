// Package keys is every key of the terminal application in one place: the
// keys that work on every page (App) and each page's own, each binding with
// how its key is written, its help text (ui/text), its group in the help,
// and, when it is attached by the page, why it does nothing right now (the
// way lazygit's bindings carry a disabled reason).
//
// The help (`?`) lists a page's bindings by group, the unavailable ones
// greyed with their reason (components.Help); the footer shows the page's
// short list. A page's keys come before App's: a page may bind esc (and q,
// which is esc everywhere but on the queue) to its own meaning of "back".
package keys

import (
	"slices"

	tea "charm.land/bubbletea/v2"

	"complaintdesk/ui/text"
)

// Group is where a binding is listed in the help.
type Group int

// The groups, in the order the help lists them.
const (
	Navigation Group = iota // moving about a list or a page
	Tabs
	Cases   // opening, registering and acting on cases
	Actions // the steps of a case's life cycle (the case page)
	Filter
	Form
	Reports
	Page   // a page's other keys
	Global // keys that work on every page
)

// Title is the group's heading in the help.
func (g Group) Title() text.T {
	switch g {
	case Navigation:
		return text.Keys.GroupNavigation
	case Tabs:
		return text.Keys.GroupTabs
	case Cases:
		return text.Keys.GroupCases
	case Actions:
		return text.Keys.GroupActions
	case Filter:
		return text.Keys.GroupFilter
	case Form:
		return text.Keys.GroupForm
	case Reports:
		return text.Keys.GroupReports
	case Global:
		return text.Keys.GroupGlobal
	}
	return text.Keys.GroupPage
}

// Binding is one key of a page.
type Binding struct {
	// Keys are the key presses it answers, as tea.KeyPressMsg.String()
	// writes them: "enter", "ctrl+s", "up", "k", "F".
	Keys []string
	// Label is how the help writes the key: "↑/k", "enter", "U/F2".
	Label string
	Help  text.T
	Group Group
	// Disabled says why the key does nothing now, "" when it works; nil
	// when the key always works.
	Disabled func() string
}

// New is a binding that always works; label is how the help writes it.
func New(label string, help text.T, g Group, keys ...string) Binding {
	return Binding{Keys: keys, Label: label, Help: help, Group: g}
}

// Key is the binding of one key written as it is pressed, with a reason
// it may be unavailable (nil: always available). Actions built from a
// registry fit in with it: keys.Key(a.Key, text.T(a.Label), keys.Cases, why).
func Key(k string, help text.T, g Group, disabled func() string) Binding {
	return Binding{Keys: []string{k}, Label: k, Help: help, Group: g, Disabled: disabled}
}

// When is b with a reason it may be unavailable (see Binding.Disabled).
func (b Binding) When(disabled func() string) Binding {
	b.Disabled = disabled
	return b
}

// Labelled is b written differently in the help ("1-7" when there are
// seven tabs).
func (b Binding) Labelled(label string) Binding {
	b.Label = label
	return b
}

// Reason is why the binding does nothing now ("" when it works).
func (b Binding) Reason() string {
	if b.Disabled == nil {
		return ""
	}
	return b.Disabled()
}

// Matches says whether msg is one of the binding's keys, available or not:
// a page answers an unavailable key with its reason.
func (b Binding) Matches(msg tea.KeyPressMsg) bool { return slices.Contains(b.Keys, msg.String()) }

// Visible is what a page's help lists: the page's bindings, then those of
// app whose keys the page does not bind (a page's own esc comes before
// App's Back, and the dashboard's M is App's M).
func Visible(page []Binding, app ...Binding) []Binding {
	bound := map[string]bool{}
	for _, b := range page {
		for _, k := range b.Keys {
			bound[k] = true
		}
	}
	out := slices.Clone(page)
	for _, b := range app {
		if !slices.ContainsFunc(b.Keys, func(k string) bool { return bound[k] }) {
			out = append(out, b)
		}
	}
	return out
}

// AppKeys are the keys of App.
type AppKeys struct {
	Help, Quit, Back, QuitNow, Station, Dashboard, Monthly Binding
	// Alerts opens the list behind the warning line (crises, escalations,
	// breaches, warnings) from every page.
	Alerts Binding
}

// App are the keys of every page, handled by the root model (ui/app.go).
var App = AppKeys{
	Help: New("?", text.Keys.Help, Global, "?"),
	// Quit is q on the queue. On every other page q is esc (the root
	// model turns it into esc when no text is being typed), so a page
	// matches Back (or its own esc) for both.
	Quit:    New("q", text.Keys.Quit, Global, "q"),
	Back:    New("esc/q", text.Keys.Back, Global, "esc"),
	QuitNow: New("ctrl+c", text.Keys.QuitNow, Global, "ctrl+c"),
	Station: New("U/F2", text.Keys.Station, Global, "U", "f2"),
	// Dashboard and Monthly open the reports from the queue.
	Dashboard: New("B", text.Keys.Dashboard, Reports, "B"),
	Monthly:   New("M", text.Keys.Monthly, Reports, "M"),
	Alerts:    New("A", text.Keys.Alerts, Global, "A"),
}

// Everywhere are the keys of App that work on every page (B and M open
// the reports from the queue only): a page gives none of them another
// meaning.
func (k AppKeys) Everywhere() []Binding {
	return []Binding{k.Help, k.Quit, k.Back, k.QuitNow, k.Station, k.Alerts}
}

// QueueKeys are the keys of Queue.
type QueueKeys struct {
	Up, Down, PageUp, PageDown, Home, End Binding
	NextTab, PrevTab, TabNumber           Binding
	Open, New                             Binding
	Search, Status, Grade, Category       Binding
	Channel, Department, Clear, Sort      Binding
}

// Queue are the queue's keys; QueueSearch while the search is typed.
var Queue = QueueKeys{
	Up:         New("↑/k", text.Keys.Up, Navigation, "up", "k"),
	Down:       New("↓/j", text.Keys.Down, Navigation, "down", "j"),
	PageUp:     New("pgup", text.Keys.PageUp, Navigation, "pgup", "ctrl+u"),
	PageDown:   New("pgdn", text.Keys.PageDown, Navigation, "pgdown", "ctrl+d", "space"),
	Home:       New("home/g", text.Keys.First, Navigation, "home", "g"),
	End:        New("end/G", text.Keys.Last, Navigation, "end", "G"),
	NextTab:    New("tab/→", text.Keys.NextTab, Tabs, "tab", "right", "l"),
	PrevTab:    New("shift+tab/←", text.Keys.PrevTab, Tabs, "shift+tab", "left", "h"),
	TabNumber:  New("1-8", text.Keys.TabNumber, Tabs, "1", "2", "3", "4", "5", "6", "7", "8"),
	Open:       New("enter", text.Keys.Open, Cases, "enter"),
	New:        New("n", text.Keys.New, Cases, "n"),
	Search:     New("/", text.Keys.Search, Filter, "/"),
	Status:     New("S", text.Keys.FilterStatus, Filter, "S"),
	Grade:      New("R", text.Keys.FilterGrade, Filter, "R"),
	Category:   New("C", text.Keys.FilterCategory, Filter, "C"),
	Channel:    New("H", text.Keys.FilterChannel, Filter, "H"),
	Department: New("D", text.Keys.FilterDepartment, Filter, "D"),
	Clear:      New("x", text.Keys.ClearFilters, Filter, "x"),
	Sort:       New("o", text.Keys.Sort, Filter, "o"),
}

// QueueSearchKeys are the keys of QueueSearch.
type QueueSearchKeys struct{ Done, Clear Binding }

// QueueSearch are the keys while the queue's search is typed.
var QueueSearch = QueueSearchKeys{
	Done:  New("enter", text.Keys.SearchDone, Filter, "enter"),
	Clear: New("esc", text.Keys.SearchClear, Filter, "esc"),
}

// DashboardKeys are the keys of Dashboard.
type DashboardKeys struct {
	Up, Down, Select, Open, Monthly, Refresh Binding
	// The figures open their lists in the queue: the open cases, those due
	// today, the overdue ones, the unassigned ones.
	ListOpen, ListToday, ListOverdue, ListUnassigned, ListApprovals Binding
}

// Dashboard are the dashboard's keys.
var Dashboard = DashboardKeys{
	Up:   New("↑/k", text.Keys.Up, Navigation, "up", "k"),
	Down: New("↓/j", text.Keys.Down, Navigation, "down", "j"),
	// Select is Up and Down together, for the footer (no keys of its own).
	Select:  New("↑/↓", text.Keys.Select, Navigation),
	Open:    New("enter", text.Keys.OpenCase, Cases, "enter"),
	Monthly: App.Monthly,
	Refresh: New("r", text.Keys.Refresh, Reports, "r"),

	ListOpen:       New("o", text.Keys.ListOpen, Cases, "o"),
	ListToday:      New("t", text.Keys.ListToday, Cases, "t"),
	ListOverdue:    New("x", text.Keys.ListOverdue, Cases, "x"),
	ListUnassigned: New("u", text.Keys.ListUnassigned, Cases, "u"),
	ListApprovals:  New("a", text.Keys.ListApprovals, Cases, "a"),
}

// AlertsKeys are the keys of the alerts list.
type AlertsKeys struct{ Up, Down, Open, Refresh Binding }

// AlertsList are the keys of the list behind the warning line.
var AlertsList = AlertsKeys{
	Up:      New("↑/k", text.Keys.Up, Navigation, "up", "k"),
	Down:    New("↓/j", text.Keys.Down, Navigation, "down", "j"),
	Open:    New("enter", text.Keys.OpenCase, Cases, "enter"),
	Refresh: New("r", text.Keys.Refresh, Page, "r"),
}

// ReportKeys are the keys of Report.
type ReportKeys struct {
	Up, Down, PageUp, PageDown, Home, End Binding
	Prev, Next, Write, File, Refresh      Binding
}

// Report are the monthly report's keys.
var Report = ReportKeys{
	Up:       New("↑/k", text.Keys.Up, Navigation, "up", "k"),
	Down:     New("↓/j", text.Keys.Down, Navigation, "down", "j"),
	PageUp:   New("pgup", text.Keys.PageUp, Navigation, "pgup", "ctrl+u"),
	PageDown: New("pgdn", text.Keys.PageDown, Navigation, "pgdown", "ctrl+d", "space"),
	Home:     New("g", text.Keys.Top, Navigation, "home", "g"),
	End:      New("G", text.Keys.Bottom, Navigation, "end", "G"),
	Prev:     New("←", text.Keys.PrevMonth, Reports, "left", "h", "["),
	Next:     New("→", text.Keys.NextMonth, Reports, "right", "l", "]"),
	Write:    New("x", text.Keys.WriteXLSX, Reports, "x"),
	File:     New("F", text.Keys.File, Reports, "F"),
	Refresh:  New("r", text.Keys.Refresh, Reports, "r"),
}

// IntakeKeys are the keys of Intake.
type IntakeKeys struct {
	Next, Prev, Choose, Initial, Save, Discard Binding
	// A repeat caller: open their open case, add a note to it instead of
	// registering another, take over their known name and address.
	OpenCaller, NoteCaller, TakeOver Binding
}

// Intake are the intake form's keys; IntakeTicks on its line of tick
// boxes (the circumstances); IntakeDiscard while it asks whether to
// discard the form.
var Intake = IntakeKeys{
	Next:   New("tab", text.Form.NextField, Form, "tab", "enter"),
	Prev:   New("shift+tab", text.Form.PrevField, Form, "shift+tab"),
	Choose: New("←/→", text.Keys.Choose, Form, "left", "right", "space"),
	// Initial: a letter picks the next choice it begins (shown, not bound:
	// the form reads the letter itself).
	Initial: New("a-z", text.Keys.Initial, Form),
	Save:    New("ctrl+s", text.Keys.Register, Form, "ctrl+s"),
	Discard: New("esc/q", text.Keys.Discard, Form, "esc"),

	OpenCaller: New("ctrl+o", text.Keys.OpenCaller, Cases, "ctrl+o"),
	NoteCaller: New("ctrl+n", text.Keys.NoteCaller, Cases, "ctrl+n"),
	TakeOver:   New("ctrl+t", text.Keys.TakeOver, Form, "ctrl+t"),
}

// IntakeTicksKeys are the keys of IntakeTicks.
type IntakeTicksKeys struct{ Move, Tick Binding }

// IntakeTicks are the keys of the intake's tick boxes.
var IntakeTicks = IntakeTicksKeys{
	Move: New("←/→", text.Keys.MoveTick, Form, "left", "right", "h", "l"),
	Tick: New("space", text.Keys.Tick, Form, "space", "x"),
}

// IntakeDiscardKeys are the keys of IntakeDiscard.
type IntakeDiscardKeys struct{ Yes, No Binding }

// IntakeDiscard are the answers to "discard this form?".
var IntakeDiscard = IntakeDiscardKeys{
	Yes: New("y", text.Keys.DiscardYes, Form, "y", "Y"),
	No:  New("n", text.Keys.DiscardNo, Form, "n", "N", "esc"),
}

// DetailKeys are the keys of Detail.
type DetailKeys struct {
	Up, Down, PageUp, PageDown, Home, End Binding
	// Scroll stands for the four above in the footer (no keys of its own).
	Scroll               Binding
	More, Reveal, Reload Binding
	Back                 Binding
}

// Detail are the case page's own keys. The steps of the case's life cycle
// have their keys from the registry (internal/desk/actions) and the
// policy, each with why it is unavailable now; none of them takes one of
// these keys or one of App's (ui/pages/detail, keyed).
var Detail = DetailKeys{
	Up:       New("↑/k", text.Keys.Up, Navigation, "up", "k"),
	Down:     New("↓/j", text.Keys.Down, Navigation, "down", "j"),
	PageUp:   New("pgup/b", text.Keys.PageUp, Navigation, "pgup", "b"),
	PageDown: New("pgdn/f", text.Keys.PageDown, Navigation, "pgdown", "f", "space"),
	Home:     New("home", text.Keys.Top, Navigation, "home"),
	End:      New("end", text.Keys.Bottom, Navigation, "end"),
	Scroll:   New("↑/↓ pgup/pgdn", text.Keys.Scroll, Navigation),
	// More is the picker of the steps that have no key.
	More:   New(".", text.Keys.MoreActions, Actions, "."),
	Reveal: New("p", text.Keys.Reveal, Cases, "p"),
	Reload: New("ctrl+r", text.Keys.Reload, Page, "ctrl+r"),
	Back:   App.Back,
}

// DetailFormKeys are the keys of DetailForm.
type DetailFormKeys struct {
	Next, Prev, Choose, Tick, Amount, Submit, Enter, Cancel, Reload Binding
	// While a choice is narrowed by typing: ↑/↓ move among the matches,
	// enter keeps the one highlighted, esc stops filtering.
	Matches, Keep, StopFilter Binding
}

// DetailForm are the keys of a step's form on the case page; DetailReveal
// of the dialog that reveals personal data.
var DetailForm = DetailFormKeys{
	// Next and Prev: down and up move between fields, except in a text area.
	Next: New("tab", text.Form.NextField, Form, "tab", "down"),
	Prev: New("shift+tab", text.Form.PrevField, Form, "shift+tab", "up"),
	// Choose: a choice reads its keys itself (shown, not bound).
	Choose: New("←/→", text.Keys.ChooseType, Form),
	// Tick and Amount: tick boxes read their keys themselves (shown, not bound).
	Tick:   New("←/→ space", text.Keys.Tick, Form),
	Amount: New("0-9", text.Keys.TypeAmount, Form),
	Submit: New("ctrl+s", text.Keys.Submit, Form, "ctrl+s"),
	// Enter submits a form of one-line fields (and moves on in the others).
	Enter:  New("enter", text.Keys.Submit, Form, "enter"),
	Cancel: New("esc", text.Keys.Cancel, Form, "esc"),
	// Reload loads the case's latest version under the form, keeping what was typed.
	Reload: New("ctrl+r", text.Keys.Reload, Form, "ctrl+r"),
	// The picker reads these itself while it filters (shown, not bound).
	Matches:    New("↑/↓", text.Keys.Select, Form),
	Keep:       New("enter", text.Keys.Keep, Form),
	StopFilter: New("esc", text.Keys.StopFilter, Form),
}

// DetailRevealKeys are the keys of DetailReveal.
type DetailRevealKeys struct{ Confirm, Cancel Binding }

// DetailReveal are the keys of the reveal dialog.
var DetailReveal = DetailRevealKeys{
	Confirm: New("enter", text.Keys.Confirm, Form, "enter", "ctrl+s"),
	Cancel:  New("esc", text.Keys.Cancel, Form, "esc"),
}

// DetailDraftKeys are the keys of DetailDraft.
type DetailDraftKeys struct{ Restore, Discard, Later Binding }

// DetailDraft are the keys of the question a case asks when it is opened
// with a form's unsaved draft.
var DetailDraft = DetailDraftKeys{
	Restore: New("enter/y", text.Keys.DraftRestore, Form, "enter", "y"),
	Discard: New("d", text.Keys.DraftDiscard, Form, "d"),
	Later:   New("esc", text.Keys.DraftLater, Form, "esc", "n"),
}

// ScrollKeys are the keys of Scroll.
type ScrollKeys struct{ Up, Down, PageUp, PageDown Binding }

// Scroll are the keys that scroll the help.
var Scroll = ScrollKeys{
	Up:       New("↑/k", text.Keys.Up, Navigation, "up", "k"),
	Down:     New("↓/j", text.Keys.Down, Navigation, "down", "j"),
	PageUp:   New("pgup", text.Keys.PageUp, Navigation, "pgup", "ctrl+u"),
	PageDown: New("pgdn", text.Keys.PageDown, Navigation, "pgdown", "ctrl+d", "space"),
}

// Map is one set of keys that are live together, for the tests.
type Map struct {
	Name string
	Keys any // a pointer to a struct of Binding fields
}

// Maps lists every page's keys (a new page adds its line).
func Maps() []Map {
	return []Map{
		{"App", &App},
		{"Queue", &Queue},
		{"QueueSearch", &QueueSearch},
		{"Dashboard", &Dashboard},
		{"AlertsList", &AlertsList},
		{"Report", &Report},
		{"Intake", &Intake},
		{"IntakeTicks", &IntakeTicks},
		{"IntakeDiscard", &IntakeDiscard},
		{"Detail", &Detail},
		{"DetailForm", &DetailForm},
		{"DetailReveal", &DetailReveal},
		{"DetailDraft", &DetailDraft},
		{"Scroll", &Scroll},
	}
}
