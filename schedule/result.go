package schedule

import (
	"math"

	"github.com/cairnpm/cairn/domain"
)

// values is what the passes decided for one task, in ordinals and working
// minutes: everything a Task shows except the dates, which cost a calendar
// search each. Comparing values tells which tasks an edit moved.
type values struct {
	es, ef, ls, lf int64 // a summary's late dates span its children's
	tf, ff         int64
	st, fin        int64 // scheduled start and finish (late dates for ALAP)
	work           int64
	pct            int32
}

// values computes every task's values, indexed like plan.Tasks. Summaries
// roll up their children: dates span them, work adds, and percent
// complete is weighted by duration (done minutes over all minutes).
func (n *network) values(order []int) []values {
	nt := len(n.p.Tasks)
	v := make([]values, nt)
	done, span := make([]int64, nt), make([]int64, nt)
	for i := range v {
		v[i].ls, v[i].lf = maxOrd, minOrd // a summary widens these over its children
	}
	for k := len(order) - 1; k >= 0; k-- { // children before parents
		i := order[k]
		x := &v[i]
		if n.leafOf[i] >= 0 {
			nd := &n.nodes[n.leafOf[i]]
			x.es, x.ef, x.ls, x.lf = nd.es, nd.ef, nd.ls, nd.lf
			t := &n.p.Tasks[i]
			x.work = t.Work
			if x.work == 0 {
				x.work = int64(math.Round(float64(nd.ef-nd.es) * n.units[i]))
			}
			span[i] = nd.ef - nd.es
			done[i] = span[i] * int64(t.PercentComplete) / 100
			x.pct = int32(t.PercentComplete)
		} else {
			x.es, x.ef = n.nodes[n.startOf[i]].es, n.nodes[n.finOf[i]].es
			x.pct = int32(n.p.Tasks[i].PercentComplete)
			if span[i] > 0 {
				x.pct = int32(done[i] * 100 / span[i])
			}
		}
		if pi := n.ix.Parent[i]; pi >= 0 {
			p := &v[pi]
			p.ls, p.lf = min(p.ls, x.ls), max(p.lf, x.lf)
			p.work, done[pi], span[pi] = p.work+x.work, done[pi]+done[i], span[pi]+span[i]
		}
	}
	for i := range v {
		n.floats(i, &v[i])
	}
	return v
}

// floats sets task i's floats and scheduled dates from its early and late
// values. A summary's float is the smaller of its start float and its
// finish float, over the span of its children, as MS Project computes it;
// its free float is the same.
func (n *network) floats(i int, x *values) {
	t := &n.p.Tasks[i]
	x.tf = x.lf - x.ef
	x.st, x.fin = x.es, x.ef
	if n.leafOf[i] < 0 {
		x.tf = min(x.ls-x.es, x.tf)
		x.ff = x.tf
		return
	}
	k := n.leafOf[i]
	nd := &n.nodes[k]
	x.tf = n.taskFloat(k)
	if (t.Constraint == domain.MSO || t.Constraint == domain.MFO) && nd.linkEF > x.ef {
		x.tf = x.lf - nd.linkEF // the links want it later than the pin
	}
	// Free float never goes below zero: a task cannot delay its
	// successors by more than they already are.
	x.ff = max(0, min(n.freeFloat(k, x.ef), x.tf))
	if t.Constraint == domain.ALAP {
		x.st, x.fin = x.ls, x.lf
	}
}

// result turns every task's values into a Task, in WBS order.
func (n *network) result(opt Options) *Result {
	order := wbsOrder(n.p.Tasks, n.ix.Parent)
	outline := outlineNumbers(order, n.ix.Parent)
	v := n.values(order)
	res := &Result{Tasks: make([]Task, 0, len(order)), cal: n.cal}
	n.span(res)
	for _, i := range order {
		res.Tasks = append(res.Tasks, n.render(i, &v[i], outline[i], opt))
	}
	return res
}

// span sets the project's start and finish.
func (n *network) span(res *Result) {
	if n.first > n.finish { // no tasks: the project is an instant at its start
		res.Start = n.cal.StartOf(n.start)
		res.Finish = res.Start
		return
	}
	res.Start, res.Finish = n.cal.StartOf(n.first), n.cal.FinishOf(n.finish)
}

// render makes task i's Task from its values.
func (n *network) render(i int, x *values, outline string, opt Options) Task {
	t := &n.p.Tasks[i]
	summary := n.leafOf[i] < 0
	r := Task{
		ID: t.ID, UID: t.UID, Name: t.Name, Outline: outline, Summary: summary,
		Milestone:  t.Kind == domain.KindMilestone && !summary,
		TotalFloat: x.tf, FreeFloat: x.ff, Critical: x.tf <= opt.CriticalSlack,
		NearCritical: x.tf > opt.CriticalSlack && x.tf <= opt.NearCriticalSlack,
		Duration:     x.ef - x.es, Work: x.work, PercentComplete: int(x.pct),
	}
	r.EarlyStart, r.EarlyFinish = n.dates(x.es, x.ef)
	r.LateStart, r.LateFinish = n.dates(x.ls, x.lf)
	if x.st == x.es && x.fin == x.ef {
		r.Start, r.Finish = r.EarlyStart, r.EarlyFinish
	} else {
		r.Start, r.Finish = n.dates(x.st, x.fin)
	}
	if !summary {
		n.ownCalendarDates(n.leafOf[i], &r, t.Constraint == domain.ALAP)
	}
	return r
}
