package evm_test

import (
	"fmt"
	"time"

	"github.com/cairnpm/cairn/cost"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/evm"
	"github.com/cairnpm/cairn/schedule"
)

// A two-week cabling job: the baseline was taken at the start, and by
// the second Friday the first week's work is done but it took Alice
// longer than planned.
func Example() {
	day := func(s string) time.Time { t, _ := domain.ParseDate(s); return t }
	p := &domain.Plan{
		Project:   domain.Project{Key: "NET", Name: "Cabling", Start: day("2027-03-01T08:00:00"), Currency: "GBP"},
		Resources: []domain.Resource{{ID: 1, Name: "Alice", StandardRate: 8000}}, // £80.00 an hour
		Tasks: []domain.Task{
			{ID: 1, UID: 1, Name: "Pull cable", Duration: domain.Duration{Minutes: 5 * 480}},
			{ID: 2, UID: 2, Name: "Terminate", Duration: domain.Duration{Minutes: 5 * 480}},
		},
		Dependencies: []domain.Dependency{{ID: 1, Predecessor: 1, Successor: 2}},
		Assignments:  []domain.Assignment{{ID: 1, Task: 1, Resource: 1, Units: 1}, {ID: 2, Task: 2, Resource: 1, Units: 1}},
	}
	s, _ := schedule.Compute(p, schedule.Options{})
	c, _ := cost.Compute(p, s, cost.Options{})
	p.Baselines = c.Baseline(p, s, 0)

	// Status on the second Friday: "Pull cable" is done, "Terminate" has
	// not started; Alice's timesheets say the cable cost £3,840.
	p.Tasks[0].PercentComplete = 100
	status := day("2027-03-12T17:00:00")
	s, _ = schedule.Compute(p, schedule.Options{StatusDate: status})
	c, _ = cost.Compute(p, s, cost.Options{StatusDate: status})
	r, _ := evm.Compute(p, s, c, evm.Options{
		StatusDate: status,
		Actuals:    map[int64]*cost.Curve{1: cost.FromEntries([]cost.Entry{{Date: day("2027-03-08T17:00:00"), Amount: 384000}})},
	})
	m := r.Project
	fmt.Printf("BAC %s  PV %s  EV %s  AC %s\n", money(m.BAC), money(m.PV), money(m.EV), money(m.AC))
	fmt.Printf("SPI %.2f  CPI %.2f  EAC %s\n", m.SPI, m.CPI, money(m.EAC.Amount))
	fmt.Printf("ES %s  SPI(t) %.2f  forecast finish %s\n", domain.FormatDate(m.ES), m.SPIt, domain.FormatDate(m.IEACt))
	// Output:
	// BAC 6400.00  PV 6400.00  EV 3200.00  AC 3840.00
	// SPI 0.50  CPI 0.83  EAC 7680.00
	// ES 2027-03-05  SPI(t) 0.50  forecast finish 2027-03-26
}

func money(minor int64) string { return domain.FormatMoney(minor, "GBP") }
