package store

import "context"

// Abilities some stores have and others do not. A caller asks for one with
// a type assertion on the Store and says so when it is missing; the SQLite
// store has them all, a database server has its own tools for some
// (pg_dump for a backup).

// Backuper writes a consistent copy of the live database to a file.
type Backuper interface {
	// Backup writes a consistent copy of the live database to path and checks it.
	Backup(ctx context.Context, path string) error
}

// Checker runs the database's own integrity check.
type Checker interface {
	// Check runs the database's integrity check; nil means healthy.
	Check(ctx context.Context) error
}

// FileStore is a store kept in files on this machine: where they are, and
// whether people other than the desk's owner can read them (they hold
// customers' names and phones).
type FileStore interface {
	// Path is the database file.
	Path() string
	// MadePrivate lists the files opening made private because others
	// could read them ("desk.db (was 0644)"), for the user to be told.
	MadePrivate() []string
	// OpenToOthers lists the database's files others can read now.
	OpenToOthers() []string
}

// ChangeFeed is a store that tells of commits as they happen (PostgreSQL's
// LISTEN/NOTIFY) rather than only when DataVersion is polled: the desk's
// watcher wakes at once instead of at its next poll, and still checks
// DataVersion before telling the sessions.
type ChangeFeed interface {
	// Changes returns a channel that receives after commits of any
	// process, until ctx ends (or the feed fails: then it is closed and
	// the polls go on). Several commits may come as one receive; the
	// store never blocks on a reader that is behind.
	Changes(ctx context.Context) <-chan struct{}
}
