package sqlstore

import (
	"context"
	"fmt"
	"time"

	"github.com/cairnpm/cairn/domain"
)

// restampTables says, per entity Restamp accepts, its table and how its
// creation and update times are written ("" when it has no such column),
// and its key column when it is not id.
var restampTables = map[string]struct {
	table            string
	created, updated string
	format           func(time.Time) string
	key              string
}{
	"project":           {table: "projects", created: "created_at", updated: "updated_at", format: instant},
	"task":              {table: "tasks", created: "created_at", updated: "updated_at", format: instant},
	"calendar":          {table: "calendars"},
	"dependency":        {table: "dependencies"},
	"resource":          {table: "resources"},
	"assignment":        {table: "assignments"},
	"user":              {table: "users", created: "created_at", updated: "updated_at", format: stamp},
	"member":            {table: "memberships", created: "created_at", format: stamp},
	"report":            {table: "status_reports"},
	"time_entry":        {table: "time_entries", created: "created_at", updated: "updated_at", format: instant},
	"expense":           {table: "expenses", created: "created_at", updated: "updated_at", format: instant},
	"task_budget":       {table: "task_budgets", key: "task_id"}, // a task's budget, by the task's ID
	"risk":              {table: "risks", created: "created_at", updated: "updated_at", format: instant},
	"correlation_group": {table: "correlation_groups"},
	"risk_matrix":       {table: "risk_matrices", key: "project_id"}, // a project's matrix, by the project's ID
}

func (t *tx) Restamp(ctx context.Context, entity string, id, version int64, createdAt, updatedAt time.Time) error {
	tbl, ok := restampTables[entity]
	if !ok {
		return domain.Invalid("invalid_entity", "entity", "cannot restamp a %q", entity)
	}
	query, args := "UPDATE "+tbl.table+" SET version = ?", []any{version}
	for _, c := range []struct {
		column string
		at     time.Time
		name   string
	}{{tbl.created, createdAt, "creation"}, {tbl.updated, updatedAt, "update"}} {
		switch {
		case c.at.IsZero():
		case c.column == "":
			return domain.Invalid("invalid_time", "", "a %s has no %s time", entity, c.name)
		default:
			query += ", " + c.column + " = ?"
			args = append(args, tbl.format(c.at))
		}
	}
	key := "id"
	if tbl.key != "" {
		key = tbl.key
	}
	res, err := t.exec(ctx, query+" WHERE "+key+" = ?", append(args, id)...)
	if err != nil {
		return fmt.Errorf("restamp %s %d: %w", entity, id, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return domain.NotFound(entity+"_not_found", "%s %d does not exist", entity, id)
	}
	return nil
}
