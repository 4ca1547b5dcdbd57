-- Each case's last event as it was written (its id and hash), kept by a
-- trigger on every insert into events (COPY included): desk check compares
-- it with the history it finds, so a tail of events removed round the
-- append-only guards is named (store/sqlite's migration 0013).
CREATE TABLE chain_heads (
    case_id  bigint PRIMARY KEY,
    event_id bigint NOT NULL,
    hash     text   NOT NULL
);

INSERT INTO chain_heads (case_id, event_id, hash)
    SELECT DISTINCT ON (case_id) case_id, id, hash FROM events ORDER BY case_id, id DESC;

CREATE FUNCTION events_chain_head() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO chain_heads (case_id, event_id, hash) VALUES (NEW.case_id, NEW.id, NEW.hash)
        ON CONFLICT (case_id) DO UPDATE SET event_id = excluded.event_id, hash = excluded.hash
        WHERE excluded.event_id > chain_heads.event_id;
    RETURN NULL;
END $$;

CREATE TRIGGER events_chain_head AFTER INSERT ON events
    FOR EACH ROW EXECUTE FUNCTION events_chain_head();
