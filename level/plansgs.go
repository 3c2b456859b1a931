package level

// planDecoder runs the serial schedule generation scheme on a plan's
// network: it takes the nodes in the order of a list in which every node
// follows the nodes it depends on, works out each summary node from what
// is already placed, and starts each leaf task at the earliest time its
// links allow — generalised precedence, FS/SS/FF/SF with leads and lags,
// evaluated on the actual placements — at which its demands fit for its
// whole duration.
type planDecoder struct {
	net      *planNet
	base     *profile // what is held before a forward pass starts
	baseBack *profile // and before a backward pass
	prof     *profile
	s, f     []int64 // forward: leaf start and finish; "in": the start and finish it imposes; roll-ups in s
	bs, bf   []int64 // backward: latest start and finish, likewise
	why      *explanation
}

// score ranks schedules: fewer conflicts left unresolved; then less
// delay of tasks above the plan's lowest priority, weighted so that each
// step of 100 in priority counts double; then an earlier finish; then less
// delay in all. So priorities decide who goes first, and among schedules
// that honour them equally the shortest wins.
type score struct {
	unresolved int
	priority   int64
	finish     int64
	delay      int64
	stayed     int // tasks left in a conflict for want of slack; not ranked
}

func (a score) less(b score) bool {
	switch {
	case a.unresolved != b.unresolved:
		return a.unresolved < b.unresolved
	case a.priority != b.priority:
		return a.priority < b.priority
	case a.finish != b.finish:
		return a.finish < b.finish
	}
	return a.delay < b.delay
}

// count adds leaf k's delay to the score.
func (sc *score) count(net *planNet, k int32, s int64) {
	d := s - net.release[k]
	sc.priority += net.weight[k] * d
	sc.delay += d
}

// explanation is what the final pass records about why tasks moved.
type explanation struct {
	linkStart  []int64   // per leaf: where its links and release date allow it to start
	placedAt   []int64   // per leaf: the time it was placed from (its start, or before a calendar's next working time)
	pred       []int32   // per leaf: the node whose link set linkStart, or -1
	res        []int32   // per leaf: the resource that first stood in its way, or -1
	with       [][]int32 // per leaf: the tasks holding that resource then
	held       [][]holding
	unresolved []conflictRec
}

// holding is a leaf's use of a resource, kept to name the tasks in a
// conflict.
type holding struct {
	node int32
	s, e int64
}

type conflictRec struct {
	node   int32
	res    int32
	with   []int32
	reason ConflictReason
}

func newPlanDecoder(net *planNet) *planDecoder {
	nn := len(net.kind)
	d := &planDecoder{
		net: net, prof: newProfile(net.capacity),
		s: make([]int64, nn), f: make([]int64, nn), bs: make([]int64, nn), bf: make([]int64, nn),
	}
	d.base = d.reserve(true)
	d.baseBack = d.reserve(false)
	return d
}

// reserve returns a profile holding the resources of the tasks that
// levelling does not move — pinned and ALAP tasks, and (forward) the
// tasks not to level, where the unlevelled schedule put them, so that
// the others are levelled around them.
func (d *planDecoder) reserve(noLevel bool) *profile {
	net := d.net
	p := newProfile(net.capacity)
	net.applyAvailability(p)
	for k := range int32(len(net.kind)) {
		m := net.mode[k]
		if net.kind[k] != kindLeaf || m == modeLevel || m == modeNoLevel && !noLevel {
			continue
		}
		res, qty := net.demandsOf(k)
		for i, r := range res {
			if d.why != nil && m != modeNoLevel {
				if ok, first, _ := p.fits(r, net.fixS[k], net.fixF[k], qty[i]); !ok || qty[i] > net.capacity[r] {
					d.unresolved(k, r, p, first, net.fixS[k], net.fixF[k], reasonOf(m))
				}
			}
			p.add(r, net.fixS[k], net.fixF[k], qty[i])
			d.hold(k, r, net.fixS[k], net.fixF[k])
		}
	}
	return p
}

