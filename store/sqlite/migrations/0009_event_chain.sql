-- Every event carries when it was entered (beside when it happened), the
-- reason for a late entry, and a hash chaining it to the case's event
-- before it (store.EventHash). The Go step of this migration (chain.go)
-- fills the chain of the events already there, then puts back the
-- append-only trigger.
DROP TRIGGER events_no_update;
ALTER TABLE events ADD COLUMN entered_at  INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN late_reason TEXT    NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN prev_hash   TEXT    NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN hash        TEXT    NOT NULL DEFAULT '';
