-- The extractor's confidence check (issue 13): set when the page's text
-- shared almost no words with its headline, description or feed summary
-- (a footer or a sidebar may have outscored the story); the feed's text
-- was then read for matching and the line. Shown on the review page and
-- exported in JSON.
ALTER TABLE articles ADD COLUMN low_confidence INTEGER NOT NULL DEFAULT 0;
