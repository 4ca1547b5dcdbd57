package desk

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"complaintdesk/internal/complaint"
	"complaintdesk/internal/deadline"
	"complaintdesk/internal/desk/actions"
	"complaintdesk/internal/input"
	"complaintdesk/internal/notify"
	"complaintdesk/internal/policy"
	"complaintdesk/store"
)

// HistoryCase is a complaint that happened before this desk took it in: a
// row of a register being imported. It keeps its original received time,
// its outcome (status, resolution, the dates of its steps) and its id in
// the source, which makes it one case however often the file is imported.
type HistoryCase struct {
	// Source names where the case comes from ("cfpb"); SourceID is its id
	// there. Both are required: (Source, SourceID) is one case.
	Source   string
	SourceID string

	ReceivedAt  time.Time
	Channel     string // "" = the policy's default channel
	Nature      string // "" = the policy's first nature
	Category    string
	Grade       string // "" = suggested by the grading rules
	GradeReason string
	Status      string // "" = the initial status (nothing is known beyond registration)

	Name      string
	Phone     string
	Email     string
	Address   string
	Org       string
	Anonymous bool
	// ContactOptional imports a case without phone or email; with no name
	// either the complainant is recorded as anonymous (unknown).
	ContactOptional bool

	Content        string
	Demand         string
	Subject        string
	CollectiveSize int // 0 = 1
	Department     string
	Handler        string
	Resolution     string
	Reply          string
	Satisfaction   int // 1..5 when the source has it, else 0

	// Steps are the dates the source gives for steps of the case's life,
	// by the policy's action ("acknowledge", "resolve", "close", "revisit").
	Steps map[string]time.Time
	// DayOnly marks the dates the source gives by their day alone, by
	// "received" or a step's action: they happened some time that day
	// (see placeSteps). Such a date is given at 00:00 of its day.
	DayOnly map[string]bool
	// Path, when set, lists the actions that took the case from
	// registration to Status; otherwise the policy's shortest path is used.
	Path []string

	Fields map[string]string
	// Note is recorded on the register event (e.g. a phone kept as text).
	Note string
}

// ImportOutcome is what became of one history case.
type ImportOutcome int

const (
	Imported  ImportOutcome = iota // written (or, in a dry run, would be)
	Duplicate                      // imported before from the same source and id: nothing written
	Invalid                        // refused: see Err
)

// ImportResult is the outcome of one history case of a batch.
type ImportResult struct {
	Outcome ImportOutcome
	// Number is the new case's number, or for a duplicate the case it was
	// imported as ("" in a dry run, or for a duplicate within the batch).
	Number string
	// Err lists what is wrong with an Invalid case, field by field.
	Err *ValidationError
}

// StepField is the field name under which ImportHistory reports a problem
// with the date of a step (an action of the policy).
func StepField(action string) string { return "step:" + action }

// ImportHistory writes a batch of history cases in one transaction: each
// case with a register event at its received time that records it as
// imported (status and outcome as the source has them) and an event for
// every step the source dates (acknowledge, resolve, close, revisit),
// numbered by its received day (TS + that date + the day's sequence). A
// case whose source and id were imported before is a Duplicate; an invalid
// one is refused with the reason and the others of the batch are still
// written. A dry run checks everything, duplicates included, and writes
// nothing. An error (the database, a cancelled context) means none of the
// batch was written.
//
// Clocks of a history case are computed from its events as they were (a
// case closed late shows its closure clock breached); on a case that was
// already finished, the clocks its source gives no dates for do not apply
// (see historyClocks), so it neither fills the queue's deadlines nor
// fires warnings.
func (d *Desk) ImportHistory(ctx context.Context, a Actor, batch []HistoryCase, dryRun bool) ([]ImportResult, error) {
	hb, err := d.PrepareHistory(a, batch)
	if err != nil {
		return nil, err
	}
	return d.WriteHistory(ctx, hb, dryRun)
}

