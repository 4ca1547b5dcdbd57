package detail

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/policy"
	"complaintdesk/internal/safetext"
	"complaintdesk/store"
	"complaintdesk/ui/common"
	"complaintdesk/ui/components"
)

type fieldKind int

const (
	kindText   fieldKind = iota // one line: textinput
	kindArea                    // several lines: textarea
	kindSelect                  // a choice cycled with left/right
)

type option struct{ id, label string }

// field is one input of an action form. Name is the field the desk's
// validation problems refer to (expected_by, note, handler, ...).
type field struct {
	name     string
	label    string
	kind     fieldKind
	required bool
	input    textinput.Model
	area     textarea.Model
	options  []option
	sel      int
	// prefill is what the field was opened with; a value left as it was is
	// not sent (the desk keeps the case's own value).
	prefill string
	// placeholder is drawn by the form: textinput's own pads wide text with NUL bytes.
	placeholder string
	err         string
}

func (f *field) value() string {
	switch f.kind {
	case kindText:
		return f.input.Value()
	case kindArea:
		return f.area.Value()
	case kindSelect:
		if f.sel >= 0 && f.sel < len(f.options) {
			return f.options[f.sel].id
		}
	}
	return ""
}

// changed is the trimmed value, or "" when it is what the field was opened with.
func (f *field) changed() string {
	v := strings.TrimSpace(f.value())
	if v == strings.TrimSpace(f.prefill) {
		return ""
	}
	return v
}

func (f *field) focus() {
	switch f.kind {
	case kindText:
		f.input.Focus()
	case kindArea:
		f.area.Focus()
	}
}

func (f *field) blur() {
	switch f.kind {
	case kindText:
		f.input.Blur()
	case kindArea:
		f.area.Blur()
	}
}

// form is the dialog of one action on one case.
type form struct {
	action  string
	title   string
	number  string
	version int64 // the case version the form was opened on (optimistic concurrency)
	fields  []*field
	focus   int
	general []string // problems not tied to a field, conflicts, refusals
	// conflict: the case changed since the form was opened; ctrl+r reloads.
	conflict bool
	notice   string
	busy     bool
	seq      int
}

// singleLine forms submit on enter.
func (f *form) singleLine() bool {
	for _, fl := range f.fields {
		if fl.kind == kindArea {
			return false
		}
	}
	return true
}

func (f *form) field(name string) *field {
	for _, fl := range f.fields {
		if fl.name == name {
			return fl
		}
	}
	return nil
}

func (f *form) focused() *field {
	if f.focus >= 0 && f.focus < len(f.fields) {
		return f.fields[f.focus]
	}
	return nil
}

func (f *form) setFocus(i int) {
	if len(f.fields) == 0 {
		return
	}
	i = (i%len(f.fields) + len(f.fields)) % len(f.fields)
	for _, fl := range f.fields {
		fl.blur()
	}
	f.focus = i
	f.fields[i].focus()
}

// newTextInput is a one-line input with a steady virtual cursor (no blink
// ticks) and without ctrl+v, which would read the server's clipboard.
func newTextInput(c *common.Common, value string) textinput.Model {
	ti := textinput.New()
	ti.Prompt = ""
	st := textinput.DefaultStyles(c.Styles.Dark)
	st.Cursor.Blink = false
	st.Cursor.Color = c.Styles.Accent
	ti.SetStyles(st)
	ti.KeyMap.Paste = key.NewBinding()
	ti.CharLimit = 2000
	ti.SetValue(value)
	ti.CursorEnd()
	return ti
}

func newTextArea(c *common.Common, placeholder, value string) textarea.Model {
	ta := textarea.New()
	ta.Prompt = "| "
	ta.ShowLineNumbers = false
	ta.Placeholder = placeholder
	st := textarea.DefaultStyles(c.Styles.Dark)
	st.Cursor.Blink = false
	st.Cursor.Color = c.Styles.Accent
	ta.SetStyles(st)
	ta.KeyMap.Paste = key.NewBinding()
	ta.KeyMap.CopySelection = key.NewBinding()
	ta.CharLimit = 5000
	ta.SetHeight(3)
	ta.SetValue(value)
	return ta
}

