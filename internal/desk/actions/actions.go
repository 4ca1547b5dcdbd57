// Package actions is the registry of the steps of a case's life cycle.
//
// Each step is one Def in one file of this package: its input fields (kind,
// label, hint, how the form and the command line give them), its effect on
// the case, its key on the case page and its names. Everything else is
// built from it: the case page's forms, the `desk cases ACTION` commands
// and their flags, the required-field checks and their refusals, the
// history's labels and the `?` help. A policy's own steps (the gsp preset's
// forward, dispatch, decide; the lab's re-test) are Defs too, made from the
// policy by For.
//
// Which role may take a step from which status, what it requires and what
// it leads to is the policy's (internal/policy); this package says what the
// step records. The desk (internal/desk) runs it in one transaction.
package actions

import (
	"slices"
	"strings"
	"time"

	"complaintdesk/internal/deadline"
	"complaintdesk/internal/policy"
	"complaintdesk/store"
)

// Kind is how a field is typed.
type Kind string

const (
	Text   Kind = "text"   // one line
	Area   Kind = "area"   // several lines
	Time   Kind = "time"   // a moment, "2026-11-22 18:00"
	Date   Kind = "date"   // a day (policy date fields)
	Choice Kind = "choice" // one of the field's options
	Yes    Kind = "yes"    // ticked or not
	Users  Kind = "users"  // names of desk users
	Case   Kind = "case"   // another case's number
)

// Option is one choice of a Choice field.
type Option struct {
	ID    string
	Label policy.Label
}

// Field is one input of a step.
type Field struct {
	// ID is the name problems, drafts and required-field rules use.
	ID string
	// Flag is the command line's flag ("" = ID with dashes).
	Flag  string
	Label policy.Label
	// Hint is shown in an empty input and in the flag's help.
	Hint policy.Label
	Kind Kind
	// Options lists a Choice field's values for a case; First is shown
	// before them ("(choose)") unless empty.
	Options func(p *policy.Policy, c *store.Case) []Option
	First   policy.Label
	// Current is the case's value the form opens with; a value left as it
	// was is not sent (the case keeps its own), unless Always.
	Current func(p *policy.Policy, c *store.Case) string
	Always  bool
	// Default is what a form shows, and sends as typed, when the case has
	// no value yet (the expected resolution time: two days from now).
	Default func(p *policy.Policy, c *store.Case, now time.Time) string
	// Ask says whether the form asks the field on the case (nil: always);
	// which complainant is asked only of a collective complaint.
	Ask func(p *policy.Policy, c *store.Case) bool
	// Policy marks a [[field]] of the policy (recorded through Input.Fields).
	Policy bool
	// Person marks a person's name (the input rules of names apply).
	Person bool

	bind binding
}

// FlagName is the field's command-line flag.
func (f *Field) FlagName() string {
	if f.Flag != "" {
		return f.Flag
	}
	return strings.ReplaceAll(f.ID, "_", "-")
}

// Get is the field's value in the input, as typed.
func (f *Field) Get(in *Input) string {
	if f.bind.get == nil {
		return ""
	}
	return f.bind.get(in)
}

// Set puts a typed value into the input; a value that cannot be read is a
// problem of the field.
func (f *Field) Set(in *Input, v string, loc *time.Location) *Problem {
	if f.bind.set == nil {
		return nil
	}
	if msg := f.bind.set(in, v, loc); msg != nil {
		return &Problem{Field: f.ID, ZH: f.Label.ZH + "：" + msg.ZH, EN: f.Label.EN + ": " + msg.EN}
	}
	return nil
}

// with returns a copy of the field with another hint (the same field asked
// for another reason: "why it is transferred").
func (f Field) with(hint policy.Label) Field {
	f.Hint = hint
	return f
}

// Def is one step of a case's life cycle.
type Def struct {
	ID string // the policy's action id
	// Command is the `desk cases` sub-command ("" = ID with dashes).
	Command string
	// Key is the step's key on the case page ("" = none: the "more
	// actions" picker offers it). A policy's key overrides it.
	Key string
	// Verb names the step as something to do (keys, titles, refusals);
	// Done as the history says it happened; Title heads its form; Help is
	// the command's one-line help.
	Verb  policy.Label
	Done  policy.Label
	Title policy.Label
	Help  policy.Label
	// Short names it where space is short (the page's key bar); "" = Verb.
	Short policy.Label
	// Fields are what the step's form and command ask, in order.
	Fields []Field
	// Gives are facts the step records besides its fields (the verification
	// of verify): a transition requiring them asks this step's form.
	Gives []string
	// Regrade: the step changes what the grading rules read.
	Regrade bool
	// Expand adds fields the policy gives the step (the checklist of a
	// quality inspection).
	Expand func(p *policy.Policy) []Field
	// Apply is the step's effect on the case; problems go to x.Fail.
	Apply func(x *Ctx)
	// After runs once the case's status changed (a dissatisfied revisit
	// reopens the case).
	After func(x *Ctx)
	// Written runs in the same transaction after the case was written
	// (links touch the other case).
	Written func(x *Ctx) error
	// Internal steps are the desk's own (register, reveal): no form, no command.
	Internal bool
	// Handling: a step of the handling itself; on a case assigned to
	// someone only that handler or a supervisor takes it (findings 14, 15).
	Handling bool
}

