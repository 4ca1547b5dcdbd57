package actions

import (
	"strings"
	"time"

	"complaintdesk/internal/policy"
	"complaintdesk/store"
)

// A step with a written reply offers the policy's reply templates
// (policy [[template]]): picked, the template fills the reply from the case,
// and the user edits it before it is sent.

// templateField is the template picker of a step's reply.
func templateField(step string) Field {
	return Field{ID: "template", Kind: Choice, Label: L{ZH: "答复模板", EN: "Reply template"},
		Hint: L{ZH: "选用后可修改答复", EN: "pick one, then edit the reply"}, First: L{ZH: "（不用模板）", EN: "(none)"},
		Options: func(p *policy.Policy, c *store.Case) []Option {
			types, _ := ResolutionTypes(c)
			var out []Option
			for _, t := range p.TemplatesFor(step, c.Category, types) {
				out = append(out, Option{t.ID, t.Label})
			}
			return out
		},
		Ask: func(p *policy.Policy, c *store.Case) bool {
			types, _ := ResolutionTypes(c)
			return len(p.TemplatesFor(step, c.Category, types)) > 0
		},
		bind: str(func(in *Input) *string { return &in.Template })}
}

// FillTemplate puts the picked template, filled from the case as the step
// left it, into the reply, unless the user wrote one; a template the
// policy does not offer for the step is a problem.
func FillTemplate(p *policy.Policy, c *store.Case, in *Input, loc *time.Location) *Problem {
	id := trim(in.Template)
	if id == "" {
		return nil
	}
	t := p.Template(id)
	if t == nil || !contains(t.Steps, in.Name) {
		return &Problem{Field: "template", ZH: "没有适用于此操作的答复模板「" + id + "」", EN: "no reply template " + id + " for this step"}
	}
	if trim(in.Reply) == "" {
		in.Reply = RenderTemplate(p, t, c, in, loc, "zh")
		c.Reply = in.Reply
	}
	return nil
}

// RenderTemplate fills a template's text in lang (its other language when
// it has none in lang) from the case and the step's input.
func RenderTemplate(p *policy.Policy, t *policy.Template, c *store.Case, in *Input, loc *time.Location, lang string) string {
	tm := func(x time.Time) string {
		if x.IsZero() {
			return ""
		}
		return x.In(loc).Format(TimeLayout)
	}
	resolution := trim(in.Resolution)
	if resolution == "" {
		resolution = c.Resolution
	}
	amount := c.Fields["amount"]
	if a := trim(in.Amount); a != "" {
		amount = a
	}
	r := strings.NewReplacer(
		"{name}", c.Primary().Name, "{number}", c.Number, "{received}", tm(c.ReceivedAt),
		"{expected}", tm(c.ExpectedBy), "{deadline}", tm(c.NextDue), "{amount}", amount,
		"{resolution}", resolution, "{category}", p.CategoryPath(c.Category, lang))
	return r.Replace(t.Text.In(lang))
}
