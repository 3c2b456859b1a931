package risk

import (
	"fmt"
	"math"
	"strings"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/schedule"
)

// Distribution is the shape of a task's duration between its optimistic
// and pessimistic values.
type Distribution uint8

// The distributions a duration may follow.
const (
	// Triangular rises linearly from Optimistic to MostLikely and falls to
	// Pessimistic. Mean (a+m+b)/3.
	Triangular Distribution = iota
	// PERT is the beta distribution of PERT with shape parameters
	// 1+4(m−a)/(b−a) and 1+4(b−m)/(b−a). Mean (a+4m+b)/6; thinner tails
	// than Triangular.
	PERT
	// Uniform is equally likely anywhere between Optimistic and
	// Pessimistic; MostLikely is not used.
	Uniform
	// Lognormal is fitted to two percentiles, P10 and P90: a long right
	// tail, for durations that can overrun without bound.
	Lognormal
)

var distNames = [...]string{Triangular: "triangular", PERT: "pert", Uniform: "uniform", Lognormal: "lognormal"}

// String returns the distribution's name as ParseDistribution reads it.
func (d Distribution) String() string {
	if int(d) < len(distNames) {
		return distNames[d]
	}
	return fmt.Sprintf("Distribution(%d)", uint8(d))
}

// ParseDistribution reads a distribution name in any case; "" is
// Triangular.
func ParseDistribution(s string) (Distribution, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "triangular", "triangle":
		return Triangular, nil
	case "pert", "beta", "pert-beta":
		return PERT, nil
	case "uniform":
		return Uniform, nil
	case "lognormal":
		return Lognormal, nil
	}
	return 0, domain.Invalid("invalid_distribution", "dist", "%q is not a distribution (use triangular, pert, uniform or lognormal)", s)
}

// Estimate is the uncertain duration of one task. Values are minutes of
// the same kind as the task's duration: working minutes of the task's
// calendar, or elapsed minutes when its duration is elapsed ("28ed").
type Estimate struct {
	Dist                                Distribution
	Optimistic, MostLikely, Pessimistic int64
	// P10 and P90 place a Lognormal: one run in ten is shorter than P10,
	// one in ten longer than P90.
	P10, P90 int64
}

// Validate checks the estimate on its own.
func (e Estimate) Validate() error {
	switch e.Dist {
	case Lognormal:
		if e.P10 <= 0 || e.P90 <= e.P10 {
			return domain.Invalid("invalid_estimate", "estimate", "a lognormal estimate needs 0 < P10 < P90")
		}
	case Triangular, PERT, Uniform:
		if e.Optimistic < 0 || e.Optimistic > e.Pessimistic {
			return domain.Invalid("invalid_estimate", "estimate", "the optimistic duration must be at least 0 and at most the pessimistic one")
		}
		if e.Dist != Uniform && (e.MostLikely < e.Optimistic || e.MostLikely > e.Pessimistic) {
			return domain.Invalid("invalid_estimate", "estimate", "the most likely duration must lie between the optimistic and the pessimistic one")
		}
	default:
		return domain.Invalid("invalid_distribution", "dist", "unknown distribution %d", e.Dist)
	}
	if max(e.Pessimistic, e.P90) > maxDuration {
		return domain.Invalid("invalid_estimate", "estimate", "a duration of more than %d minutes is out of range", int64(maxDuration))
	}
	return nil
}

// Mean returns the estimate's expected duration in minutes.
func (e Estimate) Mean() float64 {
	a, m, b := float64(e.Optimistic), float64(e.MostLikely), float64(e.Pessimistic)
	switch e.Dist {
	case PERT:
		return (a + 4*m + b) / 6
	case Uniform:
		return (a + b) / 2
	case Lognormal:
		mu, sigma := lognormalParams(e.P10, e.P90)
		return math.Exp(mu + sigma*sigma/2)
	}
	return (a + m + b) / 3
}

// Event is a risk that may or may not happen in a run: with Probability it
// occurs, and then adds a delay drawn uniformly from [DelayMin, DelayMax]
// working minutes to the duration of each of its Tasks (the same draw for
// all of them) and a cost drawn uniformly from [CostMin, CostMax] minor
// units of the project currency, once.
type Event struct {
	ID, Name           string
	Probability        float64 // 0–1
	Tasks              []int64 // task IDs (not summaries)
	DelayMin, DelayMax int64   // minutes, as the tasks' durations are measured
	CostMin, CostMax   int64   // minor units
}

