package desktest

import (
	"strings"
	"unicode/utf8"
)

// PhoneAttack is how a role that sees a phone masked (138****9342) would
// try to rebuild it with searches (issue 13: it came back in 26): each
// digit 0–9 in front of the visible suffix, four rounds, each round in
// front of the true digits found so far (as if the attacker had guessed
// right), then each digit after the visible prefix and fragments from
// the middle. None is the whole number.
func PhoneAttack(phone string) []string {
	var qs []string
	known := phone[len(phone)-4:]
	for round := 0; round < 4 && len(known) < len(phone); round++ {
		for d := '0'; d <= '9'; d++ {
			qs = append(qs, string(d)+known)
		}
		known = phone[len(phone)-len(known)-1:]
	}
	for d := '0'; d <= '9'; d++ {
		qs = append(qs, phone[:3]+string(d))
	}
	return append(qs, phone[3:7], phone[2:8], phone[:len(phone)-1], phone[1:])
}

// NameAttack are the fragments of a masked name (欧阳娜娜 shown as 欧***):
// every part of it but the whole, one character and longer.
func NameAttack(name string) []string {
	r := []rune(name)
	seen := map[string]bool{}
	var qs []string
	for i := range r {
		for j := i + 1; j <= len(r); j++ {
			if q := string(r[i:j]); q != name && !seen[q] {
				seen[q] = true
				qs = append(qs, q)
			}
		}
	}
	return qs
}

// Visible reports whether a search for q may find a case whose text, as
// the role sees it, is seen: only when it holds q (case-insensitive, the
// spaces of q ignored).
func Visible(seen, q string) bool {
	q = strings.Join(strings.Fields(strings.ToLower(q)), "")
	return utf8.ValidString(q) && strings.Contains(strings.ToLower(seen), q)
}
