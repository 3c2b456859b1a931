package risk

import "time"

// pass is one run's working state: a worker owns one and reuses it for
// every run, so a run allocates nothing.
type pass struct {
	es, ef []int64 // per node; a summary's start and finish nodes keep their value in both
	dur    []int64 // per node: this run's duration of each leaf
	crit   []uint8 // per node: on a driving path to the finish (bits: see critical)
	onPath []int32 // the leaves marked critical this run
	// slowDrv records, per slow leaf, which of its link requirements
	// placed it this run (bit 1: start links, bit 2: finish links).
	slowDrv []uint8
}

func (n *network) newPass() *pass {
	nn := len(n.kind)
	w := &pass{es: make([]int64, nn), ef: make([]int64, nn), dur: make([]int64, nn), crit: make([]uint8, nn),
		slowDrv: make([]uint8, len(n.slows)), onPath: make([]int32, 0, n.leaves)}
	copy(w.dur, n.base)
	return w
}

// forward computes every node's early dates from w.dur and returns the
// project finish: the latest early finish of any leaf.
func (n *network) forward(w *pass) int64 {
	es, ef, dur := w.es, w.ef, w.dur
	at, src, typ, lag := n.at, n.src, n.typ, n.lag
	finish := int64(minOrd)
	for k, kind := range n.kind {
		lo, hi := at[k], at[k+1]
		switch kind {
		case kStart:
			v := int64(maxOrd)
			for _, p := range src[lo:hi] {
				v = min(v, es[p])
			}
			es[k], ef[k] = v, v
			continue
		case kFinish:
			v := int64(minOrd)
			for _, p := range src[lo:hi] {
				v = max(v, ef[p])
			}
			es[k], ef[k] = v, v
			continue
		}
		s0, f0 := int64(minOrd), int64(minOrd)
		for j := lo; j < hi; j++ {
			p := src[j]
			switch typ[j] {
			case eFS:
				s0 = max(s0, ef[p]+lag[j])
			case eSS:
				s0 = max(s0, es[p]+lag[j])
			case eFF:
				f0 = max(f0, ef[p]+lag[j])
			case eSF:
				f0 = max(f0, es[p]+lag[j])
			case eIn:
				s0, f0 = max(s0, es[p]), max(f0, ef[p])
			default:
				if v, toStart := n.requirement(es, ef, j); toStart {
					s0 = max(s0, v)
				} else {
					f0 = max(f0, v)
				}
			}
		}
		if kind == kIn {
			es[k], ef[k] = s0, f0
			continue
		}
		if si := n.slow[k]; si >= 0 {
			es[k], ef[k], w.slowDrv[si] = n.forwardSlow(&n.slows[si], k, dur[k], s0, f0)
		} else {
			d := dur[k]
			e := max(s0, f0-d, n.floor[k])
			es[k], ef[k] = e, e+d
		}
		finish = max(finish, ef[k])
	}
	if finish == minOrd { // no tasks
		finish = n.start
	}
	return finish
}

// requirement is what link edge j asks of its target, from its source's
// dates: a start (toStart) or a finish. It handles every lag kind; the
// pass inlines the common working-minute lags.
func (n *network) requirement(es, ef []int64, j int32) (v int64, toStart bool) {
	p, t := n.src[j], n.typ[j]
	from := ef[p]
	if base := t & 3; base == eSS || base == eSF {
		from = es[p]
	}
	l := n.lag[j]
	switch {
	case t&lagPercent != 0:
		l = (ef[p] - es[p]) * l / 100 // a summary's span counts as 0, as in schedule
	case t&lagElapsed != 0:
		return n.cal.Ordinal(n.cal.FinishOf(from).Add(time.Duration(l) * time.Minute)), t&3 == eFS || t&3 == eSS
	}
	return from + l, t&3 == eFS || t&3 == eSS
}

// forwardSlow places a leaf that the plain rule does not cover, following
// schedule's forwardLeaf, progress and placeForward step by step. It also
// returns which link requirements placed it (for criticality).
func (n *network) forwardSlow(sl *slowLeaf, k int, d, s0, f0 int64) (es, ef int64, drv uint8) {
	base := n.base[k]
	es = s0
	if f0 > minOrd {
		es = max(es, n.startFor(sl, d, f0))
	}
	if es == minOrd {
		es = sl.defStart
	}
	es = max(es, sl.snet)
	if sl.fnet > minOrd {
		es = max(es, n.startFor(sl, d, sl.fnet))
	}
	pinned := false
	switch sl.constraint {
	case "MSO":
		es, pinned = sl.pin, true
	case "MFO":
		es, pinned = n.startFor(sl, d, sl.pin), true
	}
	if sl.manual > minOrd {
		es, pinned = sl.manual, true
	}
	switch {
	case sl.actFinish > minOrd:
		ef = sl.actFinish
		if sl.actStart > minOrd {
			return sl.actStart, ef, 0
		}
		return min(n.startFor(sl, d, ef), ef), ef, 0
	case sl.actStart > minOrd || sl.percent > 0:
		if sl.actStart > minOrd {
			es, pinned = sl.actStart, true
		}
		ef = n.finishFor(sl, d, es)
		if sl.percent < 100 && sl.status > minOrd {
			done := (ef - es) * sl.percent / 100
			if es+done < sl.status { // the rest resumes at the status date
				return es, sl.status + (ef - es - done), 0
			}
		}
		return es, ef, n.driven(sl, pinned, es, d, s0, f0)
	}
	es = max(es, sl.status)
	drv = n.driven(sl, pinned, es, d, s0, f0)
	if sl.own != nil || sl.asg != nil {
		es, ef = n.placeOwn(sl, es, d, base)
		return es, ef, drv
	}
	return es, n.finishFor(sl, d, es), drv
}

