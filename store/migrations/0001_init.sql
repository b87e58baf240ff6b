-- pressclip schema, version 1.
-- Times are UTC text in a fixed-width RFC 3339 form (2026-11-27T05:20:51.000Z)
-- so that they sort as strings, in SQLite and in a PostgreSQL mirror alike.

CREATE TABLE sources (
    name                 TEXT PRIMARY KEY,
    url                  TEXT NOT NULL,
    type                 TEXT NOT NULL DEFAULT 'feed',
    last_attempt         TEXT,
    last_success         TEXT,
    last_error           TEXT,
    error_kind           TEXT,
    http_status          INTEGER,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    items_seen           INTEGER NOT NULL DEFAULT 0,
    new_items_last       INTEGER NOT NULL DEFAULT 0,
    mentions_total       INTEGER NOT NULL DEFAULT 0,
    last_new_item        TEXT,
    last_mention         TEXT
);

-- Every item URL a pass has dealt with, mention or not, so that no page is
-- fetched twice. outcome: mention | no_mention | page_failed (retried on
-- later passes up to a limit).
CREATE TABLE seen_urls (
    url        TEXT PRIMARY KEY,
    source     TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen  TEXT NOT NULL,
    outcome    TEXT NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 1,
    last_error TEXT
);

-- One row per story: what staff review and the newsletter prints.
CREATE TABLE stories (
    id                INTEGER PRIMARY KEY,
    status            TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'approved', 'rejected')),
    line              TEXT NOT NULL,
    line_edited       INTEGER NOT NULL DEFAULT 0,
    representative_id INTEGER,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    reviewed_at       TEXT
);
CREATE INDEX stories_created_at ON stories (created_at);

-- One row per canonical URL that mentions a watch. Copies of one story
-- (same text at another URL) share a story_id; merge_reason says why.
CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
    story_id      INTEGER NOT NULL REFERENCES stories (id),
    source        TEXT NOT NULL,
    outlet        TEXT NOT NULL,
    priority      INTEGER NOT NULL DEFAULT 0,
    url           TEXT NOT NULL,
    canonical_url TEXT NOT NULL UNIQUE,
    title         TEXT NOT NULL,
    text          TEXT NOT NULL,
    text_hash     TEXT NOT NULL,
    published_at  TEXT,
    found_at      TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    author        TEXT NOT NULL DEFAULT '',
    site_name     TEXT NOT NULL DEFAULT '',
    language      TEXT NOT NULL DEFAULT '',
    type          TEXT NOT NULL DEFAULT '',
    wire          TEXT NOT NULL DEFAULT '',
    from_feed     INTEGER NOT NULL DEFAULT 0,
    line          TEXT NOT NULL,
    merge_reason  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX articles_text_hash ON articles (text_hash);
CREATE INDEX articles_story_id ON articles (story_id);

CREATE TABLE mentions (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    watch      TEXT NOT NULL,
    location   TEXT NOT NULL,
    count      INTEGER NOT NULL,
    score      REAL NOT NULL,
    terms      TEXT NOT NULL,
    snippet    TEXT NOT NULL,
    PRIMARY KEY (article_id, watch)
);

CREATE TABLE runs (
    id             INTEGER PRIMARY KEY,
    started_at     TEXT NOT NULL,
    finished_at    TEXT,
    sources_ok     INTEGER NOT NULL DEFAULT 0,
    sources_failed INTEGER NOT NULL DEFAULT 0,
    new_items      INTEGER NOT NULL DEFAULT 0,
    new_mentions   INTEGER NOT NULL DEFAULT 0
);
