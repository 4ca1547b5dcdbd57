package desk

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"complaintdesk/internal/complaint"
	"complaintdesk/internal/notify"
	"complaintdesk/internal/policy"
	"complaintdesk/store"
)

// Registration is a new complaint as the agent takes it down.
type Registration struct {
	Channel     string
	Nature      string
	Category    string
	Grade       string // "" lets the policy's grading rules suggest one
	GradeReason string
	ReceivedAt  time.Time // zero: now
	Name        string
	Phone       string
	Email       string
	Address     string
	Org         string
	Anonymous   bool
	Content     string
	Demand      string
	Subject     string // product / report reference
	// CollectiveSize is how many people complain together (1 when alone).
	CollectiveSize int
	// IdemKey makes a retry safe: the same key registers one case.
	IdemKey string
	Fields  map[string]string
}

// futureSlack tolerates clocks of other machines a little ahead of ours.
const futureSlack = 2 * time.Minute

// Register validates and stores a new case with its first event. When the
// idempotency key was seen before it returns that case and existed=true.
func (d *Desk) Register(ctx context.Context, a Actor, r Registration) (c *store.Case, existed bool, err error) {
	p := d.Policy()
	now := d.Now()
	c, err = d.validateRegistration(p, a, &r, now)
	if err != nil {
		return nil, false, err
	}
	err = d.st.Write(ctx, func(tx store.Tx) error {
		if r.IdemKey != "" {
			prev, err := tx.CaseByIdemKey(r.IdemKey)
			if err == nil {
				c, existed = prev, true
				return nil
			}
			if !errors.Is(err, store.ErrNotFound) {
				return err
			}
		}
		day := now.In(d.Location())
		seq, err := tx.NextCaseSeq(complaint.NumberDay(day))
		if err != nil {
			return err
		}
		c.Number = complaint.Number(day, seq)
		ev := store.Event{At: now, Actor: a.Name, Action: "register", Reason: c.GradeReason, After: snapshot(c)}
		d.derive(c, []store.Event{ev})
		if err := tx.InsertCase(c); err != nil {
			return err
		}
		ev.CaseID = c.ID
		return tx.AppendEvent(&ev)
	})
	if err != nil {
		return nil, false, err
	}
	if !existed {
		d.hub.Publish(notify.Change{CaseID: c.ID, Number: c.Number})
	}
	return c, existed, nil
}

