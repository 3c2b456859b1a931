package level

import (
	"math"
	"math/rand/v2"
)

// sampler builds activity lists by regret-based biased random sampling
// (Kolisch & Drexl): at each step, among the activities whose
// predecessors are all listed, pick one at random with a probability that
// grows with its regret — how much better its priority value is than the
// worst of the eligible set. With the latest finish time (LFT) as the
// value, this concentrates on the critical-path order while still
// sampling widely.
type sampler struct {
	net      *network
	indeg    []int32
	eligible []int32
	weight   []float64
}

func newSampler(net *network) *sampler {
	return &sampler{
		net:      net,
		indeg:    make([]int32, net.n),
		eligible: make([]int32, 0, net.n),
		weight:   make([]float64, net.n),
	}
}

// value returns the priority value of j for the rule (smaller first):
// 0 latest finish time, 1 latest start time. The user priority breaks
// ties, in steps too small to override a period of difference.
func (s *sampler) value(rule, j int32) float64 {
	v := float64(s.net.lft[j])
	if rule == 1 {
		v = float64(s.net.lst[j])
	}
	if s.net.priority != nil {
		v -= float64(1e-6 * float64(s.net.priority[j])) // no fused multiply-add: the same on every platform
	}
	return v
}

// list fills out with a topological activity list. With rng nil it takes
// the best eligible activity every time (ties to the lowest index);
// otherwise it samples with weights (regret+1)^alpha.
func (s *sampler) list(rule int32, rng *rand.Rand, alpha float64, out []int32) {
	net := s.net
	for j := range net.n {
		s.indeg[j] = net.predIdx[j+1] - net.predIdx[j]
	}
	s.eligible = s.eligible[:0]
	for j := range int32(net.n) {
		if s.indeg[j] == 0 {
			s.eligible = append(s.eligible, j)
		}
	}
	for pos := range out {
		i := s.pick(rule, rng, alpha)
		j := s.eligible[i]
		s.eligible[i] = s.eligible[len(s.eligible)-1]
		s.eligible = s.eligible[:len(s.eligible)-1]
		out[pos] = j
		for _, succ := range net.succs[net.succIdx[j]:net.succIdx[j+1]] {
			s.indeg[succ]--
			if s.indeg[succ] == 0 {
				s.eligible = append(s.eligible, succ)
			}
		}
	}
}

// pick returns the index in the eligible set of the next activity.
func (s *sampler) pick(rule int32, rng *rand.Rand, alpha float64) int {
	el := s.eligible
	if rng == nil {
		best := 0
		for i := 1; i < len(el); i++ {
			vi, vb := s.value(rule, el[i]), s.value(rule, el[best])
			if vi < vb || vi == vb && el[i] < el[best] {
				best = i
			}
		}
		return best
	}
	worst := s.value(rule, el[0])
	for _, j := range el[1:] {
		worst = max(worst, s.value(rule, j))
	}
	total := 0.0
	for i, j := range el {
		w := worst - s.value(rule, j) + 1
		if alpha != 1 {
			w = math.Pow(w, alpha)
		}
		s.weight[i] = w
		total += w
	}
	x := float64(rng.Float64() * total)
	for i := range el {
		x -= s.weight[i]
		if x < 0 {
			return i
		}
	}
	return len(el) - 1
}
