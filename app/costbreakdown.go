package app

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/cairnpm/cairn/cost"
	"github.com/cairnpm/cairn/evm"
	"github.com/cairnpm/cairn/schedule"
)

// CostByResource is the planned cost of each resource's assignments in the
// current plan, largest first, for the cost breakdown chart.
func (a *App) CostByResource(ctx context.Context, key string) ([]evm.Bar, error) {
	plan, err := a.Plan(ctx, key)
	if err != nil {
		return nil, err
	}
	res, err := schedule.Compute(plan, schedule.Options{})
	if err != nil {
		return nil, err
	}
	c, err := cost.Compute(plan, res, cost.Options{})
	if err != nil {
		return nil, err
	}
	names := make(map[int64]string, len(plan.Resources))
	for _, r := range plan.Resources {
		names[r.ID] = r.Name
	}
	by := map[int64]int64{}
	for _, as := range c.Assignments {
		by[as.Resource] += as.Cost
	}
	out := make([]evm.Bar, 0, len(by))
	for id, amount := range by {
		out = append(out, evm.Bar{Label: names[id], Budget: amount, Forecast: -1})
	}
	slices.SortFunc(out, func(x, y evm.Bar) int {
		return cmp.Or(cmp.Compare(y.Budget, x.Budget), strings.Compare(x.Label, y.Label))
	})
	return out, nil
}
