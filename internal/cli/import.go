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
		Short: "Import a complaint register (CSV or .xlsx; UTF-8, GBK or UTF-16) as history cases",
		Long: `Import the complaints of a register kept elsewhere (an Excel 投诉登记表, a CSV
export of another system) as history cases: each keeps its original received
date, its outcome and its original id. Importing the same file again adds
nothing; after fixing rejected rows, importing the reject file adds them.

A mapping (TOML) says which column is which field and translates the file's
values into the policy's: start from --suggest-map, see examples/import/.
Bad rows are reported with their line, column and reason and written to a
reject file (the original header plus reject_reason) to fix and import again.
The rows are written in transactions of --batch rows; ctrl+c stops after
whole batches, and the same command continues where it stopped.`,
		Args: cobra.ExactArgs(1),
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
				return fmt.Errorf("%s has the %q policy, not the %s profile: import into a desk created with `desk init --profile %s`", app.Where, p.Name, profile, profile)
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
					return fmt.Errorf("no --map given, and the suggested mapping has %d guesses to check: write it with `desk import %s --suggest-map > map.toml`, look at the lines marked \"check\", and give --map map.toml", sug.Checks, file)
				}
				if m, err = importer.ParseMapping([]byte(sug.Text), "the suggested mapping"); err != nil {
					return err
				}
				fmt.Fprintf(env.Stderr, "desk: no --map given: using the suggested mapping (`desk import %s --suggest-map` prints it)\n", file)
			}
			if rejects == "" && !dryRun {
				base := filepath.Base(file)
				rejects = strings.TrimSuffix(base, filepath.Ext(base)) + ".rejects.csv"
			}
			if rejects != "" {
				if a, _ := filepath.Abs(rejects); a != "" {
					if b, _ := filepath.Abs(file); a == b {
						return fmt.Errorf("--rejects %s is the file being imported: choose another name", rejects)
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
					fmt.Fprintf(env.Stderr, "desk: importing %s (%s) as source %q%s\n", file, s.Describe, s.Source, map[bool]string{true: ", dry run: nothing is written", false: ""}[dryRun])
				},
				OnReject: func(unit string, e *importer.RowError) {
					shown++
					if shown <= maxShownRejects {
						pr.clear()
						fmt.Fprintln(env.Stderr, "rejected: "+safetext.Line(e.FormatIn(unit, app.Lang)))
					}
				},
				OnProgress: pr.update,
			})
			pr.done()
			if shown > maxShownRejects {
				where := "run without --dry-run, or give --rejects FILE, to get them all in a file"
				if sum.RejectsFile != "" {
					where = "all are in " + sum.RejectsFile
				}
				fmt.Fprintf(env.Stderr, "rejected: … and %d more rows (%s)\n", shown-maxShownRejects, where)
			}
			if sum.Rows > 0 || err == nil || sum.Interrupted {
				printSummary(env.Stdout, sum, dryRun)
			}
			if err != nil {
				if sum.Interrupted {
					return fmt.Errorf("interrupted: the %d rows imported before are written, in whole batches; run the same command again to import the rest (rows already imported are skipped)", sum.Imported)
				}
				return err
			}
			if sum.Rejected > 0 {
				if sum.RejectsFile != "" {
					return fmt.Errorf("%d rows were rejected: fix them in %s and import that file with the same mapping", sum.Rejected, sum.RejectsFile)
				}
				return fmt.Errorf("%d rows would be rejected", sum.Rejected)
			}
			return nil
		},
	}
	f := c.Flags()
	f.StringVar(&mapPath, "map", "", "the mapping (TOML): columns to case fields, values to the policy's (see examples/import/)")
	f.BoolVar(&dryRun, "dry-run", false, "read, check and count everything, and write nothing")
	f.BoolVar(&suggest, "suggest-map", false, "print a starting mapping drafted from the file's header and values")
	f.StringVar(&profile, "profile", "", "the policy preset of a desk this import creates (default, lab); an existing desk must have it")
	f.StringVar(&read.Encoding, "encoding", "", "utf-8, gb18030 (reads GBK) or utf-16 (default: the mapping's, else detected)")
	f.StringVar(&read.Delimiter, "delimiter", "", "comma, tab or semicolon (default: the mapping's, else detected)")
	f.StringVar(&read.Sheet, "sheet", "", "the sheet of an .xlsx workbook (default: the mapping's, else the first)")
	f.IntVar(&read.HeaderRow, "header-row", 0, "the line of the header row (default: the mapping's, else found under any title and 填报单位 rows)")
	f.StringVar(&rejects, "rejects", "", "the reject file (default FILE.rejects.csv in the current directory; none in a dry run)")
	f.IntVar(&batch, "batch", importer.DefaultBatch, "rows written per transaction")
	return c
}

func printSummary(w io.Writer, s importer.Summary, dryRun bool) {
	verb := "imported"
	if dryRun {
		verb = "dry run: would import"
	}
	rate := ""
	if secs := s.Elapsed.Seconds(); secs > 0 && s.Rows > 0 {
		rate = fmt.Sprintf(", %.0f rows/s", float64(s.Rows)/secs)
	}
	fmt.Fprintf(w, "%s %d, skipped as duplicate %d, rejected %d (%d rows in %s%s)\n",
		verb, s.Imported, s.Duplicates, s.Rejected, s.Rows, s.Elapsed.Round(time.Millisecond), rate)
	if len(s.Skipped) > 0 {
		n := 0
		for _, k := range s.Skipped {
			n += k
		}
		fmt.Fprintf(w, "skipped %d rows that are not complaints: %s\n", n, importer.SkippedText(s.Skipped))
	}
	if s.RejectsFile != "" {
		fmt.Fprintf(w, "rejects: %s\n", s.RejectsFile)
	}
	if s.Interrupted {
		fmt.Fprintln(w, "interrupted: the batch under way was not written")
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
