package cli

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/pflag"

	"complaintdesk/internal/sshserver"
	"complaintdesk/store"
	"complaintdesk/ui/text"
)

// forceFlag adds --force: write over an existing --out file.
func forceFlag(g *globals, f *pflag.FlagSet, force *bool) {
	f.BoolVar(force, "force", false, g.T(text.CLIGuard.FlagForce))
}

// outPath is the absolute path of a --out file the command may write: an
// existing file only with force, and never the desk's own files (the
// database, its -wal/-shm/-journal, the SSH host key and the server's
// config), whatever force says: writing over them destroys the desk.
func (a *App) outPath(out string, force bool) (string, error) {
	path, err := filepath.Abs(out)
	if err != nil {
		return "", err
	}
	for _, p := range a.ownFiles() {
		if sameFile(path, p) {
			return "", fail(text.CLIGuard.OwnFile, path)
		}
	}
	st, err := os.Stat(path)
	switch {
	case err == nil && st.IsDir():
		return "", fail(text.CLIGuard.OutIsDir, path)
	case err == nil && !force:
		return "", fail(text.CLIGuard.OutExists, path)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return "", err
	}
	if _, err := os.Stat(filepath.Dir(path)); err != nil {
		return "", fail(text.CLIGuard.OutNoDir, filepath.Dir(path))
	}
	return path, nil
}

// ownFiles are the files a --out must never replace.
func (a *App) ownFiles() []string {
	var dirs, files []string
	if f, ok := a.Store.(store.FileStore); ok {
		db := f.Path()
		files = append(files, db, db+"-wal", db+"-shm", db+"-journal")
		dirs = append(dirs, filepath.Dir(db)) // desk serve's data directory (serveDataDir)
	}
	if d, err := DataDir(a.Env.Getenv); err == nil {
		dirs = append(dirs, d)
	}
	for _, d := range dirs {
		files = append(files, filepath.Join(d, sshserver.HostKeyFile), filepath.Join(d, sshserver.ConfigFile))
		if cfg, err := sshserver.LoadConfig(filepath.Join(d, sshserver.ConfigFile), sshserver.Config{}); err == nil && cfg.HostKeyPath != "" {
			files = append(files, cfg.HostKeyPath)
		}
	}
	return files
}

// sameFile reports whether two paths name one file: the same file on disk
// (links included), or the same path once the directories' links are
// followed (a file not made yet).
func sameFile(a, b string) bool {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(sa, sb)
	}
	return resolved(a) == resolved(b)
}

// resolved is p absolute with its directory's symbolic links followed.
func resolved(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	if dir, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		return filepath.Join(dir, filepath.Base(abs))
	}
	return abs
}
