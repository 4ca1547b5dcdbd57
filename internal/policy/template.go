package policy

import (
	"slices"
	"strings"
)

// Template is a reply the policy offers for a step's written reply (the
// reply to the customer, the polite explanation of a rejection): picked,
// then edited. Its text has placeholders the desk fills from the case:
// {name} {number} {received} {expected} {deadline} {amount} {resolution}
// {category}.
type Template struct {
	ID string `toml:"id"`
	Label
	// Steps are the steps whose reply it fills (resolve, reject, close…).
	Steps []string `toml:"steps"`
	// Categories and ResolutionTypes narrow it (a category covers its
	// children); empty: any.
	Categories      []string `toml:"categories"`
	ResolutionTypes []string `toml:"resolution_types"`
	Text            Label    `toml:"text"`
}

// Placeholders are the names a template's text may use.
var Placeholders = []string{"name", "number", "received", "expected", "deadline", "amount", "resolution", "category"}

// TemplatesFor lists the templates for a step on a case of category with
// the resolution types.
func (p *Policy) TemplatesFor(step, category string, types []string) []Template {
	var out []Template
	for _, t := range p.Templates {
		if !contains(t.Steps, step) {
			continue
		}
		if len(t.Categories) > 0 && !slices.ContainsFunc(t.Categories, func(c string) bool {
			return category == c || strings.HasPrefix(category, c+".")
		}) {
			continue
		}
		if len(t.ResolutionTypes) > 0 && len(types) > 0 && !slices.ContainsFunc(types, func(rt string) bool { return contains(t.ResolutionTypes, rt) }) {
			continue
		}
		out = append(out, t)
	}
	return out
}

// Template returns the template with id, or nil.
func (p *Policy) Template(id string) *Template {
	for i := range p.Templates {
		if p.Templates[i].ID == id {
			return &p.Templates[i]
		}
	}
	return nil
}

// templates checks the [[template]] entries.
func (c *checker) templates() {
	p := c.p
	seen := map[string]bool{}
	for i, t := range p.Templates {
		lineOf := func(key string) int { return c.idx.at("template", i, key, "id", t.ID) }
		if t.ID == "" || seen[t.ID] {
			c.add(lineOf("id"), "template %d: give each template its own id", i+1)
		}
		seen[t.ID] = true
		if t.Text.ZH == "" && t.Text.EN == "" {
			c.add(lineOf("text"), "template %q has no text", t.ID)
		}
		for _, s := range t.Steps {
			if !p.hasAction(s) {
				c.add(lineOf("steps"), "template %q: step %q is not an action of any transition", t.ID, s)
			}
		}
		for _, cat := range t.Categories {
			if p.Category(cat) == nil {
				c.add(lineOf("categories"), "template %q: category %q is not a category", t.ID, cat)
			}
		}
		for _, rt := range t.ResolutionTypes {
			if p.ResolutionType(rt) == nil {
				c.add(lineOf("resolution_types"), "template %q: resolution type %q is not one", t.ID, rt)
			}
		}
		for _, text := range []string{t.Text.ZH, t.Text.EN} {
			for _, ph := range placeholdersIn(text) {
				if !contains(Placeholders, ph) {
					c.add(lineOf("text"), "template %q: {%s} is not a placeholder (%s)", t.ID, ph, strings.Join(Placeholders, ", "))
				}
			}
		}
	}
}

// placeholdersIn lists the {names} of a text.
func placeholdersIn(s string) []string {
	var out []string
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return out
		}
		out = append(out, s[i+1:i+j])
		s = s[i+j+1:]
	}
}
