// Package store defines what the desk keeps and the interfaces a database
// implementation satisfies. The caller owns the transaction: every method that
// touches data lives on Tx, and Store hands out read and write transactions.
// The SQLite implementation is store/sqlite; a PostgreSQL one must fit the
// same interfaces, so nothing here mentions SQLite.
package store

import (
	"context"
	"errors"
	"time"
)

// Errors a caller can test with errors.Is.
var (
	ErrNotFound  = errors.New("not found")
	ErrConflict  = errors.New("the case was changed by someone else")
	ErrDuplicate = errors.New("already exists")
)

// Store opens transactions. Implementations are safe for concurrent use by
// every session of the process.
type Store interface {
	// Read runs fn in a read-only transaction that sees one snapshot.
	Read(ctx context.Context, fn func(Tx) error) error
	// Write runs fn in a write transaction; fn's error rolls it back. When
	// Write returns nil the transaction is durable.
	Write(ctx context.Context, fn func(Tx) error) error
	// DataVersion changes whenever any process commits to the database
	// (any process on any machine sharing it): every desk process polls it
	// (desk.Watch) and tells its sessions when it moves. It must move only
	// when the commit is visible to a new read (a counter written in the
	// transaction, a notification delivered at the commit; not a sequence
	// bumped before it). A process should see its own commit move it by
	// the time Write returns; else its own sessions hear of its writes
	// only at the next poll.
	DataVersion(ctx context.Context) (int64, error)
	Close() error
}

// Tx is one transaction. Methods of a read transaction that write return an error.
type Tx interface {
	ImportTx
	AccessTx
	HandlingTx
	ReportTx
	LabTx
	LookupTx
	// Case numbers: the next sequence number of the day (e.g. "20261122"); never reused.
	NextCaseSeq(day string) (int, error)

	InsertCase(c *Case) error // sets c.ID; c.Complainants are inserted too
	// UpdateCase writes c if the stored version is c.Version-1 (the caller
	// increments Version); otherwise ErrConflict.
	UpdateCase(c *Case) error
	CaseByID(id int64) (*Case, error)
	CaseByNumber(number string) (*Case, error)
	CaseByIdemKey(key string) (*Case, error)
	ListCases(q Query) ([]Case, error)
	CountCases(q Query) (int, error)
	// CasesByPhone lists the cases of complainants with this phone, newest first.
	CasesByPhone(phone string, limit int) ([]Case, error)
	// DueCaseIDs lists, in id order after afterID, the cases whose derived
	// fields must be recomputed when the policy or the calendar changes.
	DueCaseIDs(afterID int64, limit int) ([]int64, error)
	// SetDerived rewrites only the derived fields (Open, NextDue,
	// NextDueStart, NextClock) without a new version: they are not facts
	// anyone edits, so rewriting them must not make a form's save conflict.
	SetDerived(c *Case) error

	AppendEvent(e *Event) error
	Events(caseID int64) ([]Event, error)

	SaveDraft(d *Draft) error
	Draft(user, key string) (*Draft, error)
	Drafts(user string) ([]Draft, error)
	DeleteDraft(user, key string) error

	PutUser(u *User) error
	User(name string) (*User, error)
	UserByOSLogin(login string) (*User, error)
	Users() ([]User, error)
	CountUsers() (int, error)

	PutCalendarYear(y CalendarYear) error
	CalendarYears() ([]CalendarYear, error)

	PutPolicy(p PolicyText) error
	Policy() (*PolicyText, error) // ErrNotFound before the first one
}

// NoDue marks a case with no running clock in derived due fields.
var NoDue time.Time

// Case is one complaint (投诉单) as stored: the facts, the current state and
// derived due fields kept in step with every event.
type Case struct {
	ID           int64
	Number       string // TS20261122-0007
	Version      int64  // optimistic concurrency: bumped by every update
	IdemKey      string // client-generated; a retry with the same key finds this case
	Source       string // where the case came from when imported; "" for the desk
	SourceID     string // the original id in that source
	ReceivedAt   time.Time
	RegisteredAt time.Time
	UpdatedAt    time.Time
	CreatedBy    string

	Channel     string
	Nature      string
	Category    string
	Grade       string
	GradeReason string
	Status      string
	Open        bool // the status still needs work (from the policy)

	Content        string
	Demand         string
	Subject        string // product / report reference
	CollectiveSize int

	Department string
	Handler    string
	ExpectedBy time.Time // the resolution time told to the customer
	Resolution string
	Reply      string
	// Satisfaction 1..5 from the last revisit, 0 when none.
	Satisfaction int
	ReopenCount  int
	Training     bool // A/B cases are kept as training material

	AcknowledgedAt time.Time
	ResolvedAt     time.Time
	ClosedAt       time.Time
	RevisitedAt    time.Time

	// Derived: the nearest running deadline (zero when none), the start of
	// that clock (for how much of the allowance is left) and its id.
	NextDue      time.Time
	NextDueStart time.Time
	NextClock    string
	// NextWarn is when that clock's warning threshold is reached (zero when
	// no clock runs); derived like NextDue.
	NextWarn time.Time

	// Escalation is the level the case was escalated to ("" = not
	// escalated); Crisis marks media coverage (notifies management).
	Escalation string
	Crisis     bool

	Fields       map[string]string // policy-specific extra fields
	Complainants []Complainant     // the first is the primary complainant
}

