package sqlstore

import (
	"context"
	"fmt"

	"github.com/cairnpm/cairn/domain"
)

const resourceColumns = `id, project_id, uid, ref, name, kind, email, grp, max_units, calendar_id,
	standard_rate, overtime_rate, cost_per_use, availability, accrual, version`

func scanResource(row interface{ Scan(...any) error }) (domain.Resource, error) {
	var r domain.Resource
	err := row.Scan(&r.ID, &r.ProjectID, &r.UID, textScan{&r.Ref}, &r.Name, &r.Kind, &r.Email, &r.Group, &r.MaxUnits,
		idScan{&r.CalendarID}, &r.StandardRate, &r.OvertimeRate, &r.CostPerUse, availabilityScan{&r.Availability}, &r.Accrual, &r.Version)
	return r, err
}

func (t *tx) CreateResource(ctx context.Context, r *domain.Resource) error {
	if err := t.takeUID(ctx, "next_resource_uid", r.ProjectID, &r.UID); err != nil {
		return err
	}
	r.Version = 1
	id, err := t.insert(ctx, "resource", "id", `INSERT INTO resources (project_id, uid, ref, name, kind, email, grp,
		max_units, calendar_id, standard_rate, overtime_rate, cost_per_use, availability, accrual, version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		r.ProjectID, r.UID, nullText(r.Ref), r.Name, r.Kind, r.Email, r.Group, r.MaxUnits, nullID(r.CalendarID),
		r.StandardRate, r.OvertimeRate, r.CostPerUse, availabilityValue(r.Availability), string(r.Accrual), r.Version)
	r.ID = id
	return err
}

func (t *tx) Resources(ctx context.Context, projectID int64) ([]domain.Resource, error) {
	rows, err := t.query(ctx, "SELECT "+resourceColumns+" FROM resources WHERE project_id = ? ORDER BY id", projectID)
	if err != nil {
		return nil, fmt.Errorf("list resources: %w", err)
	}
	return collect(rows, scanResource)
}

func (t *tx) UpdateResource(ctx context.Context, r *domain.Resource) error {
	err := t.versioned(ctx, "resource", "resources", r.ProjectID, r.ID, r.Version, `UPDATE resources SET uid = ?, ref = ?, name = ?,
		kind = ?, email = ?, grp = ?, max_units = ?, calendar_id = ?, standard_rate = ?, overtime_rate = ?,
		cost_per_use = ?, availability = ?, accrual = ?, version = version + 1 WHERE id = ? AND project_id = ? AND version = ?`,
		r.UID, nullText(r.Ref), r.Name, r.Kind, r.Email, r.Group, r.MaxUnits, nullID(r.CalendarID), r.StandardRate,
		r.OvertimeRate, r.CostPerUse, availabilityValue(r.Availability), string(r.Accrual), r.ID, r.ProjectID, r.Version)
	if err != nil {
		return err
	}
	return t.bump(ctx, "resources", r.ID, &r.Version)
}

func (t *tx) DeleteResource(ctx context.Context, projectID, id, version int64) error {
	return t.versioned(ctx, "resource", "resources", projectID, id, version,
		"DELETE FROM resources WHERE id = ? AND project_id = ? AND version = ?", id, projectID, version)
}

func scanAssignment(row interface{ Scan(...any) error }) (domain.Assignment, error) {
	var a domain.Assignment
	err := row.Scan(&a.ID, &a.ProjectID, &a.Task, &a.Resource, &a.Units, &a.Work, &a.OvertimeWork, &a.Contour, &a.Cost, &a.Version)
	return a, err
}

func (t *tx) CreateAssignment(ctx context.Context, a *domain.Assignment) error {
	a.Version = 1
	id, err := t.insert(ctx, "assignment", "resource", `INSERT INTO assignments (project_id, task_id, resource_id, units,
		work_minutes, overtime_minutes, contour, cost, version) VALUES (?,?,?,?,?,?,?,?,?)`, a.ProjectID, a.Task, a.Resource, a.Units, a.Work, a.OvertimeWork, string(a.Contour), a.Cost, a.Version)
	a.ID = id
	return err
}

func (t *tx) Assignments(ctx context.Context, projectID int64) ([]domain.Assignment, error) {
	rows, err := t.query(ctx, `SELECT id, project_id, task_id, resource_id, units, work_minutes, overtime_minutes, contour, cost, version
		FROM assignments WHERE project_id = ? ORDER BY id`, projectID)
	if err != nil {
		return nil, fmt.Errorf("list assignments: %w", err)
	}
	return collect(rows, scanAssignment)
}

func (t *tx) DeleteAssignment(ctx context.Context, projectID, id int64) error {
	return t.versioned(ctx, "assignment", "assignments", projectID, id, 0,
		"DELETE FROM assignments WHERE id = ? AND project_id = ? AND version = ?", id, projectID, 0)
}
