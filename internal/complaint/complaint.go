// Package complaint holds the pure rules about a complaint's data that every
// layer shares: case numbers, phone and email validation, and masking of
// personal data. It does no I/O.
package complaint

import (
	"errors"
	"fmt"
	"net/mail"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// NumberPrefix starts every case number (投诉 → TS).
const NumberPrefix = "TS"

// Number formats a case number from the registration day (in the desk's
// time zone) and the day's sequence: TS20261122-0007.
func Number(day time.Time, seq int) string {
	return fmt.Sprintf("%s%s-%04d", NumberPrefix, day.Format("20060102"), seq)
}

// NumberDay is the day key of a case number's sequence: "20261122".
func NumberDay(day time.Time) string { return day.Format("20060102") }

// The regular expressions of this file compile on first use, not in every
// command's start-up.
var numberRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^TS\d{8}-\d{4,}$`) })

// ValidNumber reports whether s looks like a case number.
func ValidNumber(s string) bool { return numberRE().MatchString(s) }

// PhoneKind says what sort of number a phone is.
type PhoneKind int

const (
	PhoneInvalid PhoneKind = iota
	PhoneMobile
	PhoneLandline
	PhoneService
)

// ErrPhone explains which numbers the desk takes.
var ErrPhone = errors.New("not a Chinese phone number: give a mobile (11 digits starting with 1, +86 optional), a landline with its area code (010-12345678) or a service number (400/800, 95xxx)")

var (
	mobileRE   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^1[3-9]\d{9}$`) })
	landlineRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(0\d{2,3})(\d{7,8})$`) })
	serviceRE  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^([48]00\d{7}|9[56]\d{3,4}|100\d{2})$`) })
)

// NormalizePhone validates a phone number and returns it in the stored form:
// mobiles as 11 digits, landlines as "area-number", service numbers as digits.
// Spaces, dashes, dots and parentheses are ignored; +86 / 0086 may precede a mobile.
func NormalizePhone(s string) (string, PhoneKind, error) {
	var b strings.Builder
	for i, r := range strings.TrimSpace(s) {
		// A Chinese input method in full-width mode types １３８…, ＋, －, （）
		// and the ideographic space: read them as their ASCII forms.
		switch {
		case r >= '０' && r <= '９', r == '＋', r == '－', r == '（', r == '）', r == '．':
			r -= 0xFEE0
		case r == '\u3000':
			r = ' '
		}
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0:
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '.' || r == '(' || r == ')':
		default:
			return "", PhoneInvalid, ErrPhone
		}
	}
	d := b.String()
	if strings.HasPrefix(d, "+") {
		if !strings.HasPrefix(d, "+86") {
			return "", PhoneInvalid, ErrPhone
		}
		d = strings.TrimPrefix(d, "+86")
		if !mobileRE().MatchString(d) {
			return "", PhoneInvalid, ErrPhone
		}
	}
	if strings.HasPrefix(d, "0086") && mobileRE().MatchString(d[4:]) {
		d = d[4:]
	}
	if len(d) == 13 && strings.HasPrefix(d, "86") && mobileRE().MatchString(d[2:]) {
		d = d[2:]
	}
	switch {
	case mobileRE().MatchString(d):
		return d, PhoneMobile, nil
	case serviceRE().MatchString(d):
		return d, PhoneService, nil
	case landlineRE().MatchString(d):
		// Beijing (010) and the 02x areas have 3-digit codes; every other
		// area code (03xx–09xx) has 4 digits. The local number has 7 or 8.
		n := 4
		if d[1] == '1' || d[1] == '2' {
			n = 3
		}
		area, num := d[:n], d[n:]
		if len(num) < 7 || len(num) > 8 {
			return "", PhoneInvalid, ErrPhone
		}
		return area + "-" + num, PhoneLandline, nil
	}
	return "", PhoneInvalid, ErrPhone
}

// ErrEmail is returned for a malformed email address.
var ErrEmail = errors.New("not an email address (name@example.com)")

// NormalizeEmail validates an email address and returns it trimmed.
func NormalizeEmail(s string) (string, error) {
	s = strings.TrimSpace(s)
	for _, r := range s {
		// an address is plain printable text: a zero-width space in it
		// (a@b.c\u200b) is another address that looks the same
		if !unicode.IsGraphic(r) || unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) {
			return "", ErrEmail
		}
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return "", ErrEmail
	}
	at := strings.LastIndexByte(s, '@')
	if at < 1 || !strings.Contains(s[at+1:], ".") || strings.HasSuffix(s, ".") {
		return "", ErrEmail
	}
	return s, nil
}

// MaskPhone hides the middle of a number: 138****5678, 010-****5678.
func MaskPhone(p string) string {
	if p == "" {
		return ""
	}
	if i := strings.IndexByte(p, '-'); i > 0 {
		return p[:i+1] + maskKeepEnds(p[i+1:], 0, 4)
	}
	return maskKeepEnds(p, 3, 4)
}

func maskKeepEnds(s string, head, tail int) string {
	if len(s) <= tail {
		return strings.Repeat("*", len(s))
	}
	if len(s) < head+tail+1 {
		head = 0
	}
	return s[:head] + strings.Repeat("*", len(s)-head-tail) + s[len(s)-tail:]
}

// MaskName keeps the first character: 张三 → 张*, 欧阳娜娜 → 欧***.
func MaskName(n string) string {
	n = strings.TrimSpace(n)
	if n == "" {
		return ""
	}
	first, size := utf8.DecodeRuneInString(n)
	rest := n[size:]
	var b strings.Builder
	b.WriteRune(first)
	stars := 0
	for _, r := range rest {
		if r == ' ' {
			b.WriteRune(' ')
			continue
		}
		b.WriteByte('*')
		stars++
	}
	if stars == 0 {
		return "*" // a name of one character would show whole (finding 24)
	}
	return b.String()
}

// MaskEmail keeps the first letter and the domain: z***@example.com.
func MaskEmail(e string) string {
	at := strings.LastIndexByte(e, '@')
	if at < 1 {
		return MaskName(e)
	}
	first, size := utf8.DecodeRuneInString(e)
	// At least one star: a one-letter local part must not show in full.
	return string(first) + strings.Repeat("*", max(1, utf8.RuneCountInString(e[size:at]))) + e[at:]
}