// Primary returns the case's first complainant (the zero value if none).
func (c *Case) Primary() Complainant {
	if len(c.Complainants) == 0 {
		return Complainant{}
	}
	return c.Complainants[0]
}

// Complainant is a person complaining; a collective case has several.
type Complainant struct {
	ID        int64
	Name      string
	Phone     string // normalised: 11 digits for mobiles, digits and dash for landlines
	Email     string
	Address   string
	Org       string
	Anonymous bool
	// Callback is the outcome of the last contact with this complainant
	// (a contact outcome of the policy, "" when never contacted), at
	// CallbackAt; Satisfaction 1..5 is what they said (0: not asked).
	Callback     string
	CallbackAt   time.Time
	Satisfaction int
}

// Event is one entry of a case's append-only history.
type Event struct {
	ID     int64
	CaseID int64
	At     time.Time // when it happened (given by the user; the clocks read it)
	// Entered is when it was entered (the desk's clock, never input; audits
	// read it). Late is the reason for an entry made more than an hour
	// after it happened (补录原因), "" for one made in time.
	Entered time.Time
	Late    string
	// Prev is the Hash of the case's event before this one ("" for the
	// first) and Hash this event's (EventHash): the history is a chain an
	// edit or a deletion breaks (desk check).
	Prev   string
	Hash   string
	Actor  string
	Action string
	Reason string
	Note   string
	// Before and After hold the fields the event changed.
	Before map[string]string
	After  map[string]string
}

// Draft is a half-typed form, saved on every change.
type Draft struct {
	User      string
	Key       string // "intake" for a new case, "<action>:<number>" for a case form
	Data      string // JSON owned by the form
	UpdatedAt time.Time
}

// User is a person who works at the desk.
type User struct {
	Name      string
	Role      string
	OSLogin   string
	Disabled  bool
	Lang      string
	CreatedAt time.Time
}

// CalendarYear is a holiday schedule an administrator loaded.
type CalendarYear struct {
	Year     int
	Text     string
	LoadedAt time.Time
	LoadedBy string
}

// PolicyText is the policy in force.
type PolicyText struct {
	Name     string
	Text     string
	LoadedAt time.Time
	LoadedBy string
}

// Tab is a queue view.
type Tab int

const (
	TabAll Tab = iota
	TabMine
	TabUnassigned
	TabDueToday
	TabOverdue
	TabRevisit
	// TabApprovals: what awaits a supervisor's decision — cases in the
	// statuses of Query.Approvals, and grade changes requested.
	TabApprovals
)

// Sort orders the queue.
type Sort int

const (
	SortDue      Sort = iota // nearest running deadline first, cases with none last
	SortReceived             // newest first
	SortNumber               // newest number first
	SortGrade                // A first, then by due
)

// Named is a user named in a field of users, or the handler.
type Named struct {
	Field string // "handler", or a field key ([a-z][a-z0-9_]*)
	User  string
}

// Query selects a page of the queue.
type Query struct {
	Tab    Tab
	User   string    // for TabMine
	Now    time.Time // for TabOverdue and TabDueToday
	DayEnd time.Time // end of today, for TabDueToday
	Search string
	// SearchPII: the search matches fragments of the complainants' names,
	// phones and e-mails (roles that see them); otherwise only whole ones
	// (store/search).
	SearchPII bool
	Status    string
	Grade     string
	Category  string
	Channel   string
	// Handler and Department narrow to one handler's or department's
	// cases (the handler's and the department's queues).
	Handler    string
	Department string
	// Approvals are the statuses whose cases await an approval (TabApprovals).
	Approvals []string
	// Named narrows to the cases that name a user in a field of users
	// (a lab tester sees only the re-tests they do).
	Named   Named
	Overdue bool
	Sort    Sort
	Limit   int
	Offset  int
	// CountCap stops CountCases at this many (0 = exact): a queue shows
	// "10000+" rather than counting a million matches on every keystroke.
	CountCap int
}
