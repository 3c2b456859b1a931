package level_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/level"
)

// randomProblem builds a project of n activities between a dummy source
// and sink: each real activity has a duration of 1–10 periods, demands on
// up to k resources, and successors drawn among the later activities, so
// the network is acyclic.
func randomProblem(rng *rand.Rand, n, k int, density float64) *level.Problem {
	p := &level.Problem{
		Durations: make([]int, n+2),
		Succ:      make([][]int, n+2),
		Capacity:  make([]int, k),
		Demand:    make([][]int, n+2),
	}
	for r := range k {
		p.Capacity[r] = 5 + rng.IntN(10)
	}
	sink := n + 1
	hasPred := make([]bool, n+2)
	for j := 1; j <= n; j++ {
		p.Durations[j] = 1 + rng.IntN(10)
		p.Demand[j] = make([]int, k)
		for r := range k {
			if rng.Float64() < 0.6 {
				p.Demand[j][r] = rng.IntN(p.Capacity[r] + 1)
			}
		}
		for s := j + 1; s <= n; s++ {
			if rng.Float64() < density {
				p.Succ[j] = append(p.Succ[j], s)
				hasPred[s] = true
			}
		}
		if len(p.Succ[j]) == 0 {
			p.Succ[j] = []int{sink}
		}
	}
	for j := 1; j <= n; j++ {
		if !hasPred[j] {
			p.Succ[0] = append(p.Succ[0], j)
		}
	}
	return p
}

func solve(t *testing.T, p *level.Problem, opt level.Options) level.Solution {
	t.Helper()
	sol, err := level.Solve(context.Background(), p, opt)
	if err != nil {
		t.Fatal(err)
	}
	if err := level.Feasible(p, sol.Starts); err != nil {
		t.Fatalf("infeasible schedule: %v", err)
	}
	end := 0
	for j, s := range sol.Starts {
		end = max(end, s+p.Durations[j])
	}
	if end != sol.Makespan {
		t.Fatalf("makespan %d reported, schedule ends at %d", sol.Makespan, end)
	}
	if b := level.CriticalPathBound(p); sol.Makespan < b {
		t.Fatalf("makespan %d below the critical-path bound %d", sol.Makespan, b)
	}
	if budget := max(1, opt.Schedules); sol.Schedules > budget || sol.Schedules < min(1, len(p.Durations)) {
		t.Fatalf("%d schedules generated for a budget of %d", sol.Schedules, budget)
	}
	return sol
}

func TestSolveRandomProblemsFeasible(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 30 {
		p := randomProblem(rng, 5+rng.IntN(40), 1+rng.IntN(4), rng.Float64()*0.3)
		for _, budget := range []int{1, 2, 3, 50, 400} {
			solve(t, p, level.Options{Schedules: budget, Seed: uint64(i)})
		}
	}
}

func TestSolveSmallKnown(t *testing.T) {
	tests := []struct {
		name     string
		p        level.Problem
		makespan int
	}{
		{
			name:     "empty",
			p:        level.Problem{},
			makespan: 0,
		},
		{
			name:     "one activity",
			p:        level.Problem{Durations: []int{4}, Capacity: []int{1}, Demand: [][]int{{1}}},
			makespan: 4,
		},
		{
			// Two activities that each need the whole resource run one
			// after the other.
			name:     "serialised by capacity",
			p:        level.Problem{Durations: []int{3, 2}, Capacity: []int{2}, Demand: [][]int{{2}, {2}}},
			makespan: 5,
		},
		{
			name:     "parallel within capacity",
			p:        level.Problem{Durations: []int{3, 2}, Capacity: []int{2}, Demand: [][]int{{1}, {1}}},
			makespan: 3,
		},
		{
			// The chain 0→1 takes 4; 2 uses the resource that 0 and 1 need.
			// The best is 2 first or alongside: 0 (2 units) and 2 (1 unit)
			// cannot overlap with capacity 2, so 2 fits beside 1.
			name: "chain with a competitor",
			p: level.Problem{
				Durations: []int{2, 2, 2},
				Succ:      [][]int{{1}, nil, nil},
				Capacity:  []int{2},
				Demand:    [][]int{{2}, {1}, {1}},
			},
			makespan: 4,
		},
		{
			name: "milestones cost nothing",
			p: level.Problem{
				Durations: []int{0, 5, 0},
				Succ:      [][]int{{1}, {2}, nil},
				Capacity:  []int{1},
				Demand:    [][]int{{9}, {1}, {9}},
			},
			makespan: 5,
		},
		{
			name: "release dates",
			p: level.Problem{
				Durations: []int{2, 2},
				Capacity:  []int{1},
				Demand:    [][]int{{1}, {1}},
				Release:   []int{3, 0},
			},
			makespan: 5,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sol := solve(t, &tc.p, level.Options{Schedules: 100, Seed: 7})
			if sol.Makespan != tc.makespan {
				t.Errorf("makespan %d, want %d (starts %v)", sol.Makespan, tc.makespan, sol.Starts)
			}
		})
	}
}

