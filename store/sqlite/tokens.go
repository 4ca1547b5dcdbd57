package sqlite

import (
	"complaintdesk/store"
	"complaintdesk/store/search"
)

// matchQuery is a query's search as an FTS5 MATCH expression over the
// tokens of store/search, within what the searcher may match of personal
// data; "" when there is nothing to search for.
func matchQuery(q store.Query) string {
	scope := search.Masked
	if q.SearchPII {
		scope = search.Full
	}
	return search.Parse(q.Search, scope).FTS5()
}

// bodyTokens are a case's tokens but its number's (the bulk import adds
// the number's once the case has it).
func bodyTokens(c *store.Case) string {
	n := *c
	n.Number = ""
	return search.Case(&n)
}

// numberTokens are the tokens of a case number.
func numberTokens(number string) string { return search.Public(number) }
