package level

import (
	"context"
	"math/rand/v2"
	"slices"
)

// planSearch looks for the best schedule of a plan's network within a
// budget of passes: priority-rule schedules first, each improved by
// forward-backward passes, then schedules bred from the best ones by
// perturbing their start times, each improved the same way.
type planSearch struct {
	net    *planNet
	dec    *planDecoder
	rng    *rand.Rand
	budget int
	spent  int
	order  *lister
	elite  []*planCand
	best   *planCand
}

// planCand is a decoded schedule with the list that produced it.
type planCand struct {
	list          []int32
	start, finish []int64 // per node, as planDecoder.s and .f
	sc            score
	key           uint64
}

// eliteSize is how many distinct good schedules the search breeds from.
const eliteSize = 8

func newPlanSearch(net *planNet, budget int, seed uint64) *planSearch {
	return &planSearch{
		net: net, dec: newPlanDecoder(net),
		rng:    rand.New(rand.NewPCG(seed, 0x6c8e9cf570932bd5)),
		budget: max(1, budget),
		order:  newLister(net),
	}
}

// run spends the budget and leaves the best schedule in s.best.
func (s *planSearch) run(ctx context.Context) error {
	nn := len(s.net.kind)
	k1, k2 := make([]int64, nn), make([]int64, nn)
	for rule := range 4 {
		if s.spent >= s.budget {
			break
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		s.ruleKeys(rule, k1, k2)
		c := s.decode(s.order.forward(k1, k2))
		s.improve(c)
		if s.done() {
			return nil
		}
	}
	for s.spent < s.budget && !s.done() {
		if s.spent%16 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		s.perturb(s.pick(), k1, k2)
		c := s.decode(s.order.forward(k1, k2))
		s.improve(c)
	}
	return ctx.Err()
}

// done reports that no schedule can beat the best: nothing was delayed,
// nothing was left for want of slack, and the project ends when the
// unlevelled one did.
func (s *planSearch) done() bool {
	b := s.best
	return b != nil && b.sc.delay == 0 && b.sc.stayed == 0 && b.sc.finish <= s.net.cpmEnd
}

// ruleKeys fills the keys of a priority rule, smaller first:
// 0 priority, then latest start (MS Project's "priority, standard");
// 1 latest start, then priority; 2 latest finish; 3 early start.
func (s *planSearch) ruleKeys(rule int, k1, k2 []int64) {
	net := s.net
	for k := range k1 {
		if net.kind[k] != kindLeaf {
			k1[k], k2[k] = minOrd, minOrd
			continue
		}
		prio := -int64(net.prio[k])
		switch rule {
		case 0:
			k1[k], k2[k] = prio, net.lst[k]
		case 1:
			k1[k], k2[k] = net.lst[k], prio
		case 2:
			k1[k], k2[k] = net.lft[k], prio
		default:
			k1[k], k2[k] = net.release[k], net.lst[k]
		}
	}
}

// decode runs one forward pass and keeps its schedule if it is good.
func (s *planSearch) decode(list []int32) *planCand {
	s.spent++
	sc := s.dec.forward(list)
	c := &planCand{list: list, start: append([]int64(nil), s.dec.s...), finish: append([]int64(nil), s.dec.f...), sc: sc}
	for k, v := range c.start {
		if s.net.kind[k] == kindLeaf {
			c.key = (c.key ^ uint64(v)) * 1099511628211
		}
	}
	s.consider(c)
	return c
}

// improve applies forward-backward improvement to c while it helps: a
// backward pass in order of decreasing finish pushes every task as late
// as it can go, and a forward pass in order of the resulting starts pulls
// them back, often closing gaps (Valls, Ballestín & Quintanilla's double
// justification).
func (s *planSearch) improve(c *planCand) {
	nn := len(s.net.kind)
	k1, k2 := make([]int64, nn), make([]int64, nn)
	for s.spent+2 <= s.budget {
		copy(s.dec.s, c.start) // the backward pass reads c's durations
		copy(s.dec.f, c.finish)
		end := int64(minOrd)
		for k := range s.net.kind {
			if s.net.kind[k] == kindLeaf {
				end = max(end, s.dec.f[k])
				k1[k], k2[k] = -s.dec.f[k], -int64(s.net.prio[k])
			} else {
				k1[k], k2[k] = minOrd, minOrd
			}
		}
		s.spent++
		s.dec.backward(s.order.backward(k1, k2), end)
		for k := range s.net.kind {
			if s.net.kind[k] == kindLeaf {
				k1[k], k2[k] = s.dec.bs[k], -int64(s.net.prio[k])
			}
		}
		next := s.decode(s.order.forward(k1, k2))
		if !next.sc.less(c.sc) {
			return
		}
		c = next
	}
}

// consider keeps c among the elite when it is better than the worst of
// them and not a duplicate.
func (s *planSearch) consider(c *planCand) {
	if s.best == nil || c.sc.less(s.best.sc) {
		s.best = c
	}
	for _, e := range s.elite {
		if e.key == c.key {
			return
		}
	}
	if len(s.elite) < eliteSize {
		s.elite = append(s.elite, c)
		return
	}
	worst := 0
	for i, e := range s.elite {
		if s.elite[worst].sc.less(e.sc) {
			worst = i
		}
	}
	if c.sc.less(s.elite[worst].sc) {
		s.elite[worst] = c
	}
}

// pick draws a parent: the better of two elite schedules taken at random.
func (s *planSearch) pick() *planCand {
	a := s.elite[s.rng.IntN(len(s.elite))]
	if b := s.elite[s.rng.IntN(len(s.elite))]; b.sc.less(a.sc) {
		return b
	}
	return a
}

// perturb fills keys from parent's start times, moving a few tasks (about
// ten, at most 30%) by up to eight average durations either way, so the
// next forward pass lists them among different neighbours. (Tuned on the
// PSPLIB J30 instances in testdata and on generated plans: smaller moves
// left the search stuck near its parents.)
func (s *planSearch) perturb(parent *planCand, k1, k2 []int64) {
	net := s.net
	var total, count int64
	for k := range net.kind {
		if net.kind[k] == kindLeaf && net.dur[k] > 0 {
			total += net.dur[k]
			count++
		}
	}
	spread := int64(1)
	if count > 0 {
		spread = max(1, 8*total/count)
	}
	rate := min(0.3, max(10/float64(max(1, net.leaves)), 1.0/30))
	for k := range net.kind {
		if net.kind[k] != kindLeaf {
			k1[k], k2[k] = minOrd, minOrd
			continue
		}
		k1[k], k2[k] = parent.start[k], -int64(net.prio[k])
		if s.rng.Float64() < rate {
			k1[k] += s.rng.Int64N(2*spread+1) - spread
		}
	}
}

// lister turns keys into lists: Kahn's topological sort taking, among
// the nodes whose dependencies are listed, the one with the smallest
// keys (then the smallest index). Summary nodes carry the smallest keys,
// so they are worked out as soon as they can be. The nodes are sorted by
// key once; a node that becomes ready only after the scan has passed its
// place waits in a small heap, and the smaller of the two goes next.
type lister struct {
	net   *planNet
	indeg []int32
	rank  []int32 // node → its place in key order
	order []int32 // nodes in key order
	keys  []sortKey
	ready []bool
	late  rankHeap
}

type sortKey struct {
	k1, k2 int64
	node   int32
}

func compareKeys(a, b sortKey) int {
	switch {
	case a.k1 != b.k1:
		if a.k1 < b.k1 {
			return -1
		}
		return 1
	case a.k2 != b.k2:
		if a.k2 < b.k2 {
			return -1
		}
		return 1
	}
	return int(a.node - b.node)
}

func newLister(net *planNet) *lister {
	nn := len(net.kind)
	return &lister{net: net, indeg: make([]int32, nn), rank: make([]int32, nn), order: make([]int32, nn), ready: make([]bool, nn)}
}

// forward lists every node after the nodes it depends on.
func (l *lister) forward(k1, k2 []int64) []int32 {
	net := l.net
	for k := range l.indeg {
		l.indeg[k] = net.inAt[k+1] - net.inAt[k]
	}
	return l.sort(k1, k2, net.out)
}

// backward lists every node after the nodes that depend on it.
func (l *lister) backward(k1, k2 []int64) []int32 {
	net := l.net
	for k := range l.indeg {
		l.indeg[k] = net.outAt[k+1] - net.outAt[k]
	}
	return l.sort(k1, k2, func(k int32) []pedge { return net.in(k) })
}

func (l *lister) sort(k1, k2 []int64, next func(int32) []pedge) []int32 {
	n := len(l.indeg)
	l.keys = l.keys[:0]
	for k := range int32(n) {
		l.keys = append(l.keys, sortKey{k1[k], k2[k], k})
	}
	slices.SortFunc(l.keys, compareKeys)
	for i, sk := range l.keys {
		l.order[i], l.rank[sk.node] = sk.node, int32(i)
	}
	for k, d := range l.indeg {
		l.ready[k] = d == 0
	}
	l.late = l.late[:0]
	list := make([]int32, 0, n)
	ptr := 0
	for len(list) < n {
		for ptr < n && !l.ready[l.order[ptr]] {
			ptr++
		}
		var k int32
		if len(l.late) > 0 && (ptr == n || l.late[0] < int32(ptr)) {
			k = l.order[l.late.pop()]
		} else {
			k = l.order[ptr]
			ptr++
		}
		list = append(list, k)
		for _, e := range next(k) {
			other := e.to
			if other == k {
				other = e.from
			}
			if l.indeg[other]--; l.indeg[other] == 0 {
				if r := l.rank[other]; r < int32(ptr) {
					l.late.push(r)
				} else {
					l.ready[other] = true
				}
			}
		}
	}
	return list
}

// rankHeap is a binary min-heap of ranks.
type rankHeap []int32

func (h *rankHeap) push(x int32) {
	*h = append(*h, x)
	s := *h
	for i := len(s) - 1; i > 0; {
		up := (i - 1) / 2
		if s[up] <= s[i] {
			break
		}
		s[i], s[up] = s[up], s[i]
		i = up
	}
}

func (h *rankHeap) pop() int32 {
	s := *h
	top, n := s[0], len(s)-1
	s[0] = s[n]
	s = s[:n]
	for i := 0; ; {
		c := 2*i + 1
		if c >= n {
			break
		}
		if c+1 < n && s[c+1] < s[c] {
			c++
		}
		if s[i] <= s[c] {
			break
		}
		s[i], s[c] = s[c], s[i]
		i = c
	}
	*h = s
	return top
}
