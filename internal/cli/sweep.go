package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"complaintdesk/ui/text"
)

// sweepCmd escalates the cases whose clocks breached since the last sweep:
// for a desk only the command line uses, run it from cron or a systemd
// timer (every minute is plenty; a sweep never escalates a breach twice).
func sweepCmd(g *globals, env Env) *cobra.Command {
	return &cobra.Command{
		Use:   "sweep",
		Short: g.T(text.CLIHelp.Sweep),
		Long:  g.T(text.CLIHelp.SweepLong),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return g.withApp(cmd, env, func(app *App) error {
				n, err := app.Desk.Sweep(cmd.Context())
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "%d\n", n)
				return nil
			})
		},
	}
}
