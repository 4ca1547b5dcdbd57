package importer

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"complaintdesk/internal/complaint"
)

// ErrScientificPhone: a spreadsheet showed a long number in scientific
// notation (1.38E+10) and the CSV kept only what it showed.
var ErrScientificPhone = errors.New("the phone number is in scientific notation (as Excel shows long numbers): its digits are lost; format the column as text in Excel and export it again")

// Compiled on first use: only an import needs them, every command linked them.
var (
	// Separators between two numbers in one cell: 13800138000/13900139000.
	phoneSplitRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\s*(?:/|,|，|;|；|、|\||或)\s*`) })
	// An extension after a landline: 010-12345678转123, ext. 12, x12.
	phoneExtRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)\s*(?:转|分机|ext\.?|x|#)\s*(\d{1,6})$`) })
	sciRE      = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]+(\.[0-9]+)?[eE][+-]?[0-9]+$`) })
)

// Phone is a phone cell of a register, read.
type Phone struct {
	Number string // normalised as the desk stores it (13800138000, 010-12345678)
	// Rest is what else the cell held, as text: more numbers, an extension.
	Rest string
}

// ParsePhone reads a phone cell as registers hold them: spaces, dashes and
// brackets anywhere; Excel's text mark (a leading apostrophe) and a
// number cell's ".0"; full-width digits; several numbers in one cell (the
// first is the phone, the others are kept as text); an extension. The
// number must be one the desk takes (a Chinese mobile, landline with its
// area code or service number); an empty cell gives an empty Phone.
func ParsePhone(s string) (Phone, error) {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "'")
	s = strings.TrimSpace(toHalfWidthDigits(s))
	if s == "" {
		return Phone{}, nil
	}
	if sciRE().MatchString(s) {
		return Phone{}, ErrScientificPhone
	}
	parts := phoneSplitRE().Split(s, -1)
	var rest []string
	first := ""
	for _, p := range parts {
		if p == "" {
			continue
		}
		if first == "" {
			first = p
			continue
		}
		rest = append(rest, p)
	}
	if first == "" {
		return Phone{}, fmt.Errorf("%q has no phone number", s)
	}
	if m := phoneExtRE().FindStringSubmatchIndex(first); m != nil && m[0] > 0 {
		rest = append([]string{"ext " + first[m[2]:m[3]]}, rest...)
		first = first[:m[0]]
	}
	if strings.HasSuffix(first, ".0") && strings.Trim(first[:len(first)-2], "0123456789") == "" {
		first = first[:len(first)-2]
	}
	n, _, err := complaint.NormalizePhone(first)
	if err != nil {
		return Phone{}, fmt.Errorf("%q is %w", s, errNotChinesePhone)
	}
	return Phone{Number: n, Rest: strings.Join(rest, " / ")}, nil
}

var errNotChinesePhone = errors.New("not a phone number the desk takes (a Chinese mobile of 11 digits, a landline with its area code such as 010-12345678, or a 400/800/95xxx service number)")
