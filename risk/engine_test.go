package risk

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/planfile"
)

// demoModel is the demo plan with estimates on a few tasks, a correlation
// group and two risk events.
func demoModel(t testing.TB) Model {
	t.Helper()
	p, err := planfile.ParseFile("../demo/office-network.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ref := map[string]int64{}
	for _, task := range p.Tasks {
		ref[task.Ref] = task.ID
	}
	day := int64(480)
	est := map[int64]Estimate{
		ref["survey"]:        {Dist: Triangular, Optimistic: 4 * day, MostLikely: 5 * day, Pessimistic: 8 * day},
		ref["hld"]:           {Dist: PERT, Optimistic: 4 * day, MostLikely: 5 * day, Pessimistic: 9 * day},
		ref["lld"]:           {Dist: PERT, Optimistic: 5 * day, MostLikely: 6 * day, Pessimistic: 10 * day},
		ref["lead-time"]:     {Dist: Lognormal, P10: 21 * 1440, P90: 42 * 1440},
		ref["core-config"]:   {Dist: Uniform, Optimistic: 3 * day, Pessimistic: 6 * day},
		ref["cabling-first"]: {Dist: Triangular, Optimistic: 3 * day, MostLikely: 4 * day, Pessimistic: 7 * day},
		ref["cutover"]:       {Dist: Triangular, Optimistic: 480, MostLikely: 480, Pessimistic: 960},
		ref["pilot-run"]:     {Dist: Triangular, Optimistic: 8 * day, MostLikely: 10 * day, Pessimistic: 15 * day},
	}
	return Model{Plan: p, Estimates: est, Iterations: 2_000, Seed: 42,
		Groups: []Group{{Name: "design team", Tasks: []int64{ref["hld"], ref["lld"]}, Correlation: 0.6}},
		Events: []Event{
			{ID: "R1", Name: "Switches arrive late", Probability: 0.25, Tasks: []int64{ref["staging-lab"]}, DelayMin: 2 * day, DelayMax: 10 * day, CostMin: 0, CostMax: 150000},
			{ID: "R2", Name: "Asbestos found in the ceiling void", Probability: 0.1, Tasks: []int64{ref["cabling-ground"], ref["cabling-first"]}, DelayMin: 3 * day, DelayMax: 5 * day, CostMin: 200000, CostMax: 500000},
		}}
}

func TestSameSeedSameResultForAnyWorkers(t *testing.T) {
	var results []*Result
	for _, workers := range []int{1, 2, 3, 8} {
		m := demoModel(t)
		m.Workers = workers
		r := simulate(t, m)
		results = append(results, r)
	}
	for i, r := range results[1:] {
		if !reflect.DeepEqual(results[0], r) {
			t.Errorf("result with workers=%d differs from workers=1", []int{2, 3, 8}[i])
		}
	}
	m := demoModel(t)
	m.Seed = 43
	if other := simulate(t, m); reflect.DeepEqual(other.finishes, results[0].finishes) {
		t.Error("another seed gave the same finishes")
	}
}

func TestDemoResultIsSensible(t *testing.T) {
	r := simulate(t, demoModel(t))
	f := r.Finish
	if !(!f.P10.After(f.P50) && !f.P50.After(f.P80) && !f.P80.After(f.P90) && !f.P90.After(f.P95) && !f.Min.After(f.P10) && !f.P95.After(f.Max)) {
		t.Errorf("percentiles out of order: %+v", f)
	}
	if !f.P50.After(r.Planned) {
		t.Errorf("P50 %s is not after the planned finish %s, though every estimate is skewed late", f.P50, r.Planned)
	}
	c := r.Cost
	if !(c.P10 <= c.P50 && c.P50 <= c.P95 && c.Min <= c.P10 && c.P95 <= c.Max) || c.P50 <= r.PlannedCost {
		t.Errorf("cost %+v against planned %d", c, r.PlannedCost)
	}
	byName := map[string]TaskStats{}
	for _, ts := range r.Tasks {
		byName[ts.Name] = ts
		if ts.Criticality < 0 || ts.Criticality > 1 || ts.Sensitivity < -1 || ts.Sensitivity > 1 {
			t.Errorf("%s: criticality %.2f, sensitivity %.2f", ts.Name, ts.Criticality, ts.Sensitivity)
		}
	}
	if got := byName["Project closed"].Criticality; got != 1 {
		t.Errorf("the last milestone is critical in %.2f of runs", got)
	}
	// The lead time has 12 days of float before the delivery window
	// (SNET) opens: it drives the date only when it runs long.
	if got := byName["Supplier lead time"]; got.Criticality < 0.02 || got.Criticality > 0.5 || got.Sensitivity <= 0 || !got.Uncertain {
		t.Errorf("the supplier's lead time: %+v", got)
	}
	if got := byName["Set up the staging lab"]; got.Criticality < 0.5 {
		t.Errorf("the staging lab, critical in the plan: %+v", got)
	}
	if got := byName["Project kick-off"]; got.Uncertain || got.Sensitivity != 0 {
		t.Errorf("a task without an estimate: %+v", got)
	}
	if len(r.Risks) != 2 || r.Risks[0].ID != "R1" || r.Risks[0].FinishImpact <= 0 {
		t.Errorf("risks %+v", r.Risks)
	}
	found := false
	for _, ms := range r.Milestones {
		if ms.Name == "Cut-over complete" {
			found = true
			if ms.Deadline.IsZero() || ms.OnTime <= 0 || ms.OnTime > 1 {
				t.Errorf("cut-over milestone %+v", ms)
			}
			if got := ms.ProbabilityBy(ms.Deadline); got != ms.OnTime {
				t.Errorf("ProbabilityBy(deadline) = %v, OnTime %v", got, ms.OnTime)
			}
		}
	}
	if !found {
		t.Error("the cut-over milestone is not tracked")
	}
	if p := r.ProbabilityBy(f.P80); p < 0.8 {
		t.Errorf("P(finish by P80) = %.3f", p)
	}
	bins := r.Histogram(20)
	if n := len(bins); n == 0 || n > 21 || bins[n-1].Cumulative != 1 {
		t.Errorf("histogram %+v", bins)
	}
}

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Simulate(ctx, demoModel(t)); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled before: %v", err)
	}
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	m := demoModel(t)
	m.Iterations = 1_000_000
	m.Progress = func(done, total int) {
		if done > 1000 {
			cancel()
		}
	}
	start := time.Now()
	if _, err := Simulate(ctx, m); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled during: %v", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %s to stop", d)
	}
}

