package cost_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cairnpm/cairn/cost"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/schedule"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func day(s string) time.Time {
	t, err := domain.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return t
}

// week is a plan of one five-day task from Monday 1 March 2027, 08:00 to
// Friday 17:00 on the standard calendar, and three resources: Alice at
// £80 an hour (£120 overtime), cable at £90 a reel, and travel, a cost.
func week() *domain.Plan {
	return &domain.Plan{
		Project: domain.Project{Key: "NET", Name: "Net", Start: day("2027-03-01T08:00:00"), Currency: "GBP"},
		Tasks:   []domain.Task{{ID: 1, UID: 1, Name: "Cabling", Duration: domain.Duration{Minutes: 5 * 480}}},
		Resources: []domain.Resource{
			{ID: 1, Name: "Alice", StandardRate: 8000, OvertimeRate: 12000},
			{ID: 2, Name: "Cable", Kind: domain.Material, StandardRate: 9000},
			{ID: 3, Name: "Travel", Kind: domain.Cost},
		},
	}
}

func compute(t *testing.T, p *domain.Plan, opt cost.Options) *cost.Result {
	t.Helper()
	s, err := schedule.Compute(p, schedule.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := cost.Compute(p, s, opt)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestTaskCosts(t *testing.T) {
	wed := day("2027-03-03T17:00:00") // three days of five worked
	for _, c := range []struct {
		name        string
		edit        func(p *domain.Plan)
		cost        int64 // planned, minor units
		byWednesday int64 // incurred by Wednesday evening
		actual      int64 // at 40% complete
	}{
		{"rate × work", func(p *domain.Plan) {
			p.Assignments = []domain.Assignment{{ID: 1, Task: 1, Resource: 1, Units: 1, Work: 40 * 60}}
		}, 320000, 192000, 128000},
		{"work from duration × units", func(p *domain.Plan) {
			p.Assignments = []domain.Assignment{{ID: 1, Task: 1, Resource: 1, Units: 0.5}}
		}, 160000, 96000, 64000},
		{"the task's work, shared by units", func(p *domain.Plan) {
			p.Tasks[0].Work = 8 * 60 // a 5-day task with one day of effort (support on call)
			p.Assignments = []domain.Assignment{{ID: 1, Task: 1, Resource: 1, Units: 1}}
		}, 64000, 38400, 25600},
		{"overtime at its rate", func(p *domain.Plan) {
			p.Assignments = []domain.Assignment{{ID: 1, Task: 1, Resource: 1, Units: 1, Work: 48 * 60, OvertimeWork: 8 * 60}}
		}, 416000, 249600, 166400},
		{"cost per use at the start", func(p *domain.Plan) {
			p.Resources[0].CostPerUse = 5000
			p.Assignments = []domain.Assignment{{ID: 1, Task: 1, Resource: 1, Units: 1, Work: 40 * 60}}
		}, 325000, 197000, 133000},
		{"material by quantity", func(p *domain.Plan) {
			p.Assignments = []domain.Assignment{{ID: 1, Task: 1, Resource: 2, Units: 3}}
		}, 27000, 16200, 10800},
		{"cost resource's amount", func(p *domain.Plan) {
			p.Assignments = []domain.Assignment{{ID: 1, Task: 1, Resource: 3, Cost: 35000}}
		}, 35000, 21000, 14000},
		{"cost resource's amount and cost per use", func(p *domain.Plan) {
			p.Resources[2].CostPerUse = 15000
			p.Assignments = []domain.Assignment{{ID: 1, Task: 1, Resource: 3, Cost: 35000}}
		}, 50000, 36000, 29000},
		{"fixed cost prorated", func(p *domain.Plan) { p.Tasks[0].FixedCost = 50000 }, 50000, 30000, 20000},
		{"fixed cost at the start", func(p *domain.Plan) {
			p.Tasks[0].FixedCost, p.Tasks[0].FixedCostAccrual = 50000, domain.AccrueStart
		}, 50000, 50000, 50000},
		{"fixed cost at the end", func(p *domain.Plan) {
			p.Tasks[0].FixedCost, p.Tasks[0].FixedCostAccrual = 50000, domain.AccrueEnd
		}, 50000, 0, 0},
		{"resource accrued at the end", func(p *domain.Plan) {
			p.Resources[0].Accrual = domain.AccrueEnd
			p.Assignments = []domain.Assignment{{ID: 1, Task: 1, Resource: 1, Units: 1, Work: 40 * 60}}
		}, 320000, 0, 0},
		{"rate change from Wednesday", func(p *domain.Plan) {
			p.RateChanges = []domain.RateChange{{Resource: 1, From: day("2027-03-03"), StandardRate: 10000}}
			p.Assignments = []domain.Assignment{{ID: 1, Task: 1, Resource: 1, Units: 1, Work: 40 * 60}}
		}, 16*8000 + 24*10000, 16*8000 + 8*10000, 16 * 8000}, // 40% is the first two days
		{"rate change before the task", func(p *domain.Plan) {
			p.Resources[0].CostPerUse = 1000
			p.RateChanges = []domain.RateChange{{Resource: 1, From: day("2027-02-01"), StandardRate: 10000, CostPerUse: 2000}}
			p.Assignments = []domain.Assignment{{ID: 1, Task: 1, Resource: 1, Units: 1, Work: 40 * 60}}
		}, 402000, 242000, 162000},
		{"a negative fixed cost is a credit", func(p *domain.Plan) { p.Tasks[0].FixedCost = -10000 }, -10000, -6000, -4000},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := week()
			c.edit(p)
			r := compute(t, p, cost.Options{})
			task := r.Tasks[0]
			if task.Cost != c.cost || r.Project.Cost != c.cost {
				t.Errorf("cost %d (project %d), want %d", task.Cost, r.Project.Cost, c.cost)
			}
			if got := task.Planned.At(wed); got != c.byWednesday {
				t.Errorf("by Wednesday %d, want %d", got, c.byWednesday)
			}
			if got := task.Planned.At(day("2027-03-05T17:00:00")); got != c.cost {
				t.Errorf("by Friday 17:00 %d, want all of %d", got, c.cost)
			}
			p.Tasks[0].PercentComplete = 40
			r = compute(t, p, cost.Options{})
			if got := r.Tasks[0].ActualCost; got != c.actual {
				t.Errorf("actual at 40%% %d, want %d", got, c.actual)
			}
			if got := r.Tasks[0].Remaining; got != c.cost-c.actual {
				t.Errorf("remaining %d, want %d", got, c.cost-c.actual)
			}
		})
	}
}

