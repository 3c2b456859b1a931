package level

import (
	"math/rand/v2"
	"time"

	"github.com/cairnpm/cairn/domain"
)

// GeneratedPlan is generatedPlan, for the external tests and benchmarks.
var GeneratedPlan = generatedPlan

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
