package level

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
)

// individual is one schedule of a population with the activity list it
// breeds with. In the population of left-justified schedules (decoded
// forward) the list orders the activities by decreasing finish, ready to
// be decoded backward; in the population of right-justified schedules it
// orders them by increasing start, ready to be decoded forward.
type individual struct {
	list     []int32
	start    []int32
	makespan int
	key      uint64 // hash of start, to keep duplicates out
}

// params are the search's tuning knobs, chosen from the problem size and
// the budget by chooseParams.
type params struct {
	popSize    int     // individuals per population
	children   int     // children per generation
	mutation   float64 // per-position probability of swapping neighbours
	tournament int     // parents are the best of this many drawn
	peakMin    float64 // the crossover window's length, as a share
	peakMax    float64 // of the father's makespan
}

// chooseParams sizes the populations with the budget: a larger budget
// affords a slower, more diverse search. Small projects get relatively
// larger populations and gentler selection, since their search otherwise
// settles too early; large ones need the pressure. The rule was fitted on
// PSPLIB J30, J60 and J120 at 1,000 and 5,000 schedules (J30: 62 and 210
// per population; J120: 42 and 141, the better of three for parents).
func chooseParams(n, budget int) params {
	pop := int(math.Pow(float64(budget), 0.75) / math.Pow(float64(max(n, 2)), 0.3))
	pop = max(4, pop)
	tournament := 2
	if n >= 100 {
		tournament = 3
	}
	return params{popSize: pop, children: max(2, pop/2), mutation: 0.02, tournament: tournament, peakMin: 0.1, peakMax: 0.5}
}

// searcher is one run of the bi-population genetic algorithm.
type searcher struct {
	net    *network
	pool   *pool
	rng    *rand.Rand
	budget int
	spent  int
	lb     int // no schedule can be shorter: stop on reaching it
	par    params
	best   *individual
	// bestBackward tells that best came from a backward pass and is
	// right-justified.
	bestBackward bool
	sample       *sampler
	free         []*individual
}

func newSearcher(net *network, opt Options, workers int) *searcher {
	budget := max(1, opt.Schedules)
	return &searcher{
		net:    net,
		pool:   newPool(net, workers),
		rng:    rand.New(rand.NewPCG(opt.Seed, 0x9e3779b97f4a7c15)),
		budget: budget,
		lb:     lowerBound(net),
		par:    chooseParams(net.n, budget),
		best:   &individual{start: make([]int32, net.n), makespan: -1},
		sample: newSampler(net),
	}
}

func (s *searcher) alloc() *individual {
	if k := len(s.free); k > 0 {
		ind := s.free[k-1]
		s.free = s.free[:k-1]
		return ind
	}
	return &individual{list: make([]int32, s.net.n), start: make([]int32, s.net.n)}
}

// run is the bi-population genetic algorithm of Debels & Vanhoucke. The
// left population holds schedules decoded forward, the right one
// schedules decoded backward. Parents from one population breed children
// that are decoded in the other direction and join the other population,
// so every child costs one pass and is at once a justification of the
// order its parents share. One pass is kept back to left-justify the best
// schedule if it came from the right.
func (s *searcher) run(ctx context.Context) error {
	limit := s.budget
	if limit > 1 {
		limit--
	}
	left, err := s.initial(ctx, limit)
	if err != nil {
		return err
	}
	var right []*individual
	toRight := true
	for s.spent < limit && s.best.makespan > s.lb {
		parents := left
		if !toRight {
			parents = right
		}
		jobs := make([]passJob, min(s.par.children, limit-s.spent))
		for i := range jobs {
			jobs[i] = s.breed(parents, toRight)
		}
		children, err := s.runJobs(ctx, jobs)
		if err != nil {
			return err
		}
		if toRight {
			right = s.survivors(right, children)
		} else {
			left = s.survivors(left, children)
		}
		toRight = !toRight
	}
	return s.finish(ctx)
}

// initial builds the first left population from activity lists sampled
// with regret-based biased random sampling on the latest finish and
// latest start times; the first two lists take the best-ranked activity
// every time.
func (s *searcher) initial(ctx context.Context, limit int) ([]*individual, error) {
	size := min(s.par.popSize, max(1, limit/2))
	inds := make([]*individual, size)
	for i := range inds {
		ind := s.alloc()
		rule := int32(i % 2)
		if i < 2 {
			s.sample.list(rule, nil, 1, ind.list)
		} else {
			s.sample.list(rule, s.rng, 1, ind.list)
		}
		inds[i] = ind
	}
	// The priority-rule schedules first: they often reach the lower
	// bound already, and then the search ends there.
	head := min(2, len(inds))
	if err := s.decode(ctx, inds[:head], false); err != nil {
		return nil, err
	}
	if s.best.makespan > s.lb {
		if err := s.decode(ctx, inds[head:], false); err != nil {
			return nil, err
		}
	} else {
		inds = inds[:head]
	}
	return s.survivors(nil, inds), nil
}

// finish left-justifies the best schedule when it is right-justified,
// with the pass kept back for it. The makespan cannot grow.
func (s *searcher) finish(ctx context.Context) error {
	if !s.bestBackward || s.spent >= s.budget {
		return nil
	}
	ind := s.alloc()
	copy(ind.start, s.best.start)
	d := s.pool.worker(0).dec
	d.byStart(ind.start, s.net.topo, ind.list)
	return s.decode(ctx, []*individual{ind}, false)
}

