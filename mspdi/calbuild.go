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
