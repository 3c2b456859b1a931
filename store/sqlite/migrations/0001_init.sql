-- Cairn schema, version 1: projects and their plans.
-- Wall-clock dates are TEXT 'YYYY-MM-DDTHH:MM:SS' (project-local); NULL when unset.
-- Instants (created_at, updated_at) are TEXT RFC 3339 in UTC.

CREATE TABLE projects (
    id              INTEGER PRIMARY KEY,
    key             TEXT    NOT NULL UNIQUE,
    name            TEXT    NOT NULL,
    description     TEXT    NOT NULL DEFAULT '',
    type            TEXT    NOT NULL,
    method          TEXT    NOT NULL,
    sponsor         TEXT    NOT NULL DEFAULT '',
    manager         TEXT    NOT NULL DEFAULT '',
    client          TEXT    NOT NULL DEFAULT '',
    start           TEXT    NOT NULL,
    status_date     TEXT,
    time_zone       TEXT    NOT NULL,
    calendar_id     INTEGER,
    currency        TEXT    NOT NULL,
    budget          INTEGER NOT NULL DEFAULT 0,
    phase           TEXT    NOT NULL DEFAULT '',
    minutes_per_day  INTEGER NOT NULL,
    minutes_per_week INTEGER NOT NULL,
    days_per_month   INTEGER NOT NULL,
    next_task_uid     INTEGER NOT NULL DEFAULT 1,
    next_resource_uid INTEGER NOT NULL DEFAULT 1,
    version         INTEGER NOT NULL,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);

CREATE TABLE calendars (
    id          INTEGER PRIMARY KEY,
    project_id  INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    name        TEXT    NOT NULL,
    base_id     INTEGER REFERENCES calendars(id) ON DELETE SET NULL,
    week        TEXT    NOT NULL, -- JSON: 7 arrays of [start,end] minute pairs, null = inherit
    exceptions  TEXT    NOT NULL, -- JSON list
    version     INTEGER NOT NULL,
    UNIQUE (project_id, name)
);

CREATE TABLE tasks (
    id               INTEGER PRIMARY KEY,
    project_id       INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    uid              INTEGER NOT NULL,
    ref              TEXT,
    parent_id        INTEGER REFERENCES tasks(id) ON DELETE CASCADE,
    position         INTEGER NOT NULL DEFAULT 0,
    name             TEXT    NOT NULL,
    kind             TEXT    NOT NULL,
    mode             TEXT    NOT NULL,
    duration_minutes INTEGER NOT NULL DEFAULT 0,
    duration_elapsed INTEGER NOT NULL DEFAULT 0,
    work_minutes     INTEGER NOT NULL DEFAULT 0,
    constraint_type  TEXT    NOT NULL,
    constraint_date  TEXT,
    deadline         TEXT,
    start            TEXT,
    finish           TEXT,
    priority         INTEGER NOT NULL DEFAULT 500,
    percent_complete INTEGER NOT NULL DEFAULT 0,
    actual_start     TEXT,
    actual_finish    TEXT,
    calendar_id      INTEGER REFERENCES calendars(id) ON DELETE SET NULL,
    notes            TEXT    NOT NULL DEFAULT '',
    version          INTEGER NOT NULL,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL,
    UNIQUE (project_id, uid),
    UNIQUE (project_id, ref)
);
CREATE INDEX tasks_parent ON tasks(project_id, parent_id);

CREATE TABLE dependencies (
    id             INTEGER PRIMARY KEY,
    project_id     INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    predecessor_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    successor_id   INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    type           TEXT    NOT NULL,
    lag_minutes    INTEGER NOT NULL DEFAULT 0,
    lag_elapsed    INTEGER NOT NULL DEFAULT 0,
    lag_percent    INTEGER,
    version        INTEGER NOT NULL,
    UNIQUE (predecessor_id, successor_id)
);
CREATE INDEX dependencies_project ON dependencies(project_id);
CREATE INDEX dependencies_successor ON dependencies(successor_id);

CREATE TABLE resources (
    id            INTEGER PRIMARY KEY,
    project_id    INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    uid           INTEGER NOT NULL,
    ref           TEXT,
    name          TEXT    NOT NULL,
    kind          TEXT    NOT NULL,
    email         TEXT    NOT NULL DEFAULT '',
    grp           TEXT    NOT NULL DEFAULT '',
    max_units     REAL    NOT NULL DEFAULT 1,
    calendar_id   INTEGER REFERENCES calendars(id) ON DELETE SET NULL,
    standard_rate INTEGER NOT NULL DEFAULT 0,
    overtime_rate INTEGER NOT NULL DEFAULT 0,
    cost_per_use  INTEGER NOT NULL DEFAULT 0,
    version       INTEGER NOT NULL,
    UNIQUE (project_id, uid),
    UNIQUE (project_id, ref)
);

CREATE TABLE assignments (
    id           INTEGER PRIMARY KEY,
    project_id   INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    task_id      INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    resource_id  INTEGER NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
    units        REAL    NOT NULL,
    work_minutes INTEGER NOT NULL DEFAULT 0,
    version      INTEGER NOT NULL,
    UNIQUE (task_id, resource_id)
);
CREATE INDEX assignments_project ON assignments(project_id);
