-- The risk register and the simulation's inputs (issue 9). Scores are
-- probability × impact on the project's matrix (risk_matrices; the
-- default 5×5 when a project has no row), 0 × 0 when not scored, for
-- schedule, cost and quality, initially, now and as the target.
-- risk_tasks links a risk to the tasks it would delay (role 'impact')
-- and to the tasks that carry out its response (role 'action'). Dates
-- are TEXT 'YYYY-MM-DDTHH:MM:SS' as elsewhere; money in minor units;
-- durations in minutes (elapsed when the *_elapsed flag is set).
CREATE TABLE risk_matrices (
    project_id  INTEGER PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
    size        INTEGER NOT NULL,
    medium_from INTEGER NOT NULL,
    high_from   INTEGER NOT NULL,
    version     INTEGER NOT NULL
);

CREATE TABLE risks (
    id            INTEGER PRIMARY KEY,
    project_id    INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    number        INTEGER NOT NULL,
    title         TEXT    NOT NULL,
    description   TEXT    NOT NULL DEFAULT '',
    category      TEXT    NOT NULL DEFAULT '',
    cause         TEXT    NOT NULL DEFAULT '',
    event         TEXT    NOT NULL DEFAULT '',
    effect        TEXT    NOT NULL DEFAULT '',
    owner         TEXT    NOT NULL DEFAULT '',
    status        TEXT    NOT NULL,
    risk_trigger  TEXT    NOT NULL DEFAULT '',
    proximity     TEXT,
    response      TEXT    NOT NULL DEFAULT '',
    response_plan TEXT    NOT NULL DEFAULT '',
    initial_schedule_p INTEGER NOT NULL DEFAULT 0,
    initial_schedule_i INTEGER NOT NULL DEFAULT 0,
    initial_cost_p     INTEGER NOT NULL DEFAULT 0,
    initial_cost_i     INTEGER NOT NULL DEFAULT 0,
    initial_quality_p  INTEGER NOT NULL DEFAULT 0,
    initial_quality_i  INTEGER NOT NULL DEFAULT 0,
    current_schedule_p INTEGER NOT NULL DEFAULT 0,
    current_schedule_i INTEGER NOT NULL DEFAULT 0,
    current_cost_p     INTEGER NOT NULL DEFAULT 0,
    current_cost_i     INTEGER NOT NULL DEFAULT 0,
    current_quality_p  INTEGER NOT NULL DEFAULT 0,
    current_quality_i  INTEGER NOT NULL DEFAULT 0,
    target_schedule_p  INTEGER NOT NULL DEFAULT 0,
    target_schedule_i  INTEGER NOT NULL DEFAULT 0,
    target_cost_p      INTEGER NOT NULL DEFAULT 0,
    target_cost_i      INTEGER NOT NULL DEFAULT 0,
    target_quality_p   INTEGER NOT NULL DEFAULT 0,
    target_quality_i   INTEGER NOT NULL DEFAULT 0,
    reviewed_on   TEXT,
    next_review   TEXT,
    occurred_on   TEXT,
    action_owner  TEXT    NOT NULL DEFAULT '',
    resolution    TEXT    NOT NULL DEFAULT '',
    impact_probability REAL    NOT NULL DEFAULT 0,
    delay_min          INTEGER NOT NULL DEFAULT 0,
    delay_max          INTEGER NOT NULL DEFAULT 0,
    delay_elapsed      INTEGER NOT NULL DEFAULT 0,
    cost_min           INTEGER NOT NULL DEFAULT 0,
    cost_max           INTEGER NOT NULL DEFAULT 0,
    version       INTEGER NOT NULL,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    UNIQUE (project_id, number)
);

CREATE TABLE risk_tasks (
    risk_id    INTEGER NOT NULL REFERENCES risks(id) ON DELETE CASCADE,
    task_id    INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    role       TEXT    NOT NULL,
    PRIMARY KEY (risk_id, role, task_id)
);
CREATE INDEX risk_tasks_project ON risk_tasks(project_id);
CREATE INDEX risk_tasks_task ON risk_tasks(task_id);

CREATE TABLE task_estimates (
    task_id      INTEGER PRIMARY KEY REFERENCES tasks(id) ON DELETE CASCADE,
    project_id   INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    distribution TEXT    NOT NULL,
    optimistic   INTEGER NOT NULL DEFAULT 0,
    most_likely  INTEGER NOT NULL DEFAULT 0,
    pessimistic  INTEGER NOT NULL DEFAULT 0,
    p10          INTEGER NOT NULL DEFAULT 0,
    p90          INTEGER NOT NULL DEFAULT 0,
    elapsed      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX task_estimates_project ON task_estimates(project_id);

CREATE TABLE correlation_groups (
    id          INTEGER PRIMARY KEY,
    project_id  INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    name        TEXT    NOT NULL,
    correlation REAL    NOT NULL,
    version     INTEGER NOT NULL,
    UNIQUE (project_id, name)
);

-- A task is in one group at most.
CREATE TABLE correlation_group_tasks (
    group_id   INTEGER NOT NULL REFERENCES correlation_groups(id) ON DELETE CASCADE,
    task_id    INTEGER NOT NULL UNIQUE REFERENCES tasks(id) ON DELETE CASCADE,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, task_id)
);
CREATE INDEX correlation_group_tasks_project ON correlation_group_tasks(project_id);
