package level

// decoder runs the serial schedule generation scheme (SSGS). It keeps the
// remaining capacity of every resource in every period in one flat,
// time-major array, so checking whether an activity fits at a time reads
// a few neighbouring words per period. Each goroutine owns its decoder.
type decoder struct {
	net   *network
	avail []int32 // avail[t*k+r]: units of r still free in period t
	full  []int32 // the same array with nothing scheduled
	start []int32 // scratch: times in the direction of the pass
	count []int32 // scratch for counting sorts, horizon+1 long
	keys  []int32 // scratch: sort keys
	base  []int32 // scratch: an order for breaking ties
}

func newDecoder(net *network) *decoder {
	d := &decoder{
		net:   net,
		avail: make([]int32, net.horizon*net.k),
		full:  make([]int32, net.horizon*net.k),
		start: make([]int32, net.n),
		count: make([]int32, net.horizon+2),
		keys:  make([]int32, net.n),
		base:  make([]int32, net.n),
	}
	for t := range net.horizon {
		copy(d.full[t*net.k:], net.capacity)
	}
	copy(d.avail, d.full)
	return d
}

// serial schedules the activities in order, each at the earliest time at
// or after head[j] (nil = 0) and the finish of its predecessors (given by
// predIdx/preds) at which its demands fit for its whole duration. It
// writes the times into t and returns the latest finish plus tail (nil =
// 0). Order must list every activity after its predecessors.
func (d *decoder) serial(order []int32, predIdx, preds []int32, head, tail, t []int32) int {
	net := d.net
	k := int32(net.k)
	avail := d.avail
	end, used := int32(0), int32(0)
	for _, j := range order {
		es := int32(0)
		if head != nil {
			es = head[j]
		}
		for _, p := range preds[predIdx[j]:predIdx[j+1]] {
			es = max(es, t[p]+net.dur[p])
		}
		dj := net.dur[j]
		lo, hi := net.demIdx[j], net.demIdx[j+1]
		res, qty := net.demRes[lo:hi], net.demQty[lo:hi]
		s := es
		if len(res) > 0 {
		search:
			for {
				for tau := s + dj - 1; tau >= s; tau-- {
					base := tau * k
					for i, r := range res {
						if avail[base+r] < qty[i] {
							s = tau + 1
							continue search
						}
					}
				}
				break
			}
			for tau := s; tau < s+dj; tau++ {
				base := tau * k
				for i, r := range res {
					avail[base+r] -= qty[i]
				}
			}
			used = max(used, s+dj)
		}
		t[j] = s
		f := s + dj
		if tail != nil {
			f += tail[j]
		}
		end = max(end, f)
	}
	copy(avail[:int(used)*int(k)], d.full)
	return int(end)
}

// forward builds the left-justified schedule of a topologically ordered
// activity list and returns its makespan.
func (d *decoder) forward(list, start []int32) int {
	net := d.net
	return d.serial(list, net.predIdx, net.preds, net.release, nil, start)
}

// backward builds the right-justified schedule of a list that names every
// activity after its successors: each activity as late as it can be,
// scheduled from the end. It writes real start times and returns the
// makespan. Release dates act as tails, so no start falls before its
// release.
func (d *decoder) backward(list, start []int32) int {
	net := d.net
	rs := d.start
	end := d.serial(list, net.succIdx, net.succs, nil, net.release, rs)
	for j := range net.n {
		start[j] = int32(end) - rs[j] - net.dur[j]
	}
	return end
}

// byStart writes into out the activities of base ordered by increasing
// start, ties kept in base order. When base is topologically ordered and
// start is a feasible schedule, out is topologically ordered too.
func (d *decoder) byStart(start, base, out []int32) {
	d.countingSort(start, base, out, false)
}

// byFinish writes into out the activities ordered by decreasing finish,
// ties in reverse base order: an order in which every activity follows
// its successors, as the backward pass needs.
func (d *decoder) byFinish(start, base, out []int32) {
	keys := d.keys
	for j := range keys {
		keys[j] = start[j] + d.net.dur[j]
	}
	d.countingSort(keys, base, out, true)
}

// countingSort orders base by keys (all within 0..horizon), stably, or
// in reverse for desc.
func (d *decoder) countingSort(keys, base, out []int32, desc bool) {
	count := d.count
	clear(count)
	for _, j := range base {
		count[keys[j]+1]++
	}
	for i := 1; i < len(count); i++ {
		count[i] += count[i-1]
	}
	n := len(base)
	for _, j := range base {
		pos := count[keys[j]]
		count[keys[j]]++
		if desc {
			out[n-1-int(pos)] = j
		} else {
			out[pos] = j
		}
	}
}
