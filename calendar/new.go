package calendar

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/cairnpm/cairn/domain"
)

// maxExceptionDays bounds the days one calendar's exceptions may cover, so
// a mistyped year (2027-01-01..9027-01-01) is an error rather than an
// allocation of millions of days.
const maxExceptionDays = 100_000

// New compiles c into a fast, immutable Calendar safe for concurrent use.
//
// bases holds the calendars c may inherit from, looked up by ID through
// c.BaseID and then the base's own BaseID; a missing base or a chain that
// comes back to itself is a domain.Invalid error. Inheritance works as in MS
// Project: a nil Week entry takes the base's weekday (an empty non-nil
// entry is a non-working weekday), and the base's exceptions apply on the
// days where c has no exception of its own.
//
// c and its bases are checked as domain.Calendar.Validate does, except that
// a name is not required. Two exceptions of one calendar may not share a
// day, and the resolved week must have working time: a schedule cannot
// rest on exceptions alone.
func New(c domain.Calendar, bases ...domain.Calendar) (*Calendar, error) {
	chain, err := lineage(&c, bases)
	if err != nil {
		return nil, err
	}
	for i, cal := range chain {
		if err := validate(cal, i > 0); err != nil {
			return nil, err
		}
	}
	var week [7][]span
	for wd := range week {
		for _, cal := range chain {
			if cal.Week[wd] != nil {
				week[wd] = spans(cal.Week[wd])
				break
			}
		}
	}
	days := make(map[int64][]span)
	for i := len(chain) - 1; i >= 0; i-- { // from the root base down to c
		own, err := exceptionDays(chain[i])
		if err != nil {
			return nil, err
		}
		for d, s := range own {
			days[d] = s
		}
	}
	return compile(week, days, label(&c))
}

// Standard returns MS Project's Standard calendar: Monday to Friday,
// 08:00–12:00 and 13:00–17:00, with no exceptions.
func Standard() *Calendar {
	c, err := New(domain.Calendar{Name: "Standard", Week: domain.StandardWeek()})
	if err != nil {
		panic(err) // the standard week is valid
	}
	return c
}

// lineage returns c followed by its bases, nearest first.
func lineage(c *domain.Calendar, bases []domain.Calendar) ([]*domain.Calendar, error) {
	chain := []*domain.Calendar{c}
	for cur := c; cur.BaseID != 0; {
		if j := slices.IndexFunc(chain, func(seen *domain.Calendar) bool { return seen.ID == cur.BaseID }); j >= 0 {
			names := make([]string, 0, len(chain)+1)
			for _, cal := range append(chain, chain[j]) {
				names = append(names, label(cal))
			}
			return nil, domain.Invalid("base_calendar_cycle", "base_id",
				"calendar %s inherits from itself (%s); pick a base outside this chain",
				label(c), strings.Join(names, " → "))
		}
		i := slices.IndexFunc(bases, func(b domain.Calendar) bool { return b.ID == cur.BaseID })
		if i < 0 {
			return nil, domain.Invalid("unknown_base_calendar", "base_id",
				"calendar %s is based on calendar #%d, which was not supplied; supply that calendar or clear the base",
				label(cur), cur.BaseID)
		}
		chain = append(chain, &bases[i])
		cur = &bases[i]
	}
	return chain, nil
}

// validate checks cal as domain.Calendar.Validate does, without requiring
// a name, and says which calendar is at fault.
func validate(cal *domain.Calendar, isBase bool) error {
	v := *cal
	if strings.TrimSpace(v.Name) == "" {
		v.Name = "unnamed"
	}
	err := v.Validate()
	var e *domain.Error
	if !errors.As(err, &e) {
		return err
	}
	named := *e
	named.Detail = fmt.Sprintf("calendar %s: %s", label(cal), e.Detail)
	if isBase {
		return domain.WithField(&named, "base")
	}
	return &named
}

