package actions

import (
	"strconv"
	"strings"
	"time"

	"complaintdesk/internal/policy"
	"complaintdesk/store"
)

// The fields steps ask for. One value per field: its label is the one the
// forms, the command line's help, the refusals and the history all use.

type L = policy.Label

var (
	optional = L{ZH: "可选", EN: "optional"}
	required = L{ZH: "必填", EN: "required"}
	choose   = L{ZH: "（请选择）", EN: "(choose)"}
)

var Reason = Field{ID: "reason", Kind: Text, Label: L{ZH: "原因", EN: "Reason"}, Hint: optional,
	bind: str(func(in *Input) *string { return &in.Reason })}

var Note = Field{ID: "note", Kind: Text, Label: L{ZH: "备注", EN: "Note"}, Hint: optional,
	bind: str(func(in *Input) *string { return &in.Note })}

var Handler = Field{ID: "handler", Kind: Text, Person: true, Label: L{ZH: "处理人", EN: "Handler"}, Hint: L{ZH: "用户名", EN: "user name"},
	Current: func(_ *policy.Policy, c *store.Case) string { return c.Handler }, Always: true,
	bind: str(func(in *Input) *string { return &in.Handler })}

var Department = Field{ID: "department", Kind: Choice, Label: L{ZH: "责任部门", EN: "Department"},
	Hint:  L{ZH: "部门编号或名称", EN: "department id or name"},
	First: L{ZH: "（不变/未定）", EN: "(unchanged)"},
	Options: func(p *policy.Policy, c *store.Case) []Option {
		var out []Option
		if cur := c.Department; cur != "" && p.Department(cur) == nil {
			out = append(out, Option{cur, L{ZH: cur, EN: cur}}) // typed freely before
		}
		for _, d := range p.Departments {
			out = append(out, Option{d.ID, d.Label})
		}
		return out
	},
	Current: func(_ *policy.Policy, c *store.Case) string { return c.Department },
	bind:    str(func(in *Input) *string { return &in.Department })}

var Grade = Field{ID: "grade", Kind: Choice, Label: L{ZH: "等级", EN: "Grade"}, Hint: L{ZH: "A、B、C 或 D", EN: "A, B, C or D"},
	Options: func(p *policy.Policy, _ *store.Case) []Option {
		out := make([]Option, len(p.Grades))
		for i, g := range p.Grades {
			out[i] = Option{g.ID, L{ZH: g.ID + " " + g.ZH, EN: g.ID + " " + g.EN}}
		}
		return out
	},
	Current: func(_ *policy.Policy, c *store.Case) string { return c.Grade },
	bind:    str(func(in *Input) *string { return &in.Grade })}

var Category = Field{ID: "category", Kind: Choice, Label: L{ZH: "分类", EN: "Category"}, Hint: L{ZH: "政策中的分类编号", EN: "category id from the policy"},
	First: choose,
	Options: func(p *policy.Policy, _ *store.Case) []Option {
		out := make([]Option, len(p.Categories))
		for i, c := range p.Categories {
			out[i] = Option{c.ID, L{ZH: p.CategoryPath(c.ID, "zh"), EN: p.CategoryPath(c.ID, "en")}}
		}
		return out
	},
	Current: func(_ *policy.Policy, c *store.Case) string { return c.Category },
	bind:    str(func(in *Input) *string { return &in.Category })}

var Resolution = Field{ID: "resolution", Kind: Area, Label: L{ZH: "处理结果", EN: "Resolution"},
	Hint:    L{ZH: "做了什么：退款、换货、维修、道歉、赔偿等", EN: "what was done: refund, exchange, repair, apology..."},
	Current: func(_ *policy.Policy, c *store.Case) string { return c.Resolution },
	bind:    str(func(in *Input) *string { return &in.Resolution })}

