package demo_test

import (
	"testing"
	"time"

	"github.com/cairnpm/cairn/demo"
	"github.com/cairnpm/cairn/domain"
)

func TestPlan(t *testing.T) {
	p, err := demo.Plan()
	if err != nil {
		t.Fatal(err)
	}
	proj := p.Project
	if proj.Key != "NET" || proj.Name != "Office network upgrade" || proj.TimeZone != "Europe/London" || proj.Currency != "GBP" {
		t.Errorf("project = %+v", proj)
	}
	if proj.Start != time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC) || proj.Start.Weekday() != time.Monday {
		t.Errorf("start = %v, want Monday 2027-01-04", proj.Start)
	}
	if !proj.StatusDate.IsZero() {
		t.Errorf("status date = %v, want none", proj.StatusDate)
	}
	if proj.Budget != 180000_00 {
		t.Errorf("budget = %d pence, want £180,000", proj.Budget)
	}
	if n := len(p.Tasks); n < 35 {
		t.Errorf("%d tasks, want at least 35", n)
	}
	milestones, deadlines, snet := 0, 0, 0
	for _, tk := range p.Tasks {
		if tk.Kind == domain.KindMilestone {
			milestones++
		}
		if !tk.Deadline.IsZero() {
			deadlines++
		}
		if tk.Constraint == domain.SNET {
			snet++
		}
	}
	if milestones < 5 || deadlines < 1 || snet < 1 {
		t.Errorf("%d milestones, %d deadlines, %d SNET constraints; want at least 5, 1, 1", milestones, deadlines, snet)
	}
	types := map[domain.DependencyType]int{}
	leads, lags := 0, 0
	for _, d := range p.Dependencies {
		types[d.Type]++
		switch {
		case d.Lag.Minutes < 0 || d.Lag.Percent < 0:
			leads++
		case !d.Lag.IsZero():
			lags++
		}
	}
	for _, typ := range []domain.DependencyType{domain.FS, domain.SS, domain.FF, domain.SF} {
		if types[typ] == 0 {
			t.Errorf("no %s dependency", typ)
		}
	}
	if leads == 0 || lags == 0 {
		t.Errorf("%d leads and %d lags; want some of each", leads, lags)
	}
	kinds := map[domain.ResourceKind]int{}
	for _, r := range p.Resources {
		kinds[r.Kind]++
	}
	if kinds[domain.Work] < 4 || kinds[domain.Material] == 0 || kinds[domain.Cost] == 0 {
		t.Errorf("resource kinds = %v; want people, a material and a cost", kinds)
	}
	if len(p.Assignments) < len(p.Tasks)/2 {
		t.Errorf("%d assignments for %d tasks", len(p.Assignments), len(p.Tasks))
	}
	if hol := len(p.Calendars[0].Exceptions); hol < 8 {
		t.Errorf("project calendar has %d exceptions; want the 2027 bank holidays", hol)
	}
}

// TestPlanIsFresh checks that each call returns a plan of its own.
func TestPlanIsFresh(t *testing.T) {
	a, err := demo.Plan()
	if err != nil {
		t.Fatal(err)
	}
	a.Tasks[0].Name = "changed"
	b, err := demo.Plan()
	if err != nil {
		t.Fatal(err)
	}
	if b.Tasks[0].Name == "changed" {
		t.Error("a change to one demo plan shows in the next")
	}
}
