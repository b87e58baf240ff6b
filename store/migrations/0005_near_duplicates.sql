-- Near-duplicate detection (package dedup) and the credit of each story.

-- The article's line credited to its wire agency ("AFP reported that…"),
-- drafted when its page carries an agency byline.
ALTER TABLE articles ADD COLUMN wire_line TEXT NOT NULL DEFAULT '';
-- The article's LSH band keys, 8 bytes each; NULL until computed (Open
-- fills it in for articles kept before this migration), empty when the
-- text is too short to be indexed.
ALTER TABLE articles ADD COLUMN dedup_keys BLOB;

-- Who the story's line credits (an outlet or a wire agency) and why its
-- representative was chosen.
ALTER TABLE stories ADD COLUMN credit TEXT NOT NULL DEFAULT '';
ALTER TABLE stories ADD COLUMN credit_reason TEXT NOT NULL DEFAULT '';

-- The LSH index: one row per band key of each article. A new article's
-- candidates are the articles that share a key with it.
CREATE TABLE lsh (
    key        INTEGER NOT NULL,
    article_id INTEGER NOT NULL,
    PRIMARY KEY (key, article_id)
) WITHOUT ROWID;

UPDATE stories SET credit = COALESCE((SELECT outlet FROM articles WHERE articles.id = stories.representative_id), '');

-- The articles still to index, found without scanning the table.
CREATE INDEX articles_unindexed ON articles (id) WHERE dedup_keys IS NULL;
