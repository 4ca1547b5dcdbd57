package store

import "time"

// LookupTx keeps a masked role's look-ups by a whole phone or name, found
// or not: the limit of distinct values a user may try in an hour counts
// them from here, so it holds across every process on the database, and
// the audit lists the misses. A look-up never holds the value itself: the
// table must not become a second copy of personal data.
type LookupTx interface {
	// RecordLookup stores a look-up (sets l.ID).
	RecordLookup(l *Lookup) error
	// Lookups lists a user's look-ups, oldest first (see LookupQuery).
	Lookups(q LookupQuery) ([]Lookup, error)
	// ForgetLookupHashes clears the Hash of the look-ups made before
	// before: once out of the window that counts them, a hash would only
	// help someone recover the value (the masked form leaves four digits
	// of a phone to guess).
	ForgetLookupHashes(before time.Time) error
}

// Lookup is one whole value looked up by a user.
type Lookup struct {
	ID   int64
	User string
	At   time.Time
	// Hash tells values apart (a SHA-256 of the value as searched, the
	// same for every user); "" once forgotten. Masked is the value as the
	// role sees it (138****9342, 张*).
	Hash   string
	Masked string
	// Found is how many cases it found: 0 is a miss.
	Found int
}

// LookupQuery selects a user's look-ups: since a time (zero: all), misses
// only, at most Limit (0: no limit).
type LookupQuery struct {
	User   string
	Since  time.Time
	Misses bool
	Limit  int
}
