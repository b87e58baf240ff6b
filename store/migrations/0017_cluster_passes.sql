-- Passes shared by workers on many machines (issue 19). A pass is keyed
-- (the minute cron started it, or a schedule's time): the first worker
-- to start it opens its run and lists its due sources here; each source
-- is then fetched by one worker (a job of the queue), which records its
-- outcome; the one that records the last finishes the run. On SQLite the
-- tables stay empty (one process, one pass).
CREATE TABLE cluster_passes (
    key    TEXT PRIMARY KEY,
    run_id INTEGER NOT NULL
);
CREATE TABLE run_sources (
    run_id       INTEGER NOT NULL,
    source       TEXT NOT NULL,
    state        TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'ok', 'failed', 'skipped')),
    new_items    INTEGER NOT NULL DEFAULT 0,
    new_mentions INTEGER NOT NULL DEFAULT 0,
    worker       TEXT NOT NULL DEFAULT '',
    finished_at  TEXT,
    PRIMARY KEY (run_id, source)
);
