package importer

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Encodings a register may come in. GB18030 is a superset of GBK and
// GB2312, so it reads what Excel on a Chinese Windows writes ("ANSI" CSV).
// UTF-16 is Excel's "Unicode text" (tab-separated, with a byte-order mark).
const (
	EncUTF8    = "utf-8"
	EncGB18030 = "gb18030"
	EncUTF16LE = "utf-16le"
	EncUTF16BE = "utf-16be"
)

// sniffSize is how much of a file the encoding and delimiter are guessed from.
const sniffSize = 64 << 10

// NormalizeEncoding turns what a user may write (--encoding GBK, "utf8",
// "cp936") into one of the Enc names; "" and "auto" give "".
func NormalizeEncoding(name string) (string, error) {
	n := strings.ToLower(strings.TrimSpace(name))
	n = strings.NewReplacer("_", "-", " ", "").Replace(n)
	switch n {
	case "", "auto":
		return "", nil
	case "utf-8", "utf8", "utf-8-bom", "utf-8-sig":
		return EncUTF8, nil
	case "gb18030", "gbk", "gb2312", "cp936", "windows-936", "euc-cn", "ansi":
		return EncGB18030, nil
	case "utf-16", "utf-16le", "utf16le", "utf16", "unicode":
		return EncUTF16LE, nil
	case "utf-16be", "utf16be":
		return EncUTF16BE, nil
	}
	return "", fmt.Errorf("unknown encoding %q: use utf-8, gb18030 (also reads GBK and GB2312) or utf-16", name)
}

var bomUTF8 = []byte{0xEF, 0xBB, 0xBF}

// DetectEncoding guesses the encoding of a file from its first bytes: a
// byte-order mark decides; otherwise text that is valid UTF-8 is UTF-8,
// and so is text of many UTF-8 characters with a few bytes that are not
// (a row pasted from elsewhere: read as GB18030, every Chinese character
// of the file would become mojibake; read as UTF-8, that row is rejected
// with the offset of its bad bytes). Anything else is GB18030 (GBK),
// whose characters form valid UTF-8 only by chance: about one for seven
// that do not.
func DetectEncoding(head []byte) string {
	switch {
	case bytes.HasPrefix(head, bomUTF8):
		return EncUTF8
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return EncUTF16LE
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return EncUTF16BE
	}
	head = trimPartialRune(head)
	if utf8.Valid(head) {
		return EncUTF8
	}
	multi, invalid := 0, 0
	for i := 0; i < len(head); {
		r, size := utf8.DecodeRune(head[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			invalid++
		case size > 1:
			multi++
		}
		i += size
	}
	if invalid*2 <= multi {
		return EncUTF8
	}
	return EncGB18030
}

// trimPartialRune drops a UTF-8 sequence cut off at the end of a sniffed
// prefix, so a prefix of a valid file is valid.
func trimPartialRune(b []byte) []byte {
	for i := 1; i <= utf8.UTFMax && i <= len(b); i++ {
		c := b[len(b)-i]
		if c < 0x80 {
			return b // ASCII: nothing is cut
		}
		if utf8.RuneStart(c) {
			if !utf8.FullRune(b[len(b)-i:]) {
				return b[:len(b)-i]
			}
			return b
		}
	}
	return b
}

// decode wraps r (positioned at the start of the file) to yield UTF-8.
func decode(r io.Reader, enc string) io.Reader {
	switch enc {
	case EncGB18030:
		return transform.NewReader(r, simplifiedchinese.GB18030.NewDecoder())
	case EncUTF16LE:
		return transform.NewReader(r, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder())
	case EncUTF16BE:
		return transform.NewReader(r, unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewDecoder())
	}
	return r
}

// encodingName is how a summary names an encoding.
func encodingName(enc string, bom bool) string {
	switch enc {
	case EncUTF8:
		if bom {
			return "UTF-8 with BOM"
		}
		return "UTF-8"
	case EncGB18030:
		return "GB18030/GBK"
	case EncUTF16LE:
		return "UTF-16LE"
	case EncUTF16BE:
		return "UTF-16BE"
	}
	return enc
}
