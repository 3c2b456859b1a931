-- Overtime: the part of an assignment's work done outside its resource's
-- working time. It counts as work but does not lengthen the assignment.
ALTER TABLE assignments ADD COLUMN overtime_minutes BIGINT NOT NULL DEFAULT 0;
