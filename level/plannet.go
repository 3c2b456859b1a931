package level

import (
	"fmt"
	"math"
	"time"

	"github.com/cairnpm/cairn/calendar"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/schedule"
)

// A real plan is levelled on the time axis of the schedule engine: ordinals
// of the project calendar, one per working minute. The network below
// mirrors the engine's (decision 0007): a leaf task is one node, a summary
// three — "in" (what links into the summary impose on each task under it),
// and its rolled-up start and finish — so that links to and from summaries
// mean here what they mean there.

const (
	minOrd = math.MinInt64 / 4
	maxOrd = math.MaxInt64 / 4
)

// Node kinds, as in the schedule engine.
const (
	kindLeaf uint8 = iota
	kindIn
	kindStart
	kindFinish
)

// How the levelling treats a leaf task.
const (
	modeLevel   uint8 = iota // may be delayed to resolve conflicts
	modeNoLevel              // never delayed for resources; follows its links
	modeAsLate               // ALAP: follows its links, its resources are held where the CPM put it
	modePinned               // does not move: MSO/MFO, started, finished, manual
)

// Link types and lag kinds of a pedge.
const (
	linkFS uint8 = iota
	linkSS
	linkFF
	linkSF
)

const (
	lagWorking uint8 = iota
	lagElapsed
	lagPercent
)

// pedge is a link (dep >= 0) or a structural relation (dep < 0).
type pedge struct {
	from, to int32
	dep      int32
	typ      uint8
	lagKind  uint8
	lag      int64 // minutes, or percent
}

// fromStart reports whether the link counts from its predecessor's start.
func (e *pedge) fromStart() bool { return e.typ == linkSS || e.typ == linkSF }

// toStart reports whether the link constrains its successor's start.
func (e *pedge) toStart() bool { return e.typ == linkFS || e.typ == linkSS }

// planNet is a plan compiled for levelling. Per-node slices are indexed by
// node; leaf data is meaningless for summary nodes.
type planNet struct {
	plan        *domain.Plan
	cal         *calendar.Calendar
	kind        []uint8
	task        []int32 // node → index in plan.Tasks
	leafOf      []int32 // task index → leaf node, -1 for summaries
	outs, ins   []pedge
	outAt, inAt []int32

	mode    []uint8
	release []int64 // the unlevelled early start: no leaf starts earlier
	fixS    []int64 // where pinned and ALAP tasks hold their resources
	fixF    []int64
	dur     []int64 // nominal duration: working minutes, or clock minutes when elapsed
	elapsed []bool
	own     []*calendar.Calendar // a task calendar of its own, or nil
	asg     [][]asgWork          // assignments placed on their resources' calendars, or nil
	start   int64                // the project start
	lst     []int64              // unlevelled late start and finish, for priority rules
	lft     []int64
	limit   []int64 // latest start levelling may give (within slack), else maxOrd
	prio    []int32
	weight  []int64 // cost of a minute of delay, growing with priority (see weigh)

	demIdx []int32 // demRes/demQty[demIdx[k]:demIdx[k+1]] are node k's demands
	demRes []int32
	demQty []int64 // micro-units (1e-6 of a full-time resource)

	capacity []int64       // per resource, micro-units: its peak availability
	avail    [][]availStep // per resource: its units over time
	resID    []int64       // resource index → ID
	leaves   int
	cpmEnd   int64 // the unlevelled finish: no levelled finish is earlier
}

// unit is the scale of demands and capacities: a millionth of one
// full-time resource, so that 50%, 25% and 20% add up exactly.
const unit = 1_000_000

