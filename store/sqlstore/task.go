package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

const taskColumns = `id, project_id, uid, ref, parent_id, position, name, kind, mode,
	duration_minutes, duration_elapsed, work_minutes, constraint_type, constraint_date, deadline,
	start, finish, priority, percent_complete, status, actual_start, actual_finish, calendar_id, notes,
	fixed_cost, fixed_cost_accrual, remaining_work, version, created_at, updated_at`

func scanTask(row interface{ Scan(...any) error }) (domain.Task, error) {
	var t domain.Task
	var elapsed int
	var remaining sql.NullInt64
	err := row.Scan(&t.ID, &t.ProjectID, &t.UID, textScan{&t.Ref}, idScan{&t.Parent}, &t.Position, &t.Name, &t.Kind, &t.Mode,
		&t.Duration.Minutes, &elapsed, &t.Work, &t.Constraint, wallScan{&t.ConstraintDate}, wallScan{&t.Deadline},
		wallScan{&t.Start}, wallScan{&t.Finish}, &t.Priority, &t.PercentComplete, &t.Status, wallScan{&t.ActualStart}, wallScan{&t.ActualFinish},
		idScan{&t.CalendarID}, &t.Notes, &t.FixedCost, &t.FixedCostAccrual, &remaining, &t.Version, instantScan{&t.CreatedAt}, instantScan{&t.UpdatedAt})
	t.Duration.Elapsed = elapsed != 0
	t.RemainingWork = domain.RemainingWork{Minutes: remaining.Int64, Set: remaining.Valid}
	return t, err
}

func (t *tx) CreateTask(ctx context.Context, k *domain.Task) error {
	if err := t.takeUID(ctx, "next_task_uid", k.ProjectID, &k.UID); err != nil {
		return err
	}
	now := time.Now().UTC()
	k.Version, k.CreatedAt, k.UpdatedAt = 1, now, now
	id, err := t.insert(ctx, "task", "id", `INSERT INTO tasks (project_id, uid, ref, parent_id, position, name, kind, mode,
		duration_minutes, duration_elapsed, work_minutes, constraint_type, constraint_date, deadline,
		start, finish, priority, percent_complete, status, actual_start, actual_finish, calendar_id, notes,
		fixed_cost, fixed_cost_accrual, remaining_work, version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		k.ProjectID, k.UID, nullText(k.Ref), nullID(k.Parent), k.Position, k.Name, k.Kind, k.Mode,
		k.Duration.Minutes, boolInt(k.Duration.Elapsed), k.Work, k.Constraint, wall(k.ConstraintDate), wall(k.Deadline),
		wall(k.Start), wall(k.Finish), k.Priority, k.PercentComplete, k.Status, wall(k.ActualStart), wall(k.ActualFinish),
		nullID(k.CalendarID), k.Notes, k.FixedCost, string(k.FixedCostAccrual), remainingWork(k.RemainingWork), k.Version, instant(now), instant(now))
	k.ID = id
	return err
}

// takeUID gives *uid the project's next number when it is 0, and keeps the
// counter ahead of any number given explicitly (imports keep their UIDs).
func (t *tx) takeUID(ctx context.Context, counter string, projectID int64, uid *int64) error {
	if !t.write {
		return errReadOnly
	}
	if *uid == 0 {
		err := t.queryRow(ctx, "UPDATE projects SET "+counter+" = "+counter+" + 1 WHERE id = ? RETURNING "+counter+" - 1", projectID).Scan(uid)
		if errors.Is(err, sql.ErrNoRows) {
			return domain.NotFound("project_not_found", "project %d does not exist", projectID)
		}
		if err != nil {
			return fmt.Errorf("next uid: %w", err)
		}
		return nil
	}
	_, err := t.exec(ctx, "UPDATE projects SET "+counter+" = ? WHERE id = ? AND "+counter+" <= ?", *uid+1, projectID, *uid)
	if err != nil {
		return fmt.Errorf("advance uid: %w", err)
	}
	return nil
}

func (t *tx) Task(ctx context.Context, projectID, id int64) (domain.Task, error) {
	k, err := scanTask(t.queryRow(ctx, "SELECT "+taskColumns+" FROM tasks WHERE project_id = ? AND id = ?"+t.lock(), projectID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return k, domain.NotFound("task_not_found", "task %d does not exist in this project", id)
	}
	if err != nil {
		return k, fmt.Errorf("read task %d: %w", id, err)
	}
	return k, nil
}

func (t *tx) Tasks(ctx context.Context, projectID int64, page store.Page) ([]domain.Task, error) {
	tail, args := pageClause(page)
	rows, err := t.query(ctx, "SELECT "+taskColumns+" FROM tasks WHERE project_id = ?"+tail, append([]any{projectID}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("list tasks: %w", err)
	}
	return collect(rows, scanTask)
}

func (t *tx) UpdateTask(ctx context.Context, k *domain.Task) error {
	now := time.Now().UTC()
	err := t.versioned(ctx, "task", "tasks", k.ProjectID, k.ID, k.Version, `UPDATE tasks SET uid = ?, ref = ?, parent_id = ?, position = ?,
		name = ?, kind = ?, mode = ?, duration_minutes = ?, duration_elapsed = ?, work_minutes = ?, constraint_type = ?,
		constraint_date = ?, deadline = ?, start = ?, finish = ?, priority = ?, percent_complete = ?, status = ?, actual_start = ?,
		actual_finish = ?, calendar_id = ?, notes = ?, fixed_cost = ?, fixed_cost_accrual = ?, remaining_work = ?, version = version + 1, updated_at = ?
		WHERE id = ? AND project_id = ? AND version = ?`,
		k.UID, nullText(k.Ref), nullID(k.Parent), k.Position, k.Name, k.Kind, k.Mode, k.Duration.Minutes,
		boolInt(k.Duration.Elapsed), k.Work, k.Constraint, wall(k.ConstraintDate), wall(k.Deadline), wall(k.Start),
		wall(k.Finish), k.Priority, k.PercentComplete, k.Status, wall(k.ActualStart), wall(k.ActualFinish), nullID(k.CalendarID),
		k.Notes, k.FixedCost, string(k.FixedCostAccrual), remainingWork(k.RemainingWork), instant(now), k.ID, k.ProjectID, k.Version)
	if err != nil {
		return err
	}
	k.UpdatedAt = now
	return t.bump(ctx, "tasks", k.ID, &k.Version)
}

func (t *tx) DeleteTask(ctx context.Context, projectID, id, version int64) error {
	return t.versioned(ctx, "task", "tasks", projectID, id, version,
		"DELETE FROM tasks WHERE id = ? AND project_id = ? AND version = ?", id, projectID, version)
}

func (t *tx) NextPosition(ctx context.Context, projectID, parent int64) (int64, error) {
	var pos int64
	var err error
	if parent == 0 {
		err = t.queryRow(ctx, "SELECT COALESCE(MAX(position), 0) + 1 FROM tasks WHERE project_id = ? AND parent_id IS NULL", projectID).Scan(&pos)
	} else {
		err = t.queryRow(ctx, "SELECT COALESCE(MAX(position), 0) + 1 FROM tasks WHERE project_id = ? AND parent_id = ?", projectID, parent).Scan(&pos)
	}
	if err != nil {
		return 0, fmt.Errorf("next position: %w", err)
	}
	return pos, nil
}

// remainingWork encodes a task's remaining work; NULL when not estimated.
func remainingWork(r domain.RemainingWork) any {
	if !r.Set {
		return nil
	}
	return r.Minutes
}
