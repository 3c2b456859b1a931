-- The board: a workflow status per task ('' follows percent complete) and
-- work-in-progress limits per project ("in_progress=3,review=2").
ALTER TABLE tasks ADD COLUMN status TEXT NOT NULL DEFAULT '';
ALTER TABLE projects ADD COLUMN wip_limits TEXT NOT NULL DEFAULT '';
