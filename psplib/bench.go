package psplib

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cairnpm/cairn/level"
)

// Report is the outcome of Bench. Its JSON form is exactly
// {"results":[{"instance":…,"makespan":…,"starts":[…]},…]}; the summary is
// for WriteText.
type Report struct {
	Results []Result `json:"results"`
	Summary Summary  `json:"-"`
}

// Result is the schedule found for one instance.
type Result struct {
	// Instance is the file's base name.
	Instance string `json:"instance"`
	// Makespan is the schedule's makespan.
	Makespan int `json:"makespan"`
	// Starts holds one start per job in file order, dummies included.
	Starts []int `json:"starts"`
	// MPMTime is the instance's critical-path bound.
	MPMTime int `json:"-"`
	// Optimum is the proven optimal makespan, 0 when unknown.
	Optimum int `json:"-"`
	// BestKnown is the best-known makespan, 0 when unknown.
	BestKnown int `json:"-"`
	// Schedules is the number of schedules generated for it.
	Schedules int `json:"-"`
}

// Summary aggregates a Report the way the literature compares methods.
type Summary struct {
	Dir       string
	Set       string // "j30", "j60", "j120"
	Instances int
	Budget    int    // schedules allowed per instance
	Generated int    // schedules generated in all
	Seed      uint64 // the seed Bench derived every instance's seed from
	Workers   int
	// DevMPM is the average deviation, in percent, of the makespans from
	// the critical-path bound (MPM-Time).
	DevMPM float64
	// DevOptimum is the average deviation from the proven optima, over the
	// WithOptimum instances that have one; Optimal of them reached it.
	DevOptimum  float64
	WithOptimum int
	Optimal     int
	// DevBestKnown is the average deviation from the best-known makespans,
	// over the WithBestKnown instances that have one; BestKnownReached of
	// them matched or beat it.
	DevBestKnown     float64
	WithBestKnown    int
	BestKnownReached int
	Elapsed          time.Duration
}

// Bench solves every .sm file in dir with a budget of schedules each,
// verifies every schedule with level.Feasible, and compares the makespans
// with the critical-path bounds and, when dir/../solutions holds them,
// with the optima (<set>opt.sm) and best-known makespans (<set>hrs.sm).
// Instances are shared out among workers goroutines (0 = GOMAXPROCS);
// each instance's seed derives from seed and its file name, so results
// depend neither on workers nor on which other files dir holds.
func Bench(ctx context.Context, dir string, schedules int, seed uint64, workers int) (Report, error) {
	began := time.Now()
	insts, err := readDir(dir)
	if err != nil {
		return Report{}, err
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	rep := Report{Results: make([]Result, len(insts))}
	set := SetName(insts[0].Jobs)
	opt, hrs, err := loadReferences(dir, set)
	if err != nil {
		return Report{}, err
	}
	if err := solveAll(ctx, insts, rep.Results, schedules, seed, workers); err != nil {
		return Report{}, err
	}
	for i, inst := range insts {
		r := &rep.Results[i]
		r.MPMTime = inst.MPMTime
		if key, ok := InstanceKey(inst.Name, set); ok {
			r.Optimum, r.BestKnown = opt[key], hrs[key]
		}
		if r.BestKnown == 0 {
			r.BestKnown = r.Optimum
		}
	}
	rep.Summary = summarize(rep.Results)
	rep.Summary.Dir, rep.Summary.Set, rep.Summary.Budget = dir, set, schedules
	rep.Summary.Seed, rep.Summary.Workers = seed, workers
	rep.Summary.Elapsed = time.Since(began)
	return rep, nil
}

// readDir parses every .sm file of dir, in natural order of names.
func readDir(dir string) ([]*Instance, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("psplib: %w", err)
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && filepath.Ext(e.Name()) == ".sm" {
			names = append(names, e.Name())
		}
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("psplib: no .sm files in %s", dir)
	}
	slices.SortFunc(names, naturalCompare)
	insts := make([]*Instance, len(names))
	for i, name := range names {
		inst, err := ParseFile(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		insts[i] = inst
	}
	return insts, nil
}

// loadReferences reads the optima and best-known makespans of set from
// dir/../solutions; a missing file gives an empty map.
func loadReferences(dir, set string) (opt, hrs Solutions, err error) {
	read := func(suffix string) (Solutions, error) {
		sol, err := ReadSolutions(filepath.Join(dir, "..", "solutions", set+suffix))
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return sol, err
	}
	if opt, err = read("opt.sm"); err != nil {
		return nil, nil, err
	}
	hrs, err = read("hrs.sm")
	return opt, hrs, err
}

// solveAll solves the instances on workers goroutines, each taking the
// next unsolved instance, and verifies every schedule.
func solveAll(parent context.Context, insts []*Instance, out []Result, schedules int, seed uint64, workers int) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	var next atomic.Int64
	errs := make([]error, len(insts))
	var wg sync.WaitGroup
	for range min(workers, len(insts)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(insts) || ctx.Err() != nil {
					return
				}
				out[i], errs[i] = solveOne(ctx, insts[i], schedules, seed)
				if errs[i] != nil {
					cancel()
				}
			}
		})
	}
	wg.Wait()
	// The first failure, not the cancellations it caused.
	for _, err := range errs {
		if err != nil && !errors.Is(err, context.Canceled) {
			return err
		}
	}
	return parent.Err()
}

