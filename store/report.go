package store

import "time"

// ReportTx is what the supervisor's dashboard, the monthly statistics, the
// revisit sample and the exports read, and what they record: the samples
// drawn and the reports filed.
type ReportTx interface {
	// EachCase calls fn for every case q selects, in id order, with its
	// complainants and (when q.Events) its history, oldest event first.
	// The cases are read as a stream, a batch at a time: memory does not
	// grow with how many there are. c and evs belong to the walk and are
	// reused once fn returns; copy what must be kept. An error from fn
	// stops the walk and is returned.
	EachCase(q ExportQuery, fn func(c *Case, evs []Event) error) error

	// CountReceived counts the cases received in each interval
	// [bounds[i], bounds[i+1]); len(bounds)-1 counts.
	CountReceived(bounds []time.Time) ([]int, error)
	// OpenByGradeStatus counts the open cases by grade and status.
	OpenByGradeStatus() ([]GradeStatusCount, error)
	// DueCounts counts the running clocks due within the hour, due before
	// the end of the day, and past due.
	DueCounts(now, hourEnd, dayEnd time.Time) (DueCounts, error)
	// HandlerLoads lists, for up to limit handlers with the most open
	// cases, their open and overdue cases and their oldest open case
	// (handler "" is the unassigned cases).
	HandlerLoads(now time.Time, limit int) ([]HandlerLoad, error)
	// LatestBreaches lists the cases whose nearest running clock came due
	// at or before now, the latest breach first.
	LatestBreaches(now time.Time, limit int) ([]Case, error)
	// NextAlertAfter is the earliest due time or warning time after now of
	// any running clock (zero when none): when the picture changes next
	// without anybody writing.
	NextAlertAfter(now time.Time) (time.Time, error)

	// ClosedBetween lists, in id order, the ids of the cases whose (last)
	// closure is in [from, to) and that are still closed: the population
	// of a month's revisit sample.
	ClosedBetween(from, to time.Time) ([]int64, error)
	// PutRevisitSample stores a month's sample, replacing the month's
	// earlier one (the events of the replaced draw are kept by the caller).
	PutRevisitSample(s *RevisitSample) error
	// RevisitSample reads a month's sample (ErrNotFound when none).
	RevisitSample(month string) (*RevisitSample, error)

	// AddReportFiling records that a month's report was filed (sets f.ID).
	AddReportFiling(f *ReportFiling) error
	// ReportFilings lists a month's filings, the first first.
	ReportFilings(month string) ([]ReportFiling, error)
}

// TabSample is the queue tab of the latest revisit sample: the cases drawn
// for the company-level revisit of the most recent month sampled.
const TabSample Tab = 100

// ExportQuery selects the cases a report or an export walks through.
type ExportQuery struct {
	// Query holds the queue's filters (tab, search, status, grade,
	// category, channel, handler, department, overdue); its Sort, Limit,
	// Offset and CountCap are not used: the walk is in id order and whole.
	Query
	// ReceivedFrom/ReceivedTo keep cases received in [from, to) (each
	// bound only when set).
	ReceivedFrom, ReceivedTo time.Time
	// Events reads each case's history too (every field but Before).
	Events bool
	// EventKeys, when not nil, reads the events briefly: only At, Action
	// and these keys of After (what clocks and figures need, for walks of
	// a million cases and several million events).
	EventKeys []string
	// ClocksOnly, with EventKeys, says the walk needs the events for the
	// clocks alone: a store may leave out their Actor and late entry
	// (Late, Entered), which the figures count and an export does not
	// (a fifth of reading a million cases' events, issue 18).
	ClocksOnly bool
}

// GradeStatusCount is how many open cases have this grade and status.
type GradeStatusCount struct {
	Grade, Status string
	N             int
}

// DueCounts are the running clocks due soon and past due. Today includes
// those within the hour.
type DueCounts struct {
	Hour, Today, Overdue int
}

// HandlerLoad is one handler's open work.
type HandlerLoad struct {
	Handler string // "" for the unassigned cases
	Open    int
	Overdue int
	// The oldest open case by receipt.
	OldestNumber   string
	OldestReceived time.Time
}

// RevisitSample is the cases drawn for a month's company-level revisit
// (regulation 001: "公司每月对...已关闭的投诉项目进行回访,回访比例不少于20%").
type RevisitSample struct {
	Month      string  // "2026-10"
	Seed       uint64  // the draw is reproducible: the same seed and population give the same cases
	Ratio      float64 // the fraction asked for
	Population int     // the month's closed cases
	DrawnAt    time.Time
	DrawnBy    string
	CaseIDs    []int64 // in the order drawn
}

// ReportFiling records that a month's statistics report was filed: with
// `desk report file`, or by writing the report to a file.
type ReportFiling struct {
	ID     int64
	Month  string // "2026-10"
	At     time.Time
	By     string
	How    string // "file" (desk report file) or "write" (the report written to Path)
	Path   string
	Format string // csv, xlsx, json, table; "" for "file"
	// Snapshot is the report as filed (JSON), so the figures filed stay
	// readable however the cases change later.
	Snapshot string
}