// CommandName is the step's `desk cases` sub-command.
func (d *Def) CommandName() string {
	if d.Command != "" {
		return d.Command
	}
	return strings.ReplaceAll(d.ID, "_", "-")
}

// ShortName is the step's name where space is short.
func (d *Def) ShortName() policy.Label {
	if d.Short.ZH != "" || d.Short.EN != "" {
		return d.Short
	}
	return d.Verb
}

// Field is the step's field with id, or nil.
func (d *Def) Field(id string) *Field {
	for i := range d.Fields {
		if d.Fields[i].ID == id {
			return &d.Fields[i]
		}
	}
	return nil
}

// GivesFact reports whether the step's form records f.
func (d *Def) GivesFact(f string) bool {
	return d.Field(f) != nil || slices.Contains(d.Gives, f)
}

// Input is what a user asks a step to do: the case, the step and the
// values of its fields. Only the fields the step uses are read.
type Input struct {
	Number string
	// Version is the case version the user saw; 0 applies to the latest
	// (scripts). A stale version is refused.
	Version int64
	Name    string    // the step's id
	At      time.Time // when it happened; zero: now

	Reason       string
	Note         string
	Handler      string
	Department   string
	Grade        string
	Category     string
	Resolution   string
	Reply        string
	ExpectedBy   time.Time
	Satisfaction int

	// contact: how, with what outcome, and with which complainant (0 = the
	// first; a collective complaint has several).
	ContactKind    string
	ContactOutcome string
	Who            int

	// verify (三核实): the complainant and the item (when, where, which
	// product / batch / report).
	ComplainantVerified bool
	ItemVerified        bool
	ItemTime            string
	ItemPlace           string
	ItemProduct         string

	// findings: the investigation report.
	Facts       string
	Cause       string
	Responsible string
	Conclusion  string // a conclusion of the policy
	Corrective  string
	Preventive  string

	// resolve / close: the resolution's type, amount and the customer's agreement.
	ResolutionType string
	Amount         string
	Agreement      string // agreed, disagreed, pending

	// escalate: the level ("" = the next one up).
	Level string

	// flags: circumstances to set (true) or clear (false); absent ones stay.
	Circumstances map[string]bool

	// link / unlink: the other case's number.
	Other string

	// complainant: one more complainant of a collective complaint.
	Person Person

	// Fields sets the policy's own fields (lab: report, blind_code, ...).
	Fields map[string]string

	// visit: who attended on site.
	VisitBy string

	// inspect: the score, the findings and the checklist (item id → pass or fail).
	Score    string
	Findings string
	Items    map[string]string

	// implement: what was done to carry out the solution.
	Implementation string

	// Template is a reply template of the policy that fills Reply when it
	// is empty.
	Template string

	// Late is the reason for entering the step more than an hour after it
	// happened (补录原因): the history shows both times and the reason.
	Late string

	// Override is the reason a role the policy allows gives to go past a
	// rule (policy [[rule]] override); it goes into the history.
	Override string
}

// Person is one more complainant of a collective complaint.
type Person struct {
	Name  string
	Phone string
	Email string
}

// Problem is one thing wrong with a form or command, tied to its field so a
// form can show it beside the field, in both languages.
type Problem struct {
	Field string
	ZH    string
	EN    string
}

// Message is the problem in the language ("zh" or "en").
func (p Problem) Message(lang string) string {
	if lang == "zh" && p.ZH != "" {
		return p.ZH
	}
	return p.EN
}

// Ctx is what a step's effect works on: the case being changed (C, a copy
// the desk writes only when no problem was found), the case as it was, the
// input and the policy.
type Ctx struct {
	P   *policy.Policy
	C   *store.Case
	Old *store.Case
	In  *Input
	Now time.Time
	Loc *time.Location
	// Tx is the step's transaction (for steps that read or write more than
	// the case: links, users).
	Tx store.Tx
	// Actor is who takes the step, in Role.
	Actor string
	Role  string
	// Clocks are the case's clocks before the step.
	Clocks []deadline.Clock
	// Extra are facts of the event that are not fields of the case (a
	// contact's outcome).
	Extra map[string]string
	// Events are further events the step causes (a dissatisfied revisit's
	// reopening), written after its own.
	Events []store.Event
	// Touched are other cases the step changed (their sessions reload).
	Touched []int64
	// Problems found so far.
	Problems []Problem

	other *store.Case // the other case of a link
}

// Fail records a problem of field.
func (x *Ctx) Fail(field, zh, en string) {
	x.Problems = append(x.Problems, Problem{field, zh, en})
}

// Stamp is the step's time as stored in a case field.
func (x *Ctx) Stamp() string { return x.In.At.In(x.Loc).Format(time.RFC3339) }
