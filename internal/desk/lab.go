package desk

// The generic mechanisms the testing laboratory's procedure (regulation 000, the
// "lab" policy preset) needs, as the policy declares them (see
// internal/policy/lab.go and presets/lab.toml):
//
//   - policy fields ([[field]]): checked and normalised by kind, asked at
//     intake for their natures, required there when the policy says so,
//     recorded only by the actions that require or list them, with their
//     defaults;
//   - late rules: a clock with late_for / late_requires that has breached
//     is kept in the case's "late" field, and the actions it names then
//     need the fields it names (a late appeal is accepted only once the
//     quality manager gave the override's reason);
//   - a transition's set (fixed values) and notify (notices to roles);
//   - a role's hide: Redact is a case and its history as the role may see
//     them.

import (
	"crypto/rand"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"complaintdesk/internal/deadline"
	"complaintdesk/internal/desk/actions"
	"complaintdesk/internal/policy"
	"complaintdesk/store"
)

// LateField is the case field that keeps the clocks of late rules that
// breached (comma-separated clock ids).
const LateField = policy.LateField

// internalFields are fields the desk keeps itself; no form sets them.
var internalFields = []string{LateField, "flags", "suggested_grade", "suggested_reason", "contacted_at", "breach_escalated",
	"implementation", "implemented_at", "visited_roles", "grade_requested", "grade_requested_reason", "grade_requested_by",
	"sample_revisit_satisfaction", "sample_revisited_at", "inspection_score", "inspection_findings", "inspection_items",
	"inspected_by", "inspected_at", "amounts"}

// managedField reports whether a field has a meaning to the desk or the
// policy: such a field is set through Action.Fields or
// Registration.Fields only when the policy declares it ([[field]]) and the
// action records it. Any other key is a free extra, kept as typed.
func managedField(p *policy.Policy, k string) bool {
	for _, suffix := range []string{"_by", "_signed"} {
		if a, ok := strings.CutSuffix(k, suffix); ok && p.HasAction(a) {
			return true // who took a step, who signed it (rules.go)
		}
	}
	return p.Field(k) != nil || slices.Contains(policy.KnownFields, k) || slices.Contains(internalFields, k) || actions.IsCircumstance(k)
}

// fieldLabel is a field's name in lang: the policy's label for its own
// fields, else the registry's.
func fieldLabel(p *policy.Policy, f, lang string) string { return actions.Label(p, f).In(lang) }

// userLookup finds a desk user (tx.User).
type userLookup func(name string) (*store.User, error)

// dateLayouts are the ways a date field may be typed.
var dateLayouts = []string{"2006-01-02", "2006-1-2", "2006/01/02", "2006/1/2", "2006.01.02", "2006年1月2日",
	"2006-01-02 15:04", "2006-01-02T15:04", "2006/01/02 15:04"}

