package cli

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"complaintdesk/internal/calendar"
	"complaintdesk/internal/deadline"
	"complaintdesk/internal/desk"
	"complaintdesk/internal/policy"
	"complaintdesk/internal/safetext"
	"complaintdesk/store"
	"complaintdesk/ui/text"
)

func deadlineCmd(g *globals, env Env) *cobra.Command {
	var received, grade, channel, nature string
	c := &cobra.Command{
		Use:   "deadline --received TIME --grade G [--channel C] [--nature N]",
		Short: g.T(text.CLIHelp.Deadline),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return g.withApp(cmd, env, func(app *App) error {
				p := app.Desk.Policy()
				loc := app.Desk.Location()
				if received == "" {
					return fail(text.CLIError.GiveReceived)
				}
				t, err := ParseTime(received, loc)
				if err != nil {
					return err
				}
				if grade != "" && p.Grade(grade) == nil {
					return fail(text.CLIError.UnknownGrade, grade)
				}
				if channel == "" {
					channel = p.DefaultChannel
				}
				if p.Channel(channel) == nil {
					return fail(text.CLIError.UnknownChannel, channel)
				}
				if nature == "" && len(p.Natures) > 0 {
					nature = p.Natures[0].ID
				}
				eng := app.Desk.Engine()
				facts := deadline.Facts{ReceivedAt: t, Grade: grade, Channel: channel, Nature: nature}
				for _, pc := range p.ClocksFor(grade, channel, nature) {
					start := t
					startNote := ""
					switch pc.Start {
					case "closed":
						startNote = text.CLI.AfterClosure.In(app.Lang)
					case "report_received":
						startNote = text.CLI.AfterReport.In(app.Lang)
					}
					due, warning := eng.Due(pc, start)
					ck := deadline.Clock{ID: pc.ID, Unit: pc.Unit, Due: due}
					line := fmt.Sprintf("%-16s %s\t%s", pc.ID, deadline.FormatDue(ck, loc), allowance(pc, app.Lang))
					if startNote != "" {
						line += " " + startNote + text.CLI.IfThatWere.F(app.Lang, t.In(loc).Format("2006-01-02 15:04"))
					}
					line += "\t" + pc.Label.In(app.Lang)
					if warning != "" {
						line += "\t" + text.CLI.Warning.F(app.Lang, estimatedText(app, start, due, warning))
					}
					fmt.Fprintln(env.Stdout, line)
				}
				_ = facts
				return nil
			})
		},
	}
	f := c.Flags()
	f.StringVar(&received, "received", "", g.T(text.CLIHelp.FlagDeadlineReceived))
	f.StringVar(&grade, "grade", "", g.T(text.CLIHelp.FlagDeadlineGrade))
	f.StringVar(&channel, "channel", "", g.T(text.CLIHelp.FlagDeadlineChannel))
	f.StringVar(&nature, "nature", "", g.T(text.CLIHelp.FlagDeadlineNature))
	return c
}

func parseDate(s string) (time.Time, error) {
	t, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(s), time.UTC)
	if err != nil {
		return time.Time{}, fail(text.CLIError.NotADate, s)
	}
	return t, nil
}

