-- A page that gave only part of its article (a paywall teaser).
ALTER TABLE articles ADD COLUMN partial INTEGER NOT NULL DEFAULT 0;
