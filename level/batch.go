package level

import (
	"context"
	"math/rand/v2"
	"sync"
	"sync/atomic"
)

// pool breeds and decodes batches of children on up to workers
// goroutines, each with its own scratch space. A job is a deterministic
// function of its parents and its seed, so a batch gives the same
// schedules whichever goroutine runs which job, in whatever order: the
// number of workers changes only the speed.
type pool struct {
	net     *network
	workers int
	crew    []*worker // made when first needed
}

// worker is the scratch space of one goroutine.
type worker struct {
	dec   *decoder
	cross *crossover
	pcg   *rand.PCG
	rng   *rand.Rand
}

func newPool(net *network, workers int) *pool {
	return &pool{net: net, workers: max(1, workers)}
}

// worker returns the i-th worker, making it if need be.
func (p *pool) worker(i int) *worker {
	for len(p.crew) <= i {
		pcg := rand.NewPCG(0, 0)
		p.crew = append(p.crew, &worker{dec: newDecoder(p.net), cross: newCrossover(p.net), pcg: pcg, rng: rand.New(pcg)})
	}
	return p.crew[i]
}

// run does every job and returns when all are done. Small batches run on
// the calling goroutine: spreading them costs more than it saves.
func (p *pool) run(ctx context.Context, jobs []passJob) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	w := min(p.workers, len(jobs)/4)
	if w <= 1 {
		wk := p.worker(0)
		for i := range jobs {
			jobs[i].run(wk)
		}
		return nil
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for i := range w {
		wk := p.worker(i)
		wg.Go(func() {
			for {
				k := int(next.Add(1) - 1)
				if k >= len(jobs) {
					return
				}
				jobs[k].run(wk)
			}
		})
	}
	wg.Wait()
	return nil
}
