package domain

import (
	"testing"
	"time"
)

func TestRiskValidate(t *testing.T) {
	m := DefaultRiskMatrix()
	day := time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		edit  func(r *Risk)
		field string // "" when valid
	}{
		{"valid", func(*Risk) {}, ""},
		{"no title", func(r *Risk) { r.Title = "" }, "title"},
		{"bad status", func(r *Risk) { r.Status = "maybe" }, "status"},
		{"bad response", func(r *Risk) { r.Response = "ignore" }, "response"},
		{"probability off the matrix", func(r *Risk) { r.Current.Cost = Score{Probability: 6, Impact: 1} }, "current.cost.probability"},
		{"half scored", func(r *Risk) { r.Target.Quality = Score{Impact: 2} }, "target.quality.probability"},
		{"occurred without a date", func(r *Risk) { r.Status, r.ActionOwner = RiskOccurred, "bob@example.com" }, "occurred_on"},
		{"occurred without an action owner", func(r *Risk) { r.Status, r.OccurredOn = RiskOccurred, day }, "action_owner"},
		{"occurred", func(r *Risk) { r.Status, r.OccurredOn, r.ActionOwner = RiskOccurred, day, "bob@example.com" }, ""},
		{"impact without tasks", func(r *Risk) { r.TaskImpact = RiskTaskImpact{Probability: 20, DelayMax: 480} }, "task_impact.tasks"},
		{"impact over 100%", func(r *Risk) { r.TaskImpact = RiskTaskImpact{Probability: 120, Tasks: []int64{1}} }, "task_impact.probability"},
		{"delay backwards", func(r *Risk) {
			r.TaskImpact = RiskTaskImpact{Probability: 20, Tasks: []int64{1}, DelayMin: 960, DelayMax: 480}
		}, "task_impact.delay_max"},
		{"cost backwards", func(r *Risk) {
			r.TaskImpact = RiskTaskImpact{Probability: 20, Tasks: []int64{1}, CostMin: 100, CostMax: 50}
		}, "task_impact.cost_max"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Risk{Title: "Switches late", Initial: Assessment{Schedule: Score{4, 4}}}
			tc.edit(&r)
			r.Normalize()
			err := r.Validate(m)
			switch {
			case tc.field == "" && err != nil:
				t.Fatalf("unexpected error %v", err)
			case tc.field != "" && err == nil:
				t.Fatalf("no error, want one about %s", tc.field)
			case tc.field != "":
				if e, ok := err.(*Error); !ok || e.Field != tc.field {
					t.Fatalf("error %v names field %q, want %q", err, e.Field, tc.field)
				}
			}
		})
	}
}

func TestRiskScoreAndBand(t *testing.T) {
	r := Risk{Initial: Assessment{Cost: Score{5, 5}}}
	if d, s := r.Score(); d != "cost" || s.Value() != 25 {
		t.Errorf("initial only: %s %v", d, s)
	}
	r.Current = Assessment{Schedule: Score{3, 4}, Cost: Score{2, 2}, Quality: Score{4, 3}}
	if d, s := r.Score(); d != "schedule" || s.Value() != 12 {
		t.Errorf("current: %s %v (want schedule, the first of the worst)", d, s)
	}
	m := DefaultRiskMatrix()
	for score, want := range map[int]RiskBand{0: BandNone, 1: BandLow, 4: BandLow, 5: BandMedium, 10: BandMedium, 12: BandHigh, 25: BandHigh} {
		if got := m.Band(score); got != want {
			t.Errorf("band of %d: %q, want %q", score, got, want)
		}
	}
	for _, bad := range []RiskMatrix{{Size: 1, Medium: 2, High: 3}, {Size: 5, Medium: 12, High: 12}, {Size: 5, Medium: 5, High: 26}} {
		if bad.Validate() == nil {
			t.Errorf("%+v validated", bad)
		}
	}
}

func TestTaskEstimateValidate(t *testing.T) {
	good := []TaskEstimate{
		{Distribution: DistTriangular, Optimistic: 1, MostLikely: 2, Pessimistic: 3},
		{Distribution: DistUniform, Optimistic: 1, Pessimistic: 3},
		{Distribution: DistLognormal, P10: 10, P90: 20},
	}
	for _, e := range good {
		if err := e.Validate(); err != nil {
			t.Errorf("%+v: %v", e, err)
		}
	}
	bad := []TaskEstimate{
		{Distribution: DistPERT, Optimistic: 3, MostLikely: 2, Pessimistic: 4},
		{Distribution: DistUniform, Optimistic: 5, Pessimistic: 3},
		{Distribution: DistLognormal, P10: 20, P90: 20},
		{Distribution: "normal", Optimistic: 1, MostLikely: 2, Pessimistic: 3},
	}
	for _, e := range bad {
		if err := e.Validate(); err == nil {
			t.Errorf("%+v validated", e)
		}
	}
	e := TaskEstimate{Distribution: DistPERT, Optimistic: 960, MostLikely: 2400, Pessimistic: 4320}
	if got := e.String(DefaultUnits); got != "pert 2d 5d 9d" {
		t.Errorf("String: %q", got)
	}
}
