-- A pass's health beyond its counts (issue 14): the sources it skipped
-- because they were backed off, and whether it met a network outage (most
-- sources failing with network-level errors). /healthz reads the last run
-- from here, whichever process (serve or cron's fetch) ran it.
ALTER TABLE runs ADD COLUMN sources_skipped INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN outage INTEGER NOT NULL DEFAULT 0;
