package cli

import (
	"github.com/spf13/cobra"

	"complaintdesk/internal/desk"
)

type auditView struct {
	At     string `json:"at"`
	User   string `json:"user"`
	Action string `json:"action"`
	Case   string `json:"case"`
	Reason string `json:"reason"`
}

func auditCmd(g *globals, env Env) *cobra.Command {
	var number, user, format string
	c := &cobra.Command{
		Use:   "audit (--case NUMBER | --user NAME) [--format table|json]",
		Short: "Who revealed complainants' personal data: when, on which case, and why",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return g.withApp(cmd, env, func(app *App) error {
				entries, err := app.Desk.Audit(cmd.Context(), app.Actor, desk.AuditFilter{Number: number, User: user})
				if err != nil {
					return err
				}
				loc := app.Desk.Location()
				views := make([]auditView, len(entries))
				for i, e := range entries {
					views[i] = auditView{At: e.At.In(loc).Format("2006-01-02 15:04:05"), User: e.Actor, Action: e.Action, Case: e.Number, Reason: e.Reason}
				}
				if format == "json" {
					return writeJSON(env.Stdout, views)
				}
				rows := [][]string{{"TIME", "USER", "ACTION", "CASE", "REASON"}}
				for _, v := range views {
					rows = append(rows, []string{v.At, v.User, v.Action, v.Case, v.Reason})
				}
				return writeAligned(env.Stdout, rows)
			})
		},
	}
	c.Flags().StringVar(&number, "case", "", "the case number")
	c.Flags().StringVar(&user, "user", "", "the desk user")
	c.Flags().StringVar(&format, "format", "table", "table or json")
	return c
}
