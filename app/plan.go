package app

import (
	"context"
	"fmt"
	"strconv"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/schedule"
	"github.com/cairnpm/cairn/store"
)

// loadPlan reads a whole project inside tx.
func loadPlan(ctx context.Context, tx store.Tx, p domain.Project) (*domain.Plan, error) {
	plan := &domain.Plan{Project: p}
	var err error
	if plan.Calendars, err = tx.Calendars(ctx, p.ID); err != nil {
		return nil, err
	}
	if plan.Tasks, err = tx.Tasks(ctx, p.ID, store.Page{}); err != nil {
		return nil, err
	}
	if plan.Dependencies, err = tx.Dependencies(ctx, p.ID, store.Page{}); err != nil {
		return nil, err
	}
	if plan.Resources, err = tx.Resources(ctx, p.ID); err != nil {
		return nil, err
	}
	if plan.Assignments, err = tx.Assignments(ctx, p.ID); err != nil {
		return nil, err
	}
	if plan.Baselines, err = tx.Baselines(ctx, p.ID); err != nil {
		return nil, err
	}
	if plan.RateChanges, err = tx.RateChanges(ctx, p.ID); err != nil {
		return nil, err
	}
	return plan, nil
}

// Plan returns the whole project with the given key.
func (a *App) Plan(ctx context.Context, key string) (plan *domain.Plan, err error) {
	err = a.store.View(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, key)
		if err != nil {
			return err
		}
		plan, err = loadPlan(ctx, tx, p)
		return err
	})
	return plan, err
}

// Schedule computes the schedule of the project with the given key.
func (a *App) Schedule(ctx context.Context, key string) (*domain.Plan, *schedule.Result, error) {
	plan, err := a.Plan(ctx, key)
	if err != nil {
		return nil, nil, err
	}
	res, err := schedule.Compute(plan, schedule.Options{})
	return plan, res, err
}

// ImportPlan stores a whole plan (from a plan file, or the demo) as a new
// project, in one transaction. IDs in plan are plan-local; the stored
// project is returned.
func (a *App) ImportPlan(ctx context.Context, plan *domain.Plan) (domain.Project, error) {
	if err := plan.Validate(); err != nil {
		return domain.Project{}, err
	}
	if _, err := schedule.Compute(plan, schedule.Options{}); err != nil {
		return domain.Project{}, err
	}
	p := plan.Project
	err := a.store.Update(ctx, func(tx store.Tx) error {
		p.ID, p.CalendarID = 0, 0
		if err := tx.CreateProject(ctx, &p); err != nil {
			return err
		}
		calIDs, err := importCalendars(ctx, tx, p.ID, plan.Calendars)
		if err != nil {
			return err
		}
		if len(plan.Calendars) == 0 {
			std := domain.Calendar{ProjectID: p.ID, Name: "Standard", Week: domain.StandardWeek()}
			if err := tx.CreateCalendar(ctx, &std); err != nil {
				return err
			}
			p.CalendarID = std.ID
		} else {
			p.CalendarID = calIDs[plan.Project.CalendarID]
		}
		if err := tx.UpdateProject(ctx, &p); err != nil {
			return err
		}
		taskIDs, err := importTasks(ctx, tx, p.ID, plan, calIDs)
		if err != nil {
			return err
		}
		for _, d := range plan.Dependencies {
			d.ID, d.ProjectID = 0, p.ID
			d.Predecessor, d.Successor = taskIDs[d.Predecessor], taskIDs[d.Successor]
			if err := tx.CreateDependency(ctx, &d); err != nil {
				return err
			}
		}
		resIDs := make(map[int64]int64, len(plan.Resources))
		for _, r := range plan.Resources {
			old := r.ID
			r.ID, r.ProjectID, r.CalendarID = 0, p.ID, calIDs[r.CalendarID]
			if err := tx.CreateResource(ctx, &r); err != nil {
				return err
			}
			resIDs[old] = r.ID
		}
		if err := importRateChanges(ctx, tx, p.ID, plan.RateChanges, resIDs); err != nil {
			return err
		}
		for _, as := range plan.Assignments {
			as.ID, as.ProjectID = 0, p.ID
			as.Task, as.Resource = taskIDs[as.Task], resIDs[as.Resource]
			if err := tx.CreateAssignment(ctx, &as); err != nil {
				return err
			}
		}
		if err := importBaselines(ctx, tx, p.ID, plan.Baselines, taskIDs); err != nil {
			return err
		}
		return a.audit(ctx, tx, p.ID, "project", p.ID, "import", []domain.Change{
			{Field: "tasks", New: strconv.Itoa(len(plan.Tasks))},
			{Field: "dependencies", New: strconv.Itoa(len(plan.Dependencies))},
		})
	})
	if err != nil {
		return domain.Project{}, fmt.Errorf("import %s: %w", plan.Project.Key, err)
	}
	a.log.InfoContext(ctx, "plan imported", "project", p.Key, "tasks", len(plan.Tasks))
	return p, nil
}

