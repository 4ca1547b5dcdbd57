package desk

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/singleflight"

	"complaintdesk/internal/complaint"
	"complaintdesk/internal/deadline"
	"complaintdesk/internal/notify"
	"complaintdesk/store"
	"complaintdesk/store/search"
)

// The one read path: every read a person makes goes through these use
// cases with the actor, and gets what the actor may see (view.go).

// QueuePage is one window of the queue as the actor may see it.
type QueuePage struct {
	Cases []store.Case
	// Total counts the matches (up to the query's CountCap).
	Total int
	// Repeats counts, per case on the page, the cases of its first
	// complainant's phone (a repeat caller: 张*(3)).
	Repeats map[int64]int
}

// Queue reads a window of the queue for the actor: "mine" is the actor's
// cases, and the search matches only what the actor may see. The cases
// may be those the desk shares between sessions (its read cache): read
// them, never change them.
func (d *Desk) Queue(ctx context.Context, a Actor, q store.Query) (QueuePage, error) {
	return d.queue(ctx, a, q, false)
}

// QueueCases is Queue's cases alone: no total and no repeat callers'
// counts, which `desk cases list` does not print (two statements fewer).
func (d *Desk) QueueCases(ctx context.Context, a Actor, q store.Query) ([]store.Case, error) {
	page, err := d.queue(ctx, a, q, true)
	return page.Cases, err
}

func (d *Desk) queue(ctx context.Context, a Actor, q store.Query, casesOnly bool) (QueuePage, error) {
	v := d.viewOf(a)
	q.User = ""
	if q.Tab == store.TabMine {
		q.User = a.Name
	}
	if r := d.Policy().Role(a.Role); r != nil && r.Only != "" {
		return d.namedQueue(ctx, a, r.Only, q)
	}
	if q.Tab == store.TabApprovals {
		if !d.Approves(a) {
			return QueuePage{}, nil
		}
		q.Approvals = d.approvalStatuses(a)
	}
	q.SearchPII = v.seePII // a masked role matches personal data only whole
	key := "q|" + strconv.FormatBool(q.SearchPII) + "|" + strconv.FormatBool(casesOnly) + "|" + queryKey(q)
	val, err := d.shared(ctx, key, func() (any, error) {
		var page QueuePage
		err := d.st.Read(ctx, func(tx store.Tx) error {
			var err error
			if page.Cases, err = tx.ListCases(q); err != nil {
				return err
			}
			if casesOnly {
				return nil
			}
			var phones []string
			for _, c := range page.Cases {
				if p := c.Primary().Phone; p != "" {
					phones = append(phones, p)
				}
			}
			counts, err := tx.PhoneCaseCounts(phones)
			if err != nil {
				return err
			}
			page.Repeats = map[int64]int{}
			for _, c := range page.Cases {
				if n := counts[c.Primary().Phone]; n > 0 && c.Primary().Phone != "" {
					page.Repeats[c.ID] = n
				}
			}
			page.Total, err = tx.CountCases(q)
			return err
		})
		return page, err
	})
	if err != nil {
		return QueuePage{}, err
	}
	page := val.(QueuePage) // the cache keeps the cases as stored; each caller gets its view
	raw := page.Cases
	if v.masks() { // else every session reads the shared cases as they are
		page.Cases = v.cases(slices.Clone(raw))
	}
	if !v.seePII && q.Search != "" && a != System {
		if err := d.auditLookup(ctx, a, q.Search, raw); err != nil {
			return QueuePage{}, err
		}
	}
	return page, nil
}

