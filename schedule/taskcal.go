package schedule

import (
	"time"

	"github.com/cairnpm/cairn/calendar"
	"github.com/cairnpm/cairn/domain"
)

// Tasks with a calendar of their own (a night shift, a weekend cut-over)
// are placed in that calendar's working time, while the network keeps
// working in ordinals of the project calendar: a task's instants are
// turned into project ordinals only to pass its dates on to its links.

// ownCalendar is where a task with its own calendar was placed.
type ownCalendar struct {
	cal *calendar.Calendar // the task's calendar; nil: the project calendar
	// asg lists the work of a task whose people work on calendars other
	// than the project's: each assignment runs on its resource's calendar.
	asg                []assignedWork
	esT, efT, lsT, lfT time.Time
}

// ownOf returns node k's own-calendar placement, or nil.
func (n *network) ownOf(k int) *ownCalendar {
	if n.own == nil || (n.own[k].cal == nil && n.own[k].asg == nil) {
		return nil
	}
	return &n.own[k]
}

// taskCalendars compiles the calendar of every task that has one, and
// the calendars of the people on tasks whose resources keep their own
// hours (see resourceCalendars).
//
// A task with people or equipment assigned is scheduled on its resources'
// calendars, as in MS Project; when it also has a calendar of its own, the
// intersection of both is not modelled yet and the resources' calendars
// are used (see docs/compatibility.md).
func (n *network) taskCalendars() error {
	cals := calendarCache{plan: n.p, compiled: map[int64]*calendar.Calendar{}}
	staffed, err := n.resourceCalendars(&cals)
	if err != nil {
		return err
	}
	for i := range n.p.Tasks {
		id := n.p.Tasks[i].CalendarID
		k := n.leafOf[i]
		if id == 0 || id == n.p.Project.CalendarID || k < 0 || staffed[n.p.Tasks[i].ID] {
			continue
		}
		c, err := cals.get(id)
		if err != nil {
			return err
		}
		n.ownFor(k).cal = c
	}
	return nil
}

// ownFor returns node k's placement record, allocating the table on first
// use.
func (n *network) ownFor(k int) *ownCalendar {
	if n.own == nil {
		n.own = make([]ownCalendar, len(n.nodes))
	}
	return &n.own[k]
}

// calendarCache compiles each of a plan's calendars once.
type calendarCache struct {
	plan     *domain.Plan
	compiled map[int64]*calendar.Calendar
}

// get returns calendar id compiled; nil if the plan has no such calendar
// (Plan.Check has already refused references to unknown calendars).
func (cc *calendarCache) get(id int64) (*calendar.Calendar, error) {
	if c, ok := cc.compiled[id]; ok {
		return c, nil
	}
	var c *calendar.Calendar
	for _, dc := range cc.plan.Calendars {
		if dc.ID == id {
			var err error
			if c, err = calendar.New(dc, cc.plan.Calendars...); err != nil {
				return nil, domain.WithField(err, "calendars")
			}
			break
		}
	}
	cc.compiled[id] = c
	return c, nil
}

// placeForward places leaf task i to start at or after ordinal es: in the
// project calendar an integer sum, in a task calendar from the instant es
// is reached to the task calendar's next working time.
func (n *network) placeForward(i int, es int64) (int64, int64) {
	nd := n.ownOf(n.leafOf[i])
	if nd == nil {
		return es, n.finishFor(i, es)
	}
	c := nd.cal
	t := &n.p.Tasks[i]
	from := n.cal.FinishOf(es) // the first instant es working minutes have passed
	if es == n.start {
		// Nothing before it: it starts with the project, not at the end of
		// the working day before.
		from = n.cal.StartOf(es)
	}
	if (t.Constraint == domain.SNET || t.Constraint == domain.MSO) && t.ConstraintDate.After(from) {
		from = t.ConstraintDate
	}
	if nd.asg != nil {
		nd.esT, nd.efT = placeAssignmentsForward(nd.asg, from)
		return n.cal.Ordinal(nd.esT), n.cal.Ordinal(nd.efT)
	}
	start := c.NextWorking(from)
	finish := start
	switch {
	case t.Duration.Elapsed:
		finish = start.Add(time.Duration(n.dur[i]) * time.Minute)
	case n.dur[i] > 0:
		finish = c.Add(start, n.dur[i])
	}
	nd.esT, nd.efT = start, finish
	return n.cal.Ordinal(start), n.cal.Ordinal(finish)
}

// placeBackward places leaf task i to finish at or before ordinal lf.
func (n *network) placeBackward(i int, lf int64) (int64, int64) {
	nd := n.ownOf(n.leafOf[i])
	if nd == nil {
		return n.startFor(i, lf), lf
	}
	if nd.asg != nil {
		nd.lsT, nd.lfT = placeAssignmentsBackward(nd.asg, n.cal.StartOf(lf))
		return n.cal.Ordinal(nd.lsT), n.cal.Ordinal(nd.lfT)
	}
	c := nd.cal
	t := &n.p.Tasks[i]
	finish := c.PrevWorkingEnd(n.cal.StartOf(lf)) // the last instant before lf is due
	start := finish
	switch {
	case t.Duration.Elapsed:
		start = finish.Add(-time.Duration(n.dur[i]) * time.Minute)
	case n.dur[i] > 0:
		start = c.Add(finish, -n.dur[i])
	}
	nd.lsT, nd.lfT = start, finish
	return n.cal.Ordinal(start), n.cal.Ordinal(finish)
}

// taskFloat is a leaf's total float: in the project calendar, or, for a
// task with its own calendar, in that calendar's working time, as MS
// Project measures it.
func (n *network) taskFloat(k int) int64 {
	own := n.ownOf(k)
	if own == nil || own.cal == nil || own.efT.IsZero() || own.lfT.IsZero() {
		return n.nodes[k].lf - n.nodes[k].ef
	}
	return own.cal.WorkBetween(own.efT, own.lfT)
}

// ownCalendarDates replaces a calendar task's dates, which ordinals of the
// project calendar can only approximate, with the instants it was placed at.
func (n *network) ownCalendarDates(k int, r *Task, alap bool) {
	nd := n.ownOf(k)
	if nd == nil {
		return
	}
	if !nd.esT.IsZero() {
		r.EarlyStart, r.EarlyFinish = nd.esT, nd.efT
		r.Start, r.Finish = nd.esT, nd.efT
	}
	if !nd.lsT.IsZero() {
		r.LateStart, r.LateFinish = nd.lsT, nd.lfT
		if alap {
			r.Start, r.Finish = nd.lsT, nd.lfT
		}
	}
}
