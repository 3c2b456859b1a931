package cost

import "math/bits"

// mulDiv returns a×b/c truncated toward zero, computed in 128 bits so
// that large amounts times long spans cannot overflow. c must not be 0;
// a quotient beyond int64 saturates.
func mulDiv(a, b, c int64) int64 {
	q, _ := divide(a, b, c)
	return q
}

// roundDiv returns a×b/c rounded half away from zero, as money is
// rounded to the minor unit.
func roundDiv(a, b, c int64) int64 {
	q, r := divide(a, b, c)
	// |r| / |c| ≥ 1/2  ⇔  2|r| ≥ |c|
	if ar, ac := abs(r), abs(c); ar >= ac-ar {
		if (a < 0) != (b < 0) != (c < 0) {
			q--
		} else {
			q++
		}
	}
	return q
}

// divide returns the quotient (toward zero) and remainder of a×b/c.
func divide(a, b, c int64) (q, r int64) {
	neg := (a < 0) != (b < 0) != (c < 0)
	hi, lo := bits.Mul64(uabs(a), uabs(b))
	uc := uabs(c)
	if hi >= uc {
		if neg {
			return -1 << 63, 0
		}
		return 1<<63 - 1, 0
	}
	uq, ur := bits.Div64(hi, lo, uc)
	if uq > 1<<63-1 {
		uq = 1<<63 - 1
	}
	q, r = int64(uq), int64(ur)
	if neg {
		q = -q
	}
	if (a < 0) != (b < 0) { // the remainder takes the sign of the dividend
		r = -r
	}
	return q, r
}

func uabs(x int64) uint64 {
	if x < 0 {
		return uint64(-x)
	}
	return uint64(x)
}

func abs(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}
