package level

import (
	"context"
	"slices"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/schedule"
)

// NeverLevel is the task priority at which levelling leaves a task where
// it is, as in MS Project: a task of priority 1000 is never delayed to
// resolve a conflict; the others are levelled around it.
const NeverLevel = 1000

// DefaultPlanSchedules is the budget LevelPlan uses when
// PlanOptions.Schedules is 0.
const DefaultPlanSchedules = 500

// PlanOptions tunes LevelPlan.
type PlanOptions struct {
	// Schedule is passed to the critical path computations before and
	// after levelling (status date, critical slack, …).
	Schedule schedule.Options
	// Schedules is the budget: the number of schedule generation passes,
	// forward or backward, the search may make. 0 means
	// DefaultPlanSchedules.
	Schedules int
	// Seed makes the search reproducible: the same plan, options and seed
	// give the same levelled schedule.
	Seed uint64
	// WithinSlack delays a task only within its total float, so the
	// project finish does not move; a conflict that cannot be resolved so
	// stays, and is reported in Levelled.Unresolved.
	WithinSlack bool
	// Skip names tasks (by ID) not to level, like priority 1000: they are
	// never delayed to resolve a conflict, though they still follow their
	// predecessors.
	Skip []int64
}

// Levelled is a levelled schedule.
type Levelled struct {
	// Plan is a copy of the plan in which each task that levelling delayed
	// past where its links allow holds its levelled start by a
	// start-no-earlier-than constraint (an SNLT or FNLT it had becomes its
	// deadline), so that floats and the critical path follow the levelled
	// dates. The caller's plan is left as it was.
	Plan *domain.Plan
	// Result is Plan's schedule: the levelled dates and floats.
	Result *schedule.Result
	// Unlevelled is the schedule before levelling.
	Unlevelled *schedule.Result
	// Tasks says, for every task of Result in the same order, where it
	// went and why.
	Tasks []TaskMove
	// Unresolved lists the conflicts levelling left: tasks it may not
	// move, or only within their slack, or that need more units than a
	// resource has.
	Unresolved []Conflict
	// Schedules is the number of passes the search made.
	Schedules int
}

// TaskMove is one task's levelled dates and how far it moved.
type TaskMove struct {
	ID            int64
	Start, Finish time.Time
	// Delay is how much later the task starts than before levelling, in
	// working minutes of the project calendar.
	Delay int64
	// Cause says why a task that moved did; nil when it did not move or is
	// a summary.
	Cause *Cause
}

// Cause is why a task moved: a resource conflict, a predecessor that
// moved, or both.
type Cause struct {
	// Resource is the resource the task waited for (0: none; it moved only
	// because a predecessor did).
	Resource int64
	// With lists the tasks holding Resource at the time the task could
	// otherwise have started.
	With []int64
	// Predecessor is the task whose move pushed this one along a link
	// (0: none). It may be a summary task.
	Predecessor int64
}

// ConflictReason says why levelling left a conflict.
type ConflictReason string

// Reasons for an unresolved conflict.
const (
	ReasonWithinSlack  ConflictReason = "within_slack"        // resolving it needs more than the task's slack
	ReasonNotLevelled  ConflictReason = "not_levelled"        // the task is not to be levelled (priority 1000 or skipped)
	ReasonAsLate       ConflictReason = "as_late_as_possible" // ALAP tasks are not levelled
	ReasonFixed        ConflictReason = "fixed"               // must start/finish on, started, finished or manual
	ReasonOverMaxUnits ConflictReason = "over_max_units"      // the task alone needs more units than the resource has
)

// Conflict is an over-allocation levelling left: Task uses Resource
// beyond its units while the With tasks use it too.
type Conflict struct {
	Task     int64
	Resource int64
	With     []int64
	Reason   ConflictReason
}

// LevelPlan levels the resources of plan p: it computes p's schedule with
// the critical path method, then delays tasks — never to before their
// early start — so that no work resource is asked for more than its
// maximum units at any working minute, keeping the project as short as it
// can within a budget of schedules. See docs/decisions/0009 for the model.
//
// Summary tasks are not levelled themselves; links to and from them bind
// the tasks under them as in the schedule engine. Tasks with a
// must-start-on or must-finish-on constraint, manual tasks and tasks
// already started stay where they are; tasks of priority NeverLevel, tasks
// in opt.Skip and ALAP tasks are not delayed for resources. Higher
// priorities are delayed less.
//
// p is normalised as schedule.Compute normalises it and otherwise left
// unchanged. LevelPlan fails as schedule.Compute does on an invalid plan,
// and with ctx's error when ctx ends first.
func LevelPlan(ctx context.Context, p *domain.Plan, opt PlanOptions) (*Levelled, error) {
	l, _, err := levelPlan(ctx, p, opt)
	return l, err
}