func TestSolveReleaseDatesRespected(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 20 {
		p := randomProblem(rng, 30, 3, 0.1)
		p.Release = make([]int, len(p.Durations))
		for j := range p.Release {
			if rng.IntN(4) == 0 {
				p.Release[j] = rng.IntN(30)
			}
		}
		sol := solve(t, p, level.Options{Schedules: 300, Seed: uint64(i)})
		for j, s := range sol.Starts {
			if s < p.Release[j] {
				t.Fatalf("activity %d starts at %d before its release %d", j, s, p.Release[j])
			}
		}
	}
}

// The same seed gives the same schedule whatever the number of workers;
// another seed may give another.
func TestSolveDeterministic(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	p := randomProblem(rng, 60, 4, 0.08)
	var first level.Solution
	for i, workers := range []int{1, 2, 8} {
		sol := solve(t, p, level.Options{Schedules: 1000, Seed: 42, Workers: workers})
		if i == 0 {
			first = sol
			continue
		}
		if !slices.Equal(sol.Starts, first.Starts) || sol.Schedules != first.Schedules {
			t.Fatalf("workers=%d: a different schedule for the same seed", workers)
		}
	}
}

func TestSolvePriorityBreaksTies(t *testing.T) {
	// Three identical activities compete for one resource; the user's
	// priority decides who goes first in the initial schedules, and with a
	// budget of one schedule that is the answer.
	p := &level.Problem{
		Durations: []int{2, 2, 2},
		Capacity:  []int{1},
		Demand:    [][]int{{1}, {1}, {1}},
	}
	sol := solve(t, p, level.Options{Schedules: 1, Priority: []int{0, 0, 5}})
	if sol.Starts[2] != 0 {
		t.Errorf("the high-priority activity starts at %d, want 0 (starts %v)", sol.Starts[2], sol.Starts)
	}
}

func TestSolveStopsAtLowerBound(t *testing.T) {
	p := &level.Problem{Durations: []int{3, 4}, Succ: [][]int{{1}, nil}, Capacity: []int{1}, Demand: [][]int{{1}, {1}}}
	sol := solve(t, p, level.Options{Schedules: 1000})
	if sol.Schedules > 2 {
		t.Errorf("%d schedules for a problem solved by the first", sol.Schedules)
	}
}

func TestSolveCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	p := randomProblem(rand.New(rand.NewPCG(1, 1)), 20, 2, 0.1)
	if _, err := level.Solve(ctx, p, level.Options{Schedules: 100}); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}

