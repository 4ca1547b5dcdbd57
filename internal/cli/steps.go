package cli

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/spf13/cobra"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/desk/actions"
	"complaintdesk/internal/policy"
	"complaintdesk/ui/text"
)

// The `desk cases STEP NUMBER [flags]` commands are made from the registry
// of steps (internal/desk/actions) under the policy in force: one command
// per step the policy uses, the desk's own and the policy's own (the gsp
// preset's forward, the lab's retest), each with a flag per field.

// stepCmds are the commands of every step of the policy.
func stepCmds(g *globals, env Env, p *policy.Policy) []*cobra.Command {
	var out []*cobra.Command
	for _, d := range actions.All(p) {
		out = append(out, stepCmd(g, env, p, d))
	}
	return out
}

// stepFields are the fields a step's command takes: the step's own and the
// policy fields any of its transitions records.
func stepFields(p *policy.Policy, d *actions.Def) []actions.Field {
	fields := slices.Clone(d.Fields)
	for i := range p.Transitions {
		t := &p.Transitions[i]
		if t.Action != d.ID {
			continue
		}
		for _, f := range actions.FormFields(p, d, t) {
			if !slices.ContainsFunc(fields, func(o actions.Field) bool { return o.ID == f.ID }) {
				fields = append(fields, f)
			}
		}
	}
	return fields
}

// stepShort is a step command's one line: the policy's name of the step
// when it gives one (the company's request_approval submits the handling
// opinion, not a grade A closure), else the registry's help.
func stepShort(p *policy.Policy, d *actions.Def, lang string) string {
	if s := []rune(p.ActionLabel(d.ID).In(lang)); len(s) > 0 {
		s[0] = unicode.ToUpper(s[0]) // "submit the…" starts a line
		return string(s)
	}
	return d.Help.In(lang)
}

func stepCmd(g *globals, env Env, p *policy.Policy, d *actions.Def) *cobra.Command {
	var at string
	var version int64
	var on, off, extra, items []string
	fields := append(stepFields(p, d), actions.LateReason) // --late: why entered later than it happened
	if overridable(p, d.ID) {
		fields = append(fields, actions.Override)
	}
	vals := make([]*string, len(fields))
	ticks := make([]*bool, len(fields))
	c := &cobra.Command{
		Use:     d.CommandName() + " NUMBER",
		Aliases: p.ActionCommands(d.ID),
		Short:   stepShort(p, d, g.ui),
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return g.withApp(cmd, env, func(app *App) error {
				in := desk.Action{Number: strings.ToUpper(strings.TrimSpace(args[0])), Name: d.ID, Version: version}
				loc := app.Desk.Location()
				var problems []desk.Problem
				set := func(f *actions.Field, v string) {
					if prob := f.Set(&in, v, loc); prob != nil {
						problems = append(problems, *prob)
					}
				}
				for i := range fields {
					f := &fields[i]
					switch {
					case ticks[i] != nil && cmd.Flags().Changed(f.FlagName()):
						set(f, yesText(*ticks[i]))
					case vals[i] != nil && cmd.Flags().Changed(f.FlagName()):
						set(f, *vals[i])
					}
				}
				for _, pair := range [][2]any{{on, true}, {off, false}} {
					for _, id := range pair[0].([]string) {
						id = strings.ReplaceAll(strings.TrimSpace(id), "-", "_")
						f := d.Field(id)
						if f == nil || f.Kind != actions.Yes {
							if d.ID == "flags" {
								problems = append(problems, actions.UnknownCircumstance(id))
								continue
							}
							return fail(text.CLIError.NoTick, id, d.CommandName())
						}
						set(f, yesText(pair[1].(bool)))
					}
				}
				for _, it := range items {
					id, v, err := actions.ItemValue(it)
					if err != nil {
						return err
					}
					f := d.Field("check_" + id)
					if f == nil {
						problems = append(problems, desk.Problem{Field: "check_" + id, ZH: text.CLIError.NoCheckItem.F("zh", id), EN: text.CLIError.NoCheckItem.F("en", id)})
						continue
					}
					set(f, v)
				}
				return applyStep(cmd, env, app, in, problems, extra, at, loc)
			})
		},
	}
	fl := c.Flags()
	fl.StringVar(&at, "at", "", g.T(text.CLIHelp.FlagAt))
	fl.Int64Var(&version, "version", 0, g.T(text.CLIHelp.FlagVersion))
	hasTicks, hasItems := false, false
	for i := range fields {
		f := &fields[i]
		name := f.FlagName()
		if fl.Lookup(name) != nil { // a policy field named like a common one
			name = strings.ReplaceAll(f.ID, "_", "-")
			f.Flag = name
		}
		help := flagHelp(f, g.ui)
		hasItems = hasItems || strings.HasPrefix(f.ID, "check_")
		if f.Kind == actions.Yes {
			ticks[i] = fl.Bool(name, false, help)
			hasTicks = true
			continue
		}
		vals[i] = fl.String(name, "", help)
	}
	if hasTicks {
		fl.StringArrayVar(&on, "on", nil, g.F(text.CLIHelp.FlagOn, tickIDs(fields)))
		fl.StringArrayVar(&off, "off", nil, g.T(text.CLIHelp.FlagOff))
	}
	if hasItems {
		fl.StringArrayVar(&items, "item", nil, g.T(text.CLIHelp.FlagItem))
	}
	fl.StringArrayVar(&extra, "field", nil, g.T(text.CLIHelp.FlagField))
	return c
}