// normalizeField checks a value typed for a policy field and returns it as
// stored: a date as RFC 3339 in the desk's zone, users as "a,b", a choice
// as its id. users may be nil (the users' roles are then not checked).
func (d *Desk) normalizeField(fd *policy.FieldDef, raw string, now time.Time, users userLookup) (string, *Problem) {
	v := strings.TrimSpace(raw)
	zh, en := fd.In("zh"), fd.In("en")
	bad := func(z, e string) (string, *Problem) {
		return "", &Problem{Field: fd.ID, ZH: zh + "：" + z, EN: en + ": " + e}
	}
	if v == "" {
		return "", nil
	}
	switch fd.KindOrText() {
	case "text":
		v = strings.Join(strings.Fields(v), " ")
		if utf8.RuneCountInString(v) > 500 {
			return bad("过长（最多 500 字）", "too long (500 characters at most)")
		}
	case "area":
		if utf8.RuneCountInString(v) > 5000 {
			return bad("过长（最多 5000 字）", "too long (5000 characters at most)")
		}
	case "date":
		var t time.Time
		ok := false
		if p, err := time.Parse(time.RFC3339, v); err == nil {
			t, ok = p, true
		}
		for _, l := range dateLayouts {
			if ok {
				break
			}
			if p, err := time.ParseInLocation(l, v, d.Location()); err == nil {
				t, ok = p, true
			}
		}
		switch {
		case !ok:
			return bad("日期格式应为 2026-11-10", "write the date as 2026-11-10")
		case t.After(now.Add(futureSlack)):
			return bad("不能晚于今天", "is in the future")
		case t.Year() < 2000:
			return bad("早于 2000 年", "is before 2000")
		}
		v = t.In(d.Location()).Format(time.RFC3339)
	case "users":
		names := strings.FieldsFunc(v, func(r rune) bool {
			return r == ',' || r == '，' || r == '、' || r == ';' || r == '；' || r == ' ' || r == '\t' || r == '/'
		})
		seen := map[string]bool{}
		for _, n := range names {
			if seen[n] {
				return bad(n+" 出现了两次：须为不同的人", n+" is named twice: they must be different people")
			}
			seen[n] = true
		}
		if len(names) < fd.Min {
			return bad(fmt.Sprintf("需要 %d 位不同的人（现有 %d 位）", fd.Min, len(names)),
				fmt.Sprintf("needs %d different people (%d given)", fd.Min, len(names)))
		}
		if users != nil {
			for _, n := range names {
				u, err := users(n)
				switch {
				case errors.Is(err, store.ErrNotFound) || (err == nil && u.Disabled):
					return bad(n+" 不是本台的用户", n+" is not a user of this desk")
				case err != nil:
					return bad(err.Error(), err.Error())
				case fd.Role != "" && u.Role != fd.Role:
					return bad(fmt.Sprintf("%s 的角色是 %s，需要 %s", n, u.Role, fd.Role),
						fmt.Sprintf("%s is %s, not %s", n, u.Role, fd.Role))
				}
			}
		}
		v = strings.Join(names, ",")
	case "choice":
		for _, o := range fd.Options {
			if strings.EqualFold(v, o.ID) || v == o.ZH || strings.EqualFold(v, o.EN) {
				return o.ID, nil
			}
		}
		return bad("应为 "+optionIDs(fd), "one of: "+optionIDs(fd))
	}
	return v, nil
}

func optionIDs(fd *policy.FieldDef) string {
	ids := make([]string, len(fd.Options))
	for i, o := range fd.Options {
		ids[i] = o.ID
	}
	return strings.Join(ids, ", ")
}

// allowedFields are the policy fields an action records: those its
// transition requires or lists.
func allowedFields(p *policy.Policy, tr *policy.Transition) []string {
	if tr == nil {
		return nil
	}
	return p.ActionFields(tr)
}

func notRecorded(p *policy.Policy, action, k string) Problem {
	v := actions.Verb(p, action)
	return Problem{Field: k, ZH: "「" + v.ZH + "」不记录" + fieldLabel(p, k, "zh"), EN: v.EN + " does not record " + fieldLabel(p, k, "en")}
}

// unknownField refuses a field that is none of the policy's: a made-up
// key would show as a second, false 状态 or 等级 on the case (finding 16).
func unknownField(p *policy.Policy, action, k string, allowed []string) Problem {
	v := actions.Verb(p, action)
	if len(allowed) == 0 {
		return Problem{Field: "field", ZH: "「" + v.ZH + "」没有字段「" + k + "」：此操作不记录其他字段",
			EN: v.EN + " has no field " + strconv.Quote(k) + ": it records no other fields"}
	}
	return Problem{Field: "field", ZH: "「" + v.ZH + "」没有字段「" + k + "」（可填：" + strings.Join(allowed, "、") + "）",
		EN: v.EN + " has no field " + strconv.Quote(k) + " (one of: " + strings.Join(allowed, ", ") + ")"}
}