func (d *Desk) validateRegistration(p *policy.Policy, a Actor, r *Registration, now time.Time) (*store.Case, error) {
	var ps problems
	if _, err := p.Transition("register", "", a.Role); err != nil {
		return nil, &ForbiddenError{Action: "register", Err: err}
	}
	if r.Channel == "" {
		r.Channel = p.DefaultChannel
	}
	if p.Channel(r.Channel) == nil {
		ps.add("channel", "未知的渠道："+r.Channel+"（可选："+ids(p.Channels)+"）", "unknown channel "+strconv.Quote(r.Channel)+" (one of: "+ids(p.Channels)+")")
	}
	if r.Nature == "" && len(p.Natures) > 0 {
		r.Nature = p.Natures[0].ID
	}
	if p.Nature(r.Nature) == nil {
		ps.add("nature", "未知的性质："+r.Nature+"（可选："+ids(p.Natures)+"）", "unknown nature "+strconv.Quote(r.Nature)+" (one of: "+ids(p.Natures)+")")
	}
	if r.Category != "" && p.Category(r.Category) == nil {
		ps.add("category", "未知的分类："+r.Category+"（用 desk policy show 查看分类）", "unknown category "+strconv.Quote(r.Category)+" (see desk policy show)")
	}
	if r.CollectiveSize == 0 {
		r.CollectiveSize = 1
	}
	if r.CollectiveSize < 1 || r.CollectiveSize > 100000 {
		ps.add("collective", "投诉人数应为 1 到 100000", "collective size must be 1 to 100000")
	}
	reason := r.GradeReason
	if r.Grade == "" {
		g, reasons := p.SuggestGrade(policy.GradeInput{Nature: r.Nature, CollectiveSize: r.CollectiveSize})
		r.Grade = g
		if reason == "" && len(reasons) > 0 {
			reason = reasons[0].ZH
		}
	} else if p.Grade(r.Grade) == nil {
		ps.add("grade", "未知的等级："+r.Grade, "unknown grade "+strconv.Quote(r.Grade))
	}
	if r.ReceivedAt.IsZero() {
		r.ReceivedAt = now
	}
	if r.ReceivedAt.After(now.Add(futureSlack)) {
		ps.add("received", "受理时间不能晚于现在", "the received time is in the future")
	}
	if r.ReceivedAt.Year() < 2000 {
		ps.add("received", "受理时间不合理（早于 2000 年）", "the received time is before 2000")
	}
	phone, email := "", ""
	if strings.TrimSpace(r.Phone) != "" {
		var err error
		if phone, _, err = complaint.NormalizePhone(r.Phone); err != nil {
			ps.add("phone", "电话号码无效：请填写手机号（11 位，可带 +86）、带区号的固定电话（010-12345678）或服务号码（400/800、95xxx）", err.Error())
		}
	}
	if strings.TrimSpace(r.Email) != "" {
		var err error
		if email, err = complaint.NormalizeEmail(r.Email); err != nil {
			ps.add("email", "电子邮件地址格式不正确", err.Error())
		}
	}
	if phone == "" && email == "" && !r.Anonymous && strings.TrimSpace(r.Phone) == "" && strings.TrimSpace(r.Email) == "" {
		ps.add("phone", "请填写联系电话或电子邮件（匿名投诉除外）", "give a phone number or an email (unless the complaint is anonymous)")
	}
	if strings.TrimSpace(r.Content) == "" {
		ps.add("content", "请填写投诉内容", "the complaint content is empty")
	}
	if utf8.RuneCountInString(r.Content) > 20000 {
		ps.add("content", "投诉内容过长（最多 20000 字）", "the content is too long (20000 characters at most)")
	}
	if err := ps.err(); err != nil {
		return nil, err
	}
	c := &store.Case{
		Version:        1,
		IdemKey:        r.IdemKey,
		ReceivedAt:     r.ReceivedAt,
		RegisteredAt:   now,
		UpdatedAt:      now,
		CreatedBy:      a.Name,
		Channel:        r.Channel,
		Nature:         r.Nature,
		Category:       r.Category,
		Grade:          r.Grade,
		GradeReason:    reason,
		Status:         p.InitialStatus(),
		Content:        strings.TrimSpace(r.Content),
		Demand:         strings.TrimSpace(r.Demand),
		Subject:        strings.TrimSpace(r.Subject),
		CollectiveSize: r.CollectiveSize,
		Fields:         r.Fields,
		Complainants: []store.Complainant{{
			Name: strings.TrimSpace(r.Name), Phone: phone, Email: email,
			Address: strings.TrimSpace(r.Address), Org: strings.TrimSpace(r.Org), Anonymous: r.Anonymous,
		}},
	}
	return c, nil
}

func ids(opts []policy.Option) string {
	out := make([]string, len(opts))
	for i, o := range opts {
		out[i] = o.ID
	}
	return strings.Join(out, ", ")
}

// snapshot is the fields an event records.
func snapshot(c *store.Case) map[string]string {
	m := map[string]string{
		"channel":  c.Channel,
		"nature":   c.Nature,
		"category": c.Category,
		"grade":    c.Grade,
		"status":   c.Status,
		"received": c.ReceivedAt.Format(time.RFC3339),
	}
	if c.Handler != "" {
		m["handler"] = c.Handler
	}
	return m
}

// Action is one step in a case's life: what the user asks to do and the
// form's fields. Only the fields the action uses are read.
type Action struct {
	Number string
	// Version is the case version the user saw; 0 applies to the latest
	// (scripts). A stale version is refused with a ConflictError.
	Version int64
	Name    string    // acknowledge, assign, note, grade, investigate, resolve, reject, close, revisit, reopen
	At      time.Time // when it happened; zero: now

	Reason       string
	Note         string
	Handler      string
	Department   string
	Grade        string
	Category     string
	Resolution   string
	Reply        string
	ExpectedBy   time.Time
	Satisfaction int
}

