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
		Short: "Fill the desk with realistic demo cases (Chinese names and content, histories, every channel, grade and state)",
		Long: `Fill the desk with realistic demo cases: Chinese names, phones and complaint
texts, every channel, grade and status of the policy, each with its history
(registered, acknowledged, assigned, resolved, closed, revisited, some
reopened) and live or overdue countdowns. A large count spreads them over up
to 700 days, about 1,400 a day, as a desk that has run for two years:

  desk demo --count 1000000     # the million-case desk of docs/benchmarks.md

The same --seed makes the same cases (their numbers depend on the desk).`,
		Args: cobra.NoArgs,
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
							fmt.Fprintf(env.Stderr, "demo: %d of %d cases, %.0f cases/s\n", done, n, float64(done)/time.Since(start).Seconds())
						}
					}})
				elapsed := time.Since(start)
				fmt.Fprintf(env.Stdout, "%d demo cases in %s (%s, %.0f cases/s)\n", made, app.Where, elapsed.Round(time.Millisecond), float64(made)/max(elapsed.Seconds(), 1e-9))
				return err
			})
		},
	}
	c.Flags().IntVar(&n, "count", 300, "how many cases")
	c.Flags().Uint64Var(&seed, "seed", 0, "random seed (default: from the clock)")
	c.Flags().BoolVar(&force, "force", false, g.T(text.CLIGuard.FlagDemoForce))
	return c
}
