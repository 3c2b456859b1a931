package tjbench

import (
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/cairnpm/cairn/domain"
)

// Schema is the value of the "schema" member that Load accepts.
const Schema = "tjbench-project/1"

// Project is a generated project as gen_tjp.py describes it in its neutral
// JSON: the same project TaskJuggler reads from the .tjp file.
type Project struct {
	Schema    string         `json:"schema"`
	Header    Header         `json:"project"`
	Calendar  CalendarSpec   `json:"calendar"`
	Resources []ResourceSpec `json:"resources"`
	// Tasks are in declaration (depth-first) order, TaskJuggler's seqno
	// order; a group comes before its children.
	Tasks []TaskSpec `json:"tasks"`
}

// Header is the "project" member: TaskJuggler's project interval and units.
type Header struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Start    string `json:"start"` // RFC 3339, UTC
	End      string `json:"end"`   // the end of TaskJuggler's scheduling window
	TimeZone string `json:"timezone"`
	// TimingResolution is TaskJuggler's slot size in minutes (60).
	TimingResolution int `json:"timing_resolution_minutes"`
	HoursPerDay      int `json:"hours_per_day"`
}

// CalendarSpec is the project's working time: whole-hour intervals per
// weekday and whole-day holidays.
type CalendarSpec struct {
	// WorkingHours maps "mon".."sun" to [from, to) pairs of "HH:MM".
	WorkingHours map[string][][2]string `json:"working_hours"`
	Holidays     []HolidaySpec          `json:"holidays"`
}

// HolidaySpec is a global non-working period of whole days, [Start, End).
type HolidaySpec struct {
	Name  string `json:"name"`
	Start string `json:"start"` // YYYY-MM-DD
	End   string `json:"end"`   // YYYY-MM-DD, exclusive
}

// ResourceSpec is a resource of a res-mode project. Plan refuses projects
// that use them, so only the identity is kept.
type ResourceSpec struct {
	ID string `json:"id"`
}

// TaskSpec is one task: a group (a summary in Cairn) or a leaf.
type TaskSpec struct {
	ID     string  `json:"id"`    // "t12" for leaves, "g3" for groups
	TJID   string  `json:"tj_id"` // TaskJuggler's dotted id, "g1.g3.t12"
	Parent *string `json:"parent"`
	// Kind is "group", "milestone", "length" (working hours), "duration"
	// (calendar hours) or "effort" (resource hours).
	Kind         string     `json:"kind"`
	Hours        int64      `json:"hours"`
	Predecessors []LinkSpec `json:"predecessors"`
	Allocate     []string   `json:"allocate"`
}

// LinkSpec is a dependency on an earlier leaf.
type LinkSpec struct {
	ID       string `json:"id"`
	Type     string `json:"type"`
	LagHours int64  `json:"lag_hours"`
}

// Load reads the neutral JSON that gen_tjp.py writes next to its .tjp file.
func Load(path string) (*Project, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("tjbench: %w", err)
	}
	var p Project
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("tjbench: %s: %w", path, err)
	}
	if p.Schema != Schema {
		return nil, fmt.Errorf("tjbench: %s: schema is %q, want %q", path, p.Schema, Schema)
	}
	return &p, nil
}

