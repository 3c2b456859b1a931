package planfile

import (
	"strings"

	"github.com/cairnpm/cairn/domain"
	"go.yaml.in/yaml/v3"
)

// decoder turns a YAML node tree into a domain.Plan.
type decoder struct {
	file  string
	plan  *domain.Plan
	units domain.Units
	// locs maps the paths domain.Plan.Validate uses to where the part was
	// written, so that its errors can name a line.
	locs map[string]loc

	calendars map[string]int64 // name → calendar ID
	resources map[string]int   // id → index in plan.Resources
	tasks     map[string]int   // id → index in plan.Tasks
	bases     map[int64]string // calendar ID → base: as written
	taskUIDs  []uidEntry
	after     []afterEntry
}

// uidEntry is a task's uid as written, for numbering the tasks without one.
type uidEntry struct {
	uid  int64 // 0: not given
	line int
	at   scope
}

// afterEntry is an after: entry, resolved once every task id is known.
type afterEntry struct {
	succ int // index in plan.Tasks
	text string
	line int
	at   scope
}

func newDecoder(file string) *decoder {
	return &decoder{
		file:      file,
		plan:      &domain.Plan{},
		locs:      map[string]loc{},
		calendars: map[string]int64{},
		resources: map[string]int{},
		tasks:     map[string]int{},
		bases:     map[int64]string{},
	}
}

// rec notes that the part at s was written on line.
func (d *decoder) rec(s scope, line int) {
	d.locs[s.v] = loc{path: s.f, line: line}
}

var topKeys = []string{"project", "calendar", "calendars", "resources", "tasks"}

func (d *decoder) decodePlan(root *yaml.Node) error {
	top, err := d.mapping(root, scope{}, "a plan file")
	if err != nil {
		return err
	}
	if err := top.only("the plan (top level)", topKeys...); err != nil {
		return err
	}
	proj := top.get("project")
	if proj == nil {
		return d.errAt(root.Line, "project", "required", "project: is missing; a plan needs project: with key, name and start")
	}
	steps := []func() error{
		func() error { return d.project(proj) },
		func() error { return d.projectCalendar(top.get("calendar")) },
		func() error { return d.otherCalendars(top.get("calendars")) },
		d.resolveBases,
		func() error { return d.resourceList(top.get("resources")) },
		func() error { return d.taskList(top.get("tasks"), 0, "tasks") },
		d.numberTasks,
		d.resolveAfter,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

var projectKeys = []string{"key", "name", "start", "status_date", "time_zone", "currency", "budget",
	"type", "method", "sponsor", "manager", "client", "phase", "description",
	"hours_per_day", "hours_per_week", "days_per_month"}

func (d *decoder) project(n *yaml.Node) error {
	o, err := d.mapping(n, scope{"project", "project"}, "project")
	if err != nil {
		return err
	}
	if err := o.only("project", projectKeys...); err != nil {
		return err
	}
	p := &d.plan.Project
	p.ID, p.CalendarID = 1, 1
	texts := []struct {
		key string
		dst *string
	}{
		{"key", &p.Key}, {"name", &p.Name}, {"time_zone", &p.TimeZone}, {"currency", &p.Currency},
		{"sponsor", &p.Sponsor}, {"manager", &p.Manager}, {"client", &p.Client},
		{"phase", &p.Phase}, {"description", &p.Description},
	}
	for _, t := range texts {
		if *t.dst, err = o.scalar(t.key); err != nil {
			return err
		}
	}
	p.Currency = strings.ToUpper(strings.TrimSpace(p.Currency))
	typ, err := o.scalar("type")
	if err != nil {
		return err
	}
	method, err := o.scalar("method")
	if err != nil {
		return err
	}
	p.Type, p.Method = domain.ProjectType(strings.ToLower(typ)), domain.Method(strings.ToLower(method))
	if p.Start, err = o.date("start"); err != nil {
		return err
	}
	if p.StatusDate, err = o.date("status_date"); err != nil {
		return err
	}
	if err := d.projectUnits(o); err != nil {
		return err
	}
	if p.Currency == "" {
		p.Currency = "EUR" // Project.Normalize's default, needed now for the budget's decimals
	}
	p.Budget, err = o.money("budget")
	return err
}

// projectUnits reads hours_per_day, hours_per_week and days_per_month,
// which durations in the rest of the file are read with.
func (d *decoder) projectUnits(o *object) error {
	u := &d.plan.Project.Units
	var err error
	if u.MinutesPerDay, _, err = o.hours("hours_per_day", 24*60); err != nil {
		return err
	}
	d.locs["project.minutes_per_day"] = loc{path: "project.hours_per_day", line: o.line("hours_per_day")}
	if u.MinutesPerWeek, _, err = o.hours("hours_per_week", 7*24*60); err != nil {
		return err
	}
	if u.DaysPerMonth, _, err = o.integer("days_per_month", 1, 31); err != nil {
		return err
	}
	*u = u.OrDefault()
	d.units = *u
	return nil
}
