package risk

import (
	"github.com/cairnpm/cairn/cost"
	"github.com/cairnpm/cairn/domain"
)

// A run's cost is the plan's planned cost, as package cost computes it
// (resources at their rates, per-use costs, materials, cost resources,
// fixed costs), changed by what the run's durations change, plus the cost
// of the risk events that occurred. The work of people and equipment
// stretches with their task: when a run's duration is 20% longer than
// planned, so is the work, and so is its cost (at the rates package cost
// charged). Per-use costs, materials, cost resources and fixed costs do
// not depend on the duration. Money is kept in minor units; a run's total
// is rounded to a whole one.

// costRates returns, per leaf node, how much its cost changes per minute
// of duration: the work part of its assignments' planned cost over its
// planned duration.
func (n *network) costRates(p *domain.Plan, ix *domain.Index, planned *cost.Result) []float64 {
	perMinute := make([]float64, len(n.kind))
	res := make(map[int64]*domain.Resource, len(p.Resources))
	for i := range p.Resources {
		res[p.Resources[i].ID] = &p.Resources[i]
	}
	for ai, a := range p.Assignments {
		i, ok := ix.Find(a.Task)
		r := res[a.Resource]
		if !ok || r == nil || r.Kind != domain.Work || n.leafOf[i] < 0 || ai >= len(planned.Assignments) {
			continue
		}
		k := n.leafOf[i]
		if work := planned.Assignments[ai].Cost - r.CostPerUse; work > 0 && n.base[k] > 0 {
			perMinute[k] += float64(work) / float64(n.base[k])
		}
	}
	return perMinute
}
