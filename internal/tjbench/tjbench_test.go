package tjbench_test

import (
	"bytes"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/internal/tjbench"
	"github.com/cairnpm/cairn/mspdi"
	"github.com/cairnpm/cairn/schedule"
)

// testdata is where the generated projects and TaskJuggler's dates live;
// see its README.md for how they were made.
const testdata = "../../testdata/tjbench"

// references are the projects TaskJuggler scheduled, by file prefix.
var references = []string{"n300_cpm", "n2000_cpm"}

func loadPlan(t testing.TB, path string) *domain.Plan {
	t.Helper()
	proj, err := tjbench.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := proj.Plan()
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

func compute(t testing.TB, p *domain.Plan) *schedule.Result {
	t.Helper()
	r, err := schedule.Compute(p, schedule.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestAgainstTaskJuggler checks that Cairn's dates for every task agree in
// working time with TaskJuggler 3's for the same project.
func TestAgainstTaskJuggler(t *testing.T) {
	for _, name := range references {
		t.Run(name, func(t *testing.T) {
			checkAgainst(t, filepath.Join(testdata, name))
		})
	}
}

// checkAgainst compares Cairn with TaskJuggler on PREFIX.json and
// PREFIX.ref.csv, requiring every task to agree.
func checkAgainst(t *testing.T, prefix string) {
	plan := loadPlan(t, prefix+".json")
	refs, err := tjbench.ReadReference(prefix + ".ref.csv")
	if err != nil {
		t.Fatal(err)
	}
	c, err := tjbench.Compare(plan, compute(t, plan), refs)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(c)
	if c.LeavesAgree != c.Leaves || c.GroupsAgree != c.Groups || len(refs) != len(plan.Tasks) {
		t.Errorf("%s; %d tasks in the plan, %d in the reference; first disagreements:", c, len(plan.Tasks), len(refs))
		for _, d := range c.Disagreements {
			t.Error(d)
		}
	}
}

// TestPlan checks the conversion on the first tasks of the 300-task
// project against its JSON.
func TestPlan(t *testing.T) {
	plan := loadPlan(t, filepath.Join(testdata, "n300_cpm.json"))
	if plan.Project.Key != "BENCH" || plan.Project.Start.Format(domain.DateTimeLayout) != "2024-01-01T00:00:00" {
		t.Errorf("project %s starts %s, want BENCH at 2024-01-01T00:00:00", plan.Project.Key, plan.Project.Start)
	}
	if n := len(plan.Tasks); n != 333 {
		t.Errorf("%d tasks, want 300 leaves and 33 groups", n)
	}
	if n := len(plan.Dependencies); n != 614 {
		t.Errorf("%d dependencies, want 614", n)
	}
	cal := plan.Calendars[0]
	want := []domain.Interval{{Start: 540, End: 720}, {Start: 780, End: 1080}}
	if !reflect.DeepEqual(cal.Week[1], want) || len(cal.Week[0]) != 0 || cal.Week[0] == nil {
		t.Errorf("week %v, want Monday %v and an empty Sunday", cal.Week, want)
	}
	if ex := cal.Exceptions[0]; domain.FormatDate(ex.From) != "2024-01-01" || !ex.To.Equal(ex.From) {
		t.Errorf("first holiday %v, want 2024-01-01 alone", ex)
	}
	kinds := map[string]int{}
	for _, task := range plan.Tasks {
		switch {
		case task.Kind == domain.KindMilestone:
			kinds["milestone"]++
		case task.Duration.Minutes > 0 && !task.Duration.Elapsed && task.Duration.Minutes%60 == 0:
			kinds["length"]++
		default:
			kinds["other"]++
		}
	}
	// 295 length tasks, 5 milestones and the 33 groups, which have no
	// duration of their own.
	if kinds["length"] != 295 || kinds["milestone"] != 5 || kinds["other"] != 33 {
		t.Errorf("kinds %v", kinds)
	}
}

// TestWriteMSPDIRoundTrip writes the plans as MS Project XML, reads them
// back with the mspdi package and checks that they schedule the same. The
// second case varies link types, lags and elapsed durations, which the
// generated projects do not use, to cover the rest of the writer.
func TestWriteMSPDIRoundTrip(t *testing.T) {
	varied := loadPlan(t, filepath.Join(testdata, "n300_cpm.json"))
	lags := []domain.Lag{{Minutes: 120}, {Minutes: 1440, Elapsed: true}, {Percent: 50, IsPercent: true}, {Minutes: -60}}
	types := []domain.DependencyType{domain.SS, domain.FF, domain.SF, domain.FS}
	for i := range varied.Dependencies {
		if i%3 == 0 {
			varied.Dependencies[i].Type = types[i%len(types)]
			varied.Dependencies[i].Lag = lags[(i/3)%len(lags)]
		}
	}
	for i := range varied.Tasks {
		if i%4 == 0 && varied.Tasks[i].Duration.Minutes > 0 {
			varied.Tasks[i].Duration.Elapsed = true
		}
	}
	varied.Calendars[0].Exceptions = append(varied.Calendars[0].Exceptions, domain.Exception{
		Name: "Saturday shift", From: mustDate(t, "2024-03-02"), To: mustDate(t, "2024-03-09"),
		Working: []domain.Interval{{Start: 480, End: 720}, {Start: 1200, End: 1440}},
	})
	cases := map[string]*domain.Plan{
		"n300_cpm":  loadPlan(t, filepath.Join(testdata, "n300_cpm.json")),
		"n2000_cpm": loadPlan(t, filepath.Join(testdata, "n2000_cpm.json")),
		"varied":    varied,
	}
	for name, plan := range cases {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := mspdi.Write(&buf, plan, nil); err != nil {
				t.Fatal(err)
			}
			f, err := mspdi.Read(&buf)
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Dropped) > 0 {
				t.Errorf("the reader dropped %q", f.Dropped)
			}
			want, got := compute(t, plan), compute(t, f.Plan)
			if !want.Start.Equal(got.Start) || !want.Finish.Equal(got.Finish) {
				t.Errorf("project %s – %s after the round trip, want %s – %s", got.Start, got.Finish, want.Start, want.Finish)
			}
			if len(got.Tasks) != len(want.Tasks) {
				t.Fatalf("%d tasks after the round trip, want %d", len(got.Tasks), len(want.Tasks))
			}
			bad := 0
			for i := range want.Tasks {
				if !reflect.DeepEqual(got.Tasks[i], want.Tasks[i]) {
					if bad++; bad <= 5 {
						t.Errorf("task %d after the round trip:\n got %+v\nwant %+v", i, got.Tasks[i], want.Tasks[i])
					}
				}
			}
			if bad > 0 {
				t.Errorf("%d of %d tasks differ", bad, len(want.Tasks))
			}
		})
	}
}

func mustDate(t *testing.T, s string) (d time.Time) {
	t.Helper()
	d, err := domain.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