// BeginBulk sets the store up for a bulk job (an import, the demo) when it
// can be (store.Bulk): commits may be lost to a power cut until end is
// called, which makes everything written durable. The job must be one
// that can simply be run again.
func (d *Desk) BeginBulk(ctx context.Context) (end func() error, err error) {
	if b, ok := d.st.(store.Bulk); ok {
		return b.BeginBulk(ctx)
	}
	return func() error { return nil }, nil
}

// Generated cases (the demo's): whole cases with their histories, built
// by a generator rather than by actions, written many at a time.

// RegisterEvent is the event Register records for the new case c.
func RegisterEvent(c *store.Case, actor string, at time.Time) store.Event {
	return store.Event{At: at, Actor: actor, Action: policy.ActionRegister, Reason: c.GradeReason, After: snapshot(c)}
}

// StepEvent is the event of an action that changed the case before into
// after, as Apply records it.
func StepEvent(before, after *store.Case, action, actor string, at time.Time, reason, note string) store.Event {
	b, a := actions.Diff(before, after)
	return store.Event{At: at, Actor: actor, Action: action, Reason: reason, Note: note, Before: b, After: a}
}

// Derive sets a case's derived fields (open, training, the next due time
// and warning) from its events, the policy and the calendar, as every
// action does.
func (d *Desk) Derive(c *store.Case, events []store.Event) { d.derive(c, events) }

// BreachEscalation is the sweeper's escalation of c at the moment at (its
// event, the case escalated and derived again), or nil when its nearest
// clock had not breached or was escalated for: for a job that writes whole
// histories (the demo) and escalates their breaches as the sweeper would
// have.
func (d *Desk) BreachEscalation(c *store.Case, events []store.Event, at time.Time) *store.Event {
	return d.breachEscalation(c, events, at)
}

// MarkSwept records the breaches up to at as escalated (the sweeper starts
// there), for a job that escalated the breaches of the histories it wrote;
// the mark never moves back.
func (d *Desk) MarkSwept(ctx context.Context, at time.Time) error {
	return d.st.Write(ctx, func(tx store.Tx) error { return tx.SetSweepMark(at) })
}

// WriteCases writes generated cases with their histories in one
// transaction, each numbered by the day it was received (a case received
// on 2025-03-02 is TS20250302-…), its derived fields as the caller set
// them (Derive). Nothing is checked: the generator is trusted.
func (d *Desk) WriteCases(ctx context.Context, recs []store.HistoryRecord) error {
	loc := d.Location()
	err := d.st.Write(ctx, func(tx store.Tx) error {
		counts := map[string]int{}
		for _, r := range recs {
			counts[complaint.NumberDay(r.Case.ReceivedAt.In(loc))]++
		}
		firsts, err := tx.ReserveCaseSeqs(counts)
		if err != nil {
			return err
		}
		for _, r := range recs {
			day := r.Case.ReceivedAt.In(loc)
			key := complaint.NumberDay(day)
			r.Case.Number = complaint.Number(day, firsts[key])
			firsts[key]++
		}
		return tx.InsertHistory(recs)
	})
	if err == nil && len(recs) > 0 {
		d.publish(notify.Change{})
	}
	return err
}

// HistoryBatch is a batch of history cases checked and built, ready to be
// written: the two halves of ImportHistory, so that an import can prepare
// the next batch while the last one is being written.
type HistoryBatch struct {
	recs     []*store.HistoryRecord // nil where invalid
	results  []ImportResult
	bySource map[string][]string
}