// compilePlan builds the levelling network of plan p from its unlevelled
// schedule r. p must have been checked (schedule.Compute does it).
func compilePlan(p *domain.Plan, r *schedule.Result, opt PlanOptions) (*planNet, error) {
	ix, err := p.Check()
	if err != nil {
		return nil, err
	}
	n := &planNet{plan: p, cal: r.Calendar()}
	nt := len(p.Tasks)
	summary := make([]bool, nt)
	for _, pi := range ix.Parent {
		if pi >= 0 {
			summary[pi] = true
		}
	}
	n.leafOf = make([]int32, nt)
	sum := &summaryNodes{in: make([]int32, nt), start: make([]int32, nt), finish: make([]int32, nt)}
	add := func(kind uint8, i int) int32 {
		n.kind = append(n.kind, kind)
		n.task = append(n.task, int32(i))
		return int32(len(n.kind) - 1)
	}
	for i := range p.Tasks {
		n.leafOf[i], sum.in[i], sum.start[i], sum.finish[i] = -1, -1, -1, -1
		if summary[i] {
			sum.in[i], sum.start[i], sum.finish[i] = add(kindIn, i), add(kindStart, i), add(kindFinish, i)
		} else {
			n.leafOf[i] = add(kindLeaf, i)
			n.leaves++
		}
	}
	n.link(ix, sum)
	if err := n.leafData(r, opt); err != nil {
		return nil, err
	}
	n.demands(r)
	return n, nil
}

// summaryNodes are, per task index, a summary's three nodes (-1 for leaves).
type summaryNodes struct{ in, start, finish []int32 }

// link adds the edges: a summary's "in" reaches each child, each child
// rolls up into its parent's start and finish, and each dependency joins
// the node its type counts from to the node it constrains.
func (n *planNet) link(ix *domain.Index, sum *summaryNodes) {
	p := n.plan
	source := func(i int, finish bool) int32 {
		switch {
		case n.leafOf[i] >= 0:
			return n.leafOf[i]
		case finish:
			return sum.finish[i]
		}
		return sum.start[i]
	}
	target := func(i int) int32 {
		if n.leafOf[i] >= 0 {
			return n.leafOf[i]
		}
		return sum.in[i]
	}
	var edges []pedge
	for i, pi := range ix.Parent {
		if pi >= 0 {
			edges = append(edges,
				pedge{from: sum.in[pi], to: target(i), dep: -1},
				pedge{from: source(i, false), to: sum.start[pi], dep: -1},
				pedge{from: source(i, true), to: sum.finish[pi], dep: -1})
		}
	}
	for di := range p.Dependencies {
		d := &p.Dependencies[di]
		e := pedge{dep: int32(di), lag: d.Lag.Minutes}
		switch d.Type {
		case domain.SS:
			e.typ = linkSS
		case domain.FF:
			e.typ = linkFF
		case domain.SF:
			e.typ = linkSF
		}
		switch {
		case d.Lag.IsPercent:
			e.lagKind, e.lag = lagPercent, d.Lag.Percent
		case d.Lag.Elapsed:
			e.lagKind = lagElapsed
		}
		e.from, e.to = source(int(ix.Pred[di]), !e.fromStart()), target(int(ix.Succ[di]))
		edges = append(edges, e)
	}
	nn := len(n.kind)
	n.outs, n.outAt = groupEdges(edges, nn, func(e pedge) int32 { return e.from })
	n.ins, n.inAt = groupEdges(edges, nn, func(e pedge) int32 { return e.to })
}

// groupEdges sorts edges by key with a counting sort and returns them with
// the offsets of each key's run.
func groupEdges(edges []pedge, keys int, key func(pedge) int32) ([]pedge, []int32) {
	at := make([]int32, keys+1)
	for _, e := range edges {
		at[key(e)+1]++
	}
	for k := range keys {
		at[k+1] += at[k]
	}
	out := make([]pedge, len(edges))
	next := append([]int32(nil), at[:keys]...)
	for _, e := range edges {
		k := key(e)
		out[next[k]] = e
		next[k]++
	}
	return out, at
}

func (n *planNet) out(k int32) []pedge { return n.outs[n.outAt[k]:n.outAt[k+1]] }
func (n *planNet) in(k int32) []pedge  { return n.ins[n.inAt[k]:n.inAt[k+1]] }

