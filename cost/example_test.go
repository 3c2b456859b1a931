package cost_test

import (
	"fmt"
	"time"

	"github.com/cairnpm/cairn/cost"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/schedule"
)

// A week of cabling: an engineer at £80 an hour whose rate rises on
// Wednesday, a drum of cable, and a skip hire paid up front. Costs accrue
// as the work is done, so by Tuesday evening two days of the engineer are
// spent, with the skip.
func Example() {
	day := func(s string) time.Time { t, _ := domain.ParseDate(s); return t }
	p := &domain.Plan{
		Project: domain.Project{Key: "NET", Name: "Cabling", Start: day("2027-03-01T08:00:00"), Currency: "GBP"},
		Tasks: []domain.Task{{ID: 1, UID: 1, Name: "Pull cable", Duration: domain.Duration{Minutes: 5 * 480},
			FixedCost: 25000, FixedCostAccrual: domain.AccrueStart}}, // £250 skip hire
		Resources: []domain.Resource{
			{ID: 1, Name: "Engineer", StandardRate: 8000},
			{ID: 2, Name: "Cable drum", Kind: domain.Material, StandardRate: 12000},
		},
		RateChanges: []domain.RateChange{{Resource: 1, From: day("2027-03-03"), StandardRate: 9000}},
		Assignments: []domain.Assignment{{ID: 1, Task: 1, Resource: 1, Units: 1}, {ID: 2, Task: 1, Resource: 2, Units: 2}},
	}
	s, _ := schedule.Compute(p, schedule.Options{})
	c, _ := cost.Compute(p, s, cost.Options{})
	t := c.Tasks[0]
	money := func(m int64) string { return domain.FormatMoney(m, "GBP") }
	fmt.Println("planned cost", money(t.Cost))
	fmt.Println("by Tuesday evening", money(t.Planned.At(day("2027-03-02T17:00:00"))))
	for i, a := range c.Assignments {
		fmt.Printf("assignment %d: %s\n", i+1, money(a.Cost))
	}
	// Output:
	// planned cost 3930.00
	// by Tuesday evening 1626.00
	// assignment 1: 3440.00
	// assignment 2: 240.00
}