// PrepareHistory checks and builds a batch without touching the database.
// The error is for the batch as a whole (the actor may not register cases);
// an invalid case is an Invalid result of WriteHistory.
func (d *Desk) PrepareHistory(a Actor, batch []HistoryCase) (*HistoryBatch, error) {
	p := d.Policy()
	if _, err := p.Transition(policy.ActionRegister, "", a.Role); err != nil {
		return nil, &ForbiddenError{Action: policy.ActionRegister, Err: err}
	}
	now := d.Now()
	hb := &HistoryBatch{
		results:  make([]ImportResult, len(batch)),
		recs:     make([]*store.HistoryRecord, len(batch)),
		bySource: map[string][]string{},
	}
	paths := map[string][]string{}
	for i := range batch {
		rec, err := d.historyRecord(p, a, &batch[i], now, paths)
		if err != nil {
			hb.results[i] = ImportResult{Outcome: Invalid, Err: err}
			continue
		}
		hb.recs[i] = rec
		hb.bySource[rec.Case.Source] = append(hb.bySource[rec.Case.Source], rec.Case.SourceID)
	}
	return hb, nil
}

// WriteHistory writes a prepared batch in one transaction (see
// ImportHistory) and returns each case's outcome.
func (d *Desk) WriteHistory(ctx context.Context, hb *HistoryBatch, dryRun bool) ([]ImportResult, error) {
	results := slices.Clone(hb.results)
	recs := hb.recs
	run := d.st.Write
	if dryRun {
		run = d.st.Read
	}
	var written []store.HistoryRecord
	err := run(ctx, func(tx store.Tx) error {
		written = written[:0]
		known := map[string]map[string]string{}
		for src, ids := range hb.bySource {
			m, err := tx.ImportedNumbers(src, ids)
			if err != nil {
				return err
			}
			known[src] = m
		}
		seen := map[string]bool{}
		perDay := map[string][]int{}
		var days []string
		for i, rec := range recs {
			if rec == nil {
				continue
			}
			c := rec.Case
			c.Number = ""
			if n, ok := known[c.Source][c.SourceID]; ok {
				results[i] = ImportResult{Outcome: Duplicate, Number: n}
				continue
			}
			key := c.Source + "\x00" + c.SourceID
			if seen[key] {
				results[i] = ImportResult{Outcome: Duplicate}
				continue
			}
			seen[key] = true
			results[i] = ImportResult{Outcome: Imported}
			day := complaint.NumberDay(c.ReceivedAt.In(d.Location()))
			if perDay[day] == nil {
				days = append(days, day)
			}
			perDay[day] = append(perDay[day], i)
		}
		if dryRun {
			return nil
		}
		counts := make(map[string]int, len(days))
		for _, day := range days {
			counts[day] = len(perDay[day])
		}
		firsts, err := tx.ReserveCaseSeqs(counts)
		if err != nil {
			return err
		}
		for _, day := range days {
			for k, i := range perDay[day] {
				c := recs[i].Case
				c.Number = complaint.Number(c.ReceivedAt.In(d.Location()), firsts[day]+k)
				results[i].Number = c.Number
			}
		}
		for _, rec := range recs {
			if rec != nil && rec.Case.Number != "" {
				written = append(written, *rec)
			}
		}
		return tx.InsertHistory(written)
	})
	if err != nil {
		return nil, err
	}
	if len(written) > 0 {
		d.publish(notify.Change{})
	}
	return results, nil
}

