-- Personal data is indexed in its own namespace ("~" tokens, store/search),
-- so a role that sees names and phones masked never matches a fragment of
-- them. "~" becomes a token character; the Go step of this migration
-- (reindex in chain.go's goSteps) indexes every case again.
DROP TABLE case_search;
CREATE VIRTUAL TABLE case_search USING fts5 (
    tokens,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2 tokenchars ''~'''
);
INSERT INTO case_search (case_search, rank) VALUES ('automerge', 0);