// newForm builds the form of action for the case; nil when the action has no form.
func newForm(c *common.Common, cs *store.Case, action string) *form {
	p := c.Policy()
	f := &form{action: action, number: cs.Number, version: cs.Version}
	if l := p.ActionLabel(action); l.ZH != "" || l.EN != "" {
		f.title = safetext.Line(l.In(c.Lang)) // the policy's name for its step
	} else if t, ok := formTitles[action]; ok {
		f.title = c.Tr(t[0], t[1])
	} else {
		f.title = verb(c, action)
	}
	required := map[string]bool{}
	if tr, err := p.TransitionFor(action, cs.Status, c.Actor.Role, cs.Grade); err == nil {
		for _, r := range tr.Require {
			required[r] = true
		}
	}
	text := func(name, label, placeholder, value string) {
		f.fields = append(f.fields, &field{name: name, label: label, kind: kindText, required: required[name],
			input: newTextInput(c, value), prefill: value, placeholder: placeholder})
	}
	area := func(name, label, placeholder, value string) {
		f.fields = append(f.fields, &field{name: name, label: label, kind: kindArea, required: required[name],
			area: newTextArea(c, placeholder, value), prefill: value})
	}
	sel := func(name, label string, opts []option, selected int) {
		f.fields = append(f.fields, &field{name: name, label: label, kind: kindSelect, required: required[name],
			options: opts, sel: selected})
	}
	optional := c.Tr("可选", "optional")
	switch action {
	case "acknowledge":
		exp := cs.ExpectedBy
		if exp.IsZero() {
			exp = defaultExpected(c.Now, c.Loc())
		}
		text("expected_by", c.Tr("预计解决时间", "Expected by"), "2006-01-02 15:04", exp.In(c.Loc()).Format("2006-01-02 15:04"))
		f.fields[0].prefill = "" // always sent
		text("note", c.Tr("备注", "Note"), optional, "")
	case "note":
		area("note", c.Tr("备注", "Note"), c.Tr("跟进情况、与客户的沟通等", "follow-up, talks with the customer..."), "")
	case "assign", "transfer":
		text("handler", c.Tr("处理人", "Handler"), c.Tr("用户名", "user name"), safetext.Line(cs.Handler))
		if len(p.Departments) > 0 {
			opts, cur := departmentOptions(c, cs.Department)
			sel("department", c.Tr("责任部门", "Department"), opts, cur)
		} else {
			text("department", c.Tr("责任部门", "Department"), optional, safetext.Line(cs.Department))
		}
		reasonHint := optional
		if required["reason"] {
			reasonHint = c.Tr("必填：为什么转派", "required: why it is transferred")
		}
		text("reason", c.Tr("原因", "Reason"), reasonHint, "")
		f.fields[0].prefill = "" // the handler is always sent
	case "grade":
		var opts []option
		cur := 0
		for i, g := range p.Grades {
			opts = append(opts, option{g.ID, g.ID + " " + g.In(c.Lang)})
			if g.ID == cs.Grade {
				cur = i
			}
		}
		sel("grade", c.Tr("等级", "Grade"), opts, cur)
		text("reason", c.Tr("原因", "Reason"), c.Tr("必填：为什么改变等级", "required: why the grade changes"), "")
	case "investigate":
		// no fields: a confirmation
	case "resolve", "reject":
		if action == "resolve" {
			opts, cur := categoryOptions(c, cs.Category)
			sel("category", c.Tr("分类", "Category"), opts, cur)
			area("resolution", c.Tr("处理结果", "Resolution"), c.Tr("做了什么：退款、换货、维修、道歉、赔偿等", "what was done: refund, exchange, repair, apology..."), safetext.Text(cs.Resolution))
		}
		area("reply", c.Tr("书面答复", "Written reply"), c.Tr("给客户的书面答复", "the written reply to the customer"), safetext.Text(cs.Reply))
		if action == "reject" {
			text("reason", c.Tr("不成立原因", "Reason"), c.Tr("必填", "required"), "")
		} else {
			opts, cur := choiceOptions(c, p.ResolutionTypes, cs.Fields["resolution_type"])
			sel("resolution_type", c.Tr("处理方式", "Type"), opts, cur)
			text("amount", c.Tr("金额（元）", "Amount (yuan)"), c.Tr("退款、赔偿、减价时填写", "for a refund, compensation or price reduction"), cs.Fields["amount"])
			opts, cur = agreementOptions(c, cs.Fields["agreement"])
			sel("agreement", c.Tr("客户意见", "Customer"), opts, cur)
		}
	case "close":
		area("resolution", c.Tr("处理结果", "Resolution"), "", safetext.Text(cs.Resolution))
		area("reply", c.Tr("书面答复", "Written reply"), "", safetext.Text(cs.Reply))
		opts, cur := agreementOptions(c, cs.Fields["agreement"])
		sel("agreement", c.Tr("客户意见", "Customer"), opts, cur)
	case "revisit":
		sel("satisfaction", c.Tr("满意度", "Satisfaction"), satisfactionOptions(c, c.Tr("（请选择）", "(choose)")), 0)
		text("note", c.Tr("客户意见", "Comment"), optional, "")
	case "reopen":
		text("reason", c.Tr("原因", "Reason"), c.Tr("必填：客户不满意或再次来电的内容", "required: why the case is reopened"), "")
	case "escalate":
		if len(p.Levels) > 0 {
			var opts []option
			for _, l := range p.Levels {
				if p.LevelRank(l.ID) > p.LevelRank(cs.Escalation) {
					opts = append(opts, option{l.ID, l.In(c.Lang)})
				}
			}
			if len(opts) > 0 {
				sel("level", c.Tr("升级到", "Level"), opts, 0)
			}
		}
		text("reason", c.Tr("升级原因", "Reason"), c.Tr("必填", "required"), "")
		text("note", c.Tr("备注", "Note"), optional, "")
	case "contact":
		if len(cs.Complainants) > 1 {
			var opts []option
			for i, who := range cs.Complainants {
				opts = append(opts, option{strconv.Itoa(i), strconv.Itoa(i+1) + " " + c.Name(who) + " " + c.Phone(who)})
			}
			sel("who", c.Tr("投诉人", "Who"), opts, 0)
		}
		kinds, _ := choiceOptions(c, p.ContactKinds, "")
		sel("contact_kind", c.Tr("方式", "By"), kinds[1:], 0)
		outs, _ := choiceOptions(c, p.ContactOutcomes, "")
		sel("contact_outcome", c.Tr("结果", "Outcome"), outs, 0)
		sel("satisfaction", c.Tr("满意度", "Satisfaction"), satisfactionOptions(c, c.Tr("（未问）", "(not asked)")), 0)
		text("note", c.Tr("内容", "What was said"), c.Tr("与客户沟通的内容", "what was said"), "")
	case "verify":
		yesNo := func(name, label, cur string) {
			opts := []option{{"", c.Tr("未核实", "not verified")}, {"yes", c.Tr("已核实", "verified")}}
			i := 0
			if cur != "" {
				i = 1
			}
			sel(name, label, opts, i)
		}
		yesNo("complainant_verified", c.Tr("核实投诉人", "Complainant"), cs.Fields["complainant_verified"])
		yesNo("item_verified", c.Tr("核实事项", "Item"), cs.Fields["item_verified"])
		text("item_time", c.Tr("发生时间", "When"), c.Tr("事项发生的时间", "when it happened"), cs.Fields["item_time"])
		text("item_place", c.Tr("发生地点", "Where"), c.Tr("事项发生的地点", "where it happened"), cs.Fields["item_place"])
		prod := cs.Fields["item_product"]
		if prod == "" {
			prod = cs.Subject
		}
		text("item_product", c.Tr("产品/批号", "Product"), c.Tr("品名、规格、批号、有效期、生产企业或报告编号", "product, batch, expiry, maker or report"), safetext.Line(prod))
		f.fields[len(f.fields)-1].prefill = ""
		text("note", c.Tr("备注", "Note"), optional, "")
	case "findings":
		area("facts", c.Tr("查明的事实", "Facts found"), c.Tr("具体经过", "what happened"), safetext.Text(cs.Fields["facts"]))
		area("cause", c.Tr("发生原因", "Cause"), "", safetext.Text(cs.Fields["cause"]))
		text("responsible", c.Tr("责任方/人", "Responsible"), c.Tr("具体责任者", "party or person"), safetext.Line(cs.Fields["responsible"]))
		opts, cur := choiceOptions(c, p.Conclusions, cs.Fields["conclusion"])
		sel("conclusion", c.Tr("结论", "Conclusion"), opts, cur)
		area("corrective_action", c.Tr("纠正措施", "Corrective"), c.Tr("对策", "what is done about it"), safetext.Text(cs.Fields["corrective_action"]))
		area("preventive_action", c.Tr("预防措施", "Preventive"), c.Tr("防范措施", "how it is prevented"), safetext.Text(cs.Fields["preventive_action"]))
	case "flags":
		for _, k := range desk.Circumstances {
			opts := []option{{"", c.Tr("否", "no")}, {"yes", c.Tr("是", "yes")}}
			i := 0
			if cs.Fields[k.ID] != "" {
				i = 1
			}
			sel(k.ID, k.In(c.Lang), opts, i)
			f.fields[len(f.fields)-1].prefill = opts[i].id
		}
		text("note", c.Tr("备注", "Note"), optional, "")
	case "request_approval", "approve":
		text("note", c.Tr("备注", "Note"), optional, "")
	case "send_back":
		text("reason", c.Tr("退回原因", "Reason"), c.Tr("必填：还需要做什么", "required: what is still to do"), "")
	case "link":
		text("other", c.Tr("投诉单编号", "Case number"), "TS20261122-0007", "")
		text("reason", c.Tr("原因", "Reason"), optional, "")
	case "unlink":
		// the page offers its linked cases (offer)
		text("other", c.Tr("投诉单编号", "Case number"), "TS20261122-0007", "")
		text("reason", c.Tr("原因", "Reason"), c.Tr("必填", "required"), "")
	case "complainant":
		text("name", c.Tr("姓名", "Name"), "", "")
		text("phone", c.Tr("电话", "Phone"), c.Tr("手机或固话", "mobile or landline"), "")
		text("email", c.Tr("电子邮件", "E-mail"), optional, "")
	case moreAction:
		var opts []option
		for _, a := range moreActions(c, cs) {
			opts = append(opts, option{a, verb(c, a)})
		}
		if len(opts) == 0 {
			return nil
		}
		sel("action", c.Tr("操作", "Action"), opts, 0)
	default:
		// A policy's own action: the fields it requires that a form can give.
		if !c.Policy().HasAction(action) {
			return nil
		}
		req := requiredList(c, cs, action)
		for _, r := range []string{"handler", "department", "category", "resolution_type", "amount", "resolution", "reply", "expected_by", "agreement", "reason"} {
			if !slices.Contains(req, r) || !desk.Gives(action, r) {
				continue
			}
			switch r {
			case "handler":
				text("handler", c.Tr("处理人", "Handler"), c.Tr("用户名", "user name"), safetext.Line(cs.Handler))
				f.fields[len(f.fields)-1].prefill = ""
			case "department":
				if len(p.Departments) > 0 {
					opts, cur := departmentOptions(c, cs.Department)
					sel("department", c.Tr("责任部门", "Department"), opts, cur)
				} else {
					text("department", c.Tr("责任部门", "Department"), "", safetext.Line(cs.Department))
				}
			case "reason":
				text("reason", c.Tr("原因", "Reason"), c.Tr("必填", "required"), "")
			case "resolution":
				area("resolution", c.Tr("处理结果", "Resolution"), "", safetext.Text(cs.Resolution))
			case "reply":
				area("reply", c.Tr("书面答复", "Written reply"), "", safetext.Text(cs.Reply))
			case "resolution_type":
				opts, cur := choiceOptions(c, p.ResolutionTypes, cs.Fields["resolution_type"])
				sel("resolution_type", c.Tr("处理方式", "Type"), opts, cur)
			case "amount":
				text("amount", c.Tr("金额（元）", "Amount (yuan)"), "", cs.Fields["amount"])
			case "category":
				opts, cur := categoryOptions(c, cs.Category)
				sel("category", c.Tr("分类", "Category"), opts, cur)
			case "expected_by":
				text("expected_by", c.Tr("预计解决时间", "Expected by"), "2006-01-02 15:04", defaultExpected(c.Now, c.Loc()).Format("2006-01-02 15:04"))
				f.fields[len(f.fields)-1].prefill = ""
			case "agreement":
				opts, cur := agreementOptions(c, cs.Fields["agreement"])
				sel("agreement", c.Tr("客户意见", "Customer"), opts, cur)
			}
		}
		if f.field("note") == nil {
			text("note", c.Tr("备注", "Note"), optional, "")
		}
	}
	addPolicyFields(c, cs, f) // the policy fields the action records (lab.go)
	f.setFocus(0)
	return f
}

