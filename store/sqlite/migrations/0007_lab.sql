-- The laboratory's single station: station PINs, the log of who
-- took the station over, notices to roles, and lookups of appeals by
-- report number and of re-tests by blind code.

-- A user's station PIN or password as a salted bcrypt hash: the PIN itself
-- is never stored. Wrong PINs in a row lock the user out for a while.
CREATE TABLE user_pins (
    user         TEXT    PRIMARY KEY REFERENCES users (name),
    hash         TEXT    NOT NULL,
    set_at       INTEGER NOT NULL,
    set_by       TEXT    NOT NULL,
    failures     INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
    locked_until INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Every attempt to take the station over (never the PIN typed).
CREATE TABLE station_switches (
    id        INTEGER PRIMARY KEY,
    at        INTEGER NOT NULL,
    from_user TEXT    NOT NULL,
    to_user   TEXT    NOT NULL,
    ok        INTEGER NOT NULL CHECK (ok IN (0, 1)),
    why       TEXT    NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX station_switches_at ON station_switches (at);

-- A role told of an event (policy notify) until one of its users opens
-- the case.
CREATE TABLE notices (
    id       INTEGER PRIMARY KEY,
    case_id  INTEGER NOT NULL REFERENCES cases (id),
    event_id INTEGER NOT NULL REFERENCES events (id),
    role     TEXT    NOT NULL,
    action   TEXT    NOT NULL,
    actor    TEXT    NOT NULL,
    at       INTEGER NOT NULL,
    read_at  INTEGER NOT NULL DEFAULT 0,
    read_by  TEXT    NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX notices_unread ON notices (role, at) WHERE read_at = 0;
CREATE INDEX notices_case ON notices (case_id, role);
CREATE INDEX notices_event ON notices (event_id);

-- Appeals by the report they dispute, re-tests by the sample's blind code.
CREATE INDEX cases_field_report ON cases (json_extract(fields, '$.report'))
    WHERE json_extract(fields, '$.report') IS NOT NULL;
CREATE INDEX cases_field_blind_code ON cases (json_extract(fields, '$.blind_code'))
    WHERE json_extract(fields, '$.blind_code') IS NOT NULL;
