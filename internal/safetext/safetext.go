// Package safetext makes text that customers and agents typed safe to put on
// a terminal: control characters and escape sequences are shown, never obeyed.
package safetext

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Line makes s safe for one line of a terminal: every control character,
// including ESC, C1 controls (U+0080–U+009F), tabs and newlines, becomes a
// visible replacement, so nothing in s can move the cursor, change the
// title, ring the bell or clear the screen. Bidi overrides are removed too.
func Line(s string) string {
	if isPlain(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteByte(' ')
		default:
			writeSafe(&b, r)
		}
	}
	return b.String()
}

// Text is like Line but keeps newlines, for multi-line fields such as the
// complaint content; tabs become spaces and carriage returns are dropped.
func Text(s string) string {
	if isPlain(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch r {
		case '\n':
			b.WriteByte('\n')
		case '\r':
		case '\t':
			b.WriteString("    ")
		default:
			writeSafe(&b, r)
		}
	}
	return b.String()
}

// Unsafe reports the first character of s that Line would not print as
// it is (a control character, a bidi override, invalid UTF-8 as
// utf8.RuneError) and its position in characters from 1: for refusing
// such text where it comes in. Line breaks and tabs count too.
func Unsafe(s string) (r rune, pos int, found bool) {
	if isPlain(s) {
		return 0, 0, false
	}
	i := 0
	for _, r := range s {
		i++
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == utf8.RuneError || isBidiControl(r) {
			return r, i, true
		}
	}
	return 0, 0, false
}

func writeSafe(b *strings.Builder, r rune) {
	switch {
	case r < 0x20:
		// Control Pictures block: ␛ for ESC, ␇ for BEL, …
		b.WriteRune(0x2400 + r)
	case r == 0x7f:
		b.WriteRune('␡')
	case r >= 0x80 && r <= 0x9f:
		b.WriteRune('�')
	case r == unicode.ReplacementChar:
		b.WriteRune('�')
	case isBidiControl(r):
		// dropped: they reorder what the reader sees
	default:
		b.WriteRune(r)
	}
}

func isBidiControl(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x061c
}

// isPlain is the fast path: most text has nothing to neutralise. Invalid
// UTF-8 is never plain: a raw byte 0x9b is an 8-bit CSI to some terminals.
func isPlain(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == 0x7f {
			return false
		}
		if c >= 0x80 {
			// C1 controls are U+0080–U+009F (UTF-8 C2 80–C2 9F); bidi controls start with E2 80/81 or D8 9C.
			if c == 0xc2 || c == 0xe2 || c == 0xd8 || c == 0xef {
				return false
			}
		}
	}
	return true
}
