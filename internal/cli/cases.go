package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"complaintdesk/internal/deadline"
	"complaintdesk/internal/desk"
	"complaintdesk/internal/desk/actions"
	"complaintdesk/internal/policy"
	"complaintdesk/internal/safetext"
	"complaintdesk/store"
	"complaintdesk/ui/components"
	"complaintdesk/ui/text"
)

func casesCmd(g *globals, env Env) *cobra.Command {
	c := &cobra.Command{Use: "cases", Short: g.T(text.CLIHelp.Cases)}
	own := []*cobra.Command{casesNewCmd(g, env), casesListCmd(g, env), casesShowCmd(g, env), casesPrintCmd(g, env), casesFindCmd(g, env), casesRevealCmd(g, env)}
	act := actCmd(g, env)
	c.AddCommand(own...)
	// The steps of the policy in force (steps.go), unless the command line
	// names one of this command's own: cobra finds those before any step.
	named := func(o *cobra.Command) bool { return o.Name() == g.casesSub || slices.Contains(o.Aliases, g.casesSub) }
	if g.steps && !slices.ContainsFunc(append(own, act), named) {
		c.AddCommand(stepCmds(g, env, g.stepPolicy(env))...)
	}
	c.AddCommand(act)
	return c
}

// ParseTime reads a time typed by a person, in loc (actions.ParseTime:
// the one set of layouts of forms and commands).
func ParseTime(s string, loc *time.Location) (time.Time, error) {
	if t, ok := actions.ParseTime(s, loc); ok {
		return t, nil
	}
	return time.Time{}, fail(text.CLIError.NotATime, strings.TrimSpace(s))
}

func casesNewCmd(g *globals, env Env) *cobra.Command {
	var r desk.Registration
	var received string
	var fields, others []string
	var appealFields func(*desk.Registration) // lab.go
	circ := map[string]*bool{}
	c := &cobra.Command{
		Use:   "new",
		Short: g.T(text.CLIHelp.CasesNew),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return g.withApp(cmd, env, func(app *App) error {
				if received != "" {
					t, err := ParseTime(received, app.Desk.Location())
					if err != nil {
						return &desk.ValidationError{Problems: []desk.Problem{{Field: "received", ZH: "受理时间格式不正确，例如 2026-11-22 09:30", EN: err.Error()}}}
					}
					r.ReceivedAt = t
				}
				if err := policyFields(&r.Fields, fields); err != nil {
					return err
				}
				for k, on := range circ {
					if *on {
						if r.Circumstances == nil {
							r.Circumstances = map[string]bool{}
						}
						r.Circumstances[k] = true
					}
				}
				for _, o := range others {
					r.Others = append(r.Others, parsePerson(o))
				}
				appealFields(&r)
				cs, existed, err := app.Desk.Register(cmd.Context(), app.Actor, r)
				if err != nil {
					return err
				}
				if existed {
					fmt.Fprintln(env.Stderr, text.CLI.KeyUsed.F(app.Lang, r.IdemKey))
				}
				fmt.Fprintln(env.Stdout, cs.Number)
				labAfterRegister(app, cs)
				return nil
			})
		},
	}
	f := c.Flags()
	h := text.CLIHelp
	f.StringVar(&r.Channel, "channel", "", g.T(h.FlagChannel))
	f.StringVar(&r.Nature, "nature", "", g.T(h.FlagNature))
	f.StringVar(&r.Category, "category", "", g.T(h.FlagCategory))
	f.StringVar(&r.Grade, "grade", "", g.T(h.FlagGrade))
	f.StringVar(&r.GradeReason, "grade-reason", "", g.T(h.FlagGradeReason))
	f.StringVar(&received, "received", "", g.T(h.FlagReceived))
	f.StringVar(&r.LateReason, actions.LateReason.Flag, "", flagHelp(&actions.LateReason, g.ui)) // --received over an hour ago
	f.StringVar(&r.Name, "name", "", g.T(h.FlagName))
	f.StringVar(&r.Phone, "phone", "", g.T(h.FlagPhone))
	f.StringVar(&r.Email, "email", "", g.T(h.FlagEmail))
	f.StringVar(&r.Address, "address", "", g.T(h.FlagAddress))
	f.StringVar(&r.Org, "org", "", g.T(h.FlagOrg))
	f.BoolVar(&r.Anonymous, "anonymous", false, g.T(h.FlagAnonymous))
	f.StringVar(&r.Content, "content", "", g.T(h.FlagContent))
	f.StringVar(&r.Demand, "demand", "", g.T(h.FlagDemand))
	f.StringVar(&r.Subject, "subject", "", g.T(h.FlagSubject))
	f.IntVar(&r.CollectiveSize, "collective", 1, g.T(h.FlagCollective))
	f.StringVar(&r.IdemKey, "key", "", g.T(h.FlagIdemKey))
	f.StringArrayVar(&fields, "field", nil, g.T(h.FlagField))
	f.StringArrayVar(&others, "other", nil, g.T(h.FlagOther))
	for _, k := range actions.Circumstances {
		circ[k.ID] = f.Bool(strings.ReplaceAll(k.ID, "_", "-"), false, g.F(h.FlagCircumstance, k.In(g.ui)))
	}
	appealFields = labNewFlags(f, g)
	return c
}

