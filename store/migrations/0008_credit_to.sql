-- Staff's choice of whom a story's line credits: '' as the config says
-- (stories.credit), 'outlet' the outlet even for wire copy, 'agency' the
-- wire agency whose byline the copies carry.
ALTER TABLE stories ADD COLUMN credit_to TEXT NOT NULL DEFAULT '';
