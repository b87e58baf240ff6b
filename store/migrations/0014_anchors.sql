-- The same-story decision of issue 16. A MinHash signature of the whole
-- phrase set found copies of similar size only; a teaser or a cut copy
-- shares little of a full copy's phrase set. The index now holds each
-- article's anchors (package dedup: the smallest phrase hash of every
-- window of 16 phrases), so that any sentence two copies share finds
-- one from the other. Open indexes every article again (dedup_keys NULL).
DROP TABLE lsh;
CREATE TABLE anchors (
    key        INTEGER NOT NULL,
    article_id INTEGER NOT NULL,
    PRIMARY KEY (key, article_id)
) WITHOUT ROWID;
UPDATE articles SET dedup_keys = NULL;

-- Staff's corrections: two articles that must never be in one story (an
-- article split out of a story is kept apart from every article that
-- stayed), the smaller ID first.
CREATE TABLE apart (
    a INTEGER NOT NULL,
    b INTEGER NOT NULL,
    PRIMARY KEY (a, b),
    CHECK (a < b)
) WITHOUT ROWID;
CREATE INDEX apart_b ON apart (b);
