// Package search makes the tokens every store indexes a case by, and turns
// what a user typed into a query over them. Both stores use it, so a search
// finds the same cases on SQLite and on PostgreSQL.
//
// Tokens are made here rather than by a database's tokenizer, because none
// fits a complaint desk: trigram never matches the many two-character
// Chinese words (退款, 延误) and unicode61 does not split Chinese at all:
//   - a run of Han (or kana, hangul) characters becomes its overlapping
//     bigrams plus its last character, so any substring of two or more
//     characters is a phrase of bigrams, and one character a prefix query;
//   - a run of digits becomes all its suffixes, so a prefix query finds any
//     part of a number ("5678" in 13812345678);
//   - a run of other letters is one lower-case word, found by prefix.
//
// Personal data is indexed apart: the complainants' names, phones and
// e-mails become tokens in their own namespace (a "~" prefix no query term
// can start with), so a role that sees them masked never matches a
// fragment of them (26 searches, a digit at a time, would rebuild a masked phone number).
// Such a role matches them only whole: the complete phone number, the
// complete name — a look-up the desk audits like a reveal.
package search

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"complaintdesk/store"
)

// Namespace prefixes of personal-data tokens. "~" is a token character of
// the index (FTS5 tokenchars) but never part of a query term.
const (
	nsName  = "~n" // name fragments
	nsPhone = "~p" // phone suffixes
	nsMail  = "~e" // e-mail words
	nsWhole = "~x" // a whole name or phone, for exact look-ups
)

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

// tokens appends the tokens of the fields, each with prefix.
func tokens(b *strings.Builder, prefix string, fields ...string) {
	add := func(tok string) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(prefix)
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
}

// Public is the tokens of texts anyone who sees the case may match.
func Public(fields ...string) string {
	var b strings.Builder
	tokens(&b, "", fields...)
	return b.String()
}

// Case is every token of a case: its number and texts, and its
// complainants' personal data in their namespace.
func Case(c *store.Case) string {
	var b strings.Builder
	tokens(&b, "", c.Number, c.Content, c.Demand, c.Subject)
	for _, p := range c.Complainants {
		tokens(&b, "", p.Org)
	}
	Personal(&b, c.Complainants)
	return b.String()
}

// Personal appends the namespaced tokens of the complainants' personal data.
func Personal(b *strings.Builder, people []store.Complainant) {
	for _, p := range people {
		tokens(b, nsName, p.Name)
		tokens(b, nsPhone, p.Phone)
		tokens(b, nsMail, p.Email)
		for _, whole := range []string{wholeName(p.Name), wholePhone(p.Phone)} {
			if whole != "" {
				if b.Len() > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(nsWhole + whole)
			}
		}
	}
}