func TestSolveInvalid(t *testing.T) {
	tests := []struct {
		name string
		p    *level.Problem
		code string
	}{
		{"nil", nil, "missing_problem"},
		{"negative duration", &level.Problem{Durations: []int{-1}}, "invalid_duration"},
		{"successor out of range", &level.Problem{Durations: []int{1}, Succ: [][]int{{3}}}, "invalid_successor"},
		{"self loop", &level.Problem{Durations: []int{1}, Succ: [][]int{{0}}}, "dependency_cycle"},
		{"cycle", &level.Problem{Durations: []int{1, 1, 1}, Succ: [][]int{{1}, {2}, {0}}}, "dependency_cycle"},
		{"short successor table", &level.Problem{Durations: []int{1, 1}, Succ: [][]int{{1}}}, "invalid_successors"},
		{"demand above capacity", &level.Problem{Durations: []int{1}, Capacity: []int{2}, Demand: [][]int{{3}}}, "demand_exceeds_capacity"},
		{"too many demands", &level.Problem{Durations: []int{1}, Capacity: []int{2}, Demand: [][]int{{1, 1}}}, "invalid_demand"},
		{"negative demand", &level.Problem{Durations: []int{1}, Capacity: []int{2}, Demand: [][]int{{-1}}}, "invalid_demand"},
		{"negative capacity", &level.Problem{Durations: []int{1}, Capacity: []int{-2}}, "invalid_capacity"},
		{"negative release", &level.Problem{Durations: []int{1}, Release: []int{-1}}, "invalid_release"},
		{"short release", &level.Problem{Durations: []int{1, 1}, Release: []int{1}}, "invalid_release"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := level.Solve(context.Background(), tc.p, level.Options{Schedules: 10})
			var de *domain.Error
			if !errors.As(err, &de) || de.Kind != domain.KindInvalid || de.Code != tc.code {
				t.Fatalf("got %v, want an invalid error with code %s", err, tc.code)
			}
		})
	}
}

func TestFeasibleFindsViolations(t *testing.T) {
	p := &level.Problem{
		Durations: []int{2, 3, 1},
		Succ:      [][]int{{1}, nil, nil},
		Capacity:  []int{2},
		Demand:    [][]int{{1}, {1}, {2}},
		Release:   []int{0, 0, 1},
	}
	tests := []struct {
		name   string
		starts []int
		code   string // "" for feasible
	}{
		{"feasible", []int{0, 2, 5}, ""},
		{"wrong length", []int{0, 2}, "invalid_schedule"},
		{"negative start", []int{-1, 2, 5}, "invalid_schedule"},
		{"before release", []int{0, 2, 0}, "release_violated"},
		{"precedence", []int{0, 1, 5}, "precedence_violated"},
		{"capacity", []int{0, 2, 1}, "capacity_exceeded"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := level.Feasible(p, tc.starts)
			if tc.code == "" {
				if err != nil {
					t.Fatalf("got %v, want feasible", err)
				}
				return
			}
			var de *domain.Error
			if !errors.As(err, &de) || de.Code != tc.code {
				t.Fatalf("got %v, want code %s", err, tc.code)
			}
		})
	}
}

func TestCriticalPathBound(t *testing.T) {
	p := &level.Problem{
		Durations: []int{0, 3, 4, 2, 0},
		Succ:      [][]int{{1, 2}, {3}, {4}, {4}, nil},
		Capacity:  []int{1},
		Demand:    [][]int{nil, {1}, {1}, {1}, nil},
	}
	if got := level.CriticalPathBound(p); got != 5 {
		t.Errorf("bound %d, want 5", got)
	}
	p.Release = []int{0, 0, 3, 0, 0}
	if got := level.CriticalPathBound(p); got != 7 {
		t.Errorf("with a release date: bound %d, want 7", got)
	}
	p.Succ[4] = []int{0}
	if got := level.CriticalPathBound(p); got != -1 {
		t.Errorf("with a cycle: bound %d, want -1", got)
	}
}

func TestSolveHorizonTooLong(t *testing.T) {
	p := &level.Problem{Durations: []int{1 << 40, 1 << 40}, Capacity: []int{1}, Demand: [][]int{{1}, {1}}}
	_, err := level.Solve(context.Background(), p, level.Options{})
	var de *domain.Error
	if !errors.As(err, &de) || de.Code != "horizon_too_long" {
		t.Fatalf("got %v, want horizon_too_long", err)
	}
	// The checker needs no memory per period.
	if err := level.Feasible(p, []int{0, 1 << 40}); err != nil {
		t.Fatal(err)
	}
	if err := level.Feasible(p, []int{0, 1<<40 - 1}); err == nil {
		t.Fatal("overlap not found")
	}
}
