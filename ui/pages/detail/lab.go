package detail

// The policy's own fields and actions on the case page (the laboratory's
// report number, blind code, testers, re-test result...): shown with the
// policy's labels, asked by the forms of the actions that record them,
// reached by the keys the policy gives (O override, T re-test, V revoke...),
// and kept from the roles that must not see them (policy hide: a tester
// sees the blind code, not who appealed against which report).

import (
	"context"
	"slices"
	"strings"

	"complaintdesk/internal/deadline"
	"complaintdesk/internal/desk"
	"complaintdesk/internal/policy"
	"complaintdesk/internal/safetext"
	"complaintdesk/store"
	"complaintdesk/ui/common"
)

// labLoaded finishes a load for the user: what their role may not see is
// taken out, and the notices of the case to their role are read.
func labLoaded(ctx context.Context, d *desk.Desk, a desk.Actor, lang string, msg *loadedMsg) {
	p := d.Policy()
	if p.Blind(a.Role) {
		msg.cs, msg.events = d.Redact(a.Role, lang, msg.cs, msg.events)
		var clocks []deadline.Clock
		for _, k := range msg.clocks {
			if pc := p.Clock(k.ID); pc != nil && pc.Start == "report_received" && p.Hides(a.Role, "report_received") {
				continue // its start would tell when the customer got the report
			}
			clocks = append(clocks, k)
		}
		msg.clocks = clocks
		if p.Hides(a.Role, "complainant") {
			msg.rel.SamePhone = nil
			msg.sug.Similar = nil
		}
	}
	_ = d.ReadNotices(ctx, a, msg.cs.ID)
}

// reservedKeys are the page's own keys: a policy key among them is ignored.
var reservedKeys = []string{"esc", "up", "down", "k", "j", "pgup", "pgdown", "b", "f", "space", "home", "end", "?", "q", revealKey}

// policyKey is the key the policy gives action, "" when none (or when it
// is one of the page's own keys).
func policyKey(c *common.Common, action string) string {
	k := c.Policy().ActionKey(action)
	if k == "" || actionForKey(k) != "" || slices.Contains(reservedKeys, k) {
		return ""
	}
	return k
}

// policyActionForKey is the action the policy gives key k.
func policyActionForKey(c *common.Common, k string) string {
	a := c.Policy().ActionForKey(k)
	if a == "" || policyKey(c, a) != k {
		return ""
	}
	return a
}

// keyOf is an action's key on the page: the desk's, else the policy's.
func keyOf(c *common.Common, action string) string {
	for _, ak := range actionKeys {
		if ak.action == action {
			return ak.key
		}
	}
	return policyKey(c, action)
}

// policyKeyed are the actions among offered with a policy key, in policy order.
func policyKeyed(c *common.Common, offered []string) []string {
	var out []string
	for _, a := range offered {
		if !keyedAction(a) && policyKey(c, a) != "" {
			out = append(out, a)
		}
	}
	return out
}

// addPolicyFields puts the policy fields the action records into its
// form, before the form's trailing note.
func addPolicyFields(c *common.Common, cs *store.Case, f *form) {
	p := c.Policy()
	tr, err := p.TransitionFor(f.action, cs.Status, c.Actor.Role, cs.Grade)
	if err != nil {
		return
	}
	var add []*field
	for _, id := range p.ActionFields(tr) {
		if f.field(id) != nil {
			continue
		}
		fd := p.Field(id)
		cur := cs.Fields[id]
		show := policyFieldInput(p, fd, cur, c)
		send := show
		if cur == "" {
			switch {
			case fd.DefaultFrom != "" && cs.Fields[fd.DefaultFrom] != "":
				show = policyFieldInput(p, fd, cs.Fields[fd.DefaultFrom], c)
			case fd.Default != "":
				show = fd.Default
			}
			send = "" // a default is sent as typed
		}
		label := safetext.Line(fd.In(c.Lang))
		hint := safetext.Line(fd.Hint.In(c.Lang))
		required := slices.Contains(tr.Require, id)
		var fl *field
		switch fd.KindOrText() {
		case "area":
			fl = &field{name: id, label: label, kind: kindArea, required: required, area: newTextArea(c, hint, safetext.Text(show)), prefill: send}
		case "choice":
			opts := []option{{"", c.Tr("（请选择）", "(choose)")}}
			sel := 0
			for _, o := range fd.Options {
				if o.ID == cur {
					sel = len(opts)
				}
				opts = append(opts, option{o.ID, safetext.Line(o.In(c.Lang))})
			}
			fl = &field{name: id, label: label, kind: kindSelect, required: required, options: opts, sel: sel, prefill: cur}
		default:
			if hint == "" && fd.KindOrText() == "date" {
				hint = "2026-11-10"
			}
			fl = &field{name: id, label: label, kind: kindText, required: required, input: newTextInput(c, safetext.Line(show)), prefill: send, placeholder: hint}
		}
		add = append(add, fl)
	}
	if len(add) == 0 {
		return
	}
	at := len(f.fields)
	if n := len(f.fields); n > 0 && f.fields[n-1].name == "note" {
		at = n - 1
	}
	f.fields = slices.Insert(f.fields, at, add...)
}

