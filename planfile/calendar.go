package planfile

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cairnpm/cairn/domain"
	"go.yaml.in/yaml/v3"
)

var calendarKeys = []string{"name", "base", "week", "holidays", "working_days"}

// projectCalendar reads calendar:, the project calendar (ID 1); without one
// the project works the Standard week.
func (d *decoder) projectCalendar(n *yaml.Node) error {
	cal := domain.Calendar{ID: 1, ProjectID: 1, Name: "Standard", Week: domain.StandardWeek()}
	if n != nil {
		c, err := d.calendar(n, scope{"calendars[0]", "calendar"}, "Standard")
		if err != nil {
			return err
		}
		cal = c
	}
	d.plan.Calendars = append(d.plan.Calendars, cal)
	d.calendars[cal.Name] = cal.ID
	return nil
}

// otherCalendars reads calendars:, the calendars resources and tasks may use.
func (d *decoder) otherCalendars(n *yaml.Node) error {
	items, err := d.list(n, "calendars", "calendars")
	if err != nil {
		return err
	}
	for i, item := range items {
		at := scope{fmt.Sprintf("calendars[%d]", i+1), fmt.Sprintf("calendars[%d]", i)}
		c, err := d.calendar(item, at, "")
		if err != nil {
			return err
		}
		if id, dup := d.calendars[c.Name]; dup {
			hint := ""
			if id == 1 {
				hint = " (the project calendar, calendar:, which is Standard when not given)"
			}
			return d.conflictAt(item.Line, at.key("name").f, "duplicate_name", "there is already a calendar named %s%s; calendar names must be unique", short(c.Name), hint)
		}
		d.plan.Calendars = append(d.plan.Calendars, c)
		d.calendars[c.Name] = c.ID
	}
	return nil
}

// calendar reads one calendar. Its base is resolved by resolveBases once
// every calendar's name is known; meanwhile BaseID holds nothing.
func (d *decoder) calendar(n *yaml.Node, at scope, defaultName string) (domain.Calendar, error) {
	c := domain.Calendar{ID: int64(len(d.plan.Calendars) + 1), ProjectID: 1}
	d.rec(at, n.Line)
	o, err := d.mapping(n, at, "a calendar")
	if err != nil {
		return c, err
	}
	if c.Name, err = o.scalar("name"); err != nil {
		return c, err
	}
	c.Name = strings.TrimSpace(c.Name)
	if c.Name == "" {
		c.Name = defaultName
	}
	if err := o.only("calendar "+short(c.Name), calendarKeys...); err != nil {
		return c, err
	}
	if c.Name == "" {
		return c, o.failf("name", "required", "a calendar needs a name: (resources and tasks refer to it by name)")
	}
	base, err := o.scalar("base")
	if err != nil {
		return c, err
	}
	if base = strings.TrimSpace(base); base != "" {
		d.bases[c.ID] = base
	}
	if c.Week, err = d.week(o, base != ""); err != nil {
		return c, err
	}
	if c.Exceptions, err = d.exceptions(o); err != nil {
		return c, err
	}
	return c, nil
}

var weekdays = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"} // indexed by time.Weekday

// week reads week:. Without a base, days not listed work the standard
// week; with one they inherit the base's (nil entries).
func (d *decoder) week(o *object, hasBase bool) ([7][]domain.Interval, error) {
	var w [7][]domain.Interval
	if !hasBase {
		w = domain.StandardWeek()
	}
	n := o.get("week")
	if n == nil {
		return w, nil
	}
	wk, err := d.mapping(n, o.at.key("week"), "week")
	if err != nil {
		return w, err
	}
	if err := wk.only("week (use three-letter day names)", weekdays...); err != nil {
		return w, err
	}
	for day, name := range weekdays {
		v, ok := wk.val[name]
		if !ok {
			continue
		}
		if isNull(v) {
			return w, wk.failf(name, "required", "give %s working hours such as 08:00-12:00, 13:00-17:00, or off", name)
		}
		vals, _, _, err := wk.texts(name)
		if err != nil {
			return w, err
		}
		ivs, err := domain.ParseIntervals(strings.Join(vals, ","))
		if err != nil {
			return w, wk.fail(name, err)
		}
		if ivs == nil {
			ivs = []domain.Interval{} // explicitly non-working
		}
		w[day] = ivs
	}
	return w, nil
}

