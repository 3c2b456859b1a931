package level

import (
	"math/rand/v2"
	"slices"
	"time"

	"github.com/cairnpm/cairn/domain"
)

// GeneratedPlan and Enriched are generatedPlan and enriched, for the
// external tests and benchmarks.
var (
	GeneratedPlan = generatedPlan
	Enriched      = enriched
)

// generatedPlan makes a plan of n tasks in phases of 20 under summary
// tasks, some phases starting five days after the one before, on k
// resources: each task follows one to three of the 40 tasks before it (mostly finish-to-start, some start-to-start and
// finish-to-finish with lags), lasts one to ten days and needs one or two
// resources at 50% or 100%; a fifth of the resources are teams of two.
func generatedPlan(n, k int, seed uint64) *domain.Plan {
	rng := rand.New(rand.NewPCG(seed, seed))
	p := &domain.Plan{Project: domain.Project{Key: "GEN", Name: "Generated", Start: time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)}}
	for r := 1; r <= k; r++ {
		units := 1.0
		if r%5 == 0 {
			units = 2
		}
		p.Resources = append(p.Resources, domain.Resource{ID: int64(r), Name: "R", Kind: domain.Work, MaxUnits: units})
	}
	id := int64(0)
	var leaves []int64
	prevPhase := int64(0)
	for len(leaves) < n {
		id++
		phase := id
		p.Tasks = append(p.Tasks, domain.Task{ID: phase, UID: phase, Name: "Phase", Priority: 500, Position: phase})
		if prevPhase != 0 && rng.IntN(3) == 0 { // a phase starts some days after the one before
			p.Dependencies = append(p.Dependencies, domain.Dependency{ID: int64(len(p.Dependencies) + 1),
				Predecessor: prevPhase, Successor: phase, Type: domain.SS, Lag: domain.Lag{Minutes: 5 * 480}})
		}
		prevPhase = phase
		for j := 0; j < 20 && len(leaves) < n; j++ {
			id++
			p.Tasks = append(p.Tasks, domain.Task{ID: id, UID: id, Name: "Task", Parent: phase, Position: id,
				Priority: 300 + 100*rng.IntN(5), Duration: domain.Duration{Minutes: int64(1+rng.IntN(10)) * 480}})
			first := rng.IntN(k)
			for a := range 1 + rng.IntN(2) {
				units := 1.0
				if rng.IntN(3) == 0 {
					units = 0.5
				}
				p.Assignments = append(p.Assignments, domain.Assignment{ID: int64(len(p.Assignments) + 1), Task: id,
					Resource: int64(1 + (first+a)%k), Units: units})
			}
			seen := map[int64]bool{}
			for range min(len(leaves), 1+rng.IntN(3)) {
				pred := leaves[max(0, len(leaves)-40)+rng.IntN(min(40, len(leaves)))]
				if seen[pred] {
					continue
				}
				seen[pred] = true
				d := domain.Dependency{ID: int64(len(p.Dependencies) + 1), Predecessor: pred, Successor: id, Type: domain.FS}
				switch rng.IntN(10) {
				case 0:
					d.Type, d.Lag = domain.SS, domain.Lag{Minutes: 480}
				case 1:
					d.Type, d.Lag = domain.FF, domain.Lag{Minutes: 960}
				case 2:
					d.Lag = domain.Lag{Minutes: -480}
				}
				p.Dependencies = append(p.Dependencies, d)
			}
			leaves = append(leaves, id)
		}
	}
	return p
}

// enriched is generatedPlan with what the benchmark plan lacks: SF links,
// percentage and elapsed lags, a four-day-week calendar for every third
// resource, and an evening calendar for some tasks nobody works on.
func enriched(n, k int, seed uint64) *domain.Plan {
	p := generatedPlan(n, k, seed)
	rng := rand.New(rand.NewPCG(seed, 7))
	p.Project.CalendarID = 1
	std := domain.Calendar{ID: 1, Name: "Standard", Week: domain.StandardWeek()}
	short := domain.Calendar{ID: 2, Name: "Four days", BaseID: 1}
	short.Week[time.Friday] = []domain.Interval{}
	evening := domain.Calendar{ID: 3, Name: "Evenings", BaseID: 1}
	for d := time.Monday; d <= time.Friday; d++ {
		evening.Week[d] = []domain.Interval{{Start: 18 * 60, End: 22 * 60}}
	}
	p.Calendars = []domain.Calendar{std, short, evening}
	for i := range p.Resources {
		if i%3 == 0 {
			p.Resources[i].CalendarID = 2
		}
	}
	for i := range p.Dependencies {
		d := &p.Dependencies[i]
		switch rng.IntN(12) {
		case 0:
			d.Type, d.Lag = domain.SF, domain.Lag{Minutes: 3 * 480}
		case 1:
			d.Lag = domain.Lag{Percent: 50, IsPercent: true}
		case 2:
			d.Lag = domain.Lag{Minutes: 2 * 1440, Elapsed: true}
		}
	}
	unstaffed := map[int64]bool{}
	for i := range p.Tasks {
		if t := &p.Tasks[i]; t.Parent != 0 && rng.IntN(4) == 0 {
			t.CalendarID = 3 // where nobody works on it; else where it meets its people's hours
			unstaffed[t.ID] = rng.IntN(2) == 0
		}
	}
	p.Assignments = slices.DeleteFunc(p.Assignments, func(a domain.Assignment) bool { return unstaffed[a.Task] })
	return p
}
