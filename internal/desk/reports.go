package desk

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"complaintdesk/internal/deadline"
	"complaintdesk/internal/notify"
	"complaintdesk/internal/report"
	"complaintdesk/store"
)

// Reports: the supervisor's dashboard, the monthly statistics
// with their filing, the revisit sample and exports. The figures are
// computed by internal/report; this file decides who may see them and
// records what is filed and drawn.

// CanReport says whether the actor may see the dashboard and the reports,
// draw revisit samples and export cases: roles that supervise (the policy's
// supervisor flag), quality inspectors (qa) and administrators (admin).
func (d *Desk) CanReport(a Actor) bool {
	if r := d.Policy().Role(a.Role); r != nil && r.Supervisor {
		return true
	}
	return a.Role == "qa" || a.Role == "admin"
}

func (d *Desk) mayReport(a Actor) error {
	if d.CanReport(a) {
		return nil
	}
	return &ValidationError{Problems: []Problem{{Field: "role",
		ZH: "只有主管、质检员和管理员可以查看统计、抽样和导出",
		EN: "only supervisors, quality inspectors and administrators may see statistics, draw samples and export"}}}
}

// ReportSource is what internal/report reads from: the store, the policy
// and calendar in force, and the desk's clocks as of a time.
func (d *Desk) ReportSource() report.Source {
	p := d.Policy()
	eng := deadline.Engine{Policy: p, Calendar: d.cal}
	return report.Source{Store: d.st, Policy: p, Calendar: d.cal,
		Clocks: func(c *store.Case, evs []store.Event, asOf time.Time) []deadline.Clock {
			return historyClocks(p, c, evs, eng.Clocks(Facts(c, evs), asOf))
		},
		EventKeys: ClockEventKeys}
}

// ClockEventKeys are the keys of an event's After that a case's clocks
// depend on: whether a contact reached the customer (Facts) and the status
// an imported case arrived in (historyClocks). Walks over many cases read
// only these of each event (store.ExportQuery.EventKeys); a test compares
// the clocks from brief and whole histories.
var ClockEventKeys = []string{"contact_reached", "status"}

// MonthlyReport computes a month's statistics beside the previous month's, as of now.
func (d *Desk) MonthlyReport(ctx context.Context, a Actor, m report.Month) (*report.Monthly, error) {
	if err := d.mayReport(a); err != nil {
		return nil, err
	}
	return d.ReportSource().Monthly(ctx, m, d.Now())
}

// Filing ways (store.ReportFiling.How).
const (
	FiledByCommand = "file"  // desk report file
	FiledByWriting = "write" // the report written to a file
)

// MonthOver reports whether the month has ended (its report can be filed).
func (d *Desk) MonthOver(m report.Month) bool {
	return !d.Now().Before(report.MonthEnd(m, d.Location()))
}

// FileReport records that a month's report was filed, with the report as it
// stands (rep, or computed now when nil). how is FiledByCommand or
// FiledByWriting (then path and format say where). A month that is not over
// cannot be filed.
func (d *Desk) FileReport(ctx context.Context, a Actor, m report.Month, rep *report.Monthly, how, path, format string) (*store.ReportFiling, error) {
	if err := d.mayReport(a); err != nil {
		return nil, err
	}
	if !d.MonthOver(m) {
		return nil, &ValidationError{Problems: []Problem{{Field: "month",
			ZH: fmt.Sprintf("%s 尚未结束，月底之后才能归档报表", m),
			EN: fmt.Sprintf("%s is not over: its report can be filed from the 1st of the next month", m)}}}
	}
	if rep == nil {
		var err error
		if rep, err = d.ReportSource().Monthly(ctx, m, d.Now()); err != nil {
			return nil, err
		}
	}
	snap, err := json.Marshal(rep)
	if err != nil {
		return nil, err
	}
	f := &store.ReportFiling{Month: m.String(), At: d.Now(), By: a.Name, How: how, Path: path, Format: format, Snapshot: string(snap)}
	if err := d.st.Write(ctx, func(tx store.Tx) error { return tx.AddReportFiling(f) }); err != nil {
		return nil, err
	}
	d.publish(notify.Change{})
	return f, nil
}

