package schedule

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cairnpm/cairn/calendar"
	"github.com/cairnpm/cairn/domain"
)

// Options tune a computation.
type Options struct {
	// CriticalSlack is the total float, in working minutes, at or below
	// which a task is critical. 0 by default.
	CriticalSlack int64
	// NearCriticalSlack marks tasks whose total float is at or below it
	// (and above CriticalSlack) as near-critical. 0: none.
	NearCriticalSlack int64
	// StatusDate, when set, reschedules uncompleted work to start after
	// it, as MS Project's "reschedule uncompleted work" does: a task not
	// yet started starts no earlier, and the rest of a task in progress
	// resumes there.
	StatusDate time.Time
	// LegacyStartLinkSlack makes SS and SF successors limit their
	// predecessor's late dates, as Project 2003–2013 did. Project 2016 and
	// later derive a predecessor's late dates from finish-based links only,
	// and so does Cairn by default.
	LegacyStartLinkSlack bool
}

// Task is the computed schedule of one task. Dates are project-local;
// floats are working minutes of the project calendar.
type Task struct {
	ID          int64
	UID         int64
	Name        string
	Outline     string    // WBS outline number, "1.2.3"
	Start       time.Time // scheduled start (early start, or late start for ALAP)
	Finish      time.Time
	EarlyStart  time.Time
	EarlyFinish time.Time
	LateStart   time.Time
	LateFinish  time.Time
	TotalFloat  int64
	FreeFloat   int64
	Critical    bool
	Summary     bool
	Milestone   bool
	Duration    int64 // working minutes
	// Work is the effort in working minutes: the task's own, or its
	// duration times the units assigned; a summary's is its children's.
	Work int64
	// PercentComplete of a summary is its children's, weighted by duration.
	PercentComplete int
	// NearCritical marks tasks that are not critical but whose total
	// float is within Options.NearCriticalSlack.
	NearCritical bool
}

// Result is a computed schedule: the project's dates and one Task per
// plan task, in the plan's WBS order.
type Result struct {
	Start  time.Time
	Finish time.Time
	Tasks  []Task

	cal *calendar.Calendar // the project calendar, for variance in working time
}

// Compute schedules p. It fails with a domain error when the plan is
// invalid, a calendar has no working time, or the links form a cycle.
func Compute(p *domain.Plan, opt Options) (*Result, error) {
	n, err := build(p, opt)
	if err != nil {
		return nil, err
	}
	return n.result(opt), nil
}

// build validates p, builds its network and runs both passes.
func build(p *domain.Plan, opt Options) (*network, error) {
	ix, err := p.Check()
	if err != nil {
		return nil, err
	}
	cal, err := projectCalendar(p)
	if err != nil {
		return nil, err
	}
	n := newNetwork(p, ix, cal)
	n.opt = opt
	if err := n.taskCalendars(); err != nil {
		return nil, err
	}
	if err := n.order(); err != nil {
		return nil, err
	}
	n.forward()
	n.backward()
	return n, nil
}

// projectCalendar compiles the plan's project calendar, or Standard.
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

const (
	minOrd = math.MinInt64 / 4
	maxOrd = math.MaxInt64 / 4
)

// node kinds: a leaf task is one node; a summary task is three — "in"
// (what links into the summary impose on its children), and the rolled-up
// start and finish its own successors follow.
const (
	leaf = iota
	sumIn
	sumStart
	sumFinish
)

type node struct {
	kind int32
	task int32 // index into plan.Tasks
	// forward values (ordinals): for a leaf, early start/finish; for
	// sumIn, the earliest start (es) and finish (ef) imposed on children;
	// for sumStart/sumFinish, the rolled-up value in es.
	es, ef int64
	// backward values
	ls, lf int64
	// linkEF is where the links alone would finish a task that a must-start
	// or must-finish constraint pins elsewhere; its float counts from there.
	linkEF int64
}