// policyFieldInput is a stored value as it is typed back: a date as its
// day, users comma separated.
func policyFieldInput(p *policy.Policy, fd *policy.FieldDef, v string, c *common.Common) string {
	switch fd.KindOrText() {
	case "date":
		return p.FieldText(fd.ID, v, c.Lang, c.Loc())
	case "users":
		return strings.ReplaceAll(v, ",", ", ")
	}
	return v
}

// collectPolicyFields puts the form's policy fields into the action.
func collectPolicyFields(c *common.Common, f *form, act *desk.Action) {
	for _, fl := range f.fields {
		if c.Policy().Field(fl.name) == nil {
			continue
		}
		v := fl.changed()
		if fl.kind == kindSelect {
			v = fl.value()
			if v == fl.prefill {
				v = ""
			}
		}
		if v == "" {
			continue
		}
		if act.Fields == nil {
			act.Fields = map[string]string{}
		}
		act.Fields[fl.name] = v
	}
}

// labBlocks are the case's policy fields, in the policy's order, with the
// policy's labels (the register's names).
func (m *Model) labBlocks() []block {
	c, cs := m.c, m.cs
	p := c.Policy()
	var out []block
	for _, fd := range p.Fields {
		v := cs.Fields[fd.ID]
		if v == "" {
			continue
		}
		text := p.FieldText(fd.ID, v, c.Lang, c.Loc())
		if fd.KindOrText() == "area" {
			text = safetext.Text(text)
		} else {
			text = safetext.Line(text)
		}
		out = append(out, block{safetext.Line(fd.In(c.Lang)), text})
	}
	return out
}

// labTitleParts are the header's policy facts: the short fields intake
// requires for the case's nature (an appeal's report and its date).
func (m *Model) labTitleParts() []string {
	c, cs := m.c, m.cs
	p := c.Policy()
	var out []string
	for _, fd := range p.IntakeFields(cs.Nature) {
		v := cs.Fields[fd.ID]
		if !fd.Required || v == "" || fd.KindOrText() == "area" {
			continue
		}
		out = append(out, m.pair(safetext.Line(fd.In(c.Lang)), safetext.Line(p.FieldText(fd.ID, v, c.Lang, c.Loc()))))
	}
	return out
}

// subjectIsField: the case's subject is a policy field's value (an
// appeal's report number), shown under the field's own name.
func (m *Model) subjectIsField() bool {
	for _, fd := range m.c.Policy().IntakeFields(m.cs.Nature) {
		if fd.Subject && m.cs.Fields[fd.ID] == m.cs.Subject {
			return true
		}
	}
	return false
}

// lateMark is the header's mark of a late case (a late rule's clock breached).
func (m *Model) lateMark() []string {
	c, cs := m.c, m.cs
	if len(desk.LateClocks(cs)) == 0 {
		return nil
	}
	text := c.Tr("逾期：", "late: ") + safetext.Line(c.Policy().FieldText(policy.LateField, cs.Fields[policy.LateField], c.Lang, c.Loc()))
	for _, pc := range c.Policy().Clocks {
		for _, f := range pc.LateRequires {
			if cs.Fields[f] != "" {
				text += c.Tr("（已批准受理）", " (accepted by override)")
				return []string{c.Styles.Warn.Render(text)}
			}
		}
	}
	return []string{c.Styles.Breach.Render(text)}
}
