package load

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/cairnpm/cairn/calendar"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/schedule"
)

// Granularity is the length of a period in the time-phased load.
type Granularity int

// Period lengths.
const (
	Day Granularity = iota
	Week
)

// Report is the load of every work resource.
type Report struct {
	Resources       []Resource
	OverAllocations []OverAllocation
}

// Resource is one resource's time-phased load.
type Resource struct {
	ID       int64
	Name     string
	MaxUnits float64
	Periods  []Period
}

// Period is one day or week of a resource's load. Minutes are working
// minutes: Capacity is what the resource can give (max units × working
// time), Demand what its assignments ask for.
type Period struct {
	Start, End time.Time
	Capacity   int64
	Demand     int64
	Tasks      []TaskDemand
}

// Over reports whether demand exceeds capacity in the period.
func (p Period) Over() bool { return p.Demand > p.Capacity }

// TaskDemand is one task's share of a period's demand.
type TaskDemand struct {
	Task    int64
	Minutes int64
}

// OverAllocation is a span of time in which a resource is assigned more
// units than it has: Peak is the highest total units in the span (1.5 =
// 150%), against MaxUnits.
type OverAllocation struct {
	Resource   int64
	Name       string
	Start, End time.Time
	Peak       float64
	MaxUnits   float64
	Tasks      []int64 // the tasks assigned during the span
}

// use is one assignment placed in time.
type use struct {
	task          int64
	start, finish time.Time
	units         float64
	work          int64 // explicit work, 0: units × duration
	span          int64 // the task's working minutes
	contour       domain.Contour
}

// segment is a stretch of an assignment at constant units.
type segment struct {
	start, finish time.Time
	units         float64
}

// segments splits an assignment into stretches of constant units: one
// for a flat assignment, ten for a contoured one, each tenth of its
// working time at the contour's share of its peak units. Explicit work
// sets the peak so that the segments add up to it.
func (u use) segments(cal *calendar.Calendar) []segment {
	peak := u.units
	mean := 1.0
	if u.contour != "" && u.contour != domain.Flat {
		mean = u.contour.Mean()
	}
	if u.work > 0 && u.span > 0 {
		peak = float64(u.work) / (float64(u.span) * mean)
	}
	if mean == 1 {
		return []segment{{u.start, u.finish, peak}}
	}
	out := make([]segment, 0, 10)
	from := u.start
	for k, share := range u.contour.Pattern() {
		to := u.finish
		if k < 9 {
			to = cal.Add(u.start, u.span*int64(k+1)/10)
		}
		if to.After(from) {
			out = append(out, segment{from, to, peak * share})
		}
		from = to
	}
	return out
}

// Compute measures the load of plan p under schedule r, in periods of
// the given granularity from the schedule's start to its finish.
func Compute(p *domain.Plan, r *schedule.Result, g Granularity) *Report {
	cal := r.Calendar()
	byTask := make(map[int64]schedule.Task, len(r.Tasks))
	for _, t := range r.Tasks {
		byTask[t.ID] = t
	}
	uses := map[int64][]use{}
	for _, a := range p.Assignments {
		t, ok := byTask[a.Task]
		if !ok || t.Summary || !t.Finish.After(t.Start) {
			continue
		}
		uses[a.Resource] = append(uses[a.Resource], use{task: a.Task, start: t.Start, finish: t.Finish,
			units: a.Units, work: a.Work, span: cal.WorkBetween(t.Start, t.Finish), contour: a.Contour})
	}
	periods := periodBounds(r.Start, r.Finish, g)
	rep := &Report{}
	for _, res := range p.Resources {
		if res.Kind != domain.Work {
			continue
		}
		rl := Resource{ID: res.ID, Name: res.Name, MaxUnits: res.MaxUnits}
		for k := 0; k+1 < len(periods); k++ {
			rl.Periods = append(rl.Periods, period(cal, res, uses[res.ID], periods[k], periods[k+1]))
		}
		rep.Resources = append(rep.Resources, rl)
		rep.OverAllocations = append(rep.OverAllocations, overAllocations(cal, res, uses[res.ID])...)
	}
	return rep
}

// period measures one resource over [from, to).
func period(cal *calendar.Calendar, res domain.Resource, us []use, from, to time.Time) Period {
	pd := Period{Start: from, End: to, Capacity: capacity(cal, res, from, to)}
	for _, u := range us {
		m := 0.0
		for _, sg := range u.segments(cal) {
			lo, hi := later(sg.start, from), earlier(sg.finish, to)
			if hi.After(lo) {
				m += sg.units * float64(cal.WorkBetween(lo, hi))
			}
		}
		if m := int64(math.Round(m)); m > 0 {
			pd.Demand += m
			pd.Tasks = append(pd.Tasks, TaskDemand{Task: u.task, Minutes: m})
		}
	}
	return pd
}

