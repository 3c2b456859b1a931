package level

import (
	"cmp"
	"slices"

	"github.com/cairnpm/cairn/domain"
)

// Feasible reports whether starts is a feasible schedule of p: one
// non-negative start per activity, no start before its release, every
// successor starting no earlier than its predecessor's finish, and in
// every period the demand of the running activities within each
// resource's capacity. It shares no code with the solver, so it can vouch
// for the solver's output; the error names the first violation found.
func Feasible(p *Problem, starts []int) error {
	if err := validate(p); err != nil {
		return err
	}
	n := len(p.Durations)
	if len(starts) != n {
		return domain.Invalid("invalid_schedule", "starts", "%d starts for %d activities", len(starts), n)
	}
	for j, s := range starts {
		if s < 0 {
			return domain.Invalid("invalid_schedule", field("starts", j), "activity %d starts at %d, before 0", j, s)
		}
		if p.Release != nil && s < p.Release[j] {
			return domain.Invalid("release_violated", field("starts", j),
				"activity %d starts at %d, before its release at %d", j, s, p.Release[j])
		}
	}
	for j := range p.Succ {
		for _, s := range p.Succ[j] {
			if starts[s] < starts[j]+p.Durations[j] {
				return domain.Invalid("precedence_violated", field("starts", s),
					"activity %d starts at %d, before its predecessor %d finishes at %d", s, starts[s], j, starts[j]+p.Durations[j])
			}
		}
	}
	return checkCapacity(p, starts)
}

// checkCapacity sweeps the starts and finishes in time order, keeping the
// demand of the running activities per resource, and compares it with
// the capacity wherever it rises. Memory and time grow with the number of
// activities, not with the length of the schedule.
func checkCapacity(p *Problem, starts []int) error {
	if p.Demand == nil {
		return nil
	}
	type event struct {
		t, j int
		up   bool
	}
	var events []event
	for j, row := range p.Demand {
		if p.Durations[j] > 0 && len(row) > 0 {
			events = append(events, event{starts[j], j, true}, event{starts[j] + p.Durations[j], j, false})
		}
	}
	// By time, finishes before starts: an activity may start in the
	// period another one leaves free.
	slices.SortFunc(events, func(a, b event) int {
		if a.t != b.t {
			return cmp.Compare(a.t, b.t)
		}
		if a.up != b.up {
			if a.up {
				return 1
			}
			return -1
		}
		return cmp.Compare(a.j, b.j)
	})
	load := make([]int, len(p.Capacity))
	for _, e := range events {
		for r, q := range p.Demand[e.j] {
			if !e.up {
				load[r] -= q
				continue
			}
			load[r] += q
			if load[r] > p.Capacity[r] {
				return domain.Invalid("capacity_exceeded", field("capacity", r),
					"period %d uses %d units of resource %d, which has %d", e.t, load[r], r, p.Capacity[r])
			}
		}
	}
	return nil
}

// CriticalPathBound returns the makespan of the schedule that respects
// precedences and release dates but ignores resources: the critical-path
// length, a lower bound on every feasible makespan (PSPLIB's MPM-Time).
// It returns -1 when p is not a valid problem (see Solve for why).
func CriticalPathBound(p *Problem) int {
	if validate(p) != nil {
		return -1
	}
	n := len(p.Durations)
	finish := make([]int, n)
	bound := 0
	for _, j := range topoOrder(p) {
		es := 0
		if p.Release != nil {
			es = p.Release[j]
		}
		finish[j] = max(finish[j], es) + p.Durations[j]
		bound = max(bound, finish[j])
		if p.Succ != nil {
			for _, s := range p.Succ[j] {
				finish[s] = max(finish[s], finish[j])
			}
		}
	}
	return bound
}
