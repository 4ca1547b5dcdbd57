package components

import (
	"sort"
	"strings"
	"unicode"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"complaintdesk/internal/safetext"
	"complaintdesk/ui/styles"
	"complaintdesk/ui/text"
)

// PickOption is one value a picker offers.
type PickOption struct {
	ID    string
	Label string // what is shown and searched
	Note  string // shown muted after the label (a handler's counts), not searched
}

// Picker chooses one value of a list: ←/→ step through it, and typing
// narrows it to the options whose label or id contains what was typed, or
// whose pinyin initials do ("sb" finds 设备管理类); ↑/↓ move among the
// matches, enter or tab keeps the highlighted one, esc stops filtering.
// The highlighted match is the value at once, so moving on keeps it.
type Picker struct {
	opts  []PickOption
	sel   int // the chosen option, -1 for none
	query string
	hits  []int // the options matching query, best first
	at    int   // the highlighted hit
}

// hintFrom is the number of options from which a focused picker says
// that typing filters.
const hintFrom = 4

// NewPicker offers opts with id chosen (none when no option has it).
func NewPicker(opts []PickOption, id string) Picker {
	p := Picker{sel: -1}
	p.SetOptions(opts)
	p.Select(id)
	return p
}

// SetOptions replaces the options, keeping the chosen value when it is
// still offered.
func (p *Picker) SetOptions(opts []PickOption) {
	id, had := p.Value(), p.sel >= 0
	p.opts = opts
	p.sel = -1
	if had {
		p.Select(id)
	}
	if p.query != "" {
		p.filter()
	}
}

// Options are what the picker offers.
func (p *Picker) Options() []PickOption { return p.opts }

// Select chooses the option with id; false (and nothing chosen) when
// there is none.
func (p *Picker) Select(id string) bool {
	for i, o := range p.opts {
		if o.ID == id {
			p.sel = i
			return true
		}
	}
	p.sel = -1
	return false
}

// Value is the chosen option's id ("" when none).
func (p *Picker) Value() string {
	if p.sel >= 0 && p.sel < len(p.opts) {
		return p.opts[p.sel].ID
	}
	return ""
}

// Label is the chosen option's label ("" when none).
func (p *Picker) Label() string {
	if p.sel >= 0 && p.sel < len(p.opts) {
		return p.opts[p.sel].Label
	}
	return ""
}

// note is the chosen option's note.
func (p *Picker) note() string {
	if p.sel >= 0 && p.sel < len(p.opts) {
		return safetext.Line(p.opts[p.sel].Note)
	}
	return ""
}

// Filtering: something was typed and the matches are shown.
func (p *Picker) Filtering() bool { return p.query != "" }

// Done stops filtering, keeping the chosen value (when the field loses focus).
func (p *Picker) Done() { p.query, p.hits, p.at = "", nil, 0 }

// Step moves the choice by delta through all options (or through the
// matches while filtering), wrapping around.
func (p *Picker) Step(delta int) {
	if p.query != "" {
		if len(p.hits) == 0 {
			return
		}
		p.at = ((p.at+delta)%len(p.hits) + len(p.hits)) % len(p.hits)
		p.sel = p.hits[p.at]
		return
	}
	n := len(p.opts)
	if n == 0 {
		return
	}
	i := p.sel
	if i < 0 && delta < 0 {
		i = 0
	}
	p.sel = ((i+delta)%n + n) % n
}

// Type adds typed text to the filter.
func (p *Picker) Type(s string) {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
	if strings.TrimSpace(s) == "" && p.query == "" {
		return
	}
	p.query += s
	p.filter()
}

// Update handles a key; false when the picker has no use for it (tab,
// ctrl+s, esc while not filtering...), which the form then handles.
func (p *Picker) Update(k tea.KeyPressMsg) bool {
	switch k.String() {
	case "left":
		p.Step(-1)
	case "right":
		p.Step(1)
	case "space":
		if p.query == "" {
			p.Step(1)
		} else {
			p.Type(" ")
		}
	case "up":
		if p.query == "" {
			return false
		}
		p.Step(-1)
	case "down":
		if p.query == "" {
			return false
		}
		p.Step(1)
	case "home":
		if p.query == "" && len(p.opts) > 0 {
			p.sel = 0
		}
	case "end":
		if p.query == "" && len(p.opts) > 0 {
			p.sel = len(p.opts) - 1
		}
	case "enter", "esc":
		if p.query == "" {
			return false
		}
		p.Done()
	case "backspace":
		if p.query == "" {
			return false
		}
		r := []rune(p.query)
		p.query = string(r[:len(r)-1])
		if p.query == "" {
			p.Done()
		} else {
			p.filter()
		}
	default:
		if k.Text == "" || k.Mod&(tea.ModCtrl|tea.ModAlt) != 0 {
			return false
		}
		p.Type(k.Text)
	}
	return true
}