// capacity is the resource's working minutes over [from, to), at the
// units it is available at in each part of it.
func capacity(cal *calendar.Calendar, res domain.Resource, from, to time.Time) int64 {
	cuts := []time.Time{from}
	for _, a := range res.Availability {
		for _, t := range []time.Time{a.From, a.To} {
			if t.After(from) && t.Before(to) {
				cuts = append(cuts, t)
			}
		}
	}
	cuts = append(cuts, to)
	slices.SortFunc(cuts, time.Time.Compare)
	c := 0.0
	for k := 0; k+1 < len(cuts); k++ {
		c += res.UnitsAt(cuts[k]) * float64(cal.WorkBetween(cuts[k], cuts[k+1]))
	}
	return int64(math.Round(c))
}

// overAllocations sweeps a resource's assignments in time and returns the
// spans, within working time, where their units add up to more than the
// resource's maximum.
func overAllocations(cal *calendar.Calendar, res domain.Resource, us []use) []OverAllocation {
	type event struct {
		at    time.Time
		units float64
		task  int64
		start bool
		limit bool // the resource's availability changes
	}
	var evs []event
	for _, u := range us {
		for _, sg := range u.segments(cal) {
			evs = append(evs, event{at: sg.start, units: sg.units, task: u.task, start: true}, event{at: sg.finish, units: -sg.units, task: u.task})
		}
	}
	for _, a := range res.Availability { // the limit changes here: look again
		evs = append(evs, event{at: a.From, limit: true})
		if !a.To.IsZero() {
			evs = append(evs, event{at: a.To, limit: true})
		}
	}
	slices.SortStableFunc(evs, func(a, b event) int {
		// at the same instant, finishes come first: back-to-back is not overlap
		return cmp.Or(a.at.Compare(b.at), cmp.Compare(boolInt(a.start), boolInt(b.start)))
	})
	const eps = 1e-9
	var out []OverAllocation
	var cur *OverAllocation
	level := 0.0
	active := map[int64]int{}
	for i, e := range evs {
		level += e.units
		switch {
		case e.limit:
		case e.start:
			active[e.task]++
		default:
			if active[e.task]--; active[e.task] == 0 {
				delete(active, e.task)
			}
		}
		if i+1 < len(evs) && evs[i+1].at.Equal(e.at) {
			continue // settle every change at this instant first
		}
		limit := res.UnitsAt(e.at)
		over := level > limit+eps
		switch {
		case over && cur == nil:
			cur = &OverAllocation{Resource: res.ID, Name: res.Name, Start: cal.NextWorking(e.at), MaxUnits: limit}
			fallthrough
		case over:
			cur.Peak = max(cur.Peak, level)
			for t := range active {
				if !slices.Contains(cur.Tasks, t) {
					cur.Tasks = append(cur.Tasks, t)
				}
			}
		case !over && cur != nil:
			cur.End = e.at
			if cal.WorkBetween(cur.Start, cur.End) > 0 {
				slices.Sort(cur.Tasks)
				out = appendMerged(cal, out, *cur)
			}
			cur = nil
		}
	}
	return out
}

// appendMerged appends o, or joins it to the last span when no working
// time separates them (Monday 17:00 to Tuesday 08:00 is one span).
func appendMerged(cal *calendar.Calendar, out []OverAllocation, o OverAllocation) []OverAllocation {
	if n := len(out); n > 0 && cal.WorkBetween(out[n-1].End, o.Start) == 0 {
		last := &out[n-1]
		last.End, last.Peak = o.End, max(last.Peak, o.Peak)
		for _, t := range o.Tasks {
			if !slices.Contains(last.Tasks, t) {
				last.Tasks = append(last.Tasks, t)
			}
		}
		slices.Sort(last.Tasks)
		return out
	}
	return append(out, o)
}

// periodBounds cuts [from, to] into days or ISO weeks (Monday first).
func periodBounds(from, to time.Time, g Granularity) []time.Time {
	day := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, time.UTC)
	step := 1
	if g == Week {
		day = day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
		step = 7
	}
	out := []time.Time{day} // at least one period, even for an empty plan
	for t := day.AddDate(0, 0, step); !t.After(to); t = t.AddDate(0, 0, step) {
		out = append(out, t)
	}
	return append(out, out[len(out)-1].AddDate(0, 0, step))
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
