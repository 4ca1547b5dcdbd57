package cli

// The laboratory's commands (seed 000, the lab policy preset): the appeal's
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
	"path/filepath"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/safetext"
	"complaintdesk/store"
)

// fieldFlag names a policy field as a flag.
type fieldFlag struct{ flag, field, help string }

// appealFlags are the appeal's fields on `desk cases new`.
var appealFlags = []fieldFlag{
	{"report", "report", "lab appeal: the test report appealed against, e.g. R2026-0101"},
	{"report-received", "report_received", "lab appeal: the day the customer received the report, e.g. 2026-11-10"},
	{"sample", "sample", "lab appeal: the sample's name and number"},
	{"grounds", "grounds", "lab appeal: the grounds and evidence"},
}

// labNewFlags adds the appeal's flags to `desk cases new` and returns what
// puts them into the registration.
func labNewFlags(f *pflag.FlagSet) func(*desk.Registration) {
	vals := map[string]*string{}
	for _, x := range appealFlags {
		vals[x.field] = f.String(x.flag, "", x.help)
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
	text, _ := app.Desk.LateRuleText(c.Nature, c.Fields, c.ReceivedAt, app.Lang)
	if text == "" {
		return
	}
	if app.Lang == "zh" {
		fmt.Fprintln(app.Env.Stderr, "desk: 注意: "+safetext.Line(text))
	} else {
		fmt.Fprintln(app.Env.Stderr, "desk: note: "+safetext.Line(text))
	}
}

func casesFindCmd(g *globals, env Env) *cobra.Command {
	var reportNo, blind, field, format string
	var limit int
	c := &cobra.Command{
		Use:   "find --report NUMBER | --blind-code CODE | --field NAME=VALUE",
		Short: "Find the cases with a policy field's value: the appeals against a report, the re-test of a blind code",
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
					return fmt.Errorf("--field %q: write it as name=value", field)
				}
				key, value = k, v
			default:
				return errors.New("give --report, --blind-code or --field NAME=VALUE")
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
	f.StringVar(&reportNo, "report", "", "the test report's number")
	f.StringVar(&blind, "blind-code", "", "the re-test sample's blind code")
	f.StringVar(&field, "field", "", "any policy field: name=value")
	f.IntVar(&limit, "limit", 50, "how many cases")
	f.StringVar(&format, "format", "table", "table or json")
	return c
}

// usersPinCmd sets a station PIN. The PIN is read without echo from the
// terminal (twice), or as the first line of standard input; it never
// appears in arguments, the shell's history or any log.
func usersPinCmd(g *globals, env Env) *cobra.Command {
	return &cobra.Command{
		Use:   "pin NAME",
		Short: "Set a user's station PIN or password (read from the terminal, or the first line of standard input); kept only as a salted hash",
		Long: "The station switches the acting user (reception, quality manager, signatory) with this PIN: in the\n" +
			"terminal press U (or F2) and type it. Administrators set anyone's PIN, users their own.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return g.withApp(cmd, env, func(app *App) error {
				pin, err := readPIN(env, app.Lang)
				if err != nil {
					return err
				}
				if err := app.Desk.SetPIN(cmd.Context(), app.Actor, args[0], pin); err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "%s\t%s\n", args[0], tr(app.Lang, "PIN 已设置", "PIN set"))
				return nil
			})
		},
	}
}

func tr(lang, zh, en string) string {
	if lang == "zh" {
		return zh
	}
	return en
}

