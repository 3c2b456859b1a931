package risk

import (
	"cmp"
	"context"
	"math"
	"math/bits"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/cairnpm/cairn/cost"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/schedule"
)

// event is an Event compiled to nodes.
type event struct {
	p          float64
	dmin, dmax int64
	cmin, cmax int64
	nodes      []int32
	src        *Event
}

// sim is a model compiled for running: the network, what to sample, and
// the constant parts of the outputs.
type sim struct {
	net      *network
	parent   []int32 // per task index: its parent's index, -1 at the top
	samplers []sampler
	sNode    []int32      // per sampler: its node, for the tallies
	tri      []triSampler // the uncorrelated triangular samplers, drawn first
	other    []int32      // the other samplers, by index, drawn next
	groups   int
	events   []event
	reset    []int32 // leaves that events lengthen but nothing samples
	track    []int32 // nodes whose finish each run records
	// Cost: a run costs the planned cost, and varRate[j] more for each
	// minute leaf varNode[j] runs over its planned duration.
	plannedCost int64
	varNode     []int32
	varRate     []float64
	ix          *domain.Index
	seed        uint64
	plannedEnd  int64   // the project finish with planned durations, for centring
	plannedEF   []int64 // per node: its finish with planned durations
	iterations  int
	finishes    []int64 // per run
	costs       []int64 // per run
	trackFinish [][]int64
}

// Simulate runs the model: m.Iterations forward passes of the whole
// schedule, each with durations and risk events drawn afresh, spread over
// m.Workers goroutines. It fails with a domain error when the plan or the
// model is invalid, and with ctx.Err() when ctx is cancelled first.
func Simulate(ctx context.Context, m Model) (*Result, error) {
	if m.Plan == nil {
		return nil, domain.Invalid("required", "plan", "a simulation needs a plan")
	}
	det, err := schedule.Compute(m.Plan, m.Options) // validates as cairn schedule does
	if err != nil {
		return nil, err
	}
	ix, err := m.Plan.Check()
	if err != nil {
		return nil, err
	}
	summary := make([]bool, len(m.Plan.Tasks))
	for _, pi := range ix.Parent {
		if pi >= 0 {
			summary[pi] = true
		}
	}
	if err := m.validate(ix, summary); err != nil {
		return nil, err
	}
	if m.Iterations == 0 {
		m.Iterations = DefaultIterations
	}
	var keep []int // summaries whose finish is tracked
	for _, id := range m.Track {
		if i, _ := ix.Find(id); summary[i] {
			keep = append(keep, i)
		}
	}
	net, err := compile(m.Plan, ix, summary, m.Options.StatusDate, keep)
	if err != nil {
		return nil, err
	}
	planned, err := cost.Compute(m.Plan, det, cost.Options{})
	if err != nil {
		return nil, err
	}
	s, err := newSim(&m, ix, net, planned)
	if err != nil {
		return nil, err
	}
	stats, err := s.run(ctx, m.Workers, m.Progress)
	if err != nil {
		return nil, err
	}
	return s.result(&m, det, stats), nil
}

func newSim(m *Model, ix *domain.Index, net *network, planned *cost.Result) (*sim, error) {
	p := m.Plan
	s := &sim{net: net, ix: ix, parent: ix.Parent, seed: m.Seed, iterations: m.Iterations}
	group := map[int64]int{}
	for gi, g := range m.Groups {
		for _, id := range g.Tasks {
			if _, dup := group[id]; dup {
				return nil, domain.Invalid("duplicate_group", "groups", "task %d is in two correlation groups; put it in one", id)
			}
			group[id] = gi
		}
	}
	s.groups = len(m.Groups)
	for id, e := range m.Estimates {
		i, _ := ix.Find(id)
		sm := newSampler(net.leafOf[i], e)
		if gi, ok := group[id]; ok {
			c := m.Groups[gi].Correlation
			sm.group, sm.load, sm.resid = int32(gi), math.Sqrt(c), math.Sqrt(1-c)
			if sm.dist == PERT && sm.b > sm.a {
				sm.inv = newBetaInverse(sm.alpha, sm.beta)
			}
		}
		s.samplers = append(s.samplers, sm)
	}
	// In node order: the same draws in the same order on every run, and
	// durations written in the order the pass reads them.
	slices.SortFunc(s.samplers, func(a, b sampler) int { return cmp.Compare(a.node, b.node) })
	variable := make([]bool, len(net.kind))
	for j, sm := range s.samplers {
		variable[sm.node] = true
		s.sNode = append(s.sNode, sm.node)
		if sm.dist == Triangular && sm.group < 0 {
			s.tri = append(s.tri, triSampler{node: sm.node, a: sm.a, b: sm.b, fc: sm.fc, k1: sm.k1, k2: sm.k2})
		} else {
			s.other = append(s.other, int32(j))
		}
	}
	for ei := range m.Events {
		ev := &m.Events[ei]
		e := event{p: ev.Probability, dmin: ev.DelayMin, dmax: ev.DelayMax, cmin: ev.CostMin, cmax: ev.CostMax, src: ev}
		for _, id := range ev.Tasks {
			i, _ := ix.Find(id)
			k := net.leafOf[i]
			e.nodes = append(e.nodes, k)
			if !variable[k] {
				variable[k] = true
				s.reset = append(s.reset, k)
			}
		}
		s.events = append(s.events, e)
	}
	s.plannedCost = planned.Project.Cost
	for k, rate := range net.costRates(p, ix, planned) {
		if rate != 0 && variable[k] {
			s.varNode, s.varRate = append(s.varNode, int32(k)), append(s.varRate, rate)
		}
	}
	s.track = trackedNodes(m, ix, net)
	w := net.newPass()
	s.plannedEnd = net.forward(w)
	s.plannedEF = w.ef
	return s, nil
}