// ReportFilings lists a month's filings, the first first.
func (d *Desk) ReportFilings(ctx context.Context, m report.Month) ([]store.ReportFiling, error) {
	var out []store.ReportFiling
	err := d.st.Read(ctx, func(tx store.Tx) error {
		var err error
		out, err = tx.ReportFilings(m.String())
		return err
	})
	return out, err
}

// Reminder is the monthly report still to be filed: shown from the 1st of
// the next month until it is filed (due by the policy's day, regulation 001
// "每月5日前向公司提交上月分析报告").
type Reminder struct {
	Month report.Month
	Due   time.Time // the end of the due day
}

// ReportReminder is the previous month's report if it is not filed yet
// (nil when it is, or when the desk had no case by that month's end).
func (d *Desk) ReportReminder(ctx context.Context, now time.Time) (*Reminder, error) {
	r, _, err := d.reminder(ctx, now, false)
	return r, err
}

// reminder is ReportReminder; active says the desk is known to have had
// cases by the month's end (counting them reads the receipt index up to
// there), and the answer says it again for the caller to remember.
func (d *Desk) reminder(ctx context.Context, now time.Time, active bool) (*Reminder, bool, error) {
	loc := d.Location()
	m := report.MonthOf(now, loc).Prev()
	_, to := m.Bounds(loc)
	var filed bool
	var before []int
	err := d.st.Read(ctx, func(tx store.Tx) error {
		fs, err := tx.ReportFilings(m.String())
		if err != nil {
			return err
		}
		filed = len(fs) > 0
		if filed || active {
			return nil
		}
		before, err = tx.CountReceived([]time.Time{time.UnixMilli(1), to})
		return err
	})
	if err != nil {
		return nil, false, err
	}
	active = active || (len(before) > 0 && before[0] > 0)
	if filed || !active {
		return nil, active, nil
	}
	return &Reminder{Month: m, Due: m.Due(d.Policy().Report.MonthlyDueDay, loc)}, true, nil
}

// DataDir is the directory of the database file, where files the desk
// writes for its users go (reports over SSH are written on the server);
// for a store that is not a file, Options.DataDir ("" when none).
func (d *Desk) DataDir() string {
	if p, ok := d.st.(store.FileStore); ok && p.Path() != "" {
		return filepath.Dir(p.Path())
	}
	return d.dataDir
}

// WriteMonthlyFile writes a month's report as XLSX into the data
// directory's reports folder and returns the path; a month that is over is
// recorded as filed (filed=true).
func (d *Desk) WriteMonthlyFile(ctx context.Context, a Actor, m report.Month, lang string) (path string, filed bool, err error) {
	rep, err := d.MonthlyReport(ctx, a, m)
	if err != nil {
		return "", false, err
	}
	dir := d.DataDir()
	if dir == "" {
		return "", false, errors.New("this desk has no data directory to write into")
	}
	dir = filepath.Join(dir, "reports")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", false, err
	}
	path = filepath.Join(dir, "monthly-"+m.String()+".xlsx")
	if err := WriteFileAtomic(path, func(w io.Writer) error {
		return report.WriteMonthly(w, rep, d.Policy(), "xlsx", lang)
	}); err != nil {
		return "", false, err
	}
	if !d.MonthOver(m) {
		return path, false, nil
	}
	if _, err := d.FileReport(ctx, a, m, rep, FiledByWriting, path, "xlsx"); err != nil {
		return path, false, err
	}
	return path, true, nil
}

