package actions

import (
	"slices"
	"strings"
)

// Closest lists up to n of names nearest to typed (fewest edits of
// characters, then shared prefix), for "did you mean" after a name that
// does not exist; only names within half their length of edits.
func Closest(typed string, names []string, n int) []string {
	type cand struct {
		name string
		dist int
	}
	t := []rune(strings.ToLower(typed))
	var cs []cand
	for _, name := range names {
		r := []rune(strings.ToLower(name))
		d := editDistance(t, r)
		if d <= max(1, max(len(t), len(r))/2) {
			cs = append(cs, cand{name, d})
		}
	}
	slices.SortStableFunc(cs, func(a, b cand) int { return a.dist - b.dist })
	var out []string
	for _, c := range cs[:min(n, len(cs))] {
		out = append(out, c.name)
	}
	return out
}

// editDistance is the Levenshtein distance between two rune strings.
func editDistance(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
