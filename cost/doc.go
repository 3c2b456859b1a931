// Package cost computes what a plan costs and when: the planned cost of
// every assignment and task from resource rates (standard, overtime, per
// use, with the dates they change), material quantities, cost resources
// and fixed costs; how each cost accrues (at the start, prorated, at the
// end); and the actual cost of the work done by percent complete, as MS
// Project computes it.
//
// Costs are money in minor units of the project currency (int64, never
// float64), phased over time as a Curve: lumps at instants and amounts
// spread evenly over the working minutes of the task's calendar between
// its scheduled start and finish. A Curve answers "how much by this
// moment" exactly, at any moment, so daily, weekly or monthly figures are
// samples of it (Curve.Series). Summary tasks and the project add up
// their subtasks' curves and their own fixed cost.
//
// It is a pure engine: a domain.Plan and its schedule.Result in, a Result
// out; no I/O, no clock. Package evm measures earned value on its curves.
package cost
