package cli

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"complaintdesk/internal/demo"
)

func demoCmd(g *globals, env Env) *cobra.Command {
	var n int
	var seed uint64
	c := &cobra.Command{
		Use:   "demo [--count N]",
		Short: "Fill the desk with realistic demo cases (Chinese names and content, every channel, grade and state)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return g.withApp(cmd, env, func(app *App) error {
				if seed == 0 {
					seed = uint64(time.Now().UnixNano())
				}
				start := time.Now()
				made, err := demo.Fill(cmd.Context(), app.Desk, app.Actor, n, seed)
				fmt.Fprintf(env.Stdout, "%d demo cases in %s (%s)\n", made, app.DB.Path(), time.Since(start).Round(time.Millisecond))
				return err
			})
		},
	}
	c.Flags().IntVar(&n, "count", 300, "how many cases")
	c.Flags().Uint64Var(&seed, "seed", 0, "random seed (default: from the clock)")
	return c
}
