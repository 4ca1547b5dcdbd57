-- A masked role's look-ups by a whole phone or name, found or not
-- (store.LookupTx): the limit of distinct values a user tries in an hour
-- counts them here, across every process, and desk audit lists the
-- misses. The value is kept masked; its hash, which tells values apart,
-- is cleared once out of the hour (hash '').
CREATE TABLE lookups (
    id     INTEGER PRIMARY KEY,
    user   TEXT    NOT NULL,
    at     INTEGER NOT NULL,
    hash   TEXT    NOT NULL,
    masked TEXT    NOT NULL,
    found  INTEGER NOT NULL
) STRICT;

CREATE INDEX lookups_user_at ON lookups (user, at);
CREATE INDEX lookups_hashed ON lookups (at) WHERE hash != '';
