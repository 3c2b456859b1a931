-- Timesheets, expenses, budgets and remaining work (issue 8). Money is
-- INTEGER minor units of the project currency; days are YYYY-MM-DD,
-- project-local. A task's remaining_work is working minutes left, NULL
-- when nobody has estimated it (it then follows percent complete).
ALTER TABLE tasks ADD COLUMN remaining_work INTEGER;

-- The budget of a WBS element (a phase, a cost account): a summary task
-- or a task. The project's own budget stays on projects.
CREATE TABLE task_budgets (
    task_id    INTEGER PRIMARY KEY REFERENCES tasks(id) ON DELETE CASCADE,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    amount     INTEGER NOT NULL,
    version    INTEGER NOT NULL
);
CREATE INDEX task_budgets_project ON task_budgets(project_id);

-- Hours a user logged on a task on a day: one row per user, task and day.
-- status is draft, submitted, approved or rejected; the reviewer is the
-- manager who approved or rejected it.
CREATE TABLE time_entries (
    id             INTEGER PRIMARY KEY,
    project_id     INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    task_id        INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    user_id        INTEGER NOT NULL REFERENCES users(id),
    day            TEXT    NOT NULL,
    minutes        INTEGER NOT NULL,
    note           TEXT    NOT NULL DEFAULT '',
    status         TEXT    NOT NULL,
    reviewer_id    INTEGER REFERENCES users(id),
    review_comment TEXT    NOT NULL DEFAULT '',
    reviewed_at    TEXT,
    version        INTEGER NOT NULL,
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL,
    UNIQUE (task_id, user_id, day)
);
CREATE INDEX time_entries_user_day ON time_entries(project_id, user_id, day);
CREATE INDEX time_entries_project_day ON time_entries(project_id, day);

-- Money spent on a task outside timesheets: invoices, purchases.
CREATE TABLE expenses (
    id          INTEGER PRIMARY KEY,
    project_id  INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    task_id     INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    day         TEXT    NOT NULL,
    amount      INTEGER NOT NULL,
    description TEXT    NOT NULL,
    supplier    TEXT    NOT NULL DEFAULT '',
    reference   TEXT    NOT NULL DEFAULT '',
    created_by  TEXT    NOT NULL,
    version     INTEGER NOT NULL,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);
CREATE INDEX expenses_project ON expenses(project_id, id);
CREATE INDEX expenses_task ON expenses(task_id);
