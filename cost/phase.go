package cost

import (
	"time"

	"github.com/cairnpm/cairn/calendar"
)

// Done returns amount spread over the part of a task that percent
// complete says is done: the first pct percent of the working time of cal
// from start to finish. When status is set and the part done would end
// after it, the amount is spread up to status instead, since the work was
// done by then. It is how earned value is phased over time.
func Done(cal *calendar.Calendar, start, finish time.Time, pct int, status time.Time, amount int64) *Curve {
	c := &Curve{}
	if pct <= 0 || amount == 0 {
		return c
	}
	sp := newSpan(cal, start, finish)
	end := sp.from + (sp.to-sp.from)*int64(min(pct, 100))/100
	if pct >= 100 {
		end = sp.to
	}
	from := sp.from
	if !status.IsZero() && (pct < 100 && end > cal.Ordinal(status) || start.After(status)) {
		end = cal.Ordinal(status)
		from = min(from, end)
		if !start.Before(status) {
			c.lump(status, amount)
			return c
		}
	}
	c.spread(cal, start, from, end, amount)
	return c
}

// Rephase moves c from the span start–finish to the span
// newStart–newFinish on cal and scales it to total, keeping its shape:
// what fell at the start falls at the new start, what was spread over a
// stretch is spread over the matching stretch of the new span. It is how
// a baseline's cost is phased over the baseline's dates. A curve with
// nothing in it gives total spread evenly over the new span.
func Rephase(c *Curve, cal *calendar.Calendar, start, finish, newStart, newFinish time.Time, total int64) *Curve {
	out := &Curve{}
	if total == 0 {
		return out
	}
	to := newSpan(cal, newStart, newFinish)
	if c.Total() == 0 {
		out.spread(cal, newStart, to.from, to.to, total)
		return out
	}
	from := newSpan(cal, start, finish)
	amounts := scale(c.parts, c.total, total)
	for i, p := range c.parts {
		if !p.spread {
			at := newStart
			if p.instant > start.Unix() {
				at = newFinish
			}
			out.lump(at, amounts[i])
			continue
		}
		a, b := p.from, p.to
		if pc := c.cals[p.cal]; pc != cal { // a part on another calendar keeps its place in the span
			a, b = cal.Ordinal(pc.StartOf(p.from)), cal.Ordinal(pc.FinishOf(p.to))
		}
		out.spread(cal, newStart, move(a, from, to), move(b, from, to), amounts[i])
	}
	return out
}

// move maps ordinal o of span a to the same place in span b.
func move(o int64, a, b span) int64 {
	if a.to <= a.from {
		return b.from
	}
	o = min(max(o, a.from), a.to)
	return b.from + mulDiv(o-a.from, b.to-b.from, a.to-a.from)
}

// scale divides total among parts in proportion to their amounts; what
// rounding down leaves over goes to the part with the largest remainder,
// so that the shares add up to total exactly.
func scale(parts []part, was, total int64) []int64 {
	out := make([]int64, len(parts))
	var sum int64
	best, bestRem := -1, int64(-1)
	for i, p := range parts {
		q, r := divide(p.amount, total, was)
		out[i] = q
		sum += q
		if abs(r) > bestRem {
			best, bestRem = i, abs(r)
		}
	}
	if best >= 0 {
		out[best] += total - sum
	}
	return out
}