// historyRecord validates a history case and builds it with its events.
func (d *Desk) historyRecord(p *policy.Policy, a Actor, h *HistoryCase, now time.Time, paths map[string][]string) (*store.HistoryRecord, *ValidationError) {
	var ps problems
	h.Source, h.SourceID = strings.TrimSpace(h.Source), strings.TrimSpace(h.SourceID)
	if h.Source == "" {
		ps.add("source", "缺少来源名称", "no source name")
	}
	if h.SourceID == "" {
		ps.add("source_id", "缺少原始编号", "no original id")
	} else if len(h.SourceID) > 200 {
		ps.add("source_id", "原始编号过长（最多 200 字节）", "the original id is longer than 200 bytes")
	}
	cleanHistory(p, h, &ps)
	checkClassification(p, &ps, &h.Channel, &h.Nature, h.Category, &h.CollectiveSize)
	reason := h.GradeReason
	if h.Grade == "" {
		g, reasons := p.SuggestGrade(policy.GradeInput{Nature: h.Nature, CollectiveSize: h.CollectiveSize})
		h.Grade = g
		if reason == "" && len(reasons) > 0 {
			reason = reasons[0].ZH
		}
	} else if p.Grade(h.Grade) == nil {
		ps.add("grade", "未知的等级："+h.Grade, "unknown grade "+strconv.Quote(h.Grade))
	}
	if h.Status == "" {
		h.Status = p.InitialStatus()
	}
	status := p.Status(h.Status)
	if status == nil {
		ps.add("status", "未知的状态："+h.Status+"（可选："+statusIDs(p)+"）", "unknown status "+strconv.Quote(h.Status)+" (one of: "+statusIDs(p)+")")
	}
	switch {
	case h.ReceivedAt.IsZero():
		ps.add("received", "缺少受理日期", "no received date")
	case laterThan(h.ReceivedAt, h.DayOnly["received"], now):
		ps.add("received", "受理时间不能晚于现在", "the received time is in the future")
	case h.ReceivedAt.Year() < 2000:
		ps.add("received", "受理时间不合理（早于 2000 年）", "the received time is before 2000")
	}
	phone, email := "", ""
	if strings.TrimSpace(h.Phone) != "" {
		var err error
		if phone, _, err = complaint.NormalizePhone(h.Phone); err != nil {
			ps.add("phone", "电话号码无效："+h.Phone, err.Error())
		}
	}
	if strings.TrimSpace(h.Email) != "" {
		var err error
		if email, err = complaint.NormalizeEmail(h.Email); err != nil {
			ps.add("email", "电子邮件地址格式不正确："+h.Email, err.Error())
		}
	}
	name := h.Name
	anonymous := h.Anonymous
	if strings.TrimSpace(h.Phone) == "" && strings.TrimSpace(h.Email) == "" {
		switch {
		case h.ContactOptional && name == "":
			anonymous = true // unknown complainant
		case h.ContactOptional, anonymous:
		default:
			ps.add("phone", "没有联系电话或电子邮件（导入映射可设 contact_optional = true）", "no phone or email (a mapping may set contact_optional = true)")
		}
	}
	content := h.Content
	if content == "" && !slices.ContainsFunc(ps, func(p Problem) bool { return p.Field == "content" }) {
		ps.add("content", "投诉内容为空", "the complaint content is empty")
	}
	if h.Satisfaction < 0 || h.Satisfaction > 5 {
		ps.add("satisfaction", "满意度应为 1 到 5", "satisfaction must be 1 to 5")
	}
	var path []string
	if status != nil {
		var err error
		if len(h.Path) > 0 {
			path, err = checkPath(p, h.Path, h.Status)
		} else {
			path, err = cachedPath(p, h.Status, paths)
		}
		if err != nil {
			ps.add("status", "无法按政策的流转到达状态 "+h.Status+"："+err.Error(), err.Error())
		}
	}
	if len(ps) > 0 {
		return nil, &ValidationError{Problems: ps}
	}

	// The steps the source dates become events at those dates; a dated
	// step that does not lead to the status is kept as a field. A step
	// the source does not date gets no event: its time is unknown, and the
	// clocks it would stop are not applicable to the case (historyClocks).
	fields := h.Fields
	var notes []string
	onPath := map[string]bool{}
	for _, act := range path {
		onPath[act] = true
	}
	for _, act := range slices.Sorted(maps.Keys(h.Steps)) {
		at := h.Steps[act]
		if at.IsZero() {
			continue
		}
		if !onPath[act] {
			if fields == nil {
				fields = map[string]string{}
			}
			fields[act+"_at"] = at.Format(time.RFC3339)
			notes = append(notes, fmt.Sprintf("the source dates %s, which is not a step to status %s: kept as the field %s_at", act, h.Status, act))
			continue
		}
		dayOnly := h.DayOnly[act] || h.DayOnly["received"]
		switch {
		case dayOnly && dayOf(at, at) < dayOf(h.ReceivedAt, at), !dayOnly && at.Before(h.ReceivedAt):
			ps.add(StepField(act), act+" 的日期早于受理日期", "the "+act+" date is before the received date")
		case laterThan(at, h.DayOnly[act], now):
			ps.add(StepField(act), act+" 的日期晚于现在", "the "+act+" date is in the future")
		}
	}
	// Order: a step is not before the steps before it; when either of two
	// dates has no time, their days are compared.
	lastTimed, lastTimedAct := h.ReceivedAt, "received"
	lastDay, lastDayAct := dayOf(h.ReceivedAt, h.ReceivedAt), "received"
	var undated []string
	for _, act := range path {
		at := h.Steps[act]
		if at.IsZero() {
			undated = append(undated, act)
			continue
		}
		d := dayOf(at, h.ReceivedAt)
		switch {
		case d < lastDay && lastDayAct != "received":
			ps.add(StepField(act), act+" 的日期早于 "+lastDayAct+" 的日期", fmt.Sprintf("the %s date is before the %s date", act, lastDayAct))
		case !h.DayOnly[act] && at.Before(lastTimed) && lastTimedAct != "received":
			ps.add(StepField(act), act+" 的日期早于 "+lastTimedAct+" 的日期", fmt.Sprintf("the %s date is before the %s date", act, lastTimedAct))
		}
		if d > lastDay {
			lastDay, lastDayAct = d, act
		}
		if !h.DayOnly[act] && at.After(lastTimed) {
			lastTimed, lastTimedAct = at, act
		}
	}
	if len(ps) > 0 {
		return nil, &ValidationError{Problems: ps}
	}

	c := &store.Case{
		Version:        1,
		Source:         h.Source,
		SourceID:       h.SourceID,
		ReceivedAt:     h.ReceivedAt,
		RegisteredAt:   now,
		UpdatedAt:      now,
		CreatedBy:      a.Name,
		Channel:        h.Channel,
		Nature:         h.Nature,
		Category:       h.Category,
		Grade:          h.Grade,
		GradeReason:    reason,
		Status:         h.Status,
		Content:        content,
		Demand:         h.Demand,
		Subject:        h.Subject,
		CollectiveSize: h.CollectiveSize,
		Department:     h.Department,
		Handler:        h.Handler,
		Resolution:     h.Resolution,
		Reply:          h.Reply,
		Satisfaction:   h.Satisfaction,
		Fields:         fields,
		Complainants: []store.Complainant{{
			Name: name, Phone: phone, Email: email,
			Address: h.Address, Org: h.Org, Anonymous: anonymous,
		}},
	}
	// A register with no department goes where the policy routes its class,
	// as a registration at the desk would (route.go).
	if tr, err := p.Transition(policy.ActionRegister, "", a.Role); c.Department == "" && err == nil && tr.Route {
		c.Department = p.RouteFor(c.Category)
	}
	// The register event records the case as imported: its status and
	// outcome as the source has them, and where it came from.
	regAfter := snapshot(c)
	regAfter["source"], regAfter["source_id"] = c.Source, c.SourceID
	for k, v := range map[string]string{"resolution": c.Resolution, "reply": c.Reply, "satisfaction": itoa0(c.Satisfaction)} {
		if v != "" {
			regAfter[k] = v
		}
	}
	regNote := "imported from " + c.Source + " " + c.SourceID + " as " + c.Status
	if len(undated) > 0 {
		regNote += "; the source has no date for " + strings.Join(undated, ", ")
	}
	if n := h.Note; n != "" {
		notes = append([]string{n}, notes...)
	}
	if len(notes) > 0 {
		regNote += "; " + strings.Join(notes, "; ")
	}
	events := make([]store.Event, 0, len(path)+1)
	events = append(events, store.Event{At: c.ReceivedAt, Actor: a.Name, Action: policy.ActionRegister, Reason: reason, Note: regNote, After: regAfter})
	for _, act := range path {
		at := h.Steps[act]
		if at.IsZero() {
			continue
		}
		note := "imported"
		if h.DayOnly[act] {
			note = "imported; the source gives the day only"
		}
		events = append(events, store.Event{At: at, Actor: a.Name, Action: act, Note: note})
	}
	d.placeSteps(p, c, h, events, now)
	for _, e := range events[1:] {
		at, act := e.At, e.Action
		switch act {
		case "acknowledge":
			c.AcknowledgedAt = at
		case "resolve", "reject":
			c.ResolvedAt = at
		case "close":
			c.ClosedAt = at
		case "revisit":
			c.RevisitedAt = at
		case "reopen":
			c.ReopenCount++
			c.ClosedAt, c.ResolvedAt = time.Time{}, time.Time{}
		}
	}
	d.derive(c, events)
	return &store.HistoryRecord{Case: c, Events: events}, nil
}