type network struct {
	opt   Options
	p     *domain.Plan
	ix    *domain.Index
	cal   *calendar.Calendar
	nodes []node
	// The edges, stored twice in compressed form: by source node
	// (outs[outAt[k]:outAt[k+1]]) and by target node (ins[inAt[k]:inAt[k+1]]).
	outs, ins   []edge
	outAt, inAt []int32
	// own holds the placement of tasks with a calendar of their own, by
	// node; nil when no task has one.
	own     []ownCalendar
	leafOf  []int // task index → leaf node, or -1 for summaries
	inOf    []int // task index → sumIn node (summaries)
	startOf []int // task index → sumStart node
	finOf   []int // task index → sumFinish node
	topo    []int
	start   int64 // the project's start date, as an ordinal
	first   int64 // the earliest early start of any task
	finish  int64 // the project finish: the latest early finish
	dur     []int64
	units   []float64 // per task: the sum of its work resources' units
	done    []bool    // per node: a task with an actual finish; nil when none is
}

// assignedUnits sums, per task index, the units of the people and
// equipment assigned to it (1.0 = one full-time resource).
func assignedUnits(p *domain.Plan, ix *domain.Index) []float64 {
	units := make([]float64, len(p.Tasks))
	if len(p.Assignments) == 0 {
		return units
	}
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

func newNetwork(p *domain.Plan, ix *domain.Index, cal *calendar.Calendar) *network {
	n := &network{p: p, ix: ix, cal: cal}
	nt := len(p.Tasks)
	summary := make([]bool, nt)
	children := 0
	for _, pi := range ix.Parent {
		if pi >= 0 {
			summary[pi] = true
			children++
		}
	}
	n.leafOf, n.inOf, n.startOf, n.finOf = make([]int, nt), make([]int, nt), make([]int, nt), make([]int, nt)
	n.dur = make([]int64, nt)
	n.nodes = make([]node, 0, nt+2*children/3+8)
	for i := range p.Tasks {
		n.leafOf[i], n.inOf[i], n.startOf[i], n.finOf[i] = -1, -1, -1, -1
		if summary[i] {
			n.inOf[i] = n.add(sumIn, i)
			n.startOf[i] = n.add(sumStart, i)
			n.finOf[i] = n.add(sumFinish, i)
			continue
		}
		n.leafOf[i] = n.add(leaf, i)
	}
	n.units = assignedUnits(p, ix)
	for i := range p.Tasks {
		if n.leafOf[i] >= 0 {
			n.setLeaf(i)
		}
	}
	// Structure: a summary's "in" reaches each child; each child rolls up
	// into its parent's start and finish.
	edges := make([]edge, 0, 3*children+len(p.Dependencies))
	for i, pi := range ix.Parent {
		if pi < 0 {
			continue
		}
		edges = append(edges,
			structural(n.inOf[pi], n.target(i)),
			structural(n.source(i, false), n.startOf[pi]),
			structural(n.source(i, true), n.finOf[pi]))
	}
	for di, d := range p.Dependencies {
		a, b := int(ix.Pred[di]), int(ix.Succ[di])
		fromFinish := d.Type == domain.FS || d.Type == domain.FF
		edges = append(edges, linkEdge(&p.Dependencies[di], di, n.source(a, fromFinish), n.target(b)))
	}
	n.outs, n.outAt = group(edges, len(n.nodes), false)
	n.ins, n.inAt = group(edges, len(n.nodes), true)
	return n
}

// setLeaf derives what the passes need from leaf task i's own fields: its
// duration in working minutes and whether it is finished.
func (n *network) setLeaf(i int) {
	t := &n.p.Tasks[i]
	d := t.Duration.Minutes
	switch {
	case t.Kind == domain.KindMilestone:
		d = 0
	case t.Duration.Elapsed:
	case t.Mode == domain.Manual && !t.Start.IsZero() && !t.Finish.IsZero():
		d = n.cal.WorkBetween(t.Start, t.Finish) // the user's dates stand
	case d == 0 && t.Work > 0 && n.units[i] > 0:
		// Effort-driven: the work is shared by the people on it.
		d = int64(math.Round(float64(t.Work) / n.units[i]))
	}
	n.dur[i] = d
	finished := !t.ActualFinish.IsZero() || t.PercentComplete >= 100
	if finished && n.done == nil {
		n.done = make([]bool, len(n.nodes))
	}
	if n.done != nil {
		n.done[n.leafOf[i]] = finished
	}
}

// group sorts edges by source node (or by target node) with a counting
// sort and returns them with the offsets of each node's run.
func group(edges []edge, nodes int, byTarget bool) ([]edge, []int32) {
	key := func(e *edge) int32 {
		if byTarget {
			return e.to
		}
		return e.from
	}
	at := make([]int32, nodes+1)
	for i := range edges {
		at[key(&edges[i])+1]++
	}
	for k := range nodes {
		at[k+1] += at[k]
	}
	out := make([]edge, len(edges))
	next := append([]int32(nil), at[:nodes]...)
	for i := range edges {
		k := key(&edges[i])
		out[next[k]] = edges[i]
		next[k]++
	}
	return out, at
}

// out and in list node k's edges.
func (n *network) out(k int) []edge { return n.outs[n.outAt[k]:n.outAt[k+1]] }
func (n *network) in(k int) []edge  { return n.ins[n.inAt[k]:n.inAt[k+1]] }

func (n *network) add(kind, task int) int {
	n.nodes = append(n.nodes, node{kind: int32(kind), task: int32(task)})
	return len(n.nodes) - 1
}

// source is the node whose date a link out of task i follows.
func (n *network) source(i int, finish bool) int {
	if n.leafOf[i] >= 0 {
		return n.leafOf[i]
	}
	if finish {
		return n.finOf[i]
	}
	return n.startOf[i]
}

// target is the node a link into task i constrains.
func (n *network) target(i int) int {
	if n.leafOf[i] >= 0 {
		return n.leafOf[i]
	}
	return n.inOf[i]
}

// order sorts the nodes topologically (Kahn), or reports a cycle naming
// the tasks in it.
func (n *network) order() error {
	indeg := make([]int, len(n.nodes))
	for i := range n.nodes {
		indeg[i] = int(n.inAt[i+1] - n.inAt[i])
	}
	queue := make([]int, 0, len(n.nodes))
	for i, d := range indeg {
		if d == 0 {
			queue = append(queue, i)
		}
	}
	for h := 0; h < len(queue); h++ {
		for _, e := range n.out(queue[h]) {
			if indeg[int(e.to)]--; indeg[int(e.to)] == 0 {
				queue = append(queue, int(e.to))
			}
		}
	}
	if len(queue) == len(n.nodes) {
		n.topo = queue
		return nil
	}
	// Every node left has an unsorted predecessor: walk back until a
	// node repeats.
	seen := map[int]int{}
	var path []int
	cur := -1
	for i, d := range indeg {
		if d > 0 {
			cur = i
			break
		}
	}
	for {
		if at, ok := seen[cur]; ok {
			path = path[at:]
			break
		}
		seen[cur] = len(path)
		path = append(path, cur)
		for _, e := range n.in(cur) {
			if indeg[int(e.from)] > 0 {
				cur = int(e.from)
				break
			}
		}
	}
	var names []string
	for k := len(path) - 1; k >= 0; k-- {
		name := strconv.Quote(n.p.Tasks[n.nodes[path[k]].task].Name)
		if len(names) == 0 || names[len(names)-1] != name {
			names = append(names, name)
		}
	}
	return domain.Invalid("dependency_cycle", "dependencies",
		"the links form a cycle through summary tasks: %s; remove one of these links", strings.Join(names, " → "))
}

// finished reports whether node k is a task with an actual finish.
func (n *network) finished(k int) bool {
	return n.done != nil && n.done[k]
}

// finishOrd is the ordinal of a finish-type date. A bare date (midnight)
// means the end of that day's work, as people mean "finish by 15 January".
func (n *network) finishOrd(t time.Time) int64 {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		t = t.AddDate(0, 0, 1)
	}
	return n.cal.Ordinal(t)
}

