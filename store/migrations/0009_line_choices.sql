-- What the line writer offers besides its line (issue 12): up to two
-- alternative lines (a JSON array of strings), the same crediting the
-- wire agency, and, for an article not in the newsletter's language whose
-- line no translating writer wrote, the mark that staff must translate it
-- and the article's lead in its own language to translate from.
ALTER TABLE articles ADD COLUMN alternatives TEXT NOT NULL DEFAULT '[]';
ALTER TABLE articles ADD COLUMN wire_alternatives TEXT NOT NULL DEFAULT '[]';
ALTER TABLE articles ADD COLUMN needs_translation INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN source_lead TEXT NOT NULL DEFAULT '';