var Reply = Field{ID: "reply", Kind: Area, Label: L{ZH: "书面答复", EN: "Written reply"},
	Hint:    L{ZH: "给客户的书面答复", EN: "the written reply to the customer"},
	Current: func(_ *policy.Policy, c *store.Case) string { return c.Reply },
	bind:    str(func(in *Input) *string { return &in.Reply })}

var ExpectedBy = Field{ID: "expected_by", Flag: "expected", Kind: Time, Label: L{ZH: "预计解决时间", EN: "Expected by"},
	Hint:   L{ZH: "告知客户的预计解决时间，例如 2026-11-24 18:00", EN: "the resolution time told to the customer, e.g. 2026-11-24 18:00"},
	Always: true,
	Current: func(p *policy.Policy, c *store.Case) string {
		if c.ExpectedBy.IsZero() {
			return ""
		}
		return c.ExpectedBy.In(zone(p)).Format(TimeLayout)
	},
	Default: func(p *policy.Policy, _ *store.Case, now time.Time) string {
		return twoDaysOn(now.In(zone(p))).Format(TimeLayout)
	},
	bind: moment(func(in *Input) *time.Time { return &in.ExpectedBy })}

// twoDaysOn is 48 hours after t, rounded up to the hour: a promise a
// handler can usually keep.
func twoDaysOn(t time.Time) time.Time {
	t = t.Add(48 * time.Hour)
	r := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), 0, 0, 0, t.Location())
	if r.Before(t) {
		r = r.Add(time.Hour)
	}
	return r
}

func zone(p *policy.Policy) *time.Location {
	if p != nil && p.Location != nil {
		return p.Location
	}
	return time.Local
}

var Satisfaction = Field{ID: "satisfaction", Kind: Choice, Label: L{ZH: "满意度", EN: "Satisfaction"},
	Hint: L{ZH: "1（很不满意）到 5（很满意）", EN: "1 (very dissatisfied) to 5 (very satisfied)"}, First: choose,
	Options: func(*policy.Policy, *store.Case) []Option { return satisfactionOptions },
	bind:    number(func(in *Input) *int { return &in.Satisfaction }, 0)}

var satisfactionOptions = []Option{
	{"1", L{ZH: "1 很不满意", EN: "1 very dissatisfied"}},
	{"2", L{ZH: "2 不满意", EN: "2 dissatisfied"}},
	{"3", L{ZH: "3 一般", EN: "3 neutral"}},
	{"4", L{ZH: "4 满意", EN: "4 satisfied"}},
	{"5", L{ZH: "5 很满意", EN: "5 very satisfied"}},
}

var ResolutionType = Field{ID: "resolution_type", Flag: "type", Kind: Choice, Label: L{ZH: "处理方式", EN: "Resolution type"},
	Hint: L{ZH: "一种或几种：repair,compensation=500,apology（政策中的编号，需要金额的写 =金额）", EN: "one or several: repair,compensation=500,apology (policy ids; =amount where one is needed)"}, First: choose,
	Options: func(p *policy.Policy, _ *store.Case) []Option { return choiceOptions(p.ResolutionTypes) },
	Current: func(_ *policy.Policy, c *store.Case) string { return c.Fields["resolution_type"] },
	bind:    str(func(in *Input) *string { return &in.ResolutionType })}

var Amount = Field{ID: "amount", Kind: Text, Label: L{ZH: "金额（元）", EN: "Amount (yuan)"},
	Hint:    L{ZH: "退款、赔偿、减价时填写，例如 199.50", EN: "for a refund, compensation or price reduction, e.g. 199.50"},
	Current: func(_ *policy.Policy, c *store.Case) string { return c.Fields["amount"] },
	bind:    str(func(in *Input) *string { return &in.Amount })}

var Agreement = Field{ID: "agreement", Kind: Choice, Label: L{ZH: "客户意见", EN: "Customer's agreement"},
	Hint: L{ZH: "agreed 同意、disagreed 不同意、pending 待确认", EN: "agreed, disagreed or pending"}, First: L{ZH: "（未确认）", EN: "(not asked)"},
	Options: func(*policy.Policy, *store.Case) []Option { return agreements },
	Current: func(_ *policy.Policy, c *store.Case) string { return c.Fields["agreement"] },
	bind:    str(func(in *Input) *string { return &in.Agreement })}

