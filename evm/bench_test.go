package evm_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/cairnpm/cairn/cost"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/evm"
	"github.com/cairnpm/cairn/schedule"
)

// costedPlan generates a plan of n leaf tasks in phases of 50 under
// summaries: each task follows the one before it in its phase and, every
// tenth, a task of the previous phase; twenty people with rates (a rate
// rise half-way through), a material, fixed costs on one task in ten.
// Baseline 0 is the plan as first scheduled; then the first 40% of the
// tasks are done and the next 10% half done, with the work running late.
func costedPlan(n int) (*domain.Plan, time.Time) {
	start := day("2027-01-04T08:00:00")
	p := &domain.Plan{Project: domain.Project{Key: "BIG", Name: "Generated", Start: start, Currency: "EUR"}}
	for r := 1; r <= 20; r++ {
		p.Resources = append(p.Resources, domain.Resource{ID: int64(r), Name: fmt.Sprintf("Person %d", r), StandardRate: int64(5000 + 250*r), OvertimeRate: int64(7500 + 300*r)})
		p.RateChanges = append(p.RateChanges, domain.RateChange{Resource: int64(r), From: day("2028-01-01"), StandardRate: int64(5500 + 250*r), OvertimeRate: int64(8000 + 300*r)})
	}
	p.Resources = append(p.Resources, domain.Resource{ID: 21, Name: "Cable", Kind: domain.Material, StandardRate: 135})
	id := int64(0)
	var prevPhase []int64
	for phase := 0; len(p.Tasks) < n+n/50; phase++ {
		id++
		sum := id
		p.Tasks = append(p.Tasks, domain.Task{ID: sum, UID: sum, Name: fmt.Sprintf("Phase %d", phase+1), Position: int64(phase)})
		var cur []int64
		for k := 0; k < 50; k++ {
			id++
			t := domain.Task{ID: id, UID: id, Parent: sum, Position: int64(k), Name: fmt.Sprintf("Task %d", id),
				Duration: domain.Duration{Minutes: int64(1+(id*7)%5) * 480}}
			if id%10 == 0 {
				t.FixedCost, t.FixedCostAccrual = 100000+id, domain.AccrueEnd
			}
			p.Tasks = append(p.Tasks, t)
			p.Assignments = append(p.Assignments, domain.Assignment{ID: int64(len(p.Assignments) + 1), Task: id, Resource: 1 + id%20, Units: 1})
			if id%7 == 0 {
				p.Assignments = append(p.Assignments, domain.Assignment{ID: int64(len(p.Assignments) + 1), Task: id, Resource: 21, Units: float64(100 + id%300)})
			}
			if k > 0 {
				p.Dependencies = append(p.Dependencies, domain.Dependency{ID: int64(len(p.Dependencies) + 1), Predecessor: id - 1, Successor: id})
			}
			if k%10 == 0 && len(prevPhase) > 0 {
				p.Dependencies = append(p.Dependencies, domain.Dependency{ID: int64(len(p.Dependencies) + 1), Predecessor: prevPhase[k], Successor: id, Type: domain.SS, Lag: domain.Lag{Minutes: 960}})
			}
			cur = append(cur, id)
		}
		prevPhase = cur
	}
	s, err := schedule.Compute(p, schedule.Options{})
	if err != nil {
		panic(err)
	}
	c, err := cost.Compute(p, s, cost.Options{})
	if err != nil {
		panic(err)
	}
	p.Baselines = c.Baseline(p, s, 0)
	leaves := 0
	var status time.Time
	for i := range p.Tasks {
		t := &p.Tasks[i]
		if t.Duration.Minutes == 0 {
			continue
		}
		switch {
		case leaves < n*4/10:
			t.PercentComplete = 100
			t.Duration.Minutes += 480 // everything took a day longer
			status = maxTime(status, s.Tasks[i].Finish)
		case leaves < n/2:
			t.PercentComplete = 50
		}
		leaves++
	}
	return p, status
}

// BenchmarkEVM10k measures earned value on a 10,000-task plan: costing
// the schedule (curves for every task and summary), then every measure
// for every task, summary and the project, then the project's weekly
// series; the schedule is computed once, outside the loop.
func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func BenchmarkEVM10k(b *testing.B) {
	p, status := costedPlan(10000)
	s, err := schedule.Compute(p, schedule.Options{StatusDate: status})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("cost", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := cost.Compute(p, s, cost.Options{StatusDate: status}); err != nil {
				b.Fatal(err)
			}
		}
	})
	c, _ := cost.Compute(p, s, cost.Options{StatusDate: status})
	b.Run("measures", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := evm.Compute(p, s, c, evm.Options{StatusDate: status}); err != nil {
				b.Fatal(err)
			}
		}
	})
	r, _ := evm.Compute(p, s, c, evm.Options{StatusDate: status})
	b.Run("weekly series", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			r.Series(-1, evm.Week)
		}
	})
	b.Run("schedule+cost+measures", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			s, _ := schedule.Compute(p, schedule.Options{StatusDate: status})
			c, _ := cost.Compute(p, s, cost.Options{StatusDate: status})
			if _, err := evm.Compute(p, s, c, evm.Options{StatusDate: status}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestGeneratedPlan checks the benchmark's plan measures sensibly: the
// project's figures are the sums of its phases', and the late work cost
// more than it earned.
func TestGeneratedPlan(t *testing.T) {
	p, status := costedPlan(500)
	r := measure(t, p, status, evm.Options{})
	var bac, ev, ac int64
	for _, m := range r.Tasks {
		if m.Parent < 0 {
			bac, ev, ac = bac+m.BAC, ev+m.EV, ac+m.AC
		}
	}
	if m := r.Project; m.BAC != bac || m.EV != ev || m.AC != ac || m.EV == 0 || m.AC <= m.EV {
		t.Errorf("project %+v", m)
	}
}
