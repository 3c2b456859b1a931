package risk_test

import (
	"context"
	"fmt"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/risk"
)

// A design task and a build task in a row, with three-point estimates,
// and a risk that the hardware arrives late.
func ExampleSimulate() {
	day := int64(480) // working minutes
	plan := &domain.Plan{
		Project: domain.Project{Key: "NET", Name: "Office network", Start: time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)},
		Tasks: []domain.Task{
			{ID: 1, UID: 1, Name: "Design", Duration: domain.Duration{Minutes: 5 * day}},
			{ID: 2, UID: 2, Name: "Build", Duration: domain.Duration{Minutes: 10 * day}},
			{ID: 3, UID: 3, Name: "Test", Duration: domain.Duration{Minutes: 3 * day}},
		},
		Dependencies: []domain.Dependency{
			{ID: 1, Predecessor: 1, Successor: 2, Type: domain.FS},
			{ID: 2, Predecessor: 2, Successor: 3, Type: domain.FS},
		},
	}
	res, err := risk.Simulate(context.Background(), risk.Model{
		Plan: plan,
		Estimates: map[int64]risk.Estimate{
			1: {Dist: risk.Triangular, Optimistic: 4 * day, MostLikely: 5 * day, Pessimistic: 9 * day},
			2: {Dist: risk.PERT, Optimistic: 8 * day, MostLikely: 10 * day, Pessimistic: 16 * day},
		},
		Events:     []risk.Event{{ID: "R1", Name: "Hardware late", Probability: 0.2, Tasks: []int64{2}, DelayMin: 2 * day, DelayMax: 5 * day}},
		Iterations: 10_000,
		Seed:       1,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	const layout = "Mon 2 Jan 15:04"
	fmt.Println("planned", res.Planned.Format(layout))
	fmt.Println("P50    ", res.Finish.P50.Format(layout))
	fmt.Println("P80    ", res.Finish.P80.Format(layout))
	fmt.Printf("on time in %.0f%% of runs\n", 100*res.OnTime)
	for _, t := range res.Tasks {
		fmt.Printf("%-6s critical %.2f, sensitivity %.2f\n", t.Name, t.Criticality, t.Sensitivity)
	}
	// Output:
	// planned Wed 27 Jan 17:00
	// P50     Mon 1 Feb 09:09
	// P80     Wed 3 Feb 10:28
	// on time in 15% of runs
	// Design critical 1.00, sensitivity 0.46
	// Build  critical 1.00, sensitivity 0.89
	// Test   critical 1.00, sensitivity 0.00
}
