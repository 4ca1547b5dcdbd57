package detail

// The policy's own fields and actions on the case page (the laboratory's
// report number, blind code, testers, re-test result...): shown with the
// policy's labels, asked by the forms of the actions that record them,
// reached by the keys the policy gives (O override, T re-test, V revoke...),
// and kept from the roles that must not see them (policy hide: a tester
// sees the blind code, not who appealed against which report).

import (
	"complaintdesk/internal/desk"
	"complaintdesk/internal/policy"
	"complaintdesk/internal/safetext"
	"complaintdesk/ui/text"
)

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
		shown := p.FieldText(fd.ID, v, c.Lang, c.Loc())
		if fd.KindOrText() == "area" {
			shown = safetext.Text(shown)
		} else {
			shown = safetext.Line(shown)
		}
		out = append(out, block{safetext.Line(fd.In(c.Lang)), shown})
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
	late := c.F(text.Detail.Late, safetext.Line(c.Policy().FieldText(policy.LateField, cs.Fields[policy.LateField], c.Lang, c.Loc())))
	for _, pc := range c.Policy().Clocks {
		for _, f := range pc.LateRequires {
			if cs.Fields[f] != "" {
				late += c.T(text.Detail.AcceptedByOverride)
				return []string{c.Styles.Warn.Render(late)}
			}
		}
	}
	return []string{c.Styles.Breach.Render(late)}
}
