package store

import "time"

// LabTx is what the laboratory's single station needs: the users' station
// PINs (a salted hash, never the PIN), the log of who took the station
// over, the notices that tell a role of an action (policy notify) and
// finding cases by a policy field (a report number, a blind code).
type LabTx interface {
	// PutPIN stores (replaces) a user's PIN hash.
	PutPIN(p *UserPIN) error
	// PIN reads a user's PIN record (ErrNotFound when none).
	PIN(user string) (*UserPIN, error)
	// PINUsers lists the users who have a PIN, by name.
	PINUsers() ([]string, error)
	// LogSwitch records an attempt to take the station over.
	LogSwitch(s *StationSwitch) error
	// StationLog lists the latest attempts, newest first.
	StationLog(limit int) ([]StationSwitch, error)

	// AddNotice records that a role is told of an event (sets n.ID).
	AddNotice(n *Notice) error
	// UnreadNotices lists the unread notices of the roles, newest first,
	// with their case numbers, and counts them up to countCap.
	UnreadNotices(roles []string, limit, countCap int) ([]Notice, int, error)
	// ReadNotices marks the case's unread notices of the roles read.
	ReadNotices(caseID int64, roles []string, by string, at time.Time) (int, error)

	// CasesByField lists the cases whose policy field key has exactly
	// value, newest first.
	CasesByField(key, value string, limit int) ([]Case, error)
}

// UserPIN is a user's station PIN or password, as a bcrypt hash.
type UserPIN struct {
	User        string
	Hash        string // bcrypt: salted, never the PIN itself
	SetAt       time.Time
	SetBy       string
	Failures    int       // wrong PINs in a row
	LockedUntil time.Time // no attempt is checked before this
}

// StationSwitch is one attempt to take the station over.
type StationSwitch struct {
	ID   int64
	At   time.Time
	From string // who was acting
	To   string // who asked to act
	OK   bool
	Why  string // why it failed ("" when it did not)
}

// Notice tells a role of an event of a case until someone of the role
// opens the case.
type Notice struct {
	ID      int64
	CaseID  int64
	Number  string // filled by UnreadNotices
	EventID int64
	Role    string
	Action  string
	Actor   string
	At      time.Time
	ReadAt  time.Time
	ReadBy  string
}
