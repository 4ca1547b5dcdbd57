package cli

// The laboratory's commands (regulation 000, the lab policy preset): the appeal's
// flags of `desk cases new`, the re-test procedure's steps, finding cases by
// report number or blind code, station PINs, notices, the station log and
// the registers' export. Every step is an action of the policy; these
// commands only name its fields as flags (`desk cases act NUMBER ACTION
// --field name=value` takes any of them too).

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/safetext"
	"complaintdesk/store"
	"complaintdesk/ui/text"
)

// fieldFlag names a policy field as a flag.
type fieldFlag struct {
	flag, field string
	help        text.T
}

// appealFlags are the appeal's fields on `desk cases new`.
var appealFlags = []fieldFlag{
	{"report", "report", text.CLIHelp.FlagAppealReport},
	{"report-received", "report_received", text.CLIHelp.FlagAppealReceived},
	{"sample", "sample", text.CLIHelp.FlagAppealSample},
	{"grounds", "grounds", text.CLIHelp.FlagAppeal},
}

// labNewFlags adds the appeal's flags to `desk cases new` and returns what
// puts them into the registration.
func labNewFlags(f *pflag.FlagSet, g *globals) func(*desk.Registration) {
	vals := map[string]*string{}
	for _, x := range appealFlags {
		vals[x.field] = f.String(x.flag, "", g.T(x.help))
	}
	return func(r *desk.Registration) {
		for k, v := range vals {
			if *v == "" {
				continue
			}
			if r.Fields == nil {
				r.Fields = map[string]string{}
			}
			r.Fields[k] = *v
		}
	}
}

// labAfterRegister says on standard error when a registered case is late
// under a late rule (an appeal past its window), and what it needs.
func labAfterRegister(app *App, c *store.Case) {
	if len(desk.LateClocks(c)) == 0 {
		return
	}
	late, _ := app.Desk.LateRuleText(c.Nature, c.Fields, c.ReceivedAt, app.Lang)
	if late == "" {
		return
	}
	fmt.Fprintln(app.Env.Stderr, text.CLI.Note.F(app.Lang, safetext.Line(late)))
}

func casesFindCmd(g *globals, env Env) *cobra.Command {
	var reportNo, blind, field, format string
	var limit int
	c := &cobra.Command{
		Use:   "find --report NUMBER | --blind-code CODE | --field NAME=VALUE",
		Short: g.T(text.CLIHelp.CasesFind),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			key, value := "", ""
			switch {
			case reportNo != "":
				key, value = "report", reportNo
			case blind != "":
				key, value = "blind_code", blind
			case field != "":
				k, v, ok := strings.Cut(field, "=")
				if !ok || k == "" {
					return fail(text.CLIError.FieldPair, field)
				}
				key, value = k, v
			default:
				return fail(text.CLIError.GiveFind)
			}
			return g.withApp(cmd, env, func(app *App) error {
				cases, err := app.Desk.FindByField(cmd.Context(), app.Actor, key, value, limit)
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
				return writeCaseTable(env.Stdout, app, views)
			})
		},
	}
	f := c.Flags()
	h := text.CLIHelp
	f.StringVar(&reportNo, "report", "", g.T(h.FlagFindReport))
	f.StringVar(&blind, "blind-code", "", g.T(h.FlagFindBlind))
	f.StringVar(&field, "field", "", g.T(h.FlagFindField))
	f.IntVar(&limit, "limit", 50, g.T(h.FlagLimit))
	f.StringVar(&format, "format", "table", g.T(h.FlagTableJSON))
	return c
}

// usersPinCmd sets a station PIN. The PIN is read without echo from the
// terminal (twice), or as the first line of standard input; it never
// appears in arguments, the shell's history or any log.
func usersPinCmd(g *globals, env Env) *cobra.Command {
	return &cobra.Command{
		Use:   "pin NAME",
		Short: g.T(text.CLIHelp.UsersPin),
		Long:  g.T(text.CLIHelp.UsersPinLong),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return g.withApp(cmd, env, func(app *App) error {
				pin, err := readPIN(env, app.Lang)
				if err != nil {
					return err
				}
				if err := trivialPIN(args[0], pin); err != nil {
					return err
				}
				if err := app.Desk.SetPIN(cmd.Context(), app.Actor, args[0], pin); err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "%s\t%s\n", args[0], text.CLI.PINSet.In(app.Lang))
				return nil
			})
		},
	}
}

