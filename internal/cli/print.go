package cli

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/forms"
	"complaintdesk/ui/text"
)

// casesPrintCmd renders a case as one of the regulations' paper forms.
func casesPrintCmd(g *globals, env Env) *cobra.Command {
	var form, format, out string
	var force bool
	c := &cobra.Command{
		Use:   "print NUMBER",
		Short: g.T(text.CLIHelp.CasesPrint),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format == "" {
				format = "text"
				if ext := strings.ToLower(filepath.Ext(out)); ext == ".md" || ext == ".markdown" {
					format = "md"
				}
			}
			if !slices.Contains(forms.Names, form) {
				return fail(text.CLIGuard.UnknownForm, form, strings.Join(forms.Names, ", "))
			}
			return g.withApp(cmd, env, func(app *App) error {
				cv, err := app.Desk.CaseView(cmd.Context(), app.Actor, args[0]) // as this user may see it
				if err != nil {
					return err
				}
				text, err := forms.Render(form, format, forms.Input{
					Case: cv.Case, Events: cv.Events, Clocks: cv.Clocks, Linked: cv.Related.Linked, Caller: cv.Related.SamePhone,
					Policy: app.Desk.Policy(), Loc: app.Desk.Location(), Now: app.Desk.Now(),
				})
				if err != nil {
					return err
				}
				if out == "" || out == "-" {
					_, err := fmt.Fprint(env.Stdout, text)
					return err
				}
				path, err := app.outPath(out, force)
				if err != nil {
					return err
				}
				// A new file, 0600, even over an older one others could read.
				if err := desk.WriteFileAtomic(path, func(w io.Writer) error {
					_, err := io.WriteString(w, text)
					return err
				}); err != nil {
					return err
				}
				fmt.Fprintln(env.Stdout, out)
				return nil
			})
		},
	}
	f := c.Flags()
	f.StringVar(&form, "form", "opinion", g.F(text.CLIHelp.FlagForm, strings.Join(forms.Names, ", ")))
	f.StringVar(&format, "format", "", g.T(text.CLIHelp.FlagPrintFormat))
	f.StringVar(&out, "out", "", g.T(text.CLIHelp.FlagPrintOut))
	forceFlag(g, f, &force)
	return c
}