// importCalendars stores calendars, bases first, and maps plan IDs to
// stored IDs.
func importCalendars(ctx context.Context, tx store.Tx, projectID int64, cals []domain.Calendar) (map[int64]int64, error) {
	ids := map[int64]int64{0: 0}
	for len(ids) <= len(cals) {
		progress := false
		for _, c := range cals {
			if _, done := ids[c.ID]; done {
				continue
			}
			base, ok := ids[c.BaseID]
			if !ok {
				continue
			}
			old := c.ID
			c.ID, c.ProjectID, c.BaseID = 0, projectID, base
			if err := tx.CreateCalendar(ctx, &c); err != nil {
				return nil, err
			}
			ids[old] = c.ID
			progress = true
		}
		if !progress {
			return nil, domain.Invalid("calendar_base", "calendars", "calendar bases form a cycle or name a missing calendar")
		}
	}
	return ids, nil
}

// importTasks stores tasks parents first and maps plan IDs to stored IDs.
func importTasks(ctx context.Context, tx store.Tx, projectID int64, plan *domain.Plan, calIDs map[int64]int64) (map[int64]int64, error) {
	order, _ := plan.WBSOrder()
	idx := plan.TaskIndex()
	ids := make(map[int64]int64, len(plan.Tasks))
	for _, old := range order {
		t := plan.Tasks[idx[old]]
		t.ID, t.ProjectID, t.Parent, t.CalendarID = 0, projectID, ids[t.Parent], calIDs[t.CalendarID]
		if err := tx.CreateTask(ctx, &t); err != nil {
			return nil, err
		}
		ids[old] = t.ID
	}
	return ids, nil
}

// importRateChanges stores a plan's rate changes, resource by resource,
// against the stored resource IDs.
func importRateChanges(ctx context.Context, tx store.Tx, projectID int64, changes []domain.RateChange, resIDs map[int64]int64) error {
	byResource := map[int64][]domain.RateChange{}
	var order []int64
	for _, c := range changes {
		id := resIDs[c.Resource]
		if _, seen := byResource[id]; !seen {
			order = append(order, id)
		}
		c.Resource = id
		byResource[id] = append(byResource[id], c)
	}
	for _, id := range order {
		if err := tx.SetRateChanges(ctx, projectID, id, byResource[id]); err != nil {
			return err
		}
	}
	return nil
}

// importBaselines stores a plan's baselines, number by number, against the
// stored task IDs.
func importBaselines(ctx context.Context, tx store.Tx, projectID int64, rows []domain.Baseline, taskIDs map[int64]int64) error {
	byNumber := map[int][]domain.Baseline{}
	for _, b := range rows {
		if err := domain.ValidateBaselineNumber(b.Number); err != nil {
			return err
		}
		b.Task = taskIDs[b.Task]
		byNumber[b.Number] = append(byNumber[b.Number], b)
	}
	for n := 0; n <= domain.MaxBaseline; n++ {
		if len(byNumber[n]) > 0 {
			if err := tx.SaveBaseline(ctx, projectID, n, byNumber[n]); err != nil {
				return err
			}
		}
	}
	return nil
}
