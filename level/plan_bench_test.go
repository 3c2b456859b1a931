package level_test

import (
	"testing"

	"github.com/cairnpm/cairn/level"
	"github.com/cairnpm/cairn/load"
)

// BenchmarkLevelPlan levels a generated plan of 1,000 tasks (and 50
// summaries) on 20 resources with the default budget of 500 schedules:
// the two critical path computations and the search.
func BenchmarkLevelPlan(b *testing.B) {
	p := level.GeneratedPlan(1000, 20, 1)
	var l *level.Levelled
	for b.Loop() {
		var err error
		if l, err = level.LevelPlan(b.Context(), p, level.PlanOptions{Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*l.Schedules), "ns/schedule")
	b.ReportMetric(float64(l.Result.Calendar().WorkBetween(l.Unlevelled.Finish, l.Result.Finish))/480, "days-added")
}

// TestLevelGeneratedPlans levels generated plans, some with resource and
// task calendars, SF links and elapsed and percentage lags, and checks
// with the load engine that nobody is over-allocated, and that every link
// with a working-time lag holds.
func TestLevelGeneratedPlans(t *testing.T) {
	for seed := range uint64(6) {
		p := level.GeneratedPlan(150, 6, seed)
		if seed >= 3 {
			p = level.Enriched(150, 6, seed)
		}
		l, err := level.LevelPlan(t.Context(), p, level.PlanOptions{Seed: seed, Schedules: 100})
		if err != nil {
			t.Fatal(err)
		}
		if over := load.Compute(l.Plan, l.Result, load.Day).OverAllocations; len(over) > 0 || len(l.Unresolved) > 0 {
			t.Errorf("seed %d: over-allocations %+v, unresolved %+v", seed, over, l.Unresolved)
		}
		checkLinks(t, l.Plan, l.Result)
		checkNotEarlier(t, l)
	}
}
