package schedule_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/schedule"
)

var update = flag.Bool("update", false, "rewrite golden files")

// builder makes test plans in Go rather than fixtures.
type builder struct{ p domain.Plan }

func newPlan() *builder {
	return &builder{p: domain.Plan{Project: domain.Project{Key: "TS", Name: "Test", Start: day(2027, 1, 4)}}}
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func (b *builder) task(name, dur string, opts ...func(*domain.Task)) int64 {
	d, err := domain.ParseDuration(dur, domain.DefaultUnits)
	if err != nil {
		panic(err)
	}
	id := int64(len(b.p.Tasks) + 1)
	t := domain.Task{ID: id, UID: id, Name: name, Duration: d, Position: id}
	for _, o := range opts {
		o(&t)
	}
	b.p.Tasks = append(b.p.Tasks, t)
	return id
}

func (b *builder) link(a, s int64, typ domain.DependencyType, lag string) {
	l, err := domain.ParseLag(lag, domain.DefaultUnits)
	if err != nil {
		panic(err)
	}
	b.p.Dependencies = append(b.p.Dependencies, domain.Dependency{Predecessor: a, Successor: s, Type: typ, Lag: l})
}

func under(parent int64) func(*domain.Task) { return func(t *domain.Task) { t.Parent = parent } }
func milestone(t *domain.Task)              { t.Kind = domain.KindMilestone }
func constrain(c domain.ConstraintType, d time.Time) func(*domain.Task) {
	return func(t *domain.Task) { t.Constraint, t.ConstraintDate = c, d }
}
func deadline(d time.Time) func(*domain.Task) { return func(t *domain.Task) { t.Deadline = d } }

func TestGolden(t *testing.T) {
	cases := map[string]func() *domain.Plan{
		"chain_fs_lag": func() *domain.Plan {
			b := newPlan()
			a := b.task("Order switches", "3d")
			c := b.task("Deliver", "2d")
			d := b.task("Install", "1.5d")
			b.link(a, c, domain.FS, "2d")
			b.link(c, d, domain.FS, "-4h")
			return &b.p
		},
		"link_types": func() *domain.Plan {
			b := newPlan()
			a := b.task("A", "4d")
			ss := b.task("SS+1d", "2d")
			ff := b.task("FF", "1d")
			sf := b.task("SF+2d", "1d")
			par := b.task("Parallel long", "10d")
			b.link(a, ss, domain.SS, "1d")
			b.link(a, ff, domain.FF, "0")
			b.link(a, sf, domain.SF, "2d")
			_ = par
			return &b.p
		},
		"summary_links": func() *domain.Plan {
			b := newPlan()
			design := b.task("Design", "0d")
			s1 := b.task("Survey", "3d", under(design))
			s2 := b.task("Draft", "2d", under(design))
			build := b.task("Build", "0d")
			b1 := b.task("Rack", "2d", under(build))
			b2 := b.task("Cable", "4d", under(build))
			ms := b.task("Ready", "0d", milestone)
			b.link(s1, s2, domain.FS, "")
			b.link(design, build, domain.FS, "1d") // summary to summary
			b.link(b1, b2, domain.SS, "50%")
			b.link(build, ms, domain.FS, "")
			return &b.p
		},
		"constraints_negative_float": func() *domain.Plan {
			b := newPlan()
			a := b.task("Procure", "10d")
			c := b.task("Cut-over", "2d", deadline(day(2027, 1, 15)))
			d := b.task("Window", "1d", constrain(domain.SNET, day(2027, 2, 1)))
			e := b.task("Fixed", "1d", constrain(domain.MSO, day(2027, 1, 6)))
			b.link(a, c, domain.FS, "")
			b.link(a, e, domain.FS, "")
			_ = d
			return &b.p
		},
		"holiday_calendar": func() *domain.Plan {
			b := newPlan()
			b.p.Calendars = []domain.Calendar{{ID: 1, Name: "UK", Week: domain.StandardWeek(),
				Exceptions: []domain.Exception{{Name: "Holiday", From: day(2027, 1, 6)}}}}
			b.p.Project.CalendarID = 1
			a := b.task("Five days", "5d")
			c := b.task("Elapsed lag", "1d")
			b.link(a, c, domain.FS, "3ed")
			return &b.p
		},
	}
	for name, build := range cases {
		t.Run(name, func(t *testing.T) {
			p := build()
			res, err := schedule.Compute(p, schedule.Options{})
			if err != nil {
				t.Fatal(err)
			}
			got, _ := json.MarshalIndent(schedule.NewDocument(p, res), "", "  ")
			golden(t, name, got)
		})
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(bytes.TrimSpace(got), bytes.TrimSpace(want)) {
		t.Errorf("schedule differs from %s:\n%s", path, got)
	}
}

func TestCycleNamesTasks(t *testing.T) {
	b := newPlan()
	a := b.task("Design", "1d")
	c := b.task("Build", "1d")
	d := b.task("Test", "1d")
	b.link(a, c, domain.FS, "")
	b.link(c, d, domain.FS, "")
	b.link(d, a, domain.FS, "")
	_, err := schedule.Compute(&b.p, schedule.Options{})
	if err == nil || domain.ErrorKind(err) != domain.KindInvalid || !strings.Contains(err.Error(), `"Design" → "Build" → "Test" → "Design"`) {
		t.Fatalf("got %v", err)
	}
}

func TestCycleThroughSummary(t *testing.T) {
	b := newPlan()
	s := b.task("Phase", "0d")
	a := b.task("A", "1d", under(s))
	c := b.task("B", "1d")
	b.link(s, c, domain.FS, "")
	b.link(c, a, domain.FS, "")
	_, err := schedule.Compute(&b.p, schedule.Options{})
	if err == nil || !strings.Contains(err.Error(), "cycle") || !strings.Contains(err.Error(), `"B"`) {
		t.Fatalf("got %v", err)
	}
}

func TestWorkUnitsRollupNearCritical(t *testing.T) {
	b := newPlan()
	phase := b.task("Phase", "0d")
	effort := b.task("Cabling (40h, two people)", "0d", under(phase), func(t *domain.Task) { t.Work = 40 * 60 })
	fixed := b.task("Configure (3d at 50%)", "3d", under(phase), func(t *domain.Task) { t.PercentComplete = 100 })
	b.task("Vendor visit", "1d", func(t *domain.Task) {
		t.Mode, t.Start, t.Finish = domain.Manual, time.Date(2027, 1, 5, 8, 0, 0, 0, time.UTC), time.Date(2027, 1, 7, 17, 0, 0, 0, time.UTC)
	})
	b.link(effort, fixed, domain.FS, "")
	b.p.Resources = []domain.Resource{{ID: 1, Name: "Ann", Kind: domain.Work, MaxUnits: 1}, {ID: 2, Name: "Bob", Kind: domain.Work, MaxUnits: 1}}
	b.p.Assignments = []domain.Assignment{
		{ID: 1, Task: effort, Resource: 1, Units: 1}, {ID: 2, Task: effort, Resource: 2, Units: 1},
		{ID: 3, Task: fixed, Resource: 1, Units: 0.5},
	}
	res, err := schedule.Compute(&b.p, schedule.Options{NearCriticalSlack: 3 * 480})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]schedule.Task{}
	for _, tk := range res.Tasks {
		got[tk.Name] = tk
	}
	if d := got["Cabling (40h, two people)"].Duration; d != 20*60 {
		t.Errorf("effort-driven duration %d min, want 1200 (40h over 2 people)", d)
	}
	if w := got["Configure (3d at 50%)"].Work; w != 720 {
		t.Errorf("work %d min, want 720 (3d at 50%%)", w)
	}
	ph := got["Phase"]
	if ph.Work != 2400+720 || ph.PercentComplete != 1440*100/(1200+1440) {
		t.Errorf("summary work %d, percent %d", ph.Work, ph.PercentComplete)
	}
	if v := got["Vendor visit"]; v.Duration != 3*480 || v.Start.Day() != 5 || v.Finish.Day() != 7 {
		t.Errorf("manual task %v duration %d", v, v.Duration)
	}
	if v := got["Vendor visit"]; !v.NearCritical || v.Critical {
		t.Errorf("vendor visit (float %d) should be near-critical", v.TotalFloat)
	}
}

// TestWriteJSONMatchesEncodingJSON checks the fast writer against
// encoding/json on every golden plan and a synthetic one.
func TestWriteJSONMatchesEncodingJSON(t *testing.T) {
	p := schedule.SyntheticPlan(500, 3)
	p.Tasks[3].Name = "Quote \" and \\ and <tags> and ünïcode"
	res, err := schedule.Compute(p, schedule.Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc := schedule.NewDocument(p, res)
	var fast bytes.Buffer
	if err := doc.WriteJSON(&fast); err != nil {
		t.Fatal(err)
	}
	var a, b any
	if err := json.Unmarshal(fast.Bytes(), &a); err != nil {
		t.Fatalf("fast JSON does not parse: %v", err)
	}
	std, _ := json.Marshal(doc)
	_ = json.Unmarshal(std, &b)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("fast JSON differs from encoding/json")
	}
}
