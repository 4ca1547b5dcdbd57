package detail

import (
	"strconv"
	"strings"

	"complaintdesk/internal/desk/actions"
	"complaintdesk/internal/safetext"
	"complaintdesk/store"
	"complaintdesk/ui/common"
	"complaintdesk/ui/components"
	"complaintdesk/ui/text"
)

// A reply template is picked on the form, then edited: picking one fills
// the written reply from the case and what the form holds (the resolution,
// the ticked types' amounts), in Chinese or in English. The templates
// offered follow the form's category and ticked resolution types.

// enSuffix marks the English version of a template among the picker's options.
const enSuffix = "|en"

// templateID is the policy's id of a picked option.
func templateID(v string) string { return strings.TrimSuffix(v, enSuffix) }

// formCase is the case as the form would leave it: its category and
// resolution types, for the templates it offers and fills.
func (f *form) formCase(cs *store.Case) *store.Case {
	cp := *cs
	cp.Fields = map[string]string{}
	for k, v := range cs.Fields {
		cp.Fields[k] = v
	}
	if fl := f.field(actions.Category.ID); fl != nil && fl.value() != "" {
		cp.Category = fl.value()
	}
	if fl := f.field(actions.ResolutionType.ID); fl != nil && fl.kind == kindTicks {
		var ids, amounts []string
		total, any := 0.0, false
		for _, part := range strings.Split(fl.value(), ",") {
			id, amt, _ := strings.Cut(part, "=")
			if id == "" {
				continue
			}
			ids = append(ids, id)
			if v, err := strconv.ParseFloat(amt, 64); err == nil {
				amounts = append(amounts, part)
				total, any = total+v, true
			}
		}
		cp.Fields["resolution_type"] = strings.Join(ids, ",")
		cp.Fields["amounts"] = strings.Join(amounts, ",")
		if any {
			cp.Fields["amount"] = strconv.FormatFloat(total, 'f', 2, 64)
		}
	}
	return &cp
}

// templateOptions are the templates the form offers now, each in Chinese
// and, when it has one, in English.
func templateOptions(c *common.Common, f *form, cs *store.Case) []components.PickOption {
	fl := f.field("template")
	if fl == nil || fl.def.Options == nil {
		return nil
	}
	p := c.Policy()
	out := []components.PickOption{{Label: c.Label(fl.def.First)}}
	for _, o := range fl.def.Options(p, f.formCase(cs)) {
		label := safetext.Line(c.Label(o.Label))
		t := p.Template(o.ID)
		if t == nil || t.Text.EN == "" || t.Text.ZH == "" { // in one language: no need to say which
			out = append(out, components.PickOption{ID: o.ID, Label: label})
			continue
		}
		out = append(out, components.PickOption{ID: o.ID, Label: label + c.T(text.Detail.TemplateZH)},
			components.PickOption{ID: o.ID + enSuffix, Label: label + c.T(text.Detail.TemplateEN)})
	}
	return out
}

// followTemplate keeps the template picker's options in step with the
// form and, when another template was picked, fills the reply with it
// unless the reply was written by hand since the last fill.
func (m *Model) followTemplate() {
	f := m.form
	if f == nil || m.cs == nil {
		return
	}
	fl, reply := f.field("template"), f.field(actions.Reply.ID)
	if fl == nil || reply == nil || fl.kind != kindSelect {
		return
	}
	c := m.c
	if fl != f.focused() || !fl.pick.Filtering() {
		fl.pick.SetOptions(templateOptions(c, f, m.cs))
	}
	picked := fl.value()
	if picked == f.template {
		return
	}
	f.template = picked
	t := c.Policy().Template(templateID(picked))
	if t == nil {
		return
	}
	cur := reply.value()
	if strings.TrimSpace(cur) != "" && cur != f.filled {
		f.notice = c.T(text.Detail.TemplateKept)
		return
	}
	lang := "zh"
	if strings.HasSuffix(picked, enSuffix) {
		lang = "en"
	}
	cs := f.formCase(m.cs)
	in := &actions.Input{Name: f.action, Amount: cs.Fields["amount"]}
	if r := f.field(actions.Resolution.ID); r != nil {
		in.Resolution = r.value()
	}
	f.filled = safetext.Text(actions.RenderTemplate(c.Policy(), t, cs, in, c.Loc(), lang))
	reply.area.SetValue(f.filled)
	f.notice = ""
}
