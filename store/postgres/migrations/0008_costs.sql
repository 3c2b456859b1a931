-- Costs (issue 8): a task's fixed cost and when it accrues, when a
-- resource's cost accrues, the amount of a cost resource's assignment
-- (money in minor units; an empty accrual is prorated), and resources'
-- rates from dates on (MS Project's cost rate table A).
ALTER TABLE tasks ADD COLUMN fixed_cost BIGINT NOT NULL DEFAULT 0;
ALTER TABLE tasks ADD COLUMN fixed_cost_accrual TEXT NOT NULL DEFAULT '';
ALTER TABLE resources ADD COLUMN accrual TEXT NOT NULL DEFAULT '';
ALTER TABLE assignments ADD COLUMN cost BIGINT NOT NULL DEFAULT 0;
CREATE TABLE rate_changes (
    project_id    BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    resource_id   BIGINT NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
    rates_from    TEXT    NOT NULL,
    standard_rate BIGINT NOT NULL DEFAULT 0,
    overtime_rate BIGINT NOT NULL DEFAULT 0,
    cost_per_use  BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (resource_id, rates_from)
);
CREATE INDEX rate_changes_project ON rate_changes(project_id);
