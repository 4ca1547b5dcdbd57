package report

import (
	"compress/flate"
	"io"
	"os"
	"runtime"
)

// deflateChunk is how much each goroutine compresses at a time.
const deflateChunk = 1 << 20

// parallelDeflate compresses chunks of its input on several goroutines and
// writes them out in order as one deflate stream: each chunk is compressed
// afresh and ends with a sync flush (an empty stored block that is not the
// last, ending on a byte boundary), the last one with the final block, so
// the chunks join into a valid stream (as pgzip does for gzip). Chunks do
// not share a dictionary: the output is a little larger than one stream's.
//
// The chunks, their outputs and the compressors go round in free lists:
// made afresh for each chunk (a sync.Pool is emptied by every collection)
// they were an eighth of a million-case export's allocations.
type parallelDeflate struct {
	level  int
	chunk  []byte
	queue  chan chan []byte // results, in input order
	done   chan error
	closed bool
	chunks chan []byte        // free input chunks
	outs   chan []byte        // free output buffers
	fws    chan *flate.Writer // free compressors
}

func newParallelDeflate(w io.Writer, level int) *parallelDeflate {
	inFlight := runtime.GOMAXPROCS(0) + 1
	p := &parallelDeflate{level: level, queue: make(chan chan []byte, inFlight), done: make(chan error, 1),
		chunks: make(chan []byte, inFlight+2), outs: make(chan []byte, inFlight+2), fws: make(chan *flate.Writer, inFlight+2)}
	p.chunk = p.newChunk()
	go func() {
		var err error
		for res := range p.queue {
			b := <-res
			if err == nil {
				_, err = w.Write(b)
			}
			put(p.outs, b[:0])
		}
		p.done <- err
	}()
	return p
}

// put returns v to a free list, or drops it when the list is full.
func put[T any](free chan T, v T) {
	select {
	case free <- v:
	default:
	}
}

// get takes a value from a free list, or makes one when it is empty.
func get[T any](free chan T, make func() T) T {
	select {
	case v := <-free:
		return v
	default:
		return make()
	}
}

func (p *parallelDeflate) newChunk() []byte {
	return get(p.chunks, func() []byte { return make([]byte, 0, deflateChunk) })
}

func (p *parallelDeflate) Write(b []byte) (int, error) {
	n := len(b)
	for len(b) > 0 {
		take := min(len(b), deflateChunk-len(p.chunk))
		p.chunk = append(p.chunk, b[:take]...)
		b = b[take:]
		if len(p.chunk) == deflateChunk {
			p.submit(false)
		}
	}
	return n, nil
}

// sliceWriter appends to a byte slice (a bytes.Buffer that can be handed
// back to a free list without its header).
type sliceWriter struct{ b []byte }

func (s *sliceWriter) Write(p []byte) (int, error) {
	s.b = append(s.b, p...)
	return len(p), nil
}

// submit compresses the current chunk on a goroutine; the queue's
// capacity bounds how many are in flight.
func (p *parallelDeflate) submit(final bool) {
	data := p.chunk
	p.chunk = p.newChunk()
	res := make(chan []byte, 1)
	p.queue <- res
	go func() {
		out := sliceWriter{get(p.outs, func() []byte { return make([]byte, 0, len(data)/3+64) })}
		fw := get(p.fws, func() *flate.Writer {
			fw, _ := flate.NewWriter(io.Discard, p.level) // p.level is one of flate's levels
			return fw
		})
		fw.Reset(&out)
		_, _ = fw.Write(data) // writes to memory do not fail
		if final {
			_ = fw.Close()
		} else {
			_ = fw.Flush()
		}
		put(p.fws, fw)
		put(p.chunks, data[:0])
		res <- out.b
	}()
}

// Close compresses what is left as the final block and waits for the output.
func (p *parallelDeflate) Close() error { return p.Finish(true) }

// Finish compresses what is left and waits for the output. With final
// false the stream ends on a sync flush instead of the final block, so
// more compressed pieces can follow it (the XLSX writer adds a sheet's
// tail).
func (p *parallelDeflate) Finish(final bool) error {
	if p.closed {
		return nil
	}
	p.closed = true
	p.submit(final)
	close(p.queue)
	return <-p.done
}

// writeBehind writes to a file and has the system write its pages to the
// disk as they come, a step at a time, and waits for the pages more than
// writeBehindLag behind: an export leaves at most that much dirty data
// behind it. Left to the system, the 270 MB of a million-case XLSX went to
// the disk in bursts (pages 30 s old, every 5 s; the whole output when it
// was synced at the end), and the fsyncs of the desk's registrations (the
// WAL, on the same disk) waited behind them for up to a second (issue 18).
// The wait is for pages handed over long before, so it seldom blocks:
// waiting for the step just before held a quiet export back by 40 %.
type writeBehind struct {
	f      *os.File
	off    int64 // where the next write lands
	from   int64 // the start of the pages not yet handed to the disk
	waited int64 // the pages before this are on the disk
}

const (
	writeBehindStep = 1 << 20
	writeBehindLag  = 16 << 20
)

// writeBehindFile is w through a writeBehind when it is a regular file.
func writeBehindFile(w io.Writer) io.Writer {
	f, ok := w.(*os.File)
	if !ok {
		return w
	}
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return w
	}
	return newWriteBehind(f)
}

func newWriteBehind(f *os.File) *writeBehind {
	off, err := f.Seek(0, io.SeekCurrent)
	if err != nil {
		off = 0
	}
	return &writeBehind{f: f, off: off, from: off, waited: off}
}

func (w *writeBehind) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	w.off += int64(n)
	if w.off-w.from >= writeBehindStep {
		writeBack(w.f, w.from, w.off-w.from, false)
		w.from = w.off
		if end := w.from - writeBehindLag; end > w.waited {
			writeBack(w.f, w.waited, end-w.waited, true)
			w.waited = end
		}
	}
	return n, err
}
