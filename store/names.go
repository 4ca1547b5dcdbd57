package store

import "strings"

// ValidFieldKey reports whether s may be a case field's key, which the
// stores write into a statement's text (a JSON path): a lower-case letter,
// then up to 63 lower-case letters, digits or underscores.
func ValidFieldKey(s string) bool { return sqlName(s, 64, "0123456789_") }

// ValidAction reports whether s may be an action name, which audit
// queries write into the statement's text (so a partial index on action
// = 'reveal' applies): a lower-case letter, then up to 31 lower-case
// letters, underscores or hyphens.
func ValidAction(s string) bool { return sqlName(s, 32, "_-") }

// sqlName is a loop rather than a regular expression: `{0,63}` compiled
// into a large program in every process's start (the stores' inits).
func sqlName(s string, max int, also string) bool {
	if s == "" || len(s) > max || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; (c < 'a' || c > 'z') && strings.IndexByte(also, c) < 0 {
			return false
		}
	}
	return true
}
