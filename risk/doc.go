// Package risk is Cairn's Monte Carlo schedule engine: it runs a plan's
// schedule thousands of times with uncertain durations and risk events,
// and reports the distribution of the finish date and cost, how often
// each task is critical, and which tasks and risks drive the date.
//
// It is a pure engine: a domain.Plan and a Model in, a Result out; no
// I/O, no clock, and the random numbers come from Model.Seed.
//
// # Inputs
//
// An Estimate gives a task a Triangular, PERT (beta), Uniform or
// Lognormal (fitted to P10 and P90) duration; a task without one keeps
// its planned duration in every run — no spread is invented. An Event is
// a risk that occurs with a probability and then lengthens its tasks by a
// delay and adds a cost, both drawn uniformly from ranges. A Group makes
// its tasks' durations move together (see Correlation below).
//
// # How a run is computed
//
// Simulate first schedules the plan with schedule.Compute, which
// validates it and gives the planned finish. It then compiles the plan
// once into a flat network, as package schedule models it (decision
// 0007): one node per leaf task, three per summary (what links into it
// impose on its tasks; its rolled-up start and finish, which links out of
// it follow), nodes in topological order and each node's incoming edges
// in compressed arrays. Times are working minutes of the project
// calendar, so a plain task's finish is its start plus its duration, and
// a run allocates nothing.
//
// Each run draws the durations, then the events, then makes one forward
// pass over the network, exactly as schedule.Compute's forward pass
// does: link types and lags (working, elapsed and percentage lags, the
// last measured on the predecessor's duration in this run), SNET and FNET
// release dates, MSO and MFO pins, manual start dates, the project start
// as a default, actual dates and progress with the status date. Tasks
// that are not plain — an elapsed duration, a calendar of their own, or
// people on other calendars — are placed the way package schedule places
// them, through the calendars, in every run; only these tasks cost
// calendar conversions. With no uncertainty a run reproduces
// schedule.Compute's early dates to the minute; the tests check this on
// the demo plan, on synthetic plans, and on every MS Project file in
// testdata/mspdi. Constraints that only limit late dates (SNLT, FNLT,
// deadlines) do not move a run's dates, as they do not move the early
// dates in package schedule; deadlines are reported as the probability of
// meeting them.
//
// # Criticality and sensitivity
//
// A task is critical in a run when it lies on a driving path to the
// project finish: it finishes last, or a link from it is what placed a
// critical successor (the successor's start or finish equals what the
// link requires). Ties make every tied path critical. The path is found
// by one backward sweep over the nodes after the forward pass; only the
// critical nodes' links are visited. On networks of FS links without
// date constraints or deadlines this is exactly total float <= 0 (the
// tests check it against schedule.Compute); with SS/SF links it differs from package
// schedule's float by design, since Cairn (like MS Project 2016) does not
// let a start-to-start successor limit its predecessor's late dates,
// while a driving SS link does put its predecessor on the driving path.
// Criticality is the share of runs in which a task was critical; for a
// summary, the share in which any task under it was.
//
// Sensitivity is Pearson's correlation between a task's duration and the
// project finish over the runs (the tornado chart). It is computed from
// exact integer sums, so it does not depend on the number of workers.
//
// # Correlation
//
// A Group is a Gaussian copula with one shared factor: in each run the
// group draws Z ~ N(0, 1), and each of its tasks draws its own ε ~ N(0, 1)
// and takes the quantile Φ(√ρ·Z + √(1−ρ)·ε) of its distribution, so every
// pair in the group has correlation ρ between its underlying normals, and
// each task keeps its own distribution exactly. (The rank correlation of
// the durations is (6/π)·asin(ρ/2).) A task can be in one group.
//
// # Cost
//
// A run costs the plan's planned cost, as package cost computes it
// (resources at their rates, per-use costs, materials, cost resources and
// fixed costs), plus the cost of the work by which the run's durations
// differ from the plan — people and equipment work as long as their task
// runs, at the rates package cost charged — plus the cost of the risk
// events that occurred. Per-use costs, materials, cost resources and
// fixed costs do not change with durations. Money is in minor units; a
// run's total is rounded to a whole one.
//
// # Random numbers and determinism
//
// Run i draws from its own PCG stream, seeded with SplitMix64 of the seed
// and i, and draws in a fixed order (group factors, then tasks in network
// order, then events). Workers take runs in batches; per-run outputs are
// stored by run number and per-task totals are exact integers. So the
// same model and seed give the same Result, bit for bit, whatever the
// number of workers and however the batches fall.
//
// # Limitations
//
//   - A task's estimate is of its whole duration; for a task in progress
//     the part done is its percent complete of the duration drawn.
//     Finished tasks keep their actual dates.
//   - A task whose people work on other calendars stretches each
//     assignment in proportion to the task's duration drawn.
//   - Event delays lengthen their tasks (the same delay for each); they
//     are not separate tasks, and a summary cannot carry an event.
//   - Resource levelling is not part of a run: resources are assumed
//     available, as in schedule.Compute.
//   - Work that moves in time keeps the rates it had where the plan put
//     it: a rate change falling inside a run's shifted dates is not
//     re-applied.
//   - Percentiles are nearest-rank over the runs; with N runs a
//     percentile's own uncertainty is about ±√(q(1−q)/N) in probability.
package risk
