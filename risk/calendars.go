package risk

import (
	"math"
	"time"

	"github.com/cairnpm/cairn/calendar"
	"github.com/cairnpm/cairn/domain"
)

// Tasks on calendars of their own — a task calendar, or people who keep
// other hours — are placed as package schedule places them: from the
// instant the links allow, in the task's (or each assignment's) working
// time, with the result read back as ordinals of the project calendar.
// These are the only calendar conversions a run makes.

// ownPlace is where a task with a calendar of its own is placed.
type ownPlace struct {
	cal *calendar.Calendar // the task's calendar, or nil
	asg []assignedWork
}

// ownCalendars returns, per task index, the placement of each leaf that
// does not simply run on the project calendar (nil for the others). It
// follows schedule's taskCalendars and resourceCalendars: a task with
// people or equipment on it runs on their calendars, intersected with its
// own calendar if it has one; a task with a calendar and no one on it
// runs on its calendar.
func ownCalendars(p *domain.Plan, ix *domain.Index, summary []bool, project *calendar.Calendar) ([]*ownPlace, error) {
	out := make([]*ownPlace, len(p.Tasks))
	cache := map[int64]*calendar.Calendar{}
	get := func(id int64) (*calendar.Calendar, error) {
		if c, ok := cache[id]; ok {
			return c, nil
		}
		var c *calendar.Calendar
		for _, dc := range p.Calendars {
			if dc.ID == id {
				var err error
				if c, err = calendar.New(dc, p.Calendars...); err != nil {
					return nil, domain.WithField(err, "calendars")
				}
				break
			}
		}
		cache[id] = c
		return c, nil
	}
	staffed, err := resourcePlaces(p, ix, summary, project, get, out)
	if err != nil {
		return nil, err
	}
	for i := range p.Tasks {
		t := &p.Tasks[i]
		if t.CalendarID == 0 || t.CalendarID == p.Project.CalendarID || summary[i] || staffed[t.ID] {
			continue
		}
		c, err := get(t.CalendarID)
		if err != nil {
			return nil, err
		}
		if c != nil {
			out[i] = &ownPlace{cal: c}
		}
	}
	return out, nil
}

// resourcePlaces fills out for the leaves whose assignments run on
// calendars other than the project's, and returns the IDs of all tasks
// with work resources on them.
func resourcePlaces(p *domain.Plan, ix *domain.Index, summary []bool, projectCal *calendar.Calendar,
	get func(int64) (*calendar.Calendar, error), out []*ownPlace) (map[int64]bool, error) {
	staffed := map[int64]bool{}
	if len(p.Assignments) == 0 {
		return staffed, nil
	}
	project, err := get(p.Project.CalendarID)
	if err != nil {
		return nil, err
	}
	if project == nil {
		project = projectCal
	}
	resCal := make(map[int64]*calendar.Calendar, len(p.Resources))
	for _, r := range p.Resources {
		if r.Kind != domain.Work {
			continue
		}
		c := project
		if r.CalendarID != 0 {
			if c, err = get(r.CalendarID); err != nil {
				return nil, err
			}
			if c == nil {
				c = project
			}
		}
		resCal[r.ID] = c
	}
	byTask := map[int64][]domain.Assignment{}
	var order []int64 // task IDs in the order first assigned, for a stable build
	for _, a := range p.Assignments {
		if _, ok := resCal[a.Resource]; ok {
			if !staffed[a.Task] {
				order = append(order, a.Task)
			}
			staffed[a.Task] = true
			byTask[a.Task] = append(byTask[a.Task], a)
		}
	}
	units := assignedUnits(p, ix)
	both := map[[2]int64]*calendar.Calendar{}
	for _, id := range order {
		as := byTask[id]
		i, ok := ix.Find(id)
		if !ok || summary[i] {
			continue
		}
		t := &p.Tasks[i]
		if t.Kind == domain.KindMilestone || t.Duration.Elapsed || (t.Mode == domain.Manual && !t.Start.IsZero() && !t.Finish.IsZero()) {
			continue
		}
		var taskCal *calendar.Calendar
		if t.CalendarID != 0 && t.CalendarID != p.Project.CalendarID {
			if taskCal, err = get(t.CalendarID); err != nil {
				return nil, err
			}
		}
		if taskCal == nil && !onOwnHours(as, resCal, project) {
			continue
		}
		dur := plannedDuration(t, units[i], projectCal)
		work := make([]assignedWork, 0, len(as))
		for _, a := range as {
			m := dur
			if regular := a.Work - a.OvertimeWork; regular > 0 && a.Units > 0 {
				m = int64(math.Round(float64(regular) / a.Units))
			}
			c := resCal[a.Resource]
			if taskCal != nil {
				key := [2]int64{t.CalendarID, a.Resource}
				if both[key] == nil {
					if both[key], err = calendar.Intersect(taskCal, c); err != nil {
						both[key] = taskCal // no time in common: the task's calendar wins
					}
				}
				c = both[key]
			}
			work = append(work, assignedWork{cal: c, minutes: m})
		}
		out[i] = &ownPlace{cal: taskCal, asg: work}
	}
	return staffed, nil
}

func onOwnHours(as []domain.Assignment, resCal map[int64]*calendar.Calendar, project *calendar.Calendar) bool {
	for _, a := range as {
		if !resCal[a.Resource].Equal(project) {
			return true
		}
	}
	return false
}

// placeOwn places a slow leaf with its own calendar to start at or after
// ordinal es, given its duration d this run (base is its planned one).
func (n *network) placeOwn(sl *slowLeaf, es, d, base int64) (int64, int64) {
	from := n.cal.FinishOf(es)
	if es == n.start {
		from = n.cal.StartOf(es) // nothing before it: it starts with the project
	}
	t := sl.task
	if (t.Constraint == domain.SNET || t.Constraint == domain.MSO) && t.ConstraintDate.After(from) {
		from = t.ConstraintDate
	}
	if sl.asg != nil {
		var start, finish time.Time
		for k, a := range sl.asg {
			m := scaleMinutes(a.minutes, d, base)
			s := a.cal.NextWorking(from)
			f := s
			if m > 0 {
				f = a.cal.Add(s, m)
			}
			if k == 0 || s.Before(start) {
				start = s
			}
			if k == 0 || f.After(finish) {
				finish = f
			}
		}
		return n.cal.Ordinal(start), n.cal.Ordinal(finish)
	}
	c := sl.own
	start := c.NextWorking(from)
	finish := start
	switch {
	case sl.elapsed:
		finish = start.Add(time.Duration(d) * time.Minute)
	case d > 0:
		finish = c.Add(start, d)
	}
	return n.cal.Ordinal(start), n.cal.Ordinal(finish)
}

// scaleMinutes stretches an assignment's planned minutes m by the ratio
// of this run's duration d to the planned one: the work scales with the
// task.
func scaleMinutes(m, d, base int64) int64 {
	switch {
	case d == base:
		return m
	case m == base || base <= 0:
		return d
	}
	return int64(math.Round(float64(m) * float64(d) / float64(base)))
}
