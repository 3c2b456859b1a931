package app

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/schedule"
)

// TestShapeAgreesWithScheduler: on random small plans (WBS trees with
// links of every type, many of them into or out of summaries), the
// structural check refuses exactly the plans the scheduler refuses, with
// the same code. The check mirrors the scheduler's graph instead of
// running it, so this keeps the two in step.
func TestShapeAgreesWithScheduler(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	verdicts := map[string]int{}
	for n := range 3000 {
		plan := randomPlan(rng)
		want := ""
		if _, err := schedule.Compute(plan, schedule.Options{}); err != nil {
			want = errCode(err)
		}
		got := shapeVerdict(plan, rng)
		if got != want {
			t.Fatalf("plan %d: structural check says %q, scheduler %q\ntasks %v\nlinks %v", n, got, want, outlineOf(plan), linksOf(plan))
		}
		verdicts[want]++
	}
	if verdicts[""] < 300 || verdicts["dependency_cycle"] < 300 || verdicts["summary_link"] < 100 {
		t.Fatalf("too few plans of some verdict to trust the comparison: %v", verdicts)
	}
}

// shapeVerdict is validateStructure's decision on plan, without a store.
func shapeVerdict(plan *domain.Plan, rng *rand.Rand) string {
	s := &shape{index: map[int64]int32{}}
	for i, tk := range plan.Tasks {
		s.ids = append(s.ids, tk.ID)
		s.index[tk.ID] = int32(i)
	}
	for _, tk := range plan.Tasks {
		p := int32(-1)
		if tk.Parent != 0 {
			p = s.index[tk.Parent]
		}
		s.parent = append(s.parent, p)
	}
	for _, d := range plan.Dependencies {
		s.pred, s.succ = append(s.pred, s.index[d.Predecessor]), append(s.succ, s.index[d.Successor])
		s.fromFinish = append(s.fromFinish, d.Type == domain.FS || d.Type == domain.FF)
	}
	if _, _, bad := s.summaryLink(); bad {
		return "summary_link"
	}
	first := int64(0)
	if len(plan.Dependencies) > 0 {
		first = plan.Dependencies[rng.IntN(len(plan.Dependencies))].Successor
	}
	if cycle, _ := s.cycle(first); cycle != nil {
		if cycle[0] != cycle[len(cycle)-1] {
			return fmt.Sprintf("open cycle %v", cycle)
		}
		return "dependency_cycle"
	}
	return ""
}

func errCode(err error) string {
	if de, ok := err.(*domain.Error); ok {
		return de.Code
	}
	return err.Error()
}

// randomPlan makes a WBS of 2–12 tasks, up to three deep, with up to 12
// distinct links of random types between any two tasks.
func randomPlan(rng *rand.Rand) *domain.Plan {
	plan := &domain.Plan{Project: domain.Project{Key: "RND", Name: "Random", Start: time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)}}
	n := 2 + rng.IntN(11)
	for i := 1; i <= n; i++ {
		tk := domain.Task{ID: int64(i), Name: fmt.Sprintf("T%d", i), Duration: domain.Duration{Minutes: 480}}
		if i > 1 && rng.IntN(3) > 0 {
			tk.Parent = int64(1 + rng.IntN(i-1))
		}
		plan.Tasks = append(plan.Tasks, tk)
	}
	types := []domain.DependencyType{domain.FS, domain.SS, domain.FF, domain.SF}
	seen := map[[2]int64]bool{}
	for range rng.IntN(13) {
		a, b := int64(1+rng.IntN(n)), int64(1+rng.IntN(n))
		if a == b || seen[[2]int64{a, b}] {
			continue
		}
		seen[[2]int64{a, b}] = true
		plan.Dependencies = append(plan.Dependencies, domain.Dependency{ID: int64(len(plan.Dependencies) + 1),
			Predecessor: a, Successor: b, Type: types[rng.IntN(len(types))]})
	}
	return plan
}

func outlineOf(plan *domain.Plan) []string {
	var out []string
	for _, tk := range plan.Tasks {
		out = append(out, fmt.Sprintf("%d<%d", tk.ID, tk.Parent))
	}
	return out
}

func linksOf(plan *domain.Plan) []string {
	var out []string
	for _, d := range plan.Dependencies {
		out = append(out, fmt.Sprintf("%d-%s->%d", d.Predecessor, d.Type, d.Successor))
	}
	return out
}
