package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

const dependencyColumns = `id, project_id, predecessor_id, successor_id, type, lag_minutes, lag_elapsed, lag_percent, version`

func scanDependency(row interface{ Scan(...any) error }) (domain.Dependency, error) {
	var d domain.Dependency
	var elapsed int
	var pct sql.NullInt64
	err := row.Scan(&d.ID, &d.ProjectID, &d.Predecessor, &d.Successor, &d.Type, &d.Lag.Minutes, &elapsed, &pct, &d.Version)
	d.Lag.Elapsed = elapsed != 0
	d.Lag.IsPercent, d.Lag.Percent = pct.Valid, pct.Int64
	return d, err
}

func lagPercent(l domain.Lag) any {
	if !l.IsPercent {
		return nil
	}
	return l.Percent
}

func (t *tx) CreateDependency(ctx context.Context, d *domain.Dependency) error {
	d.Version = 1
	id, err := t.insert(ctx, "dependency", "successor", `INSERT INTO dependencies (project_id, predecessor_id, successor_id, type,
		lag_minutes, lag_elapsed, lag_percent, version) VALUES (?,?,?,?,?,?,?,?)`,
		d.ProjectID, d.Predecessor, d.Successor, d.Type, d.Lag.Minutes, boolInt(d.Lag.Elapsed), lagPercent(d.Lag), d.Version)
	d.ID = id
	return err
}

func (t *tx) Dependency(ctx context.Context, projectID, id int64) (domain.Dependency, error) {
	d, err := scanDependency(t.queryRow(ctx, "SELECT "+dependencyColumns+" FROM dependencies WHERE project_id = ? AND id = ?"+t.lock(), projectID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return d, domain.NotFound("dependency_not_found", "dependency %d does not exist in this project", id)
	}
	if err != nil {
		return d, fmt.Errorf("read dependency %d: %w", id, err)
	}
	return d, nil
}

func (t *tx) Dependencies(ctx context.Context, projectID int64, page store.Page) ([]domain.Dependency, error) {
	tail, args := pageClause(page)
	rows, err := t.query(ctx, "SELECT "+dependencyColumns+" FROM dependencies WHERE project_id = ?"+tail, append([]any{projectID}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("list dependencies: %w", err)
	}
	return collect(rows, scanDependency)
}

func (t *tx) UpdateDependency(ctx context.Context, d *domain.Dependency) error {
	err := t.versioned(ctx, "dependency", "dependencies", d.ProjectID, d.ID, d.Version, `UPDATE dependencies SET predecessor_id = ?,
		successor_id = ?, type = ?, lag_minutes = ?, lag_elapsed = ?, lag_percent = ?, version = version + 1
		WHERE id = ? AND project_id = ? AND version = ?`,
		d.Predecessor, d.Successor, d.Type, d.Lag.Minutes, boolInt(d.Lag.Elapsed), lagPercent(d.Lag), d.ID, d.ProjectID, d.Version)
	if err != nil {
		return err
	}
	return t.bump(ctx, "dependencies", d.ID, &d.Version)
}

func (t *tx) DeleteDependency(ctx context.Context, projectID, id, version int64) error {
	return t.versioned(ctx, "dependency", "dependencies", projectID, id, version,
		"DELETE FROM dependencies WHERE id = ? AND project_id = ? AND version = ?", id, projectID, version)
}
