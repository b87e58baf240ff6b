-- The review page: full-text search over articles, and the memory of
-- exports so that a story goes out once.

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text,
    content = 'articles', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');

-- One row per export marked as sent: its period and format.
CREATE TABLE exports (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    period_from TEXT,
    period_to   TEXT,
    format      TEXT NOT NULL,
    stories     INTEGER NOT NULL
);
-- The export a story went out in (NULL: not yet).
ALTER TABLE stories ADD COLUMN export_id INTEGER REFERENCES exports (id);
CREATE INDEX stories_export ON stories (export_id);
CREATE INDEX articles_found_at ON articles (found_at);