// durOf is the scheduled duration, in working minutes, of the task behind
// node k (0 for summaries), once the forward pass has placed it.
func (n *network) durOf(k int) int64 {
	if n.nodes[k].kind != leaf {
		return 0
	}
	return n.nodes[k].ef - n.nodes[k].es
}

// finishFor is where task i finishes if it starts at es. An elapsed
// duration runs round the clock, so its working length depends on when it
// starts.
func (n *network) finishFor(i int, es int64) int64 {
	if !n.p.Tasks[i].Duration.Elapsed || n.dur[i] == 0 {
		return es + n.dur[i]
	}
	return n.cal.Ordinal(n.cal.StartOf(es).Add(time.Duration(n.dur[i]) * time.Minute))
}

// startFor is where task i starts if it finishes at ef.
func (n *network) startFor(i int, ef int64) int64 {
	if !n.p.Tasks[i].Duration.Elapsed || n.dur[i] == 0 {
		return ef - n.dur[i]
	}
	return n.cal.Ordinal(n.cal.FinishOf(ef).Add(-time.Duration(n.dur[i]) * time.Minute))
}

func (n *network) forward() {
	n.start = n.cal.Ordinal(n.p.Project.Start)
	n.first, n.finish = maxOrd, minOrd
	for _, k := range n.topo {
		n.forwardNode(k)
		if nd := &n.nodes[k]; nd.kind == leaf {
			n.first, n.finish = min(n.first, nd.es), max(n.finish, nd.ef)
		}
	}
}