// satisfactionOptions are 1..5 after a first empty option.
func satisfactionOptions(c *common.Common, none string) []option {
	opts := []option{{"", none}}
	names := [][2]string{{"很不满意", "very dissatisfied"}, {"不满意", "dissatisfied"}, {"一般", "neutral"}, {"满意", "satisfied"}, {"很满意", "very satisfied"}}
	for i, n := range names {
		opts = append(opts, option{strconv.Itoa(i + 1), strconv.Itoa(i+1) + " " + c.Tr(n[0], n[1])})
	}
	return opts
}

// choiceOptions are a policy list after "(choose)"; cur is the index of id.
func choiceOptions(c *common.Common, list []policy.Choice, id string) ([]option, int) {
	opts := []option{{"", c.Tr("（请选择）", "(choose)")}}
	cur := 0
	for _, ch := range list {
		if ch.ID == id {
			cur = len(opts)
		}
		opts = append(opts, option{ch.ID, safetext.Line(ch.In(c.Lang))})
	}
	return opts, cur
}

// agreementOptions are the customer's agreement with the resolution.
func agreementOptions(c *common.Common, id string) ([]option, int) {
	opts := []option{{"", c.Tr("（未确认）", "(not asked)")}}
	cur := 0
	for _, a := range desk.AgreementIDs {
		if a == id {
			cur = len(opts)
		}
		opts = append(opts, option{a, agreementName(c, a)})
	}
	return opts, cur
}

