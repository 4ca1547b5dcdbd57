package cli

import (
	"github.com/spf13/cobra"

	"complaintdesk/internal/desk"
	"complaintdesk/ui/text"
)

type auditView struct {
	At     string `json:"at"`
	User   string `json:"user"`
	Action string `json:"action"`
	Case   string `json:"case"`
	Reason string `json:"reason"`
	// Value is what a look-up searched by, masked (138****9342).
	Value string `json:"value,omitempty"`
}

func auditCmd(g *globals, env Env) *cobra.Command {
	var number, user, format string
	c := &cobra.Command{
		Use:   "audit (--case NUMBER | --user NAME) [--format table|json]",
		Short: g.T(text.CLIHelp.Audit),
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
					views[i] = auditView{At: e.At.In(loc).Format("2006-01-02 15:04:05"), User: e.Actor, Action: e.Action, Case: e.Number, Reason: e.Reason, Value: e.After["value"]}
					if e.Number == "" { // a look-up that found nothing
						views[i].Reason = text.CLI.NoCaseFound.In(app.Lang)
					}
				}
				if format == "json" {
					return writeJSON(env.Stdout, views)
				}
				c, lang := text.CLI, app.Lang
				rows := [][]string{{c.ColTime.In(lang), c.ColUser.In(lang), c.ColAction.In(lang), c.ColCase.In(lang), c.ColReason.In(lang)}}
				for _, v := range views {
					if v.Value != "" {
						v.Reason += text.Common.Paren.F(lang, v.Value)
					}
					rows = append(rows, []string{v.At, v.User, named(app, "action", v.Action), v.Case, v.Reason})
				}
				return writeAligned(env.Stdout, rows)
			})
		},
	}
	c.Flags().StringVar(&number, "case", "", g.T(text.CLIHelp.FlagAuditCase))
	c.Flags().StringVar(&user, "user", "", g.T(text.CLIHelp.FlagAuditUser))
	c.Flags().StringVar(&format, "format", "table", g.T(text.CLIHelp.FlagTableJSON))
	return c
}
