package mspdi

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cairnpm/cairn/domain"
)

// Limits on expanding calendars into dated exceptions.
const (
	// expandYears bounds a recurring exception or a work week.
	expandYears = 10
	// maxCalendarDays bounds the exception days of one calendar, as the
	// calendar engine does.
	maxCalendarDays = 100_000
	// maxTotalDays bounds the exception days of all calendars together.
	maxTotalDays = 1_000_000
)

// calendarBuilder turns raw calendars into domain calendars.
type calendarBuilder struct {
	b     *builder
	raws  []*rawCalendar      // kept calendars, in file order
	ids   []int64             // their plan IDs
	byUID map[int64]int       // file UID → index in raws
	base  []int               // index of each calendar's base, -1 for none
	own   []map[int64]dayKind // exception days of each calendar
	total int                 // exception days so far, all calendars
}

// dayKind is what an exception day is: its name and working time.
type dayKind struct {
	name    string
	working []domain.Interval
}

func dayNumber(t time.Time) int64 { return floorDiv(t.Unix(), 86400) }

func dayDate(n int64) time.Time { return time.Unix(n*86400, 0).UTC() }

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// calendars builds the plan's calendars and the map from file UIDs to
// plan IDs, and picks the project calendar.
func (b *builder) calendars() {
	cb := &calendarBuilder{b: b, byUID: map[int64]int{}}
	maxUID := int64(0)
	for i := range b.d.calendars {
		maxUID = max(maxUID, b.d.calendars[i].uid)
	}
	for i := range b.d.calendars {
		c := &b.d.calendars[i]
		if _, dup := cb.byUID[c.uid]; dup {
			b.notes.add(noteDupUID)
			continue
		}
		id := c.uid
		if id <= 0 {
			maxUID++
			id = maxUID
		}
		cb.byUID[c.uid] = len(cb.raws)
		cb.raws = append(cb.raws, c)
		cb.ids = append(cb.ids, id)
	}
	project := cb.projectCalendar()
	cb.resolveBases(project)
	cb.own = make([]map[int64]dayKind, len(cb.raws))
	for i, c := range cb.raws {
		cb.own[i] = cb.exceptionDays(c)
	}
	for i, c := range cb.raws {
		cb.workWeeks(i, c)
	}
	for i, c := range cb.raws {
		cal := domain.Calendar{ID: cb.ids[i], ProjectID: 1, Name: strings.TrimSpace(c.name)}
		if cal.Name == "" {
			cal.Name = "Calendar " + strconv.FormatInt(c.uid, 10)
		}
		if j := cb.base[i]; j >= 0 {
			cal.BaseID = cb.ids[j]
		}
		for wd := range cal.Week {
			cal.Week[wd] = weekDay(c.week[wd])
		}
		cal.Exceptions = compress(cb.own[i])
		b.calID[c.uid] = cal.ID
		b.plan.Calendars = append(b.plan.Calendars, cal)
		b.calLines = append(b.calLines, c.line)
	}
	if project >= 0 {
		b.plan.Project.CalendarID = cb.ids[project]
		return
	}
	id := maxUID + 1
	b.plan.Calendars = append(b.plan.Calendars, domain.Calendar{ID: id, ProjectID: 1, Name: "Standard", Week: domain.StandardWeek()})
	b.calLines = append(b.calLines, b.d.header.line)
	b.plan.Project.CalendarID = id
	b.notes.say("the file has no calendars; MS Project's Standard calendar (Monday–Friday, 08:00–12:00 and 13:00–17:00) was used")
}

// projectCalendar returns the index of the project calendar: the one
// Project/CalendarUID names, else the first base calendar, else the first
// calendar, else -1.
func (cb *calendarBuilder) projectCalendar() int {
	uid := cb.b.d.header.calendarUID
	if i, ok := cb.byUID[uid]; ok {
		return i
	}
	if len(cb.raws) == 0 {
		return -1
	}
	pick := 0
	for i, c := range cb.raws {
		if c.isBase {
			pick = i
			break
		}
	}
	if uid > 0 {
		cb.b.notes.say("the project calendar (UID %d) is not in the file; calendar %q was used", uid, cb.raws[pick].name)
	}
	return pick
}

