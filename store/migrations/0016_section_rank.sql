-- The section's order moved by hand (issue 17): a story's place in the
-- press section as staff set it on the export page (1 first; 0: not
-- placed, after the placed ones by importance).
ALTER TABLE stories ADD COLUMN section_rank INTEGER NOT NULL DEFAULT 0;
