package level

// network is a validated Problem compiled for fast scheduling: adjacency
// in compressed rows, each activity's non-zero demands as parallel
// resource and quantity slices, and int32 everywhere to keep the hot data
// small.
type network struct {
	n, k     int
	dur      []int32
	release  []int32 // nil when every release date is 0
	predIdx  []int32 // preds[predIdx[j]:predIdx[j+1]] precede j
	preds    []int32
	succIdx  []int32 // succs[succIdx[j]:succIdx[j+1]] follow j
	succs    []int32
	demIdx   []int32 // demRes/demQty[demIdx[j]:demIdx[j+1]] are j's demands
	demRes   []int32
	demQty   []int32
	capacity []int32
	// horizon bounds every serial schedule's makespan: no activity starts
	// later than the latest release plus the sum of all durations.
	horizon int
	// topo is a topological order, the base for breaking ties.
	topo []int32
	// lft and lst are the latest finish and start in the critical-path
	// schedule that ignores resources; cpm is its makespan.
	lft, lst []int32
	cpm      int
	priority []int32 // user priority, nil when none
}

// compile turns a validated problem into a network.
func compile(p *Problem, priority []int) *network {
	n, k := len(p.Durations), len(p.Capacity)
	net := &network{n: n, k: k, dur: make([]int32, n), capacity: make([]int32, k)}
	sum := 0
	for j, d := range p.Durations {
		net.dur[j] = int32(d)
		sum += d
	}
	for r, c := range p.Capacity {
		net.capacity[r] = int32(c)
	}
	maxRelease := 0
	for _, r := range p.Release {
		maxRelease = max(maxRelease, r)
	}
	if maxRelease > 0 {
		net.release = make([]int32, n)
		for j, r := range p.Release {
			net.release[j] = int32(r)
		}
	}
	net.horizon = sum + maxRelease + 1
	net.compileArcs(p)
	net.compileDemand(p)
	for _, j := range topoOrder(p) {
		net.topo = append(net.topo, int32(j))
	}
	if priority != nil {
		net.priority = make([]int32, n)
		for j := range min(n, len(priority)) {
			net.priority[j] = int32(priority[j])
		}
	}
	net.computeLateTimes()
	return net
}

func (net *network) compileArcs(p *Problem) {
	n := net.n
	net.predIdx = make([]int32, n+1)
	net.succIdx = make([]int32, n+1)
	seen := make(map[[2]int]bool)
	type arc struct{ from, to int }
	var arcs []arc
	for j := range p.Succ {
		for _, s := range p.Succ[j] {
			if seen[[2]int{j, s}] {
				continue
			}
			seen[[2]int{j, s}] = true
			arcs = append(arcs, arc{j, s})
			net.succIdx[j+1]++
			net.predIdx[s+1]++
		}
	}
	for j := range n {
		net.succIdx[j+1] += net.succIdx[j]
		net.predIdx[j+1] += net.predIdx[j]
	}
	net.succs = make([]int32, len(arcs))
	net.preds = make([]int32, len(arcs))
	sfill := append([]int32(nil), net.succIdx[:n]...)
	pfill := append([]int32(nil), net.predIdx[:n]...)
	for _, a := range arcs {
		net.succs[sfill[a.from]] = int32(a.to)
		sfill[a.from]++
		net.preds[pfill[a.to]] = int32(a.from)
		pfill[a.to]++
	}
}

func (net *network) compileDemand(p *Problem) {
	net.demIdx = make([]int32, net.n+1)
	for j := range net.n {
		if net.dur[j] > 0 && p.Demand != nil {
			for r, q := range p.Demand[j] {
				if q > 0 {
					net.demRes = append(net.demRes, int32(r))
					net.demQty = append(net.demQty, int32(q))
				}
			}
		}
		net.demIdx[j+1] = int32(len(net.demRes))
	}
}

// computeLateTimes fills cpm, lft and lst from the resource-free
// critical-path schedule, release dates included.
func (net *network) computeLateTimes() {
	n := net.n
	ef := make([]int32, n)
	for _, j := range net.topo {
		es := int32(0)
		if net.release != nil {
			es = net.release[j]
		}
		for _, p := range net.preds[net.predIdx[j]:net.predIdx[j+1]] {
			es = max(es, ef[p])
		}
		ef[j] = es + net.dur[j]
		net.cpm = max(net.cpm, int(ef[j]))
	}
	net.lft = make([]int32, n)
	net.lst = make([]int32, n)
	for i := n - 1; i >= 0; i-- {
		j := net.topo[i]
		lf := int32(net.cpm)
		for _, s := range net.succs[net.succIdx[j]:net.succIdx[j+1]] {
			lf = min(lf, net.lst[s])
		}
		net.lft[j] = lf
		net.lst[j] = lf - net.dur[j]
	}
}
