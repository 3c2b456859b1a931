package evm

import (
	"math"
	"time"

	"github.com/cairnpm/cairn/calendar"
	"github.com/cairnpm/cairn/cost"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/schedule"
)

// measurer holds what measuring a plan needs about it.
type measurer struct {
	p        *domain.Plan
	s        *schedule.Result
	c        *cost.Result
	opt      Options
	cal      *calendar.Calendar
	mpd      int64
	baseline map[int64]*domain.Baseline
	task     map[int64]*domain.Task
}

func newMeasurer(p *domain.Plan, s *schedule.Result, c *cost.Result, opt Options) *measurer {
	m := &measurer{
		p: p, s: s, c: c, opt: opt, cal: s.Calendar(),
		mpd:      p.Project.Units.OrDefault().MinutesPerDay,
		baseline: map[int64]*domain.Baseline{},
		task:     make(map[int64]*domain.Task, len(p.Tasks)),
	}
	for i := range p.Baselines {
		if b := &p.Baselines[i]; b.Number == opt.Baseline {
			m.baseline[b.Task] = b
		}
	}
	for i := range p.Tasks {
		m.task[p.Tasks[i].ID] = &p.Tasks[i]
	}
	return m
}

// element is what is summed up the WBS for one task, summary or the
// project, before the measures derived from it.
type element struct {
	bac, remaining      int64
	pvNow, evNow, acNow int64 // at the status date
	curves
	bs, bf     time.Time // baseline span; zero when not in the baseline
	finish     time.Time // current finish
	done       bool      // 100% complete
	inBaseline bool
}

// run measures every task, children before parents, then the project.
func (m *measurer) run() *Result {
	n := len(m.c.Tasks)
	r := &Result{
		StatusDate: m.opt.StatusDate, Baseline: m.opt.Baseline, Method: m.opt.Method,
		Tasks: make([]Measures, n), cal: m.cal, mpd: m.mpd, curves: make([]curves, n+1),
	}
	kids := make([][]int, n)
	var top []int
	for i, t := range m.c.Tasks {
		if t.Parent >= 0 {
			kids[t.Parent] = append(kids[t.Parent], i)
		} else {
			top = append(top, i)
		}
	}
	els := make([]element, n)
	for i := n - 1; i >= 0; i-- {
		els[i] = m.element(i, kids[i], els)
	}
	for i := range els {
		st := &m.s.Tasks[i]
		r.Tasks[i] = m.measures(&els[i])
		r.Tasks[i].ID, r.Tasks[i].UID, r.Tasks[i].Name, r.Tasks[i].Outline = st.ID, st.UID, st.Name, st.Outline
		r.Tasks[i].Parent, r.Tasks[i].Summary = m.c.Tasks[i].Parent, st.Summary
		r.curves[i] = els[i].curves
	}
	proj := m.rollup(element{finish: m.s.Finish, done: true}, top, els)
	r.Project = m.measures(&proj)
	r.Project.Name, r.Project.Parent, r.Project.Summary = m.p.Project.Name, -1, true
	r.curves[n] = proj.curves
	r.Start, r.Finish = m.s.Start, m.s.Finish
	if !proj.bs.IsZero() {
		r.Start, r.Finish = minTime(r.Start, proj.bs), maxTime(r.Finish, proj.bf)
	}
	if !r.Project.IEACt.IsZero() {
		r.Finish = maxTime(r.Finish, r.Project.IEACt)
	}
	return r
}

