-- Complaint handling: escalation, crisis, warnings, callbacks of
-- each complainant and related cases.

-- The level a case was escalated to ('' = not escalated) and the crisis
-- flag (media coverage notifies management).
ALTER TABLE cases ADD COLUMN escalation TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN crisis INTEGER NOT NULL DEFAULT 0 CHECK (crisis IN (0, 1));
-- When the nearest running clock reaches its warning threshold (warn_at of
-- its allowance, in working time for working-day clocks); like next_due it
-- is 9223372036854775807 when no clock runs, and derived with every event.
ALTER TABLE cases ADD COLUMN next_warn INTEGER NOT NULL DEFAULT 9223372036854775807;

-- Warnings of every session: by threshold, and by handler for agents.
CREATE INDEX cases_warn ON cases (next_warn, next_due, id);
CREATE INDEX cases_handler_warn ON cases (handler, next_warn, next_due, id);
-- The department's queue.
CREATE INDEX cases_department_due ON cases (department, next_due, id);
-- Escalated and crisis cases still open.
CREATE INDEX cases_escalation ON cases (escalation, next_due, id) WHERE escalation <> '' AND is_open = 1;
CREATE INDEX cases_crisis ON cases (next_due, id) WHERE crisis = 1 AND is_open = 1;
-- The same complaint from other people: category and subject within a month.
CREATE INDEX cases_similar ON cases (category, subject, received_at) WHERE subject <> '';

-- Each complainant's last contact outcome and satisfaction (collective complaints).
ALTER TABLE complainants ADD COLUMN callback TEXT NOT NULL DEFAULT '';
ALTER TABLE complainants ADD COLUMN callback_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE complainants ADD COLUMN satisfaction INTEGER NOT NULL DEFAULT 0 CHECK (satisfaction BETWEEN 0 AND 5);

-- Related cases, stored both ways. Unlinking deletes the pair; the history
-- of both cases keeps the link and unlink events.
CREATE TABLE case_links (
    case_id    INTEGER NOT NULL REFERENCES cases (id),
    other_id   INTEGER NOT NULL REFERENCES cases (id),
    created_at INTEGER NOT NULL,
    created_by TEXT    NOT NULL,
    reason     TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (case_id, other_id),
    CHECK (case_id <> other_id)
) STRICT;

CREATE INDEX case_links_other ON case_links (other_id, case_id);
