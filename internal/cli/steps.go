package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/desk/actions"
	"complaintdesk/internal/policy"
)

// The `desk cases STEP NUMBER [flags]` commands are made from the registry
// of steps (internal/desk/actions) under the policy in force: one command
// per step the policy uses, the desk's own and the policy's own (the gsp
// preset's forward, the lab's retest), each with a flag per field.

// stepCmds are the commands of every step of the policy.
func stepCmds(g *globals, env Env, p *policy.Policy, lang string) []*cobra.Command {
	var out []*cobra.Command
	for _, d := range actions.All(p) {
		out = append(out, stepCmd(g, env, p, d, lang))
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

func stepCmd(g *globals, env Env, p *policy.Policy, d *actions.Def, lang string) *cobra.Command {
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
		Short:   d.Help.In(lang),
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
							return fmt.Errorf("--on/--off %q: %s has no such tick", id, d.CommandName())
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
						problems = append(problems, desk.Problem{Field: "check_" + id, ZH: "检查项 " + id + " 不在政策的质检清单中", EN: "item " + id + " is not on the policy's checklist"})
						continue
					}
					set(f, v)
				}
				for _, kv := range extra {
					k, v, ok := strings.Cut(kv, "=")
					if !ok || k == "" {
						return fmt.Errorf("--field %q: write it as name=value", kv)
					}
					if in.Fields == nil {
						in.Fields = map[string]string{}
					}
					in.Fields[k] = v
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
				cs, err := app.Desk.Apply(cmd.Context(), app.Actor, in)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "%s\t%s\t%s\n", cs.Number, cs.Status, dueText(app, cs))
				return nil
			})
		},
	}
	fl := c.Flags()
	fl.StringVar(&at, "at", "", tr(lang, "发生的时间（默认现在），例如 \"2026-11-22 09:30\"", "when it happened (default now), e.g. \"2026-11-22 09:30\""))
	fl.Int64Var(&version, "version", 0, tr(lang, "仅当投诉单仍是此版本时执行（见 cases show）", "refuse unless the case is still at this version (as shown by cases show)"))
	hasTicks, hasItems := false, false
	for i := range fields {
		f := &fields[i]
		name := f.FlagName()
		if fl.Lookup(name) != nil { // a policy field named like a common one
			name = strings.ReplaceAll(f.ID, "_", "-")
			f.Flag = name
		}
		help := flagHelp(f, lang)
		hasItems = hasItems || strings.HasPrefix(f.ID, "check_")
		if f.Kind == actions.Yes {
			ticks[i] = fl.Bool(name, false, help)
			hasTicks = true
			continue
		}
		vals[i] = fl.String(name, "", help)
	}
	if hasTicks {
		fl.StringArrayVar(&on, "on", nil, tr(lang, "勾选一项（可重复）", "tick one (repeatable)")+": "+tickIDs(fields))
		fl.StringArrayVar(&off, "off", nil, tr(lang, "取消一项（可重复）", "untick one (repeatable)"))
	}
	if hasItems {
		fl.StringArrayVar(&items, "item", nil, tr(lang, "检查项 编号=pass|fail（可重复）", "a checklist item ID=pass|fail (repeatable)"))
	}
	fl.StringArrayVar(&extra, "field", nil, tr(lang, "其他字段 name=value（可重复）", "another field name=value (repeatable)"))
	return c
}

// flagHelp is a field's label and hint as its flag's help.
func flagHelp(f *actions.Field, lang string) string {
	h := f.Label.In(lang)
	if hint := f.Hint.In(lang); hint != "" && hint != h {
		h += tr(lang, "：", ": ") + hint
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
	&actions.Agreement, &actions.Satisfaction}

// actCmd takes any step by name: desk cases act NUMBER STEP [flags].
func actCmd(g *globals, env Env, lang string) *cobra.Command {
	var at string
	var version int64
	var extra []string
	vals := make([]*string, len(actFields))
	c := &cobra.Command{
		Use:   "act NUMBER STEP",
		Short: tr(lang, "执行政策中的任一操作：desk cases act 编号 操作 [--field 名=值]", "Take any step of the policy: desk cases act NUMBER STEP [--field name=value]"),
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
				for _, kv := range extra {
					k, v, ok := strings.Cut(kv, "=")
					if !ok || k == "" {
						return fmt.Errorf("--field %q: write it as name=value", kv)
					}
					if in.Fields == nil {
						in.Fields = map[string]string{}
					}
					in.Fields[k] = v
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
				cs, err := app.Desk.Apply(cmd.Context(), app.Actor, in)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "%s\t%s\t%s\n", cs.Number, cs.Status, dueText(app, cs))
				return nil
			})
		},
	}
	fl := c.Flags()
	fl.StringVar(&at, "at", "", tr(lang, "发生的时间（默认现在）", "when it happened (default now)"))
	fl.Int64Var(&version, "version", 0, tr(lang, "仅当投诉单仍是此版本时执行", "refuse unless the case is still at this version"))
	for i, f := range actFields {
		vals[i] = fl.String(f.FlagName(), "", flagHelp(f, lang))
	}
	fl.StringArrayVar(&extra, "field", nil, tr(lang, "政策字段 name=value（可重复）", "a policy field name=value (repeatable)"))
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
