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
	"complaintdesk/internal/safetext"
	"complaintdesk/internal/sshserver"
	"complaintdesk/internal/storeurl"
	"complaintdesk/store"
	"complaintdesk/ui/text"
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
	// Open opens the store a --db value names (wired by main, which
	// knows the store implementations: storeurl.Openers.Open).
	Open storeurl.Opener
	// LowerPriority lowers the process's CPU priority for batch work
	// (desk export; wired by main: tests that run commands in-process
	// leave it nil).
	LowerPriority func(nice int)
	// ShortLived tells the process it runs one short command (desk
	// cases ...; wired by main to ShortLived, nil in tests that run
	// commands in-process).
	ShortLived func()
}

// App is an opened desk with the acting user, for one command.
type App struct {
	Desk  *desk.Desk
	Store store.Store
	// Where is the database as the user may see it: the file, or the URL
	// with its password masked.
	Where string
	Actor desk.Actor
	Lang  string
	Env   Env
	// ASCII asks the TUI for ASCII borders.
	ASCII bool
}

// Close closes the database.
func (a *App) Close() error { return a.Store.Close() }

type globals struct {
	db    string
	lang  string
	as    string
	ascii bool

	// ui is the language of the messages and the help (--lang, else the
	// locale), known before the commands are made.
	ui string

	// app is the desk opened before the commands were made, when they
	// depend on its policy (desk cases STEP); commands use it and Run
	// closes it. earlyErr is why a database server could not be opened
	// then: the command says it rather than trying again.
	app      *App
	earlyErr error

	// steps: make the policy's step commands of `desk cases` (Run).
	steps bool
	// casesSub is the word after `desk cases` (a command of its own, like
	// list or show, needs no steps made).
	casesSub string
}

// Run runs the desk with its arguments and returns the process exit code.
func Run(ctx context.Context, args []string, env Env) int {
	g := &globals{}
	first, second := g.preScan(args)
	// The steps of `desk cases` come from the policy (parsing it is most of
	// a command's start-up): made only when the command line reaches them
	// (desk cases ..., desk help cases, completion of cases).
	g.steps = first == "cases" || second == "cases"
	if first == "cases" {
		g.casesSub = second
	}
	g.ui = g.language(env)
	root := &cobra.Command{
		Use:           "desk",
		Short:         g.T(text.CLIHelp.Root),
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if env.RunTUI == nil {
				return fail(text.CLIError.NoTUI)
			}
			app, err := g.open(cmd.Context(), env, "")
			if err != nil {
				return err
			}
			defer app.Close()
			return env.RunTUI(cmd.Context(), app)
		},
	}
	if first == "cases" {
		if env.ShortLived != nil {
			env.ShortLived()
		}
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
	pf.StringVar(&g.db, "db", "", g.T(text.CLIHelp.FlagDB))
	pf.StringVar(&g.lang, "lang", "", g.T(text.CLIHelp.FlagLang))
	pf.StringVar(&g.as, "as", "", g.T(text.CLIHelp.FlagAs))
	root.Flags().BoolVar(&g.ascii, "ascii-borders", false, g.T(text.CLIHelp.FlagASCII))

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
		dbCmd(g, env),
	)
	localize(root, g.ui, args) // help.go
	if err := root.ExecuteContext(ctx); err != nil {
		fmt.Fprintln(env.Stderr, errorText(err, g.ui))
		return 1
	}
	return 0
}

// T is a text in the language of the messages.
func (g *globals) T(t text.T) string { return t.In(g.ui) }

// F is a format text in the language of the messages applied to args.
func (g *globals) F(t text.T, args ...any) string { return t.F(g.ui, args...) }

// errorText is the message a user sees for an error, in the language: the
// desk's refusals and problems in the words the terminal shows.
func errorText(err error, lang string) string {
	return text.CLI.Error.F(lang, safetext.Text(message(err, lang))) // a policy's label or a file's text may hold ESC
}

// message is err in lang when it can say itself in the language (the
// desk's errors, the command line's own), else cobra's and pflag's
// messages in lang (help.go), else as it is.
func message(err error, lang string) string {
	type messager interface{ Message(lang string) string }
	var m messager
	if errors.As(err, &m) {
		return m.Message(lang)
	}
	var ve *desk.ValidationError
	var ce *desk.ConflictError
	var fe *desk.ForbiddenError // a refusal by the policy
	switch {
	case errors.As(err, &ve):
		return ve.Message(lang)
	case errors.As(err, &ce):
		return ce.Message(lang)
	case errors.As(err, &fe):
		return fe.Message(lang)
	}
	return cobraMessage(err.Error(), lang)
}

// userError is a problem the command line reports: Error in English,
// Message in the user's language (errorText); an error among its
// values is said in the language too.
type userError struct {
	t    text.T
	args []any
}

// fail is the error of a text with its values.
func fail(t text.T, args ...any) error { return &userError{t: t, args: args} }

