package evm

import "math/big"

// roundDiv returns a×b/c rounded half away from zero, exactly.
func roundDiv(a, b, c int64) int64 {
	return roundDiv3(a, b, 1, c, 1)
}

// roundDiv3 returns a×b×c/(d×e) rounded half away from zero, exactly
// (the products may not fit in 64 bits). The divisor must not be zero.
func roundDiv3(a, b, c, d, e int64) int64 {
	num := new(big.Int).Mul(big.NewInt(a), big.NewInt(b))
	num.Mul(num, big.NewInt(c))
	den := new(big.Int).Mul(big.NewInt(d), big.NewInt(e))
	if den.Sign() < 0 {
		num.Neg(num)
		den.Neg(den)
	}
	q, r := new(big.Int).QuoRem(num, den, new(big.Int))
	r.Abs(r).Lsh(r, 1)
	if r.Cmp(den) >= 0 {
		if num.Sign() < 0 {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return q.Int64()
}
