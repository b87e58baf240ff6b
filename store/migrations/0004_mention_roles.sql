-- What a mention says about the organization, and whether it is below its
-- watch's minimum score.
ALTER TABLE mentions ADD COLUMN role TEXT NOT NULL DEFAULT 'mention';
ALTER TABLE mentions ADD COLUMN low INTEGER NOT NULL DEFAULT 0;
-- Byte ranges of the matched words in the snippet, as JSON [[start,end],…].
ALTER TABLE mentions ADD COLUMN marks TEXT NOT NULL DEFAULT '[]';
CREATE INDEX mentions_watch ON mentions (watch);