// parsePerson reads "NAME PHONE", "NAME,PHONE" or "NAME EMAIL".
func parsePerson(s string) desk.Person {
	fs := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == ' ' || r == '\t' })
	var p desk.Person
	for _, f := range fs {
		switch {
		case strings.Contains(f, "@"):
			p.Email = f
		case strings.IndexFunc(f, func(r rune) bool { return r >= '0' && r <= '9' }) >= 0 && p.Phone == "":
			p.Phone = f
		default:
			p.Name = strings.TrimSpace(p.Name + " " + f)
		}
	}
	return p
}

func dueText(app *App, c *store.Case) string {
	if c.NextDue.IsZero() {
		return "-"
	}
	return c.NextClock + " " + formatNextDue(app, c.NextClock, c.NextDue)
}

// formatNextDue shows a case's next due time as FormatDue does: a day-based
// clock ends at "2026-10-29 24:00", not at 00:00 of the next day.
func formatNextDue(app *App, clock string, due time.Time) string {
	unit := ""
	if pc := app.Desk.Policy().Clock(clock); pc != nil {
		unit = pc.Unit
	}
	return deadline.FormatDue(deadline.Clock{Unit: unit, Due: due}, app.Desk.Location())
}

func casesListCmd(g *globals, env Env) *cobra.Command {
	var q store.Query
	var format, tab, sortBy string
	c := &cobra.Command{
		Use:   "list",
		Short: g.T(text.CLIHelp.CasesList),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return g.withApp(cmd, env, func(app *App) error {
				now := app.Desk.Now()
				q.Now, q.DayEnd, q.User = now, app.Desk.DayEnd(now), app.Actor.Name
				if id := app.Desk.Policy().DepartmentID(q.Department); id != "" {
					q.Department = id
				}
				if err := checkFilters(app, &q); err != nil { // messages.go
					return err
				}
				var err error
				if q.Tab, err = parseTab(tab); err != nil {
					return err
				}
				if q.Sort, err = parseSort(sortBy); err != nil {
					return err
				}
				// The list prints no total (counting a million cases was most
				// of its time) and no repeat callers' counts.
				cases, err := app.Desk.QueueCases(cmd.Context(), app.Actor, q) // as this user may see it
				if err != nil {
					return err
				}
				views := make([]caseView, len(cases))
				for i := range cases {
					views[i] = newCaseView(app, &cases[i], nil, nil)
				}
				if format == "json" {
					return writeJSON(env.Stdout, views)
				}
				if format != "table" {
					return fail(text.CLIError.FormatTableJSON)
				}
				return writeCaseTable(env.Stdout, app, views)
			})
		},
	}
	f := c.Flags()
	h := text.CLIHelp
	queueFilterFlags(g, f, &q)
	f.StringVar(&tab, "tab", "all", g.T(h.FlagTab))
	f.StringVar(&sortBy, "sort", "due", g.T(h.FlagSort))
	f.IntVar(&q.Limit, "limit", 50, g.T(h.FlagLimit))
	f.IntVar(&q.Offset, "offset", 0, g.T(h.FlagOffset))
	f.StringVar(&format, "format", "table", g.T(h.FlagTableJSON))
	return c
}

