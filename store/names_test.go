package store

import (
	"regexp"
	"strings"
	"testing"
)

// The loops accept exactly what the regular expressions they replace did.
func TestSQLNames(t *testing.T) {
	fieldRE := regexp.MustCompile(`^[a-z][a-z0-9_]{0,63}$`)
	actionRE := regexp.MustCompile(`^[a-z][a-z_-]{0,31}$`)
	cases := []string{"", "a", "z9", "9a", "_a", "a_b", "a-b", "reveal", "lookup", "A", "aB", "a b", "a\n", "é",
		"report_no", "a.b", "a'b", strings.Repeat("a", 32), strings.Repeat("a", 33), strings.Repeat("a", 64), strings.Repeat("a", 65)}
	for _, s := range cases {
		if got, want := ValidFieldKey(s), fieldRE.MatchString(s); got != want {
			t.Errorf("ValidFieldKey(%q) = %v, want %v", s, got, want)
		}
		if got, want := ValidAction(s), actionRE.MatchString(s); got != want {
			t.Errorf("ValidAction(%q) = %v, want %v", s, got, want)
		}
	}
}
