package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// load drives one operation against the server over conns keep-alive
// connections, each in its own goroutine, as fast as the server answers.
type load struct {
	op     string
	fx     fixture
	conns  int
	rate   int // requests per second to offer; 0: as fast as answered
	seed   int64
	client *http.Client
}

func newLoad(op string, fx fixture, conns, rate int, seed int64) (*load, error) {
	switch op {
	case "read", "update", "mixed", "link":
	default:
		return nil, fmt.Errorf("unknown operation %q: use read, update, mixed or link", op)
	}
	tr := &http.Transport{MaxIdleConns: conns, MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns, DisableCompression: true}
	return &load{op: op, fx: fx, conns: conns, rate: rate, seed: seed, client: &http.Client{Transport: tr}}, nil
}

// result is what one measured run saw.
type result struct {
	elapsed   time.Duration
	latencies []time.Duration
	status    map[int]int
	errors    int
}

func (r result) String(op string) string {
	slices.Sort(r.latencies)
	pct := func(p float64) string {
		if len(r.latencies) == 0 {
			return "-"
		}
		d := r.latencies[min(len(r.latencies)-1, int(p*float64(len(r.latencies))))]
		return fmt.Sprintf("%.2fms", float64(d.Microseconds())/1000)
	}
	codes := make([]int, 0, len(r.status))
	for c := range r.status {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	var st []string
	for _, c := range codes {
		st = append(st, fmt.Sprintf("%d×%d", c, r.status[c]))
	}
	if r.errors > 0 {
		st = append(st, fmt.Sprintf("errors×%d", r.errors))
	}
	rps := float64(len(r.latencies)) / r.elapsed.Seconds()
	return fmt.Sprintf("%-7s %8.0f req/s  p50 %s  p90 %s  p99 %s  max %s  (%d requests: %s)",
		op, rps, pct(.50), pct(.90), pct(.99), pct(1), len(r.latencies), strings.Join(st, " "))
}

// run sends requests for d and returns what it saw.
func (l *load) run(ctx context.Context, d time.Duration) result {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var mu sync.Mutex
	total := result{status: map[int]int{}}
	var wg sync.WaitGroup
	start := time.Now()
	var ticks chan time.Time
	if l.rate > 0 {
		ticks = make(chan time.Time, l.rate*int(d/time.Second+1))
		go pace(ctx, ticks, l.rate, start)
	}
	for i := range l.conns {
		wg.Go(func() {
			r := l.worker(ctx, rand.New(rand.NewPCG(uint64(l.seed), uint64(i))), ticks)
			mu.Lock()
			defer mu.Unlock()
			total.latencies = append(total.latencies, r.latencies...)
			for c, n := range r.status {
				total.status[c] += n
			}
			total.errors += r.errors
		})
	}
	wg.Wait()
	total.elapsed = time.Since(start)
	return total
}

// pace offers rate requests a second, evenly, from start until ctx ends:
// it sends each request's scheduled time on ticks.
func pace(ctx context.Context, ticks chan<- time.Time, rate int, start time.Time) {
	interval := time.Second / time.Duration(rate)
	next := start
	for ctx.Err() == nil {
		for now := time.Now(); !next.After(now); next = next.Add(interval) {
			select {
			case ticks <- next:
			default: // the buffer holds the whole run: cannot happen
			}
		}
		time.Sleep(time.Until(next))
	}
}

// worker is one connection's loop. Without ticks it sends the next
// request as soon as the last is answered (closed loop); with ticks it
// sends one per scheduled time and counts latency from that time, so that
// a server that falls behind shows it in the percentiles (open loop,
// without coordinated omission).
func (l *load) worker(ctx context.Context, rng *rand.Rand, ticks <-chan time.Time) result {
	r := result{status: map[int]int{}}
	prefix := l.fx.Base + "/api/v1/projects/" + l.fx.Key + "/tasks/"
	for n := 0; ctx.Err() == nil; n++ {
		id := l.fx.Leaves[rng.IntN(len(l.fx.Leaves))]
		url := prefix + strconv.FormatInt(id, 10)
		write := l.op == "update" || (l.op == "mixed" && rng.IntN(10) == 0)
		var req *http.Request
		if l.op == "link" {
			req = l.linkRequest(rng)
		} else if write {
			req, _ = http.NewRequest(http.MethodPatch, url, strings.NewReader(patchBody(rng, n)))
			req.Header.Set("Content-Type", "application/json")
		} else {
			req, _ = http.NewRequest(http.MethodGet, url, nil)
		}
		req.Header.Set("Authorization", "Bearer "+l.fx.Token)
		t0 := time.Now()
		if ticks != nil {
			select {
			case t0 = <-ticks:
			case <-ctx.Done():
				return r
			}
		}
		res, err := l.client.Do(req.WithContext(ctx))
		if err != nil {
			if ctx.Err() == nil {
				r.errors++
			}
			continue
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if ctx.Err() != nil {
			break // cut off by the end of the run: not a full request
		}
		r.latencies = append(r.latencies, time.Since(t0))
		r.status[res.StatusCode]++
	}
	return r
}

// patchBody is an edit a team makes all day: progress, a note, a new
// estimate or a new name, in turn.
func patchBody(rng *rand.Rand, n int) string {
	switch n % 4 {
	case 0:
		return `{"percent_complete":` + strconv.Itoa(rng.IntN(101)) + `}`
	case 1:
		return `{"notes":"checked ` + strconv.Itoa(rng.IntN(1e6)) + `"}`
	case 2:
		return `{"duration":"` + strconv.Itoa(1+rng.IntN(10)) + `d"}`
	}
	return `{"name":"Task ` + strconv.Itoa(rng.IntN(1e6)) + `"}`
}

// linkRequest adds an FS link from one task to a later one (ids grow
// through the plan, so it never closes a cycle of task links; a 400 or 409
// answer is a link into a summary's own subtree or a duplicate).
func (l *load) linkRequest(rng *rand.Rand) *http.Request {
	a, b := l.fx.Leaves[rng.IntN(len(l.fx.Leaves))], l.fx.Leaves[rng.IntN(len(l.fx.Leaves))]
	if a > b {
		a, b = b, a
	}
	body := fmt.Sprintf(`{"predecessor":%d,"successor":%d,"type":"FS"}`, a, b)
	req, _ := http.NewRequest(http.MethodPost, l.fx.Base+"/api/v1/projects/"+l.fx.Key+"/dependencies", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	return req
}
