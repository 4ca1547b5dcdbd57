package components

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Punctuation that may not begin a line (a closing bracket, a comma, a
// full stop) and that may not end one (an opening bracket), in Chinese
// and ASCII: a line break keeps it with its neighbour.
const (
	noLineStart = "，。、；：？！）」』】》〉,.;:?!)]}%"
	noLineEnd   = "（「『【《〈([{"
)

// Wrap breaks plain text (no styles) into lines of at most w cells: English
// at spaces, Chinese between any two characters, but never a closing
// punctuation mark at the start of a line or an opening one at its end
// ("；需先" stays "…解决；" / "需先…"). A word wider than w is cut.
func Wrap(s string, w int) []string {
	w = max(1, w)
	var lines []string
	var line strings.Builder
	lineW := 0
	flush := func() {
		lines = append(lines, strings.TrimRight(line.String(), " "))
		line.Reset()
		lineW = 0
	}
	for _, tok := range wrapTokens(s) {
		tw := ansi.StringWidth(tok)
		if tok == " " {
			if lineW > 0 && lineW < w {
				line.WriteString(tok)
				lineW++
			}
			continue
		}
		if lineW > 0 && lineW+tw > w {
			flush()
		}
		for tw > w { // a word longer than the line
			head := ansi.Truncate(tok, w, "")
			lines = append(lines, head)
			tok = strings.TrimPrefix(tok, head)
			tw = ansi.StringWidth(tok)
		}
		line.WriteString(tok)
		lineW += tw
	}
	if lineW > 0 || len(lines) == 0 {
		flush()
	}
	return lines
}

// wrapTokens splits s into what Wrap keeps whole: a run of narrow
// non-space characters (a word), a space, or a wide character, with the
// punctuation glued to its neighbour.
func wrapTokens(s string) []string {
	var toks []string
	var cur strings.Builder
	glue := false // the last token ends with an opening mark: the next joins it
	emit := func() {
		if cur.Len() == 0 {
			return
		}
		t := cur.String()
		cur.Reset()
		if glue && len(toks) > 0 && t != " " {
			toks[len(toks)-1] += t
		} else {
			toks = append(toks, t)
		}
		glue = strings.ContainsRune(noLineEnd, lastRune(t))
	}
	for _, r := range s {
		switch {
		case r == ' ' || r == '\n' || r == '\t':
			emit()
			glue = false
			toks = append(toks, " ")
		case r < 0x80 && cur.Len() > 0 && (strings.ContainsRune(noLineStart, r) || strings.ContainsRune(noLineEnd, r)):
			cur.WriteRune(r) // inside a word: "arg(s)", "1.5"
		case strings.ContainsRune(noLineStart, r):
			emit()
			if n := len(toks); n > 0 && toks[n-1] != " " {
				toks[n-1] += string(r)
			} else {
				toks = append(toks, string(r))
			}
			glue = false
		case ansi.StringWidth(string(r)) > 1 || strings.ContainsRune(noLineEnd, r):
			emit()
			cur.WriteRune(r)
			emit()
		default:
			cur.WriteRune(r)
		}
	}
	emit()
	return toks
}

func lastRune(s string) rune {
	var last rune
	for _, r := range s {
		last = r
	}
	return last
}
