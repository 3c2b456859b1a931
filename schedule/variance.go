package schedule

import (
	"github.com/cairnpm/cairn/calendar"
	"time"

	"github.com/cairnpm/cairn/domain"
)

// Variance compares one task's schedule with a baseline. Variances are
// working minutes of the project calendar: positive is later (or longer)
// than the baseline.
type Variance struct {
	Task           int64
	BaselineStart  time.Time
	BaselineFinish time.Time
	Start          int64
	Finish         int64
	Duration       int64
}

// Variances compares r with baseline number n, for every task that has
// that baseline, in r's task order.
func (r *Result) Variances(baselines []domain.Baseline, n int) []Variance {
	byTask := make(map[int64]domain.Baseline)
	for _, b := range baselines {
		if b.Number == n {
			byTask[b.Task] = b
		}
	}
	var out []Variance
	for _, t := range r.Tasks {
		b, ok := byTask[t.ID]
		if !ok {
			continue
		}
		out = append(out, Variance{
			Task: t.ID, BaselineStart: b.Start, BaselineFinish: b.Finish,
			Start:    r.cal.WorkBetween(b.Start, t.Start),
			Finish:   r.cal.WorkBetween(b.Finish, t.Finish),
			Duration: t.Duration - b.Duration,
		})
	}
	return out
}

// Baseline snapshots r as baseline number n: each task's dates and
// duration, with work from the plan.
func (r *Result) Baseline(p *domain.Plan, n int) []domain.Baseline {
	work := make(map[int64]int64, len(p.Tasks))
	for _, t := range p.Tasks {
		work[t.ID] = t.Work
	}
	out := make([]domain.Baseline, len(r.Tasks))
	for i, t := range r.Tasks {
		out[i] = domain.Baseline{Number: n, Task: t.ID, Start: t.Start, Finish: t.Finish, Duration: t.Duration, Work: work[t.ID]}
	}
	return out
}

// Calendar returns the project calendar the schedule was computed on, for
// measuring working time between its dates.
func (r *Result) Calendar() *calendar.Calendar { return r.cal }
