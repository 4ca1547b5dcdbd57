package cli

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/report"
	"complaintdesk/internal/safetext"
	"complaintdesk/ui/text"
)

func reportCmd(g *globals, env Env) *cobra.Command {
	c := &cobra.Command{Use: "report", Short: g.T(text.CLIHelp.Report)}
	c.AddCommand(reportMonthlyCmd(g, env), reportFileCmd(g, env), reportFilingsCmd(g, env), reportSampleCmd(g, env, false), reportSampleCmd(g, env, true))
	return c
}

// monthArg is --month, or the previous month (the report that is due).
func monthArg(app *App, s string) (report.Month, error) {
	if s == "" {
		return report.MonthOf(app.Desk.Now(), app.Desk.Location()).Prev(), nil
	}
	m, err := report.ParseMonth(s)
	if err != nil {
		return m, fail(text.CLIError.NotAMonth, s)
	}
	if now := report.MonthOf(app.Desk.Now(), app.Desk.Location()); m.String() > now.String() { // YYYY-MM sorts as text
		return m, fail(text.CLIGuard.FutureMonth, m.String(), now.String())
	}
	return m, nil
}

// formatFor is --format, else the --out file's extension, else def.
func formatFor(format, out, def string, allowed []string) (string, error) {
	if format == "" {
		format = def
		if ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(out)), "."); ext != "" && out != "-" {
			for _, f := range allowed {
				if f == ext {
					format = f
				}
			}
		}
	}
	for _, f := range allowed {
		if f == format {
			return format, nil
		}
	}
	return "", fail(text.CLIError.FormatOneOf, strings.Join(allowed, ", "))
}

func reportMonthlyCmd(g *globals, env Env) *cobra.Command {
	var month, format, out string
	var force bool
	c := &cobra.Command{
		Use:   "monthly [--month 2026-10] [--format table|csv|xlsx|json] [--out FILE]",
		Short: g.T(text.CLIHelp.ReportMonthly),
		Long:  g.T(text.CLIHelp.ReportMonthlyLong),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fmtName, err := formatFor(format, out, "table", report.Formats)
			if err != nil {
				return err
			}
			if fmtName == "xlsx" && (out == "" || out == "-") {
				return fail(text.CLIError.XLSXNeedsOut)
			}
			return g.withApp(cmd, env, func(app *App) error {
				m, err := monthArg(app, month)
				if err != nil {
					return err
				}
				rep, err := app.Desk.MonthlyReport(cmd.Context(), app.Actor, m)
				if err != nil {
					return err
				}
				write := func(w io.Writer) error {
					return report.WriteMonthly(w, rep, app.Desk.Policy(), fmtName, app.Lang)
				}
				if out == "" || out == "-" {
					return write(env.Stdout)
				}
				path, err := app.outPath(out, force)
				if err != nil {
					return err
				}
				if err := desk.WriteFileAtomic(path, write); err != nil {
					return err
				}
				if !app.Desk.MonthOver(m) {
					fmt.Fprintf(env.Stdout, "%s\t%s\t%s\n", path, m, text.CLI.NotFiledNotOver.In(app.Lang))
					return nil
				}
				if _, err := app.Desk.FileReport(cmd.Context(), app.Actor, m, rep, desk.FiledByWriting, path, fmtName); err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "%s\t%s\t%s\n", path, m, text.CLI.Filed.In(app.Lang))
				return nil
			})
		},
	}
	f := c.Flags()
	f.StringVar(&month, "month", "", g.T(text.CLIHelp.FlagMonth))
	f.StringVar(&format, "format", "", g.T(text.CLIHelp.FlagReportFormat))
	f.StringVar(&out, "out", "", g.T(text.CLIHelp.FlagReportOut))
	forceFlag(g, f, &force)
	return c
}

func reportFileCmd(g *globals, env Env) *cobra.Command {
	var month string
	c := &cobra.Command{
		Use:   "file [--month 2026-10]",
		Short: g.T(text.CLIHelp.ReportFile),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return g.withApp(cmd, env, func(app *App) error {
				m, err := monthArg(app, month)
				if err != nil {
					return err
				}
				f, err := app.Desk.FileReport(cmd.Context(), app.Actor, m, nil, desk.FiledByCommand, "", "")
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "%s\t%s\t%s\t%s\n", m, text.CLI.Filed.In(app.Lang), f.At.In(app.Desk.Location()).Format("2006-01-02 15:04"), safetext.Line(f.By))
				return nil
			})
		},
	}
	c.Flags().StringVar(&month, "month", "", g.T(text.CLIHelp.FlagMonth))
	return c
}

func reportFilingsCmd(g *globals, env Env) *cobra.Command {
	var month string
	c := &cobra.Command{
		Use:   "filings [--month 2026-10]",
		Short: g.T(text.CLIHelp.ReportFilings),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return g.withApp(cmd, env, func(app *App) error {
				m, err := monthArg(app, month)
				if err != nil {
					return err
				}
				fs, err := app.Desk.ReportFilings(cmd.Context(), m)
				if err != nil {
					return err
				}
				if len(fs) == 0 {
					due := m.Due(app.Desk.Policy().Report.MonthlyDueDay, app.Desk.Location()).AddDate(0, 0, -1)
					fmt.Fprintf(env.Stdout, "%s\t%s\t%s %s\n", m, text.CLI.NotFiled.In(app.Lang), text.CLI.Due.In(app.Lang), due.Format("2006-01-02"))
					return nil
				}
				c, lang := text.CLI, app.Lang
				rows := [][]string{{c.ColMonth.In(lang), c.ColFiled.In(lang), c.ColBy.In(lang), c.ColHow.In(lang), c.ColFile.In(lang)}}
				for _, f := range fs {
					rows = append(rows, []string{f.Month, f.At.In(app.Desk.Location()).Format("2006-01-02 15:04"), f.By, f.How, f.Path})
				}
				return writeAligned(env.Stdout, rows)
			})
		},
	}
	c.Flags().StringVar(&month, "month", "", g.T(text.CLIHelp.FlagMonth))
	return c
}

