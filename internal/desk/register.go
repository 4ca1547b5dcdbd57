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
	"complaintdesk/internal/desk/actions"
	"complaintdesk/internal/input"
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
	// LateReason is why a complaint received more than an hour ago is
	// registered only now (补录原因): the registration is a late entry.
	LateReason string
	Name       string
	Phone      string
	Email      string
	Address    string
	Org        string
	Anonymous  bool
	Content    string
	Demand     string
	Subject    string // product / report reference
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
type Person = actions.Person

// futureSlack tolerates clocks of other machines a little ahead of ours.
const futureSlack = 2 * time.Minute

// Register validates and stores a new case with its first event. When the
// idempotency key was seen before it returns that case and existed=true.
func (d *Desk) Register(ctx context.Context, a Actor, r Registration) (c *store.Case, existed bool, err error) {
	p := d.Policy()
	now := d.Now()
	c, err = d.validateRegistration(p, a, &r, now)
	c, err = d.registrationFields(p, a, &r, c, now, err) // policy fields (lab.go)
	c, err = routeRegistration(p, a, r.Category, c, err) // the department of its class (route.go)
	if err != nil {
		return nil, false, err
	}
	// The policy's rules on registering (lab: appeals are made in writing).
	if err := problems(ruleProblems(p, a, policy.ActionRegister, c, c, &Action{}, map[string]string{})).err(); err != nil {
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
		} else if own := d.Suggestion(c, nil, c.ReceivedAt); own.Grade != c.Grade && p.MoreSevere(own.Grade, c.Grade) {
			// the facts as received: a paper record entered late is not
			// refused for its age (A级第3条 is the case page's suggestion)
			return lowerThanRules(own)
		} else if sug.Grade != c.Grade && p.MoreSevere(sug.Grade, c.Grade) {
			// only the same complaint from others (matched by its subject)
			// grades it higher: the suggestion stays in view, linked
			actions.SetField(c, "suggested_grade", sug.Grade)
			actions.SetField(c, "suggested_reason", sug.ReasonText("zh"))
		}
		ev := store.Event{At: now, Entered: now, Actor: a.Name, Action: "register", Reason: c.GradeReason, After: snapshot(c)}
		if r.LateReason != "" { // a late entry: it happened when received, entered now
			ev.At, ev.Late = r.ReceivedAt, r.LateReason
		}
		if err := d.registerLab(p, c, &ev, now); err != nil { // policy fields, late rules (lab.go)
			return err
		}
		d.derive(c, []store.Event{ev})
		esc := d.breachEscalation(c, []store.Event{ev}, now) // a letter entered after its first response was due
		if err := tx.InsertCase(c); err != nil {
			return err
		}
		ev.CaseID = c.ID
		if err := tx.AppendEvent(&ev); err != nil {
			return err
		}
		if esc != nil {
			esc.CaseID = c.ID
			if err := tx.AppendEvent(esc); err != nil {
				return err
			}
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
		d.publish(notify.Change{CaseID: c.ID, Number: c.Number})
	}
	return c, existed, nil
}

// lowerThanRules refuses a registration graded below what the grading
// rules make of the complaint's own facts (injury, media, lawsuit, the
// number of complainants, its age): a lower grade is a request a
// supervisor approves after registration (finding 6: intake would
// otherwise cut a 20-working-day clock to 2 with no reason and no
// approval).
func lowerThanRules(sug Suggestion) error {
	var ps problems
	ps.add("grade",
		"按定级规则应为 "+sug.Grade+" 级（"+sug.ReasonText("zh")+"）：请按 "+sug.Grade+" 级登记，登记后可申请改级",
		"the grading rules give grade "+sug.Grade+" ("+sug.ReasonText("en")+"): register it as "+sug.Grade+"; a lower grade may be requested after registration")
	return ps.err()
}