// explain turns on recording for the next forward pass.
func (d *planDecoder) explain() {
	nn := len(d.net.kind)
	d.why = &explanation{
		linkStart: make([]int64, nn), placedAt: make([]int64, nn), pred: make([]int32, nn), res: make([]int32, nn),
		with: make([][]int32, nn), held: make([][]holding, len(d.net.capacity)),
	}
	for k := range d.why.res {
		d.why.res[k], d.why.pred[k] = -1, -1
	}
	d.base = d.reserve(true)
}

func (d *planDecoder) hold(k, r int32, s, e int64) {
	if d.why != nil && e > s {
		d.why.held[r] = append(d.why.held[r], holding{k, s, e})
	}
}

func (d *planDecoder) release(k, r int32) {
	if d.why == nil {
		return
	}
	h := d.why.held[r]
	for i := range h {
		if h[i].node == k {
			d.why.held[r] = append(h[:i], h[i+1:]...)
			return
		}
	}
}

// holders lists the tasks other than k holding r over [s, e).
func (d *planDecoder) holders(k, r int32, s, e int64) []int32 {
	var out []int32
	for _, h := range d.why.held[r] {
		if h.node != k && h.s < e && h.e > s {
			out = append(out, h.node)
		}
	}
	return out
}

func (d *planDecoder) unresolved(k, r int32, p *profile, step int, s, e int64, why ConflictReason) {
	from, to := s, e
	if step >= 0 {
		from, to = max(s, p.at[r][step]), min(e, p.end(r, step))
	}
	d.why.unresolved = append(d.why.unresolved, conflictRec{node: k, res: r, with: d.holders(k, r, from, to), reason: why})
}

func reasonOf(mode uint8) ConflictReason {
	switch mode {
	case modePinned:
		return ReasonFixed
	case modeAsLate:
		return ReasonAsLate
	}
	return ReasonNotLevelled
}

// forward decodes list, which names every node after the nodes it
// depends on, into d.s and d.f, and scores the schedule.
func (d *planDecoder) forward(list []int32) score {
	net := d.net
	d.prof.copyFrom(d.base)
	var sc score
	sc.finish = minOrd
	for _, k := range list {
		switch net.kind[k] {
		case kindIn:
			es, ef := int64(minOrd), int64(minOrd)
			for i := range net.in(k) {
				a, b := d.requirement(&net.in(k)[i])
				es, ef = max(es, a), max(ef, b)
			}
			d.s[k], d.f[k] = es, ef
		case kindStart:
			v := int64(maxOrd)
			for _, e := range net.in(k) {
				v = min(v, d.s[e.from])
			}
			d.s[k] = v
		case kindFinish:
			v := int64(minOrd)
			for _, e := range net.in(k) {
				if net.kind[e.from] == kindLeaf {
					v = max(v, d.f[e.from])
				} else {
					v = max(v, d.s[e.from])
				}
			}
			d.s[k] = v
		default:
			d.placeLeaf(k, &sc)
			sc.finish = max(sc.finish, d.f[k])
		}
	}
	return sc
}

// requirement is the earliest start and finish that edge e imposes on its
// target, from what is placed.
func (d *planDecoder) requirement(e *pedge) (int64, int64) {
	src := e.from
	if e.dep < 0 {
		return d.s[src], d.f[src]
	}
	ss, sf, dur := d.s[src], d.f[src], int64(0)
	if d.net.kind[src] == kindLeaf {
		dur = sf - ss
	} else {
		sf = ss
	}
	switch e.typ {
	case linkFS:
		return sf + d.net.lagAfter(e, sf, dur), minOrd
	case linkSS:
		return ss + d.net.lagAfter(e, ss, dur), minOrd
	case linkFF:
		return minOrd, sf + d.net.lagAfter(e, sf, dur)
	}
	return minOrd, ss + d.net.lagAfter(e, ss, dur)
}