// departmentOptions are the policy's departments; a department typed
// freely before is kept as an option.
func departmentOptions(c *common.Common, current string) ([]option, int) {
	p := c.Policy()
	opts := []option{{"", c.Tr("（不变/未定）", "(unchanged)")}}
	cur := 0
	if current != "" && p.Department(current) == nil {
		opts = append(opts, option{current, safetext.Line(current)})
		cur = 1
	}
	for _, d := range p.Departments {
		if d.ID == current {
			cur = len(opts)
		}
		opts = append(opts, option{d.ID, safetext.Line(d.In(c.Lang))})
	}
	return opts, cur
}

// requiredList is the transition's required fields for the case now.
func requiredList(c *common.Common, cs *store.Case, action string) []string {
	tr, err := c.Policy().TransitionFor(action, cs.Status, c.Actor.Role, cs.Grade)
	if err != nil {
		return nil
	}
	return tr.Require
}

// offer turns a text field into a choice of values (the linked cases of an
// unlink); nothing to offer leaves it a text field.
func (f *form) offer(name string, values []string) {
	fl := f.field(name)
	if fl == nil || len(values) == 0 {
		return
	}
	fl.kind, fl.options, fl.sel = kindSelect, nil, 0
	for _, v := range values {
		fl.options = append(fl.options, option{v, v})
	}
	fl.blur()
}