// filter finds the matches of the query, best first: the id, label or
// initials starting with it, then containing it; the first one is chosen.
func (p *Picker) filter() {
	q := strings.ToLower(strings.TrimSpace(p.query))
	type hit struct{ i, rank int }
	var hs []hit
	for i, o := range p.opts {
		if r := matchRank(o, q); r >= 0 {
			hs = append(hs, hit{i, r})
		}
	}
	sort.SliceStable(hs, func(a, b int) bool { return hs[a].rank < hs[b].rank })
	p.hits, p.at = p.hits[:0], 0
	for _, h := range hs {
		p.hits = append(p.hits, h.i)
	}
	if len(p.hits) > 0 {
		p.sel = p.hits[0]
	}
}

// matchRank is how well o matches q (lower is better), -1 for not at all:
// the id or label starting with q, the label containing it, a part of the
// label ("产品质量 / 包装破损" has two) whose initials start with it, the id
// or the initials containing it.
func matchRank(o PickOption, q string) int {
	if q == "" {
		return 0
	}
	label, id := strings.ToLower(o.Label), strings.ToLower(o.ID)
	switch {
	case strings.HasPrefix(id, q) || strings.HasPrefix(label, q):
		return 0
	case strings.Contains(label, q):
		return 1
	}
	for _, part := range strings.FieldsFunc(o.Label, labelSep) {
		if strings.HasPrefix(Initials(part), q) {
			return 2
		}
	}
	if strings.Contains(id, q) || strings.Contains(Initials(o.Label), q) {
		return 3
	}
	return -1
}

// labelSep splits a label into the parts its initials are matched from.
func labelSep(r rune) bool { return r == '/' || r == ' ' || r == '、' || r == '，' }

// View is the picker in w cells: one line with the chosen value, and while
// filtering, the filter and up to rows matches under it.
func (p *Picker) View(st *styles.Styles, lang string, w int, focused bool, rows int) []string {
	w = max(w, 4)
	label := safetext.Line(p.Label())
	if !focused {
		return []string{st.Value.Render(Fit(label, w))}
	}
	if p.query == "" {
		line := st.Focused.Render("< " + Fit(label, max(1, min(ansi.StringWidth(label), w-4))) + " >")
		rest := w - ansi.StringWidth(line) - 2
		if note := p.note(); note != "" && rest > 4 {
			if ansi.StringWidth(note) > rest {
				note = Fit(note, rest)
			}
			line += "  " + st.Muted.Render(note)
			rest -= ansi.StringWidth(note) + 2
		}
		// the hint only where there is a list worth filtering (not yes / no)
		if hint := text.Form.PickHint.In(lang); len(p.opts) > hintFrom && rest >= ansi.StringWidth(hint) {
			line += "  " + st.Muted.Render(hint)
		}
		return []string{line}
	}
	out := []string{st.Focused.Render(Fit(text.Form.PickFilter.F(lang, safetext.Line(p.query)), w))}
	if len(p.hits) == 0 {
		return append(out, st.Error.Render(Fit(text.Form.PickNone.In(lang), w)))
	}
	rows = max(1, rows)
	from := 0
	if p.at >= rows {
		from = p.at - rows + 1
	}
	to := min(len(p.hits), from+rows)
	for j := from; j < to; j++ {
		o := p.opts[p.hits[j]]
		item := safetext.Line(o.Label)
		if o.Note != "" {
			item += "  " + st.Muted.Render(safetext.Line(o.Note))
		}
		if j == p.at {
			out = append(out, st.Focused.Render("> ")+st.Selected.Render(Fit(item, w-2)))
		} else {
			out = append(out, "  "+Fit(item, w-2))
		}
	}
	if more := len(p.hits) - (to - from); more > 0 {
		out = append(out, st.Muted.Render(Fit(text.Form.PickMore.F(lang, more), w)))
	}
	return out
}