func (e *userError) Error() string { return e.Message("en") }

func (e *userError) Message(lang string) string {
	args := make([]any, len(e.args))
	for i, a := range e.args {
		if err, ok := a.(error); ok {
			a = message(err, lang)
		}
		args[i] = a
	}
	return e.t.F(lang, args...)
}

func (e *userError) Unwrap() error {
	for _, a := range e.args {
		if err, ok := a.(error); ok {
			return err
		}
	}
	return nil
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

// DBPath is the database: --db, $DESK_DB, else desk.db in the platform
// data directory. It is a file name or a database URL (storeurl).
func DBPath(flag string, getenv func(string) string) (string, error) {
	if flag != "" {
		return flag, nil
	}
	if p := getenv("DESK_DB"); p != "" {
		return p, nil
	}
	dir, err := DataDir(getenv)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "desk.db"), nil
}

// DataDir is the platform data directory of the desk: where its database
// file is by default, and where desk serve keeps its host key and config
// when the database is not a file.
func DataDir(getenv func(string) string) (string, error) {
	if x := getenv("XDG_DATA_HOME"); x != "" {
		return filepath.Join(x, "complaintdesk"), nil
	}
	home := getenv("HOME")
	if home == "" {
		h, err := os.UserHomeDir()
		if err != nil {
			return "", fail(text.CLIError.NoDataDir)
		}
		home = h
	}
	return filepath.Join(home, ".local", "share", "complaintdesk"), nil
}

// cacheDir is where the desk keeps what it can compute again (the parsed
// policy): $XDG_CACHE_HOME/complaintdesk or ~/.cache/complaintdesk; ""
// (nothing kept) when neither is set.
func cacheDir(getenv func(string) string) string {
	if x := getenv("XDG_CACHE_HOME"); x != "" {
		return filepath.Join(x, "complaintdesk")
	}
	if home := getenv("HOME"); home != "" {
		return filepath.Join(home, ".cache", "complaintdesk")
	}
	return ""
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
	st, where, err := g.openStore(ctx, env)
	if err != nil {
		return nil, err
	}
	return g.openDesk(ctx, env, st, where, preset)
}

// openStore opens the database --db names (storeurl: a file or a URL)
// and says where it is, a password masked.
func (g *globals) openStore(ctx context.Context, env Env) (st store.Store, where string, err error) {
	dsn, err := DBPath(g.db, env.Getenv)
	if err != nil {
		return nil, "", err
	}
	return openDSN(ctx, env, dsn, g.language(env))
}

// openDSN opens the database dsn with env's opener and tells the user of
// files it had to make private. where is dsn fit to print.
func openDSN(ctx context.Context, env Env, dsn, lang string) (st store.Store, where string, err error) {
	if env.Open == nil {
		return nil, "", errors.New("cli: no store opener (Env.Open)")
	}
	st, err = env.Open(ctx, dsn)
	if err != nil {
		return nil, "", err
	}
	where = storeurl.RedactDSN(dsn)
	if f, ok := st.(store.FileStore); ok {
		where = f.Path()
		if made := f.MadePrivate(); len(made) > 0 {
			fmt.Fprintln(env.Stderr, text.CLI.MadePrivate.F(lang, strings.Join(made, ", ")))
		}
		if d, ok := st.(interface{ SharedDir() string }); ok && d.SharedDir() != "" { // left as it is (store/sqlite/private.go)
			fmt.Fprintln(env.Stderr, text.CLIGuard.SharedDir.F(lang, d.SharedDir()))
		}
	}
	return st, where, nil
}

