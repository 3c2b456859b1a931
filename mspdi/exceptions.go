package mspdi

import (
	"slices"
	"strings"
	"time"

	"github.com/cairnpm/cairn/domain"
)

// exceptionDays expands a calendar's exceptions to days. Exceptions/
// Exception is used when present; the DayType 0 week days repeat it and
// are used only for files without (Project 2002/2003). A day claimed by
// two exceptions keeps the first.
func (cb *calendarBuilder) exceptionDays(c *rawCalendar) map[int64]dayKind {
	days := map[int64]dayKind{}
	list := c.dated
	if c.hasExceptions {
		list = c.exceptions
	}
	overlap := 0
	for _, ex := range list {
		kind := dayKind{name: strings.TrimSpace(ex.name), working: exceptionWorking(ex.day)}
		truncated := occurrences(ex, func(from, to int64) bool {
			for d := from; d <= to; d++ {
				if _, taken := days[d]; taken {
					overlap++
					continue
				}
				if len(days) >= maxCalendarDays || cb.total >= maxTotalDays {
					return false
				}
				days[d] = kind
				cb.total++
			}
			return true
		})
		if truncated {
			cb.b.notes.say("calendar %q: exception %q repeats beyond %d years or %d days; only the first were kept", c.name, ex.name, expandYears, maxCalendarDays)
		}
	}
	cb.b.notes.addN(noteExOverlap, overlap)
	return days
}

// occurrences calls add with each run of days (first and last day numbers)
// an exception covers, in order, until add returns false, and reports
// whether the exception was cut short by the limits.
func occurrences(ex rawException, add func(from, to int64) bool) (truncated bool) {
	if ex.from.IsZero() {
		return false
	}
	start, end := dayRange(ex.from, ex.to)
	count := int64(-1) // occurrences still allowed; -1: no limit
	if ex.occurrences > 0 && (ex.byOccurrences || ex.to.IsZero()) {
		count = ex.occurrences
		if ex.to.IsZero() {
			end = dayNumber(ex.from.AddDate(expandYears, 0, 0)) - 1
		}
	}
	period := min(max(ex.period, 1), 10_000) // longer periods repeat beyond the limits
	pattern := ex.typ
	if (pattern == 1 || pattern == 7) && period == 1 {
		pattern = 0 // every day: one run
	}
	if pattern < 0 || pattern > 7 {
		pattern = 0
	}
	if pattern == 0 {
		if count > 0 {
			end = min(end, start+count-1)
		}
		return !add(start, end)
	}
	limit := dayNumber(ex.from.AddDate(expandYears, 0, 0)) - 1
	if end > limit {
		end, truncated = limit, true
	}
	emit := func(d int64) bool { // reports whether to go on
		if d > end || count == 0 {
			return false
		}
		if d < start {
			return true
		}
		if count > 0 {
			count--
		}
		if !add(d, d) {
			truncated = true
			return false
		}
		return true
	}
	first := ex.from
	switch pattern {
	case 1, 7: // every period days
		for d := start; d <= end && emit(d); d += period {
		}
	case 6: // weekly on DaysOfWeek, every period weeks
		mask := ex.daysOfWeek & 0x7F
		if mask == 0 {
			mask = 1 << first.Weekday()
		}
		for w := start - int64(first.Weekday()); w <= end; w += 7 * period {
			for wd := range int64(7) {
				if mask&(1<<wd) != 0 && !emit(w+wd) {
					return truncated
				}
			}
		}
	case 2, 3, 4, 5: // yearly or monthly, by day or by position
		step := int(period)
		if ex.typ == 2 || ex.typ == 3 {
			step = 12
		}
		month := time.Month(ex.month + 1)
		if ex.month < 0 || ex.month > 11 || ex.typ == 4 || ex.typ == 5 {
			month = first.Month()
		}
		y, m := first.Year(), month
		if ex.typ == 2 || ex.typ == 3 {
			if m < first.Month() {
				y++
			}
		}
		for n := 0; n < 12*expandYears+12; n++ {
			mi := int(m) - 1 + n*step
			yy, mm := y+mi/12, time.Month(mi%12+1)
			d, ok := dayInMonth(yy, mm, ex, first)
			if ok && !emit(d) || dayNumber(time.Date(yy, mm, 1, 0, 0, 0, 0, time.UTC)) > end {
				break
			}
			if step <= 0 {
				break
			}
		}
	}
	return truncated
}

