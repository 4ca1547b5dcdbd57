package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Red team finding 2: every --out refuses an existing file unless --force,
// and never writes over the database, its -wal/-shm/-journal or the SSH
// host key, whatever --force says.
func TestOutRefusesExistingFilesAndTheDesksOwn(t *testing.T) {
	c := newCLIDesk(t)
	c.users("李娜:agent")
	n := c.newCase("--as", "李娜", "--phone", "13812345678", "--content", "快递延误", "--grade", "C")
	db := c.env["DESK_DB"]
	dir := filepath.Dir(db)
	hostKey := filepath.Join(dir, "ssh_host_ed25519_key")
	if err := os.WriteFile(hostKey, []byte("KEY"), 0o600); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(t.TempDir(), "old.txt")
	if err := os.WriteFile(other, []byte("OLD"), 0o600); err != nil {
		t.Fatal(err)
	}
	outs := [][]string{
		{"--as", "李娜", "cases", "print", n, "--form", "opinion", "--out"},
		{"export", "cases", "--format", "csv", "--out"},
		{"report", "monthly", "--format", "csv", "--out"},
	}
	for _, cmd := range outs {
		for _, target := range []string{db, db + "-wal", hostKey} {
			for _, force := range []bool{false, true} {
				args := append(append([]string{}, cmd...), target)
				if force {
					args = append(args, "--force")
				}
				for _, lang := range [][2]string{{"zh", "本投诉台自己的文件"}, {"en", "this desk's own files"}} {
					_, errs, code := c.run(append([]string{"--lang", lang[0]}, args...)...)
					if code != 1 || !strings.Contains(errs, lang[1]) {
						t.Errorf("desk %s (%s): exit %d, %q; want refused saying %q", strings.Join(args, " "), lang[0], code, errs, lang[1])
					}
				}
			}
		}
		// an existing file: refused without --force, kept as it was
		args := append(append([]string{}, cmd...), other)
		for _, lang := range [][2]string{{"zh", "已存在"}, {"en", "already exists"}} {
			if _, errs, code := c.run(append([]string{"--lang", lang[0]}, args...)...); code != 1 || !strings.Contains(errs, lang[1]) || !strings.Contains(errs, "--force") {
				t.Errorf("desk %s (%s): exit %d, %q; want refused naming --force", strings.Join(args, " "), lang[0], code, errs)
			}
		}
		if b, _ := os.ReadFile(other); string(b) != "OLD" {
			t.Fatalf("desk %s changed the existing file without --force", strings.Join(args, " "))
		}
		// done right: a new file, or --force over the old one
		fresh := filepath.Join(t.TempDir(), "new.txt")
		c.ok(append(append([]string{}, cmd...), fresh)...)
		if st, err := os.Stat(fresh); err != nil || st.Size() == 0 {
			t.Errorf("desk %s did not write the new file: %v", strings.Join(cmd, " "), err)
		}
		c.ok(append(args, "--force")...)
		if b, _ := os.ReadFile(other); string(b) == "OLD" {
			t.Errorf("desk %s --force did not write over the file", strings.Join(cmd, " "))
		}
		if err := os.WriteFile(other, []byte("OLD"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// the desk still works and the host key is untouched
	if got := c.show(n); got.Number != n {
		t.Fatalf("the desk no longer shows %s", n)
	}
	if b, _ := os.ReadFile(hostKey); string(b) != "KEY" {
		t.Errorf("the host key was written over")
	}
	// backup: the database itself is refused like any existing file
	if _, errs, code := c.run("--lang", "zh", "backup", "--out", db); code != 1 || !strings.Contains(errs, "本投诉台自己的文件") {
		t.Errorf("backup --out the database: exit %d %q", code, errs)
	}
}

// Red team finding 4: a database in a shared directory (sticky, like
// /tmp) leaves the directory as it is and warns, in the user's language.
func TestADatabaseInASharedDirectoryOnlyWarns(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "sh")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o777|os.ModeSticky); err != nil {
		t.Fatal(err)
	}
	c := newCLIDesk(t)
	c.env["DESK_DB"] = filepath.Join(dir, "desk.db")
	c.env["LANG"] = "zh_CN.UTF-8"
	_, errs, code := c.run("init")
	if code != 0 || !strings.Contains(errs, "其他用户可读") || !strings.Contains(errs, "1777") {
		t.Errorf("init in a sticky directory: exit %d, %q; want a warning naming the directory", code, errs)
	}
	st, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode()&os.ModeSticky == 0 || st.Mode().Perm() != 0o777 {
		t.Errorf("the shared directory became %v", st.Mode())
	}
	if st, _ := os.Stat(c.env["DESK_DB"]); st == nil || st.Mode().Perm() != 0o600 {
		t.Errorf("the database is not private: %v", st)
	}
	// the desk's own directory (made by it) gets no warning
	own := newCLIDesk(t)
	own.env["DESK_DB"] = filepath.Join(t.TempDir(), "made", "desk.db")
	if _, errs, code := own.run("init"); code != 0 || strings.Contains(errs, "warning") {
		t.Errorf("init in a directory of its own: exit %d, %q", code, errs)
	}
}