func calendarCmd(g *globals, env Env) *cobra.Command {
	c := &cobra.Command{Use: "calendar", Short: g.T(text.CLIHelp.Calendar),
		// every calendar command says when a year's schedule is missing
		PersistentPostRunE: func(cmd *cobra.Command, _ []string) error {
			return g.withApp(cmd, env, func(app *App) error {
				if t := app.Desk.CalendarGapText(app.Desk.Now(), app.Lang); t != "" {
					fmt.Fprintln(env.Stderr, "desk: "+t)
				}
				return nil
			})
		}}
	check := &cobra.Command{
		Use:   "check DATE",
		Short: g.T(text.CLIHelp.CalendarCheck),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return g.withApp(cmd, env, func(app *App) error {
				d, err := parseDate(args[0])
				if err != nil {
					return err
				}
				day, err := app.Desk.Calendar().Day(d)
				if err != nil {
					return err
				}
				name := day.Holiday
				if app.Lang != "zh" && day.HolidayEN != "" {
					name = day.HolidayEN
				}
				// The kind's id first, in every language (scripts read it),
				// then what it is called and the holiday's name.
				parts := []string{day.Kind.String()}
				if label := dayKind(day.Kind, app.Lang); label != parts[0] {
					parts = append(parts, label)
				}
				if name != "" {
					parts = append(parts, name)
				}
				fmt.Fprintln(env.Stdout, safetext.Line(strings.Join(parts, " ")))
				return nil
			})
		},
	}
	add := &cobra.Command{
		Use:   "add-workdays DATE N",
		Short: g.T(text.CLIHelp.CalendarAddWorkdays),
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return g.withApp(cmd, env, func(app *App) error {
				d, err := parseDate(args[0])
				if err != nil {
					return err
				}
				n, err := strconv.Atoi(args[1])
				if err != nil || n < 1 {
					return fail(text.CLIError.BadN, args[1])
				}
				out, err := app.Desk.Calendar().AddWorkdays(d, n)
				if err != nil {
					return err
				}
				fmt.Fprintln(env.Stdout, out.Format("2006-01-02"))
				return nil
			})
		},
	}
	show := &cobra.Command{
		Use:   "show YYYY-MM",
		Short: g.T(text.CLIHelp.CalendarShow),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return g.withApp(cmd, env, func(app *App) error {
				m, err := time.Parse("2006-01", args[0])
				if err != nil {
					return fail(text.CLIError.NotAMonth, args[0])
				}
				text, err := app.Desk.Calendar().Month(m.Year(), m.Month(), app.Lang)
				if err != nil {
					return err
				}
				fmt.Fprint(env.Stdout, text)
				if !strings.HasSuffix(text, "\n") {
					fmt.Fprintln(env.Stdout)
				}
				return nil
			})
		},
	}
	load := &cobra.Command{
		Use:   "load FILE",
		Short: g.T(text.CLIHelp.CalendarLoad),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return g.withApp(cmd, env, func(app *App) error {
				if err := requireAdmin(app); err != nil {
					return err
				}
				data, err := os.ReadFile(args[0])
				if err != nil {
					return err
				}
				y, err := calendar.ParseYear(data)
				if err != nil {
					return fmt.Errorf("%s: %w", args[0], err)
				}
				for _, h := range y.Holidays { // the names are shown on every terminal
					for _, name := range []string{h.Name, h.EN} {
						if r, pos, bad := safetext.Unsafe(name); bad {
							return fail(text.CLIGuard.ControlInName, args[0], safetext.Line(name), pos, r)
						}
					}
				}
				if err := app.Desk.LoadCalendarYear(cmd.Context(), app.Actor, y); err != nil {
					return err
				}
				fmt.Fprint(env.Stdout, text.CLI.CalendarLoaded.F(app.Lang, y.Year, len(y.Holidays)))
				return nil
			})
		},
	}
	years := &cobra.Command{
		Use:   "years",
		Short: g.T(text.CLIHelp.CalendarYears),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return g.withApp(cmd, env, func(app *App) error {
				for _, y := range app.Desk.Calendar().Years() {
					fmt.Fprintln(env.Stdout, y)
				}
				return nil
			})
		},
	}
	c.AddCommand(check, add, show, load, years)
	return c
}

func requireAdmin(app *App) error {
	if app.Actor.Role != "admin" {
		return fail(text.CLIError.OnlyAdmin, safetext.Line(app.Actor.Name), roleName(app, app.Actor.Role))
	}
	return nil
}

// roleName is a role's name in the user's language (its id when the
// policy has no such role), fit for the terminal.
func roleName(app *App, id string) string {
	if r := app.Desk.Policy().Role(id); r != nil {
		if l := r.Label.In(app.Lang); l != "" {
			return safetext.Line(l)
		}
	}
	return safetext.Line(id)
}

