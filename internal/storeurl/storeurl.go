// Package storeurl tells a database URL from a file name and opens the
// store either names, with the implementations the program registers
// (cmd/desk): the command line itself knows no store implementation.
//
// A value of --db or DESK_DB is a PostgreSQL database when it is a
// postgres:// or postgresql:// URL or a keyword connection string
// ("host=db1 dbname=desk user=desk"); any other URL (scheme://…) is
// refused; everything else is a SQLite file. A URL is never taken for a
// file name: `--db postgres://…` on a build without PostgreSQL fails
// instead of making a folder called "postgres:".
package storeurl

import (
	"context"
	"errors"
	"regexp"

	"complaintdesk/store"
	"complaintdesk/store/redact"
	"complaintdesk/ui/text"
)

// Kind is what a --db value names.
type Kind int

const (
	SQLite   Kind = iota // a file
	Postgres             // a PostgreSQL URL or keyword connection string
	Unknown              // a URL of a scheme the desk has no store for
)

var (
	anyURL  = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*://`)
	pgURL   = regexp.MustCompile(`(?i)^postgres(ql)?:`)
	keyword = regexp.MustCompile(`(?i)^\s*(host|hostaddr|port|dbname|user|password|passfile|sslmode|service|connect_timeout|application_name|target_session_attrs)\s*=`)
)

// KindOf says what dsn names.
func KindOf(dsn string) Kind {
	switch {
	case pgURL.MatchString(dsn) || keyword.MatchString(dsn):
		return Postgres
	case anyURL.MatchString(dsn):
		return Unknown
	}
	return SQLite
}

// IsFile reports whether dsn is a SQLite file name (not a URL).
func IsFile(dsn string) bool { return KindOf(dsn) == SQLite }

// Opener opens one kind of store.
type Opener func(ctx context.Context, dsn string) (store.Store, error)

// Openers are the store implementations built into the program.
type Openers struct {
	SQLite Opener
	// Postgres is nil in a build without PostgreSQL: a URL then fails
	// with ErrNoPostgres.
	Postgres Opener
}

// ErrNoPostgres: the program was built without the PostgreSQL store.
var ErrNoPostgres = errors.New("PostgreSQL support is not built in")

// Open opens the store dsn names. An error never shows a password.
func (o Openers) Open(ctx context.Context, dsn string) (store.Store, error) {
	switch KindOf(dsn) {
	case Postgres:
		if o.Postgres == nil {
			return nil, &Error{t: text.Store.NoPostgres, where: RedactDSN(dsn)}
		}
		st, err := o.Postgres(ctx, dsn)
		if err != nil {
			return nil, &Error{t: text.Store.CannotOpen, where: RedactDSN(dsn), detail: redact.Scrub(err.Error(), dsn), err: err}
		}
		return st, nil
	case Unknown:
		return nil, &Error{t: text.Store.UnknownURL, where: RedactDSN(dsn)}
	}
	if o.SQLite == nil {
		return nil, errors.New("storeurl: no SQLite store registered")
	}
	return o.SQLite(ctx, dsn)
}

// Error is a store that could not be opened, said in the user's language
// (Message) with the password masked: its text never holds a secret of
// the connection string, whatever the driver put in its own error.
type Error struct {
	t      text.T
	where  string // RedactDSN of the value
	detail string // the driver's error with the password masked
	err    error
}

func (e *Error) Error() string { return e.Message("en") }

// Message is the error in lang (the command line's errors say themselves
// in the user's language).
func (e *Error) Message(lang string) string {
	if e.detail != "" {
		return e.t.F(lang, e.where, e.detail)
	}
	return e.t.F(lang, e.where)
}

// Is makes errors.Is(err, ErrNoPostgres) true for a build without it.
func (e *Error) Is(target error) bool {
	return target == ErrNoPostgres && e.t == text.Store.NoPostgres
}

// Unwrap is the driver's error (for errors.Is on timeouts and
// cancellation; print the Error, not it).
func (e *Error) Unwrap() error { return e.err }

// RedactDSN is dsn fit to print (store/redact): a file name comes back as it
// is.
func RedactDSN(s string) string {
	if KindOf(s) == SQLite {
		return s
	}
	return redact.DSN(s)
}
