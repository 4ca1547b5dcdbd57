package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

// sweepCmd escalates the cases whose clocks breached since the last sweep:
// for a desk only the command line uses, run it from cron or a systemd
// timer (every minute is plenty; a sweep never escalates a breach twice).
func sweepCmd(g *globals, env Env) *cobra.Command {
	return &cobra.Command{
		Use:   "sweep",
		Short: "Escalate the cases whose clocks breached since the last sweep (for cron or a systemd timer)",
		Long: "desk sweep escalates, one level up, every case whose nearest running clock breached since the\n" +
			"last sweep of any process (policy [escalation] auto_on_breach), each breach once. desk serve and\n" +
			"the terminal sweep every 30 seconds by themselves; a desk only the command line uses needs\n" +
			"a timer, e.g. in crontab: * * * * * desk sweep",
		Args: cobra.NoArgs,
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
