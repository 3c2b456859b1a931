package app

import (
	"context"
	"fmt"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/risk"
	"github.com/cairnpm/cairn/schedule"
	"github.com/cairnpm/cairn/store"
)

// MaxIterations bounds the runs of one simulation a user may ask the
// server for: 50,000 runs give percentiles to within a fraction of a
// day, and bound the work one request can cause.
const MaxIterations = 50_000

// SimulateOptions say how to run a project's simulation.
type SimulateOptions struct {
	Iterations int       // 0: risk.DefaultIterations
	Seed       uint64    // the same seed gives the same result
	StatusDate time.Time // zero: the project's
}

// Simulation is the result of a project's Monte Carlo simulation, with
// the plan it ran on. When Costs is false the reader may not see money:
// leave the cost distribution out.
type Simulation struct {
	Plan   *domain.Plan
	Result *risk.Result
	Costs  bool
}

// Simulate runs the project's schedule many times (package risk) with
// its tasks' three-point estimates, its correlation groups, and the
// quantified impacts of its open risks as events. The model is read in
// one transaction and simulated after it, so no transaction stays open
// while it runs; ctx cancels it. At most a few simulations run at once
// on a server; the others wait their turn (or for ctx).
func (a *App) Simulate(ctx context.Context, key string, opt SimulateOptions) (Simulation, error) {
	if opt.Iterations == 0 {
		opt.Iterations = risk.DefaultIterations
	}
	if opt.Iterations < 1 || opt.Iterations > MaxIterations {
		return Simulation{}, domain.Invalid("invalid_iterations", "iterations", "iterations must be from 1 to %d", MaxIterations)
	}
	var sim Simulation
	var m risk.Model
	err := a.store.View(ctx, func(tx store.Tx) error {
		p, rights, err := a.riskAccess(ctx, tx, key, ActionView, false)
		if err != nil {
			return err
		}
		sim.Costs = rights.costs
		if sim.Plan, err = loadPlan(ctx, tx, p); err != nil {
			return err
		}
		m, err = simulationModel(ctx, tx, sim.Plan)
		return err
	})
	if err != nil {
		return sim, err
	}
	m.Iterations, m.Seed = opt.Iterations, opt.Seed
	m.Options = schedule.Options{StatusDate: opt.StatusDate}
	select {
	case a.simulations <- struct{}{}:
		defer func() { <-a.simulations }()
	case <-ctx.Done():
		return sim, ctx.Err()
	}
	sim.Result, err = risk.Simulate(ctx, m)
	return sim, err
}

// simulationModel reads what is uncertain about plan: estimates, groups,
// and the task impacts of open risks. It checks what may have changed
// since they were written (a task that became a summary or a milestone,
// or changed its kind of time), naming the task and what refers to it.
func simulationModel(ctx context.Context, tx store.Tx, plan *domain.Plan) (risk.Model, error) {
	p := plan.Project
	m := risk.Model{Plan: plan, Estimates: map[int64]risk.Estimate{}}
	tasks := make(map[int64]*domain.Task, len(plan.Tasks))
	summary := map[int64]bool{}
	for i := range plan.Tasks {
		t := &plan.Tasks[i]
		tasks[t.ID] = t
		if t.Parent != 0 {
			summary[t.Parent] = true
		}
	}
	leaf := func(id int64, what, field string) (*domain.Task, error) {
		t := tasks[id]
		switch {
		case t == nil:
			return nil, domain.Invalid("unknown_task", field, "%s names task %d, which is not in the plan", what, id)
		case summary[id]:
			return nil, domain.Invalid("summary_task", field, "%s names %s %q, which is now a summary task; use the tasks under it", what, t.Key(p.Key), t.Name)
		case t.Kind == domain.KindMilestone:
			return nil, domain.Invalid("milestone", field, "%s names %s %q, which is now a milestone; use the task before it", what, t.Key(p.Key), t.Name)
		}
		return t, nil
	}
	es, err := tx.TaskEstimates(ctx, p.ID)
	if err != nil {
		return m, err
	}
	for _, e := range es {
		t, err := leaf(e.TaskID, "an estimate", "estimates")
		if err != nil {
			return m, err
		}
		if t.Duration.Elapsed != e.Elapsed {
			return m, domain.Invalid("estimate_kind", "estimates", "the estimate of %s %q is in %s but its duration is now in %s; estimate it again",
				t.Key(p.Key), t.Name, timeKind(e.Elapsed), timeKind(t.Duration.Elapsed))
		}
		m.Estimates[t.ID] = riskEstimate(e)
	}
	gs, err := tx.CorrelationGroups(ctx, p.ID)
	if err != nil {
		return m, err
	}
	for _, g := range gs {
		for _, id := range g.Tasks {
			if _, err := leaf(id, fmt.Sprintf("correlation group %q", g.Name), "groups"); err != nil {
				return m, err
			}
		}
		m.Groups = append(m.Groups, risk.Group{Name: g.Name, Tasks: g.Tasks, Correlation: g.Correlation})
	}
	rs, err := tx.Risks(ctx, p.ID)
	if err != nil {
		return m, err
	}
	for _, r := range rs {
		q := r.TaskImpact
		if r.Status != domain.RiskOpen || q.IsZero() {
			continue
		}
		for _, id := range q.Tasks {
			t, err := leaf(id, "risk "+r.Key(), "risks")
			if err != nil {
				return m, err
			}
			if q.DelayMax > 0 && t.Duration.Elapsed != q.DelayElapsed {
				return m, domain.Invalid("delay_kind", "risks", "risk %s delays %s %q in %s, but its duration is now in %s; change the risk's delay",
					r.Key(), t.Key(p.Key), t.Name, timeKind(q.DelayElapsed), timeKind(t.Duration.Elapsed))
			}
		}
		m.Events = append(m.Events, risk.Event{ID: r.Key(), Name: r.Title, Probability: q.Probability / 100, Tasks: q.Tasks,
			DelayMin: q.DelayMin, DelayMax: q.DelayMax, CostMin: q.CostMin, CostMax: q.CostMax})
	}
	return m, nil
}

// riskEstimate converts a stored estimate for the engine.
func riskEstimate(e domain.TaskEstimate) risk.Estimate {
	dist := map[domain.EstimateDistribution]risk.Distribution{domain.DistTriangular: risk.Triangular, domain.DistPERT: risk.PERT,
		domain.DistUniform: risk.Uniform, domain.DistLognormal: risk.Lognormal}[e.Distribution]
	return risk.Estimate{Dist: dist, Optimistic: e.Optimistic, MostLikely: e.MostLikely, Pessimistic: e.Pessimistic, P10: e.P10, P90: e.P90}
}
