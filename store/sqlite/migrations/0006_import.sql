-- Imports (desk import): one case per row of a source. The original id of
-- an imported row is unique within its source, so importing a file twice
-- adds nothing the second time, even from two processes at once. Cases
-- registered at the desk have source '' and are not in the index.
DROP INDEX IF EXISTS cases_source;
CREATE UNIQUE INDEX cases_source_id ON cases (source, source_id) WHERE source <> '';
