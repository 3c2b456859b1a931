package schedule

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"
	"time"

	"github.com/cairnpm/cairn/domain"
)

// SyntheticPlan (test-only) builds a plan of n tasks in phases of 50 under summaries, with
// about two predecessors per task drawn from the previous 100 tasks, mixed
// link types and lags, and a calendar with ten years of holidays.
func SyntheticPlan(n int, seed uint64) *domain.Plan {
	r := rand.New(rand.NewPCG(seed, 1))
	p := &domain.Plan{Project: domain.Project{Key: "BIG", Name: "Synthetic", Start: time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)}}
	cal := domain.Calendar{ID: 1, Name: "Standard", Week: domain.StandardWeek()}
	for y := 2027; y < 2037; y++ {
		for _, md := range [][2]int{{1, 1}, {4, 2}, {5, 3}, {8, 30}, {12, 25}, {12, 26}} {
			d := time.Date(y, time.Month(md[0]), md[1], 0, 0, 0, 0, time.UTC)
			cal.Exceptions = append(cal.Exceptions, domain.Exception{From: d})
		}
	}
	p.Calendars, p.Project.CalendarID = []domain.Calendar{cal}, 1
	types := []domain.DependencyType{domain.FS, domain.FS, domain.FS, domain.SS, domain.FF, domain.SF}
	var phase int64
	leaves := []int64{}
	for i := 1; i <= n; i++ {
		id := int64(i)
		t := domain.Task{ID: id, UID: id, Name: fmt.Sprintf("T%d", i), Position: id}
		if (i-1)%50 == 0 {
			phase = id
			p.Tasks = append(p.Tasks, t)
			continue
		}
		t.Parent = phase
		t.Duration = domain.Duration{Minutes: int64(1+r.IntN(10)) * 480}
		p.Tasks = append(p.Tasks, t)
		for k := 0; k < 2 && len(leaves) > 0; k++ {
			lo := max(0, len(leaves)-100)
			pred := leaves[lo+r.IntN(len(leaves)-lo)]
			if pred == id {
				continue
			}
			d := domain.Dependency{Predecessor: pred, Successor: id, Type: types[r.IntN(len(types))]}
			if r.IntN(4) == 0 {
				d.Lag = domain.Lag{Minutes: int64(r.IntN(5)-1) * 480}
			}
			p.Dependencies = append(p.Dependencies, d)
		}
		leaves = append(leaves, id)
	}
	// Drop duplicate pairs so the plan validates.
	seen := map[[2]int64]bool{}
	deps := p.Dependencies[:0]
	for _, d := range p.Dependencies {
		k := [2]int64{d.Predecessor, d.Successor}
		if !seen[k] {
			seen[k] = true
			deps = append(deps, d)
		}
	}
	p.Dependencies = deps
	return p
}

// BenchmarkPasses times the forward and backward passes alone, on a
// network already built: the part that reruns on every edit and in every
// Monte Carlo iteration.
func BenchmarkPasses(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		p := SyntheticPlan(n, 1)
		ix, err := p.Check()
		if err != nil {
			b.Fatal(err)
		}
		cal, err := projectCalendar(p)
		if err != nil {
			b.Fatal(err)
		}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		net := newNetwork(p, ix, cal)
		if err := net.order(); err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		network := float64(after.HeapAlloc-before.HeapAlloc) / (1 << 20)
		b.Run(fmt.Sprintf("tasks=%d", n), func(b *testing.B) {
			for b.Loop() {
				net.forward()
				net.backward()
			}
			b.ReportMetric(network, "MB-network") // after the loop, which resets metrics
		})
	}
}

// BenchmarkComputeMillion times a whole Compute on a million tasks:
// validation, the network, both passes and every task's dates.
func BenchmarkComputeMillion(b *testing.B) {
	p := SyntheticPlan(1_000_000, 1)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compute(p, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