// WriteFileAtomic writes a file through a temporary file renamed into
// place, so a reader never sees half of it.
func WriteFileAtomic(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// ---- revisit sample --------------------------------------------------------------

// SampleRequest asks for a month's revisit sample, or its quality
// inspection sample.
type SampleRequest struct {
	Month report.Month
	// Inspection asks for the quality inspection's sample (004 第十一条)
	// rather than the revisit sample.
	Inspection bool
	Ratio      float64 // 0: the policy's (report.revisit_sample, report.inspection_sample)
	Seed       uint64  // 0: a new seed, unless the month has a sample
	// Redraw asked to replace a month's sample: refused now, a drawn
	// sample is kept (finding 18: trying seeds until a case drops out).
	Redraw bool
}

// SampleConflictError: the month has a sample drawn differently; it is
// kept, whoever asks.
type SampleConflictError struct{ Existing *store.RevisitSample }

func (e *SampleConflictError) Error() string { return e.Message("en") }

// Message says what was drawn and how to replace it.
func (e *SampleConflictError) Message(lang string) string {
	s := e.Existing
	month, inspection := SampleMonth(s)
	if lang == "zh" {
		what := "回访抽样"
		if inspection {
			what = "质检抽样"
		}
		return fmt.Sprintf("%s 的%s已于 %s 由 %s 抽取（种子 %d，比例 %.0f%%）：已抽取的样本保留，不能重新抽样", month, what, s.DrawnAt.Format("2006-01-02 15:04"), s.DrawnBy, s.Seed, s.Ratio*100)
	}
	what := "revisit sample"
	if inspection {
		what = "inspection sample"
	}
	return fmt.Sprintf("the %s of %s was drawn on %s by %s (seed %d, ratio %.0f%%): a drawn sample is kept and is not drawn again", what, month, s.DrawnAt.Format("2006-01-02 15:04"), s.DrawnBy, s.Seed, s.Ratio*100)
}

// inspectionKey prefixes the month of an inspection sample where the
// samples are kept: a revisit sample's key is its month alone.
const inspectionKey = "inspection:"

// sampleKey is where the sample r asks for is kept.
func sampleKey(m report.Month, inspection bool) string {
	if inspection {
		return inspectionKey + m.String()
	}
	return m.String()
}

// SampleMonth is the month of a stored sample, and whether it is the
// quality inspection's.
func SampleMonth(s *store.RevisitSample) (month string, inspection bool) {
	month, inspection = strings.CutPrefix(s.Month, inspectionKey)
	return month, inspection
}

// RevisitSample draws a month's revisit sample (or, with r.Inspection, the
// quality inspection's): at least the policy's share (rounded up) of the
// cases closed in the month, at random with a seed that is stored and
// printed; the same seed draws the same cases. A month already sampled
// gives its sample back (drawn=false); another seed or ratio, or a
// redraw, is refused with when and by whom it was drawn.
func (d *Desk) RevisitSample(ctx context.Context, a Actor, r SampleRequest) (s *store.RevisitSample, drawn bool, err error) {
	if err := d.mayReport(a); err != nil {
		return nil, false, err
	}
	minRatio, fallback := d.Policy().Report.RevisitSample, 0.2
	if r.Inspection {
		minRatio, fallback = d.Policy().Report.InspectionSample, 0.1
	}
	key := sampleKey(r.Month, r.Inspection)
	if r.Ratio == 0 {
		r.Ratio = minRatio
	}
	if r.Ratio == 0 {
		r.Ratio = fallback
	}
	if r.Ratio <= 0 || r.Ratio > 1 || math.IsNaN(r.Ratio) {
		return nil, false, &ValidationError{Problems: []Problem{{Field: "ratio", ZH: "抽样比例应在 0 到 1 之间", EN: "the ratio must be between 0 and 1"}}}
	}
	if r.Ratio+1e-12 < minRatio {
		return nil, false, &ValidationError{Problems: []Problem{{Field: "ratio",
			ZH: fmt.Sprintf("抽样比例不能低于政策规定的 %.0f%%", minRatio*100),
			EN: fmt.Sprintf("the ratio cannot be below the policy's %.0f%%", minRatio*100)}}}
	}
	loc := d.Location()
	from, to := r.Month.Bounds(loc)
	now := d.Now()
	// The population is read outside the write transaction (a scan of the
	// closures; registrations must not wait for it).
	var old *store.RevisitSample
	var pop []int64
	err = d.st.Read(ctx, func(tx store.Tx) error {
		var err error
		old, err = tx.RevisitSample(key)
		if errors.Is(err, store.ErrNotFound) {
			old, err = nil, nil
		}
		if err != nil {
			return err
		}
		pop, err = tx.ClosedBetween(from, to)
		return err
	})
	if err != nil {
		return nil, false, err
	}
	if old != nil {
		same := (r.Seed == 0 || r.Seed == old.Seed) && math.Abs(r.Ratio-old.Ratio) < 1e-9
		if same && !r.Redraw {
			return old, false, nil
		}
		old.DrawnAt = old.DrawnAt.In(loc)
		return nil, false, &SampleConflictError{Existing: old}
	}
	if r.Seed == 0 {
		r.Seed = report.NewSeed()
	}
	s = &store.RevisitSample{Month: key, Seed: r.Seed, Ratio: r.Ratio, Population: len(pop),
		DrawnAt: now, DrawnBy: a.Name, CaseIDs: report.Draw(pop, r.Ratio, r.Seed)}
	err = d.st.Write(ctx, func(tx store.Tx) error {
		cur, err := tx.RevisitSample(key)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		if cur != nil {
			cur.DrawnAt = cur.DrawnAt.In(loc)
			return &SampleConflictError{Existing: cur} // drawn by someone else meanwhile
		}
		drawn = true
		return tx.PutRevisitSample(s)
	})
	if err != nil {
		return nil, false, err
	}
	if drawn {
		d.publish(notify.Change{})
	}
	return s, drawn, nil
}

// StoredSample reads a month's revisit sample, or its inspection sample
// (store.ErrNotFound when none).
func (d *Desk) StoredSample(ctx context.Context, m report.Month, inspection bool) (*store.RevisitSample, error) {
	var s *store.RevisitSample
	err := d.st.Read(ctx, func(tx store.Tx) error {
		var err error
		s, err = tx.RevisitSample(sampleKey(m, inspection))
		return err
	})
	return s, err
}

// SampleCases reads the sampled cases, in the order drawn, as the actor may see them.
func (d *Desk) SampleCases(ctx context.Context, a Actor, s *store.RevisitSample) ([]store.Case, error) {
	out := make([]store.Case, 0, len(s.CaseIDs))
	err := d.st.Read(ctx, func(tx store.Tx) error {
		for _, id := range s.CaseIDs {
			c, err := tx.CaseByID(id)
			if err != nil {
				return err
			}
			out = append(out, *c)
		}
		return nil
	})
	return d.viewOf(a).cases(out), err
}

// ---- exports ----------------------------------------------------------------------

// ExportCases writes the cases q selects to w (csv, xlsx or json), with
// names and phones masked unless the actor's role sees them. It returns how
// many cases it wrote.
func (d *Desk) ExportCases(ctx context.Context, a Actor, q store.ExportQuery, w io.Writer, format, lang string) (int, error) {
	if err := d.mayReport(a); err != nil {
		return 0, err
	}
	v := d.viewOf(a)
	q.SearchPII = v.seePII // as the queue: a masked role matches personal data only whole
	n, err := d.ReportSource().Export(ctx, q, w, report.ExportOptions{Format: format, Lang: lang, View: v.kase, AsOf: d.Now()})
	if err != nil {
		return n, err
	}
	return n, d.auditSearch(ctx, a, v, q.Query)
}

// ---- dashboard --------------------------------------------------------------------

// Dashboard is the supervisor's picture of the desk at a moment.
type Dashboard struct {
	At        time.Time
	Open      []store.GradeStatusCount
	OpenTotal int
	Due       store.DueCounts
	Handlers  []store.HandlerLoad
	// Intake counts the cases received on each of the last IntakeDays
	// days, today last; IntakeFrom is the first day.
	Intake     []int
	IntakeFrom time.Time
	// Breaches are the latest breaches (latest first), Warnings the
	// running clocks past their warning threshold (nearest due first).
	Breaches    []store.Case
	Warnings    []store.Case
	WarnCount   int
	BreachCount int
	// NextChange is when a clock next comes due or reaches its warning
	// threshold: the picture changes then though nobody writes.
	NextChange time.Time
	// Today and Month are the figures of today's and this month's intake
	// (the on-time rates), as of RatesAt.
	Today, Month report.Figures
	RatesAt      time.Time
	Reminder     *Reminder
	// CalendarGap is the year whose official schedule is missing (0: none).
	CalendarGap int
}

// IntakeDays is how many days the dashboard's intake chart shows.
const IntakeDays = 30

// The dashboard is one picture shared by every session of the process: it
// is made again when the database changed (at most every dashFresh) or a
// clock came due, and the on-time rates, which read the month's histories,
// at most every ratesFresh after a change (and every ratesStale anyway).
const (
	dashFresh  = 2 * time.Second
	ratesFresh = 30 * time.Second
	ratesStale = 5 * time.Minute
)

type dashCache struct {
	mu       sync.Mutex
	snap     *Dashboard
	version  int64
	ratesVer int64
	active   string // a month the desk is known to have had cases by its end
}

// Dashboard reads the dashboard as of now.
func (d *Desk) Dashboard(ctx context.Context, a Actor, now time.Time) (*Dashboard, error) {
	if err := d.mayReport(a); err != nil {
		return nil, err
	}
	cache := &d.dash
	cache.mu.Lock()
	defer cache.mu.Unlock()
	ver, err := d.st.DataVersion(ctx)
	if err != nil {
		return nil, err
	}
	loc := d.Location()
	old := cache.snap
	if old != nil && ver == cache.version && !now.Before(old.At) && now.Sub(old.At) < dashFresh &&
		(old.NextChange.IsZero() || now.Before(old.NextChange)) {
		return d.dashFor(a, old), nil
	}
	snap, err := d.dashboard(ctx, now)
	if err != nil {
		return nil, err
	}
	sameDay := old != nil && sameDate(old.RatesAt, now, loc)
	ratesOK := old != nil && sameDay && !now.Before(old.RatesAt) &&
		(now.Sub(old.RatesAt) < ratesFresh || (ver == cache.ratesVer && now.Sub(old.RatesAt) < ratesStale))
	if ratesOK {
		snap.Today, snap.Month, snap.RatesAt = old.Today, old.Month, old.RatesAt
	} else {
		src := d.ReportSource()
		n := now.In(loc)
		day := time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, loc)
		from, _ := report.MonthOf(now, loc).Bounds(loc)
		if snap.Today, err = src.Figures(ctx, day, day.AddDate(0, 0, 1), now); err != nil {
			return nil, err
		}
		if snap.Month, err = src.Figures(ctx, from, day.AddDate(0, 0, 1), now); err != nil {
			return nil, err
		}
		snap.RatesAt = now
		cache.ratesVer = ver
	}
	prev := report.MonthOf(now, loc).Prev().String()
	var active bool
	if snap.Reminder, active, err = d.reminder(ctx, now, cache.active == prev); err != nil {
		return nil, err
	}
	if active {
		cache.active = prev
	}
	cache.snap, cache.version = snap, ver
	return d.dashFor(a, snap), nil
}