// exceptionDays expands cal's own exceptions to one entry per day. Days
// shared by two exceptions are an error, as in MS Project.
func exceptionDays(cal *domain.Calendar) (map[int64][]span, error) {
	days := make(map[int64][]span)
	owner := make(map[int64]int)
	total := 0
	for i, ex := range cal.Exceptions {
		from := floorDiv(wallMinute(ex.From), minutesPerDay)
		to := from
		if !ex.To.IsZero() {
			to = floorDiv(wallMinute(ex.To), minutesPerDay)
		}
		if to-from < maxExceptionDays {
			total += int(to-from) + 1
		}
		if to-from >= maxExceptionDays || total > maxExceptionDays {
			return nil, domain.Invalid("too_many_exception_days", fmt.Sprintf("exceptions[%d].to", i),
				"calendar %s: exceptions cover more than %d days (about 270 years); check the dates of %s",
				label(cal), maxExceptionDays, describe(ex))
		}
		s := spans(ex.Working)
		for d := from; d <= to; d++ {
			if j, dup := owner[d]; dup {
				return nil, domain.Invalid("overlapping_exceptions", fmt.Sprintf("exceptions[%d]", i),
					"calendar %s: %s and %s both fall on %s; give each day at most one exception",
					label(cal), describe(cal.Exceptions[j]), describe(ex), domain.FormatDate(wallTime(d*minutesPerDay)))
			}
			owner[d] = i
			days[d] = s
		}
	}
	return days, nil
}

// compile builds the Calendar from a resolved week and exception days.
func compile(week [7][]span, days map[int64][]span, name string) (*Calendar, error) {
	c := &Calendar{}
	for wd, s := range week {
		c.week[wd] = newDay(s)
		c.before[wd+1] = c.before[wd] + c.week[wd].minutes
	}
	if c.before[7] == 0 {
		return nil, domain.Invalid("no_working_time", "week",
			"calendar %s has no working time in its week, counting what it inherits; give at least one weekday working hours (exceptions alone cannot carry a schedule)",
			name)
	}
	var exDays []int64
	for d, s := range days {
		if !slices.Equal(s, week[floorMod(d+epochWeekday, 7)]) { // an exception equal to the week changes nothing
			exDays = append(exDays, d)
		}
	}
	slices.Sort(exDays)
	exStarts := make([]int64, len(exDays))
	c.ex = make([]exceptionDay, len(exDays))
	var after int64
	for i, d := range exDays {
		e := &c.ex[i]
		e.day = newDay(days[d])
		exStarts[i] = c.weekOrdinal(d, 0) + after
		e.end = exStarts[i] + e.minutes
		after += e.minutes - c.week[floorMod(d+epochWeekday, 7)].minutes
		e.after = after
	}
	c.exDays, c.exStarts = newKeys(exDays), newKeys(exStarts)
	return c, nil
}

func newDay(s []span) day {
	d := day{spans: s}
	for _, iv := range s {
		d.minutes += iv.end - iv.start
	}
	return d
}

// spans copies validated intervals, so the Calendar shares nothing with
// its caller.
func spans(ivs []domain.Interval) []span {
	out := make([]span, len(ivs))
	for i, iv := range ivs {
		out[i] = span{int64(iv.Start), int64(iv.End)}
	}
	return out
}

// label names a calendar in error messages.
func label(c *domain.Calendar) string {
	switch {
	case strings.TrimSpace(c.Name) != "":
		return fmt.Sprintf("%q", c.Name)
	case c.ID != 0:
		return fmt.Sprintf("#%d", c.ID)
	}
	return "(unnamed)"
}

// describe names an exception in error messages: "Christmas
// (2027-12-24..2027-12-26)".
func describe(ex domain.Exception) string {
	dates := domain.FormatDate(ex.From)
	if !ex.To.IsZero() && !ex.To.Equal(ex.From) {
		dates += ".." + domain.FormatDate(ex.To)
	}
	if ex.Name == "" {
		return "the exception on " + dates
	}
	return fmt.Sprintf("%q (%s)", ex.Name, dates)
}
