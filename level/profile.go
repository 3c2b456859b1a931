package level

import "slices"

// profile is the usage of every resource over time, as step functions on
// the working-minute axis: for resource r, use[r][k] units are taken from
// at[r][k] until at[r][k+1] (the last step runs for ever). Its size grows
// with the number of tasks placed, not with the length of the project, so
// levelling works to the minute without choosing a coarser period.
type profile struct {
	capacity []int64
	at, use  [][]int64
}

func newProfile(capacity []int64) *profile {
	p := &profile{capacity: capacity, at: make([][]int64, len(capacity)), use: make([][]int64, len(capacity))}
	for r := range capacity {
		p.at[r] = []int64{minOrd}
		p.use[r] = []int64{0}
	}
	return p
}

// copyFrom makes p equal to q, reusing p's memory.
func (p *profile) copyFrom(q *profile) {
	for r := range q.at {
		p.at[r] = append(p.at[r][:0], q.at[r]...)
		p.use[r] = append(p.use[r][:0], q.use[r]...)
	}
}

// step returns the index of the step of resource r that holds time x.
func (p *profile) step(r int32, x int64) int {
	at := p.at[r]
	i, found := slices.BinarySearch(at, x)
	if found {
		return i
	}
	return i - 1
}

// fits reports whether q more units of r fit over [s, e). When they do
// not, it returns the first and the last step in the way.
func (p *profile) fits(r int32, s, e, q int64) (ok bool, first, last int) {
	at, use, c := p.at[r], p.use[r], p.capacity[r]
	q = min(q, c) // a demand above capacity needs the resource to itself
	first, last = -1, -1
	for k := p.step(r, s); k < len(at) && at[k] < e; k++ {
		if use[k]+q > c {
			if first < 0 {
				first = k
			}
			last = k
		}
	}
	return first < 0, first, last
}

// earliest returns the earliest start at or after s at which q more
// units of r fit for d, in one pass over r's steps.
func (p *profile) earliest(r int32, s, d, q int64) int64 {
	at, use, c := p.at[r], p.use[r], p.capacity[r]
	q = min(q, c)
	for k := p.step(r, s); k < len(at); k++ {
		end := int64(maxOrd)
		if k+1 < len(at) {
			end = at[k+1]
		}
		switch {
		case use[k]+q > c:
			s = end
		case end >= s+d:
			return s
		}
	}
	return s
}

// latest returns the latest start at or before s at which q more units
// of r fit for d, in one pass back over r's steps.
func (p *profile) latest(r int32, s, d, q int64) int64 {
	at, use, c := p.at[r], p.use[r], p.capacity[r]
	q = min(q, c)
	for k := p.step(r, s+d-1); k >= 0; k-- {
		switch {
		case use[k]+q > c:
			s = min(s, at[k]-d)
		case at[k] <= s:
			return s
		}
	}
	return s
}

// over reports whether r is used beyond its capacity anywhere in [s, e).
func (p *profile) over(r int32, s, e int64) bool {
	at, use, c := p.at[r], p.use[r], p.capacity[r]
	for k := p.step(r, s); k < len(at) && at[k] < e; k++ {
		if use[k] > c {
			return true
		}
	}
	return false
}

// end returns the end of step k of r.
func (p *profile) end(r int32, k int) int64 {
	if k+1 < len(p.at[r]) {
		return p.at[r][k+1]
	}
	return maxOrd
}

// add takes q units of r over [s, e) (q < 0 gives them back).
func (p *profile) add(r int32, s, e, q int64) {
	if e <= s || q == 0 {
		return
	}
	i := p.split(r, s)
	j := i + 1 // spans are short: walk to e rather than search
	for j < len(p.at[r]) && p.at[r][j] < e {
		j++
	}
	if j == len(p.at[r]) || p.at[r][j] != e {
		p.at[r] = slices.Insert(p.at[r], j, e)
		p.use[r] = slices.Insert(p.use[r], j, p.use[r][j-1])
	}
	use := p.use[r]
	for k := i; k < j; k++ {
		use[k] += q
	}
}

// split makes x the start of a step of r and returns that step's index.
func (p *profile) split(r int32, x int64) int {
	k := p.step(r, x)
	if p.at[r][k] == x {
		return k
	}
	p.at[r] = slices.Insert(p.at[r], k+1, x)
	p.use[r] = slices.Insert(p.use[r], k+1, p.use[r][k])
	return k + 1
}
