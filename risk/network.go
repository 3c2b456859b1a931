package risk

import (
	"math"
	"slices"
	"time"

	"github.com/cairnpm/cairn/calendar"
	"github.com/cairnpm/cairn/domain"
)

const (
	minOrd = math.MinInt64 / 4
	maxOrd = math.MaxInt64 / 4
)

// Node kinds. A leaf task is one node; a summary is three, as in package
// schedule: in (what links into the summary impose on every task under
// it), and its rolled-up start (the earliest child start) and finish (the
// latest child finish), which links out of the summary follow.
const (
	kLeaf uint8 = iota
	kIn
	kStart
	kFinish
)

// Edge types: the link type in the low two bits, how its lag is measured
// in the next two. Structural edges have their own codes.
const (
	eFS uint8 = iota
	eSS
	eFF
	eSF
	lagPercent uint8 = 4
	lagElapsed uint8 = 8
	eIn        uint8 = 16 // a parent's in node reaching a child: both requirements pass on
	eMin       uint8 = 17 // a child's start rolling up into its parent's start
	eMax       uint8 = 18 // a child's finish rolling up into its parent's finish
)

// network is a plan compiled for repeated forward passes: nodes in
// topological order, so that a pass is one scan, and each node's incoming
// edges in compressed form (preds[at[k]:at[k+1]]). Times are ordinals of
// the project calendar: working minutes since the calendar's epoch.
type network struct {
	cal   *calendar.Calendar
	start int64 // the project start
	kind  []uint8
	task  []int32 // node → index in Plan.Tasks
	at    []int32
	src   []int32 // per edge: the source node
	typ   []uint8
	lag   []int64 // minutes, or percent with lagPercent
	// Per leaf node: the planned duration (minutes, of the task's own
	// kind); for a plain leaf its floor, the earliest start whatever the
	// links say (an SNET date, the status date, and the project start
	// for a leaf no link reaches); and the index of its slow-path record
	// (-1 for a plain leaf).
	base, floor []int64
	slow        []int32
	slows       []slowLeaf
	leafOf      []int32 // task index → leaf node, -1 for summaries
	leaves      int
}

// slowLeaf is what the general placement of a leaf needs: tasks whose
// duration is elapsed, that have a calendar of their own or people on
// other calendars, a must-start or must-finish date, a manual start, or
// progress.
type slowLeaf struct {
	task *domain.Task
	// defStart is where the task starts when no link drives it (the
	// project start, or minOrd under SNET and FNET); snet and fnet are
	// the SNET start and FNET finish as ordinals (minOrd: none).
	defStart, snet, fnet int64
	elapsed              bool
	constraint           domain.ConstraintType
	pin                  int64 // MSO start or MFO finish ordinal
	manual               int64 // a manual task's start ordinal, or minOrd
	actStart             int64 // minOrd: none
	actFinish            int64
	percent              int64
	status               int64 // the status date's ordinal, or minOrd
	own                  *calendar.Calendar
	asg                  []assignedWork
}

// assignedWork is one assignment of a task placed on its resource's
// calendar, as package schedule places it.
type assignedWork struct {
	cal     *calendar.Calendar
	minutes int64
}

// compile builds the network of plan p. status is the status date
// (zero: none).
// keep lists the summaries (by task index) whose rolled-up finish must
// be computed even if no link follows it.
func compile(p *domain.Plan, ix *domain.Index, summary []bool, status time.Time, keep []int) (*network, error) {
	cal, err := projectCalendar(p)
	if err != nil {
		return nil, err
	}
	b := newBuilder(p, ix, summary)
	if err := b.order(); err != nil {
		return nil, err
	}
	b.prune(keep)
	n := b.pack(cal)
	if err := n.leafData(p, ix, summary, status); err != nil {
		return nil, err
	}
	return n, nil
}

// projectCalendar compiles the plan's project calendar, or Standard, as
// package schedule does.
func projectCalendar(p *domain.Plan) (*calendar.Calendar, error) {
	for _, c := range p.Calendars {
		if c.ID == p.Project.CalendarID {
			cal, err := calendar.New(c, p.Calendars...)
			if err != nil {
				return nil, domain.WithField(err, "calendar")
			}
			return cal, nil
		}
	}
	if p.Project.CalendarID != 0 {
		return nil, domain.Invalid("unknown_calendar", "project.calendar", "project calendar %d does not exist", p.Project.CalendarID)
	}
	return calendar.Standard(), nil
}

