package report

import (
	"bytes"
	"compress/flate"
	"io"
	"runtime"
	"sync"
)

// deflateChunk is how much each goroutine compresses at a time.
const deflateChunk = 1 << 20

var flatePool = sync.Pool{New: func() any {
	fw, _ := flate.NewWriter(io.Discard, flate.BestSpeed)
	return fw
}}

// parallelDeflate compresses chunks of its input on several goroutines and
// writes them out in order as one deflate stream: each chunk is compressed
// afresh and ends with a sync flush (an empty stored block that is not the
// last, ending on a byte boundary), the last one with the final block, so
// the chunks join into a valid stream (as pgzip does for gzip). Chunks do
// not share a dictionary: the output is a little larger than one stream's.
type parallelDeflate struct {
	level  int
	chunk  []byte
	queue  chan chan []byte // results, in input order
	done   chan error
	closed bool
}

func newParallelDeflate(w io.Writer, level int) *parallelDeflate {
	p := &parallelDeflate{level: level, chunk: make([]byte, 0, deflateChunk),
		queue: make(chan chan []byte, runtime.GOMAXPROCS(0)+1), done: make(chan error, 1)}
	go func() {
		var err error
		for res := range p.queue {
			b := <-res
			if err == nil {
				_, err = w.Write(b)
			}
		}
		p.done <- err
	}()
	return p
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

// submit compresses the current chunk on a goroutine; the queue's
// capacity bounds how many are in flight.
func (p *parallelDeflate) submit(final bool) {
	data := p.chunk
	p.chunk = make([]byte, 0, deflateChunk)
	res := make(chan []byte, 1)
	p.queue <- res
	go func() {
		var out bytes.Buffer
		out.Grow(len(data)/3 + 64)
		fw := flatePool.Get().(*flate.Writer)
		fw.Reset(&out)
		_, _ = fw.Write(data) // writes to a bytes.Buffer do not fail
		if final {
			_ = fw.Close()
		} else {
			_ = fw.Flush()
		}
		flatePool.Put(fw)
		res <- out.Bytes()
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