// decode runs one pass per individual, in parallel, and charges them.
func (s *searcher) decode(ctx context.Context, inds []*individual, backward bool) error {
	jobs := make([]passJob, len(inds))
	for i, ind := range inds {
		jobs[i] = passJob{ind: ind, backward: backward}
	}
	_, err := s.runJobs(ctx, jobs)
	return err
}

// runJobs runs the jobs in parallel, charges one pass each, keeps the
// best schedule, and returns the individuals in job order.
func (s *searcher) runJobs(ctx context.Context, jobs []passJob) ([]*individual, error) {
	if err := s.pool.run(ctx, jobs); err != nil {
		return nil, err
	}
	s.spent += len(jobs)
	inds := make([]*individual, len(jobs))
	for i, job := range jobs {
		ind := job.ind
		inds[i] = ind
		if s.best.makespan < 0 || ind.makespan < s.best.makespan ||
			ind.makespan == s.best.makespan && s.bestBackward && !job.backward {
			copy(s.best.start, ind.start)
			s.best.makespan = ind.makespan
			s.bestBackward = job.backward
		}
	}
	return inds, nil
}

// survivors keeps the popSize best distinct individuals of pop and
// children, the older first among equals, and recycles the others.
func (s *searcher) survivors(pop, children []*individual) []*individual {
	all := make([]*individual, 0, len(pop)+len(children))
	all = append(append(all, pop...), children...)
	slices.SortStableFunc(all, func(a, b *individual) int { return a.makespan - b.makespan })
	seen := make(map[uint64]bool, len(all))
	kept := make([]*individual, 0, s.par.popSize)
	for _, ind := range all {
		if seen[ind.key] || len(kept) >= s.par.popSize {
			s.free = append(s.free, ind)
			continue
		}
		seen[ind.key] = true
		kept = append(kept, ind)
	}
	return kept
}

// tournament draws par.tournament individuals and returns the best.
func (s *searcher) tournament(pop []*individual) *individual {
	a := pop[s.rng.IntN(len(pop))]
	for range s.par.tournament - 1 {
		if b := pop[s.rng.IntN(len(pop))]; b.makespan < a.makespan {
			a = b
		}
	}
	return a
}

// breed chooses a child's parents by tournament and the seed for its
// crossover and mutation, which the job carries out.
func (s *searcher) breed(pop []*individual, backward bool) passJob {
	return passJob{
		ind:      s.alloc(),
		backward: backward,
		mother:   s.tournament(pop),
		father:   s.tournament(pop),
		seed:     s.rng.Uint64(),
		par:      &s.par,
	}
}

// mutate swaps neighbours in the list with probability rate each when
// neither directly precedes the other.
func mutate(net *network, rng *rand.Rand, rate float64, list []int32) {
	for i := 0; i+1 < len(list); i++ {
		if rng.Float64() >= rate {
			continue
		}
		a, b := list[i], list[i+1]
		if !slices.Contains(net.succs[net.succIdx[a]:net.succIdx[a+1]], b) &&
			!slices.Contains(net.succs[net.succIdx[b]:net.succIdx[b+1]], a) {
			list[i], list[i+1] = b, a
		}
	}
}

// passJob decodes one individual's list in one direction — first breeding
// the list by peak crossover and mutation when it has parents — and
// replaces the list with the one the individual will breed with.
type passJob struct {
	ind            *individual
	backward       bool
	mother, father *individual // nil: decode ind.list as it is
	seed           uint64
	par            *params
}

func (p *passJob) run(w *worker) {
	ind, d := p.ind, w.dec
	if p.mother != nil {
		w.pcg.Seed(p.seed, 0x2545f4914f6cdd1d)
		w.cross.peak(w.rng, *p.par, p.mother, p.father, p.backward, ind.list)
		mutate(d.net, w.rng, p.par.mutation, ind.list)
	}
	base := d.base
	if p.backward {
		ind.makespan = d.backward(ind.list, ind.start)
		for i, j := range ind.list {
			base[len(base)-1-i] = j
		}
		d.byStart(ind.start, base, ind.list)
	} else {
		ind.makespan = d.forward(ind.list, ind.start)
		copy(base, ind.list)
		d.byFinish(ind.start, base, ind.list)
	}
	ind.key = hashStarts(ind.start)
}

// hashStarts is FNV-1a over the start times.
func hashStarts(start []int32) uint64 {
	h := uint64(14695981039346656037)
	for _, s := range start {
		h ^= uint64(uint32(s))
		h *= 1099511628211
	}
	return h
}

// lowerBound is the larger of the critical-path length and, for each
// resource, the periods its total work needs at full capacity.
func lowerBound(net *network) int {
	lb := net.cpm
	work := make([]int64, net.k)
	for j := range net.n {
		for i := net.demIdx[j]; i < net.demIdx[j+1]; i++ {
			work[net.demRes[i]] += int64(net.demQty[i]) * int64(net.dur[j])
		}
	}
	for r, w := range work {
		if c := int64(net.capacity[r]); c > 0 {
			lb = max(lb, int((w+c-1)/c))
		}
	}
	return lb
}