// driven reports which link requirements decided start es.
func (n *network) driven(sl *slowLeaf, pinned bool, es, d, s0, f0 int64) (drv uint8) {
	if pinned {
		return 0
	}
	if s0 > minOrd && es == s0 {
		drv |= 1
	}
	if f0 > minOrd && es == n.startFor(sl, d, f0) {
		drv |= 2
	}
	return drv
}

// finishFor is where a slow leaf of duration d finishes if it starts at
// es; an elapsed duration runs round the clock.
func (n *network) finishFor(sl *slowLeaf, d, es int64) int64 {
	if !sl.elapsed || d == 0 {
		return es + d
	}
	return n.cal.Ordinal(n.cal.StartOf(es).Add(time.Duration(d) * time.Minute))
}

// startFor is where a slow leaf of duration d starts if it finishes at ef.
func (n *network) startFor(sl *slowLeaf, d, ef int64) int64 {
	if !sl.elapsed || d == 0 {
		return ef - d
	}
	return n.cal.Ordinal(n.cal.FinishOf(ef).Add(-time.Duration(d) * time.Minute))
}

// critical marks the nodes on a driving path to the project finish:
// the leaves that finish last, and, walking back, every predecessor whose
// link requirement is what placed its successor (ties count for all).
// For a summary's in node, bit 1 of w.crit says its start requirement
// drives a child and bit 2 its finish requirement; for other nodes any
// bit marks them.
func (n *network) critical(w *pass, finish int64) {
	es, ef, crit := w.es, w.ef, w.crit
	clear(crit)
	w.onPath = w.onPath[:0]
	for k := len(n.kind) - 1; k >= 0; k-- {
		kind := n.kind[k]
		if kind == kLeaf && ef[k] == finish {
			crit[k] = 3
		}
		c := crit[k]
		if c == 0 {
			continue
		}
		if kind == kLeaf {
			w.onPath = append(w.onPath, int32(k))
		}
		lo, hi := n.at[k], n.at[k+1]
		switch kind {
		case kStart:
			for _, p := range n.src[lo:hi] {
				if es[p] == es[k] {
					crit[p] = 3
				}
			}
			continue
		case kFinish:
			for _, p := range n.src[lo:hi] {
				if ef[p] == ef[k] {
					crit[p] = 3
				}
			}
			continue
		}
		s0, f0, drv := es[k], ef[k], c // an in node passes on what it received
		if kind == kLeaf {
			s0, f0 = n.requirements(es, ef, lo, hi)
			drv = n.drivers(w, k, s0, f0)
		}
		for j := lo; j < hi; j++ {
			p := n.src[j]
			if n.typ[j] == eIn {
				if drv&1 != 0 && es[p] == s0 {
					crit[p] |= 1
				}
				if drv&2 != 0 && ef[p] == f0 {
					crit[p] |= 2
				}
				continue
			}
			v, toStart := n.requirement(es, ef, j)
			if toStart && drv&1 != 0 && v == s0 || !toStart && drv&2 != 0 && v == f0 {
				if n.kind[p] == kIn {
					crit[p] |= 3
				} else {
					crit[p] = 3
				}
			}
		}
	}
}

// requirements recomputes a leaf's start and finish requirements from
// its incoming edges lo:hi.
func (n *network) requirements(es, ef []int64, lo, hi int32) (s0, f0 int64) {
	s0, f0 = minOrd, minOrd
	for j := lo; j < hi; j++ {
		if n.typ[j] == eIn {
			p := n.src[j]
			s0, f0 = max(s0, es[p]), max(f0, ef[p])
			continue
		}
		if v, toStart := n.requirement(es, ef, j); toStart {
			s0 = max(s0, v)
		} else {
			f0 = max(f0, v)
		}
	}
	return s0, f0
}

// drivers says which of leaf k's requirements placed it this run.
func (n *network) drivers(w *pass, k int, s0, f0 int64) (drv uint8) {
	if si := n.slow[k]; si >= 0 {
		return w.slowDrv[si]
	}
	if s0 > minOrd && w.es[k] == s0 {
		drv |= 1
	}
	if f0 > minOrd && w.ef[k] == f0 {
		drv |= 2
	}
	return drv
}
