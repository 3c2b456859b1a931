package cost

import (
	"cmp"
	"slices"
	"time"

	"github.com/cairnpm/cairn/calendar"
)

// Curve is money incurred over time, in minor units: lumps incurred at
// an instant, and amounts spread evenly over the working minutes of a
// calendar between two instants. At tells how much has been incurred by
// a moment, exactly: a spread amount is divided by integer arithmetic, and
// at the end of its span the whole amount has been incurred.
//
// A Curve is immutable once built and safe for concurrent use. The zero
// Curve (or a nil *Curve) incurs nothing.
type Curve struct {
	cals  []*calendar.Calendar
	parts []part
	total int64
}

// part is one amount of a curve: a lump at instant (a wall-clock Unix
// time) when spread is false, else spread over working ordinals
// [from, to) of calendar cal.
type part struct {
	spread   bool
	cal      int32
	instant  int64
	from, to int64
	amount   int64
}

// Entry is an amount of money on a date: a timesheet's cost, an invoice,
// an actual cost imported from another tool.
type Entry struct {
	Date   time.Time // project-local; the money counts from this instant on
	Amount int64     // minor units
}

// FromEntries builds a curve of lumps, one per entry. It is how dated
// actual costs (timesheets, invoices) become an actual-cost curve.
func FromEntries(entries []Entry) *Curve {
	c := &Curve{}
	for _, e := range entries {
		c.lump(e.Date, e.Amount)
	}
	return c
}

// Total returns everything the curve incurs.
func (c *Curve) Total() int64 {
	if c == nil {
		return 0
	}
	return c.total
}

// At returns the money incurred up to and including t: lumps at or
// before t, and the share of each spread amount for the working time of
// its span up to t.
func (c *Curve) At(t time.Time) int64 {
	if c == nil || len(c.parts) == 0 {
		return 0
	}
	var ords [4]int64
	ord := ords[:0]
	if len(c.cals) > len(ords) {
		ord = make([]int64, 0, len(c.cals))
	}
	for _, cal := range c.cals {
		ord = append(ord, cal.Ordinal(t))
	}
	unix := t.Unix()
	var sum int64
	for i := range c.parts {
		p := &c.parts[i]
		if !p.spread {
			if unix >= p.instant {
				sum += p.amount
			}
			continue
		}
		sum += p.at(ord[p.cal])
	}
	return sum
}

// at is what a spread part has incurred by ordinal o.
func (p *part) at(o int64) int64 {
	switch {
	case o <= p.from:
		return 0
	case o >= p.to:
		return p.amount
	}
	return mulDiv(p.amount, o-p.from, p.to-p.from)
}

// Sum returns a curve incurring what all of cs incur.
func Sum(cs ...*Curve) *Curve {
	out := &Curve{}
	for _, c := range cs {
		out.add(c)
	}
	return out
}

// add appends c's parts to out.
func (c *Curve) add(o *Curve) {
	if o == nil {
		return
	}
	remap := make([]int32, len(o.cals))
	for i, cal := range o.cals {
		remap[i] = c.calIndex(cal)
	}
	for _, p := range o.parts {
		if p.spread {
			p.cal = remap[p.cal]
		}
		c.parts = append(c.parts, p)
	}
	c.total += o.total
}

// calIndex returns cal's index in c.cals, adding it if new.
func (c *Curve) calIndex(cal *calendar.Calendar) int32 {
	for i, x := range c.cals {
		if x == cal {
			return int32(i)
		}
	}
	c.cals = append(c.cals, cal)
	return int32(len(c.cals) - 1)
}

// lump adds amount incurred at instant t.
func (c *Curve) lump(t time.Time, amount int64) {
	if amount == 0 {
		return
	}
	c.parts = append(c.parts, part{instant: t.Unix(), amount: amount})
	c.total += amount
}

// spread adds amount spread over the working time of cal from ordinal
// from to ordinal to; an empty span makes it a lump at start.
func (c *Curve) spread(cal *calendar.Calendar, start time.Time, from, to, amount int64) {
	if amount == 0 {
		return
	}
	if to <= from {
		c.lump(start, amount)
		return
	}
	c.parts = append(c.parts, part{spread: true, cal: c.calIndex(cal), from: from, to: to, amount: amount})
	c.total += amount
}

// Series returns the money incurred by each of the instants in at, which
// must be in time order: the cumulative curve, sampled.
func (c *Curve) Series(at []time.Time) []int64 {
	out := make([]int64, len(at))
	if c == nil || len(c.parts) == 0 {
		return out
	}
	// Lumps sorted by instant are added as the samples pass them; spread
	// parts are evaluated at each sample while their span is open.
	var lumps []part
	var spreads []part
	for _, p := range c.parts {
		if p.spread {
			spreads = append(spreads, p)
		} else {
			lumps = append(lumps, p)
		}
	}
	slices.SortFunc(lumps, func(a, b part) int { return cmp.Compare(a.instant, b.instant) })
	slices.SortFunc(spreads, func(a, b part) int { return cmp.Compare(a.from, b.from) })
	ords := make([]int64, len(c.cals))
	var lumpSum, doneSum int64
	li := 0
	open := spreads[:0:0]
	si := 0
	for k, t := range at {
		for j, cal := range c.cals {
			ords[j] = cal.Ordinal(t)
		}
		for unix := t.Unix(); li < len(lumps) && lumps[li].instant <= unix; li++ {
			lumpSum += lumps[li].amount
		}
		// Spread parts are sorted by start ordinal, which is comparable
		// only within one calendar; with several calendars every part
		// not yet finished stays open.
		for si < len(spreads) && (len(c.cals) > 1 || spreads[si].from < ords[spreads[si].cal]) {
			open = append(open, spreads[si])
			si++
		}
		var partial int64
		kept := open[:0]
		for _, p := range open {
			v := p.at(ords[p.cal])
			if v == p.amount && ords[p.cal] >= p.to {
				doneSum += v
				continue
			}
			partial += v
			kept = append(kept, p)
		}
		open = kept
		out[k] = lumpSum + doneSum + partial
	}
	return out
}
