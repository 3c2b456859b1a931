package risk

import (
	"context"
	"math"
	"testing"

	"github.com/cairnpm/cairn/schedule"
)

// The statistical tests run with fixed seeds and accept a sample
// statistic within tol standard errors of its analytic value. With four
// standard errors a correct engine fails about once in 16,000 seeds; the
// seeds are fixed, so the tests are not flaky, and a biased engine moves
// the statistic by many standard errors.
const tol = 4

func simulate(t *testing.T, m Model) *Result {
	t.Helper()
	r, err := Simulate(context.Background(), m)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// elapsed returns each run's project finish in working minutes after the
// project start, in sorted order.
func elapsed(r *Result) []float64 {
	start := r.cal.Ordinal(r.Start)
	out := make([]float64, len(r.finishes))
	for i, f := range r.finishes {
		out[i] = float64(f - start)
	}
	return out
}

func meanVar(x []float64) (mean, variance float64) {
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	for _, v := range x {
		variance += (v - mean) * (v - mean)
	}
	return mean, variance / float64(len(x)-1)
}

// within fails t unless got is within tol standard errors se of want.
func within(t *testing.T, what string, got, want, se float64) {
	t.Helper()
	if math.Abs(got-want) > tol*se {
		t.Errorf("%s = %.2f, want %.2f ± %.2f (%d standard errors of %.3f)", what, got, want, tol*se, tol, se)
	}
}

// triangularMoments are the mean and variance of Triangular(a, m, b):
// (a+m+b)/3 and (a²+m²+b²−am−ab−mb)/18 (e.g. Evans, Hastings and Peacock,
// Statistical Distributions, ch. 40).
func triangularMoments(a, m, b float64) (float64, float64) {
	return (a + m + b) / 3, (a*a + m*m + b*b - a*m - a*b - m*b) / 18
}

// Rounding a continuous duration to whole minutes adds an error close to
// uniform on (−½, ½): no bias, variance 1/12 per task.
const roundingVar = 1.0 / 12

func TestChainMatchesSumOfTriangulars(t *testing.T) {
	for _, c := range []struct {
		name    string
		n       int
		a, m, b int64
	}{
		{"ten tasks, skewed right", 10, 2400, 3600, 7200},
		{"three tasks, symmetric", 3, 960, 1920, 2880},
		{"one task, mode at the minimum", 1, 480, 480, 4800},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := newPlan()
			est := map[int64]Estimate{}
			for _, id := range b.chain(c.n, c.m) {
				est[id] = Estimate{Dist: Triangular, Optimistic: c.a, MostLikely: c.m, Pessimistic: c.b}
			}
			const runs = 20_000
			r := simulate(t, Model{Plan: b.p, Estimates: est, Iterations: runs, Seed: 7})
			// The finish of a chain of FS links without lags is the sum of
			// the durations: its mean and variance are n times a task's.
			mu, v := triangularMoments(float64(c.a), float64(c.m), float64(c.b))
			n := float64(c.n)
			wantMean, wantVar := n*mu, n*(v+roundingVar)
			mean, variance := meanVar(elapsed(r))
			within(t, "mean", mean, wantMean, math.Sqrt(wantVar/runs))
			// The variance of a sample variance is σ⁴(2/(N−1) + excess
			// kurtosis/N); a triangular's excess kurtosis is −0.6 and a
			// sum's is smaller, so 2/(N−1) bounds it.
			within(t, "variance", variance, wantVar, wantVar*math.Sqrt(2.0/(runs-1)))
		})
	}
}

