package cli

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	_ "net/http/pprof" // desk serve --debug-addr
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	gossh "golang.org/x/crypto/ssh"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/sshserver"
	"complaintdesk/internal/storeurl"
	"complaintdesk/ui/text"
)

func serveCmd(g *globals, env Env) *cobra.Command {
	def := sshserver.DefaultConfig()
	var (
		listen       string
		maxSessions  int
		maxPerUser   int
		idle         time.Duration
		configPath   string
		verbose      bool
		debugAddr    string
		flagsChanged func(string) bool
	)
	c := &cobra.Command{
		Use:   "serve [--listen 127.0.0.1:2222] [--db PATH|URL]",
		Short: g.T(text.CLIHelp.Serve),
		Long:  g.F(text.CLIHelp.ServeLong, sshserver.HostKeyFile, sshserver.ConfigFile),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if env.SSHApp == nil {
				return fail(text.CLIError.NoTUIToServe)
			}
			dsn, err := DBPath(g.db, env.Getenv)
			if err != nil {
				return err
			}
			dataDir, err := serveDataDir(dsn, env.Getenv)
			if err != nil {
				return err
			}
			cfg := def
			cfg.Lang = Language(g.lang, env.Getenv)
			if configPath == "" {
				configPath = filepath.Join(dataDir, sshserver.ConfigFile)
			} else if _, err := os.Stat(configPath); err != nil {
				return fmt.Errorf("--config: %w", err)
			}
			if cfg, err = sshserver.LoadConfig(configPath, cfg); err != nil {
				return err
			}
			flagsChanged = cmd.Flags().Changed
			if flagsChanged("listen") {
				cfg.Listen = listen
			}
			if flagsChanged("max-sessions") {
				cfg.MaxSessions = maxSessions
			}
			if flagsChanged("max-sessions-per-user") {
				cfg.MaxSessionsPerUser = maxPerUser
			}
			if flagsChanged("idle-timeout") {
				cfg.IdleTimeout = idle
			}
			if g.lang != "" {
				cfg.Lang = Language(g.lang, env.Getenv)
			}
			if cfg.HostKeyPath == "" {
				cfg.HostKeyPath = filepath.Join(dataDir, sshserver.HostKeyFile)
			}
			if err := cfg.Validate(); err != nil {
				return err
			}

			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			db, where, err := openDSN(ctx, env, dsn, cfg.Lang)
			if err != nil {
				return err
			}
			defer db.Close()
			login := osLogin(env.Getenv)
			// The sessions share their queue reads (the desk's read cache).
			d, err := desk.Open(ctx, db, desk.Options{By: login, DataDir: dataDir})
			if err != nil {
				return err
			}
			// The first run of a new desk maps the OS user who made it as its
			// administrator; the server itself acts as nobody.
			if _, err := d.ActorFor(ctx, g.as, login); err != nil && !errors.Is(err, desk.ErrUnknownUser) {
				return err
			}

			// The host key is made there on the first run.
			if err := os.MkdirAll(dataDir, 0o700); err != nil {
				return err
			}
			level := slog.LevelInfo
			if verbose {
				level = slog.LevelDebug
			}
			log := slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: level}))
			srv, err := sshserver.New(d, cfg, env.SSHApp, log)
			if err != nil {
				return err
			}
			if err := srv.Listen(); err != nil {
				return err
			}
			if debugAddr != "" {
				if err := servePprof(debugAddr, log); err != nil {
					return err
				}
			}
			keys, _ := d.Keys(ctx, "")
			// The server's log is in English, like its slog lines after it:
			// scripts and tests read the address from this line.
			fmt.Fprintf(env.Stdout, "desk serve: listening on %s (host key %s, %s)\n", srv.Addr(), hostKeyFingerprint(cfg.HostKeyPath), where)
			if len(keys) == 0 {
				fmt.Fprintln(env.Stdout, "desk serve: no user has an SSH key yet: desk users keys add NAME --key-file ~/.ssh/id_ed25519.pub")
			}
			return srv.Serve(ctx)
		},
	}
	f := c.Flags()
	h := text.CLIHelp
	f.StringVar(&listen, "listen", def.Listen, g.T(h.FlagListen))
	f.IntVar(&maxSessions, "max-sessions", def.MaxSessions, g.T(h.FlagMaxSessions))
	f.IntVar(&maxPerUser, "max-sessions-per-user", def.MaxSessionsPerUser, g.T(h.FlagMaxPerUser))
	f.DurationVar(&idle, "idle-timeout", def.IdleTimeout, g.T(h.FlagIdle))
	f.StringVar(&configPath, "config", "", g.F(h.FlagConfig, sshserver.ConfigFile))
	f.BoolVar(&verbose, "verbose", false, g.T(h.FlagVerbose))
	f.StringVar(&debugAddr, "debug-addr", "", g.T(h.FlagDebugAddr))
	_ = f.MarkHidden("debug-addr")
	return c
}

// serveDataDir is where desk serve keeps its host key and config: beside
// the database file, or for a database server the desk's data directory
// of this machine (each node has its own; give the nodes one host key
// with host_key in serve.toml, see the README).
func serveDataDir(dsn string, getenv func(string) string) (string, error) {
	if !storeurl.IsFile(dsn) {
		return DataDir(getenv)
	}
	abs, err := filepath.Abs(dsn)
	if err != nil {
		return "", err
	}
	return filepath.Dir(abs), nil
}

// hostKeyFingerprint is the SHA256 fingerprint clients see for the host key.
func hostKeyFingerprint(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return "?"
	}
	signer, err := gossh.ParsePrivateKey(b)
	if err != nil {
		return "?"
	}
	return gossh.FingerprintSHA256(signer.PublicKey())
}

// servePprof serves the profiler on a loopback address (load tests).
func servePprof(addr string, log *slog.Logger) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("--debug-addr: %w", err)
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fail(text.CLIError.DebugLoopback, addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	log.Info("profiler", "addr", ln.Addr().String())
	go http.Serve(ln, nil) //nolint:errcheck // ends with the process
	return nil
}