func policyCmd(g *globals, env Env) *cobra.Command {
	c := &cobra.Command{Use: "policy", Short: g.T(text.CLIHelp.Policy)}
	var preset string
	show := &cobra.Command{
		Use:   "show",
		Short: g.T(text.CLIHelp.PolicyShow),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if preset != "" {
				p, err := policy.Preset(preset)
				if err != nil {
					return err
				}
				fmt.Fprint(env.Stdout, p.Text())
				return nil
			}
			return g.withApp(cmd, env, func(app *App) error {
				fmt.Fprint(env.Stdout, app.Desk.Policy().Text())
				return nil
			})
		},
	}
	show.Flags().StringVar(&preset, "preset", "", g.F(text.CLIHelp.FlagPreset, strings.Join(policy.PresetNames(), ", ")))
	check := &cobra.Command{
		Use:   "check FILE",
		Short: g.T(text.CLIHelp.PolicyCheck),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := policy.LoadFile(args[0])
			if err != nil {
				return err
			}
			fmt.Fprint(env.Stdout, g.F(text.CLI.PolicyOK, args[0], p.Name, len(p.Categories), len(p.Clocks), len(p.Transitions)))
			return nil
		},
	}
	load := &cobra.Command{
		Use:   "load FILE",
		Short: g.T(text.CLIHelp.PolicyLoad),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := policy.LoadFile(args[0])
			if err != nil {
				return err
			}
			return g.withApp(cmd, env, func(app *App) error {
				if err := requireAdmin(app); err != nil {
					return err
				}
				if err := app.Desk.LoadPolicy(cmd.Context(), app.Actor, p); err != nil {
					return err
				}
				fmt.Fprint(env.Stdout, text.CLI.PolicyLoaded.F(app.Lang, p.Name))
				return nil
			})
		},
	}
	c.AddCommand(show, check, load)
	return c
}