type rawEdge struct {
	from, to int32
	typ      uint8
	lag      int64
}

// builder holds the network before its nodes are put in topological
// order.
type builder struct {
	kind                   []uint8
	task                   []int32
	edges                  []rawEdge
	leafOf, inOf, sOf, fOf []int32
	topo                   []int32
}

func newBuilder(p *domain.Plan, ix *domain.Index, summary []bool) *builder {
	nt := len(p.Tasks)
	b := &builder{leafOf: make([]int32, nt), inOf: make([]int32, nt), sOf: make([]int32, nt), fOf: make([]int32, nt)}
	add := func(kind uint8, i int) int32 {
		b.kind, b.task = append(b.kind, kind), append(b.task, int32(i))
		return int32(len(b.kind) - 1)
	}
	for i := range p.Tasks {
		b.leafOf[i], b.inOf[i], b.sOf[i], b.fOf[i] = -1, -1, -1, -1
		if summary[i] {
			b.inOf[i], b.sOf[i], b.fOf[i] = add(kIn, i), add(kStart, i), add(kFinish, i)
		} else {
			b.leafOf[i] = add(kLeaf, i)
		}
	}
	source := func(i int, finish bool) int32 {
		switch {
		case b.leafOf[i] >= 0:
			return b.leafOf[i]
		case finish:
			return b.fOf[i]
		}
		return b.sOf[i]
	}
	target := func(i int) int32 {
		if b.leafOf[i] >= 0 {
			return b.leafOf[i]
		}
		return b.inOf[i]
	}
	for i, pi := range ix.Parent {
		if pi >= 0 {
			b.edges = append(b.edges,
				rawEdge{from: b.inOf[pi], to: target(i), typ: eIn},
				rawEdge{from: source(i, false), to: b.sOf[pi], typ: eMin},
				rawEdge{from: source(i, true), to: b.fOf[pi], typ: eMax})
		}
	}
	for di := range p.Dependencies {
		d := &p.Dependencies[di]
		a, c := int(ix.Pred[di]), int(ix.Succ[di])
		e := rawEdge{to: target(c), lag: d.Lag.Minutes}
		switch d.Type {
		case domain.SS:
			e.typ = eSS
		case domain.FF:
			e.typ = eFF
		case domain.SF:
			e.typ = eSF
		}
		switch {
		case d.Lag.IsPercent:
			e.typ |= lagPercent
			e.lag = d.Lag.Percent
		case d.Lag.Elapsed:
			e.typ |= lagElapsed
		}
		e.from = source(a, e.typ&3 == eFS || e.typ&3 == eFF)
		b.edges = append(b.edges, e)
	}
	return b
}

// order sorts the nodes topologically (Kahn). Plan.Check has refused
// cycles between tasks; one through summaries is refused here, as
// schedule.Compute refuses it.
func (b *builder) order() error {
	nn := len(b.kind)
	at := make([]int32, nn+1)
	indeg := make([]int32, nn)
	for _, e := range b.edges {
		at[e.from+1]++
		indeg[e.to]++
	}
	for k := range nn {
		at[k+1] += at[k]
	}
	outs := make([]int32, len(b.edges))
	next := append([]int32(nil), at[:nn]...)
	for _, e := range b.edges {
		outs[next[e.from]] = e.to
		next[e.from]++
	}
	q := make([]int32, 0, nn)
	for k, d := range indeg {
		if d == 0 {
			q = append(q, int32(k))
		}
	}
	for h := 0; h < len(q); h++ {
		for _, t := range outs[at[q[h]]:at[q[h]+1]] {
			if indeg[t]--; indeg[t] == 0 {
				q = append(q, t)
			}
		}
	}
	if len(q) != nn {
		return domain.Invalid("dependency_cycle", "dependencies", "the links form a cycle through summary tasks; run cairn schedule for the tasks in it")
	}
	b.topo = q
	return nil
}

