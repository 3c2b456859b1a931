package app

import (
	"context"
	"strconv"

	"github.com/cairnpm/cairn/cost"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/schedule"
	"github.com/cairnpm/cairn/store"
)

// SaveBaseline computes the project's schedule and saves it as baseline
// number n, replacing any earlier baseline n.
func (a *App) SaveBaseline(ctx context.Context, key string, n int) (int, error) {
	if err := domain.ValidateBaselineNumber(n); err != nil {
		return 0, err
	}
	var count int
	err := a.store.Update(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, key)
		if err != nil {
			return err
		}
		plan, err := loadPlan(ctx, tx, p)
		if err != nil {
			return err
		}
		res, err := schedule.Compute(plan, schedule.Options{})
		if err != nil {
			return err
		}
		rows := res.Baseline(plan, n)
		// The baseline's cost is its budget: what each task costs as
		// planned, from rates, fixed costs and assignments.
		costs, err := cost.Compute(plan, res, cost.Options{})
		if err != nil {
			return err
		}
		for i := range rows {
			if i < len(costs.Tasks) && costs.Tasks[i].ID == rows[i].Task {
				rows[i].Cost = costs.Tasks[i].Cost
			}
		}
		count = len(rows)
		if err := tx.SaveBaseline(ctx, p.ID, n, rows); err != nil {
			return err
		}
		return a.audit(ctx, tx, p.ID, "baseline", int64(n), "save", []domain.Change{{Field: "tasks", New: strconv.Itoa(count)}})
	})
	if err == nil {
		a.log.InfoContext(ctx, "baseline saved", "project", key, "baseline", n, "tasks", count)
	}
	return count, err
}