// auditLookup records a masked role's search by a whole phone number or
// name, like a reveal: each case it found by that value gets a "lookup"
// event (who, when, the value masked), which desk audit lists.
func (d *Desk) auditLookup(ctx context.Context, a Actor, typed string, found []store.Case) error {
	whole := search.WholeLookup(typed)
	if whole == "" {
		return nil
	}
	var hits []*store.Case
	var masked string
	for i := range found {
		for _, p := range found[i].Complainants {
			if v, ok := wholeMatch(typed, p); ok {
				hits, masked = append(hits, &found[i]), v
				break
			}
		}
	}
	if strings.Trim(whole, "0123456789") == "" {
		if _, _, err := complaint.NormalizePhone(whole); err != nil {
			// Nobody's phone (a number typed so far, 13812): no complainant
			// can match it whole, so it tells nothing and is not counted.
			return nil
		}
	}
	if len(hits) == 0 && len(found) > 0 {
		// Found only by what the role sees (a word of the content, an
		// order number): a search, not a probe of personal data. A guess
		// finds either the person or nothing.
		return nil
	}
	if err := d.allowLookup(ctx, a.Name, whole, len(hits)); err != nil {
		return err // misses count too: a miss also tells
	}
	now := d.Now()
	// The queue reads again after every change and the intake form asks
	// again as it is typed: what is recorded is that this user looked this
	// person up on this case today, once, not every read of it.
	if len(hits) == 0 || !d.callers.due(a.Name, typed, now) {
		return nil
	}
	day := now.In(d.Location()).Format(time.DateOnly)
	return d.st.Write(ctx, func(tx store.Tx) error {
		for _, c := range hits {
			events, err := tx.Events(c.ID)
			if err != nil {
				return err
			}
			if slices.ContainsFunc(events, func(e store.Event) bool {
				return e.Action == LookupAction && e.Actor == a.Name && e.After["value"] == masked &&
					e.Entered.In(d.Location()).Format(time.DateOnly) == day
			}) {
				continue
			}
			ev := store.Event{CaseID: c.ID, At: now, Entered: now, Actor: a.Name, Action: LookupAction,
				Reason: "以完整的个人信息查找投诉单", After: map[string]string{"value": masked}}
			if err := tx.AppendEvent(&ev); err != nil {
				return err
			}
		}
		return nil
	})
}

// auditSearch audits, like the queue, a masked role's search by a whole
// phone or name made outside the queue (an export): every case it matches.
func (d *Desk) auditSearch(ctx context.Context, a Actor, v view, q store.Query) error {
	if v.seePII || q.Search == "" || a == System || !search.IsWholeLookup(q.Search) {
		return nil
	}
	q.SearchPII, q.Offset, q.Limit = false, 0, 1000
	var found []store.Case
	if err := d.st.Read(ctx, func(tx store.Tx) error {
		var err error
		found, err = tx.ListCases(q)
		return err
	}); err != nil {
		return err
	}
	return d.auditLookup(ctx, a, q.Search, found)
}

// wholeMatch reports whether typed is the complainant's whole phone or
// name, and the value masked as the audit records it.
func wholeMatch(typed string, p store.Complainant) (string, bool) {
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, typed)
	pd := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, p.Phone)
	if digits != "" && digits == pd {
		return complaint.MaskPhone(p.Phone), true
	}
	if n := strings.Join(strings.Fields(strings.ToLower(typed)), ""); n != "" && n == strings.Join(strings.Fields(strings.ToLower(p.Name)), "") {
		return complaint.MaskName(p.Name), true
	}
	return "", false
}

// Approves reports whether the actor decides approvals: closures awaiting
// approval (the policy's approve step) or grade changes (approve_grade).
func (d *Desk) Approves(a Actor) bool {
	return len(d.approvalStatuses(a)) > 0 || d.Policy().Allowed("approve_grade", a.Role)
}

// approvalStatuses are the statuses from which the actor may approve.
func (d *Desk) approvalStatuses(a Actor) []string {
	var out []string
	for _, t := range d.Policy().Transitions {
		if t.Action == "approve" && t.Allows(a.Role) {
			for _, st := range t.From {
				if !slices.Contains(out, st) {
					out = append(out, st)
				}
			}
		}
	}
	return out
}

// namedQueue is the queue of a role that sees only the cases naming its
// user (lab testers: a handful of re-tests). The search matches only what
// the role may see — the case number and the fields it does not hide —
// never the customer, the report or the sample's number.
func (d *Desk) namedQueue(ctx context.Context, a Actor, field string, q store.Query) (QueuePage, error) {
	v := d.viewOf(a)
	search := strings.ToLower(strings.TrimSpace(q.Search))
	limit, offset := q.Limit, q.Offset
	q.Search, q.Named, q.Offset, q.Limit = "", store.Named{Field: field, User: a.Name}, 0, namedMax
	var all []store.Case
	err := d.st.Read(ctx, func(tx store.Tx) error {
		var err error
		all, err = tx.ListCases(q)
		return err
	})
	if err != nil {
		return QueuePage{}, err
	}
	var page QueuePage
	for _, c := range v.cases(all) {
		if search != "" && !strings.Contains(visibleText(&c), search) {
			continue
		}
		page.Total++
		if page.Total > offset && (limit <= 0 || len(page.Cases) < limit) {
			page.Cases = append(page.Cases, c)
		}
	}
	return page, nil
}

// namedMax bounds the cases a role seeing only its own reads at once.
const namedMax = 2000