func parseTab(s string) (store.Tab, error) {
	switch s {
	case "", "all":
		return store.TabAll, nil
	case "mine":
		return store.TabMine, nil
	case "unassigned":
		return store.TabUnassigned, nil
	case "due-today", "today":
		return store.TabDueToday, nil
	case "overdue":
		return store.TabOverdue, nil
	case "revisit":
		return store.TabRevisit, nil
	case "approvals":
		return store.TabApprovals, nil
	}
	return 0, fail(text.CLIError.UnknownTab, s)
}

func parseSort(s string) (store.Sort, error) {
	switch s {
	case "", "due":
		return store.SortDue, nil
	case "received":
		return store.SortReceived, nil
	case "number":
		return store.SortNumber, nil
	case "grade":
		return store.SortGrade, nil
	}
	return 0, fail(text.CLIError.UnknownSort, s)
}

func casesShowCmd(g *globals, env Env) *cobra.Command {
	var format string
	c := &cobra.Command{
		Use:   "show NUMBER",
		Short: g.T(text.CLIHelp.CasesShow),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return g.withApp(cmd, env, func(app *App) error {
				cv, err := app.Desk.CaseView(cmd.Context(), app.Actor, args[0]) // as this user may see it
				if err != nil {
					return err
				}
				v := newCaseView(app, cv.Case, cv.Events, cv.Clocks)
				for _, l := range cv.Related.Linked {
					v.Linked = append(v.Linked, l.Case.Number)
				}
				if sug := cv.Suggestion; sug.Grade != "" && sug.Grade != cv.Case.Grade {
					v.Suggested, v.SuggestedWhy = sug.Grade, sug.ReasonText(app.Lang)
				}
				if format == "json" {
					return writeJSON(env.Stdout, v)
				}
				return writeCaseDetail(env.Stdout, app, v)
			})
		},
	}
	c.Flags().StringVar(&format, "format", "text", g.T(text.CLIHelp.FlagTextJSON))
	return c
}

// casesRevealCmd is the TUI's p: the complainants unmasked, for a reason
// the history keeps (desk.Reveal, the one audited way to unmask).
func casesRevealCmd(g *globals, env Env) *cobra.Command {
	var reason, format string
	c := &cobra.Command{
		Use:   "reveal NUMBER --reason WHY",
		Short: g.T(text.CLIHelp.CasesReveal),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return fail(text.CLIError.FormatOneOf, "text, json")
			}
			return g.withApp(cmd, env, func(app *App) error {
				people, err := app.Desk.Reveal(cmd.Context(), app.Actor, args[0], reason)
				if err != nil {
					return err
				}
				type person struct {
					Name    string `json:"name"`
					Phone   string `json:"phone,omitempty"`
					Email   string `json:"email,omitempty"`
					Address string `json:"address,omitempty"`
					Org     string `json:"org,omitempty"`
				}
				out := make([]person, len(people))
				for i, p := range people {
					out[i] = person{p.Name, p.Phone, p.Email, p.Address, p.Org}
				}
				if format == "json" {
					return writeJSON(env.Stdout, out)
				}
				for _, p := range out {
					fields := []string{p.Name, p.Phone, p.Email, p.Address, p.Org}
					fields = slices.DeleteFunc(fields, func(s string) bool { return s == "" })
					fmt.Fprintln(env.Stdout, safetext.Line(strings.Join(fields, "  ")))
				}
				return nil
			})
		},
	}
	c.Flags().StringVar(&reason, "reason", "", g.T(text.CLIHelp.FlagRevealReason))
	c.Flags().StringVar(&format, "format", "text", g.T(text.CLIHelp.FlagTextJSON))
	return c
}

