package app

import (
	"context"
	"slices"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// Estimates lists a project's three-point estimates, by task ID.
func (a *App) Estimates(ctx context.Context, key string) (p domain.Project, es []domain.TaskEstimate, err error) {
	err = a.store.View(ctx, func(tx store.Tx) error {
		if p, err = tx.Project(ctx, key); err != nil {
			return err
		}
		es, err = tx.TaskEstimates(ctx, p.ID)
		return err
	})
	return p, es, err
}

// SetEstimate gives a task a three-point estimate, or replaces its
// estimate. build fills the estimate in, given the project (for units)
// and the task; the estimate must be in the same kind of time as the
// task's duration. Summaries and milestones take none. The change is
// audited on the task, as its field "estimate".
func (a *App) SetEstimate(ctx context.Context, key string, taskID int64,
	build func(domain.Project, domain.Task, *domain.TaskEstimate) error) (domain.Project, domain.TaskEstimate, error) {
	var p domain.Project
	var e domain.TaskEstimate
	err := a.store.Update(ctx, func(tx store.Tx) error {
		var err error
		if p, err = projectShared(ctx, tx, key); err != nil {
			return err
		}
		t, err := tx.Task(ctx, p.ID, taskID)
		if err != nil {
			return err
		}
		if err := estimable(ctx, tx, p, t); err != nil {
			return err
		}
		old, err := tx.TaskEstimate(ctx, p.ID, taskID)
		if err != nil && !domain.IsNotFound(err) {
			return err
		}
		had := err == nil
		e = domain.TaskEstimate{Elapsed: t.Duration.Elapsed}
		if err := build(p, t, &e); err != nil {
			return err
		}
		e.ProjectID, e.TaskID = p.ID, taskID
		if err := e.Validate(); err != nil {
			return err
		}
		if e.Elapsed != t.Duration.Elapsed {
			return domain.Invalid("estimate_kind", "most_likely", "%s %q has a duration in %s; estimate it in the same (%s)",
				t.Key(p.Key), t.Name, timeKind(t.Duration.Elapsed), timeExample(t.Duration.Elapsed))
		}
		if err := tx.SetTaskEstimate(ctx, e); err != nil {
			return err
		}
		var was string
		if had {
			was = old.String(p.Units)
		}
		return a.audit(ctx, tx, p.ID, "task", taskID, "update", domain.Diff([][2]string{{"estimate", was}}, [][2]string{{"estimate", e.String(p.Units)}}))
	})
	return p, e, err
}

// estimable checks that a task may take an estimate: not a summary
// (estimate the tasks under it) and not a milestone.
func estimable(ctx context.Context, tx store.Tx, p domain.Project, t domain.Task) error {
	if t.Kind == domain.KindMilestone {
		return domain.Invalid("milestone", "task", "%s %q is a milestone, which takes no estimate", t.Key(p.Key), t.Name)
	}
	_, summary, err := projectTasks(ctx, tx, p.ID)
	if err != nil {
		return err
	}
	if summary[t.ID] {
		return domain.Invalid("summary_task", "task", "%s %q is a summary task; estimate the tasks under it", t.Key(p.Key), t.Name)
	}
	return nil
}

// DeleteEstimate removes a task's estimate: it keeps its planned
// duration in every run again.
func (a *App) DeleteEstimate(ctx context.Context, key string, taskID int64) error {
	return a.store.Update(ctx, func(tx store.Tx) error {
		p, err := projectShared(ctx, tx, key)
		if err != nil {
			return err
		}
		old, err := tx.TaskEstimate(ctx, p.ID, taskID)
		if err != nil {
			return err
		}
		if err := tx.DeleteTaskEstimate(ctx, p.ID, taskID); err != nil {
			return err
		}
		return a.audit(ctx, tx, p.ID, "task", taskID, "update", domain.Diff([][2]string{{"estimate", old.String(p.Units)}}, [][2]string{{"estimate", ""}}))
	})
}

// CorrelationGroups lists a project's correlation groups.
func (a *App) CorrelationGroups(ctx context.Context, key string) (gs []domain.CorrelationGroup, err error) {
	err = a.store.View(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, key)
		if err != nil {
			return err
		}
		gs, err = tx.CorrelationGroups(ctx, p.ID)
		return err
	})
	return gs, err
}

