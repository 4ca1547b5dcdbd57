package sqlite

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// privateFiles makes the database, its -wal and -shm and their directory
// the owner's alone (0600 and 0700): they hold customers' names and phone
// numbers. A database not created yet is created empty and private, so
// SQLite gives its -wal and -shm the same mode. It returns what it had to
// tighten, for the user to be told.
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
	if err := tighten(filepath.Dir(path), 0o700); err != nil {
		return nil, err
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

// MadePrivate lists the files Open made private (store.FileStore).
func (db *DB) MadePrivate() []string { return db.Tightened }

// OpenToOthers lists the database's files that others may read (desk check).
func (db *DB) OpenToOthers() []string {
	var out []string
	for _, p := range []string{filepath.Dir(db.path), db.path, db.path + "-wal", db.path + "-shm"} {
		if st, err := os.Stat(p); err == nil && st.Mode().Perm()&0o077 != 0 {
			out = append(out, fmt.Sprintf("%s (%04o)", p, st.Mode().Perm()))
		}
	}
	return out
}