// leafData reads each leaf's unlevelled dates, duration, calendar and
// levelling mode.
func (n *planNet) leafData(r *schedule.Result, opt PlanOptions) error {
	p := n.plan
	nn := len(n.kind)
	n.mode, n.release, n.fixS, n.fixF = make([]uint8, nn), make([]int64, nn), make([]int64, nn), make([]int64, nn)
	n.dur, n.elapsed, n.own = make([]int64, nn), make([]bool, nn), make([]*calendar.Calendar, nn)
	n.lst, n.lft, n.limit = make([]int64, nn), make([]int64, nn), make([]int64, nn)
	n.prio, n.weight = make([]int32, nn), make([]int64, nn)
	byID := make(map[int64]*schedule.Task, len(r.Tasks))
	for i := range r.Tasks {
		byID[r.Tasks[i].ID] = &r.Tasks[i]
	}
	skip := make(map[int64]bool, len(opt.Skip))
	for _, id := range opt.Skip {
		skip[id] = true
	}
	cals, err := newPlanCalendars(p, n.cal)
	if err != nil {
		return err
	}
	n.asg = make([][]asgWork, nn)
	n.start = n.cal.Ordinal(p.Project.Start)
	n.cpmEnd = minOrd
	for k := range int32(nn) {
		if n.kind[k] != kindLeaf {
			continue
		}
		t := &p.Tasks[n.task[k]]
		rt := byID[t.ID]
		if rt == nil {
			return fmt.Errorf("level: task %d is missing from its schedule", t.ID)
		}
		n.release[k] = n.cal.Ordinal(rt.EarlyStart)
		n.fixS[k], n.fixF[k] = n.cal.Ordinal(rt.Start), n.cal.Ordinal(rt.Finish)
		n.lst[k], n.lft[k] = n.cal.Ordinal(rt.LateStart), n.cal.Ordinal(rt.LateFinish)
		n.cpmEnd = max(n.cpmEnd, n.fixF[k])
		n.prio[k] = int32(t.Priority)
		n.limit[k] = maxOrd
		if opt.WithinSlack {
			n.limit[k] = n.release[k] + max(0, rt.TotalFloat)
		}
		n.mode[k] = leafMode(t, skip[t.ID])
		if err := n.calendars(k, cals); err != nil {
			return err
		}
	}
	if n.cpmEnd == minOrd {
		n.cpmEnd = 0
	}
	n.weigh()
	return nil
}

// weigh sets the cost of a minute of delay of each task to be levelled:
// nothing at the plan's lowest priority, doubling with every 100 above it.
func (n *planNet) weigh() {
	low := int32(NeverLevel)
	for k, m := range n.mode {
		if n.kind[k] == kindLeaf && m == modeLevel {
			low = min(low, n.prio[k])
		}
	}
	for k, m := range n.mode {
		if n.kind[k] == kindLeaf && m == modeLevel {
			steps := (min(n.prio[k], 999) - low + 99) / 100
			n.weight[k] = 1<<steps - 1
		}
	}
}

// leafMode says how levelling treats task t.
func leafMode(t *domain.Task, skip bool) uint8 {
	switch {
	case t.Constraint == domain.MSO || t.Constraint == domain.MFO, t.Mode == domain.Manual,
		!t.ActualStart.IsZero(), !t.ActualFinish.IsZero(), t.PercentComplete > 0:
		return modePinned
	case t.Constraint == domain.ALAP:
		return modeAsLate
	case skip || t.Priority >= NeverLevel:
		return modeNoLevel
	}
	return modeLevel
}