// readPIN reads a PIN: from a terminal without echo, twice; otherwise the
// first line of standard input.
func readPIN(env Env, lang string) (string, error) {
	if f, ok := env.Stdin.(*os.File); ok && term.IsTerminal(f.Fd()) {
		fmt.Fprint(env.Stderr, text.CLI.PIN.In(lang))
		a, err := term.ReadPassword(f.Fd())
		fmt.Fprintln(env.Stderr)
		if err != nil {
			return "", err
		}
		fmt.Fprint(env.Stderr, text.CLI.PINAgain.In(lang))
		b, err := term.ReadPassword(f.Fd())
		fmt.Fprintln(env.Stderr)
		if err != nil {
			return "", err
		}
		if string(a) != string(b) {
			return "", fail(text.CLIError.PINsDiffer)
		}
		return string(a), nil
	}
	line, err := bufio.NewReader(env.Stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// noticesCmd lists what the policy told the user's role (notify).
func noticesCmd(g *globals, env Env) *cobra.Command {
	var limit int
	c := &cobra.Command{
		Use:   "notices",
		Short: g.T(text.CLIHelp.Notices),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return g.withApp(cmd, env, func(app *App) error {
				nl, err := app.Desk.Notices(cmd.Context(), app.Actor, limit)
				if err != nil {
					return err
				}
				loc := app.Desk.Location()
				c := text.CLI
				rows := [][]string{{c.ColAt.In(app.Lang), c.ColNumber.In(app.Lang), c.ColAction.In(app.Lang), c.ColBy.In(app.Lang)}}
				for _, n := range nl.Notices {
					rows = append(rows, []string{n.At.In(loc).Format("2006-01-02 15:04"), n.Number,
						safetext.Line(app.Desk.Policy().ActionName(n.Action).In(app.Lang)), safetext.Line(n.Actor)})
				}
				if err := writeAligned(env.Stdout, rows); err != nil {
					return err
				}
				if nl.Count > len(nl.Notices) {
					fmt.Fprintf(env.Stdout, "(%d)\n", nl.Count)
				}
				return nil
			})
		},
	}
	c.Flags().IntVar(&limit, "limit", 50, g.T(text.CLIHelp.FlagHowMany))
	return c
}

// stationCmd is the station's log of who took it over.
func stationCmd(g *globals, env Env) *cobra.Command {
	c := &cobra.Command{Use: "station", Short: g.T(text.CLIHelp.Station)}
	var limit int
	log := &cobra.Command{
		Use:   "log",
		Short: g.T(text.CLIHelp.StationLog),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return g.withApp(cmd, env, func(app *App) error {
				entries, err := app.Desk.StationLog(cmd.Context(), app.Actor, limit)
				if err != nil {
					return err
				}
				loc := app.Desk.Location()
				c, lang := text.CLI, app.Lang
				rows := [][]string{{c.ColAt.In(lang), c.ColFrom.In(lang), c.ColTo.In(lang), c.ColResult.In(lang)}}
				for _, s := range entries {
					res := c.StationOK.In(lang)
					switch {
					case s.Why == whyUnlocked:
						res = text.CLIGuard.Unlocked.In(lang)
					case !s.OK:
						res = c.StationRefused.F(lang, stationWhy(s.Why, lang))
					}
					rows = append(rows, []string{s.At.In(loc).Format("2006-01-02 15:04:05"), safetext.Line(s.From), safetext.Line(s.To), res})
				}
				return writeAligned(env.Stdout, rows)
			})
		},
	}
	log.Flags().IntVar(&limit, "limit", 50, g.T(text.CLIHelp.FlagHowMany))
	c.AddCommand(log)
	return c
}

// withRegisterExport adds `desk export register` to the export command.
func withRegisterExport(c *cobra.Command, g *globals, env Env) *cobra.Command {
	c.AddCommand(exportRegisterCmd(g, env))
	return c
}

func exportRegisterCmd(g *globals, env Env) *cobra.Command {
	var q store.ExportQuery
	var name, out, month, from, to string
	var force bool
	c := &cobra.Command{
		Use:   "register --register appeal|acceptance|feedback|handling-register --out FILE.csv",
		Short: g.T(text.CLIHelp.ExportRegister),
		Long:  g.T(text.CLIHelp.ExportRegisterLong),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "" {
				return fail(text.CLIError.GiveOutCSV)
			}
			return g.withApp(cmd, env, func(app *App) error {
				loc := app.Desk.Location()
				now := app.Desk.Now()
				q.Now, q.DayEnd, q.User = now, app.Desk.DayEnd(now), app.Actor.Name
				var err error
				if q.ReceivedFrom, q.ReceivedTo, err = receivedRange(month, from, to, loc); err != nil {
					return err
				}
				start := time.Now()
				path, n, err := exportTo(app, out, force, func(w io.Writer) (int, error) {
					return app.Desk.ExportRegister(cmd.Context(), app.Actor, name, q, w)
				})
				if err != nil || path == "" {
					return err
				}
				fmt.Fprintf(env.Stdout, "%s\t%d %s\t%s\n", path, n, text.CLI.Rows.In(app.Lang), time.Since(start).Round(time.Millisecond))
				return nil
			})
		},
	}
	f := c.Flags()
	h := text.CLIHelp
	f.StringVar(&name, "register", "appeal", g.T(h.FlagRegister))
	f.StringVar(&out, "out", "", g.T(h.FlagRegisterOut))
	forceFlag(g, f, &force)
	f.StringVar(&month, "month", "", g.T(h.FlagMonthOnly))
	f.StringVar(&from, "received-from", "", g.T(h.FlagReceivedFrom))
	f.StringVar(&to, "received-to", "", g.T(h.FlagReceivedTo))
	f.StringVar(&q.Status, "status", "", g.T(h.FlagStatus))
	f.StringVar(&q.Category, "category", "", g.T(h.FlagCategoryOnly))
	return c
}

// stationWhy is why the station log refused a hand-over, in lang (the log
// keeps the desk's English word).
func stationWhy(why, lang string) string {
	if t, ok := map[string]text.T{
		"wrong PIN": text.CLIGuard.WhyWrongPIN, "locked": text.CLIGuard.WhyLocked,
		"no such user with a PIN": text.CLIGuard.WhyNoPIN,
	}[why]; ok {
		return t.In(lang)
	}
	return safetext.Line(why)
}
