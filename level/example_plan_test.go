package level_test

import (
	"context"
	"fmt"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/level"
)

func ExampleLevelPlan() {
	// Two network engineers' worth of work, but only one engineer: the
	// firewall change waits for the switch configuration, which has the
	// higher priority.
	day := 8 * 60 // working minutes
	plan := &domain.Plan{
		Project: domain.Project{Key: "NET", Name: "Office network", Start: time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)},
		Tasks: []domain.Task{
			{ID: 1, UID: 1, Name: "Configure switches", Duration: domain.Duration{Minutes: int64(3 * day)}, Priority: 700},
			{ID: 2, UID: 2, Name: "Change firewall rules", Duration: domain.Duration{Minutes: int64(2 * day)}, Priority: 500},
			{ID: 3, UID: 3, Name: "Test", Duration: domain.Duration{Minutes: int64(day)}, Priority: 500},
		},
		Dependencies: []domain.Dependency{{ID: 1, Predecessor: 2, Successor: 3, Type: domain.FS}},
		Resources:    []domain.Resource{{ID: 1, Name: "Priya", Kind: domain.Work, MaxUnits: 1}},
		Assignments: []domain.Assignment{
			{ID: 1, Task: 1, Resource: 1, Units: 1},
			{ID: 2, Task: 2, Resource: 1, Units: 1},
		},
	}
	l, err := level.LevelPlan(context.Background(), plan, level.PlanOptions{Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("finish:", l.Unlevelled.Finish.Format("Mon 2 Jan 15:04"), "→", l.Result.Finish.Format("Mon 2 Jan 15:04"))
	for i, m := range l.Tasks {
		t := l.Result.Tasks[i]
		fmt.Printf("%-22s %s  +%dd", t.Name, m.Start.Format("Mon 2 Jan"), m.Delay/int64(day))
		if c := m.Cause; c != nil && c.Resource != 0 {
			fmt.Printf("  waits for resource %d, busy on task %v", c.Resource, c.With)
		}
		if c := m.Cause; c != nil && c.Predecessor != 0 {
			fmt.Printf("  follows task %d", c.Predecessor)
		}
		fmt.Println()
	}
	// Output:
	// finish: Wed 6 Jan 17:00 → Mon 11 Jan 17:00
	// Configure switches     Mon 4 Jan  +0d
	// Change firewall rules  Thu 7 Jan  +3d  waits for resource 1, busy on task [1]
	// Test                   Mon 11 Jan  +3d  follows task 2
}
