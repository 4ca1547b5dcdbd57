package cli

import (
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"complaintdesk/internal/safetext"
)

// writeAligned prints rows as columns padded by display width, so Chinese
// (two cells a character) lines up.
func writeAligned(w io.Writer, rows [][]string) error {
	var widths []int
	for _, r := range rows {
		for i, cell := range r {
			cell = safetext.Line(cell)
			r[i] = cell
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			if n := ansi.StringWidth(cell); n > widths[i] {
				widths[i] = n
			}
		}
	}
	var b strings.Builder
	for _, r := range rows {
		b.Reset()
		for i, cell := range r {
			b.WriteString(cell)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-ansi.StringWidth(cell)+2))
			}
		}
		b.WriteByte('\n')
		if _, err := io.WriteString(w, b.String()); err != nil {
			return err
		}
	}
	return nil
}

// padCells pads s with spaces to w display cells (Chinese is two a
// character); a longer s is left as it is.
func padCells(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}
