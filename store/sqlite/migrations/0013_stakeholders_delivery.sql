-- Stakeholders and report delivery (issue 10; docs/decisions/0022).
--
-- A stakeholder is a person with a say in or a stake in the project: a
-- Cairn user (user_id), or only a name and an e-mail address. power and
-- interest are 1 (low) to 5 (high), for the power/interest grid.
CREATE TABLE stakeholders (
    id           INTEGER PRIMARY KEY,
    project_id   INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    organisation TEXT    NOT NULL DEFAULT '',
    role         TEXT    NOT NULL,
    power        INTEGER NOT NULL,
    interest     INTEGER NOT NULL,
    email        TEXT    NOT NULL DEFAULT '',
    user_id      INTEGER REFERENCES users(id) ON DELETE SET NULL,
    notes        TEXT    NOT NULL DEFAULT '',
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
);
CREATE INDEX stakeholders_project ON stakeholders(project_id);

-- A delivery schedule sends the project's status report to a group of
-- stakeholders (by role and/or by id, comma-separated) every week on
-- weekday (0 Sunday … 6 Saturday) at minute (after midnight, in the
-- project's time zone), over one channel: email, webhook or inapp. A
-- webhook's secret signs its payloads, so it is kept as it is (see
-- decision 0022).
CREATE TABLE delivery_schedules (
    id             INTEGER PRIMARY KEY,
    project_id     INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    name           TEXT    NOT NULL,
    weekday        INTEGER NOT NULL,
    minute         INTEGER NOT NULL,
    period_days    INTEGER NOT NULL DEFAULT 7,
    baseline       INTEGER NOT NULL DEFAULT 0,
    channel        TEXT    NOT NULL,
    roles          TEXT    NOT NULL DEFAULT '',
    stakeholders   TEXT    NOT NULL DEFAULT '',
    webhook_url    TEXT    NOT NULL DEFAULT '',
    webhook_format TEXT    NOT NULL DEFAULT '',
    webhook_secret TEXT    NOT NULL DEFAULT '',
    enabled        INTEGER NOT NULL DEFAULT 1,
    version        INTEGER NOT NULL DEFAULT 1,
    created_by     TEXT    NOT NULL DEFAULT '',
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL
);
CREATE INDEX delivery_schedules_project ON delivery_schedules(project_id);

-- The job queue that every node shares. A job is claimed by setting
-- locked_by and locked_until (a lease); done_at marks success and
-- failed_at giving up after max_attempts. dedupe_key makes enqueuing
-- idempotent: two nodes that enqueue the same schedule occurrence insert
-- one row.
CREATE TABLE jobs (
    id           INTEGER PRIMARY KEY,
    kind         TEXT    NOT NULL,
    payload      TEXT    NOT NULL DEFAULT '{}',
    dedupe_key   TEXT    UNIQUE,
    run_at       TEXT    NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL DEFAULT 8,
    locked_by    TEXT    NOT NULL DEFAULT '',
    locked_until TEXT,
    done_at      TEXT,
    failed_at    TEXT,
    last_error   TEXT    NOT NULL DEFAULT '',
    created_at   TEXT    NOT NULL
);
CREATE INDEX jobs_pending ON jobs(run_at) WHERE done_at IS NULL AND failed_at IS NULL;

-- In-app notifications: a published report delivered to a user.
CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    report_id  INTEGER REFERENCES status_reports(id) ON DELETE CASCADE,
    title      TEXT    NOT NULL,
    body       TEXT    NOT NULL DEFAULT '',
    created_at TEXT    NOT NULL,
    read_at    TEXT
);
CREATE INDEX notifications_user ON notifications(user_id);
