-- Queue filters, sorts and search at a million cases (docs/benchmarks.md).
-- A status or grade filter reads its cases in deadline order from an index,
-- and the grade sort reads the grade index in order, instead of sorting
-- every matching case ("revisited" is most of an old desk). cases_status is
-- a prefix of the new status index.
DROP INDEX cases_status;
CREATE INDEX cases_status_due ON cases (status, next_due, id);
CREATE INDEX cases_grade_due ON cases (grade, next_due, id);

-- The search index is merged in the background between commits (see
-- mergeLoop in sqlite.go), not by FTS5's automerge inside a registration.
INSERT INTO case_search (case_search, rank) VALUES ('automerge', 0);
