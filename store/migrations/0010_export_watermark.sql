-- A digest export job's last run also remembers the highest story ID it
-- saw: the next digest takes the stories after it. A story's found time is
-- taken before its transaction commits, so a period by time can miss a
-- story committed just after a run read; IDs are handed out under
-- SQLite's one writer lock, in commit order. NULL for runs recorded before
-- this migration: their next digest goes by time once more.
ALTER TABLE export_jobs ADD COLUMN last_story INTEGER;
