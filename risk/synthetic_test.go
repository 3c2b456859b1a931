package risk

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/cairnpm/cairn/domain"
)

// syntheticPlan builds a plan of n tasks in phases of 50 under summaries,
// with about two predecessors per task drawn from the previous 100 tasks
// and a calendar with ten years of holidays, like schedule's synthetic
// plans. mixed adds SS/FF/SF links and lags; without it every link is a
// plain FS.
func syntheticPlan(n int, seed uint64, mixed bool) *domain.Plan {
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
	var leaves []int64
	seen := map[[2]int64]bool{}
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
			if seen[[2]int64{pred, id}] {
				continue
			}
			seen[[2]int64{pred, id}] = true
			d := domain.Dependency{Predecessor: pred, Successor: id, Type: domain.FS}
			if mixed {
				d.Type = types[r.IntN(len(types))]
				if r.IntN(4) == 0 {
					d.Lag = domain.Lag{Minutes: int64(r.IntN(5)-1) * 480}
				}
				if r.IntN(20) == 0 {
					d.Lag = domain.Lag{Percent: int64(r.IntN(100)), IsPercent: true}
				}
			}
			p.Dependencies = append(p.Dependencies, d)
		}
		leaves = append(leaves, id)
	}
	return p
}

// triangularEstimates gives every leaf of p a triangular estimate of
// 80%, 100% and 150% of its duration.
func triangularEstimates(p *domain.Plan) map[int64]Estimate {
	est := map[int64]Estimate{}
	parents := p.Summaries()
	for _, t := range p.Tasks {
		if parents[t.ID] || t.Duration.Minutes == 0 {
			continue
		}
		d := t.Duration.Minutes
		est[t.ID] = Estimate{Dist: Triangular, Optimistic: d * 8 / 10, MostLikely: d, Pessimistic: d * 3 / 2}
	}
	return est
}