// visibleText is what a search may match of a case already through a view.
func visibleText(c *store.Case) string {
	parts := []string{c.Number, c.Content, c.Subject}
	for _, k := range slices.Sorted(maps.Keys(c.Fields)) {
		parts = append(parts, c.Fields[k])
	}
	return strings.ToLower(strings.Join(parts, "\n"))
}

// TabCounts counts each tab for the actor as of now (without filters: the
// tabs are the desk's inboxes), each up to countCap.
func (d *Desk) TabCounts(ctx context.Context, a Actor, tabs []store.Tab, now time.Time, countCap int) ([]int, error) {
	if r := d.Policy().Role(a.Role); r != nil && r.Only != "" {
		out := make([]int, len(tabs))
		for i, t := range tabs {
			page, err := d.namedQueue(ctx, a, r.Only, store.Query{Tab: t, User: a.Name, Now: now, DayEnd: d.DayEnd(now)})
			if err != nil {
				return nil, err
			}
			out[i] = page.Total
		}
		return out, nil
	}
	// Each tab is counted once per generation of the data for every
	// session that shows it: only Mine is the user's own.
	minute := strconv.FormatInt(now.Unix()/60, 10)
	out := make([]int, len(tabs))
	for i, t := range tabs {
		key := "n|" + strconv.Itoa(int(t)) + "|" + minute + "|" + strconv.Itoa(countCap)
		if t == store.TabMine {
			key += "|" + a.Name
		}
		count := func() (any, error) {
			var n int
			err := d.st.Read(ctx, func(tx store.Tx) error {
				var err error
				n, err = tx.CountCases(store.Query{Tab: t, User: a.Name, Now: now, DayEnd: d.DayEnd(now), CountCap: countCap})
				return err
			})
			return n, err
		}
		val, err := d.shared(ctx, key, count)
		if err != nil {
			return nil, err
		}
		out[i] = val.(int)
	}
	return out, nil
}

// Case reads a case with its history as the actor may see them; the desk
// itself (System) sees them as stored.
func (d *Desk) Case(ctx context.Context, a Actor, number string) (*store.Case, []store.Event, error) {
	c, evs, err := d.stored(ctx, number)
	if err != nil || a == System {
		return c, evs, err
	}
	if !d.sees(a, c) {
		return nil, nil, &NotFoundError{Number: c.Number}
	}
	v := d.viewOf(a)
	return v.kase(c), v.events(evs), nil
}

// stored reads a case and its history as stored.
func (d *Desk) stored(ctx context.Context, number string) (*store.Case, []store.Event, error) {
	var c *store.Case
	var evs []store.Event
	number = strings.ToUpper(strings.TrimSpace(number))
	err := d.st.Read(ctx, func(tx store.Tx) error {
		var err error
		if c, err = tx.CaseByNumber(number); err != nil {
			return err
		}
		evs, err = tx.Events(c.ID)
		return err
	})
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil, &NotFoundError{Number: number}
	}
	return c, evs, err
}

// CaseView is everything the case page shows, as the actor may see it.
type CaseView struct {
	Case   *store.Case
	Events []store.Event
	Clocks []deadline.Clock
	// Related are the linked cases and the caller's other cases; Suggestion
	// is what the grading rules make of the case now.
	Related    Related
	Suggestion Suggestion
}

// CaseView reads a case for its page: the case, its history, its clocks,
// its relations and the grading rules' suggestion, as the actor may see
// them.
func (d *Desk) CaseView(ctx context.Context, a Actor, number string) (*CaseView, error) {
	c, evs, err := d.stored(ctx, number)
	if err != nil {
		return nil, err
	}
	if !d.sees(a, c) {
		return nil, &NotFoundError{Number: c.Number}
	}
	v := d.viewOf(a)
	p := d.Policy()
	out := &CaseView{Case: v.kase(c), Events: v.events(evs)}
	for _, k := range d.Clocks(c, evs) {
		if pc := p.Clock(k.ID); pc != nil && pc.Start == "report_received" && v.hides("report_received") {
			continue // its start would tell when the customer got the report
		}
		out.Clocks = append(out.Clocks, k)
	}
	// Relations and the suggestion are best effort: the case is what matters.
	if !v.hides("complainant") {
		out.Related, _ = d.relations(ctx, c)
		// only the caller's cases the actor may open (a department head's
		// complaint file lists no appeal they cannot see)
		out.Related.SamePhone = v.cases(d.seen(a, out.Related.SamePhone))
	} else if r, err := d.relations(ctx, c); err == nil {
		out.Related.Linked = r.Linked
	}
	for i := range out.Related.Linked {
		out.Related.Linked[i].Case = *v.kase(&out.Related.Linked[i].Case)
	}
	if sug, err := d.Suggest(ctx, c); err == nil {
		sug.Similar = v.cases(sug.Similar)
		if v.hides("complainant") {
			sug.Similar = nil
		}
		out.Suggestion = sug
	}
	return out, nil
}

