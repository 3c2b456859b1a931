package gantt

import (
	"strconv"
	"time"
)

// unit is a step of the time scale.
type unit int

const (
	noUnit unit = iota
	day
	week // ISO weeks, Monday to Sunday
	month
	quarter
	year
)

// floorTo returns the start of the unit holding t.
func floorTo(t time.Time, u unit) time.Time {
	y, m, d := t.Date()
	switch u {
	case week:
		return time.Date(y, m, d-(int(t.Weekday())+6)%7, 0, 0, 0, 0, time.UTC)
	case month:
		return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	case quarter:
		return time.Date(y, m-(m-1)%3, 1, 0, 0, 0, 0, time.UTC)
	case year:
		return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// ceilTo returns the first unit boundary at or after t.
func ceilTo(t time.Time, u unit) time.Time {
	f := floorTo(t, u)
	if f.Equal(t) {
		return f
	}
	return next(f, u)
}

// next returns the boundary after t, a boundary of u.
func next(t time.Time, u unit) time.Time {
	switch u {
	case week:
		return t.AddDate(0, 0, 7)
	case month:
		return t.AddDate(0, 1, 0)
	case quarter:
		return t.AddDate(0, 3, 0)
	case year:
		return t.AddDate(1, 0, 0)
	}
	return t.AddDate(0, 0, 1)
}

// timescale is what the header shows: a coarse top row over a fine bottom
// row, optional minor grid lines finer than the bottom row, and whether
// weekends are shaded.
type timescale struct {
	top, bottom, minor unit
	weekends           bool
}

// edge is the unit the ends of the time axis snap to: finer than the
// bottom row, so that a plan starting on the 4th does not pull in the
// whole month before.
func (ts timescale) edge() unit {
	switch ts.bottom {
	case day, week:
		return day
	case month:
		return week
	}
	return month
}

// Scale thresholds in px per day: a day cell must hold "28", a week cell
// "28", a month cell "Jan". Cells too small for their label (at the
// edges, mostly) are left blank.
const (
	dayScaleMin   = 16.0
	weekScaleMin  = 6.0
	monthScaleMin = 1.2
	minorMin      = 20.0 // px between minor grid lines
)

// chooseScale picks the time scale for a density in px per day.
func chooseScale(pxPerDay float64) timescale {
	switch {
	case pxPerDay >= dayScaleMin:
		return timescale{top: week, bottom: day, weekends: true}
	case pxPerDay >= weekScaleMin:
		return timescale{top: month, bottom: week}
	case pxPerDay >= monthScaleMin:
		ts := timescale{top: quarter, bottom: month}
		if 7*pxPerDay >= minorMin {
			ts.minor = week
		}
		return ts
	}
	return timescale{top: year, bottom: quarter}
}

// labels returns the texts a header cell of unit u starting at t may
// show, longest first; the caller shows the first that fits.
func labels(t time.Time, u unit, top bool) []string {
	y := strconv.Itoa(t.Year())
	mon := t.Month().String()
	switch u {
	case day:
		return []string{strconv.Itoa(t.Day())}
	case week:
		if !top {
			return []string{strconv.Itoa(t.Day())}
		}
		_, w := t.ISOWeek()
		wk := "W" + strconv.Itoa(w)
		return []string{"Week " + strconv.Itoa(w) + " · " + t.Format("2 Jan 2006"), wk + " · " + t.Format("2 Jan"), wk}
	case month:
		if top {
			return []string{mon + " " + y, mon[:3] + " " + y, mon[:3]}
		}
		return []string{mon, mon[:3]}
	case quarter:
		q := "Q" + strconv.Itoa((int(t.Month())-1)/3+1)
		if top {
			return []string{q + " " + y, q}
		}
		return []string{q}
	case year:
		return []string{y}
	}
	return nil
}