// agreements are the customer's answers to a resolution.
var agreements = []Option{
	{"agreed", L{ZH: "同意", EN: "agreed"}},
	{"disagreed", L{ZH: "不同意", EN: "disagreed"}},
	{"pending", L{ZH: "待确认", EN: "pending"}},
}

var ContactKind = Field{ID: "contact_kind", Flag: "kind", Kind: Choice, Label: L{ZH: "联系方式", EN: "Contact by"},
	Hint:    L{ZH: "去电、短信、信函、上门等（默认政策的第一种）", EN: "call out, SMS, letter, visit... (default: the policy's first)"},
	Options: func(p *policy.Policy, _ *store.Case) []Option { return choiceOptions(p.ContactKinds) },
	bind:    str(func(in *Input) *string { return &in.ContactKind })}

var ContactOutcome = Field{ID: "contact_outcome", Flag: "outcome", Kind: Choice, Label: L{ZH: "联系结果", EN: "Outcome"},
	Hint: L{ZH: "已联系上、无人接听、已留言等", EN: "reached, no answer, left a message..."}, First: choose,
	Options: func(p *policy.Policy, _ *store.Case) []Option { return choiceOptions(p.ContactOutcomes) },
	bind:    str(func(in *Input) *string { return &in.ContactOutcome })}

var Who = Field{ID: "who", Kind: Choice, Label: L{ZH: "投诉人", EN: "Complainant"},
	Hint: L{ZH: "集体投诉中的第几位投诉人，1 为第一位", EN: "which complainant of a collective complaint, 1 = the first"},
	Options: func(_ *policy.Policy, c *store.Case) []Option {
		out := make([]Option, len(c.Complainants))
		for i := range c.Complainants {
			n := strconv.Itoa(i + 1)
			out[i] = Option{n, L{ZH: "第 " + n + " 位", EN: "no. " + n}}
		}
		return out
	},
	Ask:  func(_ *policy.Policy, c *store.Case) bool { return len(c.Complainants) > 1 },
	bind: number(func(in *Input) *int { return &in.Who }, 1)}

var ComplainantVerified = Field{ID: "complainant_verified", Flag: "complainant", Kind: Yes, Label: L{ZH: "投诉人核实", EN: "Complainant verified"},
	Hint:    L{ZH: "已核实投诉人（身份、地址、联系方式）", EN: "the complainant is verified (who, address, how to reach them)"},
	Current: func(_ *policy.Policy, c *store.Case) string { return c.Fields["complainant_verified"] },
	Always:  true,
	bind:    tick(func(in *Input) *bool { return &in.ComplainantVerified })}

var ItemVerified = Field{ID: "item_verified", Flag: "item", Kind: Yes, Label: L{ZH: "投诉事项核实", EN: "Item verified"},
	Hint:    L{ZH: "已核实投诉事项", EN: "the item is verified"},
	Current: func(_ *policy.Policy, c *store.Case) string { return c.Fields["item_verified"] },
	Always:  true,
	bind:    tick(func(in *Input) *bool { return &in.ItemVerified })}

var ItemTime = Field{ID: "item_time", Kind: Text, Label: L{ZH: "发生时间", EN: "When"}, Hint: L{ZH: "事项发生的时间", EN: "when it happened"},
	Current: func(_ *policy.Policy, c *store.Case) string { return c.Fields["item_time"] },
	bind:    str(func(in *Input) *string { return &in.ItemTime })}

var ItemPlace = Field{ID: "item_place", Kind: Text, Label: L{ZH: "发生地点", EN: "Where"}, Hint: L{ZH: "事项发生的地点", EN: "where it happened"},
	Current: func(_ *policy.Policy, c *store.Case) string { return c.Fields["item_place"] },
	bind:    str(func(in *Input) *string { return &in.ItemPlace })}