// Group makes the durations of its tasks move together: a Gaussian copula
// with one shared factor, in which every pair of the group's tasks has
// Correlation between their underlying normal variables (see the package
// doc).
type Group struct {
	Name        string
	Tasks       []int64 // task IDs
	Correlation float64 // 0–1
}

// Model is a simulation's input: a plan, what is uncertain about it, and
// how to run.
type Model struct {
	Plan *domain.Plan
	// Options are the schedule's options; the status date moves work not
	// yet done after it, as schedule.Compute does.
	Options schedule.Options
	// Estimates, by task ID. A task without one keeps its planned duration
	// in every run.
	Estimates map[int64]Estimate
	Events    []Event
	Groups    []Group
	// Iterations is the number of runs (default 10,000).
	Iterations int
	// Seed fixes the random numbers: the same model and seed give the
	// same result, whatever Workers is.
	Seed uint64
	// Workers is the number of goroutines; 0 means runtime.GOMAXPROCS.
	Workers int
	// Progress, when set, is called after each batch of runs with the
	// number done so far and the total. Calls come from the workers, one
	// at a time, with done increasing.
	Progress func(done, total int)
	// Track lists the tasks whose finish is recorded in every run, for
	// their own distribution (Result.Milestones). nil: every milestone
	// and every task with a deadline.
	Track []int64
}

// DefaultIterations is the number of runs when Model.Iterations is 0.
const DefaultIterations = 10_000

// maxDuration bounds a sampled duration, in minutes (about 1,900 years),
// so that dates stay far from integer overflow.
const maxDuration = 1 << 30

// validate checks the model against its plan, given the plan's index.
func (m *Model) validate(ix *domain.Index, summary []bool) error {
	if m.Iterations < 0 {
		return domain.Invalid("invalid_iterations", "iterations", "iterations must be positive")
	}
	leaf := func(field string, id int64) error {
		i, ok := ix.Find(id)
		if !ok {
			return domain.Invalid("unknown_task", field, "task %d is not in the plan", id)
		}
		if summary[i] {
			return domain.Invalid("summary_task", field, "%q is a summary task; give estimates and risks to the tasks under it", m.Plan.Tasks[i].Name)
		}
		return nil
	}
	for id, e := range m.Estimates {
		f := fmt.Sprintf("estimates[%d]", id)
		if err := leaf(f, id); err != nil {
			return err
		}
		if err := e.Validate(); err != nil {
			return domain.WithField(err, f)
		}
	}
	for gi, g := range m.Groups {
		f := fmt.Sprintf("groups[%d]", gi)
		if !(g.Correlation >= 0 && g.Correlation <= 1) {
			return domain.Invalid("invalid_correlation", f+".correlation", "correlation must be between 0 and 1")
		}
		for _, id := range g.Tasks {
			if err := leaf(f, id); err != nil {
				return err
			}
		}
	}
	for ei, ev := range m.Events {
		f := fmt.Sprintf("events[%d]", ei)
		if !(ev.Probability >= 0 && ev.Probability <= 1) {
			return domain.Invalid("invalid_probability", f+".probability", "probability must be between 0 and 1")
		}
		if ev.DelayMin < 0 || ev.DelayMax < ev.DelayMin || ev.DelayMax > maxDuration {
			return domain.Invalid("invalid_delay", f+".delay", "delay must be a range from at least 0")
		}
		if ev.CostMax < ev.CostMin || ev.CostMin < -(1<<50) || ev.CostMax > 1<<50 {
			return domain.Invalid("invalid_cost", f+".cost", "cost must be a range, lowest first")
		}
		for _, id := range ev.Tasks {
			if err := leaf(f+".tasks", id); err != nil {
				return err
			}
		}
	}
	for _, id := range m.Track {
		if _, ok := ix.Find(id); !ok {
			return domain.Invalid("unknown_task", "track", "task %d is not in the plan", id)
		}
	}
	return nil
}
