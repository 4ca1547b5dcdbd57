package components

import (
	"strings"
	"unicode"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Pinyin initials let a picker be narrowed by typing "sb" for 设备: the
// first letter of each character's reading. The common characters of
// GB 2312 (level 1, 0xB0A1-0xD7F9) are ordered by their reading, so the
// initial is the range a character's code falls in; the few rarer ones the
// policies use are listed in initialsExtra.

// initialFrom is where each initial's range starts in GB 2312 level 1.
var initialFrom = []struct {
	code   uint16
	letter byte
}{
	{0xB0A1, 'a'}, {0xB0C5, 'b'}, {0xB2C1, 'c'}, {0xB4EE, 'd'}, {0xB6EA, 'e'},
	{0xB7A2, 'f'}, {0xB8C1, 'g'}, {0xB9FE, 'h'}, {0xBBF7, 'j'}, {0xBFA6, 'k'},
	{0xC0AC, 'l'}, {0xC2E8, 'm'}, {0xC4C3, 'n'}, {0xC5B6, 'o'}, {0xC5BE, 'p'},
	{0xC6DA, 'q'}, {0xC8BB, 'r'}, {0xC8F6, 's'}, {0xCBFA, 't'}, {0xCDDA, 'w'},
	{0xCEF4, 'x'}, {0xD1B9, 'y'}, {0xD4D1, 'z'},
}

const level1End = 0xD7F9

// initialsExtra are characters of the policies' labels outside level 1.
var initialsExtra = map[rune]byte{
	'诿': 'w', // 推诿
}

// Initial is the pinyin initial of a Chinese character (0 when unknown).
func Initial(r rune) byte {
	if b, ok := initialsExtra[r]; ok {
		return b
	}
	if !unicode.Is(unicode.Han, r) {
		return 0
	}
	enc, err := simplifiedchinese.GBK.NewEncoder().String(string(r))
	if err != nil || len(enc) != 2 {
		return 0
	}
	code := uint16(enc[0])<<8 | uint16(enc[1])
	if code < initialFrom[0].code || code > level1End {
		return 0
	}
	var letter byte
	for _, f := range initialFrom {
		if code < f.code {
			break
		}
		letter = f.letter
	}
	return letter
}

// Initials is s as a picker matches it by initials: each Chinese
// character's initial, letters and digits lowered, the rest left out
// ("设备管理类" -> "sbgll", "A 重大" -> "azd").
func Initials(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(unicode.ToLower(r))
		default:
			if l := Initial(r); l != 0 {
				b.WriteByte(l)
			}
		}
	}
	return b.String()
}