// linkStart is where leaf k may start by its release date and its links,
// and the node whose link decides it (-1: the release date).
func (d *planDecoder) linkStart(k int32) (int64, int32) {
	net := d.net
	es, by := net.release[k], int32(-1)
	ef, byF := int64(minOrd), int32(-1)
	for i := range net.in(k) {
		e := &net.in(k)[i]
		a, b := d.requirement(e)
		if a > es {
			es, by = a, e.from
		}
		if b > ef {
			ef, byF = b, e.from
		}
	}
	if ef > minOrd {
		if s := net.startFor(k, ef); s > es {
			es, by = s, byF
		}
	}
	return es, by
}

func (d *planDecoder) placeLeaf(k int32, sc *score) {
	net := d.net
	es, by := d.linkStart(k)
	if d.why != nil {
		d.why.linkStart[k], d.why.pred[k] = es, by
	}
	res, qty := net.demandsOf(k)
	switch net.mode[k] {
	case modePinned:
		d.s[k], d.f[k] = net.fixS[k], net.fixF[k]
		return
	case modeAsLate:
		d.s[k], d.f[k] = net.place(k, es)
		return
	case modeNoLevel:
		d.s[k], d.f[k] = net.place(k, es)
		for i, r := range res {
			d.prof.add(r, net.fixS[k], net.fixF[k], -qty[i])
			d.release(k, r)
		}
		d.take(k, res, qty, ReasonNotLevelled, false, sc)
		return
	}
	s := es
	if len(res) > 0 {
		s = d.earliestFit(k, es, res, qty)
		if s > net.limit[k] {
			s = es // no room within its slack: the task stays, with its conflict
			d.s[k], d.f[k] = net.place(k, s)
			d.take(k, res, qty, ReasonWithinSlack, false, sc)
			sc.count(net, k, d.s[k])
			sc.stayed++
			return
		}
	}
	d.s[k], d.f[k] = net.place(k, s)
	if d.why != nil {
		d.why.placedAt[k] = s
	}
	d.take(k, res, qty, ReasonOverMaxUnits, true, sc)
	sc.count(net, k, d.s[k])
}

// take places k's demands over its span, counting (and, when explaining,
// recording) any capacity it exceeds. Unless fitted is false, k was placed
// where its demands fit, and only a demand above capacity can clash.
func (d *planDecoder) take(k int32, res []int32, qty []int64, why ConflictReason, fitted bool, sc *score) {
	s, f := d.s[k], d.f[k]
	clash := false
	for i, r := range res {
		ok, first := true, -1
		if !fitted || d.why != nil {
			ok, first, _ = d.prof.fits(r, s, f, qty[i])
		}
		if !ok || qty[i] > d.net.capacity[r] {
			clash = true
			if d.why != nil {
				reason := why
				if qty[i] > d.net.capacity[r] {
					reason = ReasonOverMaxUnits
				}
				d.unresolved(k, r, d.prof, first, s, f, reason)
			}
		}
		d.prof.add(r, s, f, qty[i])
		d.hold(k, r, s, f)
	}
	if clash {
		sc.unresolved++
	}
}

