package report

import (
	"compress/flate"
	"io"
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

func (p *parallelDeflate) newChunk() []byte {
	select {
	case b := <-p.chunks:
		return b
	default:
		return make([]byte, 0, deflateChunk)
	}
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
		var out sliceWriter
		select {
		case out.b = <-p.outs:
		default:
			out.b = make([]byte, 0, len(data)/3+64)
		}
		var fw *flate.Writer
		select {
		case fw = <-p.fws:
			fw.Reset(&out)
		default:
			fw, _ = flate.NewWriter(&out, p.level)
		}
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
