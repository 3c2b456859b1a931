package calendar

import (
	"slices"
	"time"
)

const (
	minutesPerDay  = 24 * 60
	minutesPerWeek = 7 * minutesPerDay
	// epochWeekday is the weekday of 1970-01-01, day 0 of the wall-minute
	// count: a Thursday.
	epochWeekday = int64(time.Thursday)
)

// Calendar is a compiled working-time calendar: the weekly pattern and the
// exception days of a domain.Calendar with its inheritance resolved. It is
// immutable and safe for concurrent use. Build one with New or Standard.
//
// Every method takes and returns project-local wall-clock times (see the
// package doc). A time is read as the minute it falls in, so seconds are
// ignored; times the methods compute fall on whole minutes.
type Calendar struct {
	week [7]day // indexed by time.Weekday
	// before[d] is the working minutes of the week (Sunday first) that come
	// before weekday d; before[7] is the working minutes per week.
	before [8]int64
	// The exception days, sorted, in three parallel slices: the day
	// numbers and the ordinals at 00:00 are kept apart as the keys of the
	// searches.
	exDays   keys
	exStarts keys
	ex       []exceptionDay
}

// day is the working time of one day.
type day struct {
	spans   []span
	minutes int64
}

// span is a working interval in minutes after midnight, [start, end).
type span struct{ start, end int64 }

// exceptionDay is a day whose working time replaces the weekly pattern.
type exceptionDay struct {
	day
	end int64 // Ordinal at 24:00 of the day
	// after is the correction to add to the weekly pattern's ordinal on
	// the days after this one (until the next exception day): the working
	// minutes of this and every earlier exception day minus what the week
	// would have given on those days.
	after int64
}

// Ordinal returns the number of working minutes from a fixed epoch up to t,
// a point on a working-time axis. It is non-decreasing in t and stands
// still outside working time: in a non-working gap it equals its value at
// the end of the previous working interval. Differences of ordinals are
// working time; the epoch itself has no meaning.
func (c *Calendar) Ordinal(t time.Time) int64 {
	return c.ordinal(wallMinute(t))
}

// StartOf returns the start edge of ord: the start of working minute #ord,
// the earliest working instant whose Ordinal is ord. At an interval
// boundary that is the start of the next interval (Monday 08:00 rather than
// Friday 17:00), which is where work begins.
func (c *Calendar) StartOf(ord int64) time.Time {
	return wallTime(c.startMinute(ord))
}

// FinishOf returns the finish edge of ord: the end of working minute
// #ord-1. At an interval boundary that is the end of the previous interval
// (Friday 17:00 rather than Monday 08:00), which is where work ends. Inside
// an interval FinishOf and StartOf agree; elsewhere FinishOf(ord) is
// earlier than StartOf(ord).
func (c *Calendar) FinishOf(ord int64) time.Time {
	return wallTime(c.startMinute(ord-1) + 1)
}

// Add moves t by minutes of working time. Forwards (minutes > 0) it lands
// on a finish edge, so five days from Monday 08:00 end on Friday 17:00;
// backwards it lands on a start edge, so an hour before Monday 08:00 is
// Friday 16:00. Adding zero returns t unchanged.
func (c *Calendar) Add(t time.Time, minutes int64) time.Time {
	switch {
	case minutes > 0:
		return c.FinishOf(c.Ordinal(t) + minutes)
	case minutes < 0:
		return c.StartOf(c.Ordinal(t) + minutes)
	}
	return t
}

// WorkBetween returns the working minutes from a to b, negative when b is
// before a.
func (c *Calendar) WorkBetween(a, b time.Time) int64 {
	return c.Ordinal(b) - c.Ordinal(a)
}

// NextWorking returns t if it is working time, else the start of the next
// working interval.
func (c *Calendar) NextWorking(t time.Time) time.Time {
	m := wallMinute(t)
	if c.working(m) {
		return t
	}
	return wallTime(c.startMinute(c.ordinal(m)))
}

// PrevWorkingEnd returns t if it is working time or the end of a working
// interval, else the end of the previous working interval.
func (c *Calendar) PrevWorkingEnd(t time.Time) time.Time {
	m := wallMinute(t)
	if c.working(m) {
		return t
	}
	return wallTime(c.startMinute(c.ordinal(m)-1) + 1)
}

// IsWorking reports whether t lies in a working interval: at or after its
// start and before its end.
func (c *Calendar) IsWorking(t time.Time) bool {
	return c.working(wallMinute(t))
}

