package cost

import (
	"time"

	"github.com/cairnpm/cairn/calendar"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/schedule"
)

// Options tune a computation.
type Options struct {
	// StatusDate, when set, is the moment progress was reported: the
	// actual-cost curves end there, however the schedule placed the work
	// done. Zero: the work done lies where the schedule put it.
	StatusDate time.Time
}

// Result is the cost of every task and assignment of a plan as scheduled.
type Result struct {
	// Tasks are in the schedule's WBS order.
	Tasks []Task
	// Assignments are index for index with the plan's.
	Assignments []Assignment
	// Project is the whole project: every task's cost, rolled up.
	Project Task
}

// Task is the cost of one task, in minor units of the project currency.
// A summary's values add up its subtasks' and its own fixed cost.
type Task struct {
	ID, UID int64
	Parent  int // index in Result.Tasks; -1 at the top
	Summary bool
	// Cost is the planned cost: resources at their rates, cost per use,
	// cost resources and fixed cost (MS Project's Cost).
	Cost      int64
	FixedCost int64
	// ActualCost is the cost of the work done, as MS Project computes it
	// from percent complete: that share of the work at its rates, cost
	// per use once started, and costs accrued at the start once started
	// or at the end once finished.
	ActualCost int64
	// Remaining is Cost − ActualCost: the bottom-up estimate to complete.
	Remaining int64
	// Planned is Cost over time, over the task's scheduled dates; Actual
	// is ActualCost over time, over the part of the task done.
	Planned, Actual *Curve
	// Own and OwnActual are the task's own planned and actual cost,
	// without its subtasks': its assignments and fixed cost. For a task
	// without subtasks they are Planned and Actual.
	Own, OwnActual *Curve
	// Start and Finish are the scheduled dates, on Calendar: the task's
	// own calendar, or the project's.
	Start, Finish time.Time
	Calendar      *calendar.Calendar
}

// Assignment is the cost of one resource on one task.
type Assignment struct {
	ID, Task, Resource int64
	Cost, ActualCost   int64
}

// Compute costs plan p as scheduled in s (computed from p). It fails when
// a task or resource calendar cannot be compiled.
func Compute(p *domain.Plan, s *schedule.Result, opt Options) (*Result, error) {
	e, err := newEngine(p, s, opt)
	if err != nil {
		return nil, err
	}
	return e.run(), nil
}

// engine holds what costing a plan needs about it.
type engine struct {
	p      *domain.Plan
	s      *schedule.Result
	opt    Options
	sched  map[int64]*schedule.Task // task ID → its schedule
	plan   map[int64]*domain.Task   // task ID → plan task
	res    map[int64]*domain.Resource
	rates  map[int64][]domain.RateChange // resource ID → changes by date
	byTask map[int64][]int               // task ID → indices in p.Assignments
	cals   map[int64]*calendar.Calendar  // calendar ID → compiled (0: project)
}

func newEngine(p *domain.Plan, s *schedule.Result, opt Options) (*engine, error) {
	e := &engine{
		p: p, s: s, opt: opt,
		sched:  make(map[int64]*schedule.Task, len(s.Tasks)),
		plan:   make(map[int64]*domain.Task, len(p.Tasks)),
		res:    make(map[int64]*domain.Resource, len(p.Resources)),
		rates:  map[int64][]domain.RateChange{},
		byTask: map[int64][]int{},
		cals:   map[int64]*calendar.Calendar{0: s.Calendar()},
	}
	for i := range s.Tasks {
		e.sched[s.Tasks[i].ID] = &s.Tasks[i]
	}
	for i := range p.Tasks {
		e.plan[p.Tasks[i].ID] = &p.Tasks[i]
	}
	for i := range p.Resources {
		e.res[p.Resources[i].ID] = &p.Resources[i]
	}
	for _, c := range p.RateChanges {
		e.rates[c.Resource] = append(e.rates[c.Resource], c)
	}
	for _, cs := range e.rates {
		sortChanges(cs)
	}
	for i, a := range p.Assignments {
		e.byTask[a.Task] = append(e.byTask[a.Task], i)
	}
	for _, t := range p.Tasks {
		if _, err := e.calendar(t.CalendarID); err != nil {
			return nil, err
		}
	}
	return e, nil
}

