// Command desk is the complaint desk: the terminal application with no
// sub-command, and the scriptable CLI with one (desk --help).
package main

import (
	"context"
	"io"
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
	env := deskEnv(os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	env.LowerPriority = cli.LowerPriority
	env.ShortLived = cli.ShortLived
	code := cli.Run(ctx, os.Args[1:], env)
	stop()
	os.Exit(code)
}

// deskEnv wires the command line to the terminal application, the SSH
// sessions and the stores built in (stores.go).
func deskEnv(stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) cli.Env {
	return cli.Env{
		Stdin:  stdin,
		Stdout: stdout,
		Stderr: stderr,
		Getenv: getenv,
		RunTUI: func(ctx context.Context, app *cli.App) error {
			return ui.Run(ctx, ui.Options{Desk: app.Desk, Actor: app.Actor, Lang: app.Lang, ASCII: app.ASCII})
		},
		SSHApp: func(s sshserver.SessionInfo) sshserver.App {
			return ui.NewSession(s.Ctx, ui.Options{Desk: s.Desk, Actor: s.Actor, Lang: s.Lang}, s.Changes)
		},
		Open: stores.Open,
	}
}
