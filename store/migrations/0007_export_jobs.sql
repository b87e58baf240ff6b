-- The scheduled export jobs' last runs that went through: the next run
-- starts its period there (a weekend or a stopped serve leaves no gap),
-- and serve catches up a run it missed.
CREATE TABLE export_jobs (
    name     TEXT PRIMARY KEY,
    last_run TEXT NOT NULL
);