// openDesk opens the desk on an opened store (closing it on failure).
func (g *globals) openDesk(ctx context.Context, env Env, st store.Store, where, preset string) (*App, error) {
	login := osLogin(env.Getenv)
	dir, _ := DataDir(env.Getenv) // for a database server's desk: where its files go
	d, err := desk.Open(ctx, st, desk.Options{Preset: preset, By: login, DataDir: dir, CacheDir: cacheDir(env.Getenv)})
	if err != nil {
		st.Close()
		return nil, err
	}
	actor, err := d.ActorFor(ctx, g.as, login)
	if err != nil {
		st.Close()
		return nil, unknownUser(err, g.as, login) // messages.go
	}
	if g.as != "" {
		if actor, err = stationPIN(ctx, env, g.language(env), st, d, actor, login); err != nil { // station.go
			st.Close()
			return nil, err
		}
	}
	return &App{Desk: d, Store: st, Where: where, Actor: actor, Lang: g.language(env), Env: env, ASCII: g.ascii}, nil
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
// `desk cases` offers the steps of its policy. A desk file not created
// yet, or one that cannot be opened, is left to the command (which says
// why); a database server that cannot be reached is not tried twice.
func (g *globals) openEarly(ctx context.Context, env Env) {
	dsn, err := DBPath(g.db, env.Getenv)
	if err != nil {
		return
	}
	file := storeurl.IsFile(dsn)
	if file && !fileExists(dsn) {
		return
	}
	app, err := g.open(ctx, env, "")
	switch {
	case err == nil:
		g.app = app
	case !file || errors.As(err, new(*pinError)): // a PIN is asked for once
		g.earlyErr = err
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
		return g.app.localize(fn(g.app)) // messages.go
	}
	if g.earlyErr != nil {
		return g.earlyErr
	}
	app, err := g.open(cmd.Context(), env, "")
	if err != nil {
		return err
	}
	defer app.Close()
	defer app.sweepAfterWrites(cmd.Context())
	return app.localize(fn(app))
}

func initCmd(g *globals, env Env) *cobra.Command {
	var profile string
	c := &cobra.Command{
		Use:   "init",
		Short: g.T(text.CLIHelp.Init),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if _, err := policy.Preset(profile); err != nil {
				return err
			}
			dsn, err := DBPath(g.db, env.Getenv)
			if err != nil {
				return err
			}
			existed := storeurl.IsFile(dsn) && fileExists(dsn)
			st, where, err := g.openStore(cmd.Context(), env)
			if err != nil {
				return err
			}
			if !storeurl.IsFile(dsn) { // a database server: a desk exists once it has a policy
				if existed, err = hasPolicy(cmd.Context(), st); err != nil {
					st.Close()
					return err
				}
			}
			app, err := g.openDesk(cmd.Context(), env, st, where, profile)
			if err != nil {
				return err
			}
			defer app.Close()
			p := app.Desk.Policy()
			if existed && p.Profile != profile && !(profile == "default" && p.Profile == "") {
				return fail(text.CLIError.InitExists, app.Where, p.Name)
			}
			fmt.Fprintf(env.Stdout, "%s\t%s\t%s\n", app.Where, p.Name, app.Actor.Name)
			return nil
		},
	}
	c.Flags().StringVar(&profile, "profile", "default", g.F(text.CLIHelp.FlagProfile, strings.Join(policy.PresetNames(), ", ")))
	return c
}

// hasPolicy reports whether a desk was made in st (it has a policy).
func hasPolicy(ctx context.Context, st store.Store) (bool, error) {
	has := false
	err := st.Read(ctx, func(tx store.Tx) error {
		_, err := tx.Policy()
		if errors.Is(err, store.ErrNotFound) {
			return nil
		}
		has = err == nil
		return err
	})
	return has, err
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func backupCmd(g *globals, env Env) *cobra.Command {
	var out string
	c := &cobra.Command{
		Use:   "backup --out FILE",
		Short: g.T(text.CLIHelp.Backup),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "" {
				return fail(text.CLIError.GiveOut)
			}
			return g.withApp(cmd, env, func(app *App) error {
				if err := requireAdmin(app); err != nil { // the whole database, unmasked
					return err
				}
				b, ok := app.Store.(store.Backuper)
				if !ok {
					return fail(text.Store.NoBackup, app.Where)
				}
				path, err := app.outPath(out, false) // a backup never replaces a file
				if err != nil {
					return err
				}
				start := time.Now()
				if err := b.Backup(cmd.Context(), path); err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "%s\tok\t%s\n", out, time.Since(start).Round(time.Millisecond))
				return nil
			})
		},
	}
	c.Flags().StringVar(&out, "out", "", g.T(text.CLIHelp.FlagBackupOut))
	return c
}

func checkCmd(g *globals, env Env) *cobra.Command {
	return &cobra.Command{
		Use:   "check",
		Short: g.T(text.CLIHelp.Check),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return g.withApp(cmd, env, func(app *App) error {
				lang := app.Lang
				if c, ok := app.Store.(store.Checker); ok {
					if err := c.Check(cmd.Context()); err != nil {
						return fail(text.CLIError.IntegrityFailed, err)
					}
				} else {
					fmt.Fprintln(env.Stderr, "desk: "+text.Store.NoIntegrityCheck.F(lang, app.Where))
				}
				n, br, err := app.Desk.CheckHistory(cmd.Context())
				if err != nil {
					return err
				}
				if br != nil {
					return fail(text.CLIError.Tampered, br.Message(lang))
				}
				fmt.Fprintln(env.Stderr, text.CLI.ChainIntact.F(lang, n))
				if t := app.Desk.CalendarGapText(app.Desk.Now(), lang); t != "" {
					fmt.Fprintln(env.Stderr, "desk: "+t)
				}
				if f, ok := app.Store.(store.FileStore); ok {
					if open := f.OpenToOthers(); len(open) > 0 {
						fmt.Fprintln(env.Stderr, text.CLI.OpenToOthers.F(lang, strings.Join(open, ", ")))
					}
				}
				fmt.Fprintln(env.Stdout, "ok")
				return nil
			})
		},
	}
}
