package common

import (
	"sync"

	tea "charm.land/bubbletea/v2"
)

// Requests numbers one kind of asynchronous request of one page (the
// queue's rows, the dashboard's figures). Its answers carry where they
// come from, so the root model hands them to the page that asked wherever
// it is in the stack, and the page keeps only the answer to its newest
// request (gh-dash's SectionMsg). The zero value is ready.
type Requests struct{ n int }

// Answer is what a request's command returns: Msg, from one request.
type Answer struct {
	from *Requests
	n    int
	Msg  tea.Msg
}

// Ask numbers a new request and returns its command; fn runs off the UI
// loop and must not touch the page.
func (r *Requests) Ask(fn func() tea.Msg) tea.Cmd {
	r.n++
	n := r.n
	return func() tea.Msg { return Answer{from: r, n: n, Msg: fn()} }
}

// Latest is the answer's message when it answers r's newest request.
func (r *Requests) Latest(a Answer) (tea.Msg, bool) { return a.Msg, a.from == r && a.n == r.n }

// Any is the answer's message when it answers any of r's requests.
func (r *Requests) Any(a Answer) (tea.Msg, bool) { return a.Msg, a.from == r }

// Asked is how many requests were made (tests count queries with it).
func (r *Requests) Asked() int { return r.n }

// Gate serialises a form's draft writes with its final save or discard:
// once the form is Done no late draft write can bring its draft back. It
// is also the form's identity in asynchronous results.
type Gate struct {
	Mu   sync.Mutex
	Done bool
}
