package store

import "time"

// HandlingTx is what handling a complaint needs beyond reading and writing
// cases: related cases, the same complaint from other people, a caller's
// other cases at a glance, the warnings and escalations each session shows,
// and the breached clocks that escalate by themselves.
type HandlingTx interface {
	// LinkCases records that two cases are related (both ways). Linking
	// again is ErrDuplicate.
	LinkCases(l CaseLink) error
	// UnlinkCases removes the relation (ErrNotFound when there is none);
	// the history keeps both events.
	UnlinkCases(a, b int64) error
	// LinkedCases lists the cases related to id, oldest link first.
	LinkedCases(id int64) ([]LinkedCase, error)

	// SimilarCases lists cases of the category with the subject (exact,
	// as stored) received in [from, to], other than excludeID, newest
	// first: the same complaint from other people (grading rule B2).
	SimilarCases(category, subject string, from, to time.Time, excludeID int64, limit int) ([]Case, error)

	// PhoneCaseCounts counts, for each phone, the cases it complained in.
	PhoneCaseCounts(phones []string) (map[string]int, error)

	// AlertCases lists the cases of one kind of alert (see AlertQuery),
	// nearest deadline first, and counts them up to q.CountCap.
	AlertCases(q AlertQuery) ([]Case, int, error)

	// BreachedBetween lists the cases whose nearest running clock came due
	// after the breach after (by due time, then id: the cases of one due
	// time, often hundreds at the same midnight, are paged through by id)
	// and no later than to, in that order: the cases to escalate. A Breach
	// with a zero ID starts at its due time, inclusive.
	BreachedBetween(after Breach, to time.Time, limit int) ([]Breach, error)
	// EachEvent streams every event with all its facts, in case and id
	// order (desk check verifies the history chains).
	EachEvent(fn func(e *Event) error) error
	// TruncatedHistory finds the first case whose history ends before the
	// last event written for it (kept apart by the database on every
	// insert): its tail was removed round the append-only guards. It
	// returns the case and its last event still there (0: none); caseID
	// 0 when every history is whole.
	TruncatedHistory() (caseID, lastKept int64, err error)
	// SweepMark is up to when breaches were swept (zero: never);
	// SetSweepMark moves it on.
	SweepMark() (time.Time, error)
	SetSweepMark(t time.Time) error
}

// CaseLink relates two cases.
type CaseLink struct {
	A, B   int64
	At     time.Time
	By     string
	Reason string
}

// LinkedCase is a related case with why and when it was linked.
type LinkedCase struct {
	Case   Case
	At     time.Time
	By     string
	Reason string
}

// AlertKind is what an alert is about.
type AlertKind int

const (
	// AlertWarn: a running clock past its warning threshold, not yet due.
	AlertWarn AlertKind = iota
	// AlertBreach: a running clock past due.
	AlertBreach
	// AlertEscalated: an open case escalated to one of Levels.
	AlertEscalated
	// AlertCrisis: an open crisis case.
	AlertCrisis
)

// AlertQuery selects the cases of one alert line.
type AlertQuery struct {
	Kind AlertKind
	Now  time.Time
	// Handler limits to one handler's cases ("" = everybody's).
	Handler string
	// SkipClocks leaves out cases whose nearest clock is one of these
	// (working-day clocks outside working hours).
	SkipClocks []string
	// Levels are the escalation levels of AlertEscalated.
	Levels   []string
	Limit    int
	CountCap int
}

// Breach is a case's nearest clock come due: where the sweeper is.
type Breach struct {
	Due time.Time
	ID  int64
}
