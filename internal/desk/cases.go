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
	// Circumstances the grading rules read (see Circumstances): "lawsuit",
	// "media", "media_possible", "serious_loss", "injury",
	// "contract_unmet"; true = it applies.
	Circumstances map[string]bool
	// Others are the other complainants of a collective complaint, each
	// with their own contact details.
	Others []Person
}

// Person is one more complainant of a collective complaint.
type Person struct {
	Name  string
	Phone string
	Email string
}

// futureSlack tolerates clocks of other machines a little ahead of ours.
const futureSlack = 2 * time.Minute

// Register validates and stores a new case with its first event. When the
// idempotency key was seen before it returns that case and existed=true.
func (d *Desk) Register(ctx context.Context, a Actor, r Registration) (c *store.Case, existed bool, err error) {
	p := d.Policy()
	now := d.Now()
	c, err = d.validateRegistration(p, a, &r, now)
	c, err = d.registrationFields(p, a, &r, c, now, err) // policy fields (lab.go)
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
		sug, err := d.suggest(tx, c, now)
		if err != nil {
			return err
		}
		if r.Grade == "" {
			c.Grade, c.GradeReason = sug.Grade, sug.ReasonText("zh")
		} else if sug.Grade != c.Grade && d.Policy().MoreSevere(sug.Grade, c.Grade) {
			// graded lower than the rules say: the suggestion stays in view
			setField(c, "suggested_grade", sug.Grade)
			setField(c, "suggested_reason", sug.ReasonText("zh"))
		}
		ev := store.Event{At: now, Actor: a.Name, Action: "register", Reason: c.GradeReason, After: snapshot(c)}
		if err := d.registerLab(p, c, &ev, now); err != nil { // policy fields, late rules (lab.go)
			return err
		}
		d.derive(c, []store.Event{ev})
		if err := tx.InsertCase(c); err != nil {
			return err
		}
		ev.CaseID = c.ID
		if err := tx.AppendEvent(&ev); err != nil {
			return err
		}
		if tr, err := p.Transition("register", "", a.Role); err == nil {
			if err := d.notify(tx, tr.Notify, a, c, &ev); err != nil {
				return err
			}
		}
		return d.linkSimilar(tx, a, c, sug, now)
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
	checkClassification(p, &ps, &r.Channel, &r.Nature, r.Category, &r.CollectiveSize)
	reason := r.GradeReason
	if r.Grade != "" && p.Grade(r.Grade) == nil {
		ps.add("grade", "未知的等级："+r.Grade, "unknown grade "+strconv.Quote(r.Grade))
	}
	for k := range r.Circumstances {
		if circumstance(k) == nil {
			ps.add("circumstances", "未知的情形："+k, "unknown circumstance "+strconv.Quote(k)+" (one of: "+strings.Join(CircumstanceIDs(), ", ")+")")
		}
	}
	var others []store.Complainant
	for i, o := range r.Others {
		who, prob := person(o)
		if prob != nil {
			prob.Field = "others"
			prob.ZH = fmt.Sprintf("第 %d 位其他投诉人：%s", i+1, prob.ZH)
			prob.EN = fmt.Sprintf("other complainant %d: %s", i+1, prob.EN)
			ps = append(ps, *prob)
			continue
		}
		others = append(others, who)
	}
	if r.CollectiveSize < 1+len(r.Others) {
		r.CollectiveSize = 1 + len(r.Others)
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
		Fields:         maps.Clone(r.Fields),
		Complainants: append([]store.Complainant{{
			Name: strings.TrimSpace(r.Name), Phone: phone, Email: email,
			Address: strings.TrimSpace(r.Address), Org: strings.TrimSpace(r.Org), Anonymous: r.Anonymous,
		}}, others...),
	}
	for k, on := range r.Circumstances {
		if on {
			setField(c, k, "yes")
		}
	}
	if n := p.Nature(c.Nature); n != nil {
		for _, f := range n.Flags {
			addFlag(c, f)
		}
	}
	applyCrisis(p, c)
	return c, nil
}

