package app

import (
	"context"
	"errors"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// CreateTask adds a task to the project with the given key, after its
// siblings. The project is passed to build so that it can read durations
// in the project's units.
func (a *App) CreateTask(ctx context.Context, key string, build func(domain.Project, *domain.Task) error) (domain.Task, error) {
	var t domain.Task
	err := a.store.Update(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, key)
		if err != nil {
			return err
		}
		if err := build(p, &t); err != nil {
			return err
		}
		t.ProjectID = p.ID
		t.Normalize()
		if err := t.Validate(); err != nil {
			return err
		}
		if err := checkParent(ctx, tx, p.ID, &t); err != nil {
			return err
		}
		if t.Position == 0 {
			if t.Position, err = tx.NextPosition(ctx, p.ID, t.Parent); err != nil {
				return err
			}
		}
		if err := tx.CreateTask(ctx, &t); err != nil {
			return err
		}
		return a.audit(ctx, tx, p.ID, "task", t.ID, "create", domain.Diff(nil, t.Fields(p.Units)))
	})
	return t, err
}

// checkParent makes sure t's parent is a task of the same project and not
// t itself or one of its descendants.
func checkParent(ctx context.Context, tx store.Tx, projectID int64, t *domain.Task) error {
	for cur, depth := t.Parent, 0; cur != 0; depth++ {
		if cur == t.ID && t.ID != 0 {
			return domain.Invalid("invalid_parent", "parent", "a task cannot be moved under itself or its own subtask")
		}
		parent, err := tx.Task(ctx, projectID, cur)
		if domain.IsNotFound(err) {
			if depth == 0 {
				return domain.Invalid("unknown_parent", "parent", "parent task %d does not exist in this project; give the id of a task in it, or null for top level", cur)
			}
			return err
		}
		if err != nil {
			return err
		}
		cur = parent.Parent
	}
	return nil
}

// projectTaskReader is a transaction that reads a project and one of its
// tasks in one statement, as sqlstore's can.
type projectTaskReader interface {
	ProjectTask(ctx context.Context, key string, id int64) (domain.Project, domain.Task, error)
}

// Task returns one task of a project.
func (a *App) Task(ctx context.Context, key string, id int64) (p domain.Project, t domain.Task, err error) {
	err = a.store.View(ctx, func(tx store.Tx) error {
		if r, ok := storeTx(tx).(projectTaskReader); ok {
			p, t, err = r.ProjectTask(ctx, key, id)
			return err
		}
		if p, err = tx.Project(ctx, key); err != nil {
			return err
		}
		t, err = tx.Task(ctx, p.ID, id)
		return err
	})
	return p, t, err
}

// Tasks lists one page of a project's tasks, ordered by id.
func (a *App) Tasks(ctx context.Context, key string, page store.Page) (p domain.Project, ts []domain.Task, err error) {
	err = a.store.View(ctx, func(tx store.Tx) error {
		if p, err = tx.Project(ctx, key); err != nil {
			return err
		}
		ts, err = tx.Tasks(ctx, p.ID, page)
		return err
	})
	return p, ts, err
}

// UpdateTask applies edit to a task and saves it. version is the version
// the caller last saw (0: do not check). A change of parent is checked so
// the WBS stays a tree.
//
// Most updates change one task and nothing that another writer checks, so
// they lock only that task's row and leave the project row shared
// (ProjectShared): updates of different tasks then run side by side. An
// edit that turns out to move the task starts again with the project
// locked, as every change of the plan's structure is.
func (a *App) UpdateTask(ctx context.Context, key string, id, version int64, edit func(domain.Project, *domain.Task) error) (domain.Task, error) {
	t, err := a.updateTask(ctx, key, id, version, edit, false)
	if errors.Is(err, errMoves) {
		t, err = a.updateTask(ctx, key, id, version, edit, true)
	}
	return t, err
}

// errMoves stops a task update under a shared project lock that moves the
// task.
var errMoves = errors.New("the update moves the task")

func (a *App) updateTask(ctx context.Context, key string, id, version int64, edit func(domain.Project, *domain.Task) error, move bool) (domain.Task, error) {
	var t domain.Task
	err := a.store.Update(ctx, func(tx store.Tx) error {
		var p domain.Project
		var err error
		if move {
			p, err = tx.Project(ctx, key)
		} else {
			p, err = projectShared(ctx, tx, key)
		}
		if err != nil {
			return err
		}
		if t, err = tx.Task(ctx, p.ID, id); err != nil {
			return err
		}
		if err := checkVersion("task", t.ID, version, t.Version); err != nil {
			return err
		}
		oldParent := t.Parent
		before := t.Fields(p.Units)
		if err := edit(p, &t); err != nil {
			return err
		}
		t.ID, t.ProjectID = id, p.ID
		t.Normalize()
		if err := t.Validate(); err != nil {
			return err
		}
		if t.Parent != oldParent {
			if !move {
				return errMoves
			}
			if err := checkParent(ctx, tx, p.ID, &t); err != nil {
				return err
			}
			if t.Position, err = tx.NextPosition(ctx, p.ID, t.Parent); err != nil {
				return err
			}
		}
		if err := tx.UpdateTask(ctx, &t); err != nil {
			return err
		}
		if t.Parent != oldParent {
			if err := validateStructure(ctx, tx, p, 0); err != nil {
				return err
			}
		}
		return a.audit(ctx, tx, p.ID, "task", t.ID, "update", domain.Diff(before, t.Fields(p.Units)))
	})
	return t, err
}

// DeleteTask removes a task with its subtasks, links and assignments.
func (a *App) DeleteTask(ctx context.Context, key string, id, version int64) error {
	return a.store.Update(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, key)
		if err != nil {
			return err
		}
		t, err := tx.Task(ctx, p.ID, id)
		if err != nil {
			return err
		}
		if err := checkVersion("task", t.ID, version, t.Version); err != nil {
			return err
		}
		if err := tx.DeleteTask(ctx, p.ID, id, t.Version); err != nil {
			return err
		}
		return a.audit(ctx, tx, p.ID, "task", id, "delete", domain.Diff(t.Fields(p.Units), nil))
	})
}
