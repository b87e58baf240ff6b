-- Story IDs that never come back: stories are deleted (retention, pruned
-- rejections), and without AUTOINCREMENT SQLite hands the highest ID out
-- again after the newest row is deleted. A digest export's watermark
-- (export_jobs.last_story) needs IDs that only grow: the last one handed
-- out is kept here, and each new story takes the next in the same
-- transaction.
CREATE TABLE story_sequence (
    one  INTEGER PRIMARY KEY CHECK (one = 1),
    last INTEGER NOT NULL
);
INSERT INTO story_sequence (one, last) SELECT 1, COALESCE(MAX(id), 0) FROM stories;
