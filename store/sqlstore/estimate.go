package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/cairnpm/cairn/domain"
)

const estimateColumns = `project_id, task_id, distribution, optimistic, most_likely, pessimistic, p10, p90, elapsed`

func scanEstimate(row interface{ Scan(...any) error }) (domain.TaskEstimate, error) {
	var e domain.TaskEstimate
	var elapsed int
	err := row.Scan(&e.ProjectID, &e.TaskID, &e.Distribution, &e.Optimistic, &e.MostLikely, &e.Pessimistic, &e.P10, &e.P90, &elapsed)
	e.Elapsed = elapsed != 0
	return e, err
}

func (t *tx) TaskEstimate(ctx context.Context, projectID, taskID int64) (domain.TaskEstimate, error) {
	e, err := scanEstimate(t.queryRow(ctx, "SELECT "+estimateColumns+" FROM task_estimates WHERE project_id = ? AND task_id = ?"+t.lock(),
		projectID, taskID))
	if errors.Is(err, sql.ErrNoRows) {
		return e, domain.NotFound("estimate_not_found", "task %d has no estimate", taskID)
	}
	if err != nil {
		return e, fmt.Errorf("read estimate of task %d: %w", taskID, err)
	}
	return e, nil
}

func (t *tx) TaskEstimates(ctx context.Context, projectID int64) ([]domain.TaskEstimate, error) {
	rows, err := t.query(ctx, "SELECT "+estimateColumns+" FROM task_estimates WHERE project_id = ? ORDER BY task_id", projectID)
	if err != nil {
		return nil, fmt.Errorf("list estimates: %w", err)
	}
	return collect(rows, scanEstimate)
}

func (t *tx) SetTaskEstimate(ctx context.Context, e domain.TaskEstimate) error {
	if _, err := t.exec(ctx, "DELETE FROM task_estimates WHERE task_id = ? AND project_id = ?", e.TaskID, e.ProjectID); err != nil {
		return fmt.Errorf("replace estimate: %w", err)
	}
	if _, err := t.exec(ctx, "INSERT INTO task_estimates ("+estimateColumns+") VALUES (?,?,?,?,?,?,?,?,?)",
		e.ProjectID, e.TaskID, e.Distribution, e.Optimistic, e.MostLikely, e.Pessimistic, e.P10, e.P90, boolInt(e.Elapsed)); err != nil {
		return fmt.Errorf("save estimate: %w", t.db.mapErr(err, "estimate", "task"))
	}
	return nil
}