// calendar compiles calendar id of the plan once; 0 is the project's.
func (e *engine) calendar(id int64) (*calendar.Calendar, error) {
	if c, ok := e.cals[id]; ok {
		return c, nil
	}
	for _, c := range e.p.Calendars {
		if c.ID == id {
			cal, err := calendar.New(c, e.p.Calendars...)
			if err != nil {
				return nil, domain.WithField(err, "calendar")
			}
			e.cals[id] = cal
			return cal, nil
		}
	}
	e.cals[id] = e.cals[0] // unknown: Plan.Validate reports it
	return e.cals[0], nil
}

// run costs every task, children before parents, and rolls up.
func (e *engine) run() *Result {
	r := &Result{Tasks: make([]Task, len(e.s.Tasks)), Assignments: make([]Assignment, len(e.p.Assignments))}
	index := make(map[int64]int, len(e.s.Tasks))
	for i := range e.s.Tasks {
		index[e.s.Tasks[i].ID] = i
	}
	kids := make([][]int, len(e.s.Tasks))
	for i, st := range e.s.Tasks {
		t := e.plan[st.ID]
		r.Tasks[i] = Task{ID: st.ID, UID: st.UID, Parent: -1, Summary: st.Summary}
		if pi, ok := index[t.Parent]; ok && t.Parent != 0 {
			r.Tasks[i].Parent = pi
			kids[pi] = append(kids[pi], i)
		}
	}
	// WBS order lists parents before children: walk it backwards.
	for i := len(r.Tasks) - 1; i >= 0; i-- {
		e.task(r, i, kids[i])
	}
	var top []*Curve
	var topActual []*Curve
	for i := range r.Tasks {
		t := &r.Tasks[i]
		if t.Parent >= 0 {
			continue
		}
		r.Project.Cost += t.Cost
		r.Project.FixedCost += t.FixedCost
		r.Project.ActualCost += t.ActualCost
		top, topActual = append(top, t.Planned), append(topActual, t.Actual)
	}
	r.Project.Parent, r.Project.Summary = -1, true
	r.Project.Start, r.Project.Finish, r.Project.Calendar = e.s.Start, e.s.Finish, e.cals[0]
	r.Project.Remaining = r.Project.Cost - r.Project.ActualCost
	r.Project.Planned, r.Project.Actual = Sum(top...), Sum(topActual...)
	return r
}

// task costs task i: its own assignments and fixed cost, plus its
// children's costs, which are already known.
func (e *engine) task(r *Result, i int, kids []int) {
	t := &r.Tasks[i]
	st := e.sched[t.ID]
	pt := e.plan[t.ID]
	cal, _ := e.calendar(pt.CalendarID)
	sp := newSpan(cal, st.Start, st.Finish)
	t.Start, t.Finish, t.Calendar = st.Start, st.Finish, cal
	own := &Curve{}
	for _, k := range e.byTask[t.ID] {
		a := &e.p.Assignments[k]
		c := e.assignment(a, pt, st, sp)
		r.Assignments[k] = Assignment{ID: a.ID, Task: a.Task, Resource: a.Resource, Cost: c.Total()}
		act := e.actual(c, sp, st.PercentComplete)
		r.Assignments[k].ActualCost = act.Total()
		own.add(c)
	}
	t.FixedCost = pt.FixedCost
	accrue(own, sp, pt.FixedCostAccrual, []int64{pt.FixedCost}, nil)
	actual := e.actual(own, sp, st.PercentComplete)
	planned := []*Curve{own}
	actuals := []*Curve{actual}
	for _, k := range kids {
		planned = append(planned, r.Tasks[k].Planned)
		actuals = append(actuals, r.Tasks[k].Actual)
	}
	t.Own, t.OwnActual = own, actual
	t.Planned, t.Actual = own, actual
	if len(kids) > 0 {
		t.Planned, t.Actual = Sum(planned...), Sum(actuals...)
	}
	t.Cost, t.ActualCost = t.Planned.Total(), t.Actual.Total()
	t.Remaining = t.Cost - t.ActualCost
}

// Baseline snapshots the plan as baseline number n: each task's
// scheduled dates, duration and work (see schedule.Result.Baseline) and
// its planned cost from r, computed from the same schedule s.
func (r *Result) Baseline(p *domain.Plan, s *schedule.Result, n int) []domain.Baseline {
	out := s.Baseline(p, n)
	for i := range out {
		out[i].Cost = r.Tasks[i].Cost
	}
	return out
}