// cleanHistory applies the input rules (internal/input, as a
// registration's: cleanRegistration) to every text of a history case, so
// a register's row with invalid UTF-8, a NUL or a control character, an
// invisible character or an over-long name is refused with the reason,
// like a complaint typed at the desk. The cleaned texts are put back.
func cleanHistory(p *policy.Policy, h *HistoryCase, ps *problems) {
	text := func(field string, label policy.Label, v *string, kind input.Kind, max int) {
		clean, prob := actions.CleanText(field, label, *v, kind, max)
		if prob != nil {
			*ps = append(*ps, *prob)
			return
		}
		*v = clean
	}
	text("source_id", policy.Label{ZH: "原始编号", EN: "the original id"}, &h.SourceID, input.Line, 0)
	text("name", policy.Label{ZH: "姓名", EN: "the name"}, &h.Name, input.Name, 0)
	text("org", policy.Label{ZH: "单位", EN: "the organisation"}, &h.Org, input.Line, 200)
	text("address", policy.Label{ZH: "地址", EN: "the address"}, &h.Address, input.Line, 0)
	text("content", policy.Label{ZH: "投诉内容", EN: "the content"}, &h.Content, input.Lines, input.ContentMax)
	text("demand", policy.Label{ZH: "客户要求", EN: "the demand"}, &h.Demand, input.Lines, 0)
	text("subject", policy.Label{ZH: "涉及产品/报告", EN: "the subject"}, &h.Subject, input.Line, 0)
	text("grade_reason", policy.Label{ZH: "定级原因", EN: "the grade reason"}, &h.GradeReason, input.Line, 0)
	text("department", policy.Label{ZH: "责任部门", EN: "the department"}, &h.Department, input.Line, 0)
	text("handler", policy.Label{ZH: "处理人", EN: "the handler"}, &h.Handler, input.Name, 0)
	text("resolution", policy.Label{ZH: "处理结果", EN: "the resolution"}, &h.Resolution, input.Lines, 0)
	text("reply", policy.Label{ZH: "书面答复", EN: "the reply"}, &h.Reply, input.Lines, 0)
	text("note", policy.Label{ZH: "备注", EN: "the note"}, &h.Note, input.Lines, 0)
	for _, k := range slices.Sorted(maps.Keys(h.Fields)) {
		v := h.Fields[k]
		// A column the policy does not know may hold several lines.
		kind := input.Lines
		if fd := p.Field(k); fd != nil && fd.KindOrText() != "area" {
			kind = input.Line
		}
		text(k, actions.Label(p, k), &v, kind, 0)
		h.Fields[k] = v
	}
}

