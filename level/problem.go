package level

import (
	"strconv"

	"github.com/cairnpm/cairn/domain"
)

// Problem is a resource-constrained project scheduling problem (RCPSP):
// activities with fixed durations, finish-to-start precedences without
// lag, and renewable resources with a constant capacity per period. Time
// is in whole periods counted from 0; an activity that starts at s with
// duration d occupies the periods s, s+1, …, s+d−1 and finishes at s+d.
type Problem struct {
	// Durations holds each activity's duration in periods, indexed
	// 0..n−1. A duration may be 0 (a milestone or a dummy activity); such
	// an activity uses no resources.
	Durations []int
	// Succ lists, per activity, the activities that may start only once it
	// has finished. Nil means no precedences at all.
	Succ [][]int
	// Capacity is the number of units of each renewable resource available
	// in every period.
	Capacity []int
	// Demand[activity][resource] is the units an activity uses of a
	// resource in each period it runs. A nil Demand, or a nil or short row,
	// means no demand.
	Demand [][]int
	// Release holds optional earliest starts per activity (nil = all 0),
	// for plans with date constraints or work already in progress.
	Release []int
}

// Options tunes Solve.
type Options struct {
	// Schedules is the budget: the number of complete schedules the
	// search may generate. Every pass of a schedule generation scheme,
	// forward or backward, counts as one. Values below 1 mean 1.
	Schedules int
	// Seed makes the search reproducible: the same problem, budget and
	// seed give the same schedule, whatever Workers is.
	Seed uint64
	// Workers is the number of goroutines used to decode schedules;
	// 0 means runtime.GOMAXPROCS(0). It changes only the speed.
	Workers int
	// Priority is an optional user priority per activity, higher first.
	// It breaks ties between activities that the priority rules rank
	// equal and biases the initial schedules towards high-priority work.
	Priority []int
}

// Solution is a feasible schedule found by Solve.
type Solution struct {
	// Starts holds each activity's start period.
	Starts []int
	// Makespan is the finish of the last activity.
	Makespan int
	// Schedules is the number of schedules generated; it never exceeds
	// the budget, and is smaller when the search stopped early because it
	// reached a lower bound — the critical path, or a resource's total
	// work over its capacity — which no schedule can beat.
	Schedules int
}

// validate checks the shape and values of p, returning a domain error of
// kind invalid naming the first offending field.
func validate(p *Problem) error {
	if p == nil {
		return domain.Invalid("missing_problem", "problem", "no problem given")
	}
	n := len(p.Durations)
	if p.Succ != nil && len(p.Succ) != n {
		return domain.Invalid("invalid_successors", "succ", "%d successor lists for %d activities", len(p.Succ), n)
	}
	if p.Demand != nil && len(p.Demand) != n {
		return domain.Invalid("invalid_demand", "demand", "%d demand rows for %d activities", len(p.Demand), n)
	}
	if p.Release != nil && len(p.Release) != n {
		return domain.Invalid("invalid_release", "release", "%d release dates for %d activities", len(p.Release), n)
	}
	for r, c := range p.Capacity {
		if c < 0 {
			return domain.Invalid("invalid_capacity", field("capacity", r), "capacity %d is negative", c)
		}
	}
	for j, d := range p.Durations {
		if d < 0 {
			return domain.Invalid("invalid_duration", field("durations", j), "duration %d is negative", d)
		}
		if p.Release != nil && p.Release[j] < 0 {
			return domain.Invalid("invalid_release", field("release", j), "release date %d is negative", p.Release[j])
		}
		if p.Succ != nil {
			for _, s := range p.Succ[j] {
				if s < 0 || s >= n {
					return domain.Invalid("invalid_successor", field("succ", j), "successor %d is not an activity (0..%d)", s, n-1)
				}
				if s == j {
					return domain.Invalid("dependency_cycle", field("succ", j), "activity %d succeeds itself", j)
				}
			}
		}
		if err := validateDemand(p, j); err != nil {
			return err
		}
	}
	if order := topoOrder(p); len(order) < n {
		return domain.Invalid("dependency_cycle", "succ", "the precedences form a cycle through activity %d", firstMissing(order, n))
	}
	return nil
}

func validateDemand(p *Problem, j int) error {
	if p.Demand == nil {
		return nil
	}
	row := p.Demand[j]
	if len(row) > len(p.Capacity) {
		return domain.Invalid("invalid_demand", field("demand", j), "%d demands for %d resources", len(row), len(p.Capacity))
	}
	for r, q := range row {
		switch {
		case q < 0:
			return domain.Invalid("invalid_demand", field("demand", j), "demand %d on resource %d is negative", q, r)
		case q > p.Capacity[r] && p.Durations[j] > 0:
			return domain.Invalid("demand_exceeds_capacity", field("demand", j),
				"activity %d needs %d units of resource %d, which has only %d", j, q, r, p.Capacity[r])
		}
	}
	return nil
}

func field(name string, i int) string {
	return name + "[" + strconv.Itoa(i) + "]"
}

// topoOrder returns the activities in a topological order (Kahn's
// algorithm, smallest index first among the ready ones). Activities on or
// behind a cycle are left out.
func topoOrder(p *Problem) []int {
	n := len(p.Durations)
	indeg := make([]int, n)
	if p.Succ != nil {
		for _, ss := range p.Succ {
			for _, s := range ss {
				if s >= 0 && s < n {
					indeg[s]++
				}
			}
		}
	}
	order := make([]int, 0, n)
	for j := range n {
		if indeg[j] == 0 {
			order = append(order, j)
		}
	}
	for i := 0; i < len(order); i++ {
		if p.Succ == nil {
			continue
		}
		for _, s := range p.Succ[order[i]] {
			if s < 0 || s >= n {
				continue
			}
			indeg[s]--
			if indeg[s] == 0 {
				order = append(order, s)
			}
		}
	}
	return order
}

func firstMissing(order []int, n int) int {
	seen := make([]bool, n)
	for _, j := range order {
		seen[j] = true
	}
	for j, ok := range seen {
		if !ok {
			return j
		}
	}
	return -1
}

// Validate reports whether p is a well-formed problem: consistent
// lengths, no negative values, no demand above capacity, no precedence
// cycle. Solve and Feasible call it first.
func (p *Problem) Validate() error { return validate(p) }

// maxCells bounds the horizon times the number of resources: the solver
// keeps the free capacity of every resource in every period up to the
// horizon (the latest release plus the sum of the durations), four bytes
// each, per worker.
const maxCells = 1 << 24

func validateHorizon(p *Problem) error {
	limit := maxCells / max(1, len(p.Capacity))
	horizon := 0
	for _, d := range p.Durations {
		horizon += min(d, limit+1) // no overflow: each step adds at most limit+1
		horizon = min(horizon, limit+1)
	}
	latest := 0
	for _, r := range p.Release {
		latest = max(latest, min(r, limit+1))
	}
	if horizon+latest > limit {
		return domain.Invalid("horizon_too_long", "durations",
			"the release dates and durations span more than %d periods, the most that %d resources allow; use a coarser time unit",
			limit, len(p.Capacity))
	}
	return nil
}
