package risk

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/cairnpm/cairn/cost"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/schedule"
)

var benchIterations = flag.Int("risk.iterations", 1_000, "iterations per simulation in BenchmarkSimulate")

// BenchmarkSimulate times whole simulations (compiling included) of
// synthetic plans with a triangular estimate on every task, on one
// project calendar: the speed case at 10,000 tasks. "fs" plans
// have FS links only; "mixed" ones all four types, lags and some
// percentage lags. It reports ns per task evaluation (tasks ×
// iterations) of wall time across all workers.
func BenchmarkSimulate(b *testing.B) {
	for _, c := range []struct {
		links string
		n     int
	}{{"fs", 1_000}, {"fs", 10_000}, {"mixed", 10_000}, {"fs", 100_000}} {
		p := syntheticPlan(c.n, 1, c.links == "mixed")
		est := triangularEstimates(p)
		for _, workers := range []int{1, 2} {
			b.Run(fmt.Sprintf("links=%s/tasks=%d/iterations=%d/workers=%d", c.links, c.n, *benchIterations, workers), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := Simulate(context.Background(), Model{Plan: p, Estimates: est, Iterations: *benchIterations, Seed: 1, Workers: workers}); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(c.n)/float64(*benchIterations), "ns/task-eval")
			})
		}
	}
}

// BenchmarkNaive is the simple way to simulate, for comparison: draw the
// durations into the plan and call schedule.Compute once per iteration.
// It reports the same ns per task evaluation, on one goroutine.
func BenchmarkNaive(b *testing.B) {
	for _, n := range []int{1_000, 10_000} {
		p := syntheticPlan(n, 1, false)
		est := triangularEstimates(p)
		b.Run(fmt.Sprintf("tasks=%d", n), func(b *testing.B) {
			src := rand.NewPCG(1, 2)
			q := *p
			q.Tasks = append([]domain.Task(nil), p.Tasks...)
			samplers := map[int]sampler{}
			for i, t := range q.Tasks {
				if e, ok := est[t.ID]; ok {
					samplers[i] = newSampler(0, e)
				}
			}
			b.ReportAllocs()
			for b.Loop() {
				for i, s := range samplers {
					q.Tasks[i].Duration.Minutes = toMinutes(s.draw(src, nil))
				}
				res, err := schedule.Compute(&q, schedule.Options{})
				if err != nil {
					b.Fatal(err)
				}
				for range res.Tasks { // a criticality count, as the engine keeps
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/task-eval")
		})
	}
}

// BenchmarkPass times one run's parts on a compiled 10,000-task network:
// the forward pass, the critical-path marking, and drawing the durations.
func BenchmarkPass(b *testing.B) {
	p := syntheticPlan(10_000, 1, false)
	m := Model{Plan: p, Estimates: triangularEstimates(p), Iterations: 1}
	res, err := Simulate(context.Background(), m)
	if err != nil || res == nil {
		b.Fatal(err)
	}
	ix, _ := p.Check()
	summary := make([]bool, len(p.Tasks))
	for _, pi := range ix.Parent {
		if pi >= 0 {
			summary[pi] = true
		}
	}
	net, _ := compile(p, ix, summary, time.Time{}, nil)
	det, _ := schedule.Compute(p, schedule.Options{})
	planned, _ := cost.Compute(p, det, cost.Options{})
	s, _ := newSim(&m, ix, net, planned)
	s.finishes, s.costs = make([]int64, 1), make([]int64, 1)
	w := s.newWorker()
	b.Run("forward", func(b *testing.B) {
		for b.Loop() {
			net.forward(w.pass)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(p.Tasks)), "ns/task")
	})
	finish := net.forward(w.pass)
	b.Run("critical", func(b *testing.B) {
		for b.Loop() {
			net.critical(w.pass, finish)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(p.Tasks)), "ns/task")
	})
	b.Run("run", func(b *testing.B) {
		for b.Loop() {
			w.runOnce(0)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(p.Tasks)), "ns/task")
	})
}
