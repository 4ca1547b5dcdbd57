package sqlite

import (
	"slices"
	"strings"
	"unicode"
)

// The search index holds tokens made here rather than by an FTS5 tokenizer,
// because none of them fits a complaint desk: trigram never matches the many
// two-character Chinese words (退款, 延误) and unicode61 does not split
// Chinese at all. So:
//   - a run of Han (or kana, hangul) characters becomes its overlapping
//     bigrams plus its last character, so any substring of two or more
//     characters is a phrase of bigrams, and one character a prefix query;
//   - a run of digits becomes all its suffixes, so a prefix query finds any
//     part of a phone or case number ("5678" in 13812345678);
//   - a run of other letters is one lower-case word, found by prefix.

const maxDigitSuffixes = 24

type runClass int

const (
	classNone runClass = iota
	classCJK
	classDigit
	classWord
)

func classify(r rune) runClass {
	switch {
	case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
		return classCJK
	case r >= '0' && r <= '9':
		return classDigit
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		return classWord
	}
	return classNone
}

type run struct {
	class runClass
	text  []rune
}

func splitRuns(s string) []run {
	var runs []run
	var cur run
	flush := func() {
		if cur.class != classNone && len(cur.text) > 0 {
			runs = append(runs, cur)
		}
		cur = run{}
	}
	for _, r := range strings.ToLower(s) {
		c := classify(r)
		if c != cur.class {
			flush()
			cur.class = c
		}
		if c != classNone {
			cur.text = append(cur.text, r)
		}
	}
	flush()
	return runs
}

// searchTokens is the text indexed for a case: its searchable fields made
// into tokens separated by spaces.
func searchTokens(fields ...string) string {
	var b strings.Builder
	add := func(tok string) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(tok)
	}
	for _, f := range fields {
		for _, r := range splitRuns(f) {
			switch r.class {
			case classCJK:
				for i := 0; i+1 < len(r.text); i++ {
					add(string(r.text[i : i+2]))
				}
				add(string(r.text[len(r.text)-1:]))
			case classDigit:
				n := len(r.text)
				for i := 0; i < n-1 && i < maxDigitSuffixes; i++ {
					add(string(r.text[i:]))
				}
				if n == 1 {
					add(string(r.text))
				}
			case classWord:
				add(string(r.text))
			}
		}
	}
	return b.String()
}

// matchQuery turns what a user typed into an FTS5 MATCH expression; every
// part must match. It returns "" when the text has nothing searchable.
func matchQuery(q string) string {
	var terms []string
	for _, r := range splitRuns(q) {
		switch r.class {
		case classCJK:
			if len(r.text) == 1 {
				terms = append(terms, `"`+string(r.text)+`"*`)
				continue
			}
			grams := make([]string, 0, len(r.text)-1)
			for i := 0; i+1 < len(r.text); i++ {
				grams = append(grams, string(r.text[i:i+2]))
			}
			terms = append(terms, `"`+strings.Join(grams, " ")+`"`)
		case classDigit, classWord:
			terms = append(terms, `"`+string(r.text)+`"*`)
		}
	}
	// Every case has the token "ts" (its number: TS20261122-0007), so
	// beside other terms it selects nothing, yet FTS5 expands the prefix
	// to a list of every case: typing a case number took 0.25 s at a
	// million cases instead of a few milliseconds.
	if len(terms) > 1 {
		terms = slices.DeleteFunc(terms, func(t string) bool { return t == `"`+numberToken+`"*` })
	}
	return strings.Join(terms, " AND ")
}

// numberToken is the letters every case number starts with, lower-cased
// as indexed (complaint.NumberPrefix).
const numberToken = "ts"
