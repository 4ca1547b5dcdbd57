-- Reports: the supervisor's dashboard, the revisit sample and the
-- filing of the monthly statistics report.

-- The dashboard counts the open cases by grade and status and each
-- handler's open and overdue cases with the oldest: small partial indexes
-- of the open cases answer both without reading the cases (a million-case
-- desk has a few tens of thousands open).
CREATE INDEX cases_open_grade_status ON cases (grade, status) WHERE is_open = 1;
CREATE INDEX cases_open_handler ON cases (handler, received_at, next_due) WHERE is_open = 1;

-- A month's revisit sample: at least the policy's share of the cases
-- closed in the month, drawn at random with a seed that is kept, so the
-- same seed draws the same cases again. Redrawing replaces the month's
-- sample.
CREATE TABLE revisit_samples (
    month      TEXT    PRIMARY KEY CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    seed       TEXT    NOT NULL,
    ratio      REAL    NOT NULL CHECK (ratio > 0 AND ratio <= 1),
    population INTEGER NOT NULL CHECK (population >= 0),
    drawn_at   INTEGER NOT NULL,
    drawn_by   TEXT    NOT NULL
) STRICT;

CREATE TABLE revisit_sample_cases (
    month    TEXT    NOT NULL REFERENCES revisit_samples (month) ON DELETE CASCADE,
    case_id  INTEGER NOT NULL REFERENCES cases (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (month, case_id)
) STRICT;

CREATE INDEX revisit_sample_cases_case ON revisit_sample_cases (case_id);

-- Each time a month's statistics report was filed (desk report file, or
-- the report written to a file), with the report as it was then.
CREATE TABLE report_filings (
    id       INTEGER PRIMARY KEY,
    month    TEXT    NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    filed_at INTEGER NOT NULL,
    filed_by TEXT    NOT NULL,
    how      TEXT    NOT NULL CHECK (how IN ('file', 'write')),
    path     TEXT    NOT NULL DEFAULT '',
    format   TEXT    NOT NULL DEFAULT '',
    snapshot TEXT    NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX report_filings_month ON report_filings (month, id);
