-- SSH public keys of desk users (desk users keys add): a key logs in as
-- exactly one user, found by its SHA256 fingerprint at every login.
CREATE TABLE user_keys (
    fingerprint TEXT    PRIMARY KEY,
    user        TEXT    NOT NULL REFERENCES users (name),
    type        TEXT    NOT NULL,
    key         TEXT    NOT NULL,
    comment     TEXT    NOT NULL DEFAULT '',
    added_at    INTEGER NOT NULL,
    added_by    TEXT    NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX user_keys_user ON user_keys (user);

-- desk audit --user NAME: the reveals of personal data by one user, without
-- reading every event of the desk. Only reveal events are in the index, so
-- it costs the other events nothing.
CREATE INDEX events_reveal_actor ON events (actor, id) WHERE action = 'reveal';
