package risk

import (
	"github.com/cairnpm/cairn/domain"
)

// The cost of a task is what its assignments cost, and a run's cost is
// the sum over tasks plus the cost of the risk events that occurred:
//
//   - a person or piece of equipment costs its standard rate per hour of
//     regular work and its overtime rate per hour of overtime work, plus
//     its cost per use. Work is the assignment's own, else the task's
//     work shared by units, else the task's duration times the units.
//     Work stretches with the task: when a run's duration is 20% longer
//     than planned, so is the work, and so is its cost;
//   - a material costs its rate per unit times the quantity assigned,
//     plus its cost per use, whatever the duration;
//   - a cost resource costs its cost per use.
//
// Money is kept in minor units of the project currency; a run's total is
// rounded to a whole minor unit.

// costRates returns, per leaf node, the part of its cost that does not
// depend on its duration and the part per minute of duration.
func (n *network) costRates(p *domain.Plan, ix *domain.Index) (fixed, perMinute []float64) {
	fixed, perMinute = make([]float64, len(n.kind)), make([]float64, len(n.kind))
	if len(p.Assignments) == 0 {
		return fixed, perMinute
	}
	res := make(map[int64]*domain.Resource, len(p.Resources))
	for i := range p.Resources {
		res[p.Resources[i].ID] = &p.Resources[i]
	}
	units := assignedUnits(p, ix)
	for _, a := range p.Assignments {
		i, ok := ix.Find(a.Task)
		r := res[a.Resource]
		if !ok || r == nil || n.leafOf[i] < 0 {
			continue
		}
		k := n.leafOf[i]
		fixed[k] += float64(r.CostPerUse)
		switch r.Kind {
		case domain.Material:
			fixed[k] += a.Units * float64(r.StandardRate)
			continue
		case domain.Cost:
			continue
		}
		t := &p.Tasks[i]
		base := n.base[k]
		work := float64(base) * a.Units
		switch {
		case a.Work > 0:
			work = float64(a.Work)
		case t.Work > 0 && units[i] > 0:
			work = float64(t.Work) * a.Units / units[i]
		}
		ot := float64(a.OvertimeWork)
		money := ((work-ot)*float64(r.StandardRate) + ot*float64(r.OvertimeRate)) / 60
		if base > 0 {
			perMinute[k] += money / float64(base)
		} else {
			fixed[k] += money
		}
	}
	return fixed, perMinute
}
