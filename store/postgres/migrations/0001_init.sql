-- The desk on PostgreSQL: the schema of store/sqlite's migrations 0001-0012
-- as it stands after them. Times are Unix milliseconds (UTC), as there, so
-- both stores read and write the same values. Derived due fields are
-- rewritten in the same transaction as every event. Text that lists are
-- ordered by is COLLATE "C": byte order, as SQLite orders, whatever the
-- database's locale.

CREATE TABLE cases (
    id              bigserial PRIMARY KEY,
    number          text    NOT NULL UNIQUE,
    version         bigint  NOT NULL DEFAULT 1 CHECK (version >= 1),
    idem_key        text    UNIQUE,
    source          text    NOT NULL DEFAULT '',
    source_id       text    NOT NULL DEFAULT '',
    received_at     bigint  NOT NULL,
    registered_at   bigint  NOT NULL,
    updated_at      bigint  NOT NULL,
    created_by      text    NOT NULL,
    channel         text    NOT NULL,
    nature          text    NOT NULL,
    category        text    NOT NULL DEFAULT '',
    grade           text    COLLATE "C" NOT NULL,
    grade_reason    text    NOT NULL DEFAULT '',
    status          text    COLLATE "C" NOT NULL,
    is_open         boolean NOT NULL,
    content         text    NOT NULL,
    demand          text    NOT NULL DEFAULT '',
    subject         text    NOT NULL DEFAULT '',
    collective_size integer NOT NULL DEFAULT 1 CHECK (collective_size >= 1),
    department      text    NOT NULL DEFAULT '',
    handler         text    COLLATE "C" NOT NULL DEFAULT '',
    expected_by     bigint  NOT NULL DEFAULT 0,
    resolution      text    NOT NULL DEFAULT '',
    reply           text    NOT NULL DEFAULT '',
    satisfaction    integer NOT NULL DEFAULT 0 CHECK (satisfaction BETWEEN 0 AND 5),
    reopen_count    integer NOT NULL DEFAULT 0,
    training        boolean NOT NULL DEFAULT false,
    acknowledged_at bigint  NOT NULL DEFAULT 0,
    resolved_at     bigint  NOT NULL DEFAULT 0,
    closed_at       bigint  NOT NULL DEFAULT 0,
    revisited_at    bigint  NOT NULL DEFAULT 0,
    -- next_due and next_warn are 9223372036854775807 when no clock runs, so
    -- one index orders the queue by nearest deadline with finished cases last.
    next_due        bigint  NOT NULL DEFAULT 9223372036854775807,
    next_due_start  bigint  NOT NULL DEFAULT 0,
    next_clock      text    NOT NULL DEFAULT '',
    next_warn       bigint  NOT NULL DEFAULT 9223372036854775807,
    escalation      text    NOT NULL DEFAULT '',
    crisis          boolean NOT NULL DEFAULT false,
    fields          jsonb   NOT NULL DEFAULT '{}'
);

CREATE INDEX cases_due ON cases (next_due, id);
CREATE INDEX cases_handler_due ON cases (is_open, handler, next_due, id);
CREATE INDEX cases_clock_due ON cases (next_clock, next_due, id);
CREATE INDEX cases_received ON cases (received_at, id);
CREATE INDEX cases_status_due ON cases (status, next_due, id);
CREATE INDEX cases_grade_due ON cases (grade, next_due, id);
CREATE INDEX cases_warn ON cases (next_warn, next_due, id);
CREATE INDEX cases_handler_warn ON cases (handler, next_warn, next_due, id);
CREATE INDEX cases_department_due ON cases (department, next_due, id);
CREATE INDEX cases_escalation ON cases (escalation, next_due, id) WHERE escalation <> '' AND is_open;
CREATE INDEX cases_crisis ON cases (next_due, id) WHERE crisis AND is_open;
CREATE INDEX cases_similar ON cases (category, subject, received_at) WHERE subject <> '';
CREATE INDEX cases_open_grade_status ON cases (grade, status) WHERE is_open;
CREATE INDEX cases_open_handler ON cases (handler, received_at, next_due) WHERE is_open;
CREATE INDEX cases_closed ON cases (closed_at) WHERE closed_at <> 0;
-- One case per row of an import source.
CREATE UNIQUE INDEX cases_source_id ON cases (source, source_id) WHERE source <> '';
-- Appeals by the report they dispute, re-tests by the sample's blind code,
-- and the grade changes requested (the approvals tab).
CREATE INDEX cases_field_report ON cases ((fields ->> 'report')) WHERE fields ? 'report';
CREATE INDEX cases_field_blind_code ON cases ((fields ->> 'blind_code')) WHERE fields ? 'blind_code';
CREATE INDEX cases_grade_requested ON cases (id) WHERE fields ? 'grade_requested';

