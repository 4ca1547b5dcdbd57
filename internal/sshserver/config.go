package sshserver

import (
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// ConfigFile is the server's config file, looked for in the data directory
// next to the database.
const ConfigFile = "serve.toml"

// HostKeyFile is the server's host key in the data directory, made on the
// first start and reused (clients check it with known_hosts).
const HostKeyFile = "ssh_host_ed25519_key"

// Config is what `desk serve` runs with: flags over the config file over
// these defaults.
type Config struct {
	// Listen is the address, e.g. 127.0.0.1:2222 (port 0: any free port).
	Listen string `toml:"listen"`
	// MaxSessions is the most sessions at once in total; 0: no limit.
	MaxSessions int `toml:"max_sessions"`
	// MaxSessionsPerUser is the most sessions one user may have; 0: no limit.
	MaxSessionsPerUser int `toml:"max_sessions_per_user"`
	// IdleTimeout ends a session nobody typed in for this long (the draft
	// is kept); 0: never.
	IdleTimeout time.Duration `toml:"idle_timeout"`
	// Lang is the UI language when neither the user's setting nor the
	// client's LANG says: zh or en.
	Lang string `toml:"lang"`
	// FPS caps how often one session redraws (screen.go).
	FPS int `toml:"fps"`
	// ShutdownGrace is how long sessions get to save and say goodbye on
	// SIGTERM before their connections are closed.
	ShutdownGrace time.Duration `toml:"shutdown_grace"`
	// HostKeyPath is the host key file (default: HostKeyFile in the data directory).
	HostKeyPath string `toml:"host_key"`
}

// DefaultConfig is the configuration without a config file or flags.
func DefaultConfig() Config {
	return Config{
		Listen:             "127.0.0.1:2222",
		MaxSessions:        200,
		MaxSessionsPerUser: 5,
		IdleTimeout:        30 * time.Minute,
		FPS:                10,
		ShutdownGrace:      2 * time.Second,
	}
}

// LoadConfig reads a config file over cfg. A missing file is not an error;
// a file with unknown keys or bad values is, with the file and key named.
func LoadConfig(path string, cfg Config) (Config, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return cfg, nil
	}
	if err != nil {
		return cfg, err
	}
	md, err := toml.Decode(string(data), &cfg)
	if err != nil {
		return cfg, fmt.Errorf("%s: %w", path, err)
	}
	if un := md.Undecoded(); len(un) > 0 {
		keys := make([]string, len(un))
		for i, k := range un {
			keys[i] = k.String()
		}
		return cfg, fmt.Errorf("%s: unknown setting %s (known: listen, max_sessions, max_sessions_per_user, idle_timeout, lang, fps, shutdown_grace, host_key)", path, strings.Join(keys, ", "))
	}
	return cfg, nil
}

// Validate checks the configuration.
func (c Config) Validate() error {
	var problems []string
	if _, _, err := net.SplitHostPort(c.Listen); err != nil {
		problems = append(problems, fmt.Sprintf("listen %q: write it as HOST:PORT, e.g. 127.0.0.1:2222", c.Listen))
	}
	if c.MaxSessions < 0 || c.MaxSessionsPerUser < 0 {
		problems = append(problems, "session limits must be 0 (none) or more")
	}
	if c.IdleTimeout < 0 {
		problems = append(problems, "idle_timeout must be 0 (none) or more")
	}
	if c.IdleTimeout > 0 && c.IdleTimeout < 10*time.Second {
		problems = append(problems, fmt.Sprintf("idle_timeout %s is too short (10s at least)", c.IdleTimeout))
	}
	if c.FPS < 0 || c.FPS > 120 {
		problems = append(problems, "fps must be 1 to 120 (0: default)")
	}
	switch c.Lang {
	case "", "zh", "en":
	default:
		problems = append(problems, fmt.Sprintf("lang %q: zh or en", c.Lang))
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "; "))
	}
	return nil
}