func usersCmd(g *globals, env Env) *cobra.Command {
	c := &cobra.Command{Use: "users", Short: g.T(text.CLIHelp.Users)}
	var role, osUser, lang, key, keyFile string
	add := &cobra.Command{
		Use:   "add NAME --role ROLE [--os-user LOGIN] [--key \"ssh-ed25519 ...\" | --key-file FILE]",
		Short: g.T(text.CLIHelp.UsersAdd),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			keyText, err := readKeys(env, key, keyFile)
			if err != nil {
				return err
			}
			return g.withApp(cmd, env, func(app *App) error {
				if err := requireAdmin(app); err != nil {
					return err
				}
				if role == "" {
					return fail(text.CLIError.GiveRole, roleIDs(app.Desk.Policy()))
				}
				if app.Desk.Policy().Role(role) == nil {
					return fail(text.CLIGuard.UnknownRole, role, roleIDs(app.Desk.Policy()))
				}
				if keyText != "" {
					if err := checkKeys(cmd.Context(), app, args[0], keyText); err != nil {
						return err
					}
				}
				u := store.User{Name: args[0], Role: role, OSLogin: osUser, Lang: lang}
				if keyText != "" {
					keys, err := app.Desk.AddUserWithKeys(cmd.Context(), app.Actor, u, keyText)
					if err != nil {
						return err
					}
					fmt.Fprintf(env.Stdout, "%s\t%s\n", args[0], role)
					writeKeys(env, keys)
					return nil
				}
				from, err := app.Desk.AddUserMovingLogin(cmd.Context(), u)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "%s\t%s\n", args[0], role)
				if from != "" {
					fmt.Fprintln(env.Stderr, desk.MovedLogin(osUser, from, args[0], app.Lang))
				}
				return nil
			})
		},
	}
	add.Flags().StringVar(&role, "role", "", g.T(text.CLIHelp.FlagRole))
	add.Flags().StringVar(&osUser, "os-user", "", g.T(text.CLIHelp.FlagOSUser))
	add.Flags().StringVar(&lang, "user-lang", "", g.T(text.CLIHelp.FlagUserLang))
	add.Flags().StringVar(&key, "key", "", g.T(text.CLIHelp.FlagSSHKey))
	add.Flags().StringVar(&keyFile, "key-file", "", g.T(text.CLIHelp.FlagKeyFile))
	list := &cobra.Command{
		Use:   "list",
		Short: g.T(text.CLIHelp.UsersList),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return g.withApp(cmd, env, func(app *App) error {
				users, err := app.Desk.Users(cmd.Context())
				if err != nil {
					return err
				}
				keys, err := app.Desk.Keys(cmd.Context(), "")
				if err != nil {
					return err
				}
				nkeys := map[string]int{}
				for _, k := range keys {
					nkeys[k.User]++
				}
				c, lang := text.CLI, app.Lang
				rows := [][]string{{c.ColUser.In(lang), c.ColRole.In(lang), c.ColOSUser.In(lang), c.ColState.In(lang), c.ColKeys.In(lang)}}
				for _, u := range users {
					state := c.Active.In(lang)
					if u.Disabled {
						state = c.Disabled.In(lang)
					}
					rows = append(rows, []string{u.Name, u.Role, u.OSLogin, state, fmt.Sprint(nkeys[u.Name])})
				}
				return writeAligned(env.Stdout, rows)
			})
		},
	}
	disable := &cobra.Command{
		Use:   "disable NAME",
		Short: g.T(text.CLIHelp.UsersDisable),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return g.withApp(cmd, env, func(app *App) error {
				if err := requireAdmin(app); err != nil {
					return err
				}
				return app.Desk.DisableUser(cmd.Context(), args[0])
			})
		},
	}
	c.AddCommand(add, list, disable, usersKeysCmd(g, env), usersPinCmd(g, env), usersUnlockCmd(g, env)) // station.go
	return c
}

// allowance is a clock's time as the policy gives it: "24 hours", "20 workdays".
func allowance(pc policy.Clock, lang string) string {
	switch pc.Unit {
	case "hours":
		return text.CLI.Hours.F(lang, pc.Amount)
	case "days":
		return text.CLI.Days.F(lang, pc.Amount)
	case "workdays":
		return text.CLI.Workdays.F(lang, pc.Amount)
	}
	return fmt.Sprintf("%d %s", pc.Amount, pc.Unit)
}

// dayKind is a kind of day as calendar check prints it: workday,
// makeup-workday, weekend or holiday; in Chinese by name.
func dayKind(k calendar.Kind, lang string) string {
	c := text.CLI
	switch k {
	case calendar.Workday:
		return c.Workday.In(lang)
	case calendar.MakeupWorkday:
		return c.MakeupWorkday.In(lang)
	case calendar.Weekend:
		return c.Weekend.In(lang)
	case calendar.Holiday:
		return c.Holiday.In(lang)
	}
	return k.String()
}

func roleIDs(p *policy.Policy) string {
	ids := make([]string, len(p.Roles))
	for i, r := range p.Roles {
		ids[i] = r.ID
	}
	return strings.Join(ids, ", ")
}

// estimatedText is the deadline's warning that a year's calendar is
// missing, in the language (the deadline engine says it in English).
func estimatedText(app *App, from, to time.Time, warning string) string {
	loaded := app.Desk.Calendar().Years()
	var missing []string
	for y := from.In(app.Desk.Location()).Year(); y <= to.In(app.Desk.Location()).Year(); y++ {
		if !slices.Contains(loaded, y) {
			missing = append(missing, strconv.Itoa(y))
		}
	}
	if len(missing) == 0 {
		return warning
	}
	return text.CLIGuard.Estimated.F(app.Lang, strings.Join(missing, ", "))
}