// defaultExpected is now + 48 hours, rounded up to the hour.
func defaultExpected(now time.Time, loc *time.Location) time.Time {
	t := now.In(loc).Add(48 * time.Hour)
	r := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), 0, 0, 0, loc)
	if r.Before(t) {
		r = r.Add(time.Hour)
	}
	return r
}

func categoryOptions(c *common.Common, current string) ([]option, int) {
	p := c.Policy()
	var opts []option
	cur := 0
	if current == "" || p.Category(current) == nil {
		opts = append(opts, option{"", c.Tr("（请选择）", "(choose)")})
	}
	for _, cat := range p.Categories {
		if cat.ID == current {
			cur = len(opts)
		}
		opts = append(opts, option{cat.ID, safetext.Line(p.CategoryPath(cat.ID, c.Lang))})
	}
	return opts, cur
}

var timeLayouts = []string{"2006-01-02 15:04", "2006-1-2 15:04", "2006/01/02 15:04", "2006/1/2 15:04", "2006-01-02T15:04"}

func parseLocalTime(s string, loc *time.Location) (time.Time, bool) {
	s = strings.Join(strings.Fields(s), " ")
	for _, l := range timeLayouts {
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// build turns the form into the desk's action; false when a field could
// not be read (its error is set).
func (f *form) build(c *common.Common) (desk.Action, bool) {
	act := desk.Action{Number: f.number, Version: f.version, Name: f.action}
	ok := true
	for _, fl := range f.fields {
		fl.err = ""
	}
	f.general = nil
	get := func(name string) string {
		if fl := f.field(name); fl != nil {
			return fl.changed()
		}
		return ""
	}
	switch f.action {
	case "acknowledge":
		fl := f.field("expected_by")
		v := strings.TrimSpace(fl.value())
		if v != "" {
			t, good := parseLocalTime(v, c.Loc())
			if !good {
				fl.err = c.Tr("时间格式应为 2026-05-03 18:00", "write the time as 2026-05-03 18:00")
				ok = false
			}
			act.ExpectedBy = t
		}
		act.Note = get("note")
	case "note":
		act.Note = get("note")
	case "assign", "transfer":
		act.Handler = get("handler")
		act.Department = get("department")
		act.Reason = get("reason")
	case "grade":
		act.Grade = f.field("grade").value()
		act.Reason = get("reason")
	case "resolve":
		act.Category = f.field("category").value()
		act.Resolution = get("resolution")
		act.Reply = get("reply")
		act.ResolutionType = get("resolution_type")
		act.Amount = get("amount")
		act.Agreement = get("agreement")
	case "reject":
		act.Reply = get("reply")
		act.Reason = get("reason")
	case "close":
		act.Resolution = get("resolution")
		act.Reply = get("reply")
		act.Agreement = get("agreement")
	case "revisit":
		if v := f.field("satisfaction").value(); v != "" {
			act.Satisfaction, _ = strconv.Atoi(v)
		}
		act.Note = get("note")
	case "reopen":
		act.Reason = get("reason")
	case "escalate":
		act.Reason = get("reason")
		act.Note = get("note")
		act.Level = get("level")
	case "contact":
		if fl := f.field("who"); fl != nil {
			act.Who, _ = strconv.Atoi(fl.value())
		}
		act.ContactKind = f.field("contact_kind").value()
		act.ContactOutcome = f.field("contact_outcome").value()
		act.Satisfaction, _ = strconv.Atoi(f.field("satisfaction").value())
		act.Note = get("note")
	case "verify":
		act.ComplainantVerified = f.field("complainant_verified").value() != ""
		act.ItemVerified = f.field("item_verified").value() != ""
		act.ItemTime, act.ItemPlace, act.ItemProduct = get("item_time"), get("item_place"), get("item_product")
		act.Note = get("note")
	case "findings":
		act.Facts, act.Cause, act.Responsible = get("facts"), get("cause"), get("responsible")
		act.Conclusion = get("conclusion")
		act.Corrective, act.Preventive = get("corrective_action"), get("preventive_action")
	case "flags":
		act.Circumstances = map[string]bool{}
		for _, k := range desk.Circumstances {
			if fl := f.field(k.ID); fl != nil && fl.value() != fl.prefill {
				act.Circumstances[k.ID] = fl.value() != ""
			}
		}
		act.Note = get("note")
	case "request_approval", "approve":
		act.Note = get("note")
	case "send_back":
		act.Reason = get("reason")
	case "link", "unlink":
		act.Other = strings.TrimSpace(f.field("other").value())
		act.Reason = get("reason")
	case "complainant":
		act.Person = desk.Person{Name: get("name"), Phone: get("phone"), Email: get("email")}
	default:
		act.Handler, act.Department, act.Reason, act.Note = get("handler"), get("department"), get("reason"), get("note")
		act.Resolution, act.Reply = get("resolution"), get("reply")
		act.ResolutionType, act.Amount, act.Agreement = get("resolution_type"), get("amount"), get("agreement")
		if fl := f.field("category"); fl != nil {
			act.Category = fl.value()
		}
		if fl := f.field("expected_by"); fl != nil {
			if v := strings.TrimSpace(fl.value()); v != "" {
				t, good := parseLocalTime(v, c.Loc())
				if !good {
					fl.err = c.Tr("时间格式应为 2026-05-03 18:00", "write the time as 2026-05-03 18:00")
					ok = false
				}
				act.ExpectedBy = t
			}
		}
	}
	collectPolicyFields(c, f, &act) // lab.go
	return act, ok
}

// showError puts the desk's answer on the form: problems beside their
// fields, a conflict or a refusal above the keys. why is the refusal in the
// user's language when the page can tell it ("" otherwise).
func (f *form) showError(c *common.Common, err error, why string) {
	for _, fl := range f.fields {
		fl.err = ""
	}
	f.general, f.conflict = nil, false
	var ve *desk.ValidationError
	var ce *desk.ConflictError
	var fe *desk.ForbiddenError
	switch {
	case errors.As(err, &ve):
		for _, p := range ve.Problems {
			msg := safetext.Line(p.Message(c.Lang))
			if fl := f.field(p.Field); fl != nil {
				if fl.err != "" {
					fl.err += c.Tr("；", "; ")
				}
				fl.err += msg
				continue
			}
			f.general = append(f.general, msg)
		}
	case errors.As(err, &ce):
		f.conflict = true
		f.general = append(f.general, safetext.Line(ce.Message(c.Lang)),
			c.Tr("您填写的内容已保留：按 ctrl+r 载入最新版本，核对后按 ctrl+s 再次提交。",
				"What you typed is kept: press ctrl+r to load the latest version, check it, then ctrl+s to submit again."))
	case errors.As(err, &fe):
		if why == "" {
			why = safetext.Line(fe.Error())
		}
		f.general = append(f.general, c.Tr("不允许：", "Not allowed: ")+why)
	default:
		f.general = append(f.general, safetext.Line(c.ErrorText(err)))
	}
}

// update gives a message to the focused field: left/right/space cycle a
// choice, anything else goes to the text input.
func (f *form) update(msg tea.Msg) tea.Cmd {
	fl := f.focused()
	if fl == nil {
		return nil
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && fl.kind == kindSelect {
		switch k.String() {
		case "left", "h":
			fl.sel = (fl.sel - 1 + len(fl.options)) % len(fl.options)
		case "right", "l", "space":
			fl.sel = (fl.sel + 1) % len(fl.options)
		case "home":
			fl.sel = 0
		case "end":
			fl.sel = len(fl.options) - 1
		default:
			// a digit or letter picks the option whose label starts with it
			if t := k.Text; t != "" {
				for i, o := range fl.options {
					if strings.HasPrefix(strings.ToLower(o.label), strings.ToLower(t)) {
						fl.sel = i
						break
					}
				}
			}
		}
		return nil
	}
	var cmd tea.Cmd
	switch fl.kind {
	case kindText:
		fl.input, cmd = fl.input.Update(msg)
	case kindArea:
		fl.area, cmd = fl.area.Update(msg)
	}
	return cmd
}

// view draws the dialog in width cells and at most maxHeight lines.
func (f *form) view(c *common.Common, width, maxHeight int) string {
	s := c.Styles
	inner := width - s.Dialog.GetHorizontalFrameSize()
	if inner < 10 {
		inner = 10
	}
	lw := 0
	for _, fl := range f.fields {
		lw = max(lw, ansi.StringWidth(fl.label)+2)
	}
	lw = min(lw+1, inner/3)

	// Lines besides the text areas, to share the rest among them.
	generalLines := []string{}
	for _, g := range f.general {
		generalLines = append(generalLines, wrap(g, inner)...)
	}
	fixed := s.Dialog.GetVerticalFrameSize() + 2 + len(generalLines) // title + keys
	if f.notice != "" {
		fixed++
	}
	areas := 0
	for _, fl := range f.fields {
		switch fl.kind {
		case kindArea:
			areas++
			fixed++ // label line
		default:
			fixed++
		}
		if fl.err != "" {
			fixed++
		}
	}
	if len(f.fields) == 0 {
		fixed++
	}
	areaH := 3
	if areas > 0 {
		areaH = max(1, min(6, (maxHeight-fixed)/areas))
	}

	var lines []string
	title := f.title + "  " + f.number
	lines = append(lines, components.Fit(s.Title.Render(title), inner))
	if f.notice != "" {
		lines = append(lines, components.Fit(s.Warn.Render(f.notice), inner))
	}
	errLine := func(fl *field, indent int) {
		if fl.err != "" {
			lines = append(lines, components.Fit(strings.Repeat(" ", indent)+s.Error.Render("! "+fl.err), inner))
		}
	}
	for i, fl := range f.fields {
		label := fl.label
		if fl.required {
			label += " *"
		}
		lst := s.Label
		if i == f.focus {
			lst = s.Focused
		}
		switch fl.kind {
		case kindText:
			if iw := max(1, inner-lw-1); fl.input.Width() != iw {
				fl.input.SetWidth(iw)
				fl.input.SetCursor(fl.input.Position()) // scrolls the text to the cursor
			}
			in := fl.input.View()
			if fl.input.Value() == "" {
				in = " "
				if i == f.focus {
					in = s.Selected.Reverse(true).Render(" ")
				}
				in += s.Muted.Render(fl.placeholder)
			}
			lines = append(lines, components.Fit(components.Fit(lst.Render(label), lw)+in, inner))
			errLine(fl, lw)
		case kindSelect:
			opt := ""
			if fl.sel >= 0 && fl.sel < len(fl.options) {
				opt = fl.options[fl.sel].label
			}
			val := "< " + opt + " >"
			if i == f.focus {
				val = s.Focused.Render(val)
			} else {
				val = s.Value.Render(val)
			}
			lines = append(lines, components.Fit(components.Fit(lst.Render(label), lw)+val, inner))
			errLine(fl, lw)
		case kindArea:
			head := components.Fit(lst.Render(label), lw)
			if fl.err != "" {
				head += s.Error.Render("! " + fl.err)
			}
			lines = append(lines, components.Fit(head, inner))
			fl.area.SetWidth(inner)
			fl.area.SetHeight(areaH)
			for _, l := range strings.Split(strings.TrimSuffix(fl.area.View(), "\n"), "\n") {
				lines = append(lines, components.Fit(l, inner))
			}
		}
	}
	if len(f.fields) == 0 {
		lines = append(lines, components.Fit(c.Tr("确认对 "+f.number+" "+verb(c, f.action)+"？", "Confirm: "+verb(c, f.action)+" "+f.number+"?"), inner))
	}
	for _, g := range generalLines {
		lines = append(lines, components.Fit(s.Error.Render(g), inner))
	}
	lines = append(lines, components.Fit(f.keysLine(c), inner))
	return s.Dialog.Render(strings.Join(lines, "\n"))
}

func (f *form) keysLine(c *common.Common) string {
	s := c.Styles
	var parts []string
	add := func(k, d string) { parts = append(parts, s.Focused.Render(k)+" "+s.Muted.Render(d)) }
	if f.busy {
		return s.Muted.Render(c.Tr("正在保存...", "saving..."))
	}
	if len(f.fields) > 1 {
		add("tab", c.Tr("下一项", "next"))
	}
	if fl := f.focused(); fl != nil && fl.kind == kindSelect {
		add("left/right", c.Tr("选择", "choose"))
	}
	if f.singleLine() {
		add("enter", c.Tr("提交", "submit"))
	} else {
		add("ctrl+s", c.Tr("提交", "submit"))
	}
	add("esc", c.Tr("取消", "cancel"))
	if f.conflict {
		add("ctrl+r", c.Tr("重新载入", "reload"))
	}
	return strings.Join(parts, "  ")
}

// wrap breaks text into lines of at most width cells (Chinese is two);
// newlines are kept.
func wrap(s string, width int) []string {
	width = max(width, 1)
	var out []string
	for _, para := range strings.Split(s, "\n") {
		if para == "" {
			out = append(out, "")
			continue
		}
		for _, l := range strings.Split(ansi.Wrap(para, width, ""), "\n") {
			if ansi.StringWidth(l) > width {
				l = ansi.Truncate(l, width, "")
			}
			out = append(out, l)
		}
	}
	return out
}