// WorkingMinutesOn returns the working minutes on the date of day (its
// clock is ignored).
func (c *Calendar) WorkingMinutesOn(day time.Time) int64 {
	return c.dayOf(floorDiv(wallMinute(day), minutesPerDay)).minutes
}

// MinutesPerWeek returns the working minutes of the weekly pattern, without
// exceptions: 2400 for the Standard calendar.
func (c *Calendar) MinutesPerWeek() int64 {
	return c.before[7]
}

func (c *Calendar) ordinal(m int64) int64 {
	d := floorDiv(m, minutesPerDay)
	i, found := c.exDays.search(d)
	if found {
		return c.exStarts.k[i] + c.ex[i].prefix(m-d*minutesPerDay)
	}
	ord := c.weekOrdinal(d, m-d*minutesPerDay)
	if i > 0 {
		ord += c.ex[i-1].after
	}
	return ord
}

// weekOrdinal is the ordinal of minute mod of day d under the weekly
// pattern alone, counting from the Sunday before 1970-01-01.
func (c *Calendar) weekOrdinal(d, mod int64) int64 {
	w := floorDiv(d+epochWeekday, 7)
	wd := d + epochWeekday - 7*w
	return w*c.before[7] + c.before[wd] + c.week[wd].prefix(mod)
}

// startMinute returns the wall minute that starts working minute #ord.
func (c *Calendar) startMinute(ord int64) int64 {
	i := c.exStarts.upper(ord) - 1 // the last exception day starting at or before ord
	var corr int64
	if i >= 0 {
		e := &c.ex[i]
		if ord < e.end {
			return c.exDays.k[i]*minutesPerDay + e.minuteAt(ord-c.exStarts.k[i])
		}
		corr = e.after
	}
	return c.weekMinute(ord - corr)
}

// weekMinute inverts weekOrdinal for a working minute.
func (c *Calendar) weekMinute(ord int64) int64 {
	w := floorDiv(ord, c.before[7])
	r := ord - w*c.before[7]
	wd := 0
	for r >= c.before[wd+1] { // skips days without work; ends because r < before[7]
		wd++
	}
	d := 7*w + int64(wd) - epochWeekday
	return d*minutesPerDay + c.week[wd].minuteAt(r-c.before[wd])
}

func (c *Calendar) working(m int64) bool {
	d := floorDiv(m, minutesPerDay)
	mod := m - d*minutesPerDay
	for _, s := range c.dayOf(d).spans {
		if mod < s.end {
			return mod >= s.start
		}
	}
	return false
}

// dayOf returns the working time of day number d.
func (c *Calendar) dayOf(d int64) *day {
	if i, found := c.exDays.search(d); found {
		return &c.ex[i].day
	}
	return &c.week[floorMod(d+epochWeekday, 7)]
}

// prefix returns the working minutes of the day before minute mod.
func (d *day) prefix(mod int64) int64 {
	var n int64
	for _, s := range d.spans {
		if mod <= s.start {
			break
		}
		if mod < s.end {
			return n + mod - s.start
		}
		n += s.end - s.start
	}
	return n
}

// minuteAt returns the minute of the day that starts its working minute
// #k; k must be less than d.minutes.
func (d *day) minuteAt(k int64) int64 {
	for _, s := range d.spans {
		if k < s.end-s.start {
			return s.start + k
		}
		k -= s.end - s.start
	}
	panic("calendar: working minute beyond the end of the day")
}

// wallMinute returns t's wall-clock reading in minutes since
// 1970-01-01T00:00, seconds truncated. A time outside UTC is read by its
// own clock, as domain.Wall would.
func wallMinute(t time.Time) int64 {
	sec := t.Unix()
	if t.Location() != time.UTC {
		_, off := t.Zone()
		sec += int64(off)
	}
	return floorDiv(sec, 60)
}

// wallTime turns a wall minute back into a UTC time.Time.
func wallTime(m int64) time.Time {
	return time.Unix(m*60, 0).UTC()
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b < 0 {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 {
	r := a % b
	if r < 0 {
		r += b
	}
	return r
}

// Equal reports whether c and o have the same working time: the same
// weekly pattern and the same exception days. Names do not count.
func (c *Calendar) Equal(o *Calendar) bool {
	if c == o {
		return true
	}
	if c == nil || o == nil || len(c.ex) != len(o.ex) {
		return false
	}
	for d := range c.week {
		if !slices.Equal(c.week[d].spans, o.week[d].spans) {
			return false
		}
	}
	if !slices.Equal(c.exDays.k, o.exDays.k) {
		return false
	}
	for i := range c.ex {
		if !slices.Equal(c.ex[i].spans, o.ex[i].spans) {
			return false
		}
	}
	return true
}