// Apply performs an action on a case as one transaction.
func (d *Desk) Apply(ctx context.Context, a Actor, act Action) (*store.Case, error) {
	p := d.Policy()
	now := d.Now()
	if act.At.IsZero() {
		act.At = now
	}
	var c *store.Case
	err := d.st.Write(ctx, func(tx store.Tx) error {
		var err error
		c, err = tx.CaseByNumber(act.Number)
		if errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("no case %s: %w", act.Number, store.ErrNotFound)
		}
		if err != nil {
			return err
		}
		evs, err := tx.Events(c.ID)
		if err != nil {
			return err
		}
		if act.Version != 0 && act.Version != c.Version {
			last := evs[len(evs)-1]
			return &ConflictError{Number: c.Number, By: last.Actor, Action: last.Action, At: last.At}
		}
		tr, err := p.TransitionFor(act.Name, c.Status, a.Role, c.Grade)
		if err != nil {
			return &ForbiddenError{Action: act.Name, Err: err}
		}
		before := *c
		if err := d.change(p, c, &act, now); err != nil {
			return err
		}
		if tr.To != "" {
			c.Status = tr.To
		}
		if err := checkRequired(tr, c, &act); err != nil {
			return err
		}
		ev := store.Event{CaseID: c.ID, At: act.At, Actor: a.Name, Action: act.Name, Reason: act.Reason, Note: act.Note}
		ev.Before, ev.After = diff(&before, c)
		evs = append(evs, ev)
		d.derive(c, evs)
		c.Version++
		c.UpdatedAt = now
		if err := tx.UpdateCase(c); err != nil {
			if errors.Is(err, store.ErrConflict) {
				return &ConflictError{Number: c.Number, By: "another session", Action: act.Name, At: now}
			}
			return err
		}
		return tx.AppendEvent(&ev)
	})
	if err != nil {
		return nil, err
	}
	d.hub.Publish(notify.Change{CaseID: c.ID, Number: c.Number})
	return c, nil
}

// change applies the action's own effect on the case's fields.
func (d *Desk) change(p *policy.Policy, c *store.Case, act *Action, now time.Time) error {
	var ps problems
	if act.At.After(now.Add(futureSlack)) {
		ps.add("at", "时间不能晚于现在", "the time is in the future")
	}
	if act.At.Before(c.ReceivedAt) {
		ps.add("at", "时间不能早于受理时间", "the time is before the complaint was received")
	}
	switch act.Name {
	case "acknowledge":
		if act.ExpectedBy.IsZero() {
			ps.add("expected_by", "请填写告知客户的预计解决时间", "give the resolution time told to the customer")
		} else if act.ExpectedBy.Before(act.At) {
			ps.add("expected_by", "预计解决时间不能早于现在", "the expected resolution time is in the past")
		}
		c.ExpectedBy = act.ExpectedBy
		if c.AcknowledgedAt.IsZero() {
			c.AcknowledgedAt = act.At
		}
	case "assign":
		if strings.TrimSpace(act.Handler) == "" {
			ps.add("handler", "请填写处理人", "give the handler")
		}
		c.Handler = strings.TrimSpace(act.Handler)
		if act.Department != "" {
			c.Department = strings.TrimSpace(act.Department)
		}
	case "note":
		if strings.TrimSpace(act.Note) == "" {
			ps.add("note", "备注为空", "the note is empty")
		}
	case "grade":
		if p.Grade(act.Grade) == nil {
			ps.add("grade", "未知的等级："+act.Grade, "unknown grade "+strconv.Quote(act.Grade))
		} else if act.Grade == c.Grade {
			ps.add("grade", "等级未改变", "the grade is unchanged")
		}
		if strings.TrimSpace(act.Reason) == "" {
			ps.add("reason", "请填写改变等级的原因", "give the reason for the grade change")
		}
		c.Grade = act.Grade
		c.GradeReason = strings.TrimSpace(act.Reason)
	case "resolve", "reject":
		if act.Category != "" {
			if p.Category(act.Category) == nil {
				ps.add("category", "未知的分类："+act.Category, "unknown category "+strconv.Quote(act.Category))
			}
			c.Category = act.Category
		}
		if act.Resolution != "" {
			c.Resolution = strings.TrimSpace(act.Resolution)
		}
		if act.Reply != "" {
			c.Reply = strings.TrimSpace(act.Reply)
		}
		c.ResolvedAt = act.At
	case "close":
		if act.Resolution != "" {
			c.Resolution = strings.TrimSpace(act.Resolution)
		}
		if act.Reply != "" {
			c.Reply = strings.TrimSpace(act.Reply)
		}
		c.ClosedAt = act.At
	case "revisit":
		if act.Satisfaction < 1 || act.Satisfaction > 5 {
			ps.add("satisfaction", "满意度应为 1 到 5", "satisfaction must be 1 to 5")
		}
		c.Satisfaction = act.Satisfaction
		c.RevisitedAt = act.At
	case "reopen":
		if strings.TrimSpace(act.Reason) == "" {
			ps.add("reason", "请填写重新处理的原因", "give the reason for reopening")
		}
		c.ReopenCount++
		c.ClosedAt, c.ResolvedAt = time.Time{}, time.Time{}
	}
	if act.Category != "" && act.Name != "resolve" && act.Name != "reject" {
		if p.Category(act.Category) == nil {
			ps.add("category", "未知的分类："+act.Category, "unknown category "+strconv.Quote(act.Category))
		}
		c.Category = act.Category
	}
	return ps.err()
}

