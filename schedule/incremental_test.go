package schedule_test

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/schedule"
)

// TestSetTaskMatchesCompute makes random edits through SetTask and checks,
// after each, that the schedule equals a Compute of the edited plan from
// scratch, and that every task whose schedule changed was reported.
func TestSetTaskMatchesCompute(t *testing.T) {
	plan := schedule.SyntheticPlan(600, 3)
	opt := schedule.Options{NearCriticalSlack: 2 * 480, StatusDate: time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)}
	s, err := schedule.New(clonePlan(plan), opt)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)
	edits := []struct {
		name string
		edit func(r *rand.Rand, t *domain.Task)
	}{
		{"duration", func(r *rand.Rand, t *domain.Task) { t.Duration.Minutes = int64(r.IntN(15)) * 480 }},
		{"start no earlier than", func(r *rand.Rand, t *domain.Task) {
			t.Constraint, t.ConstraintDate = domain.SNET, start.AddDate(0, 0, r.IntN(200))
		}},
		{"must finish on", func(r *rand.Rand, t *domain.Task) {
			t.Constraint, t.ConstraintDate = domain.MFO, start.AddDate(0, 0, r.IntN(200))
		}},
		{"as late as possible", func(r *rand.Rand, t *domain.Task) { t.Constraint, t.ConstraintDate = domain.ALAP, time.Time{} }},
		{"deadline", func(r *rand.Rand, t *domain.Task) { t.Deadline = start.AddDate(0, 0, r.IntN(100)) }},
		{"progress", func(r *rand.Rand, t *domain.Task) { t.PercentComplete = r.IntN(101) }},
		{"finished", func(r *rand.Rand, t *domain.Task) {
			t.ActualStart, t.ActualFinish, t.PercentComplete = start.Add(8*time.Hour), start.AddDate(0, 0, 3).Add(17*time.Hour), 100
		}},
		{"milestone (rebuilds)", func(r *rand.Rand, t *domain.Task) { t.Kind = domain.KindMilestone }},
		{"name only", func(r *rand.Rand, t *domain.Task) { t.Name += "'" }},
	}
	r := rand.New(rand.NewPCG(1, 2))
	for step := range 60 {
		e := edits[step%len(edits)]
		var task domain.Task
		for { // a leaf: summaries take their dates from their children
			task = s.Plan().Tasks[r.IntN(len(plan.Tasks))]
			if (task.ID-1)%50 != 0 {
				break
			}
		}
		before := slices.Clone(s.Result().Tasks)
		e.edit(r, &task)
		moved, err := s.SetTask(task)
		if err != nil {
			t.Fatalf("step %d (%s): %v", step, e.name, err)
		}
		want, err := schedule.Compute(clonePlan(s.Plan()), opt)
		if err != nil {
			t.Fatal(err)
		}
		got := s.Result()
		if !got.Start.Equal(want.Start) || !got.Finish.Equal(want.Finish) || !reflect.DeepEqual(got.Tasks, want.Tasks) {
			for k := range want.Tasks {
				if !reflect.DeepEqual(got.Tasks[k], want.Tasks[k]) {
					t.Fatalf("step %d (%s on %d): task differs from Compute:\n got %v\nwant %v", step, e.name, task.ID, got.Tasks[k], want.Tasks[k])
				}
			}
			t.Fatalf("step %d (%s): project span %s–%s, Compute %s–%s", step, e.name, got.Start, got.Finish, want.Start, want.Finish)
		}
		reported := map[int64]bool{}
		for _, id := range moved {
			reported[id] = true
		}
		for k := range before {
			if !reflect.DeepEqual(before[k], got.Tasks[k]) && !reported[got.Tasks[k].ID] {
				t.Fatalf("step %d (%s): task %d changed but was not reported", step, e.name, got.Tasks[k].ID)
			}
		}
	}
}

func TestSetTaskRefusesBadEdits(t *testing.T) {
	s, err := schedule.New(clonePlan(schedule.SyntheticPlan(100, 1)), schedule.Options{})
	if err != nil {
		t.Fatal(err)
	}
	before := slices.Clone(s.Result().Tasks)
	bad := s.Plan().Tasks[5]
	bad.Duration.Minutes = -480
	if _, err := s.SetTask(bad); err == nil {
		t.Error("a negative duration was accepted")
	}
	cycle := s.Plan().Tasks[2]
	cycle.Parent = s.Plan().Tasks[2].ID
	if _, err := s.SetTask(cycle); err == nil {
		t.Error("a task made its own parent was accepted")
	}
	if _, err := s.SetTask(domain.Task{ID: 99999, Name: "ghost"}); err == nil {
		t.Error("an unknown task was accepted")
	}
	if !reflect.DeepEqual(before, s.Result().Tasks) {
		t.Error("a refused edit changed the schedule")
	}
}

func clonePlan(p *domain.Plan) *domain.Plan {
	c := *p
	c.Tasks = slices.Clone(p.Tasks)
	c.Dependencies = slices.Clone(p.Dependencies)
	return &c
}

// BenchmarkSetTask times one edit — a task's duration — in a 10,000-task
// plan, against computing the whole schedule again.
func BenchmarkSetTask(b *testing.B) {
	plan := schedule.SyntheticPlan(10_000, 1)
	s, err := schedule.New(clonePlan(plan), schedule.Options{})
	if err != nil {
		b.Fatal(err)
	}
	task := s.Plan().Tasks[5_002]
	k := int64(0)
	b.Run("SetTask", func(b *testing.B) {
		for b.Loop() {
			k++
			task.Duration.Minutes = (1 + k%5) * 480
			if _, err := s.SetTask(task); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Compute", func(b *testing.B) {
		for b.Loop() {
			if _, err := schedule.Compute(plan, schedule.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkSetTaskMoves reports how many tasks an edit moved, for reading
// BenchmarkSetTask: a duration change early in a chain moves everything
// after it, and each moved task's dates are rendered again.
func BenchmarkSetTaskMoves(b *testing.B) {
	plan := schedule.SyntheticPlan(10_000, 1)
	s, err := schedule.New(clonePlan(plan), schedule.Options{})
	if err != nil {
		b.Fatal(err)
	}
	task := s.Plan().Tasks[9_990]
	moved := 0
	k := int64(0)
	for b.Loop() {
		k++
		task.Duration.Minutes = (1 + k%5) * 480
		m, err := s.SetTask(task)
		if err != nil {
			b.Fatal(err)
		}
		moved = len(m)
	}
	b.ReportMetric(float64(moved), "moved")
}
