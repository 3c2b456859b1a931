package level_test

import (
	"context"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/level"
	"github.com/cairnpm/cairn/load"
	"github.com/cairnpm/cairn/schedule"
)

// planBuilder makes small plans on the Standard calendar (8h days, Monday
// to Friday), starting on Monday 4 January 2027.
type planBuilder struct{ p *domain.Plan }

func newPlanBuilder() *planBuilder {
	return &planBuilder{p: &domain.Plan{Project: domain.Project{Key: "LV", Name: "Levelling", Start: day(4)}}}
}

// day is 08:00 on day d of January 2027.
func day(d int) time.Time { return time.Date(2027, 1, d, 8, 0, 0, 0, time.UTC) }

const workDay = 480

func (b *planBuilder) task(id int64, name string, days float64, opts ...func(*domain.Task)) *planBuilder {
	t := domain.Task{ID: id, UID: id, Name: name, Priority: 500, Position: id,
		Duration: domain.Duration{Minutes: int64(days * workDay)}}
	for _, o := range opts {
		o(&t)
	}
	b.p.Tasks = append(b.p.Tasks, t)
	return b
}

func (b *planBuilder) person(id int64, name string, maxUnits float64) *planBuilder {
	b.p.Resources = append(b.p.Resources, domain.Resource{ID: id, UID: id, Name: name, Kind: domain.Work, MaxUnits: maxUnits})
	return b
}

// available gives resource res units from day from of January until day
// to (0: for good).
func (b *planBuilder) available(res int64, from, to int, units float64) *planBuilder {
	a := domain.Availability{From: day(from).Add(-8 * time.Hour), Units: units}
	if to > 0 {
		a.To = day(to).Add(-8 * time.Hour)
	}
	for i := range b.p.Resources {
		if b.p.Resources[i].ID == res {
			b.p.Resources[i].Availability = append(b.p.Resources[i].Availability, a)
		}
	}
	return b
}

func (b *planBuilder) assign(task, res int64, units float64) *planBuilder {
	b.p.Assignments = append(b.p.Assignments, domain.Assignment{ID: int64(len(b.p.Assignments) + 1), Task: task, Resource: res, Units: units})
	return b
}

func (b *planBuilder) link(pred, succ int64, typ domain.DependencyType, lagDays float64) *planBuilder {
	b.p.Dependencies = append(b.p.Dependencies, domain.Dependency{ID: int64(len(b.p.Dependencies) + 1),
		Predecessor: pred, Successor: succ, Type: typ, Lag: domain.Lag{Minutes: int64(lagDays * workDay)}})
	return b
}

func priority(p int) func(*domain.Task)  { return func(t *domain.Task) { t.Priority = p } }
func parent(id int64) func(*domain.Task) { return func(t *domain.Task) { t.Parent = id } }
func mustStart(d int) func(*domain.Task) {
	return func(t *domain.Task) { t.Constraint, t.ConstraintDate = domain.MSO, day(d) }
}

// twoOnAnn is two 2-day tasks for Ann, who has one pair of hands.
func twoOnAnn() *planBuilder {
	return newPlanBuilder().person(1, "Ann", 1).
		task(1, "A", 2).task(2, "B", 2).assign(1, 1, 1).assign(2, 1, 1)
}