CREATE TABLE complainants (
    id           bigserial PRIMARY KEY,
    case_id      bigint  NOT NULL REFERENCES cases (id),
    position     integer NOT NULL,
    name         text    NOT NULL DEFAULT '',
    phone        text    NOT NULL DEFAULT '',
    email        text    NOT NULL DEFAULT '',
    address      text    NOT NULL DEFAULT '',
    org          text    NOT NULL DEFAULT '',
    anonymous    boolean NOT NULL DEFAULT false,
    callback     text    NOT NULL DEFAULT '',
    callback_at  bigint  NOT NULL DEFAULT 0,
    satisfaction integer NOT NULL DEFAULT 0 CHECK (satisfaction BETWEEN 0 AND 5),
    UNIQUE (case_id, position)
);

CREATE INDEX complainants_phone ON complainants (phone, case_id) WHERE phone <> '';

-- Search: the tokens of store/search, the same as SQLite's FTS5 index
-- holds. tokens is the case's token list with a space before and after
-- each (phrases are checked in it); terms is every distinct token and, with
-- a "*" in front, every prefix of one: a term of a query is then an array
-- containment the GIN index answers (see search.go).
CREATE TABLE case_search (
    case_id bigint PRIMARY KEY REFERENCES cases (id),
    tokens  text   NOT NULL,
    terms   text[] NOT NULL
);

-- The arrays are kept out of the rows (TOAST) and the token lists in
-- them compressed (about 400 bytes): a search matching many cases reads
-- their rows to count them, where the index alone says which match (an
-- overlap needs no recheck) and a phrase is checked in the token list
-- without a fetch from TOAST. A look-up reads the index, never the table
-- (search in tx.go).
ALTER TABLE case_search ALTER COLUMN terms SET STORAGE EXTERNAL, ALTER COLUMN tokens SET STORAGE MAIN;
ALTER TABLE case_search SET (toast_tuple_target = 128);

-- A short pending list (256 kB): a query reads all of it, and while it
-- is long the planner expects the index to cost more than reading every
-- row (112 ms instead of 0.1 ms on 1,500 cases after a bulk load).
CREATE INDEX case_search_terms ON case_search USING gin (terms) WITH (gin_pending_list_limit = 256);

CREATE TABLE events (
    id          bigserial PRIMARY KEY,
    case_id     bigint NOT NULL REFERENCES cases (id),
    at          bigint NOT NULL,
    actor       text   NOT NULL,
    action      text   NOT NULL,
    reason      text   NOT NULL DEFAULT '',
    note        text   NOT NULL DEFAULT '',
    before      jsonb  NOT NULL DEFAULT '{}',
    after       jsonb  NOT NULL DEFAULT '{}',
    entered_at  bigint NOT NULL DEFAULT 0,
    late_reason text   NOT NULL DEFAULT '',
    prev_hash   text   NOT NULL DEFAULT '',
    hash        text   NOT NULL DEFAULT ''
);

CREATE INDEX events_case ON events (case_id, id);
-- desk audit --user NAME: the reveals of one user.
CREATE INDEX events_reveal_actor ON events (actor, id) WHERE action = 'reveal';

-- History is append-only: nothing is ever changed or deleted.
CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'events are append-only';
END
$$;
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
    FOR EACH ROW EXECUTE FUNCTION events_append_only();
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION events_append_only();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION events_append_only();

-- Case numbers: the last sequence number given out each day.
CREATE TABLE case_seq (
    day  text    PRIMARY KEY,
    last integer NOT NULL
);

CREATE TABLE drafts (
    "user"     text   NOT NULL,
    key        text   NOT NULL,
    data       text   NOT NULL,
    updated_at bigint NOT NULL,
    PRIMARY KEY ("user", key)
);

CREATE TABLE users (
    name       text    COLLATE "C" PRIMARY KEY,
    role       text    NOT NULL,
    os_login   text    UNIQUE,
    disabled   boolean NOT NULL DEFAULT false,
    lang       text    NOT NULL DEFAULT '',
    created_at bigint  NOT NULL
);

CREATE TABLE calendar_years (
    year      integer PRIMARY KEY,
    text      text    NOT NULL,
    loaded_at bigint  NOT NULL,
    loaded_by text    NOT NULL
);

CREATE TABLE policy (
    id        integer PRIMARY KEY CHECK (id = 1),
    name      text    NOT NULL,
    text      text    NOT NULL,
    loaded_at bigint  NOT NULL,
    loaded_by text    NOT NULL
);

