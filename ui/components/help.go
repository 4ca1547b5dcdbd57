package components

import (
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"complaintdesk/internal/memo"
	"complaintdesk/ui/keys"
	"complaintdesk/ui/styles"
	"complaintdesk/ui/text"
)

// Help columns are at least helpMinColumn cells wide and at most
// helpMaxColumn (wider is hard to read), helpGap apart.
const (
	helpMinColumn = 36
	helpMaxColumn = 60
	helpGap       = 2
	helpKeyColumn = 6 // a longer key label pushes its text along
)

// Help draws a page's keys for `?`: each group under its title, a line per
// binding (its key, what it does), an unavailable binding greyed with its
// reason beside it or, when that does not fit, under it. The groups flow
// into as few columns as fit in height (as many as width holds when none
// do); a long group goes on in the next column under its title again.
// When even that is taller than height, the help comes in screenfuls of
// height-1 lines (the caller keeps a line to say there is more, and
// scrolls by a screenful), each screenful's columns read before the next.
func Help(s *styles.Styles, lang string, bs []keys.Binding, width, height int) []string {
	if width <= 0 || len(bs) == 0 {
		return nil
	}
	groups := map[keys.Group][]keys.Binding{}
	var order []keys.Group
	for _, b := range bs {
		if _, ok := groups[b.Group]; !ok {
			order = append(order, b.Group)
		}
		groups[b.Group] = append(groups[b.Group], b)
	}
	slices.Sort(order)
	kw := 0
	for _, b := range bs {
		kw = max(kw, ansi.StringWidth(b.Label))
	}
	kw = min(kw, helpKeyColumn)

	most := max(1, min(len(order), (width+helpGap)/(helpMinColumn+helpGap)))
	least := min(most, max(1, (width+helpMaxColumn-1)/helpMaxColumn))
	blocksIn := func(n int) ([][][]string, int) {
		colW := (width - helpGap*(n-1)) / n
		blocks := make([][][]string, len(order))
		for i, g := range order {
			blocks[i] = helpBlock(s, lang, g, groups[g], colW, kw)
		}
		return blocks, colW
	}
	for _, split := range []bool{false, true} {
		for n := least; n <= most; n++ {
			blocks, colW := blocksIn(n)
			if columns := flow(blocks, n, split); tallest(columns) <= height {
				return side(columns, colW)
			}
		}
	}
	blocks, colW := blocksIn(most)
	screen := max(1, height-1)
	columns := pack(blocks, screen, true)
	var out []string
	for i := 0; i < len(columns); i += most {
		out = append(out, side(columns[i:min(len(columns), i+most)], colW)...)
		for len(out)%screen != 0 { // a screenful ends where the next begins
			out = append(out, "")
		}
	}
	return out
}

// side sets columns of colW cells side by side, helpGap apart.
func side(columns [][]string, colW int) []string {
	out := make([]string, tallest(columns))
	for r := range out {
		var line strings.Builder
		for i, c := range columns {
			cell := ""
			if r < len(c) {
				cell = c[r]
			}
			if i > 0 {
				line.WriteString(strings.Repeat(" ", helpGap))
			}
			line.WriteString(Fit(cell, colW))
		}
		out[r] = strings.TrimRight(line.String(), " ")
	}
	return out
}

func tallest(columns [][]string) int {
	n := 0
	for _, c := range columns {
		n = max(n, len(c))
	}
	return n
}