// TestStartLumpBeforeTheStart checks that a cost accrued at the start
// does not count on the evening before, though in working time Friday
// 17:00 and Monday 08:00 are the same moment.
func TestStartLumpBeforeTheStart(t *testing.T) {
	p := week()
	p.Tasks[0].FixedCost, p.Tasks[0].FixedCostAccrual = 50000, domain.AccrueStart
	r := compute(t, p, cost.Options{})
	if got := r.Tasks[0].Planned.At(day("2027-02-26T17:00:00")); got != 0 {
		t.Errorf("by the Friday before: %d, want 0", got)
	}
	if got := r.Tasks[0].Planned.At(day("2027-03-01T08:00:00")); got != 50000 {
		t.Errorf("at the start: %d, want 50000", got)
	}
}

// TestActualSqueezedToStatus checks that the actual cost of work reported
// done is incurred by the status date, even where the schedule puts the
// task later.
func TestActualSqueezedToStatus(t *testing.T) {
	p := week()
	p.Tasks[0].FixedCost, p.Tasks[0].PercentComplete = 100000, 50
	p.Tasks[0].Constraint, p.Tasks[0].ConstraintDate = domain.SNET, day("2027-03-08")
	status := day("2027-03-02T17:00:00")
	r := compute(t, p, cost.Options{StatusDate: status})
	if got := r.Tasks[0].Actual.At(status); got != 50000 {
		t.Errorf("actual by the status date %d, want 50000", got)
	}
}