// wholeName is a name as one token: lower-case letters and digits of it,
// spaces and punctuation left out ("" when nothing is left).
func wholeName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if classify(r) != classNone {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// wholePhone is a phone's digits as one token.
func wholePhone(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	if b.Len() < 5 {
		return ""
	}
	return b.String()
}

// Alt is one way a term matches: a phrase of tokens (one token: a word),
// the last matched as a prefix when Prefix.
type Alt struct {
	Tokens []string
	Prefix bool
}

// Query is what a user typed, as terms that must all match, each matching
// by any of its alternatives — or, when Whole is set, the one token of a
// whole name or phone (matched alone).
type Query struct {
	Terms [][]Alt
	Whole string
}

// Empty reports whether the text had nothing to search for.
func (q Query) Empty() bool { return len(q.Terms) == 0 && q.Whole == "" }

// HasPrefix reports whether any term matches by prefix.
func (q Query) HasPrefix() bool {
	for _, t := range q.Terms {
		for _, a := range t {
			if a.Prefix {
				return true
			}
		}
	}
	return false
}

// Scope is what a search may match of personal data.
type Scope int

const (
	// Masked matches the case's texts, and personal data only whole (the
	// complete phone number, the complete name).
	Masked Scope = iota
	// Full matches fragments of personal data too (roles that see it).
	Full
)

// Parse turns typed text into a query within scope.
func Parse(text string, scope Scope) Query {
	var q Query
	for _, r := range splitRuns(text) {
		var alts []Alt
		switch r.class {
		case classCJK:
			if len(r.text) == 1 {
				alts = []Alt{{Tokens: []string{string(r.text)}, Prefix: true}}
				break
			}
			grams := make([]string, 0, len(r.text)-1)
			for i := 0; i+1 < len(r.text); i++ {
				grams = append(grams, string(r.text[i:i+2]))
			}
			alts = []Alt{{Tokens: grams}}
		case classDigit, classWord:
			alts = []Alt{{Tokens: []string{string(r.text)}, Prefix: true}}
		}
		if scope == Full {
			alts = append(alts, personal(alts[0], r.class)...)
		}
		q.Terms = append(q.Terms, alts)
	}
	// Every case has the token "ts" (its number: TS20261122-0007), so
	// beside other terms it selects nothing, yet a prefix term expands to
	// a list of every case: typing a case number took 0.25 s at a million
	// cases instead of a few milliseconds.
	if len(q.Terms) > 1 {
		q.Terms = slices.DeleteFunc(q.Terms, func(t []Alt) bool {
			return len(t[0].Tokens) == 1 && t[0].Tokens[0] == NumberToken && t[0].Prefix
		})
	}
	// A whole name or phone matches personal data in any scope.
	if whole := wholeOf(text); whole != "" {
		q.Whole = nsWhole + whole
	}
	return q
}

// personal are a term's alternatives in the personal-data namespaces.
func personal(a Alt, class runClass) []Alt {
	ns := func(prefix string) Alt {
		out := Alt{Prefix: a.Prefix, Tokens: make([]string, len(a.Tokens))}
		for i, t := range a.Tokens {
			out.Tokens[i] = prefix + t
		}
		return out
	}
	switch class {
	case classDigit:
		return []Alt{ns(nsPhone)}
	case classWord:
		return []Alt{ns(nsName), ns(nsMail)}
	}
	return []Alt{ns(nsName)}
}

// wholeOf is the typed text as a whole phone (digits with spaces, dashes
// or a plus, five digits at least) or a whole name (letters of one to three
// words, no digits) token; "" when it is neither.
func wholeOf(text string) string {
	t := strings.TrimSpace(text)
	if t == "" {
		return ""
	}
	if strings.IndexFunc(t, func(r rune) bool { return !(r >= '0' && r <= '9' || r == ' ' || r == '-' || r == '+') }) < 0 {
		return wholePhone(t)
	}
	if strings.ContainsAny(t, "0123456789") {
		return ""
	}
	if runs := splitRuns(t); len(runs) == 0 || len(runs) > 3 {
		return ""
	}
	return wholeName(t)
}

// NumberToken is the letters every case number starts with, lower-cased
// as indexed (complaint.NumberPrefix).
const NumberToken = "ts"

// IsWholeLookup reports whether typed text is a whole phone number or
// name: a masked role's search that matches personal data only this way,
// which the desk audits.
func IsWholeLookup(text string) bool { return wholeOf(text) != "" }

// WholeLookup is typed text as the whole phone (its digits) or name
// (letters, lower-cased) it matches; "" when it is neither.
func WholeLookup(text string) string { return wholeOf(text) }

// FTS5 is the query as an SQLite FTS5 MATCH expression ("" when empty).
func (q Query) FTS5() string {
	phrase := func(a Alt) string {
		s := `"` + strings.Join(a.Tokens, " ") + `"`
		if a.Prefix {
			s += "*"
		}
		return s
	}
	var terms []string
	for _, t := range q.Terms {
		var alts []string
		for _, a := range t {
			alts = append(alts, phrase(a))
		}
		if len(alts) == 1 {
			terms = append(terms, alts[0])
		} else {
			terms = append(terms, "("+strings.Join(alts, " OR ")+")")
		}
	}
	expr := strings.Join(terms, " AND ")
	if q.Whole != "" {
		w := `"` + q.Whole + `"`
		if expr == "" {
			return w
		}
		return "(" + expr + ") OR " + w
	}
	return expr
}

// Class is the kind of run a character belongs to (ClassNone separates
// tokens): what a search can promise to find (the search fuzz tests).
func Class(r rune) int { return int(classify(r)) }

// The classes Class reports, and how many suffixes of a digit run are
// indexed: exported for the tests that check what a search promises.
const (
	ClassNone        = int(classNone)
	ClassCJK         = int(classCJK)
	ClassDigit       = int(classDigit)
	ClassWord        = int(classWord)
	MaxDigitSuffixes = maxDigitSuffixes
)

// Plain reports whether every token of the query is plain (see PlainToken).
func (q Query) Plain() bool {
	if q.Whole != "" && !PlainToken(q.Whole) {
		return false
	}
	for _, t := range q.Terms {
		for _, a := range t {
			for _, tok := range a.Tokens {
				if !PlainToken(tok) {
					return false
				}
			}
		}
	}
	return true
}

// PlainToken reports whether a token is made only of characters the
// index's tokenizer (FTS5 unicode61, remove_diacritics 2) keeps as they
// are: a-z, 0-9, the namespace mark and the common CJK ideographs. Match
// agrees with the index on plain tokens; a letter with an accent, a kana
// or a fullwidth letter is folded there and left to the index.
func PlainToken(tok string) bool {
	for _, r := range tok {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '~':
		case r >= 0x3400 && r <= 0x4DBF, r >= 0x4E00 && r <= 0x9FFF:
		default:
			return false
		}
	}
	return tok != ""
}

