package store

// CopyTx is what moving a whole desk from one store to another needs
// (desk db copy) beyond Tx: listing the records no Tx method lists whole,
// and putting records into an empty store as they are. A store offers it
// on its transactions (a type assertion on the Tx); a Write's Tx must
// have it for the store to be a copy's target, a Read's for its source.
//
// What Tx already does is used as it is: cases through EachCase (an empty
// ExportQuery: every case, complainants with their ids), events through
// EachEvent, users, keys (Keys("")), PINs (PIN per user), the policy,
// calendar years, the station log (StationLog), the sweep mark, and the
// day counters are restored with ReserveCaseSeqs on the empty target,
// drafts with SaveDraft, links with LinkCases, samples with
// PutRevisitSample — these keep every field they are given.
//
// The Restore methods insert exactly what they are given: the ids, the
// versions, the hashes (an event's Prev and Hash are not recomputed), the
// times. They keep what the store derives in step (the search index), and
// afterwards the store's new ids continue above the restored ones (a
// PostgreSQL store moves its sequences on).
type CopyTx interface {
	// CaseSeqs is the last case sequence number given out for each day
	// ("20261122" → 7), as NextCaseSeq left it.
	CaseSeqs() (map[string]int, error)
	// RestoreCases inserts cases with their IDs, versions, numbers, every
	// field and their complainants (with their IDs) as given.
	RestoreCases(cs []Case) error
	// RestoreEvents inserts events with their IDs, Entered, Late, Prev
	// and Hash as given (their cases are restored before them).
	RestoreEvents(evs []Event) error
	// AllDrafts lists every user's drafts.
	AllDrafts() ([]Draft, error)
	// AllCaseLinks lists every link once (A < B), oldest first.
	AllCaseLinks() ([]CaseLink, error)
	// RevisitSamples lists every sample drawn (the revisits' and the
	// inspections'), by month.
	RevisitSamples() ([]RevisitSample, error)
	// AllReportFilings lists every filing, by id; RestoreReportFilings
	// inserts filings with their IDs.
	AllReportFilings() ([]ReportFiling, error)
	RestoreReportFilings(fs []ReportFiling) error
	// AllNotices lists every notice, read or not, by id; RestoreNotices
	// inserts notices with their IDs, read or not (their cases and events
	// are restored before them).
	AllNotices() ([]Notice, error)
	RestoreNotices(ns []Notice) error
	// RestoreStationSwitches inserts station log entries with their IDs.
	RestoreStationSwitches(ss []StationSwitch) error
}
