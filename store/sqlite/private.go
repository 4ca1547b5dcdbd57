package sqlite

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// dataDirName is the name of the desk's own data directory (cli.DataDir:
// ~/.local/share/complaintdesk), which it made for itself.
const dataDirName = "complaintdesk"

// privateFiles makes the database and its -wal, -shm and -journal the
// owner's alone (0600): they hold customers' names and phone numbers. A
// database not created yet is created empty and private, so SQLite gives
// its -wal and -shm the same mode. The directory is made 0700 when it
// does not exist; an existing one is tightened only when it is the desk's
// own (ownDir): a directory others share (/tmp, a sticky or another
// user's directory) is never changed, only reported (DB.SharedDir). It
// returns what it had to tighten, for the user to be told.
func privateFiles(path string) ([]string, error) {
	var tightened []string
	tighten := func(p string, mode fs.FileMode) error {
		st, err := os.Stat(p)
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		if st.Mode().Perm()&0o077 == 0 {
			return nil
		}
		if err := os.Chmod(p, mode); err != nil {
			return fmt.Errorf("make %s private: %w", p, err)
		}
		tightened = append(tightened, fmt.Sprintf("%s (was %04o)", filepath.Base(p), st.Mode().Perm()))
		return nil
	}
	dir := filepath.Dir(path)
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("create the data directory: %w", err)
		}
	} else if err != nil {
		return nil, err
	} else if ownDir(dir, filepath.Base(path)) {
		if err := tighten(dir, 0o700); err != nil {
			return nil, err
		}
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if err != nil && !errors.Is(err, fs.ErrExist) {
			return nil, err
		}
		if f != nil {
			f.Close()
		}
	}
	for _, p := range []string{path, path + "-wal", path + "-shm", path + "-journal"} {
		if err := tighten(p, 0o600); err != nil {
			return nil, err
		}
	}
	return tightened, nil
}

// ownDir reports whether dir is the desk's own data directory, which it
// may make private: this process's user's, not a shared (sticky)
// directory, and either named so or holding nothing but the desk's files
// (the database db and its companions, desk serve's host key and config):
// a home or a project directory is never changed.
func ownDir(dir, db string) bool {
	st, err := os.Stat(dir)
	if err != nil || st.Mode()&fs.ModeSticky != 0 || !ownedByMe(st) {
		return false
	}
	if filepath.Base(dir) == dataDirName {
		return true
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		n := e.Name()
		if !strings.HasPrefix(n, db) && !strings.HasPrefix(n, "ssh_host_") && n != "serve.toml" {
			return false
		}
	}
	return true
}

// MadePrivate lists the files Open made private (store.FileStore).
func (db *DB) MadePrivate() []string { return db.Tightened }

// SharedDir is the database's directory with its mode when it is shared
// with other users ("/tmp (1777)": sticky, another user's, or writable by
// others) and they may read it, which the desk leaves as it is; "" when
// it is not. (The user's own directory readable by others, such as their
// home, is named by desk check: OpenToOthers.)
func (db *DB) SharedDir() string {
	dir := filepath.Dir(db.path)
	st, err := os.Stat(dir)
	if err != nil || st.Mode().Perm()&0o077 == 0 {
		return ""
	}
	if st.Mode()&fs.ModeSticky != 0 || st.Mode().Perm()&0o022 != 0 || !ownedByMe(st) {
		return fmt.Sprintf("%s (%s)", dir, modeText(st.Mode()))
	}
	return ""
}

// modeText is a mode in octal with its sticky bit (1777).
func modeText(m fs.FileMode) string {
	n := uint32(m.Perm())
	if m&fs.ModeSticky != 0 {
		n |= 0o1000
	}
	return fmt.Sprintf("%04o", n)
}

// OpenToOthers lists the database's files that others may read (desk check).
func (db *DB) OpenToOthers() []string {
	var out []string
	for _, p := range []string{filepath.Dir(db.path), db.path, db.path + "-wal", db.path + "-shm"} {
		if st, err := os.Stat(p); err == nil && st.Mode().Perm()&0o077 != 0 {
			out = append(out, fmt.Sprintf("%s (%s)", p, modeText(st.Mode())))
		}
	}
	return out
}