// resolveBases sets each calendar's base: BaseCalendarUID for calendars
// that are not base calendars, with unknown bases and cycles replaced by
// the project calendar. A calendar with no base and no working time in
// its week inherits from the project calendar, so that it can be used.
func (cb *calendarBuilder) resolveBases(project int) {
	cb.base = make([]int, len(cb.raws))
	for i, c := range cb.raws {
		cb.base[i] = -1
		if c.isBase || c.baseUID < 0 || c.baseUID == 0 && !cb.hasUID(0) {
			continue
		}
		j, ok := cb.byUID[c.baseUID]
		if !ok {
			cb.b.notes.add(noteUnknownCal)
			j = project
		}
		if j != i {
			cb.base[i] = j
		}
	}
	for i := range cb.raws {
		if cb.base[i] < 0 && i != project && project >= 0 && !hasWorkingTime(cb.raws[i]) {
			cb.base[i] = project
		}
		// Break a chain that comes back to a calendar already on it.
		seen := map[int]bool{i: true}
		for j := i; cb.base[j] >= 0; j = cb.base[j] {
			if seen[cb.base[j]] {
				cb.b.notes.say("calendar %q is based on itself through its base calendars; that base was dropped", cb.raws[j].name)
				cb.base[j] = -1
				break
			}
			seen[cb.base[j]] = true
		}
	}
}

func (cb *calendarBuilder) hasUID(uid int64) bool {
	_, ok := cb.byUID[uid]
	return ok
}

func hasWorkingTime(c *rawCalendar) bool {
	for _, d := range c.week {
		if len(weekDay(d)) > 0 {
			return true
		}
	}
	return false
}

// weekDay is the working time of a weekday: nil when the file leaves the
// day out (inherit), empty when it is not working.
func weekDay(d *rawDay) []domain.Interval {
	switch {
	case d == nil:
		return nil
	case d.hasWorking && !d.working:
		return []domain.Interval{}
	case len(d.times) > 0:
		return normalize(d.times)
	case d.hasWorking:
		return standardDay()
	}
	return nil
}

// exceptionWorking is the working time of an exception day: none for a
// non-working day, the standard day for a working one with no times.
func exceptionWorking(d rawDay) []domain.Interval {
	switch {
	case d.hasWorking && !d.working:
		return nil
	case len(d.times) > 0:
		return normalize(d.times)
	case d.hasWorking:
		return standardDay()
	}
	return nil
}

func standardDay() []domain.Interval {
	return []domain.Interval{{Start: 480, End: 720}, {Start: 780, End: 1020}}
}

// normalize sorts intervals and merges those that overlap or touch.
func normalize(ivs []domain.Interval) []domain.Interval {
	out := slices.Clone(ivs)
	slices.SortFunc(out, func(a, b domain.Interval) int { return cmp.Compare(a.Start, b.Start) })
	n := 0
	for _, iv := range out {
		if n > 0 && iv.Start <= out[n-1].End {
			out[n-1].End = max(out[n-1].End, iv.End)
			continue
		}
		out[n] = iv
		n++
	}
	return out[:n]
}

// effectiveWeek is calendar i's week with inherited days filled in from
// its bases; days nobody sets are non-working.
func (cb *calendarBuilder) effectiveWeek(i int) [7][]domain.Interval {
	var w [7][]domain.Interval
	for wd := range w {
		for j := i; j >= 0; j = cb.base[j] {
			if d := weekDay(cb.raws[j].week[wd]); d != nil {
				w[wd] = d
				break
			}
		}
	}
	return w
}

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
		truncated := cb.occurrences(ex, func(from, to int64) bool {
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
func (cb *calendarBuilder) occurrences(ex rawException, add func(from, to int64) bool) (truncated bool) {
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