// checkClassification fills the policy's defaults for channel, nature and
// collective size and checks them and the category: the same rules for a
// complaint taken now and one imported from a register.
func checkClassification(p *policy.Policy, ps *problems, channel, nature *string, category string, collective *int) {
	if *channel == "" {
		*channel = p.DefaultChannel
	}
	if p.Channel(*channel) == nil {
		ps.add("channel", "未知的渠道："+*channel+"（可选："+ids(p.Channels)+"）", "unknown channel "+strconv.Quote(*channel)+" (one of: "+ids(p.Channels)+")")
	}
	if *nature == "" && len(p.Natures) > 0 {
		*nature = p.Natures[0].ID
	}
	if p.Nature(*nature) == nil {
		ps.add("nature", "未知的性质："+*nature+"（可选："+ids(p.Natures)+"）", "unknown nature "+strconv.Quote(*nature)+" (one of: "+ids(p.Natures)+")")
	}
	if category != "" && p.Category(category) == nil {
		ps.add("category", "未知的分类："+category+"（用 desk policy show 查看分类）", "unknown category "+strconv.Quote(category)+" (see desk policy show)")
	}
	if *collective == 0 {
		*collective = 1
	}
	if *collective < 1 || *collective > 100000 {
		ps.add("collective", "投诉人数应为 1 到 100000", "collective size must be 1 to 100000")
	}
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
	if c.CollectiveSize > 1 {
		m["collective"] = strconv.Itoa(c.CollectiveSize)
	}
	if c.Escalation != "" {
		m["escalation"] = c.Escalation
	}
	if c.Crisis {
		m["crisis"] = "yes"
	}
	for _, k := range CircumstanceIDs() {
		if c.Fields[k] != "" {
			m[k] = c.Fields[k]
		}
	}
	if f := c.Fields["flags"]; f != "" {
		m["flags"] = f
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
	Name    string    // acknowledge, assign, note, grade, investigate, resolve, reject, close, revisit, reopen, ...
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

	// contact: how, with what outcome, and with which complainant (0 = the
	// first; a collective complaint has several).
	ContactKind    string
	ContactOutcome string
	Who            int

	// verify (三核实): the complainant and the item (when, where, which
	// product / batch / report).
	ComplainantVerified bool
	ItemVerified        bool
	ItemTime            string
	ItemPlace           string
	ItemProduct         string

	// findings: the investigation report (seed 003 第十七条).
	Facts       string
	Cause       string
	Responsible string
	Conclusion  string // a conclusion of the policy
	Corrective  string
	Preventive  string

	// resolve / close: the resolution's type, amount and the customer's agreement.
	ResolutionType string
	Amount         string
	Agreement      string // agreed, disagreed, pending

	// escalate: the level ("" = the next one up).
	Level string

	// flags: circumstances to set (true) or clear (false); absent ones stay.
	Circumstances map[string]bool

	// link / unlink: the other case's number.
	Other string

	// complainant: one more complainant of a collective complaint.
	Person Person

	// Fields sets policy-specific fields (lab: report, blind_code, ...).
	Fields map[string]string
}

// System is the actor of what the desk does by itself (escalation on breach).
var System = Actor{Name: "系统", Role: ""}

// Apply performs an action on a case as one transaction.
func (d *Desk) Apply(ctx context.Context, a Actor, act Action) (*store.Case, error) {
	p := d.Policy()
	now := d.Now()
	if act.At.IsZero() {
		act.At = now
	}
	var c *store.Case
	var touched []int64
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
			last := lastChange(evs)
			return &ConflictError{Number: c.Number, By: last.Actor, Action: last.Action, At: last.At}
		}
		tr, err := p.TransitionFor(act.Name, c.Status, a.Role, c.Grade)
		if err != nil {
			return &ForbiddenError{Action: act.Name, Err: err}
		}
		before := *c
		before.Fields = maps.Clone(c.Fields)
		before.Complainants = slices.Clone(c.Complainants)
		c.Fields = maps.Clone(c.Fields)
		c.Complainants = slices.Clone(c.Complainants)
		extra, err := d.change(p, c, &act, now)
		if err != nil {
			return err
		}
		if err := d.applyLab(tx, p, tr, c, &act, evs, now); err != nil { // policy fields, late rules (lab.go)
			return err
		}
		if tr.To != "" {
			c.Status = tr.To
		}
		if err := checkRequired(p, tr, c, &act, before.Status); err != nil {
			return err
		}
		// Links need the other case.
		var other *store.Case
		if act.Name == "link" || act.Name == "unlink" {
			if other, err = d.linkOther(tx, c, &act); err != nil {
				return err
			}
		}
		if gradingInput(act.Name) {
			if err := d.refreshSuggestion(tx, c, now); err != nil {
				return err
			}
		}
		ev := store.Event{CaseID: c.ID, At: act.At, Actor: a.Name, Action: act.Name, Reason: act.Reason, Note: act.Note}
		ev.Before, ev.After = diff(&before, c)
		for k, v := range extra {
			ev.After[k] = v
		}
		evs = append(evs, ev)
		newEvents := []store.Event{ev}
		if act.Name == "revisit" {
			if re := d.dissatisfiedReopen(p, c, act); re != nil {
				evs = append(evs, *re)
				newEvents = append(newEvents, *re)
			}
		}
		d.derive(c, evs)
		c.Version++
		c.UpdatedAt = now
		if err := tx.UpdateCase(c); err != nil {
			if errors.Is(err, store.ErrConflict) {
				return &ConflictError{Number: c.Number, By: "another session", Action: act.Name, At: now}
			}
			return err
		}
		for i := range newEvents {
			if err := tx.AppendEvent(&newEvents[i]); err != nil {
				return err
			}
		}
		if err := d.notify(tx, tr.Notify, a, c, &newEvents[0]); err != nil {
			return err
		}
		switch act.Name {
		case "link", "unlink":
			touched = append(touched, other.ID)
			return d.relate(tx, a, act, c, other)
		}
		if gradingInput(act.Name) {
			sug, err := d.suggest(tx, c, now)
			if err != nil {
				return err
			}
			return d.linkSimilar(tx, a, c, sug, now)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	d.hub.Publish(notify.Change{CaseID: c.ID, Number: c.Number})
	for _, id := range touched {
		d.hub.Publish(notify.Change{CaseID: id})
	}
	return c, nil
}

// gradingInput: the action changes what the grading rules read, so the
// suggestion is evaluated again.
func gradingInput(action string) bool {
	switch action {
	case "flags", "complainant", "resolve", "reject", "findings", "register":
		return true
	}
	return false
}

// dissatisfiedReopen is the reopening a dissatisfied revisit causes
// (policy [revisit]): nil when the customer is satisfied or the policy
// does not reopen from the status.
func (d *Desk) dissatisfiedReopen(p *policy.Policy, c *store.Case, act Action) *store.Event {
	r := p.Revisit
	if !r.Reopen || r.DissatisfiedBelow <= 0 || act.Satisfaction <= 0 || act.Satisfaction >= r.DissatisfiedBelow {
		return nil
	}
	tr, err := stepTransition(p, "reopen", c.Status)
	if err != nil || tr == nil {
		return nil
	}
	before := *c
	c.ReopenCount++
	c.ClosedAt, c.ResolvedAt = time.Time{}, time.Time{}
	if tr.To != "" {
		c.Status = tr.To
	}
	ev := store.Event{CaseID: c.ID, At: act.At, Actor: System.Name, Action: "reopen",
		Reason: fmt.Sprintf("回访不满意（满意度 %d/5），按政策重新处理，直至客户满意", act.Satisfaction)}
	ev.Before, ev.After = diff(&before, c)
	return &ev
}

// change applies the action's own effect on the case's fields. extra are
// facts of the event that are not fields of the case (a contact's outcome).
func (d *Desk) change(p *policy.Policy, c *store.Case, act *Action, now time.Time) (extra map[string]string, err error) {
	var ps problems
	extra = map[string]string{}
	if act.At.After(now.Add(futureSlack)) {
		ps.add("at", "时间不能晚于现在", "the time is in the future")
	}
	if act.At.Before(c.ReceivedAt) {
		ps.add("at", "时间不能早于受理时间", "the time is before the complaint was received")
	}
	stamp := act.At.In(d.Location()).Format(time.RFC3339)
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
	case "assign", "transfer":
		h := strings.TrimSpace(act.Handler)
		if h == "" {
			ps.add("handler", "请填写处理人", "give the handler")
		}
		dep := d.department(p, act.Department)
		if act.Name == "transfer" && h == c.Handler && (dep == "" || dep == c.Department) {
			ps.add("handler", "转派需要换一位处理人或部门", "a transfer needs another handler or department")
		}
		c.Handler = h
		if dep != "" {
			c.Department = dep
		}
	case "note":
		if strings.TrimSpace(act.Note) == "" {
			ps.add("note", "备注为空", "the note is empty")
		}
	case "contact":
		kind := act.ContactKind
		if kind == "" && len(p.ContactKinds) > 0 {
			kind = p.ContactKinds[0].ID
		}
		k := p.ContactKind(kind)
		if k == nil {
			ps.add("contact_kind", "未知的联系方式："+kind+"（可选："+choiceIDs(p.ContactKinds)+"）", "unknown contact kind "+strconv.Quote(kind)+" (one of: "+choiceIDs(p.ContactKinds)+")")
		}
		o := p.ContactOutcome(act.ContactOutcome)
		if o == nil {
			ps.add("contact_outcome", "请选择联系结果（"+choiceIDs(p.ContactOutcomes)+"）", "give the outcome of the contact (one of: "+choiceIDs(p.ContactOutcomes)+")")
		}
		if act.Who < 0 || act.Who >= max(1, len(c.Complainants)) {
			ps.add("who", fmt.Sprintf("没有第 %d 位投诉人", act.Who+1), fmt.Sprintf("there is no complainant %d", act.Who+1))
		}
		if act.Satisfaction < 0 || act.Satisfaction > 5 {
			ps.add("satisfaction", "满意度应为 1 到 5", "satisfaction must be 1 to 5")
		}
		if len(ps) > 0 {
			break
		}
		extra["contact_kind"], extra["contact_outcome"] = kind, o.ID
		extra["contact_reached"] = "no"
		if o.Reached {
			extra["contact_reached"] = "yes"
			if c.Fields["contacted_at"] == "" {
				setField(c, "contacted_at", stamp)
			}
		}
		if len(c.Complainants) > 0 {
			who := &c.Complainants[act.Who]
			who.Callback, who.CallbackAt = o.ID, act.At
			if act.Satisfaction > 0 {
				who.Satisfaction = act.Satisfaction
			}
			if len(c.Complainants) > 1 {
				extra["contact_who"] = strconv.Itoa(act.Who + 1)
			}
		}
		if act.Satisfaction > 0 {
			extra["contact_satisfaction"] = strconv.Itoa(act.Satisfaction)
		}
	case "verify":
		item := strings.TrimSpace(act.ItemTime + act.ItemPlace + act.ItemProduct)
		if !act.ComplainantVerified && !act.ItemVerified {
			ps.add("verification", "请勾选已核实的内容：投诉人和/或投诉事项", "tick what was verified: the complainant and/or the item")
		}
		if act.ItemVerified && item == "" && c.Fields["item_product"] == "" && c.Fields["item_time"] == "" {
			ps.add("item_product", "核实投诉事项时请写明时间、地点或涉及的产品/批号/报告", "say when, where or which product / batch / report when verifying the item")
		}
		if act.ComplainantVerified {
			setField(c, "complainant_verified", "yes")
		}
		if act.ItemVerified {
			setField(c, "item_verified", "yes")
		}
		for k, v := range map[string]string{"item_time": act.ItemTime, "item_place": act.ItemPlace, "item_product": act.ItemProduct} {
			if v = strings.TrimSpace(v); v != "" {
				setField(c, k, v)
			}
		}
	case "findings":
		vals := map[string]string{"facts": act.Facts, "cause": act.Cause, "responsible": act.Responsible,
			"conclusion": act.Conclusion, "corrective_action": act.Corrective, "preventive_action": act.Preventive}
		any := false
		for k, v := range vals {
			if v = strings.TrimSpace(v); v != "" {
				any = true
				setField(c, k, v)
			}
		}
		if !any {
			ps.add("facts", "调查报告是空的：请至少填写查明的事实", "the report is empty: give at least the facts found")
		}
		if k := strings.TrimSpace(act.Conclusion); k != "" {
			if ch := p.Conclusion(k); ch == nil {
				ps.add("conclusion", "未知的结论："+k+"（可选："+choiceIDs(p.Conclusions)+"）", "unknown conclusion "+strconv.Quote(k)+" (one of: "+choiceIDs(p.Conclusions)+")")
			} else {
				for _, f := range ch.Flags {
					addFlag(c, f)
				}
			}
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
		setField(c, "suggested_grade", "")
		setField(c, "suggested_reason", "")
	case "flags":
		if len(act.Circumstances) == 0 {
			ps.add("circumstances", "没有要登记的情形", "no circumstance to set or clear")
		}
		for k, on := range act.Circumstances {
			if circumstance(k) == nil {
				ps.add("circumstances", "未知的情形："+k, "unknown circumstance "+strconv.Quote(k)+" (one of: "+strings.Join(CircumstanceIDs(), ", ")+")")
				continue
			}
			v := ""
			if on {
				v = "yes"
			}
			setField(c, k, v)
		}
		applyCrisis(p, c)
	case "escalate":
		if strings.TrimSpace(act.Reason) == "" {
			ps.add("reason", "请填写升级原因", "give the reason for the escalation")
		}
		lvl := act.Level
		if lvl == "" {
			lvl = p.NextLevel(c.Escalation)
		}
		switch {
		case len(p.Levels) == 0:
		case lvl == "":
			ps.add("level", "已是最高升级级别", "the case is already at the highest level")
		case p.Level(lvl) == nil:
			ps.add("level", "未知的升级级别："+lvl, "unknown escalation level "+strconv.Quote(lvl))
		case p.LevelRank(lvl) <= p.LevelRank(c.Escalation):
			ps.add("level", "只能升级到更高的级别", "escalate to a higher level")
		}
		if lvl != "" {
			c.Escalation = lvl
		}
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
		if act.Name == "reject" {
			// Not justified (000 3.1): the explanation is the resolution.
			if c.Resolution == "" {
				c.Resolution = strings.TrimSpace(act.Reason)
			}
			if k := p.Conclusion(c.Fields["conclusion"]); k == nil || k.Justified {
				for _, ch := range p.Conclusions {
					if !ch.Justified {
						setField(c, "conclusion", ch.ID)
						break
					}
				}
			}
			if act.ResolutionType == "" && c.Fields["resolution_type"] == "" && p.ResolutionType("explanation") != nil {
				act.ResolutionType = "explanation"
			}
		}
		d.resolutionFacts(p, c, *act, &ps)
	case "close":
		if act.Resolution != "" {
			c.Resolution = strings.TrimSpace(act.Resolution)
		}
		if act.Reply != "" {
			c.Reply = strings.TrimSpace(act.Reply)
		}
		d.resolutionFacts(p, c, *act, &ps)
		c.ClosedAt = act.At
	case "revisit":
		if act.Satisfaction < 1 || act.Satisfaction > 5 {
			ps.add("satisfaction", "满意度应为 1 到 5", "satisfaction must be 1 to 5")
		}
		c.Satisfaction = act.Satisfaction
		c.RevisitedAt = act.At
		if len(c.Complainants) > 0 && act.Satisfaction >= 1 && act.Satisfaction <= 5 {
			c.Complainants[0].Satisfaction = act.Satisfaction
		}
	case "reopen":
		if strings.TrimSpace(act.Reason) == "" {
			ps.add("reason", "请填写重新处理的原因", "give the reason for reopening")
		}
		c.ReopenCount++
		c.ClosedAt, c.ResolvedAt = time.Time{}, time.Time{}
	case "link", "unlink":
		if strings.TrimSpace(act.Other) == "" {
			ps.add("other", "请填写要关联的投诉单编号", "give the number of the other case")
		}
	case "complainant":
		who, prob := person(act.Person)
		if prob != nil {
			ps = append(ps, *prob)
			break
		}
		for _, p := range c.Complainants {
			if who.Phone != "" && p.Phone == who.Phone {
				ps.add("phone", "此电话已是本投诉单的投诉人", "this phone is already a complainant of the case")
			}
		}
		c.Complainants = append(c.Complainants, who)
		if c.CollectiveSize < len(c.Complainants) {
			c.CollectiveSize = len(c.Complainants)
		}
	case "request_approval", "approve", "send_back", "investigate":
		// the transition and its required fields say it all
	default:
		// A policy's own action (gsp: forward, dispatch, decide, ...): it
		// may set the common fields it requires.
		if h := strings.TrimSpace(act.Handler); h != "" {
			c.Handler = h
		}
		if dep := d.department(p, act.Department); dep != "" {
			c.Department = dep
		}
		if act.Resolution != "" {
			c.Resolution = strings.TrimSpace(act.Resolution)
		}
		if act.Reply != "" {
			c.Reply = strings.TrimSpace(act.Reply)
		}
		if !act.ExpectedBy.IsZero() {
			c.ExpectedBy = act.ExpectedBy
		}
		if act.ResolutionType != "" || act.Amount != "" || act.Agreement != "" {
			d.resolutionFacts(p, c, *act, &ps)
		}
	}
	if act.Category != "" && act.Name != "resolve" && act.Name != "reject" {
		if p.Category(act.Category) == nil {
			ps.add("category", "未知的分类："+act.Category, "unknown category "+strconv.Quote(act.Category))
		}
		c.Category = act.Category
	}
	for k, v := range act.Fields {
		if k == "" || strings.ContainsAny(k, " \t\n") {
			ps.add("field", "字段名无效："+strconv.Quote(k), "bad field name "+strconv.Quote(k))
			continue
		}
		setField(c, k, strings.TrimSpace(v))
	}
	return extra, ps.err()
}

// resolutionFacts records the resolution's type, amount and the customer's
// agreement, checking them against the policy.
func (d *Desk) resolutionFacts(p *policy.Policy, c *store.Case, act Action, ps *problems) {
	if t := strings.TrimSpace(act.ResolutionType); t != "" {
		if p.ResolutionType(t) == nil {
			ps.add("resolution_type", "未知的处理方式："+t+"（可选："+choiceIDs(p.ResolutionTypes)+"）", "unknown resolution type "+strconv.Quote(t)+" (one of: "+choiceIDs(p.ResolutionTypes)+")")
		}
		setField(c, "resolution_type", t)
	}
	if a := strings.TrimSpace(act.Amount); a != "" {
		v, err := strconv.ParseFloat(strings.TrimPrefix(strings.TrimPrefix(a, "¥"), "￥"), 64)
		if err != nil || v < 0 {
			ps.add("amount", "金额应为数字（元），例如 199.50", "the amount is a number of yuan, e.g. 199.50")
		} else {
			setField(c, "amount", strconv.FormatFloat(v, 'f', 2, 64))
		}
	}
	if rt := p.ResolutionType(c.Fields["resolution_type"]); rt != nil && rt.Amount && c.Fields["amount"] == "" && act.Name != "close" {
		ps.add("amount", rt.In("zh")+"需要填写金额", rt.In("en")+" needs the amount")
	}
	if ag := strings.TrimSpace(act.Agreement); ag != "" {
		if !slices.Contains(AgreementIDs, ag) {
			ps.add("agreement", "客户意见应为 "+strings.Join(AgreementIDs, "、"), "the customer's agreement is one of: "+strings.Join(AgreementIDs, ", "))
		}
		setField(c, "agreement", ag)
	}
}

// AgreementIDs are the values of the customer's agreement with the resolution.
var AgreementIDs = []string{"agreed", "disagreed", "pending"}

// department is the policy's id of a department typed by id or label; a
// department the policy does not list is kept as typed.
func (d *Desk) department(p *policy.Policy, s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if id := p.DepartmentID(s); id != "" {
		return id
	}
	return s
}

// person validates one more complainant.
func person(o Person) (store.Complainant, *Problem) {
	who := store.Complainant{Name: strings.TrimSpace(o.Name)}
	if s := strings.TrimSpace(o.Phone); s != "" {
		n, _, err := complaint.NormalizePhone(s)
		if err != nil {
			return who, &Problem{"phone", "电话号码无效：" + s, err.Error()}
		}
		who.Phone = n
	}
	if s := strings.TrimSpace(o.Email); s != "" {
		e, err := complaint.NormalizeEmail(s)
		if err != nil {
			return who, &Problem{"email", "电子邮件地址格式不正确：" + s, err.Error()}
		}
		who.Email = e
	}
	if who.Phone == "" && who.Email == "" {
		return who, &Problem{"phone", "请填写投诉人的电话或电子邮件", "give the complainant's phone or e-mail"}
	}
	return who, nil
}

// setField sets (or, with "", removes) a policy field of the case.
func setField(c *store.Case, k, v string) {
	if v == "" {
		delete(c.Fields, k)
		return
	}
	if c.Fields == nil {
		c.Fields = map[string]string{}
	}
	c.Fields[k] = v
}

// Flags are the case flags (policy [[flag]]) set on the case.
func Flags(c *store.Case) []string {
	if c.Fields["flags"] == "" {
		return nil
	}
	return strings.Split(c.Fields["flags"], ",")
}

func addFlag(c *store.Case, f string) {
	fl := Flags(c)
	if !slices.Contains(fl, f) {
		setField(c, "flags", strings.Join(append(fl, f), ","))
	}
}

// applyCrisis makes a case with media coverage a crisis, escalated to the
// policy's crisis level (seed 002: 危机处理 by the company's leadership).
func applyCrisis(p *policy.Policy, c *store.Case) {
	if c.Fields["media"] == "" || c.Crisis {
		return
	}
	c.Crisis = true
	if cl := p.Escalation.CrisisLevel; cl != "" && p.LevelRank(cl) > p.LevelRank(c.Escalation) {
		c.Escalation = cl
	}
}

func choiceIDs(list []policy.Choice) string {
	out := make([]string, len(list))
	for i, c := range list {
		out[i] = c.ID
	}
	return strings.Join(out, ", ")
}

// actionFields are the required fields each action's own form (or flags)
// can give; a required field an action cannot give must be on the case
// already, and the action is refused at once, saying which.
var actionFields = map[string][]string{
	"acknowledge":      {"expected_by", "note"},
	"assign":           {"handler", "department", "reason"},
	"transfer":         {"handler", "department", "reason"},
	"note":             {"note"},
	"contact":          {"note", "contacted"},
	"verify":           {"verification", "complainant_verified", "item_verified"},
	"findings":         {"facts", "cause", "responsible", "conclusion", "corrective_action", "preventive_action", "investigation"},
	"grade":            {"reason"},
	"escalate":         {"reason", "note"},
	"resolve":          {"category", "resolution", "reply", "resolution_type", "amount", "agreement", "note"},
	"reject":           {"reply", "reason", "category", "resolution"},
	"request_approval": {"note"},
	"approve":          {"note"},
	"send_back":        {"reason"},
	"close":            {"resolution", "reply", "agreement", "note"},
	"revisit":          {"satisfaction", "note"},
	"reopen":           {"reason"},
	"link":             {"reason"},
	"unlink":           {"reason"},
}

// genericFields are what the form of a policy's own action can give.
var genericFields = []string{"handler", "department", "reason", "note", "resolution", "reply", "resolution_type", "amount", "category", "expected_by", "agreement"}

// Gives reports whether the form of action can give field f.
func Gives(action, f string) bool {
	if fs, ok := actionFields[action]; ok {
		return slices.Contains(fs, f)
	}
	if action == "flags" || action == "complainant" {
		return false
	}
	return slices.Contains(genericFields, f)
}

// checkRequired enforces the transition's required fields (policy).
func checkRequired(p *policy.Policy, tr *policy.Transition, c *store.Case, act *Action, from string) error {
	var ps problems
	for _, f := range tr.Require {
		if !hasField(f, c, act) {
			ps = append(ps, missing(p, tr.Action, f, from, c.Grade))
		}
	}
	return ps.err()
}

// missing is the problem of a required field the case lacks: the form's
// field, or, for a fact another action records, that action first.
func missing(p *policy.Policy, action, f, status, grade string) Problem {
	if givesFor(p, action, f) {
		return Problem{f, "此操作需要填写：" + fieldLabel(p, f, "zh"), "this action needs " + fieldLabel(p, f, "en")}
	}
	verb := p.ActionName(action)
	pr := Problem{f, verb.ZH + "需要先有：" + fieldLabel(p, f, "zh"), verb.EN + " needs " + fieldLabel(p, f, "en") + " first"}
	for _, t := range p.Transitions {
		if t.Action != action && givesFor(p, t.Action, f) && t.StartsFrom(status) && t.ForGrade(grade) {
			by := p.ActionName(t.Action)
			pr.ZH += "（先「" + by.ZH + "」）"
			pr.EN += " (" + by.EN + ")"
			break
		}
	}
	return pr
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
	case "department":
		return c.Department != ""
	case "reason":
		return strings.TrimSpace(act.Reason) != ""
	case "note":
		return strings.TrimSpace(act.Note) != ""
	case "expected_by":
		return !c.ExpectedBy.IsZero()
	case "satisfaction":
		return c.Satisfaction > 0
	case "verification":
		return c.Fields["complainant_verified"] != "" && c.Fields["item_verified"] != ""
	case "investigation":
		if strings.TrimSpace(c.Fields["investigation"]) != "" {
			return true
		}
		return c.Fields["facts"] != "" && c.Fields["cause"] != "" && c.Fields["conclusion"] != ""
	case "contacted":
		return c.Fields["contacted_at"] != ""
	}
	return strings.TrimSpace(c.Fields[f]) != ""
}

