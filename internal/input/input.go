// Package input holds the rules for text people type into the desk — one
// place for the terminal's fields, the command line, imported registers and
// SSH sessions alike: the text must be valid UTF-8, carries no control
// characters (line feeds only where several lines are allowed), no bidi
// controls that reorder what others read, and a name no invisible
// characters (王\u200b五 would look like 王五). A refusal says what and where;
// nothing is stored. (internal/safetext makes stored text safe to show.)
package input

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind is what a text is.
type Kind int

const (
	Line  Kind = iota // one line: no control characters at all
	Lines             // several lines: line feeds allowed (CR LF and CR become LF, a tab four spaces)
	Name              // a person's or an organisation's name: one line, no invisible characters
)

// Limits.
const (
	NameMax    = 50    // characters of a name
	LineMax    = 500   // characters of a one-line field
	LinesMax   = 5000  // characters of a multi-line field
	ContentMax = 20000 // characters of a complaint's content
)

// Issue is what is wrong with a text, in both languages.
type Issue struct{ ZH, EN string }

// In is the issue in lang ("zh…" or anything else for English).
func (is *Issue) In(lang string) string {
	if strings.HasPrefix(lang, "zh") {
		return is.ZH
	}
	return is.EN
}

// UTF8 checks that s is valid UTF-8 and names the byte offset of the
// first invalid byte (GBK bytes, a stray \xff) when it is not.
func UTF8(s string) *Issue {
	i := invalidAt(s)
	if i < 0 {
		return nil
	}
	return &Issue{
		ZH: fmt.Sprintf("不是有效的 UTF-8 文本（第 %d 个字节起）：请用 UTF-8 重新输入或转换编码", i),
		EN: fmt.Sprintf("is not valid UTF-8 text (from byte offset %d): enter it again or convert it to UTF-8", i),
	}
}

// Check normalises s (outer spaces trimmed; for Lines, line ends become
// LF and a tab four spaces, as the text is shown) and checks it against
// the rules of kind and max characters (0: the kind's default). It returns
// the text to store, or the issue; a byte offset in the issue counts in s
// as given.
func Check(s string, kind Kind, max int) (string, *Issue) {
	if is := UTF8(s); is != nil {
		return "", is
	}
	// The checks run on s as given, so that offsets point into it; what
	// trimming and normalising remove is not checked.
	lead := len(s) - len(strings.TrimLeftFunc(s, unicode.IsSpace))
	end := len(strings.TrimRightFunc(s, unicode.IsSpace))
	for i, r := range s {
		if i < lead || i >= end {
			continue
		}
		if is := refused(r, kind, i); is != nil {
			return "", is
		}
	}
	if kind == Lines {
		s = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\t", "    ").Replace(s)
	}
	s = strings.TrimSpace(s)
	if !Visible(s) {
		s = "" // blank to the eye: as empty as spaces (a required text is refused)
	}
	if max <= 0 {
		max = map[Kind]int{Line: LineMax, Lines: LinesMax, Name: NameMax}[kind]
	}
	if n := utf8.RuneCountInString(s); n > max {
		return "", &Issue{
			ZH: fmt.Sprintf("过长：%d 字，最多 %d 字", n, max),
			EN: fmt.Sprintf("is too long: %d characters, %d at most", n, max),
		}
	}
	return s, nil
}

// refused is the issue with the character r at byte offset i of a text of
// kind, or nil when r may be stored.
func refused(r rune, kind Kind, i int) *Issue {
	switch {
	case kind == Lines && (r == '\n' || r == '\r' || r == '\t'):
		return nil // line ends and tabs are normalised (Check)
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
		return &Issue{
			ZH: fmt.Sprintf("含有控制字符 %U（第 %d 个字节）：不能保存", r, i),
			EN: fmt.Sprintf("contains the control character %U (byte offset %d): it cannot be stored", r, i),
		}
	case r == utf8.RuneError:
		// What a decoder puts for bytes it could not read: the text was
		// damaged before it got here (a GBK file read as UTF-8, a cell
		// Excel could not store).
		return &Issue{
			ZH: fmt.Sprintf("含有替换字符 %U（第 %d 个字节）：原文的字节已在转换中丢失，请重新输入或按正确编码转换", r, i),
			EN: fmt.Sprintf("contains the replacement character %U (byte offset %d): bytes of the original were lost in a conversion; enter it again or convert it from its real encoding", r, i),
		}
	case bidi(r):
		return &Issue{
			ZH: fmt.Sprintf("含有改变文字方向的控制符 %U（第 %d 个字节）", r, i),
			EN: fmt.Sprintf("contains the text-direction control %U (byte offset %d)", r, i),
		}
	case kind != Lines && (r == '\u2028' || r == '\u2029'):
		return &Issue{
			ZH: fmt.Sprintf("含有换行符 %U（第 %d 个字节）：此处只能填一行", r, i),
			EN: fmt.Sprintf("contains the line break %U (byte offset %d): this field is one line", r, i),
		}
	case kind == Name && invisible(r):
		return &Issue{
			ZH: fmt.Sprintf("含有不可见字符 %U（第 %d 个字节）：姓名中不能有零宽或格式字符", r, i),
			EN: fmt.Sprintf("contains the invisible character %U (byte offset %d): a name may not hold zero-width or format characters", r, i),
		}
	}
	return nil
}

// invisible reports the characters that show as nothing: format
// characters (zero-width space and joiners, the byte-order mark, the soft
// hyphen) and the Hangul fillers.
func invisible(r rune) bool {
	return unicode.Is(unicode.Cf, r) || r == '\u3164' || r == '\u115f' || r == '\u1160' || r == '\uffa0'
}

// Visible reports whether s has at least one character that shows: a
// text made only of spaces, zero-width and format characters, Hangul
// fillers, the braille blank or combining marks with nothing to mark
// looks empty, and is no reason, note or name (finding 10).
func Visible(s string) bool {
	for _, r := range s {
		if unicode.IsGraphic(r) && !unicode.IsSpace(r) && !invisible(r) && r != '\u2800' &&
			!unicode.In(r, unicode.Mn, unicode.Me, unicode.Variation_Selector) {
			return true
		}
	}
	return false
}

// invalidAt is the byte offset of the first invalid UTF-8 byte, or -1.
func invalidAt(s string) int {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}

// bidi reports the characters that reorder text (Trojan-source style).
func bidi(r rune) bool {
	return (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069') || r == '\u200e' || r == '\u200f' || r == '\u061c'
}
