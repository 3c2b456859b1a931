package level

import "math/rand/v2"

// crossover is the peak crossover, after Valls, Ballestín & Quintanilla:
// good schedules hold stretches where the resources are used densely,
// and a child should inherit such a stretch whole. It works on random
// keys: each activity's key is its time in a parent, measured from the
// start for forward lists and from the end (to its finish) for backward
// lists. Within the window of the father's schedule that uses the
// resources most, the child takes the father's keys; elsewhere the
// mother's. The child's list orders the activities by key, each after its
// predecessors in the direction of the list, ties in the mother's order.
// It keeps scratch space, so one crossover serves one goroutine.
type crossover struct {
	net   *network
	keys  []int32
	rank  []int32
	indeg []int32
	heap  []int32
	load  []float64 // per activity: sum over resources of demand/capacity
	util  []float64 // per period of the father's schedule
}

func newCrossover(net *network) *crossover {
	c := &crossover{
		net:   net,
		keys:  make([]int32, net.n),
		rank:  make([]int32, net.n),
		indeg: make([]int32, net.n),
		heap:  make([]int32, 0, net.n),
		load:  make([]float64, net.n),
	}
	for j := range net.n {
		for i := net.demIdx[j]; i < net.demIdx[j+1]; i++ {
			c.load[j] += float64(net.demQty[i]) / float64(net.capacity[net.demRes[i]])
		}
	}
	return c
}

// key is the time of j in ind, in the direction of the lists.
func (c *crossover) key(ind *individual, j int32, backward bool) int32 {
	if backward {
		return int32(ind.makespan) - ind.start[j] - c.net.dur[j]
	}
	return ind.start[j]
}

// peak writes the child of mother and father into out.
func (c *crossover) peak(rng *rand.Rand, par params, mother, father *individual, backward bool, out []int32) {
	t1, t2 := c.window(rng, par, father, backward)
	for j := range int32(c.net.n) {
		if k := c.key(father, j, backward); k >= t1 && k < t2 {
			c.keys[j] = 2 * k
		} else {
			c.keys[j] = 2*c.key(mother, j, backward) + 1
		}
	}
	for i, j := range mother.list {
		c.rank[j] = int32(i)
	}
	c.order(backward, out)
}

// window picks a length between par.peakMin and par.peakMax of the
// father's makespan at random and returns the window of that length, in
// key time, over which the father's schedule uses the most resources.
func (c *crossover) window(rng *rand.Rand, par params, father *individual, backward bool) (int32, int32) {
	m := father.makespan
	if m == 0 {
		return 0, 0
	}
	if cap(c.util) < m {
		c.util = make([]float64, m)
	}
	util := c.util[:m]
	clear(util)
	for j := range int32(c.net.n) {
		if c.load[j] == 0 {
			continue
		}
		k := c.key(father, j, backward)
		for t := k; t < k+c.net.dur[j]; t++ {
			util[t] += c.load[j]
		}
	}
	lo := max(1, int(par.peakMin*float64(m)))
	hi := max(lo, int(par.peakMax*float64(m)))
	l := min(m, lo+rng.IntN(hi-lo+1))
	sum := 0.0
	for _, u := range util[:l] {
		sum += u
	}
	best, at := sum, 0
	for t := l; t < m; t++ {
		sum += util[t] - util[t-l]
		if sum > best+1e-9 {
			best, at = sum, t-l+1
		}
	}
	return int32(at), int32(at + l)
}

// order lists the activities by (key, rank), each after its predecessors
// (successors, for backward lists): Kahn's algorithm with a heap.
func (c *crossover) order(backward bool, out []int32) {
	net := c.net
	predIdx, succIdx, succs := net.predIdx, net.succIdx, net.succs
	if backward {
		predIdx, succIdx, succs = net.succIdx, net.predIdx, net.preds
	}
	c.heap = c.heap[:0]
	for j := range int32(net.n) {
		c.indeg[j] = predIdx[j+1] - predIdx[j]
		if c.indeg[j] == 0 {
			c.push(j)
		}
	}
	for pos := range out {
		j := c.pop()
		out[pos] = j
		for _, x := range succs[succIdx[j]:succIdx[j+1]] {
			c.indeg[x]--
			if c.indeg[x] == 0 {
				c.push(x)
			}
		}
	}
}

func (c *crossover) less(a, b int32) bool {
	return c.keys[a] < c.keys[b] || c.keys[a] == c.keys[b] && c.rank[a] < c.rank[b]
}

func (c *crossover) push(j int32) {
	h := append(c.heap, j)
	i := len(h) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !c.less(h[i], h[p]) {
			break
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
	c.heap = h
}

func (c *crossover) pop() int32 {
	h := c.heap
	top := h[0]
	last := len(h) - 1
	h[0] = h[last]
	h = h[:last]
	for i := 0; ; {
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(h) && c.less(h[l], h[m]) {
			m = l
		}
		if r < len(h) && c.less(h[r], h[m]) {
			m = r
		}
		if m == i {
			break
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
	c.heap = h
	return top
}