// readPIN reads a PIN: from a terminal without echo, twice; otherwise the
// first line of standard input.
func readPIN(env Env, lang string) (string, error) {
	if f, ok := env.Stdin.(*os.File); ok && term.IsTerminal(f.Fd()) {
		fmt.Fprint(env.Stderr, tr(lang, "PIN：", "PIN: "))
		a, err := term.ReadPassword(f.Fd())
		fmt.Fprintln(env.Stderr)
		if err != nil {
			return "", err
		}
		fmt.Fprint(env.Stderr, tr(lang, "再输一次：", "Again: "))
		b, err := term.ReadPassword(f.Fd())
		fmt.Fprintln(env.Stderr)
		if err != nil {
			return "", err
		}
		if string(a) != string(b) {
			return "", errors.New(tr(lang, "两次输入的 PIN 不一致", "the two PINs differ"))
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
		Short: "List the unread notices of your role (e.g. appeals accepted, for the quality manager); opening a case reads its notices",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return g.withApp(cmd, env, func(app *App) error {
				nl, err := app.Desk.Notices(cmd.Context(), app.Actor, limit)
				if err != nil {
					return err
				}
				loc := app.Desk.Location()
				rows := [][]string{{"AT", "NUMBER", "ACTION", "BY"}}
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
	c.Flags().IntVar(&limit, "limit", 50, "how many")
	return c
}

// stationCmd is the station's log of who took it over.
func stationCmd(g *globals, env Env) *cobra.Command {
	c := &cobra.Command{Use: "station", Short: "The single station: who took it over, when (never the PIN)"}
	var limit int
	log := &cobra.Command{
		Use:   "log",
		Short: "List the latest attempts to switch the station's user (administrators and supervisors)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return g.withApp(cmd, env, func(app *App) error {
				entries, err := app.Desk.StationLog(cmd.Context(), app.Actor, limit)
				if err != nil {
					return err
				}
				loc := app.Desk.Location()
				rows := [][]string{{"AT", "FROM", "TO", "RESULT"}}
				for _, s := range entries {
					res := "ok"
					if !s.OK {
						res = "refused: " + s.Why
					}
					rows = append(rows, []string{s.At.In(loc).Format("2006-01-02 15:04:05"), safetext.Line(s.From), safetext.Line(s.To), res})
				}
				return writeAligned(env.Stdout, rows)
			})
		},
	}
	log.Flags().IntVar(&limit, "limit", 50, "how many")
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
	c := &cobra.Command{
		Use:   "register --register appeal|acceptance|feedback --out FILE.csv",
		Short: "Export a laboratory register (抱怨申述登记表, 抱怨受理登记表, 投诉处理结果客户反馈登记表) as CSV for the archive",
		Long: "Writes a row per case that belongs in the register (every filed appeal; the accepted ones; those with the\n" +
			"customer's feedback), in case-number order, as CSV in UTF-8 with a BOM. The cases are streamed. Names and\n" +
			"phones are masked for roles that see them masked.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "" {
				return errors.New("give --out FILE.csv (or --out - for standard output)")
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
				if out == "-" {
					_, err := app.Desk.ExportRegister(cmd.Context(), app.Actor, name, q, env.Stdout)
					return err
				}
				path, err := filepath.Abs(out)
				if err != nil {
					return err
				}
				var n int
				err = desk.WriteFileAtomic(path, func(w io.Writer) error {
					var err error
					n, err = app.Desk.ExportRegister(cmd.Context(), app.Actor, name, q, w)
					return err
				})
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "%s\t%d %s\t%s\n", path, n, tr(app.Lang, "行", "rows"), time.Since(start).Round(time.Millisecond))
				return nil
			})
		},
	}
	f := c.Flags()
	f.StringVar(&name, "register", "appeal", "appeal (抱怨申述登记表), acceptance (抱怨受理登记表) or feedback (投诉处理结果客户反馈登记表)")
	f.StringVar(&out, "out", "", "the CSV file to write (- for standard output)")
	f.StringVar(&month, "month", "", "only cases received in this month, YYYY-MM")
	f.StringVar(&from, "received-from", "", "only cases received at or after this time")
	f.StringVar(&to, "received-to", "", "only cases received before this time")
	f.StringVar(&q.Status, "status", "", "only this status")
	f.StringVar(&q.Category, "category", "", "only this category")
	return c
}
