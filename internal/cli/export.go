package cli

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/report"
	"complaintdesk/store"
	"complaintdesk/ui/text"
)

func exportCmd(g *globals, env Env) *cobra.Command {
	c := &cobra.Command{Use: "export", Short: g.T(text.CLIHelp.Export)}
	c.AddCommand(exportCasesCmd(g, env))
	return c
}

func exportCasesCmd(g *globals, env Env) *cobra.Command {
	var q store.ExportQuery
	var format, out, tab, month, from, to string
	var force bool
	c := &cobra.Command{
		Use:   "cases [filters] --format csv|xlsx|json --out FILE",
		Short: g.T(text.CLIHelp.ExportCases),
		Long:  g.T(text.CLIHelp.ExportCasesLong),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "" {
				return fail(text.CLIError.GiveOutFile)
			}
			fmtName, err := formatFor(format, out, "", report.ExportFormats)
			if err != nil {
				return err
			}
			if env.LowerPriority != nil {
				env.LowerPriority(exportNice)
			}
			return g.withApp(cmd, env, func(app *App) error {
				loc := app.Desk.Location()
				now := app.Desk.Now()
				q.Now, q.DayEnd, q.User = now, app.Desk.DayEnd(now), app.Actor.Name
				if err := checkFilters(app, &q.Query); err != nil {
					return err
				}
				if q.Tab, err = parseTab(tab); err != nil {
					return err
				}
				if id := app.Desk.Policy().DepartmentID(q.Department); id != "" {
					q.Department = id
				}
				if q.ReceivedFrom, q.ReceivedTo, err = receivedRange(month, from, to, loc); err != nil {
					return err
				}
				start := time.Now()
				path, n, err := exportTo(app, out, force, func(w io.Writer) (int, error) {
					return app.Desk.ExportCases(cmd.Context(), app.Actor, q, w, fmtName, app.Lang)
				})
				if err != nil || path == "" {
					return err
				}
				st, _ := os.Stat(path)
				size := int64(0)
				if st != nil {
					size = st.Size()
				}
				fmt.Fprintf(env.Stdout, "%s\t%d %s\t%s\t%s\n", path, n, text.CLI.Cases.In(app.Lang), humanBytes(size), time.Since(start).Round(time.Millisecond))
				return nil
			})
		},
	}
	f := c.Flags()
	h := text.CLIHelp
	f.StringVar(&format, "format", "", g.T(h.FlagExportFormat))
	f.StringVar(&out, "out", "", g.T(h.FlagExportOut))
	forceFlag(g, f, &force)
	f.StringVar(&tab, "tab", "all", g.T(h.FlagTab))
	queueFilterFlags(g, f, &q.Query)
	f.StringVar(&month, "month", "", g.T(h.FlagMonthOnly))
	f.StringVar(&from, "received-from", "", g.T(h.FlagReceivedFrom))
	f.StringVar(&to, "received-to", "", g.T(h.FlagReceivedTo))
	return c
}

// exportNice is the CPU priority of `desk export` (see LowerPriority).
const exportNice = 10

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// receivedRange is the receipt window of an export: --month, narrowed or
// replaced by --received-from / --received-to.
func receivedRange(month, from, to string, loc *time.Location) (start, end time.Time, err error) {
	if month != "" {
		m, err := report.ParseMonth(month)
		if err != nil {
			return start, end, err
		}
		start, end = m.Bounds(loc)
	}
	if from != "" {
		if start, err = ParseTime(from, loc); err != nil {
			return start, end, err
		}
	}
	if to != "" {
		if end, err = ParseTime(to, loc); err != nil {
			return start, end, err
		}
	}
	return start, end, nil
}

// exportTo writes an export to standard output (out "-": path is then
// empty) or to the file out (App.outPath), whole or not at all (desk.WriteFileAtomic),
// and gives its absolute path and how many rows write wrote.
func exportTo(app *App, out string, force bool, write func(io.Writer) (int, error)) (path string, n int, err error) {
	if out == "-" {
		_, err := write(app.Env.Stdout)
		return "", 0, err
	}
	if path, err = app.outPath(out, force); err != nil {
		return "", 0, err
	}
	err = desk.WriteFileAtomic(path, func(w io.Writer) error {
		var err error
		n, err = write(w)
		return err
	})
	return path, n, err
}
