package evm_test

import (
	"bytes"
	"math"
	"testing"
	"time"

	"github.com/cairnpm/cairn/cost"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/evm"
	"github.com/cairnpm/cairn/schedule"
)

// rollout is a small network rollout: a survey, then cabling and a
// switch install under a summary, then a cut-over; an engineer at £75 an
// hour, a contractor at £60, switches as material and a fixed cost for
// the cut-over. Its baseline 0 is the plan as first scheduled; status is
// then reported as of Wednesday 17 March 2027.
func rollout(t *testing.T) (*domain.Plan, time.Time) {
	t.Helper()
	d := func(n int64) domain.Duration { return domain.Duration{Minutes: n * 480} }
	p := &domain.Plan{
		Project: domain.Project{Key: "NET", Name: "Branch network rollout", Start: day("2027-03-01T08:00:00"), Currency: "GBP"},
		Tasks: []domain.Task{
			{ID: 1, UID: 1, Name: "Survey", Duration: d(3)},
			{ID: 2, UID: 2, Name: "Install", Position: 1},
			{ID: 3, UID: 3, Name: "Cabling", Parent: 2, Duration: d(5)},
			{ID: 4, UID: 4, Name: "Switches", Parent: 2, Position: 1, Duration: d(4)},
			{ID: 5, UID: 5, Name: "Cut-over", Position: 2, Duration: d(2), FixedCost: 150000, FixedCostAccrual: domain.AccrueEnd},
		},
		Dependencies: []domain.Dependency{
			{ID: 1, Predecessor: 1, Successor: 2}, {ID: 2, Predecessor: 3, Successor: 4}, {ID: 3, Predecessor: 2, Successor: 5},
		},
		Resources: []domain.Resource{
			{ID: 1, Name: "Engineer", StandardRate: 7500},
			{ID: 2, Name: "Contractor", StandardRate: 6000, CostPerUse: 10000},
			{ID: 3, Name: "Switch", Kind: domain.Material, StandardRate: 85000},
		},
		Assignments: []domain.Assignment{
			{ID: 1, Task: 1, Resource: 1, Units: 1},
			{ID: 2, Task: 3, Resource: 2, Units: 2},
			{ID: 3, Task: 4, Resource: 1, Units: 1},
			{ID: 4, Task: 4, Resource: 3, Units: 4},
			{ID: 5, Task: 5, Resource: 1, Units: 1},
		},
	}
	s, err := schedule.Compute(p, schedule.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := cost.Compute(p, s, cost.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p.Baselines = c.Baseline(p, s, 0)
	// The survey ran a day late; cabling is 60% done.
	p.Tasks[0].PercentComplete, p.Tasks[0].ActualStart, p.Tasks[0].ActualFinish = 100, day("2027-03-01T08:00:00"), day("2027-03-04T17:00:00")
	p.Tasks[0].Duration = d(4)
	p.Tasks[2].PercentComplete, p.Tasks[2].ActualStart = 60, day("2027-03-05T08:00:00")
	return p, day("2027-03-17T17:00:00")
}

func measure(t *testing.T, p *domain.Plan, status time.Time, opt evm.Options) *evm.Result {
	t.Helper()
	s, err := schedule.Compute(p, schedule.Options{StatusDate: status})
	if err != nil {
		t.Fatal(err)
	}
	c, err := cost.Compute(p, s, cost.Options{StatusDate: status})
	if err != nil {
		t.Fatal(err)
	}
	opt.StatusDate = status
	r, err := evm.Compute(p, s, c, opt)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestRollup(t *testing.T) {
	p, status := rollout(t)
	r := measure(t, p, status, evm.Options{})
	var bac, pv, ev, ac int64
	for _, m := range r.Tasks {
		if m.Parent < 0 {
			bac, pv, ev, ac = bac+m.BAC, pv+m.PV, ev+m.EV, ac+m.AC
		}
	}
	m := r.Project
	if m.BAC != bac || m.PV != pv || m.EV != ev || m.AC != ac {
		t.Errorf("project %d %d %d %d, top-level sums %d %d %d %d", m.BAC, m.PV, m.EV, m.AC, bac, pv, ev, ac)
	}
	install := r.Tasks[1]
	if install.BAC != r.Tasks[2].BAC+r.Tasks[3].BAC || install.EV != r.Tasks[2].EV+r.Tasks[3].EV {
		t.Errorf("summary %+v", install)
	}
	if m.SV != m.EV-m.PV || m.CV != m.EV-m.AC || m.SPI != float64(m.EV)/float64(m.PV) {
		t.Errorf("variances %+v", m)
	}
	if !m.EAC.Defined || m.EAC != m.Forecasts[0] || m.ETC.Amount != m.EAC.Amount-m.AC || m.VAC.Amount != m.BAC-m.EAC.Amount {
		t.Errorf("forecast %+v", m)
	}
	if m.ES.After(status) || m.SVt >= 0 || math.Abs(m.SPIt-m.ESDays/m.ATDays) > 1e-12 {
		t.Errorf("earned schedule: ES %s, SV(t) %v, SPI(t) %v", m.ES, m.SVt, m.SPIt)
	}
	if !m.IEACt.After(r.Tasks[4].ES) {
		t.Errorf("forecast finish %s", m.IEACt)
	}
	bottom := measure(t, p, status, evm.Options{Method: evm.BottomUp})
	if bottom.Project.EAC != bottom.Project.Forecasts[3] {
		t.Errorf("bottom-up EAC %+v", bottom.Project.EAC)
	}
}

// TestActualsFromEntries checks that dated actual costs replace the
// derived ones, counting only up to the status date.
func TestActualsFromEntries(t *testing.T) {
	p, status := rollout(t)
	entries := []cost.Entry{{Date: day("2027-03-02"), Amount: 100000}, {Date: day("2027-03-04"), Amount: 150000}, {Date: day("2027-03-20"), Amount: 999}}
	r := measure(t, p, status, evm.Options{Actuals: map[int64]*cost.Curve{1: cost.FromEntries(entries)}})
	if got := r.Tasks[0].AC; got != 250000 {
		t.Errorf("survey AC %d, want 250000 (the entry after the status date does not count)", got)
	}
}

// TestRemaining checks that a given remaining cost replaces the plan's
// in the bottom-up EAC of the task and of its summaries, and leaves the
// other methods alone.
func TestRemaining(t *testing.T) {
	p, status := rollout(t)
	plain := measure(t, p, status, evm.Options{Method: evm.BottomUp})
	r := measure(t, p, status, evm.Options{Method: evm.BottomUp, Remaining: map[int64]int64{3: 123456}})
	cabling := r.Tasks[2]
	if want := cabling.AC + 123456; cabling.EAC.Amount != want || cabling.ETC.Amount != 123456 {
		t.Errorf("cabling EAC %d ETC %d, want %d and 123456", cabling.EAC.Amount, cabling.ETC.Amount, want)
	}
	shift := cabling.EAC.Amount - plain.Tasks[2].EAC.Amount
	if got := r.Project.EAC.Amount - plain.Project.EAC.Amount; got != shift || r.Tasks[1].EAC.Amount-plain.Tasks[1].EAC.Amount != shift {
		t.Errorf("the summary and the project moved by %d and %d, want %d", r.Tasks[1].EAC.Amount-plain.Tasks[1].EAC.Amount, got, shift)
	}
	if r.Project.Forecasts[0] != plain.Project.Forecasts[0] {
		t.Errorf("the CPI forecast moved: %+v, was %+v", r.Project.Forecasts[0], plain.Project.Forecasts[0])
	}
}

func TestNoBaselineNoBudget(t *testing.T) {
	p, status := rollout(t)
	r := measure(t, p, status, evm.Options{Baseline: 3})
	m := r.Project
	if m.BAC != 0 || m.PV != 0 || m.EV != 0 || m.AC == 0 || m.InBaseline || !math.IsNaN(m.SPIt) {
		t.Errorf("against a missing baseline: %+v", m)
	}
}

func TestOptionsChecked(t *testing.T) {
	p, status := rollout(t)
	s, _ := schedule.Compute(p, schedule.Options{})
	c, _ := cost.Compute(p, s, cost.Options{})
	for _, opt := range []evm.Options{{}, {StatusDate: status, Baseline: 11}, {StatusDate: status, Method: "guess"}} {
		if _, err := evm.Compute(p, s, c, opt); err == nil {
			t.Errorf("%+v accepted", opt)
		}
	}
}

// TestGolden keeps the rollout's JSON document and S-curve in golden
// files.
func TestGolden(t *testing.T) {
	p, status := rollout(t)
	r := measure(t, p, status, evm.Options{})
	var j bytes.Buffer
	if err := r.WriteJSON(&j, "GBP", r.Series(-1, evm.Week)); err != nil {
		t.Fatal(err)
	}
	golden(t, "rollout.json", j.Bytes())
	var svg bytes.Buffer
	if err := r.WriteSCurve(&svg, p.Project.Name, "GBP"); err != nil {
		t.Fatal(err)
	}
	golden(t, "rollout.svg", svg.Bytes())
}

func TestPeriodEnds(t *testing.T) {
	for _, c := range []struct {
		p     evm.Period
		first string
		n     int
	}{{evm.Day, "2027-03-01T23:59:00", 31}, {evm.Week, "2027-03-07T23:59:00", 5}, {evm.Month, "2027-03-31T23:59:00", 1}} {
		ends := evm.PeriodEnds(day("2027-03-01T08:00:00"), day("2027-03-31T17:00:00"), c.p)
		if len(ends) != c.n || domain.FormatDateTime(ends[0]) != c.first {
			t.Errorf("%s: %d periods, first ending %s", c.p, len(ends), ends[0])
		}
	}
}