// TestParallelPathsShowMergeBias checks the expected finish of k paths in
// parallel, which is the expected maximum of k independent durations, and
// later than any one path's mean: the merge bias.
func TestParallelPathsShowMergeBias(t *testing.T) {
	const runs = 20_000
	t.Run("uniform, closed form", func(t *testing.T) {
		for _, k := range []int{2, 4} {
			b := newPlan()
			est := map[int64]Estimate{}
			for range k {
				est[b.task(2400)] = Estimate{Dist: Uniform, Optimistic: 960, Pessimistic: 4800}
			}
			r := simulate(t, Model{Plan: b.p, Estimates: est, Iterations: runs, Seed: 11})
			// The maximum of k independent U(a, b) is a + (b−a)·Beta(k, 1):
			// mean a + (b−a)k/(k+1), variance (b−a)²k/((k+1)²(k+2)).
			lo, w, kf := 960.0, 3840.0, float64(k)
			wantMean := lo + w*kf/(kf+1)
			wantVar := w*w*kf/((kf+1)*(kf+1)*(kf+2)) + roundingVar
			mean, _ := meanVar(elapsed(r))
			within(t, "mean of the maximum", mean, wantMean, math.Sqrt(wantVar/runs))
			if single := lo + w/2; mean < single+w/10 {
				t.Errorf("k=%d: mean finish %.0f shows no merge bias over one path's %.0f", k, mean, single)
			}
		}
	})
	t.Run("triangular, numerically integrated", func(t *testing.T) {
		const a, m, c, k = 2400.0, 3600.0, 7200.0, 3
		b := newPlan()
		est := map[int64]Estimate{}
		end := b.task(-1)
		for range k {
			id := b.task(3600)
			b.link(id, end)
			est[id] = Estimate{Dist: Triangular, Optimistic: a, MostLikely: m, Pessimistic: c}
		}
		r := simulate(t, Model{Plan: b.p, Estimates: est, Iterations: runs, Seed: 12})
		// E[max] = a + ∫ₐᵇ (1 − F(x)ᵏ) dx, by Simpson's rule on 2,000
		// panels; E[max²] likewise from ∫ 2x(1 − F(x)ᵏ) dx.
		cdf := func(x float64) float64 {
			if x < m {
				return (x - a) * (x - a) / ((c - a) * (m - a))
			}
			return 1 - (c-x)*(c-x)/((c-a)*(c-m))
		}
		e1 := a + simpson(func(x float64) float64 { return 1 - math.Pow(cdf(x), k) }, a, c, 2000)
		e2 := a*a + simpson(func(x float64) float64 { return 2 * x * (1 - math.Pow(cdf(x), k)) }, a, c, 2000)
		wantVar := e2 - e1*e1 + roundingVar
		mean, _ := meanVar(elapsed(r))
		within(t, "mean of the maximum", mean, e1, math.Sqrt(wantVar/runs))
		single, _ := triangularMoments(a, m, c)
		if mean < single+300 {
			t.Errorf("mean finish %.0f shows no merge bias over one path's %.0f", mean, single)
		}
	})
}

func simpson(f func(float64) float64, a, b float64, n int) float64 {
	h := (b - a) / float64(n)
	s := f(a) + f(b)
	for i := 1; i < n; i++ {
		w := 2.0
		if i%2 == 1 {
			w = 4
		}
		s += w * f(a+float64(i)*h)
	}
	return s * h / 3
}

// TestEventShiftsFinishByProbabilityTimesImpact: one task of fixed
// duration D with a risk of probability p and a delay X uniform on whole
// minutes in [lo, hi] finishes on average at D + p·E[X].
func TestEventShiftsFinishByProbabilityTimesImpact(t *testing.T) {
	const runs = 40_000
	for _, c := range []struct {
		p      float64
		lo, hi int64
	}{{0.3, 960, 2880}, {0.05, 4800, 4800}, {0.9, 0, 480}} {
		b := newPlan()
		id := b.task(4800)
		ev := Event{ID: "R1", Name: "Late delivery", Probability: c.p, Tasks: []int64{id}, DelayMin: c.lo, DelayMax: c.hi, CostMin: 100, CostMax: 300}
		r := simulate(t, Model{Plan: b.p, Events: []Event{ev}, Iterations: runs, Seed: 3})
		// X is discrete uniform on n = hi−lo+1 values: E[X] = (lo+hi)/2,
		// Var X = (n²−1)/12. The shift pX has variance pE[X²] − (pE[X])².
		n := float64(c.hi - c.lo + 1)
		ex := float64(c.lo+c.hi) / 2
		ex2 := (n*n-1)/12 + ex*ex
		v := c.p*ex2 - c.p*ex*c.p*ex
		mean, _ := meanVar(elapsed(r))
		within(t, "mean finish", mean, 4800+c.p*ex, math.Sqrt(v/runs))
		rs := r.Risks[0]
		within(t, "share of runs with the event", rs.Occurred, c.p, math.Sqrt(c.p*(1-c.p)/runs))
		// Given that it occurs the finish moves by X itself.
		within(t, "finish impact", rs.FinishImpact, ex, math.Sqrt((n*n-1)/12/(c.p*runs)))
		// Its cost, uniform on [100, 300] minor units, adds p·200 on average.
		within(t, "mean cost", float64(r.Cost.Mean), c.p*200, math.Sqrt((c.p*(40000+(201*201-1)/12.0)-c.p*c.p*40000)/runs)+0.5)
	}
}

