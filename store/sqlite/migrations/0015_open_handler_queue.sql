-- The handler's queue (the mine and unassigned tabs, a handler's breaches)
-- only ever reads open cases: its index holds only them. A bulk job (desk
-- demo, desk import) writes mostly finished cases, each of which cost this
-- index an insert (about 5 µs of the writer's time at 100,000 cases).
DROP INDEX cases_handler_due;
CREATE INDEX cases_handler_due ON cases (handler, next_due, id) WHERE is_open = 1;
