package cli

import (
	"fmt"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"complaintdesk/internal/demo"
	"complaintdesk/internal/storecopy"
	"complaintdesk/ui/text"
)

func demoCmd(g *globals, env Env) *cobra.Command {
	var n int
	var seed uint64
	var force bool
	c := &cobra.Command{
		Use:   "demo [--count N]",
		Short: g.T(text.CLIDemo.Short),
		Long:  g.T(text.CLIDemo.Long),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if n < 1 {
				return fail(text.CLIError.BadN, strconv.Itoa(n))
			}
			return g.withApp(cmd, env, func(app *App) error {
				// Demo users and cases on a working desk would sit in its
				// queues and monthly statistics for good.
				if err := requireAdmin(app); err != nil {
					return err
				}
				if held, err := storecopy.Holds(cmd.Context(), app.Store); err != nil {
					return err
				} else if held[storecopy.Cases] > 0 && !force {
					return fail(text.CLIGuard.DemoHasCases, app.Where, held[storecopy.Cases])
				}
				if seed == 0 {
					seed = uint64(time.Now().UnixNano())
				}
				start := time.Now()
				last := start
				made, err := demo.Generate(cmd.Context(), app.Desk, app.Actor, demo.Options{Count: n, Seed: seed,
					Progress: func(done int) {
						if time.Since(last) >= 5*time.Second {
							last = time.Now()
							fmt.Fprint(env.Stderr, text.CLIDemo.Progress.F(app.Lang, done, n, float64(done)/time.Since(start).Seconds()))
						}
					}})
				elapsed := time.Since(start)
				fmt.Fprint(env.Stdout, text.CLIDemo.Made.F(app.Lang, made, app.Where, elapsed.Round(time.Millisecond), float64(made)/max(elapsed.Seconds(), 1e-9)))
				return err
			})
		},
	}
	c.Flags().IntVar(&n, "count", 300, g.T(text.CLIDemo.FlagCount))
	c.Flags().Uint64Var(&seed, "seed", 0, g.T(text.CLIDemo.FlagSeed))
	c.Flags().BoolVar(&force, "force", false, g.T(text.CLIGuard.FlagDemoForce))
	return c
}
