//go:build unix

package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

func modeOf(t *testing.T, p string) os.FileMode {
	t.Helper()
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return st.Mode() & (os.ModePerm | os.ModeSticky)
}

// Red team finding 4: opening a database never chmods a shared directory
// (sticky, like /tmp, or any directory the desk did not make for itself);
// the database files are made private whatever the directory.
func TestOpenLeavesASharedDirectoryAlone(t *testing.T) {
	ctx := context.Background()
	for _, mode := range []os.FileMode{0o777 | os.ModeSticky, 0o755} {
		dir := filepath.Join(t.TempDir(), "shared")
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(dir, mode); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, "desk.db")
		if err := os.WriteFile(path, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "report.txt"), nil, 0o644); err != nil { // someone else's files too
			t.Fatal(err)
		}
		db, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		if got := modeOf(t, dir); got != mode {
			t.Errorf("opening a database in a %v directory changed it to %v", mode, got)
		}
		if got := modeOf(t, path); got != 0o600 {
			t.Errorf("the database is %v; want 0600", got)
		}
		if shared := mode&os.ModeSticky != 0; (db.SharedDir() != "") != shared {
			t.Errorf("SharedDir of a %v directory is %q; want it named: %v", mode, db.SharedDir(), shared)
		}
		if len(db.OpenToOthers()) == 0 {
			t.Errorf("desk check would not name the %v directory", mode)
		}
		db.Close()
	}
}

// The desk's own data directory (made by the desk, its complaintdesk
// directory, or one holding only its files) is made private; a directory
// with other files in it is not.
func TestOpenTightensTheDesksOwnDirectory(t *testing.T) {
	ctx := context.Background()
	made := filepath.Join(t.TempDir(), "new", "desk.db")
	db, err := Open(ctx, made)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if got := modeOf(t, filepath.Dir(made)); got != 0o700 {
		t.Errorf("the directory the desk made is %v; want 0700", got)
	}
	own := filepath.Join(t.TempDir(), dataDirName)
	if err := os.Mkdir(own, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(own, 0o755); err != nil {
		t.Fatal(err)
	}
	db, err = Open(ctx, filepath.Join(own, "desk.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if got := modeOf(t, own); got != 0o700 {
		t.Errorf("the desk's data directory is %v; want 0700", got)
	}
	if len(db.MadePrivate()) != 1 || db.SharedDir() != "" {
		t.Errorf("MadePrivate %q SharedDir %q; want the directory tightened and nothing shared", db.MadePrivate(), db.SharedDir())
	}
}

func TestOpenTightensADirectoryOfItsOwnOnly(t *testing.T) {
	ctx := context.Background()
	for _, other := range []bool{false, true} {
		dir := filepath.Join(t.TempDir(), "desk-data")
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		if other {
			if err := os.WriteFile(filepath.Join(dir, "notes.txt"), nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.Chmod(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		db, err := Open(ctx, filepath.Join(dir, "desk.db"))
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
		want := os.FileMode(0o700)
		if other {
			want = 0o755
		}
		if got := modeOf(t, dir); got != want {
			t.Errorf("a directory with other files %v: %v; want %v", other, got, want)
		}
	}
}