func (d *Desk) validateRegistration(p *policy.Policy, a Actor, r *Registration, now time.Time) (*store.Case, error) {
	var ps problems
	if _, err := p.Transition("register", "", a.Role); err != nil {
		return nil, &ForbiddenError{Action: "register", Err: err}
	}
	cleanRegistration(p, r, &ps)
	checkClassification(p, &ps, &r.Channel, &r.Nature, r.Category, &r.CollectiveSize)
	reason := r.GradeReason
	if r.Grade != "" && p.Grade(r.Grade) == nil {
		ps.add("grade", "未知的等级："+r.Grade, "unknown grade "+strconv.Quote(r.Grade))
	}
	for k := range r.Circumstances {
		if !actions.IsCircumstance(k) {
			ps = append(ps, actions.UnknownCircumstance(k))
		}
	}
	var others []store.Complainant
	for i, o := range r.Others {
		who, prob := actions.CheckPerson(o)
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
	if !IsLateEntry(r.ReceivedAt, now) {
		r.LateReason = "" // entered in time: not a late entry
	} else if r.LateReason == "" && ps.For("late_reason") == nil {
		at := r.ReceivedAt.In(d.Location()).Format(actions.TimeLayout)
		ps.add("late_reason", "受理于 "+at+"，现在登记（晚于一小时）：请填写补录原因",
			"it was received at "+at+", more than an hour ago: give the reason for the late entry")
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
	if strings.TrimSpace(r.Content) == "" && ps.For("content") == nil {
		ps.add("content", "请填写投诉内容", "the complaint content is empty")
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
			actions.SetField(c, k, "yes")
		}
	}
	if n := p.Nature(c.Nature); n != nil {
		for _, f := range n.Flags {
			actions.AddFlag(c, f)
		}
	}
	actions.ApplyCrisis(p, c)
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
	if c.Department != "" {
		m["department"] = c.Department
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
	for _, k := range actions.CircumstanceIDs() {
		if c.Fields[k] != "" {
			m[k] = c.Fields[k]
		}
	}
	if f := c.Fields["flags"]; f != "" {
		m["flags"] = f
	}
	return m
}

// casesByPhone lists a caller's cases, newest first (repeat complainants).
func (d *Desk) casesByPhone(ctx context.Context, phone string, limit int) ([]store.Case, error) {
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

// cleanRegistration applies the input rules (internal/input) to every text
// of a registration: names, the content, the demand, the subject, the
// address and organisation, the grade reason and the policy's fields.
func cleanRegistration(p *policy.Policy, r *Registration, ps *problems) {
	text := func(field string, label policy.Label, v *string, kind input.Kind, max int) {
		clean, prob := actions.CleanText(field, label, *v, kind, max)
		if prob != nil {
			*ps = append(*ps, *prob)
			return
		}
		*v = clean
	}
	text("name", policy.Label{ZH: "姓名", EN: "the name"}, &r.Name, input.Name, 0)
	text("org", policy.Label{ZH: "单位", EN: "the organisation"}, &r.Org, input.Line, 200)
	text("address", policy.Label{ZH: "地址", EN: "the address"}, &r.Address, input.Line, 0)
	text("phone", policy.Label{ZH: "电话", EN: "the phone"}, &r.Phone, input.Line, 50)
	text("email", policy.Label{ZH: "电子邮件", EN: "the e-mail"}, &r.Email, input.Line, 200)
	text("content", policy.Label{ZH: "投诉内容", EN: "the content"}, &r.Content, input.Lines, input.ContentMax)
	text("demand", policy.Label{ZH: "客户要求", EN: "the demand"}, &r.Demand, input.Lines, 0)
	text("subject", policy.Label{ZH: "涉及产品/报告", EN: "the subject"}, &r.Subject, input.Line, 0)
	text("grade_reason", policy.Label{ZH: "定级原因", EN: "the grade reason"}, &r.GradeReason, input.Line, 0)
	takeLate(r.Fields, &r.LateReason)
	text("late_reason", actions.LateReason.Label, &r.LateReason, input.Line, 0)
	for i := range r.Others {
		o := &r.Others[i]
		text("others", policy.Label{ZH: "其他投诉人姓名", EN: "another complainant's name"}, &o.Name, input.Name, 0)
		text("others", policy.Label{ZH: "其他投诉人电话", EN: "another complainant's phone"}, &o.Phone, input.Line, 50)
		text("others", policy.Label{ZH: "其他投诉人电子邮件", EN: "another complainant's e-mail"}, &o.Email, input.Line, 200)
	}
	for _, k := range slices.Sorted(maps.Keys(r.Fields)) {
		v := r.Fields[k]
		kind := input.Line
		if fd := p.Field(k); fd != nil && fd.KindOrText() == "area" {
			kind = input.Lines
		}
		text(k, actions.Label(p, k), &v, kind, 0)
		r.Fields[k] = v
	}
}
