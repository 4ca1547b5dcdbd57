// Package cli is the desk's command line: the scriptable sub-commands that
// tests, administrators and other tools use, and the entry to the TUI.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/policy"
	"complaintdesk/internal/sshserver"
	"complaintdesk/store/sqlite"
)

// Env is what the commands read from outside: streams, environment and the clock.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	// RunTUI starts the terminal application (wired by main, so this package
	// does not depend on the UI).
	RunTUI func(ctx context.Context, app *App) error
	// SSHApp makes the application of one SSH session (desk serve; wired
	// by main like RunTUI).
	SSHApp sshserver.NewApp
}

// App is an opened desk with the acting user, for one command.
type App struct {
	Desk  *desk.Desk
	DB    *sqlite.DB
	Actor desk.Actor
	Lang  string
	Env   Env
	// ASCII asks the TUI for ASCII borders.
	ASCII bool
}

// Close closes the database.
func (a *App) Close() error { return a.DB.Close() }

type globals struct {
	db    string
	lang  string
	as    string
	ascii bool

	// app is the desk opened before the commands were made, when they
	// depend on its policy (desk cases STEP); commands use it and Run
	// closes it.
	app *App
}

// Run runs the desk with its arguments and returns the process exit code.
func Run(ctx context.Context, args []string, env Env) int {
	g := &globals{}
	root := &cobra.Command{
		Use:           "desk",
		Short:         "Complaint desk: register, handle and track customer complaints with live deadlines",
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if env.RunTUI == nil {
				return errors.New("this build has no terminal interface")
			}
			app, err := g.open(cmd.Context(), env, "")
			if err != nil {
				return err
			}
			defer app.Close()
			return env.RunTUI(cmd.Context(), app)
		},
	}
	if first, _ := g.preScan(args); first == "cases" {
		g.openEarly(ctx, env)
		if g.app != nil {
			defer g.app.Close()
			defer g.app.sweepAfterWrites(ctx)
		}
	}
	root.SetArgs(args)
	root.SetIn(env.Stdin)
	root.SetOut(env.Stdout)
	root.SetErr(env.Stderr)
	pf := root.PersistentFlags()
	pf.StringVar(&g.db, "db", "", "database file (default $DESK_DB, else $XDG_DATA_HOME/complaintdesk/desk.db)")
	pf.StringVar(&g.lang, "lang", "", "language of messages: zh or en (default from LANG)")
	pf.StringVar(&g.as, "as", "", "act as this desk user (default: the user mapped to your OS account)")
	root.Flags().BoolVar(&g.ascii, "ascii-borders", false, "draw borders with ASCII (for terminals that draw box lines two cells wide)")

	root.AddCommand(
		initCmd(g, env),
		casesCmd(g, env),
		deadlineCmd(g, env),
		calendarCmd(g, env),
		policyCmd(g, env),
		usersCmd(g, env),
		backupCmd(g, env),
		checkCmd(g, env),
		demoCmd(g, env),
		importCmd(g, env),
		serveCmd(g, env),
		auditCmd(g, env),
		reportCmd(g, env),
		withRegisterExport(exportCmd(g, env), g, env), // + export register (lab.go)
		noticesCmd(g, env),
		stationCmd(g, env),
		sweepCmd(g, env),
	)
	if err := root.ExecuteContext(ctx); err != nil {
		lang := g.language(env)
		fmt.Fprintln(env.Stderr, errorText(err, lang))
		return 1
	}
	return 0
}

// errorText is the message a user sees for an error, in the language.
func errorText(err error, lang string) string {
	var ve *desk.ValidationError
	if errors.As(err, &ve) {
		return prefix(lang) + ve.Message(lang)
	}
	var ce *desk.ConflictError
	if errors.As(err, &ce) {
		return prefix(lang) + ce.Message(lang)
	}
	// A refusal by the policy: the same words the terminal shows.
	var fe *desk.ForbiddenError
	if errors.As(err, &fe) {
		return prefix(lang) + fe.Message(lang)
	}
	return prefix(lang) + err.Error()
}

