-- Version 18 (issue 19): the firings that must happen once in a cluster
-- of workers (a scheduled export's run), claimed by the first worker. A
-- SQLite database has one process; the table is there for the same code.
-- PostgreSQL's version 18 also holds the workers' shared host turns and
-- URL claims.
CREATE TABLE cluster_once (
    key TEXT PRIMARY KEY,
    at  TEXT NOT NULL
);
