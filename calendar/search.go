package calendar

// keys is a sorted list with a coarse index. The index splits the range
// of the keys into at most len(k) buckets of equal width and records where
// each bucket begins, so a search jumps to its bucket and binary-searches
// only the keys inside it. Holidays spread over years leave a key or two
// per bucket, making a look-up a few instructions; keys bunched together
// (a long shutdown) still cost no more than one binary search.
type keys struct {
	k     []int64
	shift uint    // buckets are 1<<shift wide
	at    []int32 // at[b]: the number of keys below k[0] + b<<shift
}

func newKeys(k []int64) keys {
	x := keys{k: k}
	if len(k) == 0 {
		return x
	}
	span := k[len(k)-1] - k[0]
	for span>>x.shift >= int64(len(k)) {
		x.shift++
	}
	buckets := int(span>>x.shift) + 1
	x.at = make([]int32, buckets+1)
	i := 0
	for b := range x.at {
		bound := k[0] + int64(b)<<x.shift
		for i < len(k) && k[i] < bound {
			i++
		}
		x.at[b] = int32(i)
	}
	return x
}

// lower returns the number of keys less than v.
func (x *keys) lower(v int64) int {
	k := x.k
	if len(k) == 0 || v <= k[0] {
		return 0
	}
	if v > k[len(k)-1] {
		return len(k)
	}
	b := (v - k[0]) >> x.shift
	lo, hi := x.at[b], x.at[b+1]
	return int(lo) + lowerBound(k[lo:hi], v)
}

// upper returns the number of keys less than or equal to v.
func (x *keys) upper(v int64) int {
	if len(x.k) == 0 || v >= x.k[len(x.k)-1] {
		return len(x.k)
	}
	return x.lower(v + 1)
}

// search returns the number of keys less than v and whether the next key
// is v.
func (x *keys) search(v int64) (int, bool) {
	i := x.lower(v)
	return i, i < len(x.k) && x.k[i] == v
}

// lowerBound returns the number of keys less than v. The loop has no
// data-dependent branch: random look-ups, as a simulation makes, would
// otherwise pay for a mispredicted branch at almost every step.
func lowerBound(k []int64, v int64) int {
	if len(k) == 0 {
		return 0
	}
	base, n := 0, len(k)
	for n > 1 {
		half := n >> 1
		base += half & -b2i(k[base+half-1] < v)
		n -= half
	}
	return base + b2i(k[base] < v)
}

// b2i compiles to a SETcc instruction, not a branch.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