// element measures task i from its own costs and its subtasks' elements.
func (m *measurer) element(i int, kids []int, els []element) element {
	ct := &m.c.Tasks[i]
	st := &m.s.Tasks[i]
	e := element{finish: st.Finish, done: st.PercentComplete >= 100}
	row := m.baseline[ct.ID]
	var own int64
	switch {
	case row != nil && len(kids) == 0:
		own = row.Cost
	case row != nil && m.task[ct.ID].FixedCost != 0:
		// A summary's baseline cost is its subtasks' plus its own fixed
		// cost; only that last part is its own.
		var sub int64
		for _, k := range kids {
			sub += els[k].bac
		}
		own = max(0, row.Cost-sub)
	}
	if row != nil {
		e.bs, e.bf, e.inBaseline = row.Start, row.Finish, true
		if e.bs.IsZero() || e.bf.IsZero() {
			e.bs, e.bf = st.Start, st.Finish
		}
	}
	e.bac = own
	e.curves.pv = cost.Rephase(ct.Own, ct.Calendar, ct.Start, ct.Finish, e.bs, e.bf, own)
	e.curves.ev = cost.Done(ct.Calendar, ct.Start, ct.Finish, st.PercentComplete, m.opt.StatusDate, roundDiv(own, int64(st.PercentComplete), 100))
	e.curves.ac = ct.OwnActual
	if a, ok := m.opt.Actuals[ct.ID]; ok {
		e.curves.ac = a
	}
	e.remaining = ct.Own.Total() - ct.OwnActual.Total()
	if r, ok := m.opt.Remaining[ct.ID]; ok {
		e.remaining = r
	}
	return m.rollup(e, kids, els)
}

// rollup adds the elements kids to e, and takes e's values at the status
// date.
func (m *measurer) rollup(e element, kids []int, els []element) element {
	pv, ev, ac := []*cost.Curve{e.curves.pv}, []*cost.Curve{e.curves.ev}, []*cost.Curve{e.curves.ac}
	for _, k := range kids {
		x := &els[k]
		e.bac += x.bac
		e.remaining += x.remaining
		pv, ev, ac = append(pv, x.curves.pv), append(ev, x.curves.ev), append(ac, x.curves.ac)
		e.done = e.done && x.done
		if x.inBaseline {
			if !e.inBaseline || e.bs.IsZero() {
				e.bs, e.bf = x.bs, x.bf
			} else if !x.bs.IsZero() {
				e.bs, e.bf = minTime(e.bs, x.bs), maxTime(e.bf, x.bf)
			}
			e.inBaseline = true
		}
	}
	if len(kids) > 0 {
		e.curves = curves{cost.Sum(pv...), cost.Sum(ev...), cost.Sum(ac...)}
	}
	e.pvNow, e.evNow, e.acNow = e.curves.pv.At(m.opt.StatusDate), e.curves.ev.Total(), e.curves.ac.At(m.opt.StatusDate)
	return e
}

// measures derives every measure of e.
func (m *measurer) measures(e *element) Measures {
	x := Measures{Parent: -1, InBaseline: e.inBaseline, BAC: e.bac, PV: e.pvNow, EV: e.evNow, AC: e.acNow}
	x.SV, x.CV = x.EV-x.PV, x.EV-x.AC
	x.SPI, x.CPI = ratio(x.EV, x.PV), ratio(x.EV, x.AC)
	x.Forecasts = forecasts(x.BAC, x.PV, x.EV, x.AC, e.remaining)
	x.EAC = x.Forecasts[methodIndex(m.opt.Method)]
	if x.EAC.Defined {
		x.ETC = Estimate{x.EAC.Amount - x.AC, true}
		x.VAC = Estimate{x.BAC - x.EAC.Amount, true}
	}
	x.TCPI = ratio(x.BAC-x.EV, x.BAC-x.AC)
	m.earnedSchedule(e, &x)
	return x
}

// forecasts computes the estimate at completion by every method.
func forecasts(bac, pv, ev, ac, remaining int64) [4]Estimate {
	var f [4]Estimate
	// With nothing earned and nothing spent, the work has shown no
	// performance yet: it is taken to go as planned.
	switch {
	case ev == 0 && ac == 0:
		f[0] = Estimate{bac, true}
	case ev != 0:
		f[0] = Estimate{roundDiv(bac, ac, ev), true}
	}
	f[1] = Estimate{ac + bac - ev, true}
	// AC + (BAC − EV) / (CPI × SPI), with CPI = EV/AC and SPI = EV/PV;
	// an index of 0/0 counts as 1.
	cn, cd := ev, ac
	if ev == 0 && ac == 0 {
		cn, cd = 1, 1
	}
	sn, sd := ev, pv
	if ev == 0 && pv == 0 {
		sn, sd = 1, 1
	}
	switch {
	case bac == ev:
		f[2] = Estimate{ac, true}
	case cn != 0 && sn != 0 && cd != 0 && sd != 0:
		f[2] = Estimate{ac + roundDiv3(bac-ev, cd, sd, cn, sn), true}
	}
	f[3] = Estimate{ac + remaining, true}
	return f
}

