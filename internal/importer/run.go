package importer

import (
	"cmp"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	"complaintdesk/internal/desk"
)

// DefaultBatch is how many rows one transaction writes.
const DefaultBatch = 1000

// Options describe one import.
type Options struct {
	File    string
	Mapping *Mapping
	// Read overrides the mapping's reading options (the command line's
	// --encoding, --delimiter, --sheet).
	Read   ReadOptions
	Desk   *desk.Desk
	Actor  desk.Actor
	DryRun bool
	Batch  int // rows per transaction; 0 = DefaultBatch
	// Rejects is the reject file to write ("" = none): the rejected rows
	// with the original header and a reject_reason column, UTF-8, ready to
	// be fixed and imported again with the same mapping.
	Rejects string
	// Lang is the language of the reject file's reasons ("zh" or "en").
	Lang string
	// OnStart is told what was detected before the first row is read.
	OnStart func(Start)
	// OnReject is told of every rejected row, in file order, once its
	// batch is decided.
	OnReject func(unit string, e *RowError)
	// OnProgress is called after every batch.
	OnProgress func(Progress)
}

// Start is what an import found before reading rows.
type Start struct {
	Describe string // "CSV, UTF-8 with BOM, comma"
	Source   string
	Columns  int
}

// Summary counts what an import did.
type Summary struct {
	Source     string
	Rows       int // data rows read (blank rows not counted)
	Blank      int
	Imported   int // in a dry run: would be imported
	Duplicates int // imported before (same source and id): skipped
	// Skipped counts, by reason, the rows that are not complaints
	// (totals, signatures, the header repeated): left out, not rejected.
	Skipped  map[string]int
	Rejected int
	// Interrupted: the import was cancelled; every batch before is
	// written whole, none of the one under way.
	Interrupted bool
	Elapsed     time.Duration
	// RejectsFile is the reject file, when rows were rejected and one was asked for.
	RejectsFile string
}

// Progress is the summary so far and how far the file is read.
type Progress struct {
	Summary
	Done, Total int64 // bytes (CSV) or rows (sheet); Total 0 when unknown
}

// Fraction is how much of the file is read, 0..1 (0 when unknown).
func (p Progress) Fraction() float64 {
	if p.Total <= 0 {
		return 0
	}
	return min(1, float64(p.Done)/float64(p.Total))
}

type rejected struct {
	cells []string
	timed []bool // Row.Timed
	err   *RowError
}