// checkRequired enforces the transition's required fields (policy).
func checkRequired(tr *policy.Transition, c *store.Case, act *Action) error {
	var ps problems
	for _, f := range tr.Require {
		if !hasField(f, c, act) {
			ps.add(f, "此操作需要填写："+fieldZH(f), "this action needs "+strings.ReplaceAll(f, "_", " "))
		}
	}
	return ps.err()
}

func hasField(f string, c *store.Case, act *Action) bool {
	switch f {
	case "category":
		return c.Category != ""
	case "resolution":
		return c.Resolution != ""
	case "reply":
		return c.Reply != ""
	case "handler":
		return c.Handler != ""
	case "reason":
		return strings.TrimSpace(act.Reason) != ""
	case "note":
		return strings.TrimSpace(act.Note) != ""
	case "expected_by":
		return !c.ExpectedBy.IsZero()
	case "satisfaction":
		return c.Satisfaction > 0
	}
	return strings.TrimSpace(c.Fields[f]) != ""
}

var fieldNamesZH = map[string]string{
	"category": "分类", "resolution": "处理结果", "reply": "给客户的书面答复", "handler": "处理人",
	"reason": "原因", "note": "备注", "expected_by": "预计解决时间", "satisfaction": "满意度",
}

func fieldZH(f string) string {
	if s, ok := fieldNamesZH[f]; ok {
		return s
	}
	return f
}

// diff lists the fields an action changed, before and after.
func diff(a, b *store.Case) (before, after map[string]string) {
	before, after = map[string]string{}, map[string]string{}
	put := func(k, x, y string) {
		if x != y {
			before[k], after[k] = x, y
		}
	}
	tm := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(time.RFC3339)
	}
	put("status", a.Status, b.Status)
	put("grade", a.Grade, b.Grade)
	put("grade_reason", a.GradeReason, b.GradeReason)
	put("category", a.Category, b.Category)
	put("handler", a.Handler, b.Handler)
	put("department", a.Department, b.Department)
	put("expected_by", tm(a.ExpectedBy), tm(b.ExpectedBy))
	put("resolution", a.Resolution, b.Resolution)
	put("reply", a.Reply, b.Reply)
	put("satisfaction", itoa0(a.Satisfaction), itoa0(b.Satisfaction))
	put("reopen_count", itoa0(a.ReopenCount), itoa0(b.ReopenCount))
	keys := make([]string, 0, len(b.Fields))
	for k := range b.Fields {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		put(k, a.Fields[k], b.Fields[k])
	}
	return before, after
}

func itoa0(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// CasesByPhone lists a caller's cases, newest first (repeat complainants).
func (d *Desk) CasesByPhone(ctx context.Context, phone string, limit int) ([]store.Case, error) {
	norm, _, err := complaint.NormalizePhone(phone)
	if err != nil {
		return nil, err
	}
	var out []store.Case
	err = d.st.Read(ctx, func(tx store.Tx) error {
		var err error
		out, err = tx.CasesByPhone(norm, limit)
		return err
	})
	return out, err
}
