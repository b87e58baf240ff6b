-- The workers' shared state (issue 19), on PostgreSQL only (SQLite has
-- one process, whose fetcher keeps it in memory): each host's next
-- request turn, so that the delay between two requests to one outlet
-- holds across workers, and the item URLs a worker is reading, so that
-- two workers whose sources list one article do not both fetch it.
-- Times are the server's clock (timestamptz), never a worker's.
CREATE TABLE host_turns (
    host    TEXT COLLATE "C" PRIMARY KEY,
    next_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE url_claims (
    url   TEXT COLLATE "C" PRIMARY KEY,
    owner TEXT COLLATE "C" NOT NULL,
    until TIMESTAMPTZ NOT NULL
);
CREATE INDEX url_claims_until ON url_claims (until);
-- The firings that must happen once in the cluster (a scheduled export's
-- run), claimed by the first worker.
CREATE TABLE cluster_once (
    key TEXT COLLATE "C" PRIMARY KEY,
    at  TEXT COLLATE "C" NOT NULL
);