// forwardFrom reruns the forward pass from position at of the topological
// order: the nodes before it have no path from any node after it, so their
// values stand.
func (n *network) forwardFrom(at int) {
	for _, k := range n.topo[at:] {
		n.forwardNode(k)
	}
	n.first, n.finish = maxOrd, minOrd
	for k := range n.nodes {
		if nd := &n.nodes[k]; nd.kind == leaf {
			n.first, n.finish = min(n.first, nd.es), max(n.finish, nd.ef)
		}
	}
}

// forwardNode sets node k's forward values from its predecessors'.
func (n *network) forwardNode(k int) {
	nd := &n.nodes[k]
	switch nd.kind {
	case leaf:
		n.forwardLeaf(k)
	case sumIn:
		nd.es, nd.ef = minOrd, minOrd // children apply the project start themselves
		for _, e := range n.in(k) {
			s, f := n.requirement(e)
			nd.es, nd.ef = max(nd.es, s), max(nd.ef, f)
		}
	case sumStart:
		nd.es = maxOrd
		for _, e := range n.in(k) {
			nd.es = min(nd.es, n.nodes[int(e.from)].es)
		}
	case sumFinish:
		nd.es = minOrd
		for _, e := range n.in(k) {
			src := &n.nodes[int(e.from)]
			if src.kind == leaf {
				nd.es = max(nd.es, src.ef)
			} else {
				nd.es = max(nd.es, src.es)
			}
		}
	}
}

// requirement is the earliest start and finish that edge e imposes on its
// target, from its source's forward values.
func (n *network) requirement(e edge) (start, finish int64) {
	start, finish = minOrd, minOrd
	src := &n.nodes[int(e.from)]
	if e.dep < 0 { // parent's "in" reaching a child
		return src.es, src.ef
	}
	srcStart, srcFinish := src.es, src.ef
	if src.kind != leaf {
		srcStart, srcFinish = src.es, src.es
	}
	predDur := n.durOf(int(e.from))
	switch e.typ {
	case linkFS:
		start = srcFinish + n.lagMinutes(e, srcFinish, predDur, true)
	case linkSS:
		start = srcStart + n.lagMinutes(e, srcStart, predDur, true)
	case linkFF:
		finish = srcFinish + n.lagMinutes(e, srcFinish, predDur, true)
	case linkSF:
		finish = srcStart + n.lagMinutes(e, srcStart, predDur, true)
	}
	return start, finish
}

func (n *network) forwardLeaf(k int) {
	nd := &n.nodes[k]
	i := int(nd.task)
	t := &n.p.Tasks[i]
	es, efReq := int64(minOrd), int64(minOrd)
	for _, e := range n.in(k) {
		s, f := n.requirement(e)
		es, efReq = max(es, s), max(efReq, f)
	}
	if efReq > minOrd {
		es = max(es, n.startFor(i, efReq))
	}
	// A task that nothing drives starts with the project, unless a date
	// constraint places it: as in MS Project, the project start is a
	// default, not a bound, so SNET and FNET dates may precede it.
	if es == minOrd && t.Constraint != domain.SNET && t.Constraint != domain.FNET {
		es = n.start
	}
	switch t.Constraint {
	case domain.SNET:
		es = max(es, n.cal.Ordinal(t.ConstraintDate))
	case domain.FNET:
		es = max(es, n.startFor(i, n.finishOrd(t.ConstraintDate)))
	case domain.MSO, domain.MFO:
		nd.linkEF = n.finishFor(i, es)
		if t.Constraint == domain.MSO {
			es = n.cal.Ordinal(t.ConstraintDate)
		} else {
			es = n.startFor(i, n.finishOrd(t.ConstraintDate))
		}
	}
	if t.Mode == domain.Manual && !t.Start.IsZero() {
		es = n.cal.Ordinal(t.Start)
	}
	nd.es, nd.ef = n.progress(i, es)
}

