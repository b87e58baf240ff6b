-- Version 18 adds, on PostgreSQL, the workers' shared host turns and URL
-- claims (issue 19). A SQLite database has one process, whose fetcher
-- keeps them in memory: nothing changes here.
SELECT 1;