// A step the source dates by its day alone happened some time that day.
// placeSteps records it at the latest moment of that day that keeps the
// steps in their order (not before a timed step before it, not after a
// timed step after it) and is not in the future — unless a clock it stops
// is due that day, when it is recorded at the due time (or the earliest
// moment it can be, if a timed step that day came after the due time). So
// a clock is met by a day-only step dated on or before the day it is due
// and breached by one dated after, whatever the hour it is due. A clock
// that starts at a day-only date (a received date without time) is due on
// the latest day it could be: received "some time on the 8th", a 24-hour
// first response is met by an acknowledgement dated the 9th.
func (d *Desk) placeSteps(p *policy.Policy, c *store.Case, h *HistoryCase, events []store.Event, now time.Time) {
	loc := h.ReceivedAt.Location()
	type span struct {
		i   int
		lo  time.Time
		day int
	}
	var spans []span
	dayOnlyAt := map[time.Time]bool{}
	if h.DayOnly["received"] {
		dayOnlyAt[c.ReceivedAt] = true
	}
	for i := 1; i < len(events); i++ {
		if !h.DayOnly[events[i].Action] {
			continue
		}
		at := events[i].At.In(loc)
		lo := time.Date(at.Year(), at.Month(), at.Day(), 0, 0, 0, 0, loc)
		hi := lo.AddDate(0, 0, 1).Add(-time.Second)
		for j := i - 1; j >= 0; j-- { // the last timed step before it, or the receipt
			if j == 0 || !h.DayOnly[events[j].Action] {
				if events[j].At.After(lo) {
					lo = events[j].At
				}
				break
			}
		}
		for j := i + 1; j < len(events); j++ { // the first timed step after it
			if !h.DayOnly[events[j].Action] {
				if events[j].At.Before(hi) {
					hi = events[j].At
				}
				break
			}
		}
		if now.Before(hi) {
			hi = now
		}
		if hi.Before(lo) {
			hi = lo
		}
		events[i].At = hi
		spans = append(spans, span{i: i, lo: lo, day: dayOf(at, at)})
	}
	if len(spans) == 0 {
		return
	}
	// The last day a clock can be due: from the end of its start's day
	// when it started at a date without time.
	dueDay := func(ck deadline.Clock) int {
		due := ck.Due
		if dayOnlyAt[ck.Start] {
			if pc := p.Clock(ck.ID); pc != nil {
				s := ck.Start.In(loc)
				due, _ = d.Engine().Due(*pc, time.Date(s.Year(), s.Month(), s.Day(), 23, 59, 59, 0, loc))
			}
		}
		return dayOf(due.Add(-time.Nanosecond), h.ReceivedAt)
	}
	for pass := 0; pass < 3; pass++ {
		for _, sp := range spans {
			dayOnlyAt[events[sp.i].At] = true
		}
		moved := false
		clocks := d.Engine().Clocks(Facts(c, events), now)
		for k := len(spans) - 1; k >= 0; k-- {
			sp := spans[k]
			for _, ck := range clocks {
				at := events[sp.i].At
				if ck.State != deadline.Breached || !ck.Stopped.Equal(at) || sp.day > dueDay(ck) {
					continue
				}
				t := ck.Due
				if t.Before(sp.lo) {
					t = sp.lo
				}
				if !t.Before(at) {
					continue
				}
				events[sp.i].At, moved = t, true
				for j := k - 1; j >= 0 && spans[j].day == sp.day; j-- {
					if events[spans[j].i].At.After(t) {
						events[spans[j].i].At = t
					}
				}
			}
		}
		if !moved {
			return
		}
	}
}