func prefix(lang string) string {
	if lang == "zh" {
		return "desk: 错误: "
	}
	return "desk: error: "
}

// language is zh or en: --lang, else LC_ALL / LC_MESSAGES / LANG starting with zh.
func (g *globals) language(env Env) string {
	return Language(g.lang, env.Getenv)
}

// Language picks the UI language from a flag value and the locale variables.
func Language(flag string, getenv func(string) string) string {
	switch strings.ToLower(flag) {
	case "zh", "zh-cn", "cn":
		return "zh"
	case "en":
		return "en"
	}
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(k); v != "" {
			if strings.HasPrefix(strings.ToLower(v), "zh") {
				return "zh"
			}
			return "en"
		}
	}
	return "en"
}

// DBPath is where the database lives: --db, $DESK_DB, else the platform data directory.
func DBPath(flag string, getenv func(string) string) (string, error) {
	if flag != "" {
		return flag, nil
	}
	if p := getenv("DESK_DB"); p != "" {
		return p, nil
	}
	if x := getenv("XDG_DATA_HOME"); x != "" {
		return filepath.Join(x, "complaintdesk", "desk.db"), nil
	}
	home := getenv("HOME")
	if home == "" {
		h, err := os.UserHomeDir()
		if err != nil {
			return "", errors.New("no data directory: set --db or DESK_DB")
		}
		home = h
	}
	return filepath.Join(home, ".local", "share", "complaintdesk", "desk.db"), nil
}

func osLogin(getenv func(string) string) string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if u := getenv("USER"); u != "" {
		return u
	}
	return "desk"
}

// open opens the database and the desk and resolves the acting user. A new
// database gets the preset's policy ("" = default).
func (g *globals) open(ctx context.Context, env Env, preset string) (*App, error) {
	path, err := DBPath(g.db, env.Getenv)
	if err != nil {
		return nil, err
	}
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	if len(db.Tightened) > 0 {
		fmt.Fprintln(env.Stderr, tr(g.language(env), "desk: 已将以下文件改为仅所有者可读写（其中有客户的个人信息）：", "desk: made these files private to their owner (they hold customers' personal data): ")+strings.Join(db.Tightened, ", "))
	}
	login := osLogin(env.Getenv)
	d, err := desk.Open(ctx, db, desk.Options{Preset: preset, By: login})
	if err != nil {
		db.Close()
		return nil, err
	}
	actor, err := d.ActorFor(ctx, g.as, login)
	if err != nil {
		db.Close()
		return nil, err
	}
	return &App{Desk: d, DB: db, Actor: actor, Lang: g.language(env), Env: env, ASCII: g.ascii}, nil
}

// preScan reads the global flags before the commands are made and returns
// the first two words of the command ("cases", "assign").
func (g *globals) preScan(args []string) (first, second string) {
	fs := pflag.NewFlagSet("desk", pflag.ContinueOnError)
	fs.ParseErrorsAllowlist.UnknownFlags = true
	fs.SetOutput(io.Discard)
	fs.StringVar(&g.db, "db", "", "")
	fs.StringVar(&g.lang, "lang", "", "")
	fs.StringVar(&g.as, "as", "", "")
	fs.BoolP("help", "h", false, "")
	_ = fs.Parse(args)
	rest := fs.Args()
	if len(rest) > 0 {
		first = rest[0]
	}
	if len(rest) > 1 {
		second = rest[1]
	}
	return first, second
}

// openEarly opens an existing desk before the commands are made, so that
// `desk cases` offers the steps of its policy. A desk not created yet, or
// one that cannot be opened, is left to the command (which says why).
func (g *globals) openEarly(ctx context.Context, env Env) {
	path, err := DBPath(g.db, env.Getenv)
	if err != nil || !fileExists(path) {
		return
	}
	if app, err := g.open(ctx, env, ""); err == nil {
		g.app = app
	}
}

