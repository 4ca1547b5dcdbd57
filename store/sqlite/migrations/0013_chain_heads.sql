-- Each case's last event as it was written (its id and hash), kept by a
-- trigger on every insert into events: desk check compares it with the
-- history it finds, so a tail of events removed round the append-only
-- guards is named, as a changed or removed event in the middle is by the
-- hash chain (red team 9).
CREATE TABLE chain_heads (
    case_id  INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL,
    hash     TEXT    NOT NULL
) STRICT;

INSERT INTO chain_heads (case_id, event_id, hash)
    SELECT e.case_id, e.id, e.hash FROM events e
    JOIN (SELECT case_id, max(id) AS id FROM events GROUP BY case_id) last ON last.id = e.id;

CREATE TRIGGER events_chain_head AFTER INSERT ON events
BEGIN
    INSERT INTO chain_heads (case_id, event_id, hash) VALUES (NEW.case_id, NEW.id, NEW.hash)
        ON CONFLICT (case_id) DO UPDATE SET event_id = excluded.event_id, hash = excluded.hash
        WHERE excluded.event_id > chain_heads.event_id;
END;
