package risk

import (
	"math"
	"math/rand/v2"
	"sort"
)

// z90 is the standard normal quantile at 0.9: a lognormal's P10 and P90
// lie z90 standard deviations either side of its median, on the log scale.
const z90 = 1.2815515655446004

// lognormalParams returns μ and σ of the lognormal whose 10th and 90th
// percentiles are p10 and p90.
func lognormalParams(p10, p90 int64) (mu, sigma float64) {
	l10, l90 := math.Log(float64(p10)), math.Log(float64(p90))
	return (l10 + l90) / 2, (l90 - l10) / (2 * z90)
}

// sampler draws one task's duration. It is a flat value, kept in a slice
// in task order, so that sampling a run is one linear scan.
type sampler struct {
	node int32 // the task's leaf node
	dist Distribution
	// group is the index of the task's correlation group, or -1; load is
	// its weight on the group's factor, sqrt(correlation), and resid
	// sqrt(1 − correlation).
	group       int32
	load, resid float64
	a, b, m     float64 // optimistic, pessimistic, most likely
	// Triangular: fc = F(m) = (m−a)/(b−a); k1 = (b−a)(m−a); k2 = (b−a)(b−m).
	fc, k1, k2 float64
	// PERT: the beta shapes, and for a correlated task its quantile
	// function. Lognormal: mu and sigma of the log.
	alpha, beta float64
	inv         *betaInverse
	mu, sigma   float64
}

// triSampler is an uncorrelated triangular sampler, the common case, in
// the fewest bytes: a run reads every one of them.
type triSampler struct {
	node             int32
	a, b, fc, k1, k2 float64
}

func newSampler(node int32, e Estimate) sampler {
	s := sampler{node: node, dist: e.Dist, group: -1,
		a: float64(e.Optimistic), b: float64(e.Pessimistic), m: float64(e.MostLikely)}
	w := s.b - s.a
	switch e.Dist {
	case Triangular:
		if w > 0 {
			s.fc = (s.m - s.a) / w
		}
		s.k1, s.k2 = w*(s.m-s.a), w*(s.b-s.m)
	case PERT:
		s.alpha, s.beta = 1, 1
		if w > 0 {
			s.alpha, s.beta = 1+4*(s.m-s.a)/w, 1+4*(s.b-s.m)/w
		}
	case Lognormal:
		s.mu, s.sigma = lognormalParams(e.P10, e.P90)
	}
	return s
}

// fromUniform maps u in [0, 1) through the inverse distribution function.
func (s *sampler) fromUniform(u float64) float64 {
	switch s.dist {
	case Triangular:
		if u < s.fc {
			return s.a + math.Sqrt(u*s.k1)
		}
		return s.b - math.Sqrt((1-u)*s.k2)
	case Uniform:
		return s.a + u*(s.b-s.a)
	case PERT:
		if s.b <= s.a {
			return s.a
		}
		return s.a + (s.b-s.a)*s.inv.quantile(u)
	}
	return math.Exp(s.mu + s.sigma*normalQuantile(u))
}

// draw samples the duration of an uncorrelated task.
func (s *sampler) draw(src *rand.PCG, r *rand.Rand) float64 {
	switch s.dist {
	case Triangular, Uniform:
		return s.fromUniform(uniform(src))
	case PERT:
		if s.b <= s.a {
			return s.a
		}
		x := gamma(r, s.alpha)
		return s.a + (s.b-s.a)*x/(x+gamma(r, s.beta))
	}
	return math.Exp(s.mu + s.sigma*r.NormFloat64())
}

// fromNormal samples the duration of a correlated task given its latent
// standard normal value z.
func (s *sampler) fromNormal(z float64) float64 {
	if s.dist == Lognormal {
		return math.Exp(s.mu + s.sigma*z)
	}
	return s.fromUniform(min(normalCDF(z), 1-0x1p-53))
}

// uniform returns a float64 in [0, 1) from the top 53 bits of one draw.
func uniform(src *rand.PCG) float64 {
	return float64(src.Uint64()>>11) * 0x1p-53
}

// gamma draws from Gamma(a, 1) for a >= 1 (Marsaglia and Tsang, "A simple
// method for generating gamma variables", ACM TOMS 26(3), 2000). PERT's
// shapes are always at least 1.
func gamma(r *rand.Rand, a float64) float64 {
	d := a - 1.0/3
	c := 1 / math.Sqrt(9*d)
	for {
		x := r.NormFloat64()
		v := 1 + c*x
		if v <= 0 {
			continue
		}
		v = v * v * v
		u := r.Float64()
		if u < 1-0.0331*x*x*x*x || math.Log(u) < 0.5*x*x+d*(1-v+math.Log(v)) {
			return d * v
		}
	}
}

// normalCDF is Φ(z), the standard normal distribution function.
func normalCDF(z float64) float64 { return 0.5 * math.Erfc(-z/math.Sqrt2) }