// dayOf numbers t's day (in ref's zone) so that later days are larger.
func dayOf(t, ref time.Time) int {
	y, m, dd := t.In(ref.Location()).Date()
	return y*10000 + int(m)*100 + dd
}

// laterThan reports whether t is after now; for a date without time,
// whether its day is after today (a step dated today is not in the future).
func laterThan(t time.Time, dayOnly bool, now time.Time) bool {
	if dayOnly {
		return dayOf(t, t) > dayOf(now, t)
	}
	return t.After(now)
}

// historyClocks: a case imported already finished (its status as imported
// is not open) has clocks that were still running when it was imported —
// the steps the source has no date for (a first response, a revisit the
// other system never tracked). Their time is unknown, so they are not
// applicable: shown as not started, never due, never warning. Clocks that
// stopped in the source's history keep their outcome (closed late shows
// breached), and clocks restarted at the desk afterwards run as usual.
func historyClocks(p *policy.Policy, c *store.Case, events []store.Event, clocks []deadline.Clock) []deadline.Clock {
	if c.Source == "" {
		return clocks
	}
	imported := c.RegisteredAt // every imported event is at or before it
	status := ""
	for _, e := range events {
		if !e.At.After(imported) && e.After["status"] != "" {
			status = e.After["status"]
		}
	}
	if st := p.Status(status); st == nil || st.Open {
		return clocks
	}
	for i, ck := range clocks {
		if ck.State == deadline.NotStarted || ck.Start.After(imported) {
			continue
		}
		if ck.Stopped.IsZero() || ck.Ended || ck.Stopped.After(imported) {
			clocks[i] = deadline.Clock{ID: ck.ID, Label: ck.Label, Unit: ck.Unit, Amount: ck.Amount, State: deadline.NotStarted}
		}
	}
	return clocks
}

