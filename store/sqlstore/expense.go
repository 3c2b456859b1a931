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

const expenseColumns = `id, project_id, task_id, day, amount, description, supplier, reference, created_by, version,
	created_at, updated_at`

func scanExpense(row interface{ Scan(...any) error }) (domain.Expense, error) {
	var e domain.Expense
	err := row.Scan(&e.ID, &e.ProjectID, &e.Task, dayScan{&e.Date}, &e.Amount, &e.Description, &e.Supplier, &e.Reference,
		&e.CreatedBy, &e.Version, instantScan{&e.CreatedAt}, instantScan{&e.UpdatedAt})
	return e, err
}

func (t *tx) CreateExpense(ctx context.Context, e *domain.Expense) error {
	now := time.Now().UTC()
	e.Version, e.CreatedAt, e.UpdatedAt = 1, now, now
	id, err := t.insert(ctx, "expense", "task", `INSERT INTO expenses (project_id, task_id, day, amount, description, supplier,
		reference, created_by, version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
		e.ProjectID, e.Task, day(e.Date), e.Amount, e.Description, e.Supplier, e.Reference, e.CreatedBy, e.Version,
		instant(now), instant(now))
	e.ID = id
	return err
}

func (t *tx) Expense(ctx context.Context, projectID, id int64) (domain.Expense, error) {
	e, err := scanExpense(t.queryRow(ctx, "SELECT "+expenseColumns+" FROM expenses WHERE project_id = ? AND id = ?"+t.lock(), projectID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return e, domain.NotFound("expense_not_found", "expense %d does not exist in this project", id)
	}
	if err != nil {
		return e, fmt.Errorf("read expense %d: %w", id, err)
	}
	return e, nil
}

func (t *tx) Expenses(ctx context.Context, projectID int64, page store.Page) ([]domain.Expense, error) {
	tail, args := pageClause(page)
	rows, err := t.query(ctx, "SELECT "+expenseColumns+" FROM expenses WHERE project_id = ?"+tail, append([]any{projectID}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("list expenses: %w", err)
	}
	return collect(rows, scanExpense)
}

func (t *tx) UpdateExpense(ctx context.Context, e *domain.Expense) error {
	now := time.Now().UTC()
	err := t.versioned(ctx, "expense", "expenses", e.ProjectID, e.ID, e.Version, `UPDATE expenses SET task_id = ?, day = ?,
		amount = ?, description = ?, supplier = ?, reference = ?, version = version + 1, updated_at = ?
		WHERE id = ? AND project_id = ? AND version = ?`,
		e.Task, day(e.Date), e.Amount, e.Description, e.Supplier, e.Reference, instant(now), e.ID, e.ProjectID, e.Version)
	if err != nil {
		return err
	}
	e.UpdatedAt = now
	return t.bump(ctx, "expenses", e.ID, &e.Version)
}

func (t *tx) DeleteExpense(ctx context.Context, projectID, id, version int64) error {
	return t.versioned(ctx, "expense", "expenses", projectID, id, version,
		"DELETE FROM expenses WHERE id = ? AND project_id = ? AND version = ?", id, projectID, version)
}

func (t *tx) SetTaskBudget(ctx context.Context, b *domain.TaskBudget) error {
	var current int64
	err := t.queryRow(ctx, "SELECT version FROM task_budgets WHERE project_id = ? AND task_id = ?"+t.lock(), b.ProjectID, b.Task).Scan(&current)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		if b.Version != 0 {
			return store.Stale("budget", b.Task, 0)
		}
		b.Version = 1
		_, err = t.exec(ctx, "INSERT INTO task_budgets (task_id, project_id, amount, version) VALUES (?,?,?,?)",
			b.Task, b.ProjectID, b.Amount, b.Version)
		if err != nil {
			return fmt.Errorf("save budget: %w", t.db.mapErr(err, "budget", "task"))
		}
		return nil
	case err != nil:
		return fmt.Errorf("read budget: %w", err)
	case b.Version != 0 && b.Version != current:
		return store.Stale("budget", b.Task, current)
	}
	b.Version = current + 1
	if _, err := t.exec(ctx, "UPDATE task_budgets SET amount = ?, version = ? WHERE project_id = ? AND task_id = ?",
		b.Amount, b.Version, b.ProjectID, b.Task); err != nil {
		return fmt.Errorf("save budget: %w", err)
	}
	return nil
}

func (t *tx) TaskBudgets(ctx context.Context, projectID int64) ([]domain.TaskBudget, error) {
	rows, err := t.query(ctx, "SELECT project_id, task_id, amount, version FROM task_budgets WHERE project_id = ? ORDER BY task_id", projectID)
	if err != nil {
		return nil, fmt.Errorf("list budgets: %w", err)
	}
	return collect(rows, func(row interface{ Scan(...any) error }) (domain.TaskBudget, error) {
		var b domain.TaskBudget
		err := row.Scan(&b.ProjectID, &b.Task, &b.Amount, &b.Version)
		return b, err
	})
}

func (t *tx) DeleteTaskBudget(ctx context.Context, projectID, taskID, version int64) error {
	q := "DELETE FROM task_budgets WHERE project_id = ? AND task_id = ?"
	args := []any{projectID, taskID}
	if version != 0 {
		q += " AND version = ?"
		args = append(args, version)
	}
	res, err := t.exec(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("delete budget: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return nil
	}
	var current int64
	err = t.queryRow(ctx, "SELECT version FROM task_budgets WHERE project_id = ? AND task_id = ?", projectID, taskID).Scan(&current)
	if errors.Is(err, sql.ErrNoRows) {
		return domain.NotFound("budget_not_found", "task %d has no budget", taskID)
	}
	if err != nil {
		return fmt.Errorf("read budget version: %w", err)
	}
	return store.Stale("budget", taskID, current)
}
