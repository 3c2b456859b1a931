-- Status reports: drafted from the project's data, edited by the PM, then
-- published and never changed again. drafted keeps the report as computed
-- (JSON), content the report as edited; overrides are the RAG values the
-- PM chose, each with its justification (JSON).
CREATE TABLE status_reports (
    id           INTEGER PRIMARY KEY,
    project_id   INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    period_start TEXT    NOT NULL,
    period_end   TEXT    NOT NULL,
    baseline     INTEGER NOT NULL DEFAULT 0,
    status       TEXT    NOT NULL,
    drafted      TEXT    NOT NULL,
    content      TEXT    NOT NULL,
    overrides    TEXT    NOT NULL DEFAULT '[]',
    created_by   TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    published_by TEXT    NOT NULL DEFAULT '',
    published_at TEXT    NOT NULL DEFAULT '',
    version      INTEGER NOT NULL
);
CREATE INDEX status_reports_project ON status_reports(project_id, id);
