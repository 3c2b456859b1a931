package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// scoreColumns are the 18 score columns of risks, in the order of
// riskScores.
var scoreColumns = func() string {
	var cols []string
	for _, a := range []string{"initial", "current", "target"} {
		for _, d := range domain.RiskDimensions {
			cols = append(cols, a+"_"+d+"_p", a+"_"+d+"_i")
		}
	}
	return strings.Join(cols, ", ")
}()

// riskFields are the columns of risks a write sets, without id,
// project_id, number, version and the times.
const riskFields = `title, description, category, cause, event, effect, owner, status, risk_trigger,
	proximity, response, response_plan, reviewed_on, next_review, occurred_on, action_owner, resolution,
	impact_probability, delay_min, delay_max, delay_elapsed, cost_min, cost_max`

var riskColumns = "id, project_id, number, " + riskFields + ", " + scoreColumns + ", version, created_at, updated_at"

// riskScores lists pointers to the 18 score values of r, in the order of
// scoreColumns.
func riskScores(r *domain.Risk) []*int {
	var out []*int
	for _, a := range []*domain.Assessment{&r.Initial, &r.Current, &r.Target} {
		for _, s := range []*domain.Score{&a.Schedule, &a.Cost, &a.Quality} {
			out = append(out, &s.Probability, &s.Impact)
		}
	}
	return out
}

// riskValues are the values of riskFields and scoreColumns for r.
func riskValues(r *domain.Risk) []any {
	q := r.TaskImpact
	v := []any{r.Title, r.Description, r.Category, r.Cause, r.Event, r.Effect, r.Owner, r.Status, r.Trigger,
		wall(r.Proximity), r.Response, r.ResponsePlan, wall(r.ReviewedOn), wall(r.NextReview), wall(r.OccurredOn),
		r.ActionOwner, r.Resolution, q.Probability, q.DelayMin, q.DelayMax, boolInt(q.DelayElapsed), q.CostMin, q.CostMax}
	for _, p := range riskScores(r) {
		v = append(v, *p)
	}
	return v
}

func scanRisk(row interface{ Scan(...any) error }) (domain.Risk, error) {
	var r domain.Risk
	var elapsed int
	q := &r.TaskImpact
	dst := []any{&r.ID, &r.ProjectID, &r.Number, &r.Title, &r.Description, &r.Category, &r.Cause, &r.Event, &r.Effect,
		&r.Owner, &r.Status, &r.Trigger, wallScan{&r.Proximity}, &r.Response, &r.ResponsePlan, wallScan{&r.ReviewedOn},
		wallScan{&r.NextReview}, wallScan{&r.OccurredOn}, &r.ActionOwner, &r.Resolution,
		&q.Probability, &q.DelayMin, &q.DelayMax, &elapsed, &q.CostMin, &q.CostMax}
	for _, p := range riskScores(&r) {
		dst = append(dst, p)
	}
	dst = append(dst, &r.Version, instantScan{&r.CreatedAt}, instantScan{&r.UpdatedAt})
	err := row.Scan(dst...)
	q.DelayElapsed = elapsed != 0
	return r, err
}

// Task roles in risk_tasks.
const (
	roleImpact = "impact"
	roleAction = "action"
)

func (t *tx) CreateRisk(ctx context.Context, r *domain.Risk) error {
	if !t.write {
		return errReadOnly
	}
	if r.Number == 0 {
		if err := t.queryRow(ctx, "SELECT COALESCE(MAX(number), 0) + 1 FROM risks WHERE project_id = ?", r.ProjectID).Scan(&r.Number); err != nil {
			return fmt.Errorf("next risk number: %w", err)
		}
	}
	now := time.Now().UTC()
	r.Version, r.CreatedAt, r.UpdatedAt = 1, now, now
	args := append([]any{r.ProjectID, r.Number}, riskValues(r)...)
	args = append(args, r.Version, instant(now), instant(now))
	id, err := t.insert(ctx, "risk", "number", "INSERT INTO risks (project_id, number, "+riskFields+", "+scoreColumns+
		", version, created_at, updated_at) VALUES ("+placeholders(len(args))+")", args...)
	if err != nil {
		return err
	}
	r.ID = id
	return t.setRiskTasks(ctx, r)
}

// placeholders returns n question marks separated by commas.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

// setRiskTasks replaces a risk's links to tasks.
func (t *tx) setRiskTasks(ctx context.Context, r *domain.Risk) error {
	if _, err := t.exec(ctx, "DELETE FROM risk_tasks WHERE risk_id = ?", r.ID); err != nil {
		return fmt.Errorf("clear risk tasks: %w", err)
	}
	for _, l := range []struct {
		role string
		ids  []int64
	}{{roleImpact, r.TaskImpact.Tasks}, {roleAction, r.Actions}} {
		for _, id := range l.ids {
			if _, err := t.exec(ctx, "INSERT INTO risk_tasks (risk_id, task_id, project_id, role) VALUES (?,?,?,?)",
				r.ID, id, r.ProjectID, l.role); err != nil {
				return fmt.Errorf("link risk to task %d: %w", id, t.db.mapErr(err, "risk", "tasks"))
			}
		}
	}
	return nil
}