func TestLevelPlan(t *testing.T) {
	type want struct {
		starts     map[int64]int   // task → day of January it starts
		causes     map[int64]int64 // task → resource that delayed it
		with       map[int64][]int64
		unresolved []level.Conflict
		over       int // over-allocations load still finds
	}
	tests := []struct {
		name string
		plan *planBuilder
		opt  level.PlanOptions
		want want
	}{{
		name: "one person, two tasks: sequenced",
		plan: twoOnAnn(),
		want: want{starts: map[int64]int{1: 4, 2: 6}, causes: map[int64]int64{2: 1}, with: map[int64][]int64{2: {1}}},
	}, {
		name: "half-time on each: they overlap",
		plan: newPlanBuilder().person(1, "Ann", 1).task(1, "A", 2).task(2, "B", 2).assign(1, 1, 0.5).assign(2, 1, 0.5),
		want: want{starts: map[int64]int{1: 4, 2: 4}},
	}, {
		name: "a part-timer at 50% takes them one after the other",
		plan: newPlanBuilder().person(1, "Ann", 0.5).task(1, "A", 2).task(2, "B", 2).assign(1, 1, 0.5).assign(2, 1, 0.5),
		want: want{starts: map[int64]int{1: 4, 2: 6}},
	}, {
		name: "the higher priority goes first",
		plan: twoOnAnn().task(3, "C", 1).assign(3, 1, 1).with(2, priority(800)).with(3, priority(100)),
		want: want{starts: map[int64]int{2: 4, 1: 6, 3: 8}, causes: map[int64]int64{1: 1, 3: 1}},
	}, {
		name: "priority 1000 is never levelled",
		plan: twoOnAnn().with(1, priority(200)).with(2, priority(level.NeverLevel)),
		want: want{starts: map[int64]int{2: 4, 1: 6}},
	}, {
		name: "a skipped task stays; the other moves",
		plan: twoOnAnn(),
		opt:  level.PlanOptions{Skip: []int64{2}},
		want: want{starts: map[int64]int{2: 4, 1: 6}, causes: map[int64]int64{1: 1}, with: map[int64][]int64{1: {2}}},
	}, {
		name: "two skipped tasks: the conflict stays and is reported",
		plan: twoOnAnn(),
		opt:  level.PlanOptions{Skip: []int64{1, 2}},
		want: want{starts: map[int64]int{1: 4, 2: 4}, over: 1,
			unresolved: []level.Conflict{{Task: 1, Resource: 1, With: []int64{2}, Reason: level.ReasonNotLevelled}}},
	}, {
		name: "must start on: stays, the other goes around it",
		plan: twoOnAnn().with(2, mustStart(5)),
		want: want{starts: map[int64]int{2: 5, 1: 7}},
	}, {
		name: "within slack: one day of slack resolves a one-day clash",
		plan: newPlanBuilder().person(1, "Ann", 1).person(2, "Bob", 1).
			task(1, "A", 1).task(2, "B", 1).task(3, "C", 2).assign(1, 1, 1).assign(2, 1, 1).assign(3, 2, 1),
		opt:  level.PlanOptions{WithinSlack: true},
		want: want{starts: map[int64]int{1: 4, 2: 5, 3: 4}},
	}, {
		name: "within slack: no slack, the conflict stays",
		plan: twoOnAnn(),
		opt:  level.PlanOptions{WithinSlack: true},
		want: want{starts: map[int64]int{1: 4, 2: 4}, over: 1,
			unresolved: []level.Conflict{{Task: 2, Resource: 1, With: []int64{1}, Reason: level.ReasonWithinSlack}}},
	}, {
		name: "more units than the resource has: it runs alone, flagged",
		plan: newPlanBuilder().person(1, "Ann", 0.5).task(1, "A", 1).task(2, "B", 1).assign(1, 1, 1).assign(2, 1, 0.5),
		want: want{starts: map[int64]int{1: 4, 2: 5}, over: 1,
			unresolved: []level.Conflict{{Task: 1, Resource: 1, Reason: level.ReasonOverMaxUnits}}},
	}, {
		name: "started work stays",
		plan: twoOnAnn().with(2, func(t *domain.Task) { t.ActualStart, t.PercentComplete = day(4), 50 }),
		want: want{starts: map[int64]int{2: 4, 1: 6}},
	}, {
		name: "SS and FF links with lags hold after levelling",
		plan: newPlanBuilder().person(1, "Ann", 1).person(2, "Bob", 1).
			task(1, "A", 3).task(2, "X", 2).task(3, "B", 2).task(4, "C", 1).
			assign(1, 1, 1).assign(2, 1, 1).assign(3, 2, 1).assign(4, 2, 1).
			with(2, priority(900)).link(1, 3, domain.SS, 1).link(1, 4, domain.FF, 1),
		want: want{starts: map[int64]int{2: 4, 1: 6, 3: 7, 4: 11}},
	}, {
		name: "a link into a summary holds every task under it",
		plan: newPlanBuilder().person(1, "Ann", 1).
			task(1, "A", 2).task(2, "Phase", 0).task(3, "B", 1, parent(2)).task(4, "C", 1, parent(2)).task(5, "D", 2).
			assign(1, 1, 1).assign(5, 1, 1).with(5, priority(900)).link(1, 2, domain.FS, 0),
		want: want{starts: map[int64]int{5: 4, 1: 6, 3: 8, 4: 8}},
	}, {
		name: "away in the first week: the task waits for Ann",
		plan: twoOnAnn().available(1, 4, 11, 0),
		want: want{starts: map[int64]int{1: 11, 2: 13}, causes: map[int64]int64{1: 1, 2: 1}},
	}, {
		name: "a second pair of hands from the 6th: the tasks overlap from then",
		plan: twoOnAnn().task(3, "C", 2).assign(3, 1, 1).available(1, 6, 0, 2),
		want: want{starts: map[int64]int{1: 4, 2: 6, 3: 6}},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := tc.plan.p
			l, err := level.LevelPlan(context.Background(), p, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			got := map[int64]level.TaskMove{}
			for _, m := range l.Tasks {
				got[m.ID] = m
			}
			for id, d := range tc.want.starts {
				if m := got[id]; !m.Start.Equal(day(d)) {
					t.Errorf("task %d starts %s, want %s", id, m.Start.Format(domain.DateTimeLayout), day(d).Format(domain.DateTimeLayout))
				}
			}
			for id, res := range tc.want.causes {
				if c := got[id].Cause; c == nil || c.Resource != res {
					t.Errorf("task %d: cause %+v, want resource %d", id, c, res)
				}
			}
			for id, with := range tc.want.with {
				if c := got[id].Cause; c == nil || !slices.Equal(c.With, with) {
					t.Errorf("task %d: cause %+v, want conflict with %v", id, c, with)
				}
			}
			if !reflect.DeepEqual(l.Unresolved, tc.want.unresolved) {
				t.Errorf("unresolved %+v, want %+v", l.Unresolved, tc.want.unresolved)
			}
			if over := load.Compute(l.Plan, l.Result, load.Day).OverAllocations; len(over) != tc.want.over {
				t.Errorf("load finds %d over-allocations after levelling, want %d: %+v", len(over), tc.want.over, over)
			}
			checkLinks(t, l.Plan, l.Result)
			checkNotEarlier(t, l)
		})
	}
}