var ItemProduct = Field{ID: "item_product", Flag: "product", Kind: Text, Label: L{ZH: "产品/批号/报告", EN: "Product / batch / report"},
	Hint: L{ZH: "品名、规格、批号、有效期、生产企业或报告编号", EN: "product, batch, expiry, maker or report"},
	Current: func(_ *policy.Policy, c *store.Case) string {
		if v := c.Fields["item_product"]; v != "" {
			return v
		}
		return c.Subject
	},
	Always: true,
	bind:   str(func(in *Input) *string { return &in.ItemProduct })}

var Facts = Field{ID: "facts", Kind: Area, Label: L{ZH: "查明的事实", EN: "Facts found"}, Hint: L{ZH: "具体经过", EN: "what happened"},
	Current: func(_ *policy.Policy, c *store.Case) string { return c.Fields["facts"] },
	bind:    str(func(in *Input) *string { return &in.Facts })}

var Cause = Field{ID: "cause", Kind: Area, Label: L{ZH: "原因分析", EN: "Cause"}, Hint: L{ZH: "发生原因", EN: "why it happened"},
	Current: func(_ *policy.Policy, c *store.Case) string { return c.Fields["cause"] },
	bind:    str(func(in *Input) *string { return &in.Cause })}

var Responsible = Field{ID: "responsible", Kind: Text, Label: L{ZH: "责任方/责任人", EN: "Responsible party"}, Hint: L{ZH: "具体责任者", EN: "party or person"},
	Current: func(_ *policy.Policy, c *store.Case) string { return c.Fields["responsible"] },
	bind:    str(func(in *Input) *string { return &in.Responsible })}

var Conclusion = Field{ID: "conclusion", Kind: Choice, Label: L{ZH: "调查结论", EN: "Conclusion"},
	Hint: L{ZH: "投诉成立、部分成立或不成立（政策中的编号）", EN: "justified, partly or not justified (ids from the policy)"}, First: choose,
	Options: func(p *policy.Policy, _ *store.Case) []Option { return choiceOptions(p.Conclusions) },
	Current: func(_ *policy.Policy, c *store.Case) string { return c.Fields["conclusion"] },
	bind:    str(func(in *Input) *string { return &in.Conclusion })}

var Corrective = Field{ID: "corrective_action", Flag: "corrective", Kind: Area, Label: L{ZH: "纠正措施", EN: "Corrective action"}, Hint: L{ZH: "对策", EN: "what is done about it"},
	Current: func(_ *policy.Policy, c *store.Case) string { return c.Fields["corrective_action"] },
	bind:    str(func(in *Input) *string { return &in.Corrective })}

var Preventive = Field{ID: "preventive_action", Flag: "preventive", Kind: Area, Label: L{ZH: "预防措施", EN: "Preventive action"}, Hint: L{ZH: "防范措施", EN: "how it is prevented"},
	Current: func(_ *policy.Policy, c *store.Case) string { return c.Fields["preventive_action"] },
	bind:    str(func(in *Input) *string { return &in.Preventive })}

var Level = Field{ID: "level", Kind: Choice, Label: L{ZH: "升级到", EN: "Escalate to"}, Hint: L{ZH: "默认上一级", EN: "default: the next level up"},
	Options: levelsAbove,
	Ask:     func(p *policy.Policy, c *store.Case) bool { return len(levelsAbove(p, c)) > 0 },
	bind:    str(func(in *Input) *string { return &in.Level })}

var Other = Field{ID: "other", Flag: "with", Kind: Case, Label: L{ZH: "投诉单编号", EN: "Case number"}, Hint: L{ZH: "TS20261122-0007", EN: "TS20261122-0007"},
	bind: str(func(in *Input) *string { return &in.Other })}

var PersonName = Field{ID: "name", Kind: Text, Person: true, Label: L{ZH: "姓名", EN: "Name"},
	bind: str(func(in *Input) *string { return &in.Person.Name })}