func (t *tx) DeleteTaskEstimate(ctx context.Context, projectID, taskID int64) error {
	res, err := t.exec(ctx, "DELETE FROM task_estimates WHERE task_id = ? AND project_id = ?", taskID, projectID)
	if err != nil {
		return fmt.Errorf("delete estimate: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return domain.NotFound("estimate_not_found", "task %d has no estimate", taskID)
	}
	return nil
}

func (t *tx) CreateCorrelationGroup(ctx context.Context, g *domain.CorrelationGroup) error {
	g.Version = 1
	id, err := t.insert(ctx, "correlation group", "name", "INSERT INTO correlation_groups (project_id, name, correlation, version) VALUES (?,?,?,?)",
		g.ProjectID, g.Name, g.Correlation, g.Version)
	if err != nil {
		return err
	}
	g.ID = id
	return t.setGroupTasks(ctx, g)
}

// setGroupTasks replaces a group's tasks. A task already in another
// group is a conflict.
func (t *tx) setGroupTasks(ctx context.Context, g *domain.CorrelationGroup) error {
	if _, err := t.exec(ctx, "DELETE FROM correlation_group_tasks WHERE group_id = ?", g.ID); err != nil {
		return fmt.Errorf("clear group tasks: %w", err)
	}
	for _, id := range g.Tasks {
		if _, err := t.exec(ctx, "INSERT INTO correlation_group_tasks (group_id, task_id, project_id) VALUES (?,?,?)",
			g.ID, id, g.ProjectID); err != nil {
			err = t.db.mapErr(err, "correlation group", "tasks")
			if domain.ErrorKind(err) == domain.KindConflict {
				return domain.Conflict("task_in_group", "tasks", "task %d is already in another correlation group; a task can be in one only", id)
			}
			return fmt.Errorf("add task %d to group: %w", id, err)
		}
	}
	return nil
}

func (t *tx) CorrelationGroup(ctx context.Context, projectID, id int64) (domain.CorrelationGroup, error) {
	var g domain.CorrelationGroup
	err := t.queryRow(ctx, "SELECT id, project_id, name, correlation, version FROM correlation_groups WHERE project_id = ? AND id = ?"+t.lock(),
		projectID, id).Scan(&g.ID, &g.ProjectID, &g.Name, &g.Correlation, &g.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return g, domain.NotFound("correlation_group_not_found", "correlation group %d does not exist in this project", id)
	}
	if err != nil {
		return g, fmt.Errorf("read correlation group %d: %w", id, err)
	}
	gs := []domain.CorrelationGroup{g}
	if err := t.loadGroupTasks(ctx, projectID, gs); err != nil {
		return g, err
	}
	return gs[0], nil
}

func (t *tx) CorrelationGroups(ctx context.Context, projectID int64) ([]domain.CorrelationGroup, error) {
	rows, err := t.query(ctx, "SELECT id, project_id, name, correlation, version FROM correlation_groups WHERE project_id = ? ORDER BY id", projectID)
	if err != nil {
		return nil, fmt.Errorf("list correlation groups: %w", err)
	}
	gs, err := collect(rows, func(row interface{ Scan(...any) error }) (domain.CorrelationGroup, error) {
		var g domain.CorrelationGroup
		err := row.Scan(&g.ID, &g.ProjectID, &g.Name, &g.Correlation, &g.Version)
		return g, err
	})
	if err != nil {
		return nil, err
	}
	return gs, t.loadGroupTasks(ctx, projectID, gs)
}

func (t *tx) loadGroupTasks(ctx context.Context, projectID int64, gs []domain.CorrelationGroup) error {
	if len(gs) == 0 {
		return nil
	}
	at := make(map[int64]*domain.CorrelationGroup, len(gs))
	for i := range gs {
		at[gs[i].ID] = &gs[i]
	}
	rows, err := t.query(ctx, "SELECT group_id, task_id FROM correlation_group_tasks WHERE project_id = ? ORDER BY group_id, task_id", projectID)
	if err != nil {
		return fmt.Errorf("list group tasks: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var gid, tid int64
		if err := rows.Scan(&gid, &tid); err != nil {
			return fmt.Errorf("scan group task: %w", err)
		}
		if g := at[gid]; g != nil {
			g.Tasks = append(g.Tasks, tid)
		}
	}
	return rows.Err()
}

func (t *tx) UpdateCorrelationGroup(ctx context.Context, g *domain.CorrelationGroup) error {
	err := t.versioned(ctx, "correlation_group", "correlation_groups", g.ProjectID, g.ID, g.Version,
		"UPDATE correlation_groups SET name = ?, correlation = ?, version = version + 1 WHERE id = ? AND project_id = ? AND version = ?",
		g.Name, g.Correlation, g.ID, g.ProjectID, g.Version)
	if err != nil {
		return err
	}
	if err := t.bump(ctx, "correlation_groups", g.ID, &g.Version); err != nil {
		return err
	}
	return t.setGroupTasks(ctx, g)
}

func (t *tx) DeleteCorrelationGroup(ctx context.Context, projectID, id, version int64) error {
	return t.versioned(ctx, "correlation_group", "correlation_groups", projectID, id, version,
		"DELETE FROM correlation_groups WHERE id = ? AND project_id = ? AND version = ?", id, projectID, version)
}
