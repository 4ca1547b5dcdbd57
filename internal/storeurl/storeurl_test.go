package storeurl

import (
	"context"
	"errors"
	"strings"
	"testing"

	"complaintdesk/store"
)

func TestKindOf(t *testing.T) {
	for dsn, want := range map[string]Kind{
		"desk.db":                               SQLite,
		"/var/lib/desk/desk.db":                 SQLite,
		"./postgres/desk.db":                    SQLite,
		`C:\desk\desk.db`:                       SQLite,
		"postgres://u:p@db1:5432/desk":          Postgres,
		"postgresql://db1/desk?sslmode=require": Postgres,
		"POSTGRES://db1/desk":                   Postgres,
		"postgres:desk":                         Postgres, // never a folder called "postgres:"
		"host=db1 dbname=desk user=desk":        Postgres,
		" dbname=desk":                          Postgres,
		"mysql://u@db1/desk":                    Unknown,
		"file:///tmp/desk.db":                   Unknown,
	} {
		if got := KindOf(dsn); got != want {
			t.Errorf("KindOf(%q) = %v, want %v", dsn, got, want)
		}
	}
}

func TestRedactDSNMasksEveryPassword(t *testing.T) {
	for dsn, want := range map[string]string{
		"postgres://desk:s3cr%40t@db1:5432/desk":          "postgres://desk:xxxxx@db1:5432/desk",
		"postgres://desk@db1/desk":                        "postgres://desk@db1/desk",
		"postgresql://db1/desk?user=desk&password=s3cret": "postgresql://db1/desk?user=desk&password=xxxxx",
		"postgres://desk:s3cret@db1/desk?sslpassword=k3y": "postgres://desk:xxxxx@db1/desk?sslpassword=xxxxx",
		"postgres://desk:s3 cret@db1/desk":                "postgres://desk:xxxxx@db1/desk", // not a valid URL: masked all the same
		"host=db1 user=desk password=s3cret dbname=desk":  "host=db1 user=desk password=xxxxx dbname=desk",
		"host=db1 password='s3 cret\\' x' dbname=desk":    "host=db1 password=xxxxx dbname=desk",
		"/home/desk/password=/desk.db":                    "/home/desk/password=/desk.db", // a file is shown as it is
		"mysql://root:s3cret@db1/desk":                    "mysql://root:xxxxx@db1/desk",
	} {
		got := RedactDSN(dsn)
		if got != want {
			t.Errorf("RedactDSN(%q) = %q, want %q", dsn, got, want)
		}
		if strings.Contains(got, "s3") || strings.Contains(got, "k3y") {
			t.Errorf("RedactDSN(%q) = %q shows the password", dsn, got)
		}
	}
}

func TestOpenWithoutPostgresRefusesAURL(t *testing.T) {
	sqliteCalled := false
	o := Openers{SQLite: func(context.Context, string) (store.Store, error) {
		sqliteCalled = true
		return nil, errors.New("sqlite")
	}}
	for _, dsn := range []string{"postgres://u:secret@127.0.0.1:1/x", "host=127.0.0.1 port=1 password=secret"} {
		_, err := o.Open(context.Background(), dsn)
		if !errors.Is(err, ErrNoPostgres) {
			t.Fatalf("Open(%q) = %v, want ErrNoPostgres", dsn, err)
		}
		if msg := err.Error(); !strings.Contains(msg, "PostgreSQL support is not built in") || strings.Contains(msg, "secret") {
			t.Errorf("Open(%q): %q", dsn, msg)
		}
		var e *Error
		if !errors.As(err, &e) || strings.Contains(e.Message("zh"), "secret") || !strings.Contains(e.Message("zh"), "PostgreSQL") {
			t.Errorf("Open(%q) in Chinese: %v", dsn, err)
		}
	}
	if _, err := o.Open(context.Background(), "mysql://u:secret@db/x"); err == nil || strings.Contains(err.Error(), "secret") ||
		!strings.Contains(err.Error(), "mysql://u:xxxxx@db/x") {
		t.Errorf("a mysql URL: %v", err)
	}
	if sqliteCalled {
		t.Error("a URL was opened as a SQLite file")
	}
}

// A driver that quotes the connection string in its error does not get
// the password printed.
func TestOpenErrorHidesWhatTheDriverQuotes(t *testing.T) {
	o := Openers{Postgres: func(_ context.Context, dsn string) (store.Store, error) {
		return nil, errors.New("cannot parse `" + dsn + "`: failed to connect (password=s3cret%40x)")
	}}
	for _, dsn := range []string{"postgres://u:s3cret%40x@db1/x", "host=db1 password=s3cret@x"} {
		_, err := o.Open(context.Background(), dsn)
		if err == nil {
			t.Fatal("no error")
		}
		msg := err.Error()
		if strings.Contains(msg, "s3cret") || !strings.Contains(msg, "cannot open the database") {
			t.Errorf("Open(%q): %q", dsn, msg)
		}
	}
}