// policyFields puts the --field name=value pairs into fields (made when
// there are some).
func policyFields(fields *map[string]string, pairs []string) error {
	for _, kv := range pairs {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return fail(text.CLIError.FieldPair, kv)
		}
		if *fields == nil {
			*fields = map[string]string{}
		}
		(*fields)[k] = v
	}
	return nil
}

// flagHelp is a field's label and hint as its flag's help.
func flagHelp(f *actions.Field, lang string) string {
	h := f.Label.In(lang)
	if hint := f.Hint.In(lang); hint != "" && hint != h {
		h += text.Common.Colon.In(lang) + hint
	}
	return h
}

func tickIDs(fields []actions.Field) string {
	var out []string
	for _, f := range fields {
		if f.Kind == actions.Yes {
			out = append(out, strings.ReplaceAll(f.ID, "_", "-"))
		}
	}
	return strings.Join(out, ", ")
}

func yesText(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// actFields are the common fields `desk cases act` takes as flags.
var actFields = []*actions.Field{&actions.ExpectedBy, &actions.Note, &actions.Reason, &actions.Handler, &actions.Department,
	&actions.Grade, &actions.Category, &actions.Resolution, &actions.Reply, &actions.ResolutionType, &actions.Amount,
	&actions.Agreement, &actions.Satisfaction, &actions.LateReason}

// actCmd takes any step by name: desk cases act NUMBER STEP [flags].
func actCmd(g *globals, env Env) *cobra.Command {
	var at string
	var version int64
	var extra []string
	vals := make([]*string, len(actFields))
	c := &cobra.Command{
		Use:   "act NUMBER STEP",
		Short: g.T(text.CLIHelp.Act),
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return g.withApp(cmd, env, func(app *App) error {
				in := desk.Action{Number: strings.ToUpper(strings.TrimSpace(args[0])), Version: version,
					Name: strings.ReplaceAll(strings.TrimSpace(args[1]), "-", "_")}
				loc := app.Desk.Location()
				var problems []desk.Problem
				for i, f := range actFields {
					if cmd.Flags().Changed(f.FlagName()) {
						if prob := f.Set(&in, *vals[i], loc); prob != nil {
							problems = append(problems, *prob)
						}
					}
				}
				return applyStep(cmd, env, app, in, problems, extra, at, loc)
			})
		},
	}
	fl := c.Flags()
	fl.StringVar(&at, "at", "", g.T(text.CLIHelp.FlagAt))
	fl.Int64Var(&version, "version", 0, g.T(text.CLIHelp.FlagVersion))
	for i, f := range actFields {
		vals[i] = fl.String(f.FlagName(), "", flagHelp(f, g.ui))
	}
	fl.StringArrayVar(&extra, "field", nil, g.T(text.CLIHelp.FlagField))
	return c
}

// overridable reports whether a rule of the step lets some role go past it.
func overridable(p *policy.Policy, step string) bool {
	for _, r := range p.RulesFor(step) {
		if len(r.Override) > 0 {
			return true
		}
	}
	return false
}

// applyStep takes a step as a command gave it: the policy fields (--field),
// the time it happened (--at), then the desk's Apply, and prints the case's
// number, status and next deadline. problems are the flags' own.
func applyStep(cmd *cobra.Command, env Env, app *App, in desk.Action, problems []desk.Problem, extra []string, at string, loc *time.Location) error {
	if err := policyFields(&in.Fields, extra); err != nil {
		return err
	}
	if at != "" {
		t, err := ParseTime(at, loc)
		if err != nil {
			return err
		}
		in.At = t
	}
	if len(problems) > 0 {
		return &desk.ValidationError{Problems: problems}
	}
	if in.Version < 0 {
		return fail(text.CLIGuard.Negative, "--version", in.Version)
	}
	cs, err := app.Desk.Apply(cmd.Context(), app.Actor, in)
	var ce *desk.ConflictError
	if errors.As(err, &ce) && in.Version > 0 { // a version it never had is not a change by someone else
		if cv, verr := app.Desk.CaseView(cmd.Context(), app.Actor, in.Number); verr == nil && in.Version > cv.Case.Version {
			return versionNeverWas(in.Number, in.Version, cv.Case.Version)
		}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%s\t%s\t%s\n", cs.Number, cs.Status, dueText(app, cs))
	return nil
}
