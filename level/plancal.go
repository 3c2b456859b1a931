package level

import (
	"math"
	"time"

	"github.com/cairnpm/cairn/calendar"
	"github.com/cairnpm/cairn/domain"
)

// Levelling moves tasks, so it must place a task the way the schedule
// engine would place it when it may start at a given time: on the project
// calendar by adding its duration, on a calendar of its own from that
// calendar's next working time, and — for a task whose people work on
// calendars of their own — each assignment in its resource's working time,
// the task running from the earliest assignment start to the latest
// finish. This file follows schedule's rules (taskcal.go, rescal.go);
// TestLevelledScheduleAgrees checks that the two agree.

// asgWork is one assignment placed on its resource's calendar.
type asgWork struct {
	cal     *calendar.Calendar
	minutes int64
}

// planCalendars compiles a plan's calendars once and knows who is on which.
type planCalendars struct {
	plan     *domain.Plan
	project  *calendar.Calendar
	compiled map[int64]*calendar.Calendar
	resCal   map[int64]*calendar.Calendar    // work resource → its calendar
	byTask   map[int64][]domain.Assignment   // work assignments per task
	units    map[int64]float64               // per task: units of work resources
	both     map[[2]int64]*calendar.Calendar // (task calendar, resource) → intersection
}

func newPlanCalendars(p *domain.Plan, project *calendar.Calendar) (*planCalendars, error) {
	pc := &planCalendars{
		plan: p, project: project, compiled: map[int64]*calendar.Calendar{},
		resCal: map[int64]*calendar.Calendar{}, byTask: map[int64][]domain.Assignment{},
		units: map[int64]float64{}, both: map[[2]int64]*calendar.Calendar{},
	}
	if c, err := pc.get(p.Project.CalendarID); err != nil {
		return nil, err
	} else if c != nil {
		pc.project = c
	}
	for _, r := range p.Resources {
		if r.Kind != domain.Work {
			continue
		}
		c := pc.project
		if r.CalendarID != 0 {
			rc, err := pc.get(r.CalendarID)
			if err != nil {
				return nil, err
			}
			if rc != nil {
				c = rc
			}
		}
		pc.resCal[r.ID] = c
	}
	for _, a := range p.Assignments {
		if _, ok := pc.resCal[a.Resource]; ok {
			pc.byTask[a.Task] = append(pc.byTask[a.Task], a)
			pc.units[a.Task] += a.Units
		}
	}
	return pc, nil
}

// get returns calendar id compiled, or nil when the plan has none such.
func (pc *planCalendars) get(id int64) (*calendar.Calendar, error) {
	if c, ok := pc.compiled[id]; ok {
		return c, nil
	}
	var c *calendar.Calendar
	for _, dc := range pc.plan.Calendars {
		if dc.ID == id {
			var err error
			if c, err = calendar.New(dc, pc.plan.Calendars...); err != nil {
				return nil, domain.WithField(err, "calendars")
			}
			break
		}
	}
	pc.compiled[id] = c
	return c, nil
}

// calendars sets leaf k's nominal duration and the calendars it is placed on.
func (n *planNet) calendars(k int32, pc *planCalendars) error {
	t := &n.plan.Tasks[n.task[k]]
	as := pc.byTask[t.ID]
	var own *calendar.Calendar
	if id := t.CalendarID; id != 0 && id != n.plan.Project.CalendarID {
		c, err := pc.get(id)
		if err != nil {
			return err
		}
		own = c
	}
	if len(as) == 0 {
		n.own[k] = own // people on a task put it on their calendars instead
	}
	switch {
	case t.Kind == domain.KindMilestone:
		return nil
	case t.Duration.Elapsed:
		n.dur[k], n.elapsed[k] = t.Duration.Minutes, t.Duration.Minutes > 0
		return nil
	case t.Mode == domain.Manual && !t.Start.IsZero() && !t.Finish.IsZero():
		n.dur[k] = n.cal.WorkBetween(t.Start, t.Finish)
		return nil
	}
	n.dur[k] = t.Duration.Minutes
	if u := pc.units[t.ID]; n.dur[k] == 0 && t.Work > 0 && u > 0 {
		n.dur[k] = int64(math.Round(float64(t.Work) / u))
	}
	if len(as) == 0 {
		return nil
	}
	if own == nil && !pc.onOwnHours(as) {
		return nil
	}
	work := make([]asgWork, 0, len(as))
	for _, a := range as {
		m := n.dur[k]
		if regular := a.Work - a.OvertimeWork; regular > 0 && a.Units > 0 {
			m = int64(math.Round(float64(regular) / a.Units))
		}
		c := pc.resCal[a.Resource]
		if own != nil {
			key := [2]int64{t.CalendarID, a.Resource}
			if pc.both[key] == nil {
				var err error
				if pc.both[key], err = calendar.Intersect(own, c); err != nil {
					pc.both[key] = own // no common time: the task's calendar wins
				}
			}
			c = pc.both[key]
		}
		work = append(work, asgWork{cal: c, minutes: m})
	}
	n.asg[k] = work
	return nil
}

// onOwnHours reports whether anyone on the assignments works on a
// calendar other than the project's.
func (pc *planCalendars) onOwnHours(as []domain.Assignment) bool {
	for _, a := range as {
		if !pc.resCal[a.Resource].Equal(pc.project) {
			return true
		}
	}
	return false
}

// place returns where leaf k starts and finishes (ordinals) when it may
// start at s.
func (n *planNet) place(k int32, s int64) (int64, int64) {
	if n.own[k] == nil && n.asg[k] == nil {
		if n.elapsed[k] {
			return s, n.cal.Ordinal(n.cal.StartOf(s).Add(time.Duration(n.dur[k]) * time.Minute))
		}
		return s, s + n.dur[k]
	}
	start, finish := n.placeAt(k, s)
	return n.cal.Ordinal(start), n.cal.Ordinal(finish)
}

// placeAt places leaf k, which has a calendar of its own or people on
// theirs, from the instant it may start at s: the start and finish as
// times.
func (n *planNet) placeAt(k int32, s int64) (time.Time, time.Time) {
	t := &n.plan.Tasks[n.task[k]]
	from := n.cal.FinishOf(s)
	if s == n.start {
		from = n.cal.StartOf(s) // it starts with the project, not the evening before
	}
	if (t.Constraint == domain.SNET || t.Constraint == domain.MSO) && t.ConstraintDate.After(from) {
		from = t.ConstraintDate
	}
	if as := n.asg[k]; as != nil {
		var start, finish time.Time
		for i, a := range as {
			s := a.cal.NextWorking(from)
			f := s
			if a.minutes > 0 {
				f = a.cal.Add(s, a.minutes)
			}
			if i == 0 || s.Before(start) {
				start = s
			}
			if i == 0 || f.After(finish) {
				finish = f
			}
		}
		return start, finish
	}
	c := n.own[k]
	start := c.NextWorking(from)
	finish := start
	switch {
	case t.Duration.Elapsed:
		finish = start.Add(time.Duration(n.dur[k]) * time.Minute)
	case n.dur[k] > 0:
		finish = c.Add(start, n.dur[k])
	}
	return start, finish
}

// startTime is the instant leaf k starts when it may start at s: what a
// start-no-earlier-than constraint must say to hold it there.
func (n *planNet) startTime(k int32, s int64) time.Time {
	if n.own[k] == nil && n.asg[k] == nil {
		return n.cal.StartOf(s)
	}
	start, _ := n.placeAt(k, s)
	return start
}
