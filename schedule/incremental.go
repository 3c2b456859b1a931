package schedule

import (
	"slices"

	"github.com/cairnpm/cairn/domain"
)

// Schedule is a plan's schedule kept ready for the next edit. The server
// recomputes on every write; most writes change one task's values — its
// duration, progress or a constraint — not the shape of the network. For
// those, SetTask reruns the forward and backward passes over the network
// already built and renders dates only for the tasks that moved, which
// takes a fraction of a full Compute (see BenchmarkSetTask).
//
// A Schedule is not safe for concurrent use.
type Schedule struct {
	n       *network
	opt     Options
	order   []int    // task indices in WBS order
	outline []string // by task index
	vals    []values // by task index, as last rendered
	row     []int    // task index → position in res.Tasks
	pos     []int    // node → position in the topological order
	res     *Result
}

// New computes p's schedule, as Compute does, and keeps the network for
// later edits. The Schedule owns p from then on: change it only through
// SetTask.
func New(p *domain.Plan, opt Options) (*Schedule, error) {
	n, err := build(p, opt)
	if err != nil {
		return nil, err
	}
	s := &Schedule{n: n, opt: opt}
	s.order = wbsOrder(p.Tasks, n.ix.Parent)
	s.outline = outlineNumbers(s.order, n.ix.Parent)
	s.vals = n.values(s.order)
	s.res = &Result{Tasks: make([]Task, 0, len(s.order)), cal: n.cal}
	n.span(s.res)
	s.pos = make([]int, len(n.nodes))
	for at, k := range n.topo {
		s.pos[k] = at
	}
	s.row = make([]int, len(p.Tasks))
	for r, i := range s.order {
		s.row[i] = r
		s.res.Tasks = append(s.res.Tasks, n.render(i, &s.vals[i], s.outline[i], opt))
	}
	return s, nil
}

// Result returns the current schedule. SetTask updates it in place.
func (s *Schedule) Result() *Result { return s.res }

// Plan returns the plan the schedule was computed from, with every edit
// made through SetTask. Treat it as read-only.
func (s *Schedule) Plan() *domain.Plan { return s.n.p }

// SetTask replaces the task whose ID is t.ID with t and reschedules,
// returning the IDs of the tasks whose schedule changed. Edits of a task's
// values — duration, work, constraint, deadline, mode and manual dates,
// progress, priority, name, notes — rerun the passes on the kept network.
// A change of parent, position, kind or calendar, or of a task whose
// people work on calendars of their own, rebuilds the network as New does.
// On error the schedule is unchanged.
func (s *Schedule) SetTask(t domain.Task) ([]int64, error) {
	n := s.n
	i, ok := n.ix.Find(t.ID)
	if !ok {
		return nil, domain.NotFound("task_not_found", "task %d is not in this plan", t.ID)
	}
	t.Normalize()
	if err := t.Validate(); err != nil {
		return nil, err
	}
	old := n.p.Tasks[i]
	if s.structural(i, &old, &t) {
		return s.rebuild(i, t)
	}
	n.p.Tasks[i] = t
	if k := n.leafOf[i]; k >= 0 {
		n.setLeaf(i)
		n.forwardFrom(s.pos[k])
	} else {
		n.forward()
	}
	n.backward()
	vals := n.values(s.order)
	var moved []int64
	for j := range vals {
		if vals[j] == s.vals[j] && j != i {
			continue
		}
		s.res.Tasks[s.row[j]] = n.render(j, &vals[j], s.outline[j], s.opt)
		moved = append(moved, n.p.Tasks[j].ID)
	}
	s.vals = vals
	n.span(s.res)
	return moved, nil
}

// structural reports whether replacing old with t at index i changes what
// the network was built from, not just the values the passes read.
func (s *Schedule) structural(i int, old, t *domain.Task) bool {
	n := s.n
	if t.Parent != old.Parent || t.Position != old.Position || t.Kind != old.Kind ||
		t.CalendarID != old.CalendarID || t.UID != old.UID {
		return true
	}
	k := n.leafOf[i]
	return k >= 0 && n.own != nil && n.own[k].asg != nil // its assignments' lengths follow its duration
}

// rebuild replaces task i with t and computes the schedule afresh; every
// task counts as moved.
func (s *Schedule) rebuild(i int, t domain.Task) ([]int64, error) {
	p := *s.n.p
	p.Tasks = slices.Clone(p.Tasks)
	p.Tasks[i] = t
	fresh, err := New(&p, s.opt)
	if err != nil {
		return nil, err
	}
	*s = *fresh
	moved := make([]int64, len(p.Tasks))
	for j := range p.Tasks {
		moved[j] = p.Tasks[j].ID
	}
	return moved, nil
}