// registrationFields checks the policy fields of a registration: kinds,
// which fields intake asks for the nature and which it requires, and the
// register transition's required fields. prev is validateRegistration's
// error: its problems and these are reported together.
func (d *Desk) registrationFields(p *policy.Policy, a Actor, r *Registration, c *store.Case, now time.Time, prev error) (*store.Case, error) {
	var ps problems
	var ve *ValidationError
	switch {
	case errors.As(prev, &ve):
		ps = append(ps, ve.Problems...)
	case prev != nil:
		return nil, prev
	}
	tr, _ := p.Transition(policy.ActionRegister, "", a.Role)
	allowed := allowedFields(p, tr)
	for _, fd := range p.IntakeFields(r.Nature) {
		allowed = append(allowed, fd.ID)
	}
	vals := map[string]string{}
	for _, k := range slices.Sorted(maps.Keys(r.Fields)) {
		raw := r.Fields[k]
		if !managedField(p, k) {
			ps = append(ps, unknownField(p, policy.ActionRegister, k, allowed))
			continue
		}
		if !slices.Contains(allowed, k) {
			if strings.TrimSpace(raw) != "" {
				ps = append(ps, notRecorded(p, policy.ActionRegister, k))
			}
			continue
		}
		v, prob := d.normalizeField(p.Field(k), raw, now, nil)
		if prob != nil {
			ps = append(ps, *prob)
			continue
		}
		vals[k] = v
	}
	for k, v := range vals {
		if fd := p.Field(k); fd != nil && fd.NotAfter == "received" && v != "" {
			t, err := time.Parse(time.RFC3339, v)
			recv := r.ReceivedAt
			if recv.IsZero() {
				recv = now
			}
			// a date is a day: compare days in the desk's zone
			if err == nil && t.In(d.Location()).Format("2006-01-02") > recv.In(d.Location()).Format("2006-01-02") {
				ps.add(k, fd.In("zh")+"晚于本次投诉的受理日期："+t.In(d.Location()).Format("2006-01-02")+" 之后才收到的报告不能在此之前申诉",
					fd.In("en")+" is after the day this complaint was received: nobody appeals against a report before receiving it")
			}
		}
	}
	for _, fd := range p.IntakeFields(r.Nature) {
		if fd.Required && vals[fd.ID] == "" && (ps.For(fd.ID) == nil) {
			ps.add(fd.ID, "请填写"+fd.In("zh"), "give the "+strings.ToLower(fd.In("en")))
		}
	}
	if c != nil {
		for k := range r.Fields {
			if managedField(p, k) {
				actions.SetField(c, k, vals[k])
			}
		}
		for _, fd := range p.IntakeFields(r.Nature) {
			if fd.Subject && c.Subject == "" && vals[fd.ID] != "" {
				c.Subject = vals[fd.ID] // searchable, and the same complaint from others
			}
		}
		if tr != nil {
			for _, f := range tr.Require {
				if !hasField(f, c, &Action{}) && ps.For(f) == nil {
					ps.add(f, "登记需要填写："+fieldLabel(p, f, "zh"), "registering needs "+fieldLabel(p, f, "en"))
				}
			}
		}
	}
	if err := ps.err(); err != nil {
		return nil, err
	}
	return c, nil
}

// For is the problem of one field among ps, or nil.
func (ps problems) For(field string) *Problem {
	for i := range ps {
		if ps[i].Field == field {
			return &ps[i]
		}
	}
	return nil
}

// registerLab finishes a registration inside its transaction: the policy
// fields go into the first event, a late rule's clock that breached is
// marked, and a late rule on registering itself is enforced.
func (d *Desk) registerLab(p *policy.Policy, c *store.Case, ev *store.Event, now time.Time) error {
	if ev.After == nil {
		ev.After = map[string]string{}
	}
	for _, fd := range p.Fields {
		if v := c.Fields[fd.ID]; v != "" {
			ev.After[fd.ID] = v
		}
	}
	if p.HasLateRules() {
		d.markLate(p, c, d.Engine().Clocks(Facts(c, []store.Event{*ev}), now))
		if v := c.Fields[LateField]; v != "" {
			ev.After[LateField] = v
		}
	}
	return lateProblems(p, c, policy.ActionRegister, &Action{}).err()
}

