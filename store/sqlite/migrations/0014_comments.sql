-- Comments with @mentions (issue 10 item 4; docs/decisions/0023).
--
-- A comment is on one task, risk or report of a project (entity and
-- entity_id; no foreign key, as the entity's table depends on its kind).
-- mentions holds the ids of the members it mentioned, comma-separated.
CREATE TABLE comments (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    entity     TEXT    NOT NULL,
    entity_id  INTEGER NOT NULL,
    author_id  INTEGER REFERENCES users(id) ON DELETE SET NULL,
    author     TEXT    NOT NULL DEFAULT '',
    body       TEXT    NOT NULL,
    mentions   TEXT    NOT NULL DEFAULT '',
    created_at TEXT    NOT NULL
);
CREATE INDEX comments_entity ON comments(project_id, entity, entity_id);

-- A mention's notification points at its comment, and goes with it.
ALTER TABLE notifications ADD COLUMN comment_id INTEGER REFERENCES comments(id) ON DELETE CASCADE;

-- Notification preferences; a user without a row has the defaults
-- (mention e-mails on, daily digest off).
CREATE TABLE user_preferences (
    user_id       INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    mention_email INTEGER NOT NULL DEFAULT 1,
    daily_digest  INTEGER NOT NULL DEFAULT 0,
    updated_at    TEXT    NOT NULL
);
