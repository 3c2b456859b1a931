package app

import (
	"context"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// AddExpense records money spent on a task of the project: an invoice, a
// purchase. build fills it in, knowing the project (for its currency).
func (a *App) AddExpense(ctx context.Context, key string, build func(domain.Project, *domain.Expense) error) (domain.Expense, error) {
	var e domain.Expense
	err := a.store.Update(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, key)
		if err != nil {
			return err
		}
		if err := build(p, &e); err != nil {
			return err
		}
		e.ProjectID, e.CreatedBy = p.ID, Actor(ctx)
		if err := checkExpense(ctx, tx, p, &e); err != nil {
			return err
		}
		if err := tx.CreateExpense(ctx, &e); err != nil {
			return err
		}
		return a.audit(ctx, tx, p.ID, "expense", e.ID, "create", domain.Diff(nil, e.Fields(p.Currency)))
	})
	return e, err
}

// UpdateExpense applies edit to an expense; version is the version the
// caller last saw (0: do not check).
func (a *App) UpdateExpense(ctx context.Context, key string, id, version int64, edit func(domain.Project, *domain.Expense) error) (domain.Expense, error) {
	var e domain.Expense
	err := a.store.Update(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, key)
		if err != nil {
			return err
		}
		if e, err = tx.Expense(ctx, p.ID, id); err != nil {
			return err
		}
		if err := checkVersion("expense", id, version, e.Version); err != nil {
			return err
		}
		before := e.Fields(p.Currency)
		if err := edit(p, &e); err != nil {
			return err
		}
		e.ID, e.ProjectID = id, p.ID
		if err := checkExpense(ctx, tx, p, &e); err != nil {
			return err
		}
		if err := tx.UpdateExpense(ctx, &e); err != nil {
			return err
		}
		return a.audit(ctx, tx, p.ID, "expense", e.ID, "update", domain.Diff(before, e.Fields(p.Currency)))
	})
	return e, err
}

// DeleteExpense removes an expense.
func (a *App) DeleteExpense(ctx context.Context, key string, id, version int64) error {
	return a.store.Update(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, key)
		if err != nil {
			return err
		}
		e, err := tx.Expense(ctx, p.ID, id)
		if err != nil {
			return err
		}
		if err := checkVersion("expense", id, version, e.Version); err != nil {
			return err
		}
		if err := tx.DeleteExpense(ctx, p.ID, id, e.Version); err != nil {
			return err
		}
		return a.audit(ctx, tx, p.ID, "expense", id, "delete", domain.Diff(e.Fields(p.Currency), nil))
	})
}

// Expense returns one expense of the project.
func (a *App) Expense(ctx context.Context, key string, id int64) (p domain.Project, e domain.Expense, err error) {
	err = a.store.View(ctx, func(tx store.Tx) error {
		if p, err = tx.Project(ctx, key); err != nil {
			return err
		}
		e, err = tx.Expense(ctx, p.ID, id)
		return err
	})
	return p, e, err
}

// Expenses lists one page of the project's expenses, by id.
func (a *App) Expenses(ctx context.Context, key string, page store.Page) (p domain.Project, es []domain.Expense, err error) {
	err = a.store.View(ctx, func(tx store.Tx) error {
		if p, err = tx.Project(ctx, key); err != nil {
			return err
		}
		es, err = tx.Expenses(ctx, p.ID, page)
		return err
	})
	return p, es, err
}

func checkExpense(ctx context.Context, tx store.Tx, p domain.Project, e *domain.Expense) error {
	e.Normalize()
	if err := e.Validate(); err != nil {
		return err
	}
	if _, err := tx.Task(ctx, p.ID, e.Task); domain.IsNotFound(err) {
		return domain.Invalid("unknown_task", "task", "task %d does not exist in project %s", e.Task, p.Key)
	} else if err != nil {
		return err
	}
	return nil
}

// Budgets are a project's budget and the budgets of its phases and cost
// accounts (summary tasks, or tasks).
type Budgets struct {
	Project domain.Project
	Tasks   []domain.Task // every task, for names and the WBS
	Budgets []domain.TaskBudget
}

// Budgets returns the project's budgets.
func (a *App) Budgets(ctx context.Context, key string) (b Budgets, err error) {
	err = a.store.View(ctx, func(tx store.Tx) error {
		if b.Project, err = tx.Project(ctx, key); err != nil {
			return err
		}
		if b.Tasks, err = tx.Tasks(ctx, b.Project.ID, store.Page{}); err != nil {
			return err
		}
		b.Budgets, err = tx.TaskBudgets(ctx, b.Project.ID)
		return err
	})
	return b, err
}

// SetTaskBudget sets the budget of a phase or cost account (a task of the
// project) to what amount reads in the project's currency; version is the
// budget's version the caller last saw (0: do not check).
func (a *App) SetTaskBudget(ctx context.Context, key string, taskID, version int64, amount func(domain.Project) (int64, error)) (domain.TaskBudget, error) {
	b := domain.TaskBudget{Task: taskID, Version: version}
	err := a.store.Update(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, key)
		if err != nil {
			return err
		}
		if _, err := tx.Task(ctx, p.ID, taskID); err != nil {
			return err
		}
		if b.Amount, err = amount(p); err != nil {
			return err
		}
		b.ProjectID = p.ID
		if err := b.Validate(); err != nil {
			return err
		}
		old, err := budgetOf(ctx, tx, p, taskID)
		if err != nil {
			return err
		}
		if err := tx.SetTaskBudget(ctx, &b); err != nil {
			return err
		}
		action := "update"
		if old == "" {
			action = "create"
		}
		return a.audit(ctx, tx, p.ID, "budget", taskID, action,
			domain.Diff([][2]string{{"budget", old}}, [][2]string{{"budget", domain.FormatMoney(b.Amount, p.Currency)}}))
	})
	return b, err
}

// budgetOf returns a task's budget as text, "" when it has none.
func budgetOf(ctx context.Context, tx store.Tx, p domain.Project, taskID int64) (string, error) {
	bs, err := tx.TaskBudgets(ctx, p.ID)
	for _, b := range bs {
		if b.Task == taskID {
			return domain.FormatMoney(b.Amount, p.Currency), err
		}
	}
	return "", err
}

// DeleteTaskBudget removes the budget of a task.
func (a *App) DeleteTaskBudget(ctx context.Context, key string, taskID, version int64) error {
	return a.store.Update(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, key)
		if err != nil {
			return err
		}
		old, err := budgetOf(ctx, tx, p, taskID)
		if err != nil {
			return err
		}
		if err := tx.DeleteTaskBudget(ctx, p.ID, taskID, version); err != nil {
			return err
		}
		return a.audit(ctx, tx, p.ID, "budget", taskID, "delete", domain.Diff([][2]string{{"budget", old}}, nil))
	})
}
