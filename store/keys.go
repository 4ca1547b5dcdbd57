package store

import "time"

// AccessTx is what the SSH server and the privacy audit need: the users'
// public keys (a key belongs to one user) and the audited events of the
// case history (reveals of personal data), by case or by user.
type AccessTx interface {
	// PutKey stores a user's public key; a key already stored (for this or
	// another user) fails with ErrDuplicate.
	PutKey(k *UserKey) error
	// DeleteKey removes the user's key with this fingerprint (ErrNotFound when none).
	DeleteKey(user, fingerprint string) error
	// KeyByFingerprint finds a stored key (ErrNotFound when none).
	KeyByFingerprint(fingerprint string) (*UserKey, error)
	// Keys lists the keys of user, or of every user when user is "".
	Keys(user string) ([]UserKey, error)
	// AuditEvents lists events (whole, as Events reads them) with the
	// query's actions, of one case or by one actor, oldest first.
	AuditEvents(q AuditQuery) ([]AuditEntry, error)
}

// UserKey is an SSH public key that logs in as a desk user.
type UserKey struct {
	Fingerprint string // SHA256:... as ssh-keygen -lf prints it
	User        string
	Type        string // ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256, ...
	Key         string // the key in authorized_keys form, without comment
	Comment     string
	AddedAt     time.Time
	AddedBy     string
}

// AuditQuery selects audited events: CaseID or Actor (or both), and the
// actions (e.g. "reveal").
type AuditQuery struct {
	CaseID  int64
	Actor   string
	Actions []string
	Limit   int // 0: no limit
}

// AuditEntry is an event with the number of its case.
type AuditEntry struct {
	Event
	Number string
}