// exceptions reads holidays: and working_days:. Holidays come first in
// Calendar.Exceptions, whatever the order of the keys, so that a plan
// written back reads the same.
func (d *decoder) exceptions(o *object) ([]domain.Exception, error) {
	var out []domain.Exception
	for _, kind := range []string{"holidays", "working_days"} {
		items, err := d.list(o.get(kind), o.at.key(kind).f, kind)
		if err != nil {
			return nil, err
		}
		for i, item := range items {
			at := scope{fmt.Sprintf("%s.exceptions[%d]", o.at.v, len(out)), fmt.Sprintf("%s.%s[%d]", o.at.f, kind, i)}
			ex, err := d.exception(item, at, kind == "working_days")
			if err != nil {
				return nil, err
			}
			out = append(out, ex)
		}
	}
	return out, nil
}

// exception reads {date, name}, {from, to, name} or, for a holiday, a bare
// date; a working day also has hours.
func (d *decoder) exception(n *yaml.Node, at scope, working bool) (domain.Exception, error) {
	var ex domain.Exception
	d.rec(at, n.Line)
	if n.Kind == yaml.ScalarNode && !working {
		n = &yaml.Node{Kind: yaml.MappingNode, Line: n.Line, Content: []*yaml.Node{
			{Kind: yaml.ScalarNode, Value: "date", Line: n.Line}, n}}
	}
	what, keys := "holiday", []string{"date", "from", "to", "name"}
	if working {
		what, keys = "working day", append(keys, "hours")
	}
	o, err := d.mapping(n, at, "a "+what)
	if err != nil {
		return ex, err
	}
	if err := o.only(what, keys...); err != nil {
		return ex, err
	}
	if ex.Name, err = o.scalar("name"); err != nil {
		return ex, err
	}
	date, err := o.day("date")
	if err != nil {
		return ex, err
	}
	if ex.From, err = o.day("from"); err != nil {
		return ex, err
	}
	if ex.To, err = o.day("to"); err != nil {
		return ex, err
	}
	switch {
	case !date.IsZero() && (!ex.From.IsZero() || !ex.To.IsZero()):
		return ex, o.failf("date", "invalid_range", "give either date: or from: and to:, not both")
	case !date.IsZero():
		ex.From, ex.To = date, date
	case ex.From.IsZero():
		return ex, d.errAt(n.Line, at.f, "required", "a %s needs date: (or from: and to:)", what)
	case ex.To.IsZero():
		ex.To = ex.From
	}
	d.locs[at.v+".from"] = loc{path: at.f, line: n.Line}
	if working {
		return ex, d.workingHours(o, &ex)
	}
	return ex, nil
}

func (d *decoder) workingHours(o *object, ex *domain.Exception) error {
	hours, err := o.scalar("hours")
	if err != nil {
		return err
	}
	ivs, err := domain.ParseIntervals(hours)
	if err != nil {
		return o.fail("hours", err)
	}
	if len(ivs) == 0 {
		return o.failf("hours", "required", "a working day needs hours: such as 08:00-12:00 (a day off is a holiday)")
	}
	d.locs[o.at.v+".working"] = loc{path: o.at.f + ".hours", line: o.line("hours")}
	ex.Working = ivs
	return nil
}

// resolveBases turns each calendar's base: name into BaseID and refuses
// bases that lead back to the calendar.
func (d *decoder) resolveBases() error {
	names := make([]string, 0, len(d.calendars))
	for _, c := range d.plan.Calendars {
		names = append(names, c.Name)
	}
	cals := d.plan.Calendars
	for i := range cals {
		base, ok := d.bases[cals[i].ID]
		if !ok {
			continue
		}
		l := d.locs[fmt.Sprintf("calendars[%d].base", i)]
		id, ok := d.calendars[base]
		if !ok {
			return d.errAt(l.line, l.path, "unknown_calendar", "there is no calendar named %s%s", short(base), didYouMean(base, names))
		}
		if id == cals[i].ID {
			return d.errAt(l.line, l.path, "invalid_base", "calendar %s cannot be its own base", short(base))
		}
		cals[i].BaseID = id
	}
	for i, c := range cals {
		chain := []string{strconv.Quote(c.Name)}
		seen := map[int64]bool{c.ID: true}
		for b := c.BaseID; b != 0; b = cals[b-1].BaseID {
			chain = append(chain, strconv.Quote(cals[b-1].Name))
			if seen[b] {
				l := d.locs[fmt.Sprintf("calendars[%d].base", i)]
				return d.errAt(l.line, l.path, "base_cycle", "calendar bases form a loop: %s; one of them must have no base", strings.Join(chain, " → "))
			}
			seen[b] = true
		}
	}
	return nil
}