func TestSummaryRollsUp(t *testing.T) {
	p := week()
	p.Tasks = append(p.Tasks,
		domain.Task{ID: 2, UID: 2, Name: "Pull", Parent: 1, Duration: domain.Duration{Minutes: 2 * 480}},
		domain.Task{ID: 3, UID: 3, Name: "Test", Parent: 1, Position: 1, Duration: domain.Duration{Minutes: 480}, FixedCost: 7000})
	p.Tasks[0].FixedCost = 1000 // the summary's own
	p.Assignments = []domain.Assignment{{ID: 1, Task: 2, Resource: 1, Units: 1}}
	p.Dependencies = []domain.Dependency{{ID: 1, Predecessor: 2, Successor: 3}}
	r := compute(t, p, cost.Options{})
	if r.Tasks[0].Cost != 128000+7000+1000 || r.Project.Cost != r.Tasks[0].Cost {
		t.Errorf("summary %d, project %d", r.Tasks[0].Cost, r.Project.Cost)
	}
	if r.Tasks[0].Own.Total() != 1000 || r.Tasks[1].Cost != 128000 || r.Tasks[2].Cost != 7000 {
		t.Errorf("own %d, pull %d, test %d", r.Tasks[0].Own.Total(), r.Tasks[1].Cost, r.Tasks[2].Cost)
	}
	if r.Assignments[0].Cost != 128000 {
		t.Errorf("assignment %d", r.Assignments[0].Cost)
	}
}

func TestCurves(t *testing.T) {
	p := week()
	p.Tasks[0].FixedCost, p.Tasks[0].FixedCostAccrual = 12345, domain.AccrueEnd
	p.Assignments = []domain.Assignment{{ID: 1, Task: 1, Resource: 1, Units: 1, Work: 40 * 60}}
	p.Resources[0].CostPerUse = 999
	r := compute(t, p, cost.Options{})
	c := r.Tasks[0].Planned
	var at []time.Time
	for ts := day("2027-02-28"); ts.Before(day("2027-03-07")); ts = ts.Add(90 * time.Minute) {
		at = append(at, ts)
	}
	series := c.Series(at)
	for k, ts := range at {
		if series[k] != c.At(ts) {
			t.Fatalf("Series at %s = %d, At = %d", ts, series[k], c.At(ts))
		}
		if k > 0 && series[k] < series[k-1] {
			t.Fatalf("the curve falls at %s", ts)
		}
	}
	// Rephased a week later, the curve keeps its shape and takes the new total.
	moved := cost.Rephase(c, r.Tasks[0].Calendar, r.Tasks[0].Start, r.Tasks[0].Finish, day("2027-03-08T08:00:00"), day("2027-03-12T17:00:00"), 2*c.Total())
	if moved.Total() != 2*c.Total() {
		t.Errorf("rephased total %d, want %d", moved.Total(), 2*c.Total())
	}
	for _, x := range []struct{ was, now string }{{"2027-03-01T08:00:00", "2027-03-08T08:00:00"}, {"2027-03-03T12:00:00", "2027-03-10T12:00:00"}} {
		if a, b := c.At(day(x.was)), moved.At(day(x.now)); b-2*a > 2 || 2*a-b > 2 {
			t.Errorf("at %s: %d rephased to %d, want about twice", x.now, a, b)
		}
	}
	sum := cost.Sum(c, cost.FromEntries([]cost.Entry{{Date: day("2027-03-02"), Amount: 100}}), nil)
	if sum.Total() != c.Total()+100 || sum.At(day("2027-03-02"))-c.At(day("2027-03-02")) != 100 {
		t.Errorf("sum %d", sum.Total())
	}
	var nothing *cost.Curve
	if nothing.At(day("2027-03-02")) != 0 || nothing.Total() != 0 {
		t.Error("a nil curve incurs something")
	}
}