// applyLab is the policy fields' part of an action, after its own effect:
// the fields it records (checked and normalised), their defaults, the
// transition's fixed values, the late rules. evs is the history before
// the action.
func (d *Desk) applyLab(tx store.Tx, p *policy.Policy, tr *policy.Transition, c *store.Case, act *Action, evs []store.Event, now time.Time) error {
	var ps problems
	allowed := allowedFields(p, tr)
	for k, raw := range act.Fields {
		if !managedField(p, k) {
			continue
		}
		if !slices.Contains(allowed, k) {
			ps = append(ps, notRecorded(p, act.Name, k))
			continue
		}
		v, prob := d.normalizeField(p.Field(k), raw, now, tx.User)
		if prob != nil {
			ps = append(ps, *prob)
			continue
		}
		actions.SetField(c, k, v)
	}
	for _, k := range allowed {
		fd := p.Field(k)
		if c.Fields[k] != "" {
			continue
		}
		switch {
		case fd.DefaultFrom != "" && c.Fields[fd.DefaultFrom] != "":
			actions.SetField(c, k, c.Fields[fd.DefaultFrom])
		case fd.Default != "":
			actions.SetField(c, k, fd.Default)
		case fd.Generate == "code":
			code, err := d.freshCode(tx, p, fd, c)
			if err != nil {
				return err
			}
			actions.SetField(c, k, code) // the desk proposes one (000 §2.2.2)
		}
	}
	for _, k := range allowed {
		if prob := d.distinctValue(tx, p, p.Field(k), c); prob != nil {
			ps = append(ps, *prob)
		}
		if strings.TrimSpace(act.Fields[k]) != "" {
			ps = append(ps, d.notBefore(p, p.Field(k), c)...)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(tr.Set)) {
		actions.SetField(c, k, tr.Set[k])
	}
	// An action of the policy that leads where resolving leads resolves
	// the case (the lab's uphold: the written answer is sent).
	if act.Name != "resolve" && act.Name != "reject" && tr.To != "" && tr.To == resolvedStatus(p) {
		c.ResolvedAt = act.At
	}
	if p.HasLateRules() {
		d.markLate(p, c, d.Engine().Clocks(Facts(c, evs), act.At))
	}
	ps = append(ps, lateProblems(p, c, act.Name, act)...)
	return ps.err()
}

// notBefore checks a date a step records against the dates the policy
// says it cannot precede (fd.NotBefore): the day the case was received, or
// another date of the case. Dates are days in the desk's zone.
func (d *Desk) notBefore(p *policy.Policy, fd *policy.FieldDef, c *store.Case) problems {
	var ps problems
	day := func(t time.Time) string { return t.In(d.Location()).Format("2006-01-02") }
	t, err := time.Parse(time.RFC3339, c.Fields[fd.ID])
	if err != nil {
		return nil
	}
	for _, o := range fd.NotBefore {
		ref, zh, en := c.ReceivedAt, "本次投诉的受理日期", "the day this complaint was received"
		if o != "received" {
			ref, _ = time.Parse(time.RFC3339, c.Fields[o])
			zh, en = p.Field(o).In("zh"), strings.ToLower(p.Field(o).In("en"))
		}
		if !ref.IsZero() && day(t) < day(ref) {
			ps.add(fd.ID, fmt.Sprintf("%s（%s）早于%s（%s）", fd.In("zh"), day(t), zh, day(ref)),
				fmt.Sprintf("%s (%s) is before %s (%s)", fd.In("en"), day(t), en, day(ref)))
		}
	}
	return ps
}

// distinctValue checks a field the policy wants unique in the desk and
// distinct from other fields (a blind code must not be another sample's,
// nor give away the sample's number, the report or the case number).
func (d *Desk) distinctValue(tx store.Tx, p *policy.Policy, fd *policy.FieldDef, c *store.Case) *Problem {
	v := c.Fields[fd.ID]
	if v == "" || (!fd.Unique && len(fd.DistinctFrom) == 0) {
		return nil
	}
	label := fd.Label
	if fd.Unique {
		others, err := tx.CasesByField(fd.ID, v, 2)
		if err != nil {
			return &Problem{Field: fd.ID, ZH: err.Error(), EN: err.Error()}
		}
		for _, o := range others {
			if o.ID != c.ID {
				return &Problem{Field: fd.ID, ZH: label.ZH + "「" + v + "」已用于 " + o.Number + "：须在本台唯一",
					EN: label.EN + " " + strconv.Quote(v) + " is already used by " + o.Number + ": it must be unique"}
			}
		}
	}
	if len(fd.DistinctFrom) == 0 {
		return nil
	}
	for _, other := range append([]string{"number"}, fd.DistinctFrom...) {
		ov := c.Fields[other]
		ol := actions.Label(p, other)
		if other == "number" {
			ov, ol = c.Number, policy.Label{ZH: "投诉单编号", EN: "the case number"}
		}
		if ov != "" && revealing(v, ov) {
			return &Problem{Field: fd.ID, ZH: label.ZH + "不能与" + ol.ZH + "相同或包含它（" + ov + "）",
				EN: label.EN + " may not equal or contain " + strings.ToLower(ol.EN) + " (" + ov + ")"}
		}
	}
	return nil
}

// revealing reports whether code gives other away: equal to it, contained
// in it, or containing one of its numbers (letters and digits compared,
// separators ignored).
func revealing(code, other string) bool {
	norm := func(s string) string {
		return strings.Map(func(r rune) rune {
			switch {
			case r >= 'a' && r <= 'z':
				return r - 'a' + 'A'
			case r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
				return r
			}
			return -1
		}, s)
	}
	nc, no := norm(code), norm(other)
	if nc == "" || no == "" {
		return code == other
	}
	if strings.Contains(nc, no) || strings.Contains(no, nc) {
		return true
	}
	for _, tok := range strings.FieldsFunc(other, func(r rune) bool {
		return !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-')
	}) {
		if t := norm(tok); len(t) >= 2 && strings.ContainsAny(t, "0123456789") && strings.Contains(nc, t) {
			return true
		}
	}
	return false
}

// freshCode is a random code no case uses yet and that gives nothing away
// (MB-7KQ4-2X9D: letters and digits without 0/O, 1/I).
func (d *Desk) freshCode(tx store.Tx, p *policy.Policy, fd *policy.FieldDef, c *store.Case) (string, error) {
	const alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
	for range 20 {
		var b [8]byte
		if _, err := rand.Read(b[:]); err != nil {
			return "", err
		}
		code := []byte("MB-xxxx-xxxx")
		j := 0
		for i := range code {
			if code[i] == 'x' {
				code[i] = alphabet[int(b[j])%len(alphabet)]
				j++
			}
		}
		try := *c
		try.Fields = maps.Clone(c.Fields)
		actions.SetField(&try, fd.ID, string(code))
		if d.distinctValue(tx, p, fd, &try) == nil {
			return string(code), nil
		}
	}
	return "", errors.New("no free code found: try again")
}

// resolvedStatus is where resolving a case leads ("" when nowhere).
func resolvedStatus(p *policy.Policy) string {
	for _, t := range p.Transitions {
		if t.Action == "resolve" && t.To != "" {
			return t.To
		}
	}
	return ""
}

// LateClocks are the clocks of late rules the case breached.
func LateClocks(c *store.Case) []string {
	if c.Fields[LateField] == "" {
		return nil
	}
	return strings.Split(c.Fields[LateField], ",")
}

// markLate keeps in the case's late field the clocks of late rules that
// have breached (the fact stays when the clock later stops).
func (d *Desk) markLate(p *policy.Policy, c *store.Case, clocks []deadline.Clock) {
	late := LateClocks(c)
	for _, k := range clocks {
		pc := p.Clock(k.ID)
		if pc == nil || len(pc.LateFor) == 0 || k.State != deadline.Breached || slices.Contains(late, k.ID) {
			continue
		}
		late = append(late, k.ID)
	}
	actions.SetField(c, LateField, strings.Join(late, ","))
}

// lateProblems are the fields action still needs because a clock of a late
// rule breached on the case.
func lateProblems(p *policy.Policy, c *store.Case, action string, act *Action) problems {
	var ps problems
	late := LateClocks(c)
	if len(late) == 0 {
		return nil
	}
	verb := actions.Verb(p, action)
	for _, pc := range p.LateRules(action) {
		if !slices.Contains(late, pc.ID) {
			continue
		}
		for _, f := range pc.LateRequires {
			if hasField(f, c, act) {
				continue
			}
			pr := Problem{Field: f,
				ZH: fmt.Sprintf("%s已超时（逾期）：%s需要先有%s", pc.In("zh"), verb.ZH, fieldLabel(p, f, "zh")),
				EN: fmt.Sprintf("%s breached (late): %s needs %s first", pc.In("en"), verb.EN, fieldLabel(p, f, "en"))}
			for i := range p.Transitions {
				t := &p.Transitions[i]
				if t.Action == action || !t.StartsFrom(c.Status) || !slices.Contains(p.ActionFields(t), f) && !actions.Gives(p, t.Action, f) {
					continue
				}
				by := actions.Verb(p, t.Action)
				who := rolesIn(p, t.Roles, "zh")
				pr.ZH += "（先由" + who + "「" + by.ZH + "」）"
				pr.EN += " (" + by.EN + ", by " + rolesIn(p, t.Roles, "en") + ")"
				break
			}
			ps = append(ps, pr)
		}
	}
	return ps
}

func rolesIn(p *policy.Policy, ids []string, lang string) string {
	if len(ids) == 0 {
		if lang == "zh" {
			return "任何角色"
		}
		return "any role"
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id
		if r := p.Role(id); r != nil {
			out[i] = r.In(lang)
		}
	}
	if lang == "zh" {
		return strings.Join(out, "或")
	}
	return strings.Join(out, " or ")
}

// ---- what a role may see ------------------------------------------------------

// LateRuleText says, for a registration form, how the clocks of late rules
// stand for a case of nature with fields, received at received: e.g.
// "申诉期限截止 2026-11-20 24:00，已逾期1天：受理需要先有逾期受理理由…".
// "" when no such clock applies or its start is not known yet.
func (d *Desk) LateRuleText(nature string, fields map[string]string, received time.Time, lang string) (text string, late bool) {
	p := d.Policy()
	c := &store.Case{Nature: nature, Channel: p.DefaultChannel, ReceivedAt: received, Fields: fields}
	ev := store.Event{Action: policy.ActionRegister, At: received}
	for _, k := range d.Engine().Clocks(Facts(c, []store.Event{ev}), received) {
		pc := p.Clock(k.ID)
		if pc == nil || len(pc.LateFor) == 0 || k.State == deadline.NotStarted {
			continue
		}
		due := deadline.FormatDue(k, d.Location())
		if k.State == deadline.Breached {
			days := int((k.Stopped.Sub(k.Due) + 24*time.Hour - time.Nanosecond) / (24 * time.Hour))
			why := ""
			late := &store.Case{Status: p.InitialStatus(), Fields: map[string]string{LateField: k.ID}}
			if ps := lateProblems(p, late, pc.LateFor[0], &Action{}); len(ps) > 0 {
				why = ps[0].Message(lang)
				if i := strings.Index(why, "："); lang == "zh" && i >= 0 {
					why = why[i+len("："):]
				} else if i := strings.Index(why, ": "); lang != "zh" && i >= 0 {
					why = why[i+2:]
				}
			}
			if lang == "zh" {
				return fmt.Sprintf("%s截止 %s，已逾期%d天：%s", pc.In("zh"), due, days, why), true
			}
			return fmt.Sprintf("%s ended %s, %d day(s) late: %s", pc.In("en"), due, days, why), true
		}
		if lang == "zh" {
			return fmt.Sprintf("%s截止 %s，未逾期", pc.In("zh"), due), false
		}
		return fmt.Sprintf("%s ends %s: in time", pc.In("en"), due), false
	}
	return "", false
}
