package main

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/cairnpm/cairn/domain"
)

// phaseSize is how many tasks sit under each summary.
const phaseSize = 50

// syntheticPlan returns a project of n tasks shaped like the schedule
// benchmarks' plans: phases of phaseSize tasks under summaries, durations
// of 1–10 days, a milestone closing each phase, and about two FS links per
// task from the previous 100 tasks, so the network is long and connected.
func syntheticPlan(key string, n int, seed int64) *domain.Plan {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15))
	plan := &domain.Plan{Project: domain.Project{
		Key: key, Name: "Load test " + key, Start: time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC),
		TimeZone: "UTC", Units: domain.DefaultUnits,
	}}
	var leaves []int64
	id, summary := int64(0), int64(0)
	for len(plan.Tasks) < n {
		id++
		if (id-1)%(phaseSize+1) == 0 {
			summary = id
			plan.Tasks = append(plan.Tasks, domain.Task{ID: id, Name: fmt.Sprintf("Phase %d", id/(phaseSize+1)+1)})
			continue
		}
		t := domain.Task{ID: id, Parent: summary, Name: fmt.Sprintf("Task %d", id), Priority: 500,
			Duration: domain.Duration{Minutes: int64(1+rng.IntN(10)) * 480}}
		if id%(phaseSize+1) == 0 {
			t.Kind, t.Duration, t.Name = domain.KindMilestone, domain.Duration{}, fmt.Sprintf("Phase %d done", id/(phaseSize+1))
		}
		plan.Tasks = append(plan.Tasks, t)
		seen := map[int64]bool{}
		for range 2 {
			if len(leaves) == 0 {
				break
			}
			pred := leaves[max(0, len(leaves)-100)+rng.IntN(min(len(leaves), 100))]
			if seen[pred] {
				continue
			}
			seen[pred] = true
			plan.Dependencies = append(plan.Dependencies, domain.Dependency{
				ID: int64(len(plan.Dependencies) + 1), Predecessor: pred, Successor: id, Type: domain.FS})
		}
		leaves = append(leaves, id)
	}
	return plan
}