// Run imports a register: it reads the file as a stream, converts each row
// with the mapping, writes the rows in batches of one transaction each
// (numbers allocated inside it) and reports every bad row. Memory stays
// the same whatever the file's length. When ctx is cancelled it stops and
// returns ctx's error with the summary of the batches written.
func Run(ctx context.Context, o Options) (Summary, error) {
	start := time.Now()
	sum := Summary{}
	r, err := Open(o.File, o.Mapping.ReadOptions(o.Read))
	if err != nil {
		return sum, err
	}
	defer r.Close()
	excel, date1904 := r.Excel()
	sum.Source = o.Mapping.SourceName(o.File)
	b, err := o.Mapping.Bind(BindOptions{Header: r.Header(), Source: sum.Source, Policy: o.Desk.Policy(),
		Location: o.Desk.Location(), Excel: excel, Date1904: date1904})
	if err != nil {
		return sum, err
	}
	if o.OnStart != nil {
		o.OnStart(Start{Describe: r.Describe(), Source: sum.Source, Columns: len(r.Header())})
	}
	size := o.Batch
	if size <= 0 {
		size = DefaultBatch
	}
	endBulk := func() error { return nil }
	if !o.DryRun {
		if endBulk, err = o.Desk.BeginBulk(ctx); err != nil {
			return sum, err
		}
	}
	rw := &rejectWriter{path: o.Rejects, header: r.Header(), headerRow: r.HeaderLine(), file: o.File, unit: r.Unit(), lang: o.Lang}
	if excel {
		rw.dates, rw.loc, rw.date1904 = b.dateColumns(), b.loc, date1904
	}
	defer rw.close()

	// Reading, converting and preparing a batch (a goroutine) overlap
	// with writing the one before (here): the database has one writer,
	// and the rest of the work need not wait for it.
	pctx, stop := context.WithCancel(ctx)
	defer stop()
	batches := make(chan *chunk, 1)
	go produce(pctx, r, b, o, size, batches)
	drain := func() {
		stop()
		for range batches {
		}
	}
	finish := func(err error) (Summary, error) {
		drain()
		// Every batch written is durable before the summary says so.
		if berr := endBulk(); err == nil {
			err = berr
		}
		sum.Elapsed = time.Since(start)
		if cerr := rw.close(); err == nil {
			err = cerr
		}
		if rw.f != nil {
			sum.RejectsFile = rw.path
		}
		if err != nil && ctx.Err() != nil {
			sum.Interrupted = true
			return sum, ctx.Err()
		}
		return sum, err
	}
	complete := false
	for ch := range batches {
		if ch.err != nil {
			return finish(ch.err)
		}
		if err := ctx.Err(); err != nil {
			return finish(err)
		}
		bad := ch.bad
		if ch.hb != nil {
			results, err := o.Desk.WriteHistory(ctx, ch.hb, o.DryRun)
			if err != nil {
				return finish(err)
			}
			for i, res := range results {
				switch res.Outcome {
				case desk.Imported:
					sum.Imported++
				case desk.Duplicate:
					sum.Duplicates++
				case desk.Invalid:
					bad = append(bad, rejected{cells: ch.cells[i], err: b.DeskProblems(ch.lines[i], res.Err)})
				}
			}
		}
		sum.Rows += ch.rows
		sum.Blank += ch.blank
		sum.Duplicates += ch.dups
		for why, n := range ch.skipped {
			if sum.Skipped == nil {
				sum.Skipped = map[string]int{}
			}
			sum.Skipped[why] += n
		}
		slices.SortStableFunc(bad, func(a, b rejected) int { return a.err.Line - b.err.Line })
		for _, x := range bad {
			sum.Rejected++
			if err := rw.write(x); err != nil {
				return finish(err)
			}
			if o.OnReject != nil {
				o.OnReject(r.Unit(), x.err)
			}
		}
		if o.OnProgress != nil {
			p := Progress{Summary: sum, Done: ch.done, Total: ch.total}
			p.Elapsed = time.Since(start)
			o.OnProgress(p)
		}
		complete = ch.last
	}
	if !complete {
		// The reading stopped before the end: cancelled.
		return finish(cmp.Or(ctx.Err(), context.Canceled))
	}
	return finish(nil)
}

// chunk is a batch read and prepared, with the rows refused on the way.
type chunk struct {
	hb    *desk.HistoryBatch // nil when no row of it reached the desk
	lines []int              // of hb's cases
	cells [][]string
	bad   []rejected
	rows  int
	blank int
	dups  int // repeats within the file, found in a dry run
	// skipped counts the rows that are not complaints, by reason
	skipped map[string]int
	done    int64
	total   int64
	err     error // the reading failed: the last chunk
	last    bool  // the file's end was reached
}

// produce reads the file, converts its rows and prepares them in batches
// of size, until the end, an error or ctx's end.
func produce(ctx context.Context, r Reader, b *Binding, o Options, size int, out chan<- *chunk) {
	defer close(out)
	// A dry run writes nothing, so the database cannot tell that a row
	// repeats an id of an earlier batch: remember the ids (hashed).
	var seen map[uint64]struct{}
	if o.DryRun {
		seen = map[uint64]struct{}{}
	}
	send := func(ch *chunk) bool {
		select {
		case out <- ch:
			return true
		case <-ctx.Done():
			return false
		}
	}
	ch := &chunk{}
	var batch []desk.HistoryCase
	flush := func() bool {
		if len(batch) > 0 {
			hb, err := o.Desk.PrepareHistory(o.Actor, batch)
			if err != nil {
				send(&chunk{err: err})
				return false
			}
			ch.hb = hb
		}
		ch.done, ch.total = r.Progress()
		if !send(ch) {
			return false
		}
		ch, batch = &chunk{}, nil
		return true
	}
	for ctx.Err() == nil {
		row, err := r.Next()
		if err == io.EOF {
			ch.last = true
			flush()
			return
		}
		var re *RowError
		skip := ""
		if err == nil {
			skip = b.skipReason(row)
		}
		switch {
		case errors.As(err, &re):
			ch.rows++
			ch.bad = append(ch.bad, rejected{cells: row.Cells, timed: row.Timed, err: re})
		case err != nil:
			send(&chunk{err: fmt.Errorf("%s: %w", o.File, err)})
			return
		case row.Blank():
			ch.blank++
			continue
		case skip != "":
			ch.rows++
			if ch.skipped == nil {
				ch.skipped = map[string]int{}
			}
			ch.skipped[skip]++
		default:
			ch.rows++
			h, re := b.Convert(row)
			switch {
			case re != nil:
				ch.bad = append(ch.bad, rejected{cells: row.Cells, timed: row.Timed, err: re})
			case seen != nil && seenBefore(seen, h.Source, h.SourceID):
				ch.dups++
			default:
				batch = append(batch, h)
				ch.lines = append(ch.lines, row.Line)
				ch.cells = append(ch.cells, row.Cells)
			}
		}
		if len(batch)+len(ch.bad) >= size {
			if !flush() {
				return
			}
		}
	}
}