// with changes task id of the plan being built.
func (b *planBuilder) with(id int64, o func(*domain.Task)) *planBuilder {
	for i := range b.p.Tasks {
		if b.p.Tasks[i].ID == id {
			o(&b.p.Tasks[i])
		}
	}
	return b
}

// checkLinks checks every link of p between tasks, with its working-time
// lag, against the schedule r, independently of both engines.
func checkLinks(t *testing.T, p *domain.Plan, r *schedule.Result) {
	t.Helper()
	cal := r.Calendar()
	at := map[int64]schedule.Task{}
	for _, rt := range r.Tasks {
		at[rt.ID] = rt
	}
	for _, d := range p.Dependencies {
		if d.Lag.IsPercent || d.Lag.Elapsed {
			continue
		}
		a, b := at[d.Predecessor], at[d.Successor]
		from, to := a.Finish, b.Start
		switch d.Type {
		case domain.SS:
			from = a.Start
		case domain.FF:
			to = b.Finish
		case domain.SF:
			from, to = a.Start, b.Finish
		}
		if gap := cal.WorkBetween(from, to); gap < d.Lag.Minutes {
			t.Errorf("link %s %s→%s lag %d: only %d minutes apart", d.Type, a.Name, b.Name, d.Lag.Minutes, gap)
		}
	}
}