// Caller lists the cases of a caller's phone as the actor may see them,
// newest first (the intake's repeat-caller panel).
func (d *Desk) Caller(ctx context.Context, a Actor, phone string, limit int) ([]store.Case, error) {
	if d.viewOf(a).hides("complainant") {
		return nil, nil // a role that never sees who complained finds nobody by phone
	}
	cs, err := d.casesByPhone(ctx, phone, limit)
	if err != nil {
		return nil, err
	}
	cs = d.seen(a, cs)
	if err := d.auditCaller(ctx, a, phone, cs); err != nil {
		return nil, err
	}
	return d.viewOf(a).cases(cs), nil
}

// FindByField lists the cases whose policy field key is value (an appeal's
// report number, a re-test's blind code), newest first, as the actor may
// see them; a field the actor's role may not see is refused.
func (d *Desk) FindByField(ctx context.Context, a Actor, key, value string, limit int) ([]store.Case, error) {
	v := d.viewOf(a)
	if v.hides(key) {
		return nil, &ForbiddenError{Action: "find", Err: fmt.Errorf("the role %s may not see %s", a.Role, key)}
	}
	var out []store.Case
	err := d.st.Read(ctx, func(tx store.Tx) error {
		var err error
		out, err = tx.CasesByField(key, strings.TrimSpace(value), limit)
		return err
	})
	return v.cases(d.seen(a, out)), err
}

// seen keeps the cases the actor may see at all.
func (d *Desk) seen(a Actor, list []store.Case) []store.Case {
	return slices.DeleteFunc(list, func(c store.Case) bool { return !d.sees(a, &c) })
}

// publish tells every session of a change and starts a new generation of
// the shared reads.
func (d *Desk) publish(c notify.Change) {
	d.writes.Add(1)
	d.reads.invalidate()
	d.hub.Publish(c)
}

// Writes counts the writes this process made through the desk.
func (d *Desk) Writes() int64 { return d.writes.Load() }

// readCache shares the queue's reads between the sessions of a process:
// after a change every open queue reloads at once and most ask the same
// questions. Within one generation of the data a question is asked of the
// database once (singleflight) and its answer kept; a change starts a new
// generation.
type readCache struct {
	gen     atomic.Uint64
	flight  singleflight.Group
	mu      sync.Mutex
	of      uint64
	entries map[string]any
}

// maxReads bounds one generation's answers (searches as people type).
const maxReads = 2000

func (r *readCache) invalidate() { r.gen.Add(1) }

// shared answers key from the read cache. fn reads with its caller's
// context, and the first caller's fn answers every caller of the
// generation: when that caller went away (a search typed over, a session
// closed), the others ask again rather than fail with its cancellation.
func (d *Desk) shared(ctx context.Context, key string, fn func() (any, error)) (any, error) {
	val, err := d.reads.do(key, fn)
	if errors.Is(err, context.Canceled) && ctx.Err() == nil {
		val, err = d.reads.do(key, fn)
	}
	return val, err
}

// do answers key from the current generation, asking fn once.
func (r *readCache) do(key string, fn func() (any, error)) (any, error) {
	gen := r.gen.Load()
	r.mu.Lock()
	if r.of != gen {
		r.of, r.entries = gen, nil
	}
	if v, ok := r.entries[key]; ok {
		r.mu.Unlock()
		return v, nil
	}
	r.mu.Unlock()
	v, err, _ := r.flight.Do(strconv.FormatUint(gen, 10)+"|"+key, fn)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	if r.of == gen && len(r.entries) < maxReads {
		if r.entries == nil {
			r.entries = map[string]any{}
		}
		r.entries[key] = v
	}
	r.mu.Unlock()
	return v, nil
}

// queryKey is a query as a cache key.
func queryKey(q store.Query) string {
	return fmt.Sprintf("%d|%s|%d|%d|%s|%s|%s|%s|%s|%s|%s|%t|%d|%d|%d|%d", q.Tab, q.User, q.Now.Unix()/60, q.DayEnd.Unix(), q.Search, q.Status,
		q.Grade, q.Category, q.Channel, q.Handler, q.Department, q.Overdue, q.Sort, q.Limit, q.Offset, q.CountCap)
}