// TestZeroSpreadReproducesSchedule: estimates with no spread give every
// run the schedule's dates, and a task is critical in every run or none,
// as schedule.Compute says (on plans of FS links, where a driving path and
// zero total float are the same thing).
func TestZeroSpreadReproducesSchedule(t *testing.T) {
	for _, c := range zeroCases(t) {
		t.Run(c.name, func(t *testing.T) {
			det, err := schedule.Compute(c.plan, c.opt)
			if err != nil {
				t.Skip(err)
			}
			est := map[int64]Estimate{}
			summaries := c.plan.Summaries()
			for _, task := range c.plan.Tasks {
				if !summaries[task.ID] && task.Kind != "milestone" && !task.Duration.Elapsed && task.Mode != "manual" && task.Duration.Minutes > 0 {
					d := task.Duration.Minutes
					est[task.ID] = Estimate{Dist: PERT, Optimistic: d, MostLikely: d, Pessimistic: d}
				}
			}
			r := simulate(t, Model{Plan: c.plan, Options: c.opt, Estimates: est, Iterations: 20, Seed: 1, Workers: 2})
			f := r.Finish
			for _, got := range []struct {
				name string
				v    int64
			}{{"P10", r.cal.Ordinal(f.P10)}, {"P95", r.cal.Ordinal(f.P95)}, {"mean", r.cal.Ordinal(f.Mean)}} {
				if got.v != r.cal.Ordinal(det.Finish) {
					t.Errorf("%s finish %s, schedule says %s", got.name, r.cal.FinishOf(got.v), det.Finish)
				}
			}
			if r.OnTime != 1 {
				t.Errorf("on time in %.2f of runs", r.OnTime)
			}
			if c.name != "synthetic FS" {
				return
			}
			for i, ts := range r.Tasks {
				dt := det.Tasks[i]
				if dt.Summary {
					continue
				}
				if want := map[bool]float64{true: 1, false: 0}[dt.Critical]; ts.Criticality != want {
					t.Errorf("%s: criticality %.2f, schedule says critical=%v (float %d)", dt.Name, ts.Criticality, dt.Critical, dt.TotalFloat)
				}
			}
		})
	}
}

// TestOtherDistributions checks one task's mean and spread for PERT,
// uniform and lognormal.
func TestOtherDistributions(t *testing.T) {
	const runs = 20_000
	lnMu, lnSigma := lognormalParams(2400, 7200)
	for _, c := range []struct {
		name           string
		est            Estimate
		mean, variance float64
	}{
		// PERT: mean (a+4m+b)/6; the beta's variance αβ/((α+β)²(α+β+1))
		// scaled by (b−a)², with α = 1+4(m−a)/(b−a), β = 1+4(b−m)/(b−a).
		{"pert", Estimate{Dist: PERT, Optimistic: 2400, MostLikely: 3600, Pessimistic: 7200}, (2400 + 4*3600 + 7200) / 6.0, pertVar(2400, 3600, 7200)},
		{"uniform", Estimate{Dist: Uniform, Optimistic: 2400, Pessimistic: 7200}, 4800, 4800 * 4800 / 12.0},
		// Lognormal: mean exp(μ+σ²/2), variance (exp(σ²)−1)exp(2μ+σ²).
		{"lognormal", Estimate{Dist: Lognormal, P10: 2400, P90: 7200}, math.Exp(lnMu + lnSigma*lnSigma/2),
			(math.Exp(lnSigma*lnSigma) - 1) * math.Exp(2*lnMu+lnSigma*lnSigma)},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := newPlan()
			id := b.task(3600)
			r := simulate(t, Model{Plan: b.p, Estimates: map[int64]Estimate{id: c.est}, Iterations: runs, Seed: 5})
			x := elapsed(r)
			mean, _ := meanVar(x)
			within(t, "mean", mean, c.mean, math.Sqrt((c.variance+roundingVar)/runs))
			if got := c.est.Mean(); math.Abs(got-c.mean) > 1e-9 {
				t.Errorf("Estimate.Mean() = %v, want %v", got, c.mean)
			}
			if c.est.Dist == Lognormal {
				// The 10th and 90th percentiles are the ones given; a
				// sample quantile's standard error is √(q(1−q)/N)/f(x_q).
				for _, q := range []struct {
					p, want float64
				}{{0.1, 2400}, {0.9, 7200}} {
					dens := math.Exp(-z90*z90/2) / (math.Sqrt(2*math.Pi) * lnSigma * q.want)
					within(t, "quantile", percentileF(x, q.p), q.want, math.Sqrt(q.p*(1-q.p)/runs)/dens)
				}
			}
		})
	}
}

func pertVar(a, m, b float64) float64 {
	al, be := 1+4*(m-a)/(b-a), 1+4*(b-m)/(b-a)
	return (b - a) * (b - a) * al * be / ((al + be) * (al + be) * (al + be + 1))
}

func percentileF(sorted []float64, q float64) float64 {
	return sorted[int(math.Ceil(q*float64(len(sorted))))-1]
}