var fieldNames = map[string][2]string{
	"category":             {"分类", "category"},
	"resolution":           {"处理结果", "resolution"},
	"reply":                {"给客户的书面答复", "written reply"},
	"handler":              {"处理人", "handler"},
	"department":           {"责任部门", "department"},
	"reason":               {"原因", "reason"},
	"note":                 {"备注", "note"},
	"expected_by":          {"预计解决时间", "expected by"},
	"satisfaction":         {"满意度", "satisfaction"},
	"verification":         {"三核实（投诉人和投诉事项）", "verification of the complainant and the item"},
	"complainant_verified": {"投诉人核实", "verification of the complainant"},
	"item_verified":        {"投诉事项核实", "verification of the item"},
	"investigation":        {"调查报告（事实、原因、结论）", "the investigation report (facts, cause, conclusion)"},
	"facts":                {"查明的事实", "facts found"},
	"cause":                {"原因分析", "cause"},
	"responsible":          {"责任方/责任人", "responsible party"},
	"conclusion":           {"调查结论", "conclusion"},
	"corrective_action":    {"纠正措施", "corrective action"},
	"preventive_action":    {"预防措施", "preventive action"},
	"resolution_type":      {"处理方式", "resolution type"},
	"amount":               {"金额", "amount"},
	"agreement":            {"客户意见", "customer's agreement"},
	"contacted":            {"与客户联系上", "a contact that reached the customer"},
}