// trackedNodes lists the leaves whose finish every run records.
func trackedNodes(m *Model, ix *domain.Index, net *network) []int32 {
	var out []int32
	if m.Track != nil {
		for _, id := range m.Track {
			i, _ := ix.Find(id)
			out = append(out, trackNode(net, i))
		}
		return out
	}
	for i := range m.Plan.Tasks {
		t := &m.Plan.Tasks[i]
		if net.leafOf[i] >= 0 && (t.Kind == domain.KindMilestone || !t.Deadline.IsZero()) {
			out = append(out, net.leafOf[i])
		}
	}
	return out
}

// trackNode is the node whose finish is task i's: a summary's finish node.
func trackNode(net *network, i int) int32 {
	if k := net.leafOf[i]; k >= 0 {
		return k
	}
	for k, kind := range net.kind {
		if kind == kFinish && int(net.task[k]) == i {
			return int32(k)
		}
	}
	return -1
}

// acc128 is a signed 128-bit sum. Totals kept as exact integers do not
// depend on the order runs are added in, so results are the same for any
// number of workers.
type acc128 struct {
	hi int64
	lo uint64
}

func (a *acc128) add(v int64) {
	var c uint64
	a.lo, c = bits.Add64(a.lo, uint64(v), 0)
	a.hi += v>>63 + int64(c)
}

// addProduct adds x·y, which may not fit in 64 bits.
func (a *acc128) addProduct(x, y int64) {
	if x > -1<<31 && x < 1<<31 && y > -1<<31 && y < 1<<31 {
		a.add(x * y)
		return
	}
	neg := (x < 0) != (y < 0)
	hi, lo := bits.Mul64(absU(x), absU(y))
	if neg { // two's complement of the 128-bit product
		lo = ^lo + 1
		hi = ^hi
		if lo == 0 {
			hi++
		}
	}
	a.merge(acc128{hi: int64(hi), lo: lo})
}

func absU(x int64) uint64 {
	if x < 0 {
		return uint64(-x)
	}
	return uint64(x)
}

func (a *acc128) merge(b acc128) {
	var c uint64
	a.lo, c = bits.Add64(a.lo, b.lo, 0)
	a.hi += b.hi + int64(c)
}

func (a acc128) float() float64 { return float64(a.hi)*0x1p64 + float64(a.lo) }

// sensSums are one sampled task's sums. |δ| < 2³⁰, so Σδ fits in 64 bits
// for 2³³ runs.
type sensSums struct {
	sd       int64
	sdd, sdf acc128
}

// tally is what a worker adds up over its runs: integer sums only.
type tally struct {
	critical []int64 // per node: runs on a driving path
	summary  []int64 // per task index: runs with a critical leaf under it
	// Per sampler, with δ the duration minus the planned one and φ the
	// finish minus the planned finish: Σδ, Σδ², Σδφ.
	sens []sensSums
	// Per event: runs in which it occurred, and Σφ over those runs.
	occurred []int64
	occF     []acc128
}

func (s *sim) newTally() *tally {
	ns := len(s.samplers)
	return &tally{critical: make([]int64, len(s.net.kind)), summary: make([]int64, len(s.parent)),
		sens:     make([]sensSums, ns),
		occurred: make([]int64, len(s.events)), occF: make([]acc128, len(s.events))}
}

func (t *tally) merge(o *tally) {
	for k, v := range o.critical {
		t.critical[k] += v
	}
	for k, v := range o.summary {
		t.summary[k] += v
	}
	for k := range o.sens {
		t.sens[k].sd += o.sens[k].sd
		t.sens[k].sdd.merge(o.sens[k].sdd)
		t.sens[k].sdf.merge(o.sens[k].sdf)
	}
	for k := range o.occurred {
		t.occurred[k] += o.occurred[k]
		t.occF[k].merge(o.occF[k])
	}
}

// worker is one goroutine's state, reused for every run it does.
type worker struct {
	s     *sim
	pass  *pass
	pcg   *rand.PCG
	rng   *rand.Rand
	z     []float64 // per group: this run's shared factor
	occ   []bool    // per event: occurred this run
	stamp []int32   // per task index: the last run counted in tally.summary
	t     *tally
}

