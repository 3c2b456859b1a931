-- Baselines: per task, up to eleven saved plans (0–10) for variance.
CREATE TABLE baselines (
    project_id       BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    number           BIGINT NOT NULL,
    task_id          BIGINT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    start            TEXT,
    finish           TEXT,
    duration_minutes BIGINT NOT NULL DEFAULT 0,
    work_minutes     BIGINT NOT NULL DEFAULT 0,
    cost             BIGINT NOT NULL DEFAULT 0,
    saved_at         TEXT    NOT NULL,
    PRIMARY KEY (task_id, number)
);
CREATE INDEX baselines_project ON baselines(project_id, number);