// normalQuantile is Φ⁻¹(u).
func normalQuantile(u float64) float64 { return math.Sqrt2 * math.Erfinv(2*u-1) }

// betaInverse inverts a beta distribution function quickly, for the PERT
// tasks of correlation groups, which draw through their quantile function.
// It keeps the distribution function at betaGrid+1 even points; a draw
// finds its bracket there by binary search and refines it by Newton's
// method on the exact function, falling back to bisection inside the
// bracket, until x is exact to about 1e-14.
type betaInverse struct {
	a, b, lnC float64 // shapes, and log(1/B(a, b))
	grid      []float64
}

const betaGrid = 128

func newBetaInverse(a, b float64) *betaInverse {
	la, _ := math.Lgamma(a + b)
	lb, _ := math.Lgamma(a)
	lc, _ := math.Lgamma(b)
	bi := &betaInverse{a: a, b: b, lnC: la - lb - lc, grid: make([]float64, betaGrid+1)}
	for i := range bi.grid {
		bi.grid[i] = bi.cdf(float64(i) / betaGrid)
	}
	return bi
}

// quantile returns x with I_x(a, b) = u.
func (bi *betaInverse) quantile(u float64) float64 {
	i := sort.SearchFloat64s(bi.grid, u) // grid[i-1] < u <= grid[i]
	i = max(1, min(i, betaGrid))
	lo, hi := float64(i-1)/betaGrid, float64(i)/betaGrid
	flo, fhi := bi.grid[i-1], bi.grid[i]
	x := lo
	if fhi > flo {
		x = lo + (hi-lo)*(u-flo)/(fhi-flo)
	}
	for range 60 {
		f := bi.cdf(x) - u
		if f == 0 || hi-lo < 1e-14 {
			break
		}
		if f < 0 {
			lo = x
		} else {
			hi = x
		}
		next := x - f/bi.pdf(x)
		if !(next > lo && next < hi) { // Newton left the bracket (or the density is 0)
			next = (lo + hi) / 2
		}
		if math.Abs(next-x) < 1e-15 {
			return next
		}
		x = next
	}
	return x
}

func (bi *betaInverse) pdf(x float64) float64 {
	if x <= 0 || x >= 1 {
		return 0
	}
	return math.Exp(bi.lnC + (bi.a-1)*math.Log(x) + (bi.b-1)*math.Log1p(-x))
}

// cdf is the regularized incomplete beta function I_x(a, b), by the
// continued fraction of Numerical Recipes (3rd ed., §6.4), evaluated with
// the modified Lentz method.
func (bi *betaInverse) cdf(x float64) float64 {
	if x <= 0 {
		return 0
	}
	if x >= 1 {
		return 1
	}
	a, b := bi.a, bi.b
	front := math.Exp(bi.lnC + a*math.Log(x) + b*math.Log1p(-x))
	if x < (a+1)/(a+b+2) {
		return front * betaCF(x, a, b) / a
	}
	return 1 - front*betaCF(1-x, b, a)/b
}

func betaCF(x, a, b float64) float64 {
	const tiny = 1e-300
	qab, qap, qam := a+b, a+1, a-1
	c, d := 1.0, 1-qab*x/qap
	if math.Abs(d) < tiny {
		d = tiny
	}
	d = 1 / d
	h := d
	for m := 1; m <= 300; m++ {
		fm := float64(m)
		m2 := 2 * fm
		aa := fm * (b - fm) * x / ((qam + m2) * (a + m2))
		d = 1 + aa*d
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = 1 + aa/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		h *= d * c
		aa = -(a + fm) * (qab + fm) * x / ((a + m2) * (qap + m2))
		d = 1 + aa*d
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = 1 + aa/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		del := d * c
		h *= del
		if math.Abs(del-1) < 1e-15 {
			break
		}
	}
	return h
}

// toMinutes rounds a sampled duration to whole minutes within range.
func toMinutes(x float64) int64 {
	if !(x > 0) { // also NaN
		return 0
	}
	if x >= maxDuration {
		return maxDuration
	}
	return int64(x + 0.5)
}

// splitmix64 is Steele, Lea and Flood's SplitMix64 finaliser: it turns
// the seed and a run's number into well-mixed PCG seeds, so that runs
// with neighbouring numbers do not start from neighbouring states.
func splitmix64(x uint64) uint64 {
	x += 0x9E3779B97F4A7C15
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9
	x = (x ^ (x >> 27)) * 0x94D049BB133111EB
	return x ^ (x >> 31)
}

// seedRun seeds src for run i of a simulation with the given seed. Every
// run has its own stream, so a run's numbers do not depend on which
// worker ran it or what ran before.
func seedRun(src *rand.PCG, seed uint64, i int) {
	src.Seed(splitmix64(seed), splitmix64(seed^splitmix64(uint64(i)+1)))
}