// helpBlock is one group: its title, then each binding's lines (a
// binding is never split across columns).
func helpBlock(s *styles.Styles, lang string, g keys.Group, bs []keys.Binding, w, kw int) [][]string {
	out := [][]string{{s.Header.Render(ansi.Truncate(g.Title().In(lang), w, "~"))}}
	for _, b := range bs {
		lw := max(kw, ansi.StringWidth(b.Label))
		textW := max(4, w-2-lw-1)
		indent := strings.Repeat(" ", 2+lw+1)
		label, help := Fit(b.Label, lw), b.Help.In(lang)
		why := b.Reason()
		var item []string
		switch {
		case why == "":
			lines := Wrap(help, textW)
			item = append(item, "  "+s.Focused.Render(label)+" "+s.Value.Render(lines[0]))
			for _, l := range lines[1:] {
				item = append(item, indent+s.Value.Render(l))
			}
		case ansi.StringWidth(help)+ansi.StringWidth(text.Keys.Unavailable.F(lang, why)) <= textW:
			item = append(item, s.Muted.Render("  "+label+" "+help+text.Keys.Unavailable.F(lang, why)))
		default:
			lines := append(Wrap(help, textW), Wrap(strings.TrimSpace(text.Keys.Unavailable.F(lang, why)), textW)...)
			item = append(item, s.Muted.Render("  "+label+" "+lines[0]))
			for _, l := range lines[1:] {
				item = append(item, s.Muted.Render(indent+l))
			}
		}
		out = append(out, item)
	}
	return out
}

// flow puts the blocks, in order, into at most n columns as evenly as it
// can, a blank line between blocks. A block is split only when split is
// set, between its items, its title repeated at the top of the next column.
func flow(blocks [][][]string, n int, split bool) [][]string {
	total, tallest := 0, 0
	for _, b := range blocks {
		size := 0
		for _, it := range b {
			size += len(it)
			if split {
				tallest = max(tallest, len(b[0])+len(it))
			}
		}
		total += size + 1
		if !split {
			tallest = max(tallest, size)
		}
	}
	for height := max(tallest, (total+n-1)/n); ; height++ {
		if cols := pack(blocks, height, split); len(cols) <= n {
			return cols
		}
	}
}

// pack fills columns of height lines with the blocks in order.
func pack(blocks [][][]string, height int, split bool) [][]string {
	var cols [][]string
	var cur []string
	for _, b := range blocks {
		title, items := b[0], b[1:]
		need := len(title)
		if len(items) > 0 {
			need += len(items[0])
		}
		if !split {
			need = 0
			for _, it := range b {
				need += len(it)
			}
		}
		if len(cur) > 0 {
			need++
		}
		if len(cur) > 0 && len(cur)+need > height {
			cols = append(cols, cur)
			cur = nil
		}
		if len(cur) > 0 {
			cur = append(cur, "")
		}
		cur = append(cur, title...)
		for i, it := range items {
			if split && i > 0 && len(cur)+len(it) > height {
				cols = append(cols, cur)
				cur = append([]string(nil), title...)
			}
			cur = append(cur, it...)
		}
	}
	return append(cols, cur)
}

// ShortHelp is the footer: the bindings that work now, "key what" each,
// as many as fit in width.
func ShortHelp(s *styles.Styles, lang string, bs []keys.Binding, width int) string {
	used := 0
	var items []shortItem
	for _, k := range bs {
		if k.Reason() != "" {
			continue
		}
		help := k.Help.In(lang)
		w := ansi.StringWidth(k.Label + " " + help)
		if used > 0 {
			w += 2
		}
		if used+w > width {
			break
		}
		items = append(items, shortItem{k.Label, help})
		used += w
	}
	// Drawn every frame of every session, the same few footers: each is
	// rendered once per set of styles.
	return shortHelps.Do(shortKey{s, shortItems(items)}, func() string {
		var b strings.Builder
		for i, it := range items {
			if i > 0 {
				b.WriteString("  ")
			}
			b.WriteString(s.Focused.Render(it.label) + " " + s.Help.Render(it.help))
		}
		return b.String()
	})
}

type shortItem struct{ label, help string }

func shortItems(items []shortItem) string {
	var b strings.Builder
	for _, it := range items {
		b.WriteString(it.label + "\x00" + it.help + "\x00")
	}
	return b.String()
}

type shortKey struct {
	styles *styles.Styles
	items  string
}

// shortHelps are the footers drawn (a few per page and set of styles).
var shortHelps = memo.Map[shortKey, string]{Max: 2048}