// demands compiles each leaf's demand on each work resource, in
// micro-units. An assignment with explicit work uses it evenly over the
// task's working time, as package load measures it.
func (n *planNet) demands(r *schedule.Result) {
	p := n.plan
	resIdx := make(map[int64]int32, len(p.Resources))
	for _, res := range p.Resources {
		if res.Kind != domain.Work {
			continue
		}
		resIdx[res.ID] = int32(len(n.resID))
		n.resID = append(n.resID, res.ID)
		n.capacity = append(n.capacity, int64(math.Round(res.PeakUnits()*unit)))
		n.avail = append(n.avail, n.availability(res))
	}
	span := make(map[int64]int64, len(r.Tasks))
	for _, t := range r.Tasks {
		span[t.ID] = n.cal.WorkBetween(t.Start, t.Finish)
	}
	taskIdx := make(map[int64]int32, len(p.Tasks))
	for i, t := range p.Tasks {
		taskIdx[t.ID] = int32(i)
	}
	per := make([][]int64, len(n.kind)) // sparse rows: node → demand per resource
	for _, a := range p.Assignments {
		ri, ok := resIdx[a.Resource]
		ti, ok2 := taskIdx[a.Task]
		if !ok || !ok2 || n.leafOf[ti] < 0 {
			continue
		}
		k := n.leafOf[ti]
		// A contoured assignment is held at its peak units for its whole
		// span: more than it uses in its quiet tenths, never less.
		mean := 1.0
		if a.Contour != "" && a.Contour != domain.Flat {
			mean = a.Contour.Mean()
		}
		units := a.Units
		if s := span[a.Task]; a.Work > 0 && s > 0 {
			units = float64(a.Work) / (float64(s) * mean)
		}
		if per[k] == nil {
			per[k] = make([]int64, len(n.resID))
		}
		per[k][ri] += int64(math.Round(units * unit))
	}
	n.demIdx = make([]int32, len(n.kind)+1)
	for k := range per {
		for ri, q := range per[k] {
			if q > 0 {
				n.demRes = append(n.demRes, int32(ri))
				n.demQty = append(n.demQty, q)
			}
		}
		n.demIdx[k+1] = int32(len(n.demRes))
	}
}

// availStep is a resource's units over [from, to), in ordinals.
type availStep struct {
	from, to int64
	units    int64 // micro-units
}

// availability compiles a resource's units over time: its MaxUnits
// everywhere (from minOrd), then each availability period.
func (n *planNet) availability(res domain.Resource) []availStep {
	steps := []availStep{{minOrd, maxOrd, int64(math.Round(res.MaxUnits * unit))}}
	for _, a := range res.Availability {
		to := int64(maxOrd)
		if !a.To.IsZero() {
			to = n.cal.Ordinal(a.To)
		}
		steps = append(steps, availStep{n.cal.Ordinal(a.From), to, int64(math.Round(a.Units * unit))})
	}
	return steps
}

// applyAvailability books, in p, the units each resource lacks at each
// moment against its peak: a resource at half time for a fortnight has
// half its peak taken then, so tasks are levelled around it.
func (n *planNet) applyAvailability(p *profile) {
	for r, steps := range n.avail {
		base := steps[0].units
		p.add(int32(r), steps[0].from, steps[0].to, n.capacity[r]-base)
		for _, st := range steps[1:] {
			p.add(int32(r), st.from, st.to, base-st.units)
		}
	}
}

// demandsOf returns node k's resources and quantities.
func (n *planNet) demandsOf(k int32) ([]int32, []int64) {
	lo, hi := n.demIdx[k], n.demIdx[k+1]
	return n.demRes[lo:hi], n.demQty[lo:hi]
}

// startFor is where leaf k starts if it finishes at f.
func (n *planNet) startFor(k int32, f int64) int64 {
	if n.elapsed[k] {
		return n.cal.Ordinal(n.cal.FinishOf(f).Add(-time.Duration(n.dur[k]) * time.Minute))
	}
	return f - n.dur[k]
}

// lagAfter is edge e's lag in working minutes, counted forward from ord;
// predDur is the predecessor's duration for percentage lags.
func (n *planNet) lagAfter(e *pedge, from, predDur int64) int64 {
	switch e.lagKind {
	case lagPercent:
		return predDur * e.lag / 100
	case lagElapsed:
		t := n.cal.FinishOf(from).Add(time.Duration(e.lag) * time.Minute)
		return n.cal.Ordinal(t) - from
	}
	return e.lag
}

// lagBefore is edge e's lag counted backward from ord.
func (n *planNet) lagBefore(e *pedge, from, predDur int64) int64 {
	switch e.lagKind {
	case lagPercent:
		return predDur * e.lag / 100
	case lagElapsed:
		t := n.cal.StartOf(from).Add(-time.Duration(e.lag) * time.Minute)
		return from - n.cal.Ordinal(t)
	}
	return e.lag
}