var PersonPhone = Field{ID: "phone", Kind: Text, Label: L{ZH: "电话", EN: "Phone"}, Hint: L{ZH: "手机或固话", EN: "mobile or landline"},
	bind: str(func(in *Input) *string { return &in.Person.Phone })}

var PersonEmail = Field{ID: "email", Kind: Text, Label: L{ZH: "电子邮件", EN: "E-mail"}, Hint: optional,
	bind: str(func(in *Input) *string { return &in.Person.Email })}

// levelsAbove are the escalation levels above the case's.
func levelsAbove(p *policy.Policy, c *store.Case) []Option {
	var out []Option
	for _, l := range p.Levels {
		if p.LevelRank(l.ID) > p.LevelRank(c.Escalation) {
			out = append(out, Option{l.ID, l.Label})
		}
	}
	return out
}

// At is when the step happened, for a step entered later than it
// happened (a call made before the desk was at hand); empty: now.
var At = Field{ID: "at", Kind: Time, Label: L{ZH: "发生时间", EN: "Happened at"},
	Hint: L{ZH: "留空为现在；补录时填写实际发生的时间", EN: "empty: now; for a late entry, when it really happened"},
	bind: moment(func(in *Input) *time.Time { return &in.At })}

// LateReason is why a step is entered more than an hour after it happened.
var LateReason = Field{ID: "late_reason", Flag: "late", Kind: Text, Label: L{ZH: "补录原因", EN: "Why entered late"},
	Hint: L{ZH: "发生时间早于现在一小时以上时必填", EN: "required when it happened more than an hour ago"},
	bind: str(func(in *Input) *string { return &in.Late })}

// Override is the reason for going past a rule, for the roles the policy
// lets do so; asked only of them.
var Override = Field{ID: "override", Kind: Text, Label: L{ZH: "越权原因", EN: "Override reason"},
	Hint: L{ZH: "仅在规则不允许而您有权越过时填写；将记入处理记录", EN: "only to go past a rule you may override; it goes into the history"},
	bind: str(func(in *Input) *string { return &in.Override })}

func choiceOptions(list []policy.Choice) []Option {
	out := make([]Option, len(list))
	for i, c := range list {
		out[i] = Option{c.ID, c.Label}
	}
	return out
}