-- Related cases, stored both ways.
CREATE TABLE case_links (
    case_id    bigint NOT NULL REFERENCES cases (id),
    other_id   bigint NOT NULL REFERENCES cases (id),
    created_at bigint NOT NULL,
    created_by text   NOT NULL,
    reason     text   NOT NULL DEFAULT '',
    PRIMARY KEY (case_id, other_id),
    CHECK (case_id <> other_id)
);

CREATE INDEX case_links_other ON case_links (other_id, case_id);

-- SSH public keys: a key logs in as exactly one user.
CREATE TABLE user_keys (
    fingerprint text   COLLATE "C" PRIMARY KEY,
    "user"      text   COLLATE "C" NOT NULL REFERENCES users (name),
    type        text   NOT NULL,
    key         text   NOT NULL,
    comment     text   NOT NULL DEFAULT '',
    added_at    bigint NOT NULL,
    added_by    text   NOT NULL DEFAULT ''
);

CREATE INDEX user_keys_user ON user_keys ("user");

-- A month's revisit sample ("2026-10"), or the quality inspection's
-- ("inspection:2026-10"); drawing again replaces it.
CREATE TABLE revisit_samples (
    month      text   COLLATE "C" PRIMARY KEY CHECK (month ~ '^(inspection:)?[0-9]{4}-[0-1][0-9]$'),
    seed       text   NOT NULL,
    ratio      double precision NOT NULL CHECK (ratio > 0 AND ratio <= 1),
    population integer NOT NULL CHECK (population >= 0),
    drawn_at   bigint NOT NULL,
    drawn_by   text   NOT NULL
);

CREATE TABLE revisit_sample_cases (
    month    text    COLLATE "C" NOT NULL REFERENCES revisit_samples (month) ON DELETE CASCADE,
    case_id  bigint  NOT NULL REFERENCES cases (id),
    position integer NOT NULL,
    PRIMARY KEY (month, case_id)
);

CREATE INDEX revisit_sample_cases_case ON revisit_sample_cases (case_id);

CREATE TABLE report_filings (
    id       bigserial PRIMARY KEY,
    month    text   NOT NULL CHECK (month ~ '^[0-9]{4}-[0-1][0-9]$'),
    filed_at bigint NOT NULL,
    filed_by text   NOT NULL,
    how      text   NOT NULL CHECK (how IN ('file', 'write')),
    path     text   NOT NULL DEFAULT '',
    format   text   NOT NULL DEFAULT '',
    snapshot text   NOT NULL DEFAULT ''
);

CREATE INDEX report_filings_month ON report_filings (month, id);

-- The laboratory's station PINs (bcrypt hashes), its log and notices.
CREATE TABLE user_pins (
    "user"       text    COLLATE "C" PRIMARY KEY REFERENCES users (name),
    hash         text    NOT NULL,
    set_at       bigint  NOT NULL,
    set_by       text    NOT NULL,
    failures     integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
    locked_until bigint  NOT NULL DEFAULT 0
);

CREATE TABLE station_switches (
    id        bigserial PRIMARY KEY,
    at        bigint  NOT NULL,
    from_user text    NOT NULL,
    to_user   text    NOT NULL,
    ok        boolean NOT NULL,
    why       text    NOT NULL DEFAULT ''
);

CREATE INDEX station_switches_at ON station_switches (at);

CREATE TABLE notices (
    id       bigserial PRIMARY KEY,
    case_id  bigint NOT NULL REFERENCES cases (id),
    event_id bigint NOT NULL REFERENCES events (id),
    role     text   NOT NULL,
    action   text   NOT NULL,
    actor    text   NOT NULL,
    at       bigint NOT NULL,
    read_at  bigint NOT NULL DEFAULT 0,
    read_by  text   NOT NULL DEFAULT ''
);

CREATE INDEX notices_unread ON notices (role, at) WHERE read_at = 0;
CREATE INDEX notices_case ON notices (case_id, role);
CREATE INDEX notices_event ON notices (event_id);

-- Up to when breaches were swept.
CREATE TABLE sweep_mark (
    id   integer PRIMARY KEY CHECK (id = 1),
    upto bigint  NOT NULL
);

-- The change feed: every write transaction bumps n first (which also
-- makes the writers of all processes take turns, as SQLite's one writer
-- does) and notifies the listeners (store.DataVersion).
CREATE TABLE desk_changes (
    id integer PRIMARY KEY CHECK (id = 1),
    n  bigint  NOT NULL
);
INSERT INTO desk_changes (id, n) VALUES (1, 0);