func solveOne(ctx context.Context, inst *Instance, schedules int, seed uint64) (Result, error) {
	sol, err := level.Solve(ctx, &inst.Problem, level.Options{
		Schedules: schedules,
		Seed:      InstanceSeed(seed, inst.Name),
		Workers:   1,
	})
	if err != nil {
		return Result{}, fmt.Errorf("psplib: %s: %w", inst.Name, err)
	}
	if err := level.Feasible(&inst.Problem, sol.Starts); err != nil {
		return Result{}, fmt.Errorf("psplib: %s: the solver returned an infeasible schedule: %w", inst.Name, err)
	}
	if got := makespan(&inst.Problem, sol.Starts); got != sol.Makespan {
		return Result{}, fmt.Errorf("psplib: %s: the solver reported makespan %d for a schedule of makespan %d", inst.Name, sol.Makespan, got)
	}
	return Result{Instance: inst.Name, Makespan: sol.Makespan, Starts: sol.Starts, Schedules: sol.Schedules}, nil
}

// InstanceSeed derives an instance's seed from the bench seed and the
// instance's file name.
func InstanceSeed(seed uint64, name string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(name))
	return seed ^ h.Sum64()
}

func makespan(p *level.Problem, starts []int) int {
	m := 0
	for j, s := range starts {
		m = max(m, s+p.Durations[j])
	}
	return m
}

func summarize(results []Result) Summary {
	s := Summary{Instances: len(results)}
	for _, r := range results {
		s.Generated += r.Schedules
		if r.MPMTime > 0 {
			s.DevMPM += deviation(r.Makespan, r.MPMTime)
		}
		if r.Optimum > 0 {
			s.WithOptimum++
			s.DevOptimum += deviation(r.Makespan, r.Optimum)
			if r.Makespan <= r.Optimum {
				s.Optimal++
			}
		}
		if r.BestKnown > 0 {
			s.WithBestKnown++
			s.DevBestKnown += deviation(r.Makespan, r.BestKnown)
			if r.Makespan <= r.BestKnown {
				s.BestKnownReached++
			}
		}
	}
	s.DevMPM /= float64(max(1, s.Instances))
	s.DevOptimum /= float64(max(1, s.WithOptimum))
	s.DevBestKnown /= float64(max(1, s.WithBestKnown))
	return s
}

func deviation(got, ref int) float64 {
	return 100 * float64(got-ref) / float64(ref)
}

// naturalCompare orders names with their digit runs compared as numbers,
// so j301_2.sm comes before j301_10.sm.
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		da, db := digitRun(a), digitRun(b)
		if da > 0 && db > 0 {
			na, nb := trimZeros(a[:da]), trimZeros(b[:db])
			if c := cmp.Or(cmp.Compare(len(na), len(nb)), cmp.Compare(na, nb)); c != 0 {
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return cmp.Compare(a[0], b[0])
		}
		a, b = a[1:], b[1:]
	}
	return cmp.Compare(len(a), len(b))
}

func digitRun(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

func trimZeros(s string) string {
	for len(s) > 1 && s[0] == '0' {
		s = s[1:]
	}
	return s
}
