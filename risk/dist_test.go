package risk

import (
	"math"
	"testing"
)

// TestBetaInverse checks the PERT quantile function against shapes with
// closed forms — I_x(1, 1) = x, I_x(2, 1) = x², I_x(1, 5) = 1−(1−x)⁵ —
// and round trips on PERT's own shapes (away from the far tails, where
// I_x itself rounds to 0 or 1 in float64).
func TestBetaInverse(t *testing.T) {
	for _, c := range []struct {
		a, b float64
		q    func(u float64) float64
	}{
		{1, 1, func(u float64) float64 { return u }},
		{2, 1, math.Sqrt},
		{1, 5, func(u float64) float64 { return 1 - math.Pow(1-u, 0.2) }},
	} {
		bi := newBetaInverse(c.a, c.b)
		for _, u := range []float64{1e-9, 0.001, 0.1, 0.25, 0.5, 0.9, 0.999, 1 - 1e-9} {
			if got, want := bi.quantile(u), c.q(u); math.Abs(got-want) > 1e-9 {
				t.Errorf("Beta(%g, %g): quantile(%g) = %.12f, want %.12f", c.a, c.b, u, got, want)
			}
		}
	}
	for _, r := range []float64{0, 0.1, 0.25, 0.5, 0.9, 1} { // (m−a)/(b−a)
		bi := newBetaInverse(1+4*r, 5-4*r)
		for _, x := range []float64{0.01, 0.05, 0.3, 0.5, 0.77, 0.99} {
			if got := bi.quantile(bi.cdf(x)); math.Abs(got-x) > 1e-9 {
				t.Errorf("r=%g: quantile(cdf(%g)) = %.12f", r, x, got)
			}
		}
	}
}