func (s *sim) newWorker() *worker {
	pcg := rand.NewPCG(0, 0)
	w := &worker{s: s, pass: s.net.newPass(), pcg: pcg, rng: rand.New(pcg),
		z: make([]float64, s.groups), occ: make([]bool, len(s.events)), stamp: make([]int32, len(s.parent)), t: s.newTally()}
	for i := range w.stamp {
		w.stamp[i] = -1
	}
	return w
}

// run does runs [0, iterations) on workers goroutines.
func (s *sim) run(ctx context.Context, workers int, progress func(done, total int)) (*tally, error) {
	n := s.iterations
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, n))
	chunk := max(1, min(256, n/(workers*32)))
	s.finishes, s.costs = make([]int64, n), make([]int64, n)
	s.trackFinish = make([][]int64, len(s.track))
	for i := range s.trackFinish {
		s.trackFinish[i] = make([]int64, n)
	}
	var next atomic.Int64
	var mu sync.Mutex
	done := 0
	ws := make([]*worker, workers)
	var wg sync.WaitGroup
	for wi := range ws {
		ws[wi] = s.newWorker()
		wg.Add(1)
		go func(w *worker) {
			defer wg.Done()
			for ctx.Err() == nil {
				lo := int(next.Add(int64(chunk))) - chunk
				if lo >= n {
					return
				}
				hi := min(lo+chunk, n)
				for i := lo; i < hi; i++ {
					w.runOnce(i)
				}
				if progress != nil {
					mu.Lock()
					done += hi - lo
					progress(done, n)
					mu.Unlock()
				}
			}
		}(ws[wi])
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	total := ws[0].t
	for _, w := range ws[1:] {
		total.merge(w.t)
	}
	return total, nil
}

// runOnce does run i: draw, pass, mark the critical path, record.
func (w *worker) runOnce(i int) {
	s, net, ps := w.s, w.s.net, w.pass
	seedRun(w.pcg, s.seed, i)
	for g := range w.z {
		w.z[g] = w.rng.NormFloat64()
	}
	dur := ps.dur
	for j := range s.tri { // the common case, kept small and inlined
		t := &s.tri[j]
		var x float64
		if u := uniform(w.pcg); u < t.fc {
			x = t.a + math.Sqrt(u*t.k1)
		} else {
			x = t.b - math.Sqrt((1-u)*t.k2)
		}
		dur[t.node] = int64(x + 0.5) // a ≤ x ≤ b, both valid durations
	}
	for _, j := range s.other {
		sm := &s.samplers[j]
		var x float64
		if sm.group >= 0 {
			x = sm.fromNormal(sm.load*w.z[sm.group] + sm.resid*w.rng.NormFloat64())
		} else {
			x = sm.draw(w.pcg, w.rng)
		}
		dur[sm.node] = toMinutes(x)
	}
	for _, k := range s.reset {
		dur[k] = net.base[k]
	}
	var eventCost int64
	for e := range s.events {
		ev := &s.events[e]
		w.occ[e] = uniform(w.pcg) < ev.p
		if !w.occ[e] {
			continue
		}
		delay := ev.dmin
		if ev.dmax > ev.dmin {
			delay += w.rng.Int64N(ev.dmax - ev.dmin + 1)
		}
		for _, k := range ev.nodes {
			dur[k] = min(dur[k]+delay, maxDuration)
		}
		c := ev.cmin
		if ev.cmax > ev.cmin {
			c += w.rng.Int64N(ev.cmax - ev.cmin + 1)
		}
		eventCost += c
	}
	finish := net.forward(ps)
	net.critical(ps, finish)
	var extra float64
	for j, k := range s.varNode {
		extra += s.varRate[j] * float64(dur[k]-net.base[k])
	}
	s.finishes[i], s.costs[i] = finish, s.plannedCost+int64(math.Round(extra))+eventCost
	for j, k := range s.track {
		s.trackFinish[j][i] = ps.ef[k]
	}
	w.tallyRun(int32(i), finish)
}

// tallyRun adds run i to the worker's sums.
func (w *worker) tallyRun(i int32, finish int64) {
	s, net, ps, t := w.s, w.s.net, w.pass, w.t
	for _, k := range ps.onPath {
		t.critical[k]++
		for p := s.parent[net.task[k]]; p >= 0 && w.stamp[p] != i; p = s.parent[p] {
			w.stamp[p] = i
			t.summary[p]++
		}
	}
	phi := finish - s.plannedEnd
	for j, k := range s.sNode {
		d := ps.dur[k] - net.base[k]
		a := &t.sens[j]
		a.sd += d
		a.sdd.add(d * d)
		a.sdf.addProduct(d, phi)
	}
	for e, occ := range w.occ {
		if occ {
			t.occurred[e]++
			t.occF[e].add(phi)
		}
	}
}
