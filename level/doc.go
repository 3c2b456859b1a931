// Package level levels resources: it schedules a project's activities so
// that no renewable resource is ever asked for more than its capacity,
// keeping the project as short as it can. This is the
// resource-constrained project scheduling problem (RCPSP), and the
// engine is measured on its standard benchmark, PSPLIB (see package
// psplib).
//
// It is a pure engine: a Problem in, a Solution out, no I/O, no clock,
// no shared state; randomness comes from a math/rand/v2 generator seeded
// with Options.Seed, so the same problem, budget and seed give the same
// schedule whatever the number of workers. Feasible checks a
// schedule without sharing code with the solver, and CriticalPathBound
// gives the resource-free lower bound.
//
// # Schedules from activity lists
//
// A schedule is built by the serial schedule generation scheme (SSGS):
// take the activities in the order of a list in which every activity comes
// after its predecessors, and start each at the earliest time at which its
// predecessors have finished and its demands fit for its whole duration.
// The free capacity is kept per period in a flat array as long as the sum
// of the durations, so a pass costs little more than reading the periods
// each activity spans. A pass can also run backward, from the end of the
// project with successors taking the place of predecessors, which puts
// every activity as late as it can go (release dates then act as tails).
// The search budget, Options.Schedules, counts passes in either direction,
// as the PSPLIB literature does.
//
// Ordering a left-justified schedule's activities by decreasing finish and
// passing them backward shifts every activity right without lengthening
// the project; ordering the result by increasing start and passing it
// forward shifts them left again. This double justification (Valls,
// Ballestín & Quintanilla, 2005) often shortens a schedule, and the search
// is built around it.
//
// # The search
//
// The search is the bi-population genetic algorithm of Debels & Vanhoucke
// (2007). One population holds left-justified schedules, the other
// right-justified ones. Two parents from one population, each the better
// of a few drawn at random, breed a child whose list is decoded in the
// other direction, and the child joins the other population: every child
// costs one pass and is at the same time a justification of the order its
// parents share. Each population keeps its best distinct schedules.
//
// The crossover is the peak crossover of Valls, Ballestín & Quintanilla
// (2008), on random keys: good schedules hold stretches where resources
// are used densely, so the child inherits whole the window of the
// father's schedule, of random length, with the highest resource
// utilization, and takes the order of the remaining activities from the
// mother. A child's list then has a few neighbours swapped at random.
//
// The first population comes from regret-based biased random sampling
// (Kolisch & Drexl) on the latest finish and latest start times of the
// critical-path schedule, which Options.Priority breaks ties in; the first
// two lists follow the rules without sampling. The population sizes grow
// with the budget. The search stops early when it reaches a lower bound
// (the critical path, or the work of a resource divided by its capacity),
// and keeps one pass back to left-justify its best schedule if that came
// out right-justified, so Solution.Starts are always as early as the
// schedule allows.
//
// Children are bred and decoded in batches, in parallel on
// Options.Workers goroutines. Each child's parents and the seed of its own
// random choices are drawn in order before the batch starts, and the
// batch's results are taken in order, so parallelism never changes the
// outcome.
//
// On PSPLIB (seeds 1–3) this averages 0.20–0.22% above the proven optima
// of J30 with 1,000 schedules and 0.05–0.07% with 5,000, and 34.3–34.4%
// and 32.6% above the critical-path bound of J120, close to the hybrid
// genetic algorithm of Valls et al. (34.07% and 32.54%); the full J120 set
// at 5,000 schedules takes under a minute on two cores.
package level