func (t *tx) Risk(ctx context.Context, projectID, id int64) (domain.Risk, error) {
	r, err := scanRisk(t.queryRow(ctx, "SELECT "+riskColumns+" FROM risks WHERE project_id = ? AND id = ?"+t.lock(), projectID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return r, domain.NotFound("risk_not_found", "risk %d does not exist in this project", id)
	}
	if err != nil {
		return r, fmt.Errorf("read risk %d: %w", id, err)
	}
	rs := []domain.Risk{r}
	if err := t.loadRiskTasks(ctx, projectID, rs, "AND risk_id = ?", id); err != nil {
		return r, err
	}
	return rs[0], nil
}

func (t *tx) Risks(ctx context.Context, projectID int64) ([]domain.Risk, error) {
	rows, err := t.query(ctx, "SELECT "+riskColumns+" FROM risks WHERE project_id = ? ORDER BY id", projectID)
	if err != nil {
		return nil, fmt.Errorf("list risks: %w", err)
	}
	rs, err := collect(rows, scanRisk)
	if err != nil {
		return nil, err
	}
	return rs, t.loadRiskTasks(ctx, projectID, rs, "")
}

// loadRiskTasks fills the task links of rs from risk_tasks rows of the
// project that match cond.
func (t *tx) loadRiskTasks(ctx context.Context, projectID int64, rs []domain.Risk, cond string, args ...any) error {
	if len(rs) == 0 {
		return nil
	}
	at := make(map[int64]*domain.Risk, len(rs))
	for i := range rs {
		at[rs[i].ID] = &rs[i]
	}
	rows, err := t.query(ctx, "SELECT risk_id, task_id, role FROM risk_tasks WHERE project_id = ? "+cond+" ORDER BY risk_id, task_id",
		append([]any{projectID}, args...)...)
	if err != nil {
		return fmt.Errorf("list risk tasks: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var riskID, taskID int64
		var role string
		if err := rows.Scan(&riskID, &taskID, &role); err != nil {
			return fmt.Errorf("scan risk task: %w", err)
		}
		r := at[riskID]
		switch {
		case r == nil:
		case role == roleImpact:
			r.TaskImpact.Tasks = append(r.TaskImpact.Tasks, taskID)
		case role == roleAction:
			r.Actions = append(r.Actions, taskID)
		}
	}
	return rows.Err()
}

func (t *tx) UpdateRisk(ctx context.Context, r *domain.Risk) error {
	now := time.Now().UTC()
	set := strings.Join(strings.Fields(strings.NewReplacer(",", " ").Replace(riskFields+", "+scoreColumns)), " = ?, ") + " = ?"
	args := append(riskValues(r), instant(now), r.ID, r.ProjectID, r.Version)
	err := t.versioned(ctx, "risk", "risks", r.ProjectID, r.ID, r.Version,
		"UPDATE risks SET "+set+", version = version + 1, updated_at = ? WHERE id = ? AND project_id = ? AND version = ?", args...)
	if err != nil {
		return err
	}
	r.UpdatedAt = now
	if err := t.bump(ctx, "risks", r.ID, &r.Version); err != nil {
		return err
	}
	return t.setRiskTasks(ctx, r)
}

func (t *tx) DeleteRisk(ctx context.Context, projectID, id, version int64) error {
	return t.versioned(ctx, "risk", "risks", projectID, id, version,
		"DELETE FROM risks WHERE id = ? AND project_id = ? AND version = ?", id, projectID, version)
}

func (t *tx) RiskMatrix(ctx context.Context, projectID int64) (domain.RiskMatrix, error) {
	m := domain.RiskMatrix{ProjectID: projectID}
	err := t.queryRow(ctx, "SELECT size, medium_from, high_from, version FROM risk_matrices WHERE project_id = ?"+t.lock(), projectID).
		Scan(&m.Size, &m.Medium, &m.High, &m.Version)
	if errors.Is(err, sql.ErrNoRows) {
		m = domain.DefaultRiskMatrix()
		m.ProjectID = projectID
		return m, nil
	}
	if err != nil {
		return m, fmt.Errorf("read risk matrix: %w", err)
	}
	return m, nil
}

// SetRiskMatrix stores m, inserting it when m.Version is 0 (the
// default was read) and otherwise checking m.Version.
func (t *tx) SetRiskMatrix(ctx context.Context, m *domain.RiskMatrix) error {
	if m.Version == 0 {
		if _, err := t.exec(ctx, `INSERT INTO risk_matrices (project_id, size, medium_from, high_from, version)
			VALUES (?,?,?,?,1)`, m.ProjectID, m.Size, m.Medium, m.High); err != nil {
			return fmt.Errorf("insert risk matrix: %w", t.db.mapErr(err, "risk matrix", "project"))
		}
		m.Version = 1
		return nil
	}
	res, err := t.exec(ctx, `UPDATE risk_matrices SET size = ?, medium_from = ?, high_from = ?, version = version + 1
		WHERE project_id = ? AND version = ?`, m.Size, m.Medium, m.High, m.ProjectID, m.Version)
	if err != nil {
		return fmt.Errorf("write risk matrix: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		current, err := t.RiskMatrix(ctx, m.ProjectID)
		if err != nil {
			return err
		}
		return store.Stale("risk matrix", m.ProjectID, current.Version)
	}
	m.Version++
	return nil
}