// facts name what the history records besides the fields above: the
// case's own attributes and the facts steps keep.
var facts = map[string]L{
	"status":               {ZH: "状态", EN: "Status"},
	"amounts":              {ZH: "各项金额（元）", EN: "Amounts (yuan)"},
	"grade_reason":         {ZH: "定级原因", EN: "Grade reason"},
	"channel":              {ZH: "渠道", EN: "Channel"},
	"nature":               {ZH: "性质", EN: "Nature"},
	"received":             {ZH: "受理时间", EN: "Received"},
	"reopen_count":         {ZH: "重开次数", EN: "Reopened"},
	"escalation":           {ZH: "升级级别", EN: "Escalation"},
	"crisis":               {ZH: "危机", EN: "Crisis"},
	"collective":           {ZH: "投诉人数", EN: "Complainants"},
	"complainant":          {ZH: "新增投诉人", EN: "New complainant"},
	"contact_reached":      {ZH: "联系上", EN: "Reached"},
	"contact_who":          {ZH: "投诉人", EN: "Complainant"},
	"contact_satisfaction": {ZH: "满意度", EN: "Satisfaction"},
	"contacted_at":         {ZH: "首次联系上", EN: "First reached"},
	"flags":                {ZH: "标记", EN: "Flags"},
	"suggested_grade":      {ZH: "建议等级", EN: "Suggested grade"},
	"suggested_reason":     {ZH: "建议原因", EN: "Suggestion's reason"},
	"linked":               {ZH: "关联", EN: "Linked"},
	"unlinked":             {ZH: "取消关联", EN: "Unlinked"},
	"breach_escalated":     {ZH: "超时升级", EN: "Escalated for"},
	policy.LateField:       {ZH: "逾期", EN: "Late"},
	// facts a required-field rule may name
	"verification":                {ZH: "三核实（投诉人和投诉事项）", EN: "Verification of the complainant and the item"},
	"investigation":               {ZH: "调查报告（事实、原因、结论）", EN: "The investigation report (facts, cause, conclusion)"},
	"contacted":                   {ZH: "与客户联系上", EN: "A contact that reached the customer"},
	"implemented":                 {ZH: "处理方案已落实", EN: "The solution carried out"},
	"implemented_at":              {ZH: "落实时间", EN: "Carried out at"},
	"override":                    {ZH: "越权", EN: "Override"},
	"override_reason":             {ZH: "越权原因", EN: "Override reason"},
	"rule":                        {ZH: "规则", EN: "Rule"},
	"visited_roles":               {ZH: "已到场角色", EN: "Roles that went on site"},
	"visit_by":                    {ZH: "到场人", EN: "Who went"},
	"visit_role":                  {ZH: "到场人角色", EN: "Their role"},
	"visit_at":                    {ZH: "到场时间", EN: "When"},
	"grade_requested":             {ZH: "申请改为等级", EN: "Grade requested"},
	"grade_requested_reason":      {ZH: "改级申请原因", EN: "Why the grade change"},
	"grade_requested_by":          {ZH: "改级申请人", EN: "Grade change asked by"},
	"inspection_score":            {ZH: "质检评分", EN: "Inspection score"},
	"inspection_findings":         {ZH: "质检发现", EN: "Inspection findings"},
	"inspection_items":            {ZH: "质检项", EN: "Checklist"},
	"inspected_by":                {ZH: "质检员", EN: "Inspected by"},
	"inspected_at":                {ZH: "质检时间", EN: "Inspected at"},
	"sample_revisit_satisfaction": {ZH: "抽样回访满意度", EN: "Sample revisit satisfaction"},
	"sample_revisited_at":         {ZH: "抽样回访时间", EN: "Sample revisited at"},
	"implementation":              {ZH: "落实情况", EN: "What was done"},
	"cosign_mismatch":             {ZH: "两人结果不一致", EN: "The two results differ"},
}

// Label is the name of a field or fact in both languages: the policy's
// label for its own fields, else the registry's; an unknown id is shown
// with spaces for underscores.
func Label(p *policy.Policy, id string) L {
	if p != nil {
		if fd := p.Field(id); fd != nil {
			return fd.Label
		}
	}
	if f := catalog(id); f != nil {
		return f.Label
	}
	if l, ok := facts[id]; ok {
		return l
	}
	if c := circumstance(id); c != nil {
		return c.Label
	}
	if a, ok := strings.CutSuffix(id, "_by"); ok && p != nil && p.HasAction(a) {
		v := Done(p, a)
		return L{ZH: v.ZH + "人", EN: v.EN + " by"}
	}
	if a, ok := strings.CutSuffix(id, "_signed"); ok && p != nil && p.HasAction(a) {
		v := Verb(p, a)
		return L{ZH: v.ZH + "已签", EN: v.EN + ": signed by"}
	}
	s := strings.ReplaceAll(id, "_", " ")
	return L{ZH: s, EN: s}
}

// catalog finds a field of the registry by id.
func catalog(id string) *Field {
	for _, f := range allFields {
		if f.ID == id {
			return f
		}
	}
	return nil
}

var allFields = []*Field{&Reason, &Note, &Handler, &Department, &Grade, &Category, &Resolution, &Reply,
	&ExpectedBy, &Satisfaction, &ResolutionType, &Amount, &Agreement, &ContactKind, &ContactOutcome, &Who,
	&ComplainantVerified, &ItemVerified, &ItemTime, &ItemPlace, &ItemProduct, &Facts, &Cause, &Responsible,
	&Conclusion, &Corrective, &Preventive, &Level, &Other, &Override, &At, &LateReason, &VisitBy}
