package cli

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"charm.land/bubbles/v2/progress"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"complaintdesk/internal/importer"
	"complaintdesk/internal/policy"
	"complaintdesk/internal/safetext"
	"complaintdesk/ui/text"
)

// maxShownRejects is how many rejected rows an import prints; all of them
// are in the reject file.
const maxShownRejects = 20

func importCmd(g *globals, env Env) *cobra.Command {
	var mapPath, rejects, profile string
	var read importer.ReadOptions
	var dryRun, suggest bool
	var batch int
	c := &cobra.Command{
		Use:   "import FILE [--map MAPPING.toml] [--dry-run]",
		Short: g.T(text.CLIImport.Short),
		Long:  g.T(text.CLIImport.Long),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			file := args[0]
			if _, err := os.Stat(file); err != nil {
				return err
			}
			if profile != "" {
				if _, err := policy.Preset(profile); err != nil {
					return err
				}
			}
			app, err := g.open(cmd.Context(), env, profile)
			if err != nil {
				return err
			}
			defer app.Close()
			if p := app.Desk.Policy(); profile != "" && p.Profile != profile && !(profile == "default" && p.Profile == "") {
				return fail(text.CLIImport.WrongProfile, app.Where, p.Name, profile, profile)
			}
			if suggest {
				sug, err := importer.Suggest(file, read, app.Desk.Policy())
				if err != nil {
					return err
				}
				_, err = io.WriteString(env.Stdout, safetext.Text(sug.Text))
				return err
			}
			var m *importer.Mapping
			if mapPath != "" {
				if m, err = importer.LoadMapping(mapPath); err != nil {
					return err
				}
			} else {
				sug, err := importer.Suggest(file, read, app.Desk.Policy())
				if err != nil {
					return err
				}
				if sug.Checks > 0 {
					return fail(text.CLIImport.ChecksLeft, sug.Checks, file)
				}
				if m, err = importer.ParseMapping([]byte(sug.Text), "the suggested mapping"); err != nil {
					return err
				}
				fmt.Fprint(env.Stderr, text.CLIImport.UsingSuggested.F(app.Lang, file))
			}
			if rejects == "" && !dryRun {
				base := filepath.Base(file)
				rejects = strings.TrimSuffix(base, filepath.Ext(base)) + ".rejects.csv"
			}
			if rejects != "" {
				if a, _ := filepath.Abs(rejects); a != "" {
					if b, _ := filepath.Abs(file); a == b {
						return fail(text.CLIImport.RejectsIsInput, rejects)
					}
				}
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt)
			defer stop()
			pr := newProgressPrinter(env.Stderr)
			shown := 0
			sum, err := importer.Run(ctx, importer.Options{
				File: file, Mapping: m, Read: read, Desk: app.Desk, Actor: app.Actor,
				DryRun: dryRun, Batch: batch, Rejects: rejects, Lang: app.Lang,
				OnStart: func(s importer.Start) {
					note := ""
					if dryRun {
						note = text.CLIImport.DryRunNote.In(app.Lang)
					}
					fmt.Fprint(env.Stderr, text.CLIImport.Importing.F(app.Lang, file, s.Describe, s.Source, note))
				},
				OnReject: func(unit string, e *importer.RowError) {
					shown++
					if shown <= maxShownRejects {
						pr.clear()
						fmt.Fprintln(env.Stderr, text.CLIImport.Rejected.F(app.Lang, safetext.Line(e.FormatIn(unit, app.Lang))))
					}
				},
				OnProgress: pr.update,
			})
			pr.done()
			if shown > maxShownRejects {
				where := text.CLIImport.MoreWhere.In(app.Lang)
				if sum.RejectsFile != "" {
					where = text.CLIImport.AllIn.F(app.Lang, sum.RejectsFile)
				}
				fmt.Fprint(env.Stderr, text.CLIImport.MoreRejected.F(app.Lang, shown-maxShownRejects, where))
			}
			if sum.Rows > 0 || err == nil || sum.Interrupted {
				printSummary(env.Stdout, sum, dryRun, app.Lang)
			}
			if err != nil {
				if sum.Interrupted {
					return fail(text.CLIImport.Interrupted, sum.Imported)
				}
				return err
			}
			if sum.Rejected > 0 {
				if sum.RejectsFile != "" {
					return fail(text.CLIImport.RowsRejected, sum.Rejected, sum.RejectsFile)
				}
				return fail(text.CLIImport.RowsWouldBe, sum.Rejected)
			}
			return nil
		},
	}
	f := c.Flags()
	h := text.CLIImport
	f.StringVar(&mapPath, "map", "", g.T(h.FlagMap))
	f.BoolVar(&dryRun, "dry-run", false, g.T(h.FlagDryRun))
	f.BoolVar(&suggest, "suggest-map", false, g.T(h.FlagSuggest))
	f.StringVar(&profile, "profile", "", g.T(h.FlagProfile))
	f.StringVar(&read.Encoding, "encoding", "", g.T(h.FlagEncoding))
	f.StringVar(&read.Delimiter, "delimiter", "", g.T(h.FlagDelimiter))
	f.StringVar(&read.Sheet, "sheet", "", g.T(h.FlagSheet))
	f.IntVar(&read.HeaderRow, "header-row", 0, g.T(h.FlagHeaderRow))
	f.StringVar(&rejects, "rejects", "", g.T(h.FlagRejects))
	f.IntVar(&batch, "batch", importer.DefaultBatch, g.T(h.FlagBatch))
	return c
}

