-- Source state for conditional GET, discovery, backoff and health.
ALTER TABLE sources ADD COLUMN etag TEXT;
ALTER TABLE sources ADD COLUMN last_modified TEXT;
-- The feed a home page named (feed sources given a site's home page).
ALTER TABLE sources ADD COLUMN feed_url TEXT;
-- A failing or rate-limited source is not fetched before this time.
ALTER TABLE sources ADD COLUMN next_attempt_at TEXT;
ALTER TABLE sources ADD COLUMN avg_latency_ms REAL;
ALTER TABLE sources ADD COLUMN successes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN not_modified_last INTEGER NOT NULL DEFAULT 0;
-- How often new items arrive: passes that found new items since the first.
ALTER TABLE sources ADD COLUMN first_new_item TEXT;
ALTER TABLE sources ADD COLUMN new_item_passes INTEGER NOT NULL DEFAULT 0;
