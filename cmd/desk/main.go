// Command desk is the complaint desk: the terminal application with no
// sub-command, and the scriptable CLI with one (desk --help).
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // deadlines are in Asia/Shanghai whatever the machine's zone files say

	"complaintdesk/internal/cli"
	"complaintdesk/internal/sshserver"
	"complaintdesk/ui"
)

func main() {
	private()
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	code := cli.Run(ctx, os.Args[1:], cli.Env{
		Stdin:  os.Stdin,
		Stdout: os.Stdout,
		Stderr: os.Stderr,
		Getenv: os.Getenv,
		RunTUI: func(ctx context.Context, app *cli.App) error {
			return ui.Run(ctx, ui.Options{Desk: app.Desk, Actor: app.Actor, Lang: app.Lang, ASCII: app.ASCII})
		},
		SSHApp: func(s sshserver.SessionInfo) sshserver.App {
			return ui.NewSession(s.Ctx, ui.Options{Desk: s.Desk, Actor: s.Actor, Lang: s.Lang}, s.Changes)
		},
		LowerPriority: cli.LowerPriority,
	})
	stop()
	os.Exit(code)
}