// levelPlan is LevelPlan, also returning the final pass for tests.
func levelPlan(ctx context.Context, p *domain.Plan, opt PlanOptions) (*Levelled, *planDecoder, error) {
	if p == nil {
		return nil, nil, domain.Invalid("missing_plan", "plan", "no plan given")
	}
	before, err := schedule.Compute(p, opt.Schedule)
	if err != nil {
		return nil, nil, err
	}
	net, err := compilePlan(p, before, opt)
	if err != nil {
		return nil, nil, err
	}
	budget := opt.Schedules
	if budget <= 0 {
		budget = DefaultPlanSchedules
	}
	search := newPlanSearch(net, budget, opt.Seed)
	if err := search.run(ctx); err != nil {
		return nil, nil, err
	}
	dec := search.dec
	dec.explain()
	dec.forward(search.best.list)
	out := &Levelled{Plan: levelledPlan(p, net, dec), Unlevelled: before, Schedules: search.spent}
	if out.Result, err = schedule.Compute(out.Plan, opt.Schedule); err != nil {
		return nil, nil, err
	}
	out.Tasks = moves(net, dec, before, out.Result)
	out.Unresolved = conflicts(net, dec)
	return out, dec, nil
}

// levelledPlan copies p and holds each task that waited for a resource at
// its levelled start with an SNET constraint.
func levelledPlan(p *domain.Plan, net *planNet, dec *planDecoder) *domain.Plan {
	c := *p
	c.Calendars = slices.Clone(p.Calendars)
	c.Tasks = slices.Clone(p.Tasks)
	c.Dependencies = slices.Clone(p.Dependencies)
	c.Resources = slices.Clone(p.Resources)
	c.Assignments = slices.Clone(p.Assignments)
	c.Baselines = slices.Clone(p.Baselines)
	for k := range int32(len(net.kind)) {
		if net.kind[k] != kindLeaf || net.mode[k] != modeLevel || dec.s[k] <= dec.why.linkStart[k] {
			continue
		}
		t := &c.Tasks[net.task[k]]
		deadline := time.Time{}
		switch t.Constraint {
		case domain.SNLT:
			_, f := net.place(k, net.cal.Ordinal(t.ConstraintDate))
			deadline = net.cal.FinishOf(f)
		case domain.FNLT:
			deadline = t.ConstraintDate
		}
		if !deadline.IsZero() && (t.Deadline.IsZero() || deadline.Before(t.Deadline)) {
			t.Deadline = deadline
		}
		t.Constraint, t.ConstraintDate = domain.SNET, net.startTime(k, dec.why.placedAt[k])
	}
	return &c
}

// moves reports every task's levelled dates, delay and cause.
func moves(net *planNet, dec *planDecoder, before, after *schedule.Result) []TaskMove {
	p := net.plan
	idx := make(map[int64]int32, len(p.Tasks))
	for i, t := range p.Tasks {
		idx[t.ID] = int32(i)
	}
	was := make(map[int64]time.Time, len(before.Tasks))
	for _, t := range before.Tasks {
		was[t.ID] = t.Start
	}
	taskID := func(k int32) int64 { return p.Tasks[net.task[k]].ID }
	out := make([]TaskMove, len(after.Tasks))
	for i, t := range after.Tasks {
		m := TaskMove{ID: t.ID, Start: t.Start, Finish: t.Finish, Delay: net.cal.WorkBetween(was[t.ID], t.Start)}
		k := net.leafOf[idx[t.ID]]
		if k >= 0 && m.Delay > 0 {
			why := dec.why
			c := &Cause{}
			if r := why.res[k]; r >= 0 && dec.s[k] > why.linkStart[k] {
				c.Resource = net.resID[r]
				for _, h := range why.with[k] {
					c.With = append(c.With, taskID(h))
				}
			}
			if pk := why.pred[k]; pk >= 0 && why.linkStart[k] > net.release[k] {
				c.Predecessor = taskID(pk)
			}
			if c.Resource != 0 || c.Predecessor != 0 {
				m.Cause = c
			}
		}
		out[i] = m
	}
	return out
}

// conflicts reports the conflicts the final pass left, once each: per
// task and resource, and not again from the side of a task that was
// already reported as clashing with it.
func conflicts(net *planNet, dec *planDecoder) []Conflict {
	p := net.plan
	var out []Conflict
	with := map[[2]int32][]int32{} // (task node, resource) → the nodes it was reported with
	for _, c := range dec.why.unresolved {
		key := [2]int32{c.node, c.res}
		if _, dup := with[key]; dup || c.with != nil && allReported(with, c) {
			continue
		}
		with[key] = c.with
		cf := Conflict{Task: p.Tasks[net.task[c.node]].ID, Resource: net.resID[c.res], Reason: c.reason}
		for _, h := range c.with {
			cf.With = append(cf.With, p.Tasks[net.task[h]].ID)
		}
		out = append(out, cf)
	}
	return out
}

// allReported reports whether every task c clashes with was reported as
// clashing with c's task on the same resource.
func allReported(with map[[2]int32][]int32, c conflictRec) bool {
	for _, h := range c.with {
		if !slices.Contains(with[[2]int32{h, c.res}], c.node) {
			return false
		}
	}
	return true
}