func seenBefore(seen map[uint64]struct{}, source, id string) bool {
	h := fnv.New64a()
	io.WriteString(h, source)
	h.Write([]byte{0})
	io.WriteString(h, id)
	k := h.Sum64()
	if _, ok := seen[k]; ok {
		return true
	}
	seen[k] = struct{}{}
	return false
}

// RejectColumn is the column the reject file adds to the original header.
const RejectColumn = "reject_reason"

// rejectDateLayout is how the reject file writes a workbook's dates: a
// person fixing the rows reads them, and an import reads them back (with
// any mapping) as the same date, with or without its time.
const rejectDateLayout = "YYYY-MM-DD HH:mm:ss"

// rejectWriter writes the reject file on the first rejected row.
type rejectWriter struct {
	path      string
	header    []string
	headerRow int
	file      string
	unit      string
	lang      string
	f         *os.File
	w         *csv.Writer
	// A workbook's date columns, whose serial numbers are written as dates.
	dates    []int
	loc      *time.Location
	date1904 bool
}

func (rw *rejectWriter) write(x rejected) error {
	if rw.path == "" {
		return nil
	}
	if rw.w == nil {
		// The rows hold customers' names and phones: the owner's alone.
		f, err := os.OpenFile(rw.path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
		if err != nil {
			return fmt.Errorf("the reject file: %w", err)
		}
		if err := f.Chmod(0o600); err != nil { // a reject file left by an older desk
			f.Close()
			return fmt.Errorf("the reject file: %w", err)
		}
		rw.f = f
		// A byte-order mark: Excel then opens the UTF-8 file with its
		// Chinese intact (the importer skips it).
		if _, err := f.Write(bomUTF8); err != nil {
			return err
		}
		rw.w = csv.NewWriter(f)
		rw.w.UseCRLF = true
		// Title rows above the header keep a mapping's header_row right.
		for i := 1; i < rw.headerRow; i++ {
			title := "#"
			if i == 1 {
				title = "rejected rows of " + filepath.Base(rw.file) + ": fix them and import this file with the same mapping"
			}
			rw.w.Write([]string{title})
		}
		col := RejectColumn
		for slices.Contains(rw.header, col) {
			col = "_" + col
		}
		rw.w.Write(append(slices.Clone(rw.header), col))
	}
	// The reason goes under its column; cells beyond the header (a row
	// with too many) follow it, to be fixed.
	n := len(rw.header)
	rec := make([]string, n, max(n, len(x.cells))+1)
	copy(rec, x.cells)
	for _, i := range rw.dates {
		if i >= len(x.cells) || !isNumber(x.cells[i]) {
			continue
		}
		if t, timed, err := parseExcelTime(x.cells[i], rw.loc, rw.date1904); err == nil {
			if timed || (i < len(x.timed) && x.timed[i]) {
				rec[i] = t.Format("2006-01-02 15:04:05")
			} else {
				rec[i] = t.Format("2006-01-02")
			}
		}
	}
	rec = append(rec, x.err.FormatIn(rw.unit, rw.lang))
	if len(x.cells) > n {
		rec = append(rec, x.cells[n:]...)
	}
	return rw.w.Write(rec)
}

func (rw *rejectWriter) close() error {
	if rw.f == nil || rw.w == nil {
		return nil
	}
	rw.w.Flush()
	err := rw.w.Error()
	if cerr := rw.f.Close(); err == nil {
		err = cerr
	}
	rw.w = nil
	return err
}