// earnedSchedule sets the earned-schedule measures of e: Lipke's ES = C +
// I in periods of one working day of the project calendar from the
// baseline start, the last period ending at the baseline finish.
func (m *measurer) earnedSchedule(e *element, x *Measures) {
	nan := math.NaN()
	x.ESDays, x.ATDays, x.PDDays, x.SVt, x.SPIt, x.IEACtDays = nan, nan, nan, nan, nan, nan
	if !e.inBaseline || e.bs.IsZero() || e.bac == 0 {
		return // nothing budgeted, nothing to earn a schedule by
	}
	cal := m.cal
	o0, oN := cal.Ordinal(e.bs), max(cal.Ordinal(e.bf), cal.Ordinal(e.bs))
	day := float64(m.mpd)
	x.PDDays = float64(oN-o0) / day
	esMin := earnedMinutes(e.curves.pv, cal, o0, oN, m.mpd, x.EV)
	x.ESDays = esMin / day
	x.ES = e.bs
	if esMin > 0 {
		x.ES = cal.FinishOf(o0 + int64(math.Round(esMin)))
	}
	now := cal.Ordinal(m.opt.StatusDate)
	if e.done && !e.finish.IsZero() {
		now = min(now, cal.Ordinal(e.finish))
	}
	at := float64(max(now-o0, 0)) // a status date before the baseline start is no time yet
	x.ATDays = at / day
	x.SVt = x.ESDays - x.ATDays
	if at > 0 {
		x.SPIt = esMin / at
	}
	if x.SPIt > 0 {
		ieac := float64(oN-o0) / x.SPIt
		x.IEACtDays = ieac / day
		x.IEACt = cal.FinishOf(o0 + int64(math.Round(ieac)))
	}
}

// earnedMinutes returns the working minutes from o0 at which the planned
// value pv reached ev, by Lipke's interpolation over periods of period
// minutes from o0 to oN.
func earnedMinutes(pv *cost.Curve, cal *calendar.Calendar, o0, oN, period int64, ev int64) float64 {
	if oN <= o0 {
		if ev > 0 {
			return float64(oN - o0)
		}
		return 0
	}
	n := (oN - o0 + period - 1) / period // periods, the last maybe shorter
	bound := func(i int64) int64 { return min(o0+i*period, oN) }
	c, frac := earnedPeriods(n, func(i int64) int64 { return pv.At(cal.FinishOf(bound(i))) }, ev)
	if c >= n {
		return float64(oN - o0)
	}
	return float64(bound(c)-o0) + frac*float64(bound(c+1)-bound(c))
}

// EarnedSchedule returns Lipke's earned schedule, in periods: the time
// by which the baseline planned to have earned ev, where pv[k] is the
// cumulative planned value at the end of period k+1. ES = C + I, C being
// the number of whole periods whose planned value ev reaches and I =
// (EV − PV_C) / (PV_C+1 − PV_C) the part of the next (W. Lipke,
// "Schedule is Different", The Measurable News, March 2003). Earned value
// at or above the last planned value earns every period.
func EarnedSchedule(pv []int64, ev int64) float64 {
	c, frac := earnedPeriods(int64(len(pv)), func(i int64) int64 {
		if i == 0 {
			return 0
		}
		return pv[i-1]
	}, ev)
	return float64(c) + frac
}

// earnedPeriods finds Lipke's C and I for ev over n periods whose
// cumulative planned value at the end of period i is at(i) (at(0) is the
// start). Planned value is taken not to fall; the search halves.
func earnedPeriods(n int64, at func(int64) int64, ev int64) (int64, float64) {
	if ev <= 0 && at(0) >= ev {
		return 0, 0
	}
	if ev >= at(n) {
		return n, 0
	}
	lo, hi := int64(0), n // at(lo) <= ev < at(hi)
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if at(mid) <= ev {
			lo = mid
		} else {
			hi = mid
		}
	}
	pc, pn := at(lo), at(lo+1)
	if pn == pc {
		return lo, 0
	}
	return lo, float64(ev-pc) / float64(pn-pc)
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
