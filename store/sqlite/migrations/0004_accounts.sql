-- Accounts, sign-in sessions, API tokens, failed sign-ins and project roles.
-- Instants here are TEXT in UTC with six fractional digits, so that text
-- comparison in SQL (expiry, rate-limit windows) is time comparison.
-- Tokens are stored as the hex SHA-256 of the secret the client holds.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT    NOT NULL UNIQUE, -- lower-case
    name          TEXT    NOT NULL,
    time_zone     TEXT    NOT NULL,
    password_hash TEXT    NOT NULL,        -- argon2id PHC string
    site_admin    INTEGER NOT NULL DEFAULT 0,
    disabled      INTEGER NOT NULL DEFAULT 0,
    version       INTEGER NOT NULL,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
);

CREATE TABLE sessions (
    id         INTEGER PRIMARY KEY,
    token_hash TEXT    NOT NULL UNIQUE,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT    NOT NULL,
    expires_at TEXT    NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expires ON sessions(expires_at);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    token_hash   TEXT    NOT NULL UNIQUE,
    read_only    INTEGER NOT NULL DEFAULT 0,
    expires_at   TEXT,
    last_used_at TEXT,
    created_at   TEXT    NOT NULL
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

CREATE TABLE login_failures (
    id      INTEGER PRIMARY KEY,
    account TEXT    NOT NULL,
    ip      TEXT    NOT NULL,
    at      TEXT    NOT NULL
);
CREATE INDEX login_failures_account ON login_failures(account, at);
CREATE INDEX login_failures_ip ON login_failures(ip, at);
CREATE INDEX login_failures_at ON login_failures(at);

CREATE TABLE memberships (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role       TEXT    NOT NULL, -- owner, manager, member, viewer
    version    INTEGER NOT NULL,
    created_at TEXT    NOT NULL,
    UNIQUE (project_id, user_id)
);
CREATE INDEX memberships_user ON memberships(user_id);