// FieldName is a field's name in the language.
func FieldName(f, lang string) string {
	if n, ok := fieldNames[f]; ok {
		if lang == "zh" {
			return n[0]
		}
		return n[1]
	}
	return strings.ReplaceAll(f, "_", " ")
}

// Check says, before any form is filled, whether actor may take action on
// the case now: the policy's refusal (a *ForbiddenError), or the facts the
// action needs that its form cannot give (a *ValidationError), in both
// languages — the same words Apply would refuse with. nil when possible.
func (d *Desk) Check(c *store.Case, action string, a Actor) error {
	p := d.Policy()
	tr, err := p.TransitionFor(action, c.Status, a.Role, c.Grade)
	if err != nil {
		return &ForbiddenError{Action: action, Err: err}
	}
	var ps problems
	empty := &Action{}
	for _, f := range tr.Require {
		if !givesFor(p, action, f) && !hasField(f, c, empty) {
			ps = append(ps, missing(p, action, f, c.Status, c.Grade))
		}
	}
	ps = append(ps, lateProblems(p, c, action, empty)...) // lab.go
	return ps.err()
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
	put("escalation", a.Escalation, b.Escalation)
	put("crisis", yes(a.Crisis), yes(b.Crisis))
	put("collective", itoa0(a.CollectiveSize), itoa0(b.CollectiveSize))
	if len(b.Complainants) > len(a.Complainants) {
		for _, p := range b.Complainants[len(a.Complainants):] {
			after["complainant"] = strings.TrimSpace(p.Name + " " + p.Phone + " " + p.Email)
		}
	}
	keys := make([]string, 0, len(b.Fields))
	for k := range b.Fields {
		keys = append(keys, k)
	}
	for k := range a.Fields {
		if _, ok := b.Fields[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		put(k, a.Fields[k], b.Fields[k])
	}
	return before, after
}

func yes(b bool) string {
	if b {
		return "yes"
	}
	return ""
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
