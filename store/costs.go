package store

import (
	"context"
	"time"

	"github.com/cairnpm/cairn/domain"
)

// CostTx is the part of a transaction about what a project actually
// spends and may spend: timesheet entries, expenses and the budgets of
// its phases and cost accounts.
type CostTx interface {
	// CreateTimeEntry stores e and sets its ID, Version and timestamps;
	// a second entry for the same user, task and day is KindConflict.
	CreateTimeEntry(ctx context.Context, e *domain.TimeEntry) error
	TimeEntry(ctx context.Context, projectID, id int64) (domain.TimeEntry, error)
	// TimeEntries lists the entries f selects, by date, then ID.
	TimeEntries(ctx context.Context, f TimeFilter) ([]domain.TimeEntry, error)
	// UpdateTimeEntry saves e's task, date, minutes, note and review,
	// checking e.Version (0: no check).
	UpdateTimeEntry(ctx context.Context, e *domain.TimeEntry) error
	DeleteTimeEntry(ctx context.Context, projectID, id, version int64) error

	// CreateExpense stores e and sets its ID, Version and timestamps.
	CreateExpense(ctx context.Context, e *domain.Expense) error
	Expense(ctx context.Context, projectID, id int64) (domain.Expense, error)
	// Expenses lists one page of a project's expenses, by ID.
	Expenses(ctx context.Context, projectID int64, page Page) ([]domain.Expense, error)
	// UpdateExpense saves e, checking e.Version (0: no check).
	UpdateExpense(ctx context.Context, e *domain.Expense) error
	DeleteExpense(ctx context.Context, projectID, id, version int64) error

	// SetTaskBudget creates or replaces the budget of b.Task, checking
	// b.Version when it is not 0, and sets the new Version.
	SetTaskBudget(ctx context.Context, b *domain.TaskBudget) error
	// TaskBudgets lists a project's task budgets, by task ID.
	TaskBudgets(ctx context.Context, projectID int64) ([]domain.TaskBudget, error)
	DeleteTaskBudget(ctx context.Context, projectID, taskID, version int64) error
}

// TimeFilter selects timesheet entries: those of one project (0: every
// project), of one user (0: everyone), dated in [From, To) (a zero bound
// is open), and with Status, when it is not empty.
type TimeFilter struct {
	ProjectID int64
	User      int64
	From, To  time.Time
	Status    domain.TimeStatus
}