// checkNotEarlier checks that levelling moved no task earlier.
func checkNotEarlier(t *testing.T, l *level.Levelled) {
	t.Helper()
	for i, m := range l.Tasks {
		if m.Delay < 0 {
			t.Errorf("task %d moved %d minutes earlier", m.ID, -m.Delay)
		}
		if l.Result.Tasks[i].ID != m.ID {
			t.Fatalf("Tasks[%d] is task %d, Result.Tasks[%d] task %d", i, m.ID, i, l.Result.Tasks[i].ID)
		}
	}
}

func TestLevelPlanLeavesTheCallersPlan(t *testing.T) {
	p := twoOnAnn().p
	if err := p.Validate(); err != nil { // normalises, as LevelPlan may
		t.Fatal(err)
	}
	before := slices.Clone(p.Tasks)
	l, err := level.LevelPlan(context.Background(), p, level.PlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(p.Tasks, before) {
		t.Error("LevelPlan changed the caller's tasks")
	}
	if c := l.Plan.Tasks[1]; c.Constraint != domain.SNET || !c.ConstraintDate.Equal(day(6)) {
		t.Errorf("levelled plan holds B by %s %s, want SNET %s", c.Constraint, c.ConstraintDate, day(6))
	}
}

func TestLevelPlanDeterministic(t *testing.T) {
	run := func(seed uint64) []level.TaskMove {
		p := readPlan(t, "../demo/office-network.yaml")
		l, err := level.LevelPlan(context.Background(), p, level.PlanOptions{Seed: seed, Schedules: 300})
		if err != nil {
			t.Fatal(err)
		}
		return l.Tasks
	}
	a, b := run(7), run(7)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same seed gave two different levelled schedules")
	}
}

func TestLevelPlanErrors(t *testing.T) {
	if _, err := level.LevelPlan(context.Background(), nil, level.PlanOptions{}); domain.ErrorKind(err) != domain.KindInvalid {
		t.Errorf("nil plan: %v", err)
	}
	cyc := twoOnAnn().link(1, 2, domain.FS, 0).link(2, 1, domain.FS, 0).p
	if _, err := level.LevelPlan(context.Background(), cyc, level.PlanOptions{}); domain.ErrorKind(err) != domain.KindInvalid {
		t.Errorf("cycle: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	big := readPlan(t, "../demo/office-network.yaml")
	if _, err := level.LevelPlan(ctx, big, level.PlanOptions{Schedules: 1000}); err != context.Canceled {
		t.Errorf("cancelled: %v", err)
	}
}

func TestLevelPlanNothingToDo(t *testing.T) {
	for name, p := range map[string]*domain.Plan{
		"no tasks":     newPlanBuilder().p,
		"no resources": newPlanBuilder().task(1, "A", 2).task(2, "B", 1).link(1, 2, domain.FS, 0).p,
		"no conflict":  twoOnAnn().link(1, 2, domain.FS, 0).p,
	} {
		l, err := level.LevelPlan(context.Background(), p, level.PlanOptions{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, m := range l.Tasks {
			if m.Delay != 0 || m.Cause != nil {
				t.Errorf("%s: task %d moved %d minutes (%+v)", name, m.ID, m.Delay, m.Cause)
			}
		}
		if !l.Result.Finish.Equal(l.Unlevelled.Finish) || len(l.Unresolved) != 0 || l.Schedules > 4 {
			t.Errorf("%s: finish %s → %s, unresolved %v, %d schedules", name, l.Unlevelled.Finish, l.Result.Finish, l.Unresolved, l.Schedules)
		}
	}
}