// PlainText reports whether every token made of s is plain (PlainToken).
func PlainText(s string) bool {
	for _, r := range s {
		switch {
		case r < 0x80, r >= 0x4E00 && r <= 0x9FFF, r >= 0x3400 && r <= 0x4DBF:
		case classify(r) != classNone:
			return false
		}
	}
	return true
}

// Match reports whether a case whose tokens (Case, split at spaces) are
// all plain matches the query, as the index's MATCH expression (FTS5)
// does: every term by one of its alternatives, a phrase on consecutive
// tokens, the last one by prefix when Prefix — or the whole token.
func (q Query) Match(tokens []string) bool {
	if q.Whole != "" && slices.Contains(tokens, q.Whole) {
		return true
	}
	if len(q.Terms) == 0 {
		return false
	}
	for _, t := range q.Terms {
		if !slices.ContainsFunc(t, func(a Alt) bool { return a.in(tokens) }) {
			return false
		}
	}
	return true
}

// in reports whether the phrase occurs in tokens.
func (a Alt) in(tokens []string) bool {
	k := len(a.Tokens)
	if k == 0 {
		return false
	}
	for i := 0; i+k <= len(tokens); i++ {
		j := 0
		for ; j < k-1 && tokens[i+j] == a.Tokens[j]; j++ {
		}
		if j < k-1 {
			continue
		}
		last := tokens[i+k-1]
		if last == a.Tokens[k-1] || a.Prefix && strings.HasPrefix(last, a.Tokens[k-1]) {
			return true
		}
	}
	return false
}

// MayMatch reports whether a case might match the query, from its texts:
// false only when Match is false on its tokens. texts holds the texts
// Public indexes (number, content, demand, subject), people its
// complainants' organisations and personal data (any separators): a
// phrase's characters appear together in one of them, a whole name's or
// phone's in order among the complainants'. It spares reading the tokens
// of the many cases a search passes over.
func (q Query) MayMatch(texts, people string) bool {
	all := texts + "\x00" + people
	if q.Whole != "" && inOrder(strings.ToLower(people), q.Whole[len(nsWhole):]) {
		return true
	}
	if len(q.Terms) == 0 {
		return false
	}
	var lower string
	for _, t := range q.Terms {
		if !slices.ContainsFunc(t, func(a Alt) bool {
			n := a.needle()
			hay := all
			if strings.IndexFunc(n, func(r rune) bool { return r >= 'a' && r <= 'z' }) >= 0 {
				if lower == "" {
					lower = strings.ToLower(all)
				}
				hay = lower
			}
			return strings.Contains(hay, n)
		}) {
			return false
		}
	}
	return true
}

// needle is the text an alternative's tokens were made from (its
// namespace left out): a chain of bigrams is the run they cover.
func (a Alt) needle() string {
	var b strings.Builder
	for i, tok := range a.Tokens {
		if strings.HasPrefix(tok, "~") {
			tok = tok[2:]
		}
		if i > 0 {
			_, size := utf8.DecodeRuneInString(tok)
			tok = tok[size:]
		}
		b.WriteString(tok)
	}
	return b.String()
}

// inOrder reports whether the runes of sub appear in s in order.
func inOrder(s, sub string) bool {
	for _, r := range sub {
		i := strings.IndexRune(s, r)
		if i < 0 {
			return false
		}
		s = s[i+utf8.RuneLen(r):]
	}
	return true
}

// Within is the query with each prefix replaced by the given tokens it
// starts (a plain token of the index each): its matches are some of the
// query's, found without merging every token a prefix covers. ok is false
// when a term keeps no alternative.
func (q Query) Within(tokens []string) (Query, bool) {
	var out Query
	for _, t := range q.Terms {
		var alts []Alt
		for _, a := range t {
			if !a.Prefix {
				alts = append(alts, a)
				continue
			}
			last := a.Tokens[len(a.Tokens)-1]
			for _, tok := range tokens {
				if strings.HasPrefix(tok, last) && PlainToken(tok) {
					alts = append(alts, Alt{Tokens: append(slices.Clone(a.Tokens[:len(a.Tokens)-1]), tok)})
				}
			}
		}
		if len(alts) == 0 {
			return Query{}, false
		}
		out.Terms = append(out.Terms, alts)
	}
	return out, len(out.Terms) > 0
}