func statusIDs(p *policy.Policy) string {
	out := make([]string, len(p.Statuses))
	for i, s := range p.Statuses {
		out[i] = s.ID
	}
	return strings.Join(out, ", ")
}

// stepTransition is the policy's transition for action from status,
// whoever's role: history happened elsewhere, under other rules of who
// may do what.
func stepTransition(p *policy.Policy, action, status string) (*policy.Transition, error) {
	for _, role := range append([]string{""}, roleIDs(p)...) {
		t, err := p.Transition(action, status, role)
		if err == nil {
			return t, nil
		}
		if !errors.Is(err, policy.ErrRoleForbidden) {
			return nil, err
		}
	}
	return nil, fmt.Errorf("no role may %s from %s", action, status)
}

func roleIDs(p *policy.Policy) []string {
	out := make([]string, len(p.Roles))
	for i, r := range p.Roles {
		out[i] = r.ID
	}
	return out
}

// CheckPath checks that the actions lead, by the policy's transitions,
// from registration to status, and returns them.
func CheckPath(p *policy.Policy, actions []string, status string) ([]string, error) {
	return checkPath(p, actions, status)
}

func checkPath(p *policy.Policy, actions []string, status string) ([]string, error) {
	cur := p.InitialStatus()
	for _, act := range actions {
		t, err := stepTransition(p, act, cur)
		if err != nil {
			return nil, err
		}
		if t.To != "" {
			cur = t.To
		}
	}
	if cur != status {
		return nil, fmt.Errorf("the steps %s end at status %s, not %s", strings.Join(actions, ", "), cur, status)
	}
	return actions, nil
}

func cachedPath(p *policy.Policy, status string, cache map[string][]string) ([]string, error) {
	if path, ok := cache[status]; ok {
		return path, nil
	}
	path, err := StatusPath(p, status)
	if err != nil {
		return nil, err
	}
	cache[status] = path
	return path, nil
}

// StatusPath is the shortest sequence of actions that takes a case from
// registration to status by the policy's transitions, preferring the
// transitions listed first (default policy: closed is reached by
// acknowledge, resolve, close).
func StatusPath(p *policy.Policy, status string) ([]string, error) {
	start := p.InitialStatus()
	if status == start {
		return nil, nil
	}
	type via struct{ from, action string }
	prev := map[string]via{start: {}}
	queue := []string{start}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		for _, t := range p.Transitions {
			if t.Action == policy.ActionRegister || t.To == "" || t.To == cur {
				continue
			}
			if _, seen := prev[t.To]; seen {
				continue
			}
			if !slices.Contains(t.From, cur) && !slices.Contains(t.From, policy.AnyStatus) {
				continue
			}
			prev[t.To] = via{cur, t.Action}
			if t.To == status {
				var path []string
				for s := status; s != start; s = prev[s].from {
					path = append(path, prev[s].action)
				}
				slices.Reverse(path)
				return path, nil
			}
			queue = append(queue, t.To)
		}
	}
	return nil, fmt.Errorf("no transitions lead from %s to %s", start, status)
}
