package level_test

import (
	"context"
	"fmt"

	"github.com/cairnpm/cairn/level"
)

func Example() {
	// Five tasks of a network upgrade, in days, with two technicians.
	// Cabling must precede patching; everything needs technicians.
	names := []string{"survey", "cabling", "patching", "firewall", "wifi"}
	p := &level.Problem{
		Durations: []int{1, 3, 2, 2, 2},
		Succ:      [][]int{{1, 3, 4}, {2}, nil, nil, nil},
		Capacity:  []int{2},
		Demand:    [][]int{{1}, {2}, {1}, {1}, {1}},
	}
	fmt.Println("critical path:", level.CriticalPathBound(p), "days")

	sol, err := level.Solve(context.Background(), p, level.Options{Schedules: 100, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := level.Feasible(p, sol.Starts); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("levelled:", sol.Makespan, "days")
	for j, s := range sol.Starts {
		fmt.Printf("%-8s day %d–%d\n", names[j], s, s+p.Durations[j])
	}
	// Output:
	// critical path: 6 days
	// levelled: 8 days
	// survey   day 0–1
	// cabling  day 1–4
	// patching day 4–6
	// firewall day 4–6
	// wifi     day 6–8
}
