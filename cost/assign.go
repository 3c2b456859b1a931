package cost

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/cairnpm/cairn/calendar"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/schedule"
)

// span is a task's scheduled dates and their ordinals on its calendar.
type span struct {
	cal           *calendar.Calendar
	start, finish time.Time
	from, to      int64
}

func newSpan(cal *calendar.Calendar, start, finish time.Time) span {
	return span{cal: cal, start: start, finish: finish, from: cal.Ordinal(start), to: max(cal.Ordinal(finish), cal.Ordinal(start))}
}

// segment is a stretch of a span with one set of rates.
type segment struct {
	from, to           int64 // ordinals
	standard, overtime int64 // minor units per hour
}

// assignment returns the planned cost of a over time: its work at the
// resource's rates (split where the rates change), accrued as the
// resource says, and its cost per use at the start. A cost resource's
// assignment costs its amount, and the resource's cost per use if it has
// one.
func (e *engine) assignment(a *domain.Assignment, t *domain.Task, st *schedule.Task, sp span) *Curve {
	r := e.res[a.Resource]
	c := &Curve{}
	if r == nil {
		return c
	}
	if r.Kind == domain.Cost {
		accrue(c, sp, r.Accrual, []int64{a.Cost}, nil)
		_, perUse := e.segments(r, sp)
		c.lump(sp.start, perUse)
		return c
	}
	work, overtime := a.Work, a.OvertimeWork
	switch {
	case work == 0 && r.Kind == domain.Material:
		work = int64(math.Round(a.Units * 60)) // a quantity: Units of material
	case work == 0 && t.Work > 0:
		// The task's own estimate of effort, shared among its people by
		// their units, as MS Project keeps task work the sum of its
		// assignments'.
		if units := e.workUnits(t.ID); units > 0 {
			work = int64(math.Round(float64(t.Work) * a.Units / units))
		}
	case work == 0:
		// The task's duration, not its scheduled span, which a status
		// date can stretch with a gap between work done and work left.
		d := t.Duration.Minutes
		if t.Duration.Elapsed || d == 0 {
			d = st.Duration
		}
		work = int64(math.Round(float64(d) * a.Units))
	}
	if r.Kind == domain.Material {
		overtime = 0
	}
	overtime = min(max(overtime, 0), work)
	segs, perUse := e.segments(r, sp)
	amounts := make([]int64, len(segs))
	var regDone, otDone int64
	for i, s := range segs {
		reg := share(work-overtime, sp, s.to) - regDone
		ot := share(overtime, sp, s.to) - otDone
		regDone, otDone = regDone+reg, otDone+ot
		amounts[i] = roundDiv(reg*s.standard+ot*s.overtime, 1, 60)
	}
	accrue(c, sp, r.Accrual, amounts, segs)
	c.lump(sp.start, perUse)
	return c
}

// share is the part of amount that falls in span sp up to ordinal o,
// the span being worked evenly; all of it at the end of the span.
func share(amount int64, sp span, o int64) int64 {
	if o >= sp.to || sp.to <= sp.from {
		return amount
	}
	return mulDiv(amount, o-sp.from, sp.to-sp.from)
}

// segments splits sp where the resource's rates change and returns the
// cost per use in effect at its start.
func (e *engine) segments(r *domain.Resource, sp span) ([]segment, int64) {
	std, ot, perUse := r.StandardRate, r.OvertimeRate, r.CostPerUse
	changes := e.rates[r.ID]
	k := 0
	for ; k < len(changes) && !changes[k].From.After(sp.start); k++ {
		std, ot, perUse = changes[k].StandardRate, changes[k].OvertimeRate, changes[k].CostPerUse
	}
	segs := []segment{{from: sp.from, to: sp.to, standard: std, overtime: ot}}
	for ; k < len(changes) && changes[k].From.Before(sp.finish); k++ {
		o := sp.cal.Ordinal(changes[k].From)
		last := &segs[len(segs)-1]
		if o <= last.from {
			last.standard, last.overtime = changes[k].StandardRate, changes[k].OvertimeRate
			continue
		}
		last.to = o
		segs = append(segs, segment{from: o, to: sp.to, standard: changes[k].StandardRate, overtime: changes[k].OvertimeRate})
	}
	return segs, perUse
}

// accrue adds amounts to c as accrual says: all at the start of sp, all
// at its finish, or each spread over its segment (over the whole span
// when segs is nil).
func accrue(c *Curve, sp span, a domain.Accrual, amounts []int64, segs []segment) {
	var total int64
	for _, x := range amounts {
		total += x
	}
	switch a.Or() {
	case domain.AccrueStart:
		c.lump(sp.start, total)
	case domain.AccrueEnd:
		c.lump(sp.finish, total)
	default:
		if segs == nil {
			c.spread(sp.cal, sp.start, sp.from, sp.to, total)
			return
		}
		for i, s := range segs {
			c.spread(sp.cal, sp.start, s.from, s.to, amounts[i])
		}
	}
}

// actual returns the part of planned that the work done has incurred,
// as MS Project reckons it from percent complete: the first pct percent
// of the span is done, a spread amount is incurred for its share of
// that, a lump at the start once the task has started, any other lump
// once it is finished. The amounts are placed over the part done; when
// a status date falls before its end, they are moved to end by then.
func (e *engine) actual(planned *Curve, sp span, pct int) *Curve {
	out := &Curve{}
	if pct <= 0 || planned == nil {
		return out
	}
	pct = min(pct, 100)
	// The work done ends at position done/100 on the ordinal axis.
	done := 100*sp.from + (sp.to-sp.from)*int64(pct)
	doneOrd := done / 100
	status, squeeze := int64(0), false
	if !e.opt.StatusDate.IsZero() && pct < 100 {
		status = sp.cal.Ordinal(e.opt.StatusDate)
		squeeze = doneOrd > status
	}
	begin := sp.start.Unix()
	for _, p := range planned.parts {
		if !p.spread {
			if pct == 100 || p.instant <= begin {
				at := time.Unix(p.instant, 0).UTC()
				if squeeze && at.After(e.opt.StatusDate) {
					at = e.opt.StatusDate
				}
				out.lump(at, p.amount)
			}
			continue
		}
		cal := planned.cals[p.cal]
		width := 100 * (p.to - p.from)
		amount := p.amount
		if pct < 100 {
			amount = roundDiv(p.amount, min(max(done-100*p.from, 0), width), width)
		}
		from, to := p.from, min(p.to, max(doneOrd, p.from))
		if pct == 100 {
			to = p.to
		}
		if squeeze {
			if from >= status {
				out.lump(e.opt.StatusDate, amount)
				continue
			}
			to = status
		}
		out.spread(cal, cal.StartOf(from), from, to, amount)
	}
	return out
}

// sortChanges orders a resource's rate changes by date.
func sortChanges(cs []domain.RateChange) {
	slices.SortStableFunc(cs, func(a, b domain.RateChange) int { return cmp.Compare(a.From.Unix(), b.From.Unix()) })
}

// workUnits sums the units of the work resources assigned to a task.
func (e *engine) workUnits(task int64) float64 {
	sum := 0.0
	for _, i := range e.byTask[task] {
		a := &e.p.Assignments[i]
		if r := e.res[a.Resource]; r != nil && r.Kind == domain.Work {
			sum += a.Units
		}
	}
	return sum
}
