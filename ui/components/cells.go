package components

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Fit truncates s to width display cells (Chinese characters are two) and
// pads it with spaces to exactly width. A cut is marked with "~" (ASCII:
// "…" is one cell on some terminals and two on others), never splitting a
// wide character.
func Fit(s string, width int) string {
	if width <= 0 {
		return ""
	}
	w := ansi.StringWidth(s)
	if w > width {
		s = ansi.Truncate(s, width, "~")
		w = ansi.StringWidth(s)
	}
	if w < width {
		s += strings.Repeat(" ", width-w)
	}
	return s
}

// FitRight is Fit aligned to the right.
func FitRight(s string, width int) string {
	w := ansi.StringWidth(s)
	if w > width {
		return Fit(s, width)
	}
	return strings.Repeat(" ", width-w) + s
}
