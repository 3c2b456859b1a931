package app

import (
	"context"
	"fmt"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// CreateProject stores a new project with a Standard project calendar.
func (a *App) CreateProject(ctx context.Context, p domain.Project) (domain.Project, error) {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return p, err
	}
	err := a.store.Update(ctx, func(tx store.Tx) error {
		if err := tx.CreateProject(ctx, &p); err != nil {
			return err
		}
		cal := domain.Calendar{ProjectID: p.ID, Name: "Standard", Week: domain.StandardWeek()}
		if err := tx.CreateCalendar(ctx, &cal); err != nil {
			return err
		}
		p.CalendarID = cal.ID
		if err := tx.UpdateProject(ctx, &p); err != nil {
			return err
		}
		return a.audit(ctx, tx, p.ID, "project", p.ID, "create", domain.Diff(nil, p.Fields()))
	})
	if err != nil {
		return domain.Project{}, fmt.Errorf("create project %s: %w", p.Key, err)
	}
	a.log.InfoContext(ctx, "project created", "project", p.Key)
	return p, nil
}

// Project returns the project with the given key.
func (a *App) Project(ctx context.Context, key string) (p domain.Project, err error) {
	err = a.store.View(ctx, func(tx store.Tx) error {
		p, err = tx.Project(ctx, key)
		return err
	})
	return p, err
}

// Projects lists one page of projects.
func (a *App) Projects(ctx context.Context, page store.Page) (ps []domain.Project, err error) {
	err = a.store.View(ctx, func(tx store.Tx) error {
		ps, err = tx.Projects(ctx, page)
		return err
	})
	return ps, err
}

// UpdateProject applies edit to the project and saves it. version is the
// version the caller last saw (0: do not check).
func (a *App) UpdateProject(ctx context.Context, key string, version int64, edit func(*domain.Project) error) (domain.Project, error) {
	var p domain.Project
	err := a.store.Update(ctx, func(tx store.Tx) error {
		var err error
		if p, err = tx.Project(ctx, key); err != nil {
			return err
		}
		if err := checkVersion("project", p.ID, version, p.Version); err != nil {
			return err
		}
		before := p.Fields()
		if err := edit(&p); err != nil {
			return err
		}
		p.Normalize()
		if err := p.Validate(); err != nil {
			return err
		}
		if err := tx.UpdateProject(ctx, &p); err != nil {
			return err
		}
		return a.audit(ctx, tx, p.ID, "project", p.ID, "update", domain.Diff(before, p.Fields()))
	})
	return p, err
}

// DeleteProject removes a project and everything in it.
func (a *App) DeleteProject(ctx context.Context, key string, version int64) error {
	return a.store.Update(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, key)
		if err != nil {
			return err
		}
		if err := checkVersion("project", p.ID, version, p.Version); err != nil {
			return err
		}
		if err := tx.DeleteProject(ctx, p.ID, p.Version); err != nil {
			return err
		}
		// The project's own events go with it; this one outlives it.
		return a.audit(ctx, tx, 0, "project", p.ID, "delete", domain.Diff(p.Fields(), nil))
	})
}

// checkVersion fails with a precondition error when the caller's version
// (if given) is not the stored one.
func checkVersion(entity string, id, want, have int64) error {
	if want != 0 && want != have {
		return store.Stale(entity, id, have)
	}
	return nil
}