// reportSampleCmd draws and shows a month's revisit sample, or with
// inspection the quality inspection's sample (with each case's score).
func reportSampleCmd(g *globals, env Env, inspection bool) *cobra.Command {
	var month, format string
	var ratio float64
	var seed uint64
	var redraw bool
	use, short, long, heading := "revisit-sample [--month 2026-10] [--ratio 0.2] [--seed N] [--redraw]",
		text.CLIHelp.ReportSample, text.CLIHelp.ReportSampleLong, text.CLI.Sample
	if inspection {
		use, short, long, heading = "inspection-sample [--month 2026-10] [--ratio 0.1] [--seed N] [--redraw]",
			text.CLIHelp.InspectionSample, text.CLIHelp.InspectionSampleLong, text.CLI.InspectionSample
	}
	c := &cobra.Command{
		Use:   use,
		Short: g.F(short),
		Long:  g.F(long),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "table" && format != "json" {
				return fail(text.CLIError.FormatTableJSON)
			}
			return g.withApp(cmd, env, func(app *App) error {
				m, err := monthArg(app, month)
				if err != nil {
					return err
				}
				s, drawn, err := app.Desk.RevisitSample(cmd.Context(), app.Actor, desk.SampleRequest{Month: m, Inspection: inspection, Ratio: ratio, Seed: seed, Redraw: redraw})
				var ce *desk.SampleConflictError
				if errors.As(err, &ce) {
					return errors.New(ce.Message(app.Lang))
				}
				if err != nil {
					return err
				}
				cases, err := app.Desk.SampleCases(cmd.Context(), app.Actor, s)
				if err != nil {
					return err
				}
				// Listed by number (the draw's order is kept in the store).
				sort.SliceStable(cases, func(i, j int) bool { return cases[i].Number < cases[j].Number })
				views := make([]caseView, len(cases))
				for i := range cases {
					views[i] = newCaseView(app, &cases[i], nil, nil)
				}
				sampled, _ := desk.SampleMonth(s)
				if format == "json" {
					return writeJSON(env.Stdout, struct {
						Month      string     `json:"month"`
						Kind       string     `json:"kind"`
						Seed       uint64     `json:"seed"`
						Ratio      float64    `json:"ratio"`
						Population int        `json:"population"`
						DrawnBy    string     `json:"drawn_by"`
						Cases      []caseView `json:"cases"`
					}{sampled, map[bool]string{false: "revisit", true: "inspection"}[inspection], s.Seed, s.Ratio, s.Population, s.DrawnBy, views})
				}
				what := text.CLI.SampleExisting.In(app.Lang)
				if drawn {
					what = text.CLI.SampleDrawn.In(app.Lang)
				}
				fmt.Fprint(env.Stdout, heading.F(app.Lang, sampled,
					s.Seed, s.Ratio*100, len(s.CaseIDs), s.Population, what, safetext.Line(s.DrawnBy), s.DrawnAt.In(app.Desk.Location()).Format("2006-01-02 15:04")))
				loc := app.Desk.Location()
				c, lang := text.CLI, app.Lang
				rows := [][]string{{c.ColNumber.In(lang), c.ColClosed.In(lang), c.ColGrade.In(lang), c.ColCategory.In(lang),
					c.ColHandler.In(lang), c.ColName.In(lang), c.ColPhone.In(lang), c.ColStatus.In(lang)}}
				if inspection {
					rows[0] = append(rows[0], c.ColQAScore.In(lang))
				}
				for i, v := range views {
					closed := "-"
					if !cases[i].ClosedAt.IsZero() {
						closed = cases[i].ClosedAt.In(loc).Format("2006-01-02 15:04")
					}
					status := v.Status
					if st := app.Desk.Policy().Status(v.Status); st != nil {
						status = st.In(app.Lang)
					}
					row := []string{v.Number, closed, v.Grade, app.Desk.Policy().CategoryPath(v.Category, app.Lang),
						safetext.Line(v.Handler), safetext.Line(v.Name), v.Phone, status}
					if inspection {
						score := cases[i].Fields["inspection_score"]
						if score == "" {
							score = "-"
						}
						row = append(row, score)
					}
					rows = append(rows, row)
				}
				return writeAligned(env.Stdout, rows)
			})
		},
	}
	f := c.Flags()
	h := text.CLIHelp
	f.StringVar(&month, "month", "", g.T(h.FlagSampleMonth))
	f.Float64Var(&ratio, "ratio", 0, g.T(h.FlagRatio))
	f.Uint64Var(&seed, "seed", 0, g.T(h.FlagSeed))
	f.BoolVar(&redraw, "redraw", false, g.T(h.FlagRedraw))
	f.StringVar(&format, "format", "table", g.T(h.FlagTableJSON))
	return c
}
