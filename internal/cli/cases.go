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

	"complaintdesk/internal/deadline"
	"complaintdesk/internal/desk"
	"complaintdesk/internal/desk/actions"
	"complaintdesk/internal/safetext"
	"complaintdesk/store"
)

func casesCmd(g *globals, env Env) *cobra.Command {
	c := &cobra.Command{Use: "cases", Short: "Register, list, show and handle cases"}
	c.AddCommand(casesNewCmd(g, env), casesListCmd(g, env), casesShowCmd(g, env), casesPrintCmd(g, env), casesFindCmd(g, env))
	lang := g.language(env)
	c.AddCommand(stepCmds(g, env, g.stepPolicy(env), lang)...) // the steps of the policy in force (steps.go)
	c.AddCommand(actCmd(g, env, lang))
	return c
}

// ParseTime reads a time typed by a person, in loc (actions.ParseTime:
// the one set of layouts of forms and commands).
func ParseTime(s string, loc *time.Location) (time.Time, error) {
	if t, ok := actions.ParseTime(s, loc); ok {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%q is not a time: write it as 2026-11-22 09:30", strings.TrimSpace(s))
}

func casesNewCmd(g *globals, env Env) *cobra.Command {
	var r desk.Registration
	var received string
	var fields, others []string
	var appealFields func(*desk.Registration) // lab.go
	circ := map[string]*bool{}
	c := &cobra.Command{
		Use:   "new",
		Short: "Register a complaint and print its number",
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
				for _, f := range fields {
					k, v, ok := strings.Cut(f, "=")
					if !ok || k == "" {
						return fmt.Errorf("--field %q: write it as name=value", f)
					}
					if r.Fields == nil {
						r.Fields = map[string]string{}
					}
					r.Fields[k] = v
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
					fmt.Fprintf(env.Stderr, "desk: the key %q was already used: this is the case it registered\n", r.IdemKey)
				}
				fmt.Fprintln(env.Stdout, cs.Number)
				labAfterRegister(app, cs)
				return nil
			})
		},
	}
	f := c.Flags()
	f.StringVar(&r.Channel, "channel", "", "phone, email, web, walk-in, letter, social, other (default: the policy's)")
	f.StringVar(&r.Nature, "nature", "", "complaint, inquiry, suggestion, repair, claim")
	f.StringVar(&r.Category, "category", "", "category id from the policy (may be left for later)")
	f.StringVar(&r.Grade, "grade", "", "A, B, C or D (default: suggested by the grading rules)")
	f.StringVar(&r.GradeReason, "grade-reason", "", "why this grade")
	f.StringVar(&received, "received", "", "when the customer complained, e.g. \"2026-11-22 09:30\" (default now)")
	f.StringVar(&r.Name, "name", "", "complainant's name")
	f.StringVar(&r.Phone, "phone", "", "complainant's phone: mobile (+86 optional), landline with area code or service number")
	f.StringVar(&r.Email, "email", "", "complainant's email")
	f.StringVar(&r.Address, "address", "", "complainant's address")
	f.StringVar(&r.Org, "org", "", "complainant's organisation")
	f.BoolVar(&r.Anonymous, "anonymous", false, "the complainant stays anonymous")
	f.StringVar(&r.Content, "content", "", "what the customer complains about")
	f.StringVar(&r.Demand, "demand", "", "what the customer asks for")
	f.StringVar(&r.Subject, "subject", "", "product, order or report reference")
	f.IntVar(&r.CollectiveSize, "collective", 1, "how many people complain together")
	f.StringVar(&r.IdemKey, "key", "", "idempotency key: the same key registers one case, and prints its number again")
	f.StringArrayVar(&fields, "field", nil, "extra policy field name=value (repeatable)")
	f.StringArrayVar(&others, "other", nil, "another complainant of a collective complaint: \"NAME PHONE\" or \"NAME EMAIL\" (repeatable)")
	for _, k := range actions.Circumstances {
		circ[k.ID] = f.Bool(strings.ReplaceAll(k.ID, "_", "-"), false, "circumstance for the grading rules: "+k.EN)
	}
	appealFields = labNewFlags(f)
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
		Short: "List cases, nearest running deadline first",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return g.withApp(cmd, env, func(app *App) error {
				now := app.Desk.Now()
				q.Now, q.DayEnd, q.User = now, app.Desk.DayEnd(now), app.Actor.Name
				if id := app.Desk.Policy().DepartmentID(q.Department); id != "" {
					q.Department = id
				}
				var err error
				if q.Tab, err = parseTab(tab); err != nil {
					return err
				}
				if q.Sort, err = parseSort(sortBy); err != nil {
					return err
				}
				page, err := app.Desk.Queue(cmd.Context(), app.Actor, q) // as this user may see it
				if err != nil {
					return err
				}
				views := make([]caseView, len(page.Cases))
				for i := range page.Cases {
					views[i] = newCaseView(app, &page.Cases[i], nil, nil)
				}
				if format == "json" {
					return writeJSON(env.Stdout, views)
				}
				if format != "table" {
					return fmt.Errorf("--format must be table or json")
				}
				return writeCaseTable(env.Stdout, app, views)
			})
		},
	}
	f := c.Flags()
	f.StringVar(&q.Status, "status", "", "only this status")
	f.StringVar(&q.Grade, "grade", "", "only this grade")
	f.StringVar(&q.Category, "category", "", "only this category (and its sub-categories)")
	f.StringVar(&q.Channel, "channel", "", "only this channel")
	f.StringVar(&q.Handler, "handler", "", "only this handler's cases (the handler's queue)")
	f.StringVar(&q.Department, "department", "", "only this department's cases (id or name; the department's queue)")
	f.BoolVar(&q.Overdue, "overdue", false, "only cases with a running clock past due")
	f.StringVar(&q.Search, "search", "", "text in the number, name, phone or content (Chinese substrings work)")
	f.StringVar(&tab, "tab", "all", "all, mine, unassigned, due-today, overdue, revisit, approvals")
	f.StringVar(&sortBy, "sort", "due", "due, received, number, grade")
	f.IntVar(&q.Limit, "limit", 50, "how many cases")
	f.IntVar(&q.Offset, "offset", 0, "skip this many")
	f.StringVar(&format, "format", "table", "table or json")
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
	return 0, fmt.Errorf("unknown tab %q (all, mine, unassigned, due-today, overdue, revisit, approvals)", s)
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
	return 0, fmt.Errorf("unknown sort %q (due, received, number, grade)", s)
}

