-- Calendar feeds (issue 7): secret URLs that calendar apps subscribe to.
-- A feed belongs to a user and reads with the user's permissions;
-- project_id NULL is the user's own feed of assigned tasks. Only the
-- secret's SHA-256 is stored.
CREATE TABLE feeds (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    project_id INTEGER REFERENCES projects(id) ON DELETE CASCADE,
    name       TEXT    NOT NULL,
    token_hash TEXT    NOT NULL UNIQUE,
    created_at TEXT    NOT NULL
);
CREATE INDEX feeds_user ON feeds(user_id);