func printSummary(w io.Writer, s importer.Summary, dryRun bool, lang string) {
	h := text.CLIImport
	verb := h.Imported.In(lang)
	if dryRun {
		verb = h.WouldImport.In(lang)
	}
	rate := ""
	if secs := s.Elapsed.Seconds(); secs > 0 && s.Rows > 0 {
		rate = h.Rate.F(lang, float64(s.Rows)/secs)
	}
	fmt.Fprint(w, h.Summary.F(lang, verb, s.Imported, s.Duplicates, s.Rejected, s.Rows, s.Elapsed.Round(time.Millisecond), rate))
	if len(s.Skipped) > 0 {
		n := 0
		for _, k := range s.Skipped {
			n += k
		}
		fmt.Fprint(w, h.SkippedRows.F(lang, n, importer.SkippedText(s.Skipped)))
	}
	if s.RejectsFile != "" {
		fmt.Fprint(w, h.RejectsFile.F(lang, s.RejectsFile))
	}
	if s.Interrupted {
		fmt.Fprintln(w, h.BatchNotWritten.In(lang))
	}
}

// progressPrinter shows a long job's progress on stderr (an import, a
// copy): a bar redrawn in place on a terminal, a plain line every few
// seconds otherwise.
type progressPrinter struct {
	w     io.Writer
	tty   bool
	bar   progress.Model
	last  time.Time
	every time.Duration
	drawn bool
}

func newProgressPrinter(w io.Writer) *progressPrinter {
	p := &progressPrinter{w: w, every: 5 * time.Second}
	if f, ok := w.(*os.File); ok && term.IsTerminal(f.Fd()) {
		p.tty = true
		p.every = 100 * time.Millisecond
		p.w = colorprofile.NewWriter(f, os.Environ())
		p.bar = progress.New(progress.WithDefaultBlend(), progress.WithWidth(30))
	}
	p.last = time.Now()
	return p
}

func (p *progressPrinter) update(pg importer.Progress) {
	if time.Since(p.last) < p.every {
		return
	}
	rate := 0.0
	if secs := pg.Elapsed.Seconds(); secs > 0 {
		rate = float64(pg.Rows) / secs
	}
	counts := fmt.Sprintf("%d rows, %d imported, %d duplicate, %d rejected, %.0f rows/s", pg.Rows, pg.Imported, pg.Duplicates, pg.Rejected, rate)
	p.show("import", pg.Total > 0, pg.Fraction(), counts, false)
}

// show draws the bar at fraction with counts beside it, or prints
// "label: 45% counts" (the percentage when known); at most once per
// interval unless now.
func (p *progressPrinter) show(label string, known bool, fraction float64, counts string, now bool) {
	if !now && time.Since(p.last) < p.every {
		return
	}
	p.last = time.Now()
	if p.tty {
		fmt.Fprintf(p.w, "\r%s  %s\x1b[K", p.bar.ViewAs(fraction), counts)
		p.drawn = true
		return
	}
	pct := ""
	if known {
		pct = fmt.Sprintf("%.0f%% ", fraction*100)
	}
	fmt.Fprintf(p.w, "%s: %s%s\n", label, pct, counts)
}

// clear removes the bar before a line is printed.
func (p *progressPrinter) clear() {
	if p.tty && p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.drawn = false
	}
}

func (p *progressPrinter) done() { p.clear() }
