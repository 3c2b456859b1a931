package level

import (
	"context"
	"runtime"
)

// Solve searches for a schedule of p with the smallest makespan, within
// the budget of opt.Schedules schedule generation passes. It returns an
// error of kind invalid (see package domain) when p is malformed — a
// negative duration, a demand above capacity, a precedence cycle — and
// ctx's error when ctx ends first. The result depends only on p and opt,
// never on opt.Workers or on how goroutines are scheduled.
func Solve(ctx context.Context, p *Problem, opt Options) (Solution, error) {
	if err := validate(p); err != nil {
		return Solution{}, err
	}
	if err := validateHorizon(p); err != nil {
		return Solution{}, err
	}
	n := len(p.Durations)
	if n == 0 {
		return Solution{Starts: []int{}}, nil
	}
	net := compile(p, opt.Priority)
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	s := newSearcher(net, opt, workers)
	if err := s.run(ctx); err != nil {
		return Solution{}, err
	}
	sol := Solution{Starts: make([]int, n), Makespan: s.best.makespan, Schedules: s.spent}
	for j, t := range s.best.start {
		sol.Starts[j] = int(t)
	}
	return sol, nil
}
