package cli_test

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"complaintdesk/internal/cli"
	"complaintdesk/internal/desk"
	"complaintdesk/internal/storeurl"
	"complaintdesk/store"
	"complaintdesk/store/sqlite"
)

// serverStore is a store reached by URL, as a database server's is: only
// store.Store shows (no backup to a file, no integrity check, no files).
type serverStore struct{ store.Store }

// serverDesk runs the desk with a PostgreSQL opener that keeps each URL's
// database in a SQLite file of the test behind serverStore.
type serverDesk struct {
	t     *testing.T
	dir   string
	env   map[string]string
	calls []string // the URLs the opener was given
}

func newServerDesk(t *testing.T) *serverDesk {
	dir := t.TempDir()
	return &serverDesk{t: t, dir: dir, env: map[string]string{"LANG": "en_US.UTF-8", "HOME": dir}}
}

func (s *serverDesk) run(args ...string) (stdout, stderr string, code int) {
	s.t.Helper()
	open := storeurl.Openers{
		SQLite: func(ctx context.Context, path string) (store.Store, error) { return sqlite.Open(ctx, path) },
		Postgres: func(ctx context.Context, url string) (store.Store, error) {
			s.calls = append(s.calls, url)
			name := strings.NewReplacer("/", "_", ":", "_", "@", "_").Replace(url)
			db, err := sqlite.Open(ctx, filepath.Join(s.dir, name+".db"))
			if err != nil {
				return nil, err
			}
			return serverStore{db}, nil
		},
	}.Open
	var out, errb bytes.Buffer
	code = cli.Run(context.Background(), args, cli.Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string { return s.env[k] }, Open: open})
	return out.String(), errb.String(), code
}

func (s *serverDesk) ok(args ...string) (stdout, stderr string) {
	s.t.Helper()
	out, errs, code := s.run(args...)
	if code != 0 {
		s.t.Fatalf("desk %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errs)
	}
	return out, errs
}

// A desk on a database server works through store.Store alone: init says
// where with the password masked, check checks the chains and says the
// server has no integrity check of the desk's, backup points to pg_dump,
// and a whole desk copies in and out.
func TestADeskOnADatabaseServer(t *testing.T) {
	const url = "postgres://desk:s3cret@db1/desk"
	s := newServerDesk(t)
	s.env["DESK_DB"] = url
	out, errs := s.ok("init")
	if !strings.HasPrefix(out, "postgres://desk:xxxxx@db1/desk\t") || strings.Contains(out+errs, "s3cret") {
		t.Errorf("init: %q %q", out, errs)
	}
	if len(s.calls) == 0 || s.calls[0] != url {
		t.Fatalf("the PostgreSQL store was given %v, want the URL as typed", s.calls)
	}
	// A second init with another profile: the desk exists, it is said.
	if _, errs, code := s.run("init", "--profile", "lab"); code == 0 || !strings.Contains(errs, "postgres://desk:xxxxx@db1/desk already exists") {
		t.Errorf("init over a desk: %d %s", code, errs)
	}
	number := strings.TrimSpace(func() string {
		out, _ := s.ok("cases", "new", "--name", "张三", "--phone", "13800138000", "--content", "退款未到账", "--grade", "C")
		return out
	}())
	if out, errs := s.ok("check"); out != "ok\n" || !strings.Contains(errs, "has no integrity check of its own") || !strings.Contains(errs, "history chain intact") {
		t.Errorf("check: %q %q", out, errs)
	}
	if _, errs, code := s.run("backup", "--out", filepath.Join(s.dir, "b.db")); code == 0 || !strings.Contains(errs, "pg_dump") || strings.Contains(errs, "s3cret") {
		t.Errorf("backup: %d %q", code, errs)
	}

	// Out to a file and back into another server database.
	file := filepath.Join(s.dir, "out.db")
	s.ok("db", "copy", "--from", url, "--to", file)
	_, errs = s.ok("db", "copy", "--from", file, "--to", "postgres://desk:s3cret@db2/desk")
	if !strings.Contains(errs, "history chains are intact") || strings.Contains(errs, "s3cret") {
		t.Errorf("copy back: %s", errs)
	}
	s.env["DESK_DB"] = "postgres://desk:s3cret@db2/desk"
	if out, _ := s.ok("cases", "show", number); !strings.Contains(out, "退款未到账") {
		t.Errorf("the case did not make it to db2:\n%s", out)
	}
}

// The files a desk on a database server writes for its users (the monthly
// report from the report page) go to the data directory it was given; a
// desk on a file writes beside the file.
func TestADatabaseServersDeskWritesIntoItsDataDirectory(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := sqlite.Open(ctx, filepath.Join(dir, "db", "desk.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, tc := range []struct {
		st   store.Store
		want string
	}{
		{serverStore{db}, filepath.Join(dir, "data")},
		{db, filepath.Join(dir, "db")},
	} {
		d, err := desk.Open(ctx, tc.st, desk.Options{By: "test", DataDir: filepath.Join(dir, "data")})
		if err != nil {
			t.Fatal(err)
		}
		if got := d.DataDir(); got != tc.want {
			t.Errorf("%T: DataDir %q, want %q", tc.st, got, tc.want)
		}
	}
}