// caseView is a case as the CLI prints it, personal data masked by role.
type caseView struct {
	Number         string      `json:"number"`
	Version        int64       `json:"version"`
	Status         string      `json:"status"`
	Grade          string      `json:"grade"`
	GradeReason    string      `json:"grade_reason,omitempty"`
	Channel        string      `json:"channel"`
	Nature         string      `json:"nature"`
	Category       string      `json:"category,omitempty"`
	ReceivedAt     time.Time   `json:"received_at"`
	Source         string      `json:"source,omitempty"`    // imported: where from
	SourceID       string      `json:"source_id,omitempty"` // imported: the original id
	RegisteredAt   time.Time   `json:"registered_at"`
	Name           string      `json:"name,omitempty"`
	Phone          string      `json:"phone,omitempty"`
	Email          string      `json:"email,omitempty"`
	Masked         bool        `json:"masked"`
	Content        string      `json:"content"`
	Demand         string      `json:"demand,omitempty"`
	Subject        string      `json:"subject,omitempty"`
	CollectiveSize int         `json:"collective_size"`
	Department     string      `json:"department,omitempty"`
	Handler        string      `json:"handler,omitempty"`
	Resolution     string      `json:"resolution,omitempty"`
	Reply          string      `json:"reply,omitempty"`
	Satisfaction   int         `json:"satisfaction,omitempty"`
	ReopenCount    int         `json:"reopen_count"`
	Training       bool        `json:"training"`
	NextDue        *time.Time  `json:"next_due,omitempty"`
	NextClock      string      `json:"next_clock,omitempty"`
	Clocks         []clockView `json:"clocks,omitempty"`
	History        []eventView `json:"history,omitempty"`

	Fields map[string]string `json:"fields,omitempty"` // policy fields, and an import's extra columns

	Escalation   string       `json:"escalation,omitempty"`
	Crisis       bool         `json:"crisis,omitempty"`
	Flags        []string     `json:"flags,omitempty"`
	Complainants []personView `json:"complainants,omitempty"`
	Linked       []string     `json:"linked,omitempty"`
	Suggested    string       `json:"suggested_grade,omitempty"`
	SuggestedWhy string       `json:"suggested_reason,omitempty"`
}

// personView is one complainant of a collective complaint.
type personView struct {
	Name         string `json:"name,omitempty"`
	Phone        string `json:"phone,omitempty"`
	Email        string `json:"email,omitempty"`
	Callback     string `json:"callback,omitempty"`
	Satisfaction int    `json:"satisfaction,omitempty"`
}

type clockView struct {
	ID      string     `json:"id"`
	Name    string     `json:"name"`
	State   string     `json:"state"`
	Start   *time.Time `json:"start,omitempty"`
	Due     *time.Time `json:"due,omitempty"`
	DueText string     `json:"due_text,omitempty"`
	Stopped *time.Time `json:"stopped,omitempty"`
	// MarginMinutes: positive = time left or met early; negative = breached by.
	MarginMinutes int64  `json:"margin_minutes"`
	Warning       string `json:"warning,omitempty"`
}

type eventView struct {
	At time.Time `json:"at"`
	// EnteredAt is when it was entered; LateReason why it was entered more
	// than an hour after it happened (补录).
	EnteredAt  time.Time         `json:"entered_at"`
	LateReason string            `json:"late_reason,omitempty"`
	Actor      string            `json:"actor"`
	Action     string            `json:"action"`
	Reason     string            `json:"reason,omitempty"`
	Note       string            `json:"note,omitempty"`
	Before     map[string]string `json:"before,omitempty"`
	After      map[string]string `json:"after,omitempty"`
}

