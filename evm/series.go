package evm

import (
	"time"

	"github.com/cairnpm/cairn/domain"
)

// Period is the length of the periods of a time-phased report.
type Period string

// Periods.
const (
	Day   Period = "day"
	Week  Period = "week" // Monday to Sunday
	Month Period = "month"
)

// ParsePeriod reads day, week or month.
func ParsePeriod(s string) (Period, error) {
	switch p := Period(s); p {
	case Day, Week, Month:
		return p, nil
	}
	return "", domain.Invalid("invalid_period", "period", "%q is not a period (use day, week or month)", s)
}

// Point is the cumulative planned value, earned value and actual cost by
// the end of a period. After the status date nothing has been earned or
// spent yet: EV and AC are those at the status date, and Measured is
// false.
type Point struct {
	Date       time.Time // the last moment of the period (23:59 of its last day)
	PV, EV, AC int64
	Measured   bool
}

// Series returns the time-phased measures of task i (an index in Tasks),
// or of the project when i is -1, at the end of each period from the
// earlier of the baseline and scheduled starts to the later of their
// finishes and the forecast finish.
func (r *Result) Series(i int, p Period) []Point {
	c := r.curves[len(r.curves)-1]
	if i >= 0 {
		c = r.curves[i]
	}
	ends := PeriodEnds(r.Start, r.Finish, p)
	pv := c.pv.Series(ends)
	var past []int
	for k, t := range ends {
		if !t.After(r.StatusDate) {
			past = append(past, k)
		}
	}
	at := make([]time.Time, len(past))
	for k, j := range past {
		at[k] = ends[j]
	}
	ev, ac := c.ev.Series(at), c.ac.Series(at)
	evNow, acNow := c.ev.Total(), c.ac.At(r.StatusDate)
	out := make([]Point, len(ends))
	for k, t := range ends {
		out[k] = Point{Date: t, PV: pv[k], EV: evNow, AC: acNow}
		if k < len(past) {
			out[k].EV, out[k].AC, out[k].Measured = ev[k], ac[k], true
		}
	}
	return out
}

// PeriodEnds returns the last moment (23:59) of every period that
// overlaps from–to: each day, each week (ending on Sunday) or each month.
func PeriodEnds(from, to time.Time, p Period) []time.Time {
	if to.Before(from) {
		return nil
	}
	day := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, time.UTC)
	var out []time.Time
	for {
		var next time.Time
		switch p {
		case Week:
			next = day.AddDate(0, 0, (7-int(day.Weekday()))%7+1)
		case Month:
			next = time.Date(day.Year(), day.Month()+1, 1, 0, 0, 0, 0, time.UTC)
		default:
			next = day.AddDate(0, 0, 1)
		}
		out = append(out, next.Add(-time.Minute))
		if !next.Before(to) {
			return out
		}
		day = next
	}
}