func TestDone(t *testing.T) {
	p := week()
	r := compute(t, p, cost.Options{})
	task := r.Tasks[0]
	half := cost.Done(task.Calendar, task.Start, task.Finish, 50, time.Time{}, 1000)
	if got := half.At(day("2027-03-02T17:00:00")); got != 800 { // 2 of 2.5 days
		t.Errorf("by Tuesday %d, want 800", got)
	}
	if got := half.At(day("2027-03-03T12:00:00")); got != 1000 {
		t.Errorf("by Wednesday noon %d, want 1000", got)
	}
	early := cost.Done(task.Calendar, task.Start, task.Finish, 50, day("2027-03-01T17:00:00"), 1000)
	if got := early.At(day("2027-03-01T17:00:00")); got != 1000 {
		t.Errorf("squeezed to the status date: %d, want 1000", got)
	}
}

// TestPhasedGolden keeps a small plan's daily cost per task, planned and
// actual, in a golden file.
func TestPhasedGolden(t *testing.T) {
	p := week()
	p.Tasks = append(p.Tasks,
		domain.Task{ID: 2, UID: 2, Name: "Pull", Parent: 1, Duration: domain.Duration{Minutes: 3 * 480}, PercentComplete: 100},
		domain.Task{ID: 3, UID: 3, Name: "Terminate", Parent: 1, Position: 1, Duration: domain.Duration{Minutes: 4 * 480}, PercentComplete: 25,
			FixedCost: 20000, FixedCostAccrual: domain.AccrueStart})
	p.Dependencies = []domain.Dependency{{ID: 1, Predecessor: 2, Successor: 3}}
	p.Resources[0].CostPerUse = 2500
	p.Assignments = []domain.Assignment{
		{ID: 1, Task: 2, Resource: 1, Units: 1},
		{ID: 2, Task: 2, Resource: 2, Units: 4},
		{ID: 3, Task: 3, Resource: 1, Units: 0.5, Work: 18 * 60, OvertimeWork: 2 * 60},
		{ID: 4, Task: 3, Resource: 3, Cost: 15000},
	}
	p.RateChanges = []domain.RateChange{{Resource: 1, From: day("2027-03-08"), StandardRate: 9000, OvertimeRate: 13500}}
	r := compute(t, p, cost.Options{StatusDate: day("2027-03-05T17:00:00")})
	var b strings.Builder
	fmt.Fprintf(&b, "%-10s", "day")
	for _, task := range r.Tasks {
		fmt.Fprintf(&b, " %14s %14s", fmt.Sprintf("planned %d", task.UID), fmt.Sprintf("actual %d", task.UID))
	}
	b.WriteString("\n")
	for d := day("2027-02-26"); !d.After(day("2027-03-12")); d = d.AddDate(0, 0, 1) {
		end := d.Add(24*time.Hour - time.Minute)
		fmt.Fprintf(&b, "%-10s", domain.FormatDate(d))
		for _, task := range r.Tasks {
			fmt.Fprintf(&b, " %14s %14s", domain.FormatMoney(task.Planned.At(end), "GBP"), domain.FormatMoney(task.Actual.At(end), "GBP"))
		}
		b.WriteString("\n")
	}
	for i, a := range r.Assignments {
		fmt.Fprintf(&b, "assignment %d: cost %s, actual %s\n", i+1, domain.FormatMoney(a.Cost, "GBP"), domain.FormatMoney(a.ActualCost, "GBP"))
	}
	golden(t, "phased", []byte(b.String()))
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(bytes.TrimSpace(got), bytes.TrimSpace(want)) {
		t.Errorf("output differs from %s:\n%s", path, got)
	}
}