// TestCorrelationGroups: two identical tasks in a chain. Fully correlated,
// their durations are equal in every run, so the sum's variance is 4σ²;
// independent it is 2σ². Two such tasks in parallel lose their merge bias
// when fully correlated.
func TestCorrelationGroups(t *testing.T) {
	const runs = 20_000
	e := Estimate{Dist: Triangular, Optimistic: 2400, MostLikely: 3600, Pessimistic: 7200}
	_, v := triangularMoments(2400, 3600, 7200)
	for _, c := range []struct {
		corr    float64
		wantVar float64
	}{{0, 2 * v}, {1, 4 * v}} {
		b := newPlan()
		ids := b.chain(2, 3600)
		m := Model{Plan: b.p, Estimates: map[int64]Estimate{ids[0]: e, ids[1]: e}, Iterations: runs, Seed: 9,
			Groups: []Group{{Name: "same team", Tasks: ids, Correlation: c.corr}}}
		r := simulate(t, m)
		_, variance := meanVar(elapsed(r))
		within(t, "variance of the sum", variance, c.wantVar, c.wantVar*math.Sqrt(2.0/(runs-1)))
	}
	b := newPlan()
	x, y := b.task(3600), b.task(3600)
	r := simulate(t, Model{Plan: b.p, Estimates: map[int64]Estimate{x: e, y: e}, Iterations: runs, Seed: 9,
		Groups: []Group{{Tasks: []int64{x, y}, Correlation: 1}}})
	mean, _ := meanVar(elapsed(r))
	mu, _ := triangularMoments(2400, 3600, 7200)
	within(t, "mean of two comonotone paths", mean, mu, math.Sqrt(v/runs))
}

// TestCorrelatedMarginals: the copula moves tasks together without
// changing any one task's distribution, so the chain's mean stays the
// sum of the means, and its variance lies between the independent and
// the fully correlated cases.
func TestCorrelatedMarginals(t *testing.T) {
	const runs = 20_000
	for _, e := range []Estimate{
		{Dist: PERT, Optimistic: 2400, MostLikely: 3600, Pessimistic: 7200},
		{Dist: Triangular, Optimistic: 2400, MostLikely: 3600, Pessimistic: 7200},
		{Dist: Uniform, Optimistic: 2400, Pessimistic: 7200},
		{Dist: Lognormal, P10: 2400, P90: 7200},
	} {
		t.Run(e.Dist.String(), func(t *testing.T) {
			b := newPlan()
			ids := b.chain(2, 3600)
			r := simulate(t, Model{Plan: b.p, Estimates: map[int64]Estimate{ids[0]: e, ids[1]: e}, Iterations: runs, Seed: 21,
				Groups: []Group{{Tasks: ids, Correlation: 0.5}}})
			x := elapsed(r)
			single := estimateSamples(t, e, runs)
			_, v := meanVar(single)
			mean, variance := meanVar(x)
			within(t, "mean of the sum", mean, 2*e.Mean(), math.Sqrt(4*v/runs))
			if variance < 2.2*v || variance > 3.8*v {
				t.Errorf("variance of the sum %.0f is not between the independent %.0f and the comonotone %.0f", variance, 2*v, 4*v)
			}
		})
	}
}

// estimateSamples draws one task's duration runs times through the
// engine, for its variance.
func estimateSamples(t *testing.T, e Estimate, runs int) []float64 {
	b := newPlan()
	id := b.task(3600)
	return elapsed(simulate(t, Model{Plan: b.p, Estimates: map[int64]Estimate{id: e}, Iterations: runs, Seed: 22}))
}

// TestCostScalesWithDuration: one task with a person at 60.00/h (100
// minor units a minute) and 100.00 per use. Package cost plans 3600
// minutes of work, 360,000 + 10,000; a run's work stretches with its
// duration, so the mean cost is 370,000 + 100·(E[d] − 3600).
func TestCostScalesWithDuration(t *testing.T) {
	const runs = 20_000
	b := newPlan()
	id := b.task(3600)
	b.assign(id, 6000, 10000, 1)
	r := simulate(t, Model{Plan: b.p, Iterations: runs, Seed: 8,
		Estimates: map[int64]Estimate{id: {Dist: Triangular, Optimistic: 2400, MostLikely: 3600, Pessimistic: 7200}}})
	if r.PlannedCost != 370_000 {
		t.Errorf("planned cost %d, want 370000", r.PlannedCost)
	}
	mu, v := triangularMoments(2400, 3600, 7200)
	within(t, "mean cost", float64(r.Cost.Mean), 370_000+100*(mu-3600), 100*math.Sqrt((v+roundingVar)/runs)+0.5)
	if r.Cost.Min < 370_000-100*1200 || r.Cost.Max > 370_000+100*3600 {
		t.Errorf("cost range %d–%d outside the durations' range", r.Cost.Min, r.Cost.Max)
	}
}