// prune drops the nodes a run need not compute: a summary's in node when
// no link reaches it or its ancestors (its requirements are always
// "none"), and a summary's start and finish when no link follows them,
// directly or through the summaries above it, and keep does not list it.
// Most summaries in real plans carry no links, so this takes most
// structural edges out of every run.
func (b *builder) prune(keep []int) {
	nn := len(b.kind)
	at := make([]int32, nn+1) // edges by target
	for _, e := range b.edges {
		at[e.to+1]++
	}
	for k := range nn {
		at[k+1] += at[k]
	}
	in := make([]int32, len(b.edges))
	next := append([]int32(nil), at[:nn]...)
	for j, e := range b.edges {
		in[next[e.to]] = int32(j)
		next[e.to]++
	}
	live := make([]bool, nn)
	for _, k := range b.topo { // in nodes: reached by a link, or by a reached parent
		switch b.kind[k] {
		case kLeaf:
			live[k] = true
		case kIn:
			for _, j := range in[at[k]:at[k+1]] {
				e := b.edges[j]
				live[k] = live[k] || e.typ != eIn || live[e.from]
			}
		}
	}
	for _, e := range b.edges { // start and finish nodes that links follow
		if k := b.kind[e.from]; (k == kStart || k == kFinish) && (b.kind[e.to] == kLeaf || b.kind[e.to] == kIn) {
			live[e.from] = true
		}
	}
	for _, i := range keep {
		live[b.fOf[i]] = true
	}
	for t := len(b.topo) - 1; t >= 0; t-- { // and the roll-ups that feed them
		k := b.topo[t]
		if !live[k] || (b.kind[k] != kStart && b.kind[k] != kFinish) {
			continue
		}
		for _, j := range in[at[k]:at[k+1]] {
			live[b.edges[j].from] = true
		}
	}
	b.edges = slices.DeleteFunc(b.edges, func(e rawEdge) bool { return !live[e.from] || !live[e.to] })
	b.topo = slices.DeleteFunc(b.topo, func(k int32) bool { return !live[k] })
}

// pack renumbers the live nodes in topological order and groups the
// edges by target.
func (b *builder) pack(cal *calendar.Calendar) *network {
	nn := len(b.topo)
	pos := make([]int32, len(b.kind)) // old node → new node
	for k, old := range b.topo {
		pos[old] = int32(k)
	}
	n := &network{cal: cal, kind: make([]uint8, nn), task: make([]int32, nn), at: make([]int32, nn+1)}
	for k, old := range b.topo {
		n.kind[k], n.task[k] = b.kind[old], b.task[old]
	}
	for _, e := range b.edges {
		n.at[pos[e.to]+1]++
	}
	for k := range nn {
		n.at[k+1] += n.at[k]
	}
	n.src, n.typ, n.lag = make([]int32, len(b.edges)), make([]uint8, len(b.edges)), make([]int64, len(b.edges))
	next := append([]int32(nil), n.at[:nn]...)
	for _, e := range b.edges {
		t := pos[e.to]
		j := next[t]
		next[t]++
		n.src[j], n.typ[j], n.lag[j] = pos[e.from], e.typ, e.lag
	}
	n.leafOf = make([]int32, len(b.leafOf))
	for i, k := range b.leafOf {
		n.leafOf[i] = -1
		if k >= 0 {
			n.leafOf[i] = pos[k]
			n.leaves++
		}
	}
	return n
}