func tptr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// newCaseView is the printed form of a case the desk's read path gave: as
// the user may see it, masked and redacted already. clocks are the case's
// (nil for a list).
func newCaseView(app *App, c *store.Case, evs []store.Event, clocks []deadline.Clock) caseView {
	who := c.Primary()
	v := caseView{
		Number: c.Number, Version: c.Version, Status: c.Status, Grade: c.Grade, GradeReason: c.GradeReason,
		Channel: c.Channel, Nature: c.Nature, Category: c.Category,
		ReceivedAt: c.ReceivedAt, RegisteredAt: c.RegisteredAt, Source: c.Source, SourceID: c.SourceID,
		Name: who.Name, Phone: who.Phone, Email: who.Email, Masked: !app.Desk.SeesPII(app.Actor),
		Content: c.Content, Demand: c.Demand, Subject: c.Subject, CollectiveSize: c.CollectiveSize,
		Department: c.Department, Handler: c.Handler, Resolution: c.Resolution, Reply: c.Reply,
		Satisfaction: c.Satisfaction, ReopenCount: c.ReopenCount, Training: c.Training,
		NextDue: tptr(c.NextDue), NextClock: c.NextClock, Fields: c.Fields,
	}
	v.Escalation, v.Crisis, v.Flags = c.Escalation, c.Crisis, actions.Flags(c)
	if len(c.Complainants) > 1 {
		for _, p := range c.Complainants {
			pv := personView{Name: p.Name, Phone: p.Phone, Email: p.Email, Callback: p.Callback, Satisfaction: p.Satisfaction}
			v.Complainants = append(v.Complainants, pv)
		}
	}
	if evs != nil {
		now := app.Desk.Now()
		loc := app.Desk.Location()
		for _, ck := range clocks {
			cv := clockView{ID: ck.ID, Name: ck.Label.In(app.Lang), State: ck.StateAt(now).String(),
				Start: tptr(ck.Start), Due: tptr(ck.Due), Stopped: tptr(ck.Stopped), Warning: ck.Warning}
			if ck.State != deadline.NotStarted {
				cv.DueText = deadline.FormatDue(ck, loc)
				cv.MarginMinutes = int64(ck.Margin(now) / time.Minute)
			}
			v.Clocks = append(v.Clocks, cv)
		}
		for _, e := range evs {
			v.History = append(v.History, eventView{At: e.At, EnteredAt: e.Entered, LateReason: e.Late, Actor: e.Actor, Action: e.Action, Reason: e.Reason, Note: e.Note, Before: e.Before, After: e.After})
		}
	}
	return v
}

func writeJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	// encoding/json escapes C0 controls but passes C1 controls (U+0080–
	// U+009F, e.g. an 8-bit CSI) and bidi overrides through: escape them
	// too, so JSON printed on a terminal cannot act on it. They only occur
	// inside strings, where \uXXXX means the same character.
	var b strings.Builder
	for _, r := range buf.String() {
		if (r >= 0x80 && r <= 0x9f) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x061c {
			fmt.Fprintf(&b, "\\u%04x", r)
			continue
		}
		b.WriteRune(r)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// named is how the human output names a thing of the policy (kind:
// status, grade, channel, nature, clock, level, outcome, flag, action,
// field): by its label in Chinese; in English by its id, which is English
// already and what the policy file, the flags and the JSON use.
func named(app *App, kind, id string) string {
	if id == "" || !strings.HasPrefix(app.Lang, "zh") {
		return id
	}
	p := app.Desk.Policy()
	l := policy.Label{}
	switch kind {
	case "status":
		if x := p.Status(id); x != nil {
			l = x.Label
		}
	case "grade":
		if x := p.Grade(id); x != nil {
			l = policy.Label{ZH: id + " " + x.ZH}
		}
	case "channel":
		if x := p.Channel(id); x != nil {
			l = x.Label
		}
	case "nature":
		if x := p.Nature(id); x != nil {
			l = x.Label
		}
	case "clock":
		if x := p.Clock(id); x != nil {
			l = x.Label
		}
	case "level":
		if x := p.Level(id); x != nil {
			l = x.Label
		}
	case "outcome":
		if x := p.ContactOutcome(id); x != nil {
			l = x.Label
		}
	case "flag":
		if x := p.Flag(id); x != nil {
			l = x.Label
		}
	case "action":
		l = actions.Done(p, id)
	case "field":
		if x := p.Field(id); x != nil {
			l = x.Label
		} else {
			l = actions.Label(p, id)
		}
	}
	if l.ZH == "" {
		return id
	}
	return l.ZH
}

// span is a clock's margin as the command line says it, to the minute.
func span(lang string, minutes int64) string {
	return text.SpanMinutes(lang, time.Duration(minutes)*time.Minute)
}

func writeCaseTable(w io.Writer, app *App, views []caseView) error {
	loc := app.Desk.Location()
	now := app.Desk.Now()
	lang := app.Lang
	c := text.CLI
	rows := [][]string{{c.ColNumber.In(lang), c.ColReceived.In(lang), c.ColName.In(lang), c.ColPhone.In(lang),
		c.ColGrade.In(lang), c.ColStatus.In(lang), c.ColHandler.In(lang), c.ColNextDue.In(lang)}}
	for _, v := range views {
		due := "-"
		if v.NextDue != nil {
			due = named(app, "clock", v.NextClock) + " " + formatNextDue(app, v.NextClock, *v.NextDue)
			if v.NextDue.Before(now) {
				due += text.Common.Paren.F(lang, text.Common.Overdue.F(lang, text.SpanMinutes(lang, now.Sub(*v.NextDue))))
			}
		}
		rows = append(rows, []string{v.Number, v.ReceivedAt.In(loc).Format("2006-01-02 15:04"), safetext.Line(v.Name), v.Phone,
			v.Grade, named(app, "status", v.Status), safetext.Line(v.Handler), due})
	}
	return writeAligned(w, rows)
}

// labelWidth is the width of the labels of cases show, in cells: the
// Chinese labels of the policy's fields are wider (产品/批号/报告：).
func labelWidth(lang string) int {
	if strings.HasPrefix(lang, "zh") {
		return 16
	}
	return 13
}

func writeCaseDetail(w io.Writer, app *App, v caseView) error {
	loc := app.Desk.Location()
	lang := app.Lang
	p := app.Desk.Policy()
	c := text.CLI
	line := func(label text.T, val string) {
		if val != "" {
			fmt.Fprintf(w, "%s %s\n", padCells(safetext.Line(label.In(lang))+text.Common.Colon.In(lang), labelWidth(lang)), safetext.Line(val))
		}
	}
	line(c.Number, v.Number)
	line(c.Status, named(app, "status", v.Status))
	line(c.Grade, named(app, "grade", v.Grade))
	line(c.GradeReason, v.GradeReason)
	line(c.Channel, named(app, "channel", v.Channel))
	line(c.Nature, named(app, "nature", v.Nature))
	line(c.Category, p.CategoryPath(v.Category, lang))
	line(c.Received, v.ReceivedAt.In(loc).Format("2006-01-02 15:04"))
	line(c.Registered, v.RegisteredAt.In(loc).Format("2006-01-02 15:04"))
	if v.Source != "" {
		line(c.Imported, v.Source+" "+v.SourceID)
	}
	line(c.Name, v.Name)
	line(c.Phone, v.Phone)
	line(c.Email, v.Email)
	line(c.Subject, v.Subject)
	if v.CollectiveSize > 1 {
		line(c.Complainants, fmt.Sprint(v.CollectiveSize))
	}
	line(c.Handler, v.Handler)
	line(c.Department, p.DepartmentName(v.Department, lang))
	line(c.Escalation, named(app, "level", v.Escalation))
	if v.Crisis {
		line(c.Crisis, c.CrisisYes.In(lang))
	}
	var flags []string
	for _, f := range v.Flags {
		flags = append(flags, named(app, "flag", f))
	}
	line(c.Flags, strings.Join(flags, text.Common.ListSep.In(lang)))
	if v.Suggested != "" {
		line(c.Suggested, v.Suggested+text.Common.Colon.In(lang)+v.SuggestedWhy)
	}
	line(c.Linked, strings.Join(v.Linked, text.Common.ListSep.In(lang)))
	for i, pv := range v.Complainants {
		who := strings.TrimSpace(pv.Name + " " + pv.Phone + " " + pv.Email)
		if pv.Callback != "" {
			who += "  " + c.Callback.F(lang, named(app, "outcome", pv.Callback))
		}
		if pv.Satisfaction > 0 {
			who += "  " + c.Satisfaction.F(lang, pv.Satisfaction)
		}
		line(text.T{ZH: c.Complainant.F("zh", i+1), EN: c.Complainant.F("en", i+1)}, who)
	}
	line(c.Version, fmt.Sprint(v.Version))
	heading := func(t text.T) string { return strings.TrimRight(t.In(lang)+text.Common.Colon.In(lang), " ") }
	fmt.Fprintf(w, "%s\n%s\n", heading(c.Content), indent(safetext.Text(v.Content)))
	if v.Demand != "" {
		fmt.Fprintf(w, "%s\n%s\n", heading(c.Demand), indent(safetext.Text(v.Demand)))
	}
	line(c.Resolution, v.Resolution)
	line(c.Reply, v.Reply)
	for _, k := range slices.Sorted(maps.Keys(v.Fields)) {
		label := named(app, "field", k)
		line(text.T{ZH: label, EN: label}, fieldValue(app, k, v.Fields[k]))
	}
	fmt.Fprintln(w, heading(c.Clocks))
	for _, ck := range v.Clocks {
		fmt.Fprintln(w, strings.TrimRight(safetext.Line(clockLine(app, ck)), " "))
	}
	fmt.Fprintln(w, heading(c.History))
	for _, e := range v.History {
		l := "  " + e.At.In(loc).Format("2006-01-02 15:04") + "  " + padCells(named(app, "action", e.Action), 12) + " " + e.Actor
		for _, k := range slices.Sorted(maps.Keys(e.After)) {
			if e.Action == "register" {
				continue
			}
			l += fmt.Sprintf("  %s%s%q → %q", named(app, "field", k), text.Common.Colon.In(lang), fieldValue(app, k, e.Before[k]), fieldValue(app, k, e.After[k]))
		}
		if e.Reason != "" {
			l += "  " + c.Reason.F(lang, e.Reason)
		}
		if e.Note != "" {
			l += "  " + c.EventNote.F(lang, e.Note)
		}
		if e.LateReason != "" {
			l += "  " + text.Common.LateEntry.F(lang, e.EnteredAt.In(loc).Format(actions.TimeLayout), e.LateReason)
		}
		fmt.Fprintln(w, safetext.Line(l))
	}
	return nil
}

// clockLine is one clock of cases show: its name, its state, when it is
// due and by how much it is, was or will be met or breached.
func clockLine(app *App, ck clockView) string {
	lang, c := app.Lang, text.CLI
	name, state := ck.ID, ck.State
	if strings.HasPrefix(lang, "zh") {
		name = ck.Name
		switch ck.State {
		case "running":
			state = text.Clock.Running.In(lang)
		case "met":
			state = c.Met.In(lang)
		case "breached":
			state = c.Breached.In(lang)
		case "unmet":
			state = text.Clock.UnmetShort.In(lang)
		default:
			state = text.Clock.NotStarted.In(lang)
		}
	}
	l := "  " + padCells(name, 16) + " " + padCells(state, 11)
	if ck.DueText != "" {
		l += " " + text.Clock.Due.In(lang) + " " + ck.DueText
		how := ""
		switch ck.State {
		case "running":
			how = c.Left.F(lang, span(lang, ck.MarginMinutes))
		case "met":
			how = c.Spare.F(lang, span(lang, ck.MarginMinutes))
		case "breached":
			how = c.Over.F(lang, span(lang, ck.MarginMinutes))
		case "unmet":
			how = text.Clock.Unmet.In(lang)
		}
		if how != "" {
			l += text.Common.Paren.F(lang, how)
		}
	}
	if ck.Warning != "" {
		l += " " + c.Warning.F(lang, ck.Warning)
	}
	return l
}

// fieldValue is a stored value of a case's field (the history's, the
// policy's fields) as the human output shows it: by name, times in the
// desk's zone, in Chinese; in English as it is stored.
func fieldValue(app *App, k, v string) string {
	if !strings.HasPrefix(app.Lang, "zh") || v == "" {
		return v
	}
	return components.FieldValue(app.Desk.Policy(), k, v, app.Lang, app.Desk.Location())
}

func indent(s string) string {
	return "  " + strings.ReplaceAll(s, "\n", "\n  ")
}

var errNoRows = errors.New("nothing to show")

// queueFilterFlags are the queue's filters as flags (cases list, export).
func queueFilterFlags(g *globals, f *pflag.FlagSet, q *store.Query) {
	h := text.CLIHelp
	f.StringVar(&q.Status, "status", "", g.T(h.FlagStatus))
	f.StringVar(&q.Grade, "grade", "", g.T(h.FlagGradeOnly))
	f.StringVar(&q.Category, "category", "", g.T(h.FlagCategoryOnly))
	f.StringVar(&q.Channel, "channel", "", g.T(h.FlagChannelOnly))
	f.StringVar(&q.Handler, "handler", "", g.T(h.FlagHandler))
	f.StringVar(&q.Department, "department", "", g.T(h.FlagDepartment))
	f.BoolVar(&q.Overdue, "overdue", false, g.T(h.FlagOverdue))
	f.StringVar(&q.Search, "search", "", g.T(h.FlagSearch))
}