func casesShowCmd(g *globals, env Env) *cobra.Command {
	var format string
	c := &cobra.Command{
		Use:   "show NUMBER",
		Short: "Show a case with all its clocks and its history",
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
	c.Flags().StringVar(&format, "format", "text", "text or json")
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

func writeCaseTable(w io.Writer, app *App, views []caseView) error {
	loc := app.Desk.Location()
	now := app.Desk.Now()
	rows := [][]string{{"NUMBER", "RECEIVED", "NAME", "PHONE", "GRADE", "STATUS", "HANDLER", "NEXT DUE"}}
	for _, v := range views {
		due := "-"
		if v.NextDue != nil {
			due = v.NextClock + " " + formatNextDue(app, v.NextClock, *v.NextDue)
			if v.NextDue.Before(now) {
				due += " (overdue)"
			}
		}
		rows = append(rows, []string{v.Number, v.ReceivedAt.In(loc).Format("2006-01-02 15:04"), safetext.Line(v.Name), v.Phone, v.Grade, v.Status, safetext.Line(v.Handler), due})
	}
	return writeAligned(w, rows)
}

func writeCaseDetail(w io.Writer, app *App, v caseView) error {
	loc := app.Desk.Location()
	p := func(k, val string) {
		if val != "" {
			fmt.Fprintf(w, "%-13s %s\n", k+":", safetext.Line(val))
		}
	}
	p("number", v.Number)
	p("status", v.Status)
	p("grade", v.Grade)
	p("grade reason", v.GradeReason)
	p("channel", v.Channel)
	p("nature", v.Nature)
	p("category", app.Desk.Policy().CategoryPath(v.Category, app.Lang))
	p("received", v.ReceivedAt.In(loc).Format("2006-01-02 15:04"))
	p("registered", v.RegisteredAt.In(loc).Format("2006-01-02 15:04"))
	if v.Source != "" {
		p("imported", v.Source+" "+v.SourceID)
	}
	p("name", v.Name)
	p("phone", v.Phone)
	p("email", v.Email)
	p("subject", v.Subject)
	if v.CollectiveSize > 1 {
		p("complainants", fmt.Sprint(v.CollectiveSize))
	}
	p("handler", v.Handler)
	p("department", app.Desk.Policy().DepartmentName(v.Department, app.Lang))
	p("escalation", v.Escalation)
	if v.Crisis {
		p("crisis", "yes (media coverage)")
	}
	p("flags", strings.Join(v.Flags, ", "))
	if v.Suggested != "" {
		p("suggested", v.Suggested+": "+v.SuggestedWhy)
	}
	p("linked", strings.Join(v.Linked, ", "))
	for i, pv := range v.Complainants {
		line := strings.TrimSpace(pv.Name + " " + pv.Phone + " " + pv.Email)
		if pv.Callback != "" {
			line += "  callback: " + pv.Callback
		}
		if pv.Satisfaction > 0 {
			line += fmt.Sprintf("  satisfaction: %d/5", pv.Satisfaction)
		}
		p(fmt.Sprintf("complainant %d", i+1), line)
	}
	p("version", fmt.Sprint(v.Version))
	fmt.Fprintf(w, "content:\n%s\n", indent(safetext.Text(v.Content)))
	if v.Demand != "" {
		fmt.Fprintf(w, "demand:\n%s\n", indent(safetext.Text(v.Demand)))
	}
	p("resolution", v.Resolution)
	p("reply", v.Reply)
	for _, k := range slices.Sorted(maps.Keys(v.Fields)) {
		p(safetext.Line(k), v.Fields[k])
	}
	fmt.Fprintln(w, "clocks:")
	for _, c := range v.Clocks {
		line := fmt.Sprintf("  %-16s %-11s", c.ID, c.State)
		if c.DueText != "" {
			line += " due " + c.DueText
			switch c.State {
			case "running":
				line += " (" + (time.Duration(c.MarginMinutes) * time.Minute).String() + " left)"
			case "met":
				line += " (met with " + (time.Duration(c.MarginMinutes) * time.Minute).String() + " to spare)"
			case "breached":
				line += " (breached by " + (time.Duration(-c.MarginMinutes) * time.Minute).String() + ")"
			}
		}
		if c.Warning != "" {
			line += " WARNING: " + c.Warning
		}
		fmt.Fprintln(w, line)
	}
	fmt.Fprintln(w, "history:")
	for _, e := range v.History {
		line := fmt.Sprintf("  %s  %-12s %s", e.At.In(loc).Format("2006-01-02 15:04"), e.Action, e.Actor)
		for _, k := range slices.Sorted(maps.Keys(e.After)) {
			if e.Action == "register" {
				continue
			}
			line += fmt.Sprintf("  %s: %q → %q", k, e.Before[k], e.After[k])
		}
		if e.Reason != "" {
			line += "  reason: " + e.Reason
		}
		if e.Note != "" {
			line += "  note: " + e.Note
		}
		if e.LateReason != "" {
			line += fmt.Sprintf("  补录 late entry: entered %s, reason: %s", e.EnteredAt.In(loc).Format("2006-01-02 15:04"), e.LateReason)
		}
		fmt.Fprintln(w, safetext.Line(line))
	}
	return nil
}

func indent(s string) string {
	return "  " + strings.ReplaceAll(s, "\n", "\n  ")
}

var errNoRows = errors.New("nothing to show")
