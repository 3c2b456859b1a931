package schedule

import (
	"math"
	"time"

	"github.com/cairnpm/cairn/calendar"
	"github.com/cairnpm/cairn/domain"
)

// A person on a night shift, or a contractor working three days a week,
// works a task on their own calendar: MS Project schedules each assignment
// in its resource's working time, and the task runs from the earliest
// assignment start to the latest assignment finish.

// assignedWork is one assignment of a task placed on a resource calendar.
type assignedWork struct {
	cal     *calendar.Calendar
	minutes int64 // working minutes the assignment spans on cal
}

// resourceCalendars records, for every leaf task that has people or
// equipment on it, the assignments to place when at least one of its
// resources works on a calendar other than the project's. It returns the
// IDs of all tasks with work resources assigned.
func (n *network) resourceCalendars(cals *calendarCache) (map[int64]bool, error) {
	staffed := map[int64]bool{}
	if len(n.p.Assignments) == 0 {
		return staffed, nil
	}
	project, err := cals.get(n.p.Project.CalendarID)
	if err != nil {
		return nil, err
	}
	if project == nil {
		project = n.cal
	}
	resCal := make(map[int64]*calendar.Calendar, len(n.p.Resources))
	for _, r := range n.p.Resources {
		if r.Kind != domain.Work {
			continue
		}
		c := project
		if r.CalendarID != 0 {
			if c, err = cals.get(r.CalendarID); err != nil {
				return nil, err
			}
			if c == nil {
				c = project
			}
		}
		resCal[r.ID] = c
	}
	byTask := map[int64][]domain.Assignment{}
	for _, a := range n.p.Assignments {
		if _, ok := resCal[a.Resource]; ok {
			staffed[a.Task] = true
			byTask[a.Task] = append(byTask[a.Task], a)
		}
	}
	both := map[[2]int64]*calendar.Calendar{} // (task calendar, resource) → intersection
	for id, as := range byTask {
		i, ok := n.ix.Find(id)
		if !ok || n.leafOf[i] < 0 {
			continue
		}
		t := &n.p.Tasks[i]
		if t.Kind == domain.KindMilestone || t.Duration.Elapsed || (t.Mode == domain.Manual && !t.Start.IsZero() && !t.Finish.IsZero()) {
			continue
		}
		var taskCal *calendar.Calendar
		if t.CalendarID != 0 && t.CalendarID != n.p.Project.CalendarID {
			if taskCal, err = cals.get(t.CalendarID); err != nil {
				return nil, err
			}
		}
		if taskCal == nil && !n.onOwnHours(as, resCal, project) {
			continue
		}
		work := make([]assignedWork, 0, len(as))
		for _, a := range as {
			m := n.dur[i]
			if regular := a.Work - a.OvertimeWork; regular > 0 && a.Units > 0 {
				m = int64(math.Round(float64(regular) / a.Units)) // overtime does not lengthen it
			}
			c := resCal[a.Resource]
			if taskCal != nil {
				key := [2]int64{t.CalendarID, a.Resource}
				if both[key] == nil {
					// No time in common (a weekend cut-over staffed by
					// people on office hours): the task's calendar wins, as
					// when MS Project is told to ignore resource calendars.
					if both[key], err = calendar.Intersect(taskCal, c); err != nil {
						both[key] = taskCal
					}
				}
				c = both[key]
			}
			work = append(work, assignedWork{cal: c, minutes: m})
		}
		own := n.ownFor(n.leafOf[i])
		own.asg = work
		own.cal = taskCal // its float is measured in its own calendar, if it has one
	}
	return staffed, nil
}

// onOwnHours reports whether any of the assignments' resources works on a
// calendar different from the project's.
func (n *network) onOwnHours(as []domain.Assignment, resCal map[int64]*calendar.Calendar, project *calendar.Calendar) bool {
	for _, a := range as {
		if !resCal[a.Resource].Equal(project) {
			return true
		}
	}
	return false
}

// placeAssignmentsForward starts every assignment at its resource's first
// working instant at or after from, and returns the earliest start and
// the latest finish.
func placeAssignmentsForward(asg []assignedWork, from time.Time) (start, finish time.Time) {
	for k, a := range asg {
		s := a.cal.NextWorking(from)
		f := s
		if a.minutes > 0 {
			f = a.cal.Add(s, a.minutes)
		}
		if k == 0 || s.Before(start) {
			start = s
		}
		if k == 0 || f.After(finish) {
			finish = f
		}
	}
	return start, finish
}

// placeAssignmentsBackward finishes every assignment at its resource's
// last working instant at or before due, and returns the earliest start
// and the latest finish.
func placeAssignmentsBackward(asg []assignedWork, due time.Time) (start, finish time.Time) {
	for k, a := range asg {
		f := a.cal.PrevWorkingEnd(due)
		s := f
		if a.minutes > 0 {
			s = a.cal.Add(f, -a.minutes)
		}
		if k == 0 || s.Before(start) {
			start = s
		}
		if k == 0 || f.After(finish) {
			finish = f
		}
	}
	return start, finish
}
