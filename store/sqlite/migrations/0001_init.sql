-- The desk's first schema. Times are Unix milliseconds (UTC). Derived due
-- fields are rewritten in the same transaction as every event.

CREATE TABLE cases (
    id              INTEGER PRIMARY KEY,
    number          TEXT    NOT NULL UNIQUE,
    version         INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    idem_key        TEXT    UNIQUE,
    source          TEXT    NOT NULL DEFAULT '',
    source_id       TEXT    NOT NULL DEFAULT '',
    received_at     INTEGER NOT NULL,
    registered_at   INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    created_by      TEXT    NOT NULL,
    channel         TEXT    NOT NULL,
    nature          TEXT    NOT NULL,
    category        TEXT    NOT NULL DEFAULT '',
    grade           TEXT    NOT NULL,
    grade_reason    TEXT    NOT NULL DEFAULT '',
    status          TEXT    NOT NULL,
    is_open         INTEGER NOT NULL CHECK (is_open IN (0, 1)),
    content         TEXT    NOT NULL,
    demand          TEXT    NOT NULL DEFAULT '',
    subject         TEXT    NOT NULL DEFAULT '',
    collective_size INTEGER NOT NULL DEFAULT 1 CHECK (collective_size >= 1),
    department      TEXT    NOT NULL DEFAULT '',
    handler         TEXT    NOT NULL DEFAULT '',
    expected_by     INTEGER NOT NULL DEFAULT 0,
    resolution      TEXT    NOT NULL DEFAULT '',
    reply           TEXT    NOT NULL DEFAULT '',
    satisfaction    INTEGER NOT NULL DEFAULT 0 CHECK (satisfaction BETWEEN 0 AND 5),
    reopen_count    INTEGER NOT NULL DEFAULT 0,
    training        INTEGER NOT NULL DEFAULT 0 CHECK (training IN (0, 1)),
    acknowledged_at INTEGER NOT NULL DEFAULT 0,
    resolved_at     INTEGER NOT NULL DEFAULT 0,
    closed_at       INTEGER NOT NULL DEFAULT 0,
    revisited_at    INTEGER NOT NULL DEFAULT 0,
    -- next_due is 9223372036854775807 when no clock runs, so one index
    -- orders the queue by nearest deadline with finished cases last.
    next_due        INTEGER NOT NULL DEFAULT 9223372036854775807,
    next_due_start  INTEGER NOT NULL DEFAULT 0,
    next_clock      TEXT    NOT NULL DEFAULT '',
    fields          TEXT    NOT NULL DEFAULT '{}'
) STRICT;

CREATE INDEX cases_due ON cases (next_due, id);
CREATE INDEX cases_handler_due ON cases (is_open, handler, next_due, id);
CREATE INDEX cases_clock_due ON cases (next_clock, next_due, id);
CREATE INDEX cases_received ON cases (received_at, id);
CREATE INDEX cases_status ON cases (status);
CREATE INDEX cases_source ON cases (source, source_id) WHERE source <> '';

CREATE TABLE complainants (
    id        INTEGER PRIMARY KEY,
    case_id   INTEGER NOT NULL REFERENCES cases (id),
    position  INTEGER NOT NULL,
    name      TEXT    NOT NULL DEFAULT '',
    phone     TEXT    NOT NULL DEFAULT '',
    email     TEXT    NOT NULL DEFAULT '',
    address   TEXT    NOT NULL DEFAULT '',
    org       TEXT    NOT NULL DEFAULT '',
    anonymous INTEGER NOT NULL DEFAULT 0 CHECK (anonymous IN (0, 1)),
    UNIQUE (case_id, position)
) STRICT;

CREATE INDEX complainants_phone ON complainants (phone, case_id) WHERE phone <> '';

-- Search: a contentless FTS5 index over tokens the store makes itself
-- (CJK bigrams, digit-run suffixes, words), so 2-character Chinese words
-- and partial phone numbers both match through the index.
CREATE VIRTUAL TABLE case_search USING fts5 (
    tokens,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE events (
    id      INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    at      INTEGER NOT NULL,
    actor   TEXT    NOT NULL,
    action  TEXT    NOT NULL,
    reason  TEXT    NOT NULL DEFAULT '',
    note    TEXT    NOT NULL DEFAULT '',
    before  TEXT    NOT NULL DEFAULT '{}',
    after   TEXT    NOT NULL DEFAULT '{}'
) STRICT;

CREATE INDEX events_case ON events (case_id, id);

-- History is append-only: nothing is ever changed or deleted.
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

CREATE TABLE case_seq (
    day  TEXT    PRIMARY KEY,
    last INTEGER NOT NULL
) STRICT;

CREATE TABLE drafts (
    user       TEXT    NOT NULL,
    key        TEXT    NOT NULL,
    data       TEXT    NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (user, key)
) STRICT;

CREATE TABLE users (
    name       TEXT    PRIMARY KEY,
    role       TEXT    NOT NULL,
    os_login   TEXT    UNIQUE,
    disabled   INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    lang       TEXT    NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE calendar_years (
    year      INTEGER PRIMARY KEY,
    text      TEXT    NOT NULL,
    loaded_at INTEGER NOT NULL,
    loaded_by TEXT    NOT NULL
) STRICT;

CREATE TABLE policy (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    name      TEXT    NOT NULL,
    text      TEXT    NOT NULL,
    loaded_at INTEGER NOT NULL,
    loaded_by TEXT    NOT NULL
) STRICT;
