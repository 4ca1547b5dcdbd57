package cli

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"complaintdesk/internal/calendar"
	"complaintdesk/internal/deadline"
	"complaintdesk/internal/desk"
	"complaintdesk/internal/policy"
	"complaintdesk/store"
)

func deadlineCmd(g *globals, env Env) *cobra.Command {
	var received, grade, channel, nature string
	c := &cobra.Command{
		Use:   "deadline --received TIME --grade G [--channel C] [--nature N]",
		Short: "Print every clock of a case received at TIME and its due time",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return g.withApp(cmd, env, func(app *App) error {
				p := app.Desk.Policy()
				loc := app.Desk.Location()
				if received == "" {
					return fmt.Errorf("give --received, e.g. \"2026-09-25 10:00\"")
				}
				t, err := ParseTime(received, loc)
				if err != nil {
					return err
				}
				if grade != "" && p.Grade(grade) == nil {
					return fmt.Errorf("unknown grade %q", grade)
				}
				if channel == "" {
					channel = p.DefaultChannel
				}
				if p.Channel(channel) == nil {
					return fmt.Errorf("unknown channel %q", channel)
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
						startNote = "after closure"
					case "report_received":
						startNote = "after the report was received"
					}
					due, warning := eng.Due(pc, start)
					ck := deadline.Clock{ID: pc.ID, Unit: pc.Unit, Due: due}
					line := fmt.Sprintf("%-16s %s\t%d %s", pc.ID, deadline.FormatDue(ck, loc), pc.Amount, pc.Unit)
					if startNote != "" {
						line = fmt.Sprintf("%-16s %s\t%d %s %s (if that were %s)", pc.ID, deadline.FormatDue(ck, loc), pc.Amount, pc.Unit, startNote, t.In(loc).Format("2006-01-02 15:04"))
					}
					line += "\t" + pc.Label.In(app.Lang)
					if warning != "" {
						line += "\tWARNING: " + warning
					}
					fmt.Fprintln(env.Stdout, line)
				}
				_ = facts
				return nil
			})
		},
	}
	f := c.Flags()
	f.StringVar(&received, "received", "", "when the complaint was received, e.g. \"2026-09-25 10:00\"")
	f.StringVar(&grade, "grade", "", "grade A-D")
	f.StringVar(&channel, "channel", "", "channel (web, email and social have the online acceptance clock)")
	f.StringVar(&nature, "nature", "", "nature")
	return c
}

func parseDate(s string) (time.Time, error) {
	t, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(s), time.UTC)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date: write it as 2026-10-01", s)
	}
	return t, nil
}

func calendarCmd(g *globals, env Env) *cobra.Command {
	c := &cobra.Command{Use: "calendar", Short: "The official working-day calendar (holidays and make-up working days)",
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
		Short: "Print workday, makeup-workday, weekend or holiday (and the holiday's name)",
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
				if name != "" {
					fmt.Fprintf(env.Stdout, "%s %s\n", day.Kind, name)
				} else {
					fmt.Fprintln(env.Stdout, day.Kind)
				}
				return nil
			})
		},
	}
	add := &cobra.Command{
		Use:   "add-workdays DATE N",
		Short: "Print the N-th working day after DATE (DATE itself is not counted)",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return g.withApp(cmd, env, func(app *App) error {
				d, err := parseDate(args[0])
				if err != nil {
					return err
				}
				n, err := strconv.Atoi(args[1])
				if err != nil || n < 1 {
					return fmt.Errorf("N must be a whole number of at least 1, not %q", args[1])
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
		Short: "Print the month with holidays (休) and make-up working days (班) marked",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return g.withApp(cmd, env, func(app *App) error {
				m, err := time.Parse("2006-01", args[0])
				if err != nil {
					return fmt.Errorf("%q is not a month: write it as 2026-10", args[0])
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
		Short: "Load a year's official schedule (administrators); due times are recomputed",
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
				if err := app.Desk.LoadCalendarYear(cmd.Context(), app.Actor, y); err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "loaded %d (%d holidays)\n", y.Year, len(y.Holidays))
				return nil
			})
		},
	}
	years := &cobra.Command{
		Use:   "years",
		Short: "List the years the calendar has data for",
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
		return fmt.Errorf("only an administrator may do this (you are %s, %s)", app.Actor.Name, app.Actor.Role)
	}
	return nil
}

func policyCmd(g *globals, env Env) *cobra.Command {
	c := &cobra.Command{Use: "policy", Short: "The policy: categories, grades, clocks, transitions, roles"}
	var preset string
	show := &cobra.Command{
		Use:   "show",
		Short: "Print the policy in force (or a preset with --preset)",
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
	show.Flags().StringVar(&preset, "preset", "", "print a built-in preset instead: "+strings.Join(policy.PresetNames(), ", "))
	check := &cobra.Command{
		Use:   "check FILE",
		Short: "Check a policy file; problems are printed as FILE:LINE: reason",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := policy.LoadFile(args[0])
			if err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "%s: ok (%s: %d categories, %d clocks, %d transitions)\n", args[0], p.Name, len(p.Categories), len(p.Clocks), len(p.Transitions))
			return nil
		},
	}
	load := &cobra.Command{
		Use:   "load FILE",
		Short: "Check and install a policy (administrators); a bad file is refused and the old policy stays",
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
				fmt.Fprintf(env.Stdout, "loaded %s\n", p.Name)
				return nil
			})
		},
	}
	c.AddCommand(show, check, load)
	return c
}

func usersCmd(g *globals, env Env) *cobra.Command {
	c := &cobra.Command{Use: "users", Short: "Desk users and their roles"}
	var role, osUser, lang, key, keyFile string
	add := &cobra.Command{
		Use:   "add NAME --role ROLE [--os-user LOGIN] [--key \"ssh-ed25519 ...\" | --key-file FILE]",
		Short: "Add or change a user (administrators)",
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
					return fmt.Errorf("give --role (%s)", roleIDs(app.Desk.Policy()))
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
	add.Flags().StringVar(&role, "role", "", "the user's role")
	add.Flags().StringVar(&osUser, "os-user", "", "the OS account that acts as this user at a local terminal")
	add.Flags().StringVar(&lang, "user-lang", "", "the user's UI language (zh or en)")
	add.Flags().StringVar(&key, "key", "", "an SSH public key the user logs in with (desk serve)")
	add.Flags().StringVar(&keyFile, "key-file", "", "a .pub or authorized_keys file of the user's keys (- reads standard input)")
	list := &cobra.Command{
		Use:   "list",
		Short: "List users",
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
				rows := [][]string{{"NAME", "ROLE", "OS USER", "STATE", "KEYS"}}
				for _, u := range users {
					state := "active"
					if u.Disabled {
						state = "disabled"
					}
					rows = append(rows, []string{u.Name, u.Role, u.OSLogin, state, fmt.Sprint(nkeys[u.Name])})
				}
				return writeAligned(env.Stdout, rows)
			})
		},
	}
	disable := &cobra.Command{
		Use:   "disable NAME",
		Short: "Disable a user (administrators); their history stays",
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
	c.AddCommand(add, list, disable, usersKeysCmd(g, env), usersPinCmd(g, env))
	return c
}

func roleIDs(p *policy.Policy) string {
	ids := make([]string, len(p.Roles))
	for i, r := range p.Roles {
		ids[i] = r.ID
	}
	return strings.Join(ids, ", ")
}
