package components

import (
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"

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
// do); the lines are returned whole, and the caller scrolls when there
// are more than height.
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
	var columns [][]string
	var colW int
	for n := least; n <= most; n++ {
		colW = (width - helpGap*(n-1)) / n
		blocks := make([][]string, len(order))
		for i, g := range order {
			blocks[i] = helpBlock(s, lang, g, groups[g], colW, kw)
		}
		columns = flow(blocks, n)
		if tallest(columns) <= height {
			break
		}
	}
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

// helpBlock is one group: its title and its bindings.
func helpBlock(s *styles.Styles, lang string, g keys.Group, bs []keys.Binding, w, kw int) []string {
	out := []string{s.Header.Render(ansi.Truncate(g.Title().In(lang), w, "~"))}
	for _, b := range bs {
		lw := max(kw, ansi.StringWidth(b.Label))
		textW := max(4, w-2-lw-1)
		indent := strings.Repeat(" ", 2+lw+1)
		label, help := Fit(b.Label, lw), b.Help.In(lang)
		why := b.Reason()
		if why == "" {
			lines := wrapCells(help, textW)
			out = append(out, "  "+s.Focused.Render(label)+" "+s.Value.Render(lines[0]))
			for _, l := range lines[1:] {
				out = append(out, indent+s.Value.Render(l))
			}
			continue
		}
		why = text.Keys.Unavailable.F(lang, why)
		if ansi.StringWidth(help)+ansi.StringWidth(why) <= textW {
			out = append(out, s.Muted.Render("  "+label+" "+help+why))
			continue
		}
		lines := append(wrapCells(help, textW), wrapCells(strings.TrimSpace(why), textW)...)
		out = append(out, s.Muted.Render("  "+label+" "+lines[0]))
		for _, l := range lines[1:] {
			out = append(out, s.Muted.Render(indent+l))
		}
	}
	return out
}

// wrapCells breaks s into lines of at most w cells (at spaces when it can).
func wrapCells(s string, w int) []string {
	return strings.Split(ansi.Wrap(s, w, ""), "\n")
}

// flow puts the blocks, in order, into at most n columns as evenly as it
// can without splitting a block, a blank line between blocks.
func flow(blocks [][]string, n int) [][]string {
	total, tallest := 0, 0
	for _, b := range blocks {
		total += len(b) + 1
		tallest = max(tallest, len(b))
	}
	for height := max(tallest, (total+n-1)/n); ; height++ {
		var cols [][]string
		var cur []string
		for _, b := range blocks {
			need := len(b)
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
			cur = append(cur, b...)
		}
		cols = append(cols, cur)
		if len(cols) <= n {
			return cols
		}
	}
}

// ShortHelp is the footer: the bindings that work now, "key what" each,
// as many as fit in width.
func ShortHelp(s *styles.Styles, lang string, bs []keys.Binding, width int) string {
	var b strings.Builder
	used := 0
	for _, k := range bs {
		if k.Reason() != "" {
			continue
		}
		item := k.Label + " " + k.Help.In(lang)
		w := ansi.StringWidth(item)
		if used > 0 {
			w += 2
		}
		if used+w > width {
			break
		}
		if used > 0 {
			b.WriteString("  ")
		}
		b.WriteString(s.Focused.Render(k.Label) + " " + s.Help.Render(k.Help.In(lang)))
		used += w
	}
	return b.String()
}