func TestProgress(t *testing.T) {
	m := demoModel(t)
	m.Workers = 2
	last := 0
	m.Progress = func(done, total int) {
		if done <= last || total != m.Iterations || done > total {
			t.Errorf("progress %d/%d after %d", done, total, last)
		}
		last = done
	}
	simulate(t, m)
	if last != m.Iterations {
		t.Errorf("progress ended at %d", last)
	}
}

func TestModelErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		edit func(m *Model)
		code string
	}{
		{"estimate on a summary", func(m *Model) { m.Estimates[1] = Estimate{Optimistic: 1, MostLikely: 2, Pessimistic: 3} }, "summary_task"},
		{"unknown task", func(m *Model) { m.Estimates[9999] = Estimate{Optimistic: 1, MostLikely: 2, Pessimistic: 3} }, "unknown_task"},
		{"mode outside the range", func(m *Model) { m.Estimates[2] = Estimate{Optimistic: 5, MostLikely: 2, Pessimistic: 3} }, "invalid_estimate"},
		{"lognormal without percentiles", func(m *Model) { m.Estimates[2] = Estimate{Dist: Lognormal} }, "invalid_estimate"},
		{"probability over 1", func(m *Model) { m.Events[0].Probability = 1.5 }, "invalid_probability"},
		{"delay range reversed", func(m *Model) { m.Events[0].DelayMin = 5000 }, "invalid_delay"},
		{"correlation over 1", func(m *Model) { m.Groups[0].Correlation = 2 }, "invalid_correlation"},
		{"a task in two groups", func(m *Model) { m.Groups = append(m.Groups, m.Groups[0]) }, "duplicate_group"},
		{"no plan", func(m *Model) { m.Plan = nil }, "required"},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := demoModel(t)
			c.edit(&m)
			_, err := Simulate(context.Background(), m)
			var de *domain.Error
			if !errors.As(err, &de) || de.Code != c.code {
				t.Errorf("got %v, want code %s", err, c.code)
			}
		})
	}
}

// TestTrackSummaryAndLeaf: Model.Track records any task's finish, a
// summary's being its latest child's, whether or not a link follows it.
func TestTrackSummaryAndLeaf(t *testing.T) {
	m := demoModel(t)
	ref := map[string]int64{}
	for _, task := range m.Plan.Tasks {
		ref[task.Ref] = task.ID
	}
	m.Track = []int64{ref["design"], ref["lld"], ref["design-review"]}
	r := simulate(t, m)
	if len(r.Milestones) != 3 {
		t.Fatalf("tracked %d", len(r.Milestones))
	}
	design, review := r.Milestones[0], r.Milestones[2]
	if design.Name != "Design" || !design.Planned.Equal(review.Planned) || !design.Finish.P80.Equal(review.Finish.P80) {
		t.Errorf("the design phase finishes with its review: %+v against %+v", design, review)
	}
	if r.Milestones[1].Finish.P50.After(review.Finish.P50) {
		t.Error("the low-level design finishes after the review that follows it")
	}
}
