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

const projectColumns = `id, key, name, description, type, method, sponsor, manager, client,
	start, status_date, time_zone, calendar_id, currency, budget, phase,
	minutes_per_day, minutes_per_week, days_per_month, wip_limits, version, created_at, updated_at`

func scanProject(row interface{ Scan(...any) error }) (domain.Project, error) {
	var p domain.Project
	err := row.Scan(&p.ID, &p.Key, &p.Name, &p.Description, &p.Type, &p.Method, &p.Sponsor, &p.Manager, &p.Client,
		wallScan{&p.Start}, wallScan{&p.StatusDate}, &p.TimeZone, idScan{&p.CalendarID}, &p.Currency, &p.Budget, &p.Phase,
		&p.Units.MinutesPerDay, &p.Units.MinutesPerWeek, &p.Units.DaysPerMonth, wipScan{&p.WIPLimits}, &p.Version,
		instantScan{&p.CreatedAt}, instantScan{&p.UpdatedAt})
	return p, err
}

func (t *tx) CreateProject(ctx context.Context, p *domain.Project) error {
	now := time.Now().UTC()
	p.Version, p.CreatedAt, p.UpdatedAt = 1, now, now
	id, err := t.insert(ctx, "project", "key", `INSERT INTO projects (key, name, description, type, method, sponsor, manager, client,
		start, status_date, time_zone, calendar_id, currency, budget, phase,
		minutes_per_day, minutes_per_week, days_per_month, wip_limits, version, created_at, updated_at)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		p.Key, p.Name, p.Description, p.Type, p.Method, p.Sponsor, p.Manager, p.Client,
		wall(p.Start), wall(p.StatusDate), p.TimeZone, nullID(p.CalendarID), p.Currency, p.Budget, p.Phase,
		p.Units.MinutesPerDay, p.Units.MinutesPerWeek, p.Units.DaysPerMonth, p.WIPLimits.String(), p.Version, instant(now), instant(now))
	p.ID = id
	return err
}

func (t *tx) Project(ctx context.Context, key string) (domain.Project, error) {
	p, err := scanProject(t.queryRow(ctx, "SELECT "+projectColumns+" FROM projects WHERE key = ?"+t.lock(), key))
	if errors.Is(err, sql.ErrNoRows) {
		return p, domain.NotFound("project_not_found", "project %q does not exist", key)
	}
	if err != nil {
		return p, fmt.Errorf("read project %s: %w", key, err)
	}
	return p, nil
}

// ProjectShared reads a project as Project does, but in a write
// transaction on PostgreSQL locks its row only against deletion and
// changes of key (FOR KEY SHARE) instead of against every other writer
// (FOR UPDATE). Writes that change one task and nothing of the project or
// the plan's structure use it, so that they run side by side instead of
// queueing on the project row: the task's own row lock still orders
// writers of one task, and a writer of the project itself (FOR UPDATE)
// still waits for them. SQLite runs one writer at a time either way.
func (t *tx) ProjectShared(ctx context.Context, key string) (domain.Project, error) {
	lock := ""
	if t.write && t.db.Dialect.Name() == "postgres" {
		lock = " FOR KEY SHARE"
	}
	p, err := scanProject(t.queryRow(ctx, "SELECT "+projectColumns+" FROM projects WHERE key = ?"+lock, key))
	if errors.Is(err, sql.ErrNoRows) {
		return p, domain.NotFound("project_not_found", "project %q does not exist", key)
	}
	if err != nil {
		return p, fmt.Errorf("read project %s: %w", key, err)
	}
	return p, nil
}

func (t *tx) Projects(ctx context.Context, page store.Page) ([]domain.Project, error) {
	tail, args := pageClause(page)
	rows, err := t.query(ctx, "SELECT "+projectColumns+" FROM projects WHERE 1=1"+tail, args...)
	if err != nil {
		return nil, fmt.Errorf("list projects: %w", err)
	}
	return collect(rows, scanProject)
}

func (t *tx) UpdateProject(ctx context.Context, p *domain.Project) error {
	now := time.Now().UTC()
	err := t.versioned(ctx, "project", "projects", 0, p.ID, p.Version, `UPDATE projects SET key = ?, name = ?, description = ?,
		type = ?, method = ?, sponsor = ?, manager = ?, client = ?, start = ?, status_date = ?, time_zone = ?,
		calendar_id = ?, currency = ?, budget = ?, phase = ?, minutes_per_day = ?, minutes_per_week = ?,
		days_per_month = ?, wip_limits = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
		p.Key, p.Name, p.Description, p.Type, p.Method, p.Sponsor, p.Manager, p.Client,
		wall(p.Start), wall(p.StatusDate), p.TimeZone, nullID(p.CalendarID), p.Currency, p.Budget, p.Phase,
		p.Units.MinutesPerDay, p.Units.MinutesPerWeek, p.Units.DaysPerMonth, p.WIPLimits.String(), instant(now), p.ID, p.Version)
	if err != nil {
		return err
	}
	p.UpdatedAt = now
	return t.bump(ctx, "projects", p.ID, &p.Version)
}

func (t *tx) DeleteProject(ctx context.Context, id, version int64) error {
	return t.versioned(ctx, "project", "projects", 0, id, version, "DELETE FROM projects WHERE id = ? AND version = ?", id, version)
}

// collect scans every row with scan.
func collect[T any](rows *sql.Rows, scan func(interface{ Scan(...any) error }) (T, error)) ([]T, error) {
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("scan: %w", err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("rows: %w", err)
	}
	return out, nil
}
