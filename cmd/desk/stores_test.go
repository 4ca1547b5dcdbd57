package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"complaintdesk/internal/cli"
)

// A database URL is never taken for a file name: every command given one
// fails with a clear error that never shows the password, and leaves no
// file or folder behind (a desk built without PostgreSQL once made a
// SQLite database in a folder called "postgres:").
func TestADatabaseURLIsNeverAFile(t *testing.T) {
	const url = "postgres://u:secret@127.0.0.1:1/x"
	const shown = "postgres://u:xxxxx@127.0.0.1:1/x"
	cwd := t.TempDir()
	t.Chdir(cwd)
	home := t.TempDir()
	data := filepath.Join(home, "data")
	for _, tc := range []struct {
		name   string
		args   []string
		envDB  string
		lang   string
		expect string
	}{
		{name: "cases list", args: []string{"--db", url, "cases", "list"}, lang: "en_US.UTF-8"},
		{name: "DESK_DB", args: []string{"cases", "list"}, envDB: url, lang: "en_US.UTF-8"},
		{name: "init", args: []string{"--db", url, "init"}, lang: "en_US.UTF-8"},
		{name: "check", args: []string{"--db", url, "check"}, lang: "en_US.UTF-8"},
		{name: "backup", args: []string{"--db", url, "backup", "--out", "b.db"}, lang: "en_US.UTF-8"},
		{name: "serve", args: []string{"--db", url, "serve", "--listen", "127.0.0.1:0"}, lang: "en_US.UTF-8"},
		{name: "postgresql scheme", args: []string{"--db", "postgresql://u:secret@127.0.0.1:1/x", "cases", "list"}, lang: "en_US.UTF-8"},
		{name: "keyword string", args: []string{"--db", "host=127.0.0.1 port=1 user=u password=secret dbname=x", "cases", "list"}, lang: "en_US.UTF-8"},
		{name: "Chinese", args: []string{"--db", url, "cases", "list"}, lang: "zh_CN.UTF-8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := map[string]string{"HOME": home, "XDG_DATA_HOME": data, "LANG": tc.lang, "DESK_DB": tc.envDB}
			var out, errb bytes.Buffer
			code := cli.Run(context.Background(), tc.args, deskEnv(strings.NewReader(""), &out, &errb, func(k string) string { return env[k] }))
			all := out.String() + errb.String()
			if code == 0 {
				t.Fatalf("exit 0 for a database that cannot be opened:\n%s", all)
			}
			if strings.Contains(all, "secret") {
				t.Errorf("the password is shown:\n%s", all)
			}
			switch {
			case stores.Postgres == nil && tc.lang == "en_US.UTF-8":
				if !strings.Contains(all, "PostgreSQL support is not built in") {
					t.Errorf("want the reason, got:\n%s", all)
				}
			case stores.Postgres == nil:
				if !strings.Contains(all, "没有内置 PostgreSQL 支持") {
					t.Errorf("want the reason in Chinese, got:\n%s", all)
				}
			default:
				if !strings.Contains(all, "cannot open the database") && !strings.Contains(all, "无法打开数据库") {
					t.Errorf("want a clear error, got:\n%s", all)
				}
			}
			if strings.HasPrefix(tc.args[1], "postgres://") && !strings.Contains(all, shown) {
				t.Errorf("want the database shown as %s, got:\n%s", shown, all)
			}
			for _, dir := range []string{cwd, home} {
				if entries, _ := os.ReadDir(dir); len(entries) > 0 {
					t.Errorf("%s holds %v after the command", dir, entries)
				}
			}
		})
	}
}

// A file name still opens a SQLite file, and desk init prints where.
func TestAFileNameIsASQLiteDesk(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "desk.db")
	env := map[string]string{"HOME": dir, "LANG": "en_US.UTF-8", "DESK_DB": path}
	var out, errb bytes.Buffer
	if code := cli.Run(context.Background(), []string{"init"}, deskEnv(strings.NewReader(""), &out, &errb, func(k string) string { return env[k] })); code != 0 {
		t.Fatalf("init: %s", errb.String())
	}
	if !strings.HasPrefix(out.String(), path+"\t") {
		t.Errorf("init printed %q, want the file first", out.String())
	}
	if _, err := os.Stat(path); err != nil {
		t.Error(err)
	}
}
