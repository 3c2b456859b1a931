package app

import (
	"context"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// CreateDependency links two tasks of a project. It refuses links between
// unknown tasks, duplicate links, links between a summary and its own
// subtask, and links that would close a cycle.
func (a *App) CreateDependency(ctx context.Context, key string, build func(domain.Project, *domain.Dependency) error) (domain.Dependency, error) {
	var d domain.Dependency
	err := a.store.Update(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, key)
		if err != nil {
			return err
		}
		if err := build(p, &d); err != nil {
			return err
		}
		d.ProjectID = p.ID
		if d.Type == "" {
			d.Type = domain.FS
		}
		if err := d.Validate(); err != nil {
			return err
		}
		for _, f := range []struct {
			name string
			id   int64
		}{{"predecessor", d.Predecessor}, {"successor", d.Successor}} {
			if _, err := tx.Task(ctx, p.ID, f.id); domain.IsNotFound(err) {
				return domain.Invalid("unknown_task", f.name, "%s %d is not a task of project %s; use an id from GET /api/v1/projects/%s/tasks", f.name, f.id, p.Key, p.Key)
			} else if err != nil {
				return err
			}
		}
		if err := tx.CreateDependency(ctx, &d); err != nil {
			return err
		}
		if err := validateStructure(ctx, tx, p, d.Successor); err != nil {
			return err
		}
		return a.audit(ctx, tx, p.ID, "dependency", d.ID, "create", domain.Diff(nil, d.Fields(p.Units)))
	})
	return d, err
}

// Dependencies lists one page of a project's links.
func (a *App) Dependencies(ctx context.Context, key string, page store.Page) (p domain.Project, ds []domain.Dependency, err error) {
	err = a.store.View(ctx, func(tx store.Tx) error {
		if p, err = tx.Project(ctx, key); err != nil {
			return err
		}
		ds, err = tx.Dependencies(ctx, p.ID, page)
		return err
	})
	return p, ds, err
}

// Dependency returns one link.
func (a *App) Dependency(ctx context.Context, key string, id int64) (p domain.Project, d domain.Dependency, err error) {
	err = a.store.View(ctx, func(tx store.Tx) error {
		if p, err = tx.Project(ctx, key); err != nil {
			return err
		}
		d, err = tx.Dependency(ctx, p.ID, id)
		return err
	})
	return p, d, err
}

// UpdateDependency changes a link's type or lag (or ends).
func (a *App) UpdateDependency(ctx context.Context, key string, id, version int64, edit func(domain.Project, *domain.Dependency) error) (domain.Dependency, error) {
	var d domain.Dependency
	err := a.store.Update(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, key)
		if err != nil {
			return err
		}
		if d, err = tx.Dependency(ctx, p.ID, id); err != nil {
			return err
		}
		if err := checkVersion("dependency", d.ID, version, d.Version); err != nil {
			return err
		}
		before := d.Fields(p.Units)
		if err := edit(p, &d); err != nil {
			return err
		}
		d.ID, d.ProjectID = id, p.ID
		if err := d.Validate(); err != nil {
			return err
		}
		if err := tx.UpdateDependency(ctx, &d); err != nil {
			return err
		}
		if err := validateStructure(ctx, tx, p, d.Successor); err != nil {
			return err
		}
		return a.audit(ctx, tx, p.ID, "dependency", d.ID, "update", domain.Diff(before, d.Fields(p.Units)))
	})
	return d, err
}

// DeleteDependency removes a link.
func (a *App) DeleteDependency(ctx context.Context, key string, id, version int64) error {
	return a.store.Update(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, key)
		if err != nil {
			return err
		}
		d, err := tx.Dependency(ctx, p.ID, id)
		if err != nil {
			return err
		}
		if err := checkVersion("dependency", d.ID, version, d.Version); err != nil {
			return err
		}
		if err := tx.DeleteDependency(ctx, p.ID, id, d.Version); err != nil {
			return err
		}
		return a.audit(ctx, tx, p.ID, "dependency", id, "delete", domain.Diff(d.Fields(p.Units), nil))
	})
}