// stepPolicy is the policy whose steps `desk cases` offers: the desk's, or
// the default preset's for a desk not created yet.
func (g *globals) stepPolicy(env Env) *policy.Policy {
	if g.app != nil {
		return g.app.Desk.Policy()
	}
	p, _ := policy.Preset("default")
	return p
}

// sweepAfterWrites escalates the breaches since the last sweep once a
// command wrote: a desk only the command line uses escalates too.
func (a *App) sweepAfterWrites(ctx context.Context) {
	if a.Desk.Writes() > 0 {
		_, _ = a.Desk.Sweep(ctx)
	}
}

// withApp runs fn with an opened desk and closes it afterwards.
func (g *globals) withApp(cmd *cobra.Command, env Env, fn func(*App) error) error {
	if g.app != nil {
		return fn(g.app)
	}
	app, err := g.open(cmd.Context(), env, "")
	if err != nil {
		return err
	}
	defer app.Close()
	defer app.sweepAfterWrites(cmd.Context())
	return fn(app)
}

func initCmd(g *globals, env Env) *cobra.Command {
	var profile string
	c := &cobra.Command{
		Use:   "init",
		Short: "Create the desk's database with a policy preset (default or lab)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if _, err := policy.Preset(profile); err != nil {
				return err
			}
			path, err := DBPath(g.db, env.Getenv)
			if err != nil {
				return err
			}
			existed := fileExists(path)
			app, err := g.open(cmd.Context(), env, profile)
			if err != nil {
				return err
			}
			defer app.Close()
			p := app.Desk.Policy()
			if existed && p.Profile != profile && !(profile == "default" && p.Profile == "") {
				return fmt.Errorf("%s already exists with the %q policy; use `desk policy load` to change it", app.DB.Path(), p.Name)
			}
			fmt.Fprintf(env.Stdout, "%s\t%s\t%s\n", app.DB.Path(), p.Name, app.Actor.Name)
			return nil
		},
	}
	c.Flags().StringVar(&profile, "profile", "default", "policy preset: "+strings.Join(policy.PresetNames(), ", "))
	return c
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func backupCmd(g *globals, env Env) *cobra.Command {
	var out string
	c := &cobra.Command{
		Use:   "backup --out FILE",
		Short: "Write a consistent copy of the live database and check it (restore with --db FILE)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "" {
				return errors.New("give --out FILE")
			}
			return g.withApp(cmd, env, func(app *App) error {
				start := time.Now()
				if err := app.DB.Backup(cmd.Context(), out); err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "%s\tok\t%s\n", out, time.Since(start).Round(time.Millisecond))
				return nil
			})
		},
	}
	c.Flags().StringVar(&out, "out", "", "the backup file to write (must not exist)")
	return c
}

func checkCmd(g *globals, env Env) *cobra.Command {
	return &cobra.Command{
		Use:   "check",
		Short: "Check the live database's integrity",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return g.withApp(cmd, env, func(app *App) error {
				lang := app.Lang
				if err := app.DB.Check(cmd.Context()); err != nil {
					return fmt.Errorf("integrity check failed: %w", err)
				}
				n, br, err := app.Desk.CheckHistory(cmd.Context())
				if err != nil {
					return err
				}
				if br != nil {
					return errors.New(tr(lang, "处理记录被篡改：", "the history was tampered with: ") + br.Message(lang))
				}
				fmt.Fprintf(env.Stderr, tr(lang, "desk: 处理记录链完整：%d 条记录\n", "desk: history chain intact: %d events\n"), n)
				if t := app.Desk.CalendarGapText(app.Desk.Now(), lang); t != "" {
					fmt.Fprintln(env.Stderr, "desk: "+t)
				}
				if open := app.DB.OpenToOthers(); len(open) > 0 {
					fmt.Fprintln(env.Stderr, tr(lang, "desk: 警告：以下文件其他用户可读，含有客户个人信息：", "desk: warning: others can read these files, which hold customers' personal data: ")+strings.Join(open, ", "))
				}
				fmt.Fprintln(env.Stdout, "ok")
				return nil
			})
		},
	}
}
