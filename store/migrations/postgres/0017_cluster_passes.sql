-- Passes shared by workers on many machines (issue 19): see the SQLite
-- migration of the same number.
CREATE TABLE cluster_passes (
    key    TEXT COLLATE "C" PRIMARY KEY,
    run_id BIGINT NOT NULL
);
CREATE TABLE run_sources (
    run_id       BIGINT NOT NULL,
    source       TEXT COLLATE "C" NOT NULL,
    state        TEXT COLLATE "C" NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'ok', 'failed', 'skipped')),
    new_items    BIGINT NOT NULL DEFAULT 0,
    new_mentions BIGINT NOT NULL DEFAULT 0,
    worker       TEXT COLLATE "C" NOT NULL DEFAULT '',
    finished_at  TEXT COLLATE "C",
    PRIMARY KEY (run_id, source)
);