// earliestFit returns the earliest start at or after es at which k's
// demands fit for its whole span, or a start past k's limit when none
// fits within it. When explaining, it records the first conflict.
func (d *planDecoder) earliestFit(k int32, es int64, res []int32, qty []int64) int64 {
	net := d.net
	if d.why != nil {
		s0, f0 := net.place(k, es)
		for i, r := range res {
			if ok, first, _ := d.prof.fits(r, s0, f0, qty[i]); !ok {
				at := max(s0, d.prof.at[r][first])
				d.why.res[k], d.why.with[k] = r, d.holders(k, r, at, at+1)
				break
			}
		}
	}
	if net.own[k] == nil && net.asg[k] == nil && !net.elapsed[k] {
		// A fixed span: each resource in turn moves the start to where it
		// fits, until all agree.
		s, dur := es, net.dur[k]
		for s <= net.limit[k] && s < maxOrd/2 {
			before := s
			for i, r := range res {
				s = d.prof.earliest(r, s, dur, qty[i])
			}
			if s == before {
				break
			}
		}
		return s
	}
	s := es
	for s <= net.limit[k] && s < maxOrd/2 {
		s0, f0 := net.place(k, s)
		moved := false
		for i, r := range res {
			if ok, _, last := d.prof.fits(r, s0, f0, qty[i]); !ok {
				s = max(s+1, d.prof.end(r, last))
				moved = true
				break
			}
		}
		if !moved {
			return s
		}
	}
	return s
}

// backward decodes list, which names every node after the nodes that
// depend on it, as late as the links, the resources and end allow, into
// d.bs and d.bf. Durations are those of the last forward pass. Only the
// order of the result is used — it seeds the next forward pass — so the
// links out of a summary's start bind each task under it, which is safe.
func (d *planDecoder) backward(list []int32, end int64) {
	net := d.net
	d.prof.copyFrom(d.baseBack)
	for _, k := range list {
		switch net.kind[k] {
		case kindIn:
			ls, lf := int64(maxOrd), int64(maxOrd)
			for _, e := range net.out(k) {
				ls, lf = min(ls, d.bs[e.to]), min(lf, d.bf[e.to])
			}
			d.bs[k], d.bf[k] = ls, lf
		case kindStart, kindFinish:
			v := int64(maxOrd)
			if net.kind[k] == kindFinish {
				v = end
			}
			for i := range net.out(k) {
				v = min(v, d.bound(&net.out(k)[i]))
			}
			d.bs[k], d.bf[k] = v, v
		default:
			d.backLeaf(k, end)
		}
	}
}

// bound is the latest start (for links out of a start) or finish that
// edge e allows its source, from its placed target.
func (d *planDecoder) bound(e *pedge) int64 {
	if e.dep < 0 {
		return d.bs[e.to] // a task rolling up into its parent's start or finish
	}
	dur := int64(0)
	if d.net.kind[e.from] == kindLeaf {
		dur = d.f[e.from] - d.s[e.from]
	}
	to := d.bs[e.to]
	if !e.toStart() {
		to = d.bf[e.to]
	}
	return to - d.net.lagBefore(e, to, dur)
}

func (d *planDecoder) backLeaf(k int32, end int64) {
	net := d.net
	lf, ls := end, int64(maxOrd)
	for i := range net.out(k) {
		e := &net.out(k)[i]
		b := d.bound(e)
		switch {
		case e.dep < 0 && net.kind[e.to] == kindStart, e.dep >= 0 && e.fromStart():
			ls = min(ls, b)
		default:
			lf = min(lf, b)
		}
	}
	dur := d.f[k] - d.s[k]
	s := min(lf-dur, ls)
	switch net.mode[k] {
	case modePinned:
		d.bs[k], d.bf[k] = net.fixS[k], net.fixF[k]
		return
	case modeLevel, modeNoLevel:
		s = d.latestFit(s, dur, k)
	}
	d.bs[k], d.bf[k] = s, s+dur
	if net.mode[k] != modeAsLate {
		res, qty := net.demandsOf(k)
		for i, r := range res {
			d.prof.add(r, s, s+dur, qty[i])
		}
	}
}

// latestFit returns the latest start at or before s at which k's demands
// fit for dur.
func (d *planDecoder) latestFit(s, dur int64, k int32) int64 {
	res, qty := d.net.demandsOf(k)
	if dur <= 0 || len(res) == 0 {
		return s
	}
	for s > minOrd/2 {
		before := s
		for i, r := range res {
			s = d.prof.latest(r, s, dur, qty[i])
		}
		if s == before {
			break
		}
	}
	return s
}
