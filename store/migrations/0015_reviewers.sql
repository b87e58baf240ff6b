-- Named reviewers (issue 17): accounts made with `pressclip user add`
-- (a bcrypt hash; accounts may also be listed in the config), the pages'
-- sessions (a restart signs no one out; the token's SHA-256 is kept, not
-- the token), and one audit line per staff decision on a story.
-- name_key is the name case-folded (Unicode): names match without regard
-- to case, in any script.
CREATE TABLE users (
    name_key      TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL
);
-- cred names the credential that signed the session in (the pages
-- compare it with the current one on every request: a new password ends
-- the sessions of the old one).
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user       TEXT NOT NULL,
    user_key   TEXT NOT NULL,
    cred       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_expires ON sessions (expires_at);
CREATE INDEX sessions_user ON sessions (user_key);
-- actor is who decided ('' when the pages ask no login); action is one
-- of the Audit constants of package store; detail the new line or credit.
CREATE TABLE audit (
    id       INTEGER PRIMARY KEY,
    story_id INTEGER NOT NULL,
    at       TEXT NOT NULL,
    actor    TEXT NOT NULL,
    action   TEXT NOT NULL,
    detail   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_story ON audit (story_id, id);