// progress places task i given its early start from links and
// constraints: actual dates stand; the remaining part of a task in
// progress, and a task not started, move after the status date.
func (n *network) progress(i int, es int64) (int64, int64) {
	t := &n.p.Tasks[i]
	status := int64(minOrd)
	if !n.opt.StatusDate.IsZero() {
		status = n.cal.Ordinal(n.opt.StatusDate)
	}
	switch {
	case !t.ActualFinish.IsZero():
		ef := n.cal.Ordinal(t.ActualFinish)
		if !t.ActualStart.IsZero() {
			return n.cal.Ordinal(t.ActualStart), ef
		}
		return min(n.startFor(i, ef), ef), ef
	case !t.ActualStart.IsZero() || t.PercentComplete > 0:
		if !t.ActualStart.IsZero() {
			es = n.cal.Ordinal(t.ActualStart)
		}
		ef := n.finishFor(i, es)
		if t.PercentComplete >= 100 || status == minOrd {
			return es, ef
		}
		done := (ef - es) * int64(t.PercentComplete) / 100
		if es+done < status { // the rest resumes at the status date
			return es, status + (ef - es - done)
		}
		return es, ef
	}
	return n.placeForward(i, max(es, status))
}

func (n *network) backward() {
	for k := range n.nodes {
		n.nodes[k].ls, n.nodes[k].lf = maxOrd, maxOrd
	}
	for i := len(n.topo) - 1; i >= 0; i-- {
		k := n.topo[i]
		nd := &n.nodes[k]
		switch nd.kind {
		case leaf:
			n.backwardLeaf(k)
		case sumStart, sumFinish:
			lf := n.finish
			if nd.kind == sumStart {
				lf = maxOrd
			}
			for _, e := range n.out(k) {
				lf = min(lf, n.limit(e))
			}
			nd.lf = lf
		case sumIn:
			ls, lf := int64(maxOrd), int64(maxOrd)
			for _, e := range n.out(k) {
				c := &n.nodes[int(e.to)]
				ls, lf = min(ls, c.ls), min(lf, c.lf)
			}
			nd.ls, nd.lf = ls, lf
		}
	}
}

// limit is the latest finish (for a leaf source) or latest date (for a
// summary roll-up source) that edge e allows its source, from the target's
// backward values.
func (n *network) limit(e edge) int64 {
	dst := &n.nodes[int(e.to)]
	if e.dep < 0 { // child rolling up into a parent's start/finish
		return dst.lf
	}
	predDur := n.durOf(int(e.from))
	var lim int64
	switch e.typ {
	case linkFS, linkSS:
		lim = dst.ls - n.lagMinutes(e, dst.ls, predDur, false)
	case linkFF, linkSF:
		lim = dst.lf - n.lagMinutes(e, dst.lf, predDur, false)
	}
	return lim
}

func (n *network) backwardLeaf(k int) {
	nd := &n.nodes[k]
	i := int(nd.task)
	t := &n.p.Tasks[i]
	if n.finished(k) { // its late dates are its actual dates: it has no float left
		nd.ls, nd.lf = nd.es, nd.ef
		return
	}
	lf := n.finish
	for _, e := range n.out(k) {
		if e.dep >= 0 && n.finished(int(e.to)) {
			continue // a finished successor cannot be delayed, so it limits nothing
		}
		lim := n.limit(e)
		if lim >= maxOrd {
			continue // nothing after this edge limits the task
		}
		startBased := e.dep >= 0 && e.typ.fromStart()
		if e.dep < 0 && n.nodes[int(e.to)].kind == sumStart {
			startBased = true
		}
		if startBased {
			if e.dep >= 0 && !n.opt.LegacyStartLinkSlack {
				continue
			}
			lim = n.finishFor(i, lim) // the link limits this task's start
		}
		lf = min(lf, lim)
	}
	switch t.Constraint {
	case domain.SNLT:
		lf = min(lf, n.finishFor(i, n.cal.Ordinal(t.ConstraintDate)))
	case domain.FNLT:
		lf = min(lf, n.finishOrd(t.ConstraintDate))
	case domain.MSO:
		lf = n.finishFor(i, n.cal.Ordinal(t.ConstraintDate))
	case domain.MFO:
		lf = n.finishOrd(t.ConstraintDate)
	}
	if !t.Deadline.IsZero() {
		lf = min(lf, n.finishOrd(t.Deadline))
	}
	nd.ls, nd.lf = n.placeBackward(i, lf)
}

