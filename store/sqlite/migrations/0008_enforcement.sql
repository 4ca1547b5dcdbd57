-- Escalation on breach is durable: the sweep goes on from where the last
-- one of any process stopped, so a desk only the command line uses (desk
-- sweep from cron) misses no breach, however long nobody looked.
CREATE TABLE sweep_mark (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    upto INTEGER NOT NULL
) STRICT;
