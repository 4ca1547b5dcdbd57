//go:build unix

package main

// Private files (issue 13): everything the desk writes holds customers'
// names and phone numbers, so the real binary creates every file 0600 and
// every directory 0700 whatever the umask it was started with: the
// database and its -wal and -shm, the SSH host key, backups, reports,
// exports, printed forms and import reject files. Drafts live in the
// database, not in files. A desk left readable by others is tightened
// when opened, with a message.

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestEveryFileTheDeskWritesIsPrivate(t *testing.T) {
	bin := deskBinary(t)
	// The umask most shells start with: files would be 0644 without the desk's own.
	old := syscall.Umask(0o022)
	t.Cleanup(func() { syscall.Umask(old) })

	dir := t.TempDir()
	data := filepath.Join(dir, "desk-data") // made by the desk
	db := filepath.Join(data, "desk.db")
	env := newEnv(t)
	for i, kv := range env {
		if strings.HasPrefix(kv, "DESK_DB=") {
			env[i] = "DESK_DB=" + db
		}
	}
	out := filepath.Join(dir, "out") // the user's own directory, as it is
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	mode := func(path string, want fs.FileMode) {
		t.Helper()
		st, err := os.Stat(path)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			return
		}
		if got := st.Mode().Perm(); got != want {
			t.Errorf("%s is %04o, want %04o", filepath.Base(path), got, want)
		}
	}

	runCLI(t, bin, env, "init")
	runCLI(t, bin, env, "users", "add", "李娜", "--role", "agent")
	number := strings.TrimSpace(runCLI(t, bin, env, "cases", "new", "--as", "李娜", "--name", "张三", "--phone", "13812349342",
		"--content", "快递延误三天，包装破损", "--grade", "C"))
	mode(data, 0o700)
	mode(db, 0o600)

	// While the server runs: the database's -wal and -shm, the host key.
	s := startServe(t, bin, env)
	waitFor(t, "the -wal and -shm files", func() bool { return exists(db+"-wal") && exists(db+"-shm") })
	mode(db+"-wal", 0o600)
	mode(db+"-shm", 0o600)
	keys, _ := filepath.Glob(filepath.Join(data, "ssh_host_*"))
	if len(keys) == 0 {
		t.Errorf("desk serve made no host key in %s", data)
	}
	for _, k := range keys {
		mode(k, 0o600)
	}
	s.stop(patience)

	// What the commands write where the user says.
	runCLI(t, bin, env, "backup", "--out", filepath.Join(out, "backup.db"))
	mode(filepath.Join(out, "backup.db"), 0o600)
	for _, f := range []string{"cases.csv", "cases.xlsx", "cases.json"} {
		runCLI(t, bin, env, "export", "cases", "--out", filepath.Join(out, f))
		mode(filepath.Join(out, f), 0o600)
	}
	for _, f := range []string{"monthly.xlsx", "monthly.csv"} {
		runCLI(t, bin, env, "report", "monthly", "--out", filepath.Join(out, f))
		mode(filepath.Join(out, f), 0o600)
	}
	form := filepath.Join(out, "form.txt")
	if err := os.WriteFile(form, []byte("an older print\n"), 0o644); err != nil { // left readable by an older desk
		t.Fatal(err)
	}
	runCLI(t, bin, env, "cases", "print", number, "--out", form, "--force") // the user asks to replace it
	mode(form, 0o600)
	if b, _ := os.ReadFile(form); !strings.Contains(string(b), "13812349342") && !strings.Contains(string(b), "138****9342") {
		t.Errorf("the printed form is not the case's:\n%s", b)
	}
	register := filepath.Join(out, "register.csv")
	mapping := filepath.Join(out, "map.toml")
	os.WriteFile(register, []byte("no,date,name,text,phone\n1,2026-01-05,王五,快递延误,13800138000\n2,2026-01-06,王\u200b五,零宽空格,13800138001\n"), 0o600)
	os.WriteFile(mapping, []byte("source = \"register\"\nid = \"no\"\n[dates]\nformats = [\"YYYY-MM-DD\"]\n[columns]\nreceived = \"date\"\nname = \"name\"\ncontent = \"text\"\nphone = \"phone\"\n[defaults]\nstatus = \"closed\"\n"), 0o600)
	rejects := filepath.Join(out, "register.rejects.csv")
	cmd := exec.Command(bin, "import", register, "--map", mapping, "--rejects", rejects)
	cmd.Env = env
	if b, err := cmd.CombinedOutput(); err == nil || !strings.Contains(string(b), "U+200B") {
		t.Errorf("the import of a row with a zero-width space in a name: %v\n%s", err, b)
	}
	mode(rejects, 0o600)

	// Nothing else lands in the data directory: drafts are in the database.
	entries, _ := os.ReadDir(data)
	for _, e := range entries {
		n := e.Name()
		if !strings.HasPrefix(n, "desk.db") && !strings.HasPrefix(n, "ssh_host_") {
			t.Errorf("an unexpected file in the data directory: %s", n)
		}
	}

	// A desk made readable by others is tightened when opened, and says so.
	if err := os.Chmod(db, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(data, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd = exec.Command(bin, "cases", "list")
	cmd.Env = env
	b, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(b), "desk.db (was 0644)") || !strings.Contains(string(b), "(was 0755)") {
		t.Errorf("opening a desk readable by others: %v\n%s", err, b)
	}
	mode(data, 0o700)
	mode(db, 0o600)
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// waitFor polls cond until it holds, failing the test after patience.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(patience)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s did not appear within %s", what, patience)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