// CorrelationGroup returns one correlation group of a project.
func (a *App) CorrelationGroup(ctx context.Context, key string, id int64) (g domain.CorrelationGroup, err error) {
	err = a.store.View(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, key)
		if err != nil {
			return err
		}
		g, err = tx.CorrelationGroup(ctx, p.ID, id)
		return err
	})
	return g, err
}

// CreateCorrelationGroup adds a group of tasks whose durations move
// together. Its tasks must be tasks (not summaries), each in no other
// group.
func (a *App) CreateCorrelationGroup(ctx context.Context, key string, edit func(*domain.CorrelationGroup) error) (domain.CorrelationGroup, error) {
	var g domain.CorrelationGroup
	err := a.store.Update(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, key)
		if err != nil {
			return err
		}
		if err := edit(&g); err != nil {
			return err
		}
		g.ID, g.ProjectID = 0, p.ID
		if err := checkGroup(ctx, tx, p, &g); err != nil {
			return err
		}
		if err := tx.CreateCorrelationGroup(ctx, &g); err != nil {
			return err
		}
		key, err := taskKeys(ctx, tx, p, g.Tasks)
		if err != nil {
			return err
		}
		return a.audit(ctx, tx, p.ID, "correlation_group", g.ID, "create", domain.Diff(nil, g.Fields(key)))
	})
	return g, err
}

// UpdateCorrelationGroup applies edit to a group and saves it. version is
// the version the caller last saw (0: do not check).
func (a *App) UpdateCorrelationGroup(ctx context.Context, key string, id, version int64, edit func(*domain.CorrelationGroup) error) (domain.CorrelationGroup, error) {
	var g domain.CorrelationGroup
	err := a.store.Update(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, key)
		if err != nil {
			return err
		}
		if g, err = tx.CorrelationGroup(ctx, p.ID, id); err != nil {
			return err
		}
		if err := checkVersion("correlation_group", id, version, g.Version); err != nil {
			return err
		}
		before := g
		before.Tasks = slices.Clone(g.Tasks)
		if err := edit(&g); err != nil {
			return err
		}
		g.ID, g.ProjectID = id, p.ID
		if err := checkGroup(ctx, tx, p, &g); err != nil {
			return err
		}
		if err := tx.UpdateCorrelationGroup(ctx, &g); err != nil {
			return err
		}
		key, err := taskKeys(ctx, tx, p, before.Tasks, g.Tasks)
		if err != nil {
			return err
		}
		return a.audit(ctx, tx, p.ID, "correlation_group", g.ID, "update", domain.Diff(before.Fields(key), g.Fields(key)))
	})
	return g, err
}

func checkGroup(ctx context.Context, tx store.Tx, p domain.Project, g *domain.CorrelationGroup) error {
	g.Normalize()
	if err := g.Validate(); err != nil {
		return err
	}
	tasks, summary, err := projectTasks(ctx, tx, p.ID)
	if err != nil {
		return err
	}
	for _, id := range g.Tasks {
		t, ok := tasks[id]
		switch {
		case !ok:
			return domain.Invalid("unknown_task", "tasks", "task %d does not exist in %s; give the ids of tasks in it", id, p.Key)
		case summary[id]:
			return domain.Invalid("summary_task", "tasks", "%s %q is a summary task; group the tasks under it", t.Key(p.Key), t.Name)
		}
	}
	return nil
}

// DeleteCorrelationGroup removes a group; its tasks become independent.
func (a *App) DeleteCorrelationGroup(ctx context.Context, key string, id, version int64) error {
	return a.store.Update(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, key)
		if err != nil {
			return err
		}
		g, err := tx.CorrelationGroup(ctx, p.ID, id)
		if err != nil {
			return err
		}
		if err := checkVersion("correlation_group", id, version, g.Version); err != nil {
			return err
		}
		key, err := taskKeys(ctx, tx, p, g.Tasks)
		if err != nil {
			return err
		}
		if err := tx.DeleteCorrelationGroup(ctx, p.ID, id, g.Version); err != nil {
			return err
		}
		return a.audit(ctx, tx, p.ID, "correlation_group", id, "delete", domain.Diff(g.Fields(key), nil))
	})
}
