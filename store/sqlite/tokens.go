package sqlite

import (
	"complaintdesk/store"
	"complaintdesk/store/search"
)

// matchQuery is a query's search as an FTS5 MATCH expression over the
// tokens of store/search, within what the searcher may match of personal
// data; "" when there is nothing to search for.
func matchQuery(q store.Query) string { return parseQuery(q).FTS5() }

// parseQuery is a query's search within what the searcher may match of
// personal data.
func parseQuery(q store.Query) search.Query {
	scope := search.Masked
	if q.SearchPII {
		scope = search.Full
	}
	return search.Parse(q.Search, scope)
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