// dayInMonth is the day of month mm an exception falls on: MonthDay for
// the "by day" types, MonthPosition and MonthItem for "by position".
func dayInMonth(yy int, mm time.Month, ex rawException, first time.Time) (int64, bool) {
	last := daysIn(yy, mm)
	if ex.typ == 2 || ex.typ == 4 {
		day := int(ex.monthDay)
		if day < 1 {
			day = first.Day()
		}
		return dayNumber(time.Date(yy, mm, min(day, last), 0, 0, 0, 0, time.UTC)), true
	}
	match := func(day int) bool {
		wd := time.Date(yy, mm, day, 0, 0, 0, 0, time.UTC).Weekday()
		switch item := ex.monthItem; {
		case item == 0:
			return true
		case item == 1:
			return wd != time.Saturday && wd != time.Sunday
		case item == 2:
			return wd == time.Saturday || wd == time.Sunday
		case item >= 3 && item <= 9:
			return wd == time.Weekday(item-3)
		}
		return wd == first.Weekday()
	}
	pos := ex.monthPos
	if pos < 0 || pos > 4 {
		pos = 0
	}
	if pos == 4 { // last
		for day := last; day >= 1; day-- {
			if match(day) {
				return dayNumber(time.Date(yy, mm, day, 0, 0, 0, 0, time.UTC)), true
			}
		}
		return 0, false
	}
	seen := int64(0)
	for day := 1; day <= last; day++ {
		if match(day) {
			if seen == pos {
				return dayNumber(time.Date(yy, mm, day, 0, 0, 0, 0, time.UTC)), true
			}
			seen++
		}
	}
	return 0, false
}

// workWeeks expands calendar i's alternative work weeks into exception
// days, for the days where a work week differs from the calendar's own
// week. Exceptions of the calendar and of its bases win over work weeks,
// as in MS Project, and an earlier work week wins over a later one.
func (cb *calendarBuilder) workWeeks(i int, c *rawCalendar) {
	if len(c.workWeeks) == 0 {
		return
	}
	week := cb.effectiveWeek(i)
	days := cb.own[i]
	taken := func(d int64) bool {
		for j := i; j >= 0; j = cb.base[j] {
			if _, ok := cb.own[j][d]; ok {
				return true
			}
		}
		return false
	}
	for _, ww := range c.workWeeks {
		if ww.from.IsZero() {
			continue
		}
		start, end, cut := span(ww.from, ww.to)
		added := make(map[int64]dayKind)
		for d := start; d <= end; d++ {
			wd := dayDate(d).Weekday()
			own := weekDay(ww.week[wd])
			if own == nil || taken(d) || slices.Equal(own, week[wd]) || len(own) == 0 && len(week[wd]) == 0 {
				continue
			}
			if len(days)+len(added) >= maxCalendarDays || cb.total >= maxTotalDays {
				cut = true
				break
			}
			added[d] = dayKind{name: strings.TrimSpace(ww.name), working: own}
			cb.total++
		}
		for d, k := range added {
			days[d] = k
		}
		if cut {
			cb.b.notes.say("calendar %q: work week %q runs beyond %d years; only the first %d years were kept", c.name, ww.name, expandYears, expandYears)
		}
	}
}

// span is the run of days from..to covers, at most expandYears long.
func span(from, to time.Time) (start, end int64, cut bool) {
	start, end = dayRange(from, to)
	if limit := dayNumber(from.AddDate(expandYears, 0, 0)) - 1; end > limit {
		end, cut = limit, true
	}
	return start, end, cut
}

// dayRange returns the first and last day numbers of a TimePeriod. ToDate is
// usually the last minute of the last day (T23:59:00); a ToDate at
// midnight ends the day before. No ToDate, or one before FromDate, means
// the one day.
func dayRange(from, to time.Time) (start, end int64) {
	start = dayNumber(from)
	end = start
	if !to.IsZero() {
		end = dayNumber(to)
		if to.Hour() == 0 && to.Minute() == 0 && to.Second() == 0 && end > start {
			end--
		}
	}
	return start, max(start, end)
}

// compress turns exception days back into runs of consecutive days with
// the same name and working time, in date order.
func compress(days map[int64]dayKind) []domain.Exception {
	if len(days) == 0 {
		return nil
	}
	keys := make([]int64, 0, len(days))
	for d := range days {
		keys = append(keys, d)
	}
	slices.Sort(keys)
	var out []domain.Exception
	var runStart, prev int64
	var kind dayKind
	flush := func() {
		out = append(out, domain.Exception{Name: kind.name, From: dayDate(runStart), To: dayDate(prev), Working: slices.Clone(kind.working)})
	}
	for i, d := range keys {
		k := days[d]
		if i == 0 || d != prev+1 || k.name != kind.name || !slices.Equal(k.working, kind.working) {
			if i > 0 {
				flush()
			}
			runStart, kind = d, k
		}
		prev = d
	}
	flush()
	return out
}