// dates turns a start and finish ordinal into project-local dates: a
// span starts at the start of its first working minute and finishes at the
// end of its last; a zero-length span (a milestone) sits at the end of the
// working time before it, as MS Project shows it.
func (n *network) dates(s, f int64) (time.Time, time.Time) {
	if s == f {
		t := n.cal.FinishOf(s)
		return t, t
	}
	return n.cal.StartOf(s), n.cal.FinishOf(f)
}

// freeFloat is how far the node's finish can slip without delaying any
// successor's early dates, or the project finish when it has none.
func (n *network) freeFloat(k int, ef int64) int64 {
	ff := int64(maxOrd)
	hasSucc := false
	for _, e := range n.out(k) {
		if e.dep < 0 {
			continue
		}
		hasSucc = true
		dst := &n.nodes[int(e.to)]
		req := ef
		if e.typ.fromStart() {
			req = n.nodes[k].es
		}
		lag := n.lagMinutes(e, req, n.durOf(k), true)
		if e.typ.toStart() {
			ff = min(ff, dst.es-(req+lag))
		} else {
			ff = min(ff, dst.ef-(req+lag))
		}
	}
	if !hasSucc {
		ff = n.finish - ef
	}
	return ff
}

// String is a short description, for debugging.
func (t Task) String() string {
	return fmt.Sprintf("%d %s %s–%s TF=%d", t.UID, t.Name, t.Start.Format(domain.DateTimeLayout), t.Finish.Format(domain.DateTimeLayout), t.TotalFloat)
}

// wbsOrder lists task indices depth first, children by Position then ID,
// as a WBS table shows them.
func wbsOrder(tasks []domain.Task, parent []int32) []int {
	nt := len(tasks)
	at := make([]int32, nt+2) // children of parent p (nt: the root) are kids[at[p]:at[p+1]]
	for _, p := range parent {
		at[bucket(p, nt)+1]++
	}
	for k := 0; k <= nt; k++ {
		at[k+1] += at[k]
	}
	kids := make([]int32, nt)
	next := append([]int32(nil), at[:nt+1]...)
	for i, p := range parent {
		b := bucket(p, nt)
		kids[next[b]] = int32(i)
		next[b]++
	}
	for b := 0; b <= nt; b++ {
		run := kids[at[b]:at[b+1]]
		if len(run) > 1 {
			slices.SortFunc(run, func(x, y int32) int {
				return cmp.Or(cmp.Compare(tasks[x].Position, tasks[y].Position), cmp.Compare(tasks[x].ID, tasks[y].ID))
			})
		}
	}
	order := make([]int, 0, nt)
	type frame struct{ next, end int32 }
	stack := []frame{{at[nt], at[nt+1]}}
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		if top.next == top.end {
			stack = stack[:len(stack)-1]
			continue
		}
		i := kids[top.next]
		top.next++
		order = append(order, int(i))
		if at[i] < at[i+1] {
			stack = append(stack, frame{at[i], at[i+1]})
		}
	}
	return order
}

// bucket is the children list a parent index maps to; the root is nt.
func bucket(p int32, nt int) int {
	if p < 0 {
		return nt
	}
	return int(p)
}

// outlineNumbers numbers tasks in WBS order ("1", "1.1", "1.2", "2"): each
// task is its parent's number and its place among its siblings.
func outlineNumbers(order []int, parent []int32) []string {
	out := make([]string, len(parent))
	kids := make([]int, len(parent)+1) // children numbered so far; the root is last
	for _, i := range order {
		b := bucket(parent[i], len(parent))
		kids[b]++
		if parent[i] < 0 {
			out[i] = strconv.Itoa(kids[b])
		} else {
			out[i] = out[parent[i]] + "." + strconv.Itoa(kids[b])
		}
	}
	return out
}