// dashFor is the shared dashboard as the actor may see it: its lists of
// cases through the actor's view.
func (d *Desk) dashFor(a Actor, snap *Dashboard) *Dashboard {
	v := d.viewOf(a)
	out := *snap
	out.CalendarGap = d.CalendarGap(snap.At)
	out.Breaches = v.cases(slices.Clone(snap.Breaches))
	out.Warnings = v.cases(slices.Clone(snap.Warnings))
	return &out
}

func sameDate(a, b time.Time, loc *time.Location) bool {
	if a.IsZero() {
		return false
	}
	a, b = a.In(loc), b.In(loc)
	return a.Year() == b.Year() && a.YearDay() == b.YearDay()
}

// dashboard reads everything but the rates in one snapshot.
func (d *Desk) dashboard(ctx context.Context, now time.Time) (*Dashboard, error) {
	loc := d.Location()
	n := now.In(loc)
	today := time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, loc)
	bounds := make([]time.Time, IntakeDays+1)
	for i := range bounds {
		bounds[i] = today.AddDate(0, 0, i-IntakeDays+1)
	}
	out := &Dashboard{At: now, IntakeFrom: bounds[0]}
	err := d.st.Read(ctx, func(tx store.Tx) error {
		var err error
		if out.Open, err = tx.OpenByGradeStatus(); err != nil {
			return err
		}
		for _, g := range out.Open {
			out.OpenTotal += g.N
		}
		if out.Due, err = tx.DueCounts(now, now.Add(time.Hour), d.DayEnd(now)); err != nil {
			return err
		}
		if out.Handlers, err = tx.HandlerLoads(now, 20); err != nil {
			return err
		}
		if out.Intake, err = tx.CountReceived(bounds); err != nil {
			return err
		}
		if out.Breaches, err = tx.LatestBreaches(now, 8); err != nil {
			return err
		}
		q := store.AlertQuery{Kind: store.AlertWarn, Now: now, Limit: 8, CountCap: alertCap}
		if out.Warnings, out.WarnCount, err = tx.AlertCases(q); err != nil {
			return err
		}
		out.BreachCount = out.Due.Overdue
		out.NextChange, err = tx.NextAlertAfter(now)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