// leafData fills each leaf's planned duration, default start, release
// dates and, where it needs one, its slow-path record.
func (n *network) leafData(p *domain.Plan, ix *domain.Index, summary []bool, status time.Time) error {
	nn := len(n.kind)
	n.base, n.floor, n.slow = make([]int64, nn), make([]int64, nn), make([]int32, nn)
	n.start = n.cal.Ordinal(p.Project.Start)
	statusOrd := int64(minOrd)
	if !status.IsZero() {
		statusOrd = n.cal.Ordinal(status)
	}
	units := assignedUnits(p, ix)
	own, err := ownCalendars(p, ix, summary, n.cal)
	if err != nil {
		return err
	}
	reached := n.reached()
	for i := range p.Tasks {
		k := n.leafOf[i]
		if k < 0 {
			continue
		}
		t := &p.Tasks[i]
		n.base[k], n.slow[k] = plannedDuration(t, units[i], n.cal), -1
		sl := slowLeaf{task: t, defStart: n.start, snet: minOrd, fnet: minOrd, elapsed: t.Duration.Elapsed,
			constraint: t.Constraint, manual: minOrd, actStart: minOrd, actFinish: minOrd,
			percent: int64(t.PercentComplete), status: statusOrd}
		switch t.Constraint {
		case domain.SNET:
			sl.defStart, sl.snet = minOrd, n.cal.Ordinal(t.ConstraintDate)
		case domain.FNET:
			sl.defStart, sl.fnet = minOrd, finishOrd(n.cal, t.ConstraintDate)
		case domain.MSO:
			sl.pin = n.cal.Ordinal(t.ConstraintDate)
		case domain.MFO:
			sl.pin = finishOrd(n.cal, t.ConstraintDate)
		}
		if o := own[i]; o != nil {
			sl.own, sl.asg = o.cal, o.asg
		}
		if t.Mode == domain.Manual && !t.Start.IsZero() {
			sl.manual = n.cal.Ordinal(t.Start)
		}
		if !t.ActualStart.IsZero() {
			sl.actStart = n.cal.Ordinal(t.ActualStart)
		}
		if !t.ActualFinish.IsZero() {
			sl.actFinish = n.cal.Ordinal(t.ActualFinish)
		}
		plain := !sl.elapsed && sl.own == nil && sl.asg == nil && sl.manual == minOrd && sl.fnet == minOrd &&
			t.Constraint != domain.MSO && t.Constraint != domain.MFO &&
			sl.actStart == minOrd && sl.actFinish == minOrd && sl.percent == 0
		if plain {
			// es = max(start requirement, finish requirement − d, floor):
			// a leaf that no requirement reaches starts at its default.
			n.floor[k] = max(sl.snet, statusOrd)
			if !reached[k] {
				n.floor[k] = max(n.floor[k], sl.defStart)
			}
			continue
		}
		n.floor[k] = minOrd
		n.slow[k] = int32(len(n.slows))
		n.slows = append(n.slows, sl)
	}
	return nil
}

// reached reports, per node, whether any link requirement reaches it,
// directly or through the summaries above it: whether its start or
// finish requirement can be anything but minOrd. That depends only on the
// network's shape, so it is known before any run.
func (n *network) reached() []bool {
	r := make([]bool, len(n.kind))
	for k, kind := range n.kind {
		if kind == kStart || kind == kFinish {
			continue
		}
		for j := n.at[k]; j < n.at[k+1]; j++ {
			if n.typ[j] != eIn || r[n.src[j]] {
				r[k] = true
			}
		}
	}
	return r
}

// plannedDuration is a leaf's duration as package schedule takes it: a
// milestone's is zero, a manual task's the working time between its
// dates, an effort-driven task's its work shared by the people on it.
func plannedDuration(t *domain.Task, units float64, cal *calendar.Calendar) int64 {
	if t.Kind == domain.KindMilestone {
		return 0
	}
	d := t.Duration.Minutes
	switch {
	case t.Duration.Elapsed:
	case t.Mode == domain.Manual && !t.Start.IsZero() && !t.Finish.IsZero():
		d = cal.WorkBetween(t.Start, t.Finish)
	case d == 0 && t.Work > 0 && units > 0:
		d = int64(math.Round(float64(t.Work) / units))
	}
	return d
}

// assignedUnits sums, per task index, the units of the people and
// equipment assigned to it.
func assignedUnits(p *domain.Plan, ix *domain.Index) []float64 {
	units := make([]float64, len(p.Tasks))
	kinds := make(map[int64]domain.ResourceKind, len(p.Resources))
	for _, r := range p.Resources {
		kinds[r.ID] = r.Kind
	}
	for _, a := range p.Assignments {
		if i, ok := ix.Find(a.Task); ok && kinds[a.Resource] == domain.Work {
			units[i] += a.Units
		}
	}
	return units
}

// finishOrd is the ordinal of a finish-type date; a bare date means the
// end of that day's work.
func finishOrd(cal *calendar.Calendar, t time.Time) int64 {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		t = t.AddDate(0, 0, 1)
	}
	return cal.Ordinal(t)
}
