package postgres

import (
	"strings"
	"unicode/utf8"

	"complaintdesk/store"
	"complaintdesk/store/search"
)

// Search uses the tokens of store/search, as SQLite's FTS5 index does, so
// both stores find the same cases. A case's row in case_search holds:
//   - tokens: its tokens in order, each with a space before and after,
//     where a phrase (the bigrams of a Chinese word) is checked to be
//     consecutive;
//   - terms: every distinct token, and every prefix of one marked with
//     prefixMark, in a GIN index. A query's word is then one array
//     containment: terms @> {'退款'} for a token, {'*5678'} for a prefix.
//
// On 100,000 demo cases (BenchmarkSearch100k: a page and a count capped
// at 10,000, load average 6 on 2 cores) the GIN index over these arrays
// answered 8 of 10 typical searches faster than a trigram index over the
// token text (退款 33 ms against 37, 退 22 against 37, 5678 28 against
// 41, 退款 138 40 against 105, a name 1 against 3), a four-character
// phrase and a day's number prefix slower (快递延误 254 ms against 52:
// each candidate's token list is read to check the order); it does not
// depend on the database's locale to split Chinese, and it is 3.7 times
// the trigram index's size (229 MB against 62 MB).

// prefixMark starts a terms entry that is a prefix of a token. It is
// never the first character of a token (store/search makes tokens of
// letters, digits and its "~" namespaces only).
const prefixMark = "*"

// caseSearch is a case's tokens (padded) and terms.
func caseSearch(c *store.Case) (string, []string) {
	return searchRow(search.Case(c))
}

// searchRow makes a search row from tokens separated by single spaces.
func searchRow(tokens string) (string, []string) {
	fields := strings.Fields(tokens)
	seen := make(map[string]bool, 2*len(fields))
	terms := make([]string, 0, 2*len(fields))
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			terms = append(terms, s)
		}
	}
	for _, tok := range fields {
		add(tok)
		// A personal-data token's namespace ("~p") is no prefix a
		// query asks for: its prefixes start after it.
		// A whole name or phone ("~x") is only ever matched whole.
		body := 0
		if strings.HasPrefix(tok, "~x") {
			continue
		}
		if strings.HasPrefix(tok, "~") && len(tok) > 2 {
			body = 2
		}
		for i := body; i < len(tok); {
			_, n := utf8.DecodeRuneInString(tok[i:])
			i += n
			add(prefixMark + tok[:i])
		}
	}
	return " " + strings.Join(fields, " ") + " ", terms
}

// searchCond is the condition on case_search s that q's search asks for
// ("" when there is nothing to search for), its values added to a.
func searchCond(q store.Query, a *args) string { return matchCond(q, a, termCond) }

// matchCond is q's search as a condition: every term (each written by
// term from its alternatives), or the whole name or phone.
func matchCond(q store.Query, a *args, term func([]search.Alt, *args) string) string {
	scope := search.Masked
	if q.SearchPII {
		scope = search.Full
	}
	sq := search.Parse(q.Search, scope)
	if sq.Empty() {
		return ""
	}
	var terms []string
	for _, t := range sq.Terms {
		terms = append(terms, term(t, a))
	}
	expr := strings.Join(terms, " AND ")
	if sq.Whole != "" {
		w := term([]search.Alt{{Tokens: []string{sq.Whole}}}, a)
		if expr == "" {
			return w
		}
		return "((" + expr + ") OR " + w + ")"
	}
	return expr
}

// termCond is a term over the terms array: its one-token alternatives as
// one overlap (any of them), a phrase as a containment of its tokens and
// their order checked in the token list. Each use of the array reads it
// again, so a term uses it as few times as it can.
func termCond(alts []search.Alt, a *args) string {
	var any []string
	var conds []string
	for _, alt := range alts {
		need := make([]string, len(alt.Tokens))
		copy(need, alt.Tokens)
		last := len(need) - 1
		if alt.Prefix {
			need[last] = prefixMark + need[last]
		}
		if len(need) == 1 {
			any = append(any, need[0])
			continue
		}
		conds = append(conds, `(s.terms @> `+a.add(need)+` AND s.tokens LIKE `+a.add(phrasePattern(alt))+`)`)
	}
	if len(any) > 0 {
		conds = append([]string{`s.terms && ` + a.add(any)}, conds...)
	}
	if len(conds) == 1 {
		return conds[0]
	}
	return "(" + strings.Join(conds, " OR ") + ")"
}

// phrasePattern is the LIKE pattern of an alternative in the padded token
// list: " a b c " , or " a b c" followed by more of the last token when it
// is a prefix. Tokens hold no LIKE metacharacters (letters, digits, "~").
func phrasePattern(alt search.Alt) string {
	pat := "% " + strings.Join(alt.Tokens, " ")
	if alt.Prefix {
		return pat + "%"
	}
	return pat + " %"
}
