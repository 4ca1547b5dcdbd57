-- A masked role's look-ups by a whole phone or name, found or not
-- (store.LookupTx; store/sqlite's migration 0014): the limit of distinct
-- values a user tries in an hour counts them here, across every process,
-- and desk audit lists the misses. The value is kept masked; its hash,
-- which tells values apart, is cleared once out of the hour (hash '').
CREATE TABLE lookups (
    id     bigserial PRIMARY KEY,
    "user" text   COLLATE "C" NOT NULL,
    at     bigint NOT NULL,
    hash   text   NOT NULL,
    masked text   NOT NULL,
    found  integer NOT NULL
);

CREATE INDEX lookups_user_at ON lookups ("user", at);
CREATE INDEX lookups_hashed ON lookups (at) WHERE hash <> '';
