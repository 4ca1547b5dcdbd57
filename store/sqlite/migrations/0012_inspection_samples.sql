-- The quality inspection's monthly sample (004 第十一条) is kept with the
-- revisit samples, under "inspection:" and its month: the key's check
-- allows both. SQLite changes a check only by making the table again;
-- the sampled cases' table is made again with it (the child first out,
-- so that dropping the samples deletes nothing through the cascade).
CREATE TABLE revisit_samples_v2 (
    month      TEXT    PRIMARY KEY CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'
                                          OR month GLOB 'inspection:[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    seed       TEXT    NOT NULL,
    ratio      REAL    NOT NULL CHECK (ratio > 0 AND ratio <= 1),
    population INTEGER NOT NULL CHECK (population >= 0),
    drawn_at   INTEGER NOT NULL,
    drawn_by   TEXT    NOT NULL
) STRICT;
INSERT INTO revisit_samples_v2 (month, seed, ratio, population, drawn_at, drawn_by)
    SELECT month, seed, ratio, population, drawn_at, drawn_by FROM revisit_samples;

CREATE TABLE revisit_sample_cases_v2 (
    month    TEXT    NOT NULL REFERENCES revisit_samples_v2 (month) ON DELETE CASCADE,
    case_id  INTEGER NOT NULL REFERENCES cases (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (month, case_id)
) STRICT;
INSERT INTO revisit_sample_cases_v2 (month, case_id, position)
    SELECT month, case_id, position FROM revisit_sample_cases;

DROP TABLE revisit_sample_cases;
DROP TABLE revisit_samples;
ALTER TABLE revisit_samples_v2 RENAME TO revisit_samples;
ALTER TABLE revisit_sample_cases_v2 RENAME TO revisit_sample_cases;
CREATE INDEX revisit_sample_cases_case ON revisit_sample_cases (case_id);
