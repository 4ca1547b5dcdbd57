package store

import "context"

// ImportTx is what a batched import of history cases needs beyond the
// methods every desk transaction has: finding rows already imported from
// a source, numbering many cases at once and inserting them with their
// events without preparing each statement per row.
type ImportTx interface {
	// CaseBySource finds the case imported from source with the source's
	// id sourceID (ErrNotFound when none).
	CaseBySource(source, sourceID string) (*Case, error)
	// ImportedNumbers returns, for those of ids already imported from
	// source, their case numbers keyed by source id.
	ImportedNumbers(source string, ids []string) (map[string]string, error)
	// ReserveCaseSeqs reserves, for each day, counts[day] consecutive
	// sequence numbers (as NextCaseSeq would that many times) and returns
	// the first of each day's; never reused.
	ReserveCaseSeqs(counts map[string]int) (map[string]int, error)
	// InsertHistory inserts cases as InsertCase does, each with its events
	// (whose CaseID it sets), and sets the IDs. A case whose (Source,
	// SourceID) was imported before fails with ErrDuplicate.
	InsertHistory(recs []HistoryRecord) error
}

// HistoryRecord is one imported case with its history.
type HistoryRecord struct {
	Case   *Case
	Events []Event
}

// Bulk is a store that can be set up for one long run of large write
// transactions by a process doing nothing else (desk import, desk demo).
type Bulk interface {
	// BeginBulk sets the store up for bulk writing until end is called.
	// In between, a commit may be lost to a power cut (never half of it:
	// the database stays whole), so the job must be one that can be run
	// again; end restores the store and makes everything written durable.
	BeginBulk(ctx context.Context) (end func() error, err error)
}