// Plan converts p into a Cairn plan scheduled by the critical path method:
// tasks take IDs and UIDs 1..n in declaration order and keep the JSON id as
// Ref and Name; groups become summary tasks; "length" hours become working
// minutes and "duration" hours elapsed minutes; the calendar becomes the
// project calendar (ID 1). Resource-levelled (res-mode) projects are
// refused: their dates come from TaskJuggler's levelling heuristic, which a
// CPM schedule does not reproduce.
func (p *Project) Plan() (*domain.Plan, error) {
	start, err := time.Parse(time.RFC3339, p.Header.Start)
	if err != nil {
		return nil, fmt.Errorf("tjbench: project start %q is not an RFC 3339 time: %w", p.Header.Start, err)
	}
	if len(p.Resources) > 0 {
		return nil, fmt.Errorf("tjbench: the project has %d resources; only cpm-mode projects (no resources) are supported", len(p.Resources))
	}
	cal, err := p.Calendar.calendar()
	if err != nil {
		return nil, err
	}
	tz := p.Header.TimeZone
	if tz == "" {
		tz = "UTC"
	}
	plan := &domain.Plan{
		Project: domain.Project{
			ID: 1, Key: projectKey(p.Header.ID), Name: cmp.Or(strings.TrimSpace(p.Header.Name), "TaskJuggler benchmark"),
			Start: domain.Wall(start), TimeZone: tz, CalendarID: cal.ID,
			Units: domain.Units{MinutesPerDay: int64(cmp.Or(p.Header.HoursPerDay, 8)) * 60},
		},
		Calendars: []domain.Calendar{cal},
		Tasks:     make([]domain.Task, len(p.Tasks)),
	}
	ids := make(map[string]int64, len(p.Tasks))
	for i, t := range p.Tasks {
		if _, dup := ids[t.ID]; dup {
			return nil, fmt.Errorf("tjbench: task id %q is used twice", t.ID)
		}
		ids[t.ID] = int64(i + 1)
	}
	next := map[int64]int64{} // parent ID → position of its next child
	for i, t := range p.Tasks {
		task, err := t.task(int64(i+1), ids)
		if err != nil {
			return nil, fmt.Errorf("tjbench: task %s: %w", t.ID, err)
		}
		task.Position = next[task.Parent]
		next[task.Parent]++
		plan.Tasks[i] = task
		for _, l := range t.Predecessors {
			pred, ok := ids[l.ID]
			if !ok {
				return nil, fmt.Errorf("tjbench: task %s: predecessor %q is not a task of the project", t.ID, l.ID)
			}
			if l.Type != "FS" || l.LagHours != 0 {
				return nil, fmt.Errorf("tjbench: task %s: link from %s is %s with %dh lag; only FS links without lag are supported", t.ID, l.ID, l.Type, l.LagHours)
			}
			plan.Dependencies = append(plan.Dependencies, domain.Dependency{
				ID: int64(len(plan.Dependencies) + 1), ProjectID: 1, Predecessor: pred, Successor: task.ID, Type: domain.FS,
			})
		}
	}
	return plan, nil
}

// task converts one task; its position among its siblings is set by Plan.
func (t *TaskSpec) task(id int64, ids map[string]int64) (domain.Task, error) {
	task := domain.Task{ID: id, ProjectID: 1, UID: id, Ref: t.ID, Name: t.ID, Kind: domain.KindTask, Mode: domain.Auto}
	if t.Parent != nil {
		parent, ok := ids[*t.Parent]
		if !ok {
			return task, fmt.Errorf("parent %q is not a task of the project", *t.Parent)
		}
		task.Parent = parent
	}
	switch t.Kind {
	case "group":
	case "milestone":
		task.Kind = domain.KindMilestone
	case "length":
		task.Duration = domain.Duration{Minutes: t.Hours * 60}
	case "duration":
		task.Duration = domain.Duration{Minutes: t.Hours * 60, Elapsed: true}
	case "effort":
		return task, fmt.Errorf("effort tasks need resource levelling; only cpm-mode projects are supported")
	default:
		return task, fmt.Errorf("kind %q is not group, milestone, length or duration", t.Kind)
	}
	if t.Hours < 0 {
		return task, fmt.Errorf("%d hours is negative", t.Hours)
	}
	return task, nil
}

// weekdays are the JSON's day names, indexed by time.Weekday.
var weekdays = [7]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// calendar converts the working hours and holidays into the project
// calendar. A weekday the JSON leaves out is non-working.
func (c *CalendarSpec) calendar() (domain.Calendar, error) {
	cal := domain.Calendar{ID: 1, ProjectID: 1, Name: "TaskJuggler"}
	for name := range c.WorkingHours {
		if !slices.Contains(weekdays[:], name) {
			return cal, fmt.Errorf("tjbench: working_hours: %q is not a weekday (use mon … sun)", name)
		}
	}
	for wd, name := range weekdays {
		cal.Week[wd] = []domain.Interval{}
		for _, pair := range c.WorkingHours[name] {
			iv, err := domain.ParseInterval(pair[0] + "-" + pair[1])
			if err != nil {
				return cal, fmt.Errorf("tjbench: working_hours.%s: %w", name, err)
			}
			cal.Week[wd] = append(cal.Week[wd], iv)
		}
	}
	for i, h := range c.Holidays {
		from, err1 := time.Parse(domain.DateLayout, h.Start)
		end, err2 := time.Parse(domain.DateLayout, h.End)
		if err1 != nil || err2 != nil || !end.After(from) {
			return cal, fmt.Errorf("tjbench: holidays[%d]: %q – %q is not a range of whole days [start, end)", i, h.Start, h.End)
		}
		cal.Exceptions = append(cal.Exceptions, domain.Exception{Name: h.Name, From: from, To: end.AddDate(0, 0, -1)})
	}
	return cal, cal.Validate()
}

var keyPattern = regexp.MustCompile(`^[A-Z][A-Z0-9]{1,9}$`)

// projectKey makes a Cairn project key from the JSON project id ("bench"
// → "BENCH"), or "TJB" when the id cannot be one.
func projectKey(id string) string {
	if k := strings.ToUpper(strings.TrimSpace(id)); keyPattern.MatchString(k) {
		return k
	}
	return "TJB"
}
