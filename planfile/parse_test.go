package planfile_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/planfile"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// task builds a parsed task with the defaults Parse and Validate fill in.
func task(id, uid int64, ref string, parent, pos int64, name string) domain.Task {
	return domain.Task{ID: id, ProjectID: 1, UID: uid, Ref: ref, Parent: parent, Position: pos, Name: name,
		Kind: domain.KindTask, Mode: domain.Auto, Constraint: domain.ASAP, Priority: 500}
}

func TestParse(t *testing.T) {
	src := `project:
  key: net
  name: Net
  start: 2027-01-04
  currency: GBP
  budget: "1,250.50"
  hours_per_day: 7.5
resources:
  - {id: alice, name: Alice, rate: 85.50/h}
  - {name: Cable, kind: material}
tasks:
  - id: design
    uid: 12
    name: Design
    tasks:
      - id: survey
        name: Survey
        duration: 2d
        assign: alice 50% 4h
      - id: approved
        name: Approved
        milestone: true
        after: survey +2d
  - id: build
    name: Build
    assign: alice
    constraint: snet 2027-01-11T13:00:00
    after: [approved SS, survey FF -1d]
  - id: test
    uid: 3
    name: Test
    after: build ss 50%
`
	got, err := planfile.Parse("plan.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	units := domain.Units{MinutesPerDay: 450, MinutesPerWeek: 2250, DaysPerMonth: 20}
	survey := task(2, 13, "survey", 1, 0, "Survey")
	survey.Duration = domain.Duration{Minutes: 900}
	approved := task(3, 14, "approved", 1, 1, "Approved")
	approved.Kind = domain.KindMilestone
	build := task(4, 15, "build", 0, 1, "Build")
	build.Constraint, build.ConstraintDate = domain.SNET, time.Date(2027, 1, 11, 13, 0, 0, 0, time.UTC)
	want := &domain.Plan{
		Project: domain.Project{ID: 1, Key: "NET", Name: "Net", Type: domain.TypeOther, Method: domain.Predictive,
			Start: day(2027, 1, 4), TimeZone: "UTC", CalendarID: 1, Currency: "GBP", Budget: 125050, Units: units},
		Calendars: []domain.Calendar{{ID: 1, ProjectID: 1, Name: "Standard", Week: domain.StandardWeek()}},
		Tasks: []domain.Task{
			task(1, 12, "design", 0, 0, "Design"), survey, approved, build,
			task(5, 3, "test", 0, 2, "Test"),
		},
		Dependencies: []domain.Dependency{
			{ID: 1, ProjectID: 1, Predecessor: 2, Successor: 3, Type: domain.FS, Lag: domain.Lag{Minutes: 900}},
			{ID: 2, ProjectID: 1, Predecessor: 3, Successor: 4, Type: domain.SS},
			{ID: 3, ProjectID: 1, Predecessor: 2, Successor: 4, Type: domain.FF, Lag: domain.Lag{Minutes: -450}},
			{ID: 4, ProjectID: 1, Predecessor: 4, Successor: 5, Type: domain.SS, Lag: domain.Lag{Percent: 50, IsPercent: true}},
		},
		Resources: []domain.Resource{
			{ID: 1, ProjectID: 1, UID: 1, Ref: "alice", Name: "Alice", Kind: domain.Work, MaxUnits: 1, StandardRate: 8550},
			{ID: 2, ProjectID: 1, UID: 2, Name: "Cable", Kind: domain.Material},
		},
		Assignments: []domain.Assignment{
			{ID: 1, ProjectID: 1, Task: 2, Resource: 1, Units: 0.5, Work: 240},
			{ID: 2, ProjectID: 1, Task: 4, Resource: 1, Units: 1},
		},
	}
	if diff := planfile.PlanDiff(want, got); diff != "" {
		t.Fatal(diff)
	}
}

func TestParseCalendars(t *testing.T) {
	var src string
	for _, tc := range roundTripCases {
		if tc.name == "calendars" {
			src = tc.src
		}
	}
	p, err := planfile.Parse("plan.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Calendars) != 3 {
		t.Fatalf("got %d calendars, want 3", len(p.Calendars))
	}
	office, night, always := p.Calendars[0], p.Calendars[1], p.Calendars[2]
	std := domain.StandardWeek()
	if office.Name != "London office" || office.ID != 1 || p.Project.CalendarID != 1 {
		t.Errorf("project calendar = %q (ID %d), project.CalendarID = %d", office.Name, office.ID, p.Project.CalendarID)
	}
	checks := []struct {
		name      string
		got, want []domain.Interval
	}{
		{"office mon", office.Week[time.Monday], std[time.Monday]},
		{"office tue (not listed)", office.Week[time.Tuesday], std[time.Tuesday]},
		{"office fri (list)", office.Week[time.Friday], []domain.Interval{{Start: 540, End: 720}, {Start: 780, End: 960}}},
		{"office sat (off)", office.Week[time.Saturday], []domain.Interval{}},
		{"office sun", office.Week[time.Sunday], []domain.Interval{{Start: 600, End: 840}}},
		{"night mon", night.Week[time.Monday], []domain.Interval{{Start: 1320, End: 1440}}},
		{"night wed (inherited)", night.Week[time.Wednesday], nil},
		{"night sat (off)", night.Week[time.Saturday], []domain.Interval{}},
	}
	for _, c := range checks {
		if (c.got == nil) != (c.want == nil) || len(c.got) != len(c.want) || !equalIntervals(c.got, c.want) {
			t.Errorf("%s = %#v, want %#v", c.name, c.got, c.want)
		}
	}
	if night.BaseID != 1 || always.BaseID != 0 {
		t.Errorf("bases = %d, %d; want 1, 0", night.BaseID, always.BaseID)
	}
	wantEx := []domain.Exception{
		{Name: "Good Friday", From: day(2027, 4, 2), To: day(2027, 4, 2)},
		{Name: "Christmas shutdown", From: day(2027, 12, 24), To: day(2027, 12, 31)},
		{From: day(2027, 5, 3), To: day(2027, 5, 3)},
		{Name: "Cut-over Saturday", From: day(2027, 3, 6), To: day(2027, 3, 6), Working: []domain.Interval{{Start: 480, End: 720}}},
	}
	if diff := planfile.PlanDiff(&domain.Plan{Calendars: []domain.Calendar{{Exceptions: wantEx}}},
		&domain.Plan{Calendars: []domain.Calendar{{Exceptions: office.Exceptions}}}); diff != "" {
		t.Errorf("exceptions: %s", diff)
	}
	if p.Resources[0].CalendarID != 3 || p.Tasks[0].CalendarID != 2 || p.Tasks[1].CalendarID != 1 {
		t.Errorf("calendar references = %d, %d, %d; want 3, 2, 1", p.Resources[0].CalendarID, p.Tasks[0].CalendarID, p.Tasks[1].CalendarID)
	}
}

func equalIntervals(a, b []domain.Interval) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestParseUnitsAndMoney(t *testing.T) {
	var src string
	for _, tc := range roundTripCases {
		if tc.name == "resources and assignments" {
			src = tc.src
		}
	}
	p, err := planfile.Parse("plan.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	r := p.Resources
	if r[0].StandardRate != 85125 || r[0].OvertimeRate != 120000 || r[0].MaxUnits != 0.5 || r[0].UID != 7 {
		t.Errorf("alice = %+v", r[0])
	}
	if r[1].UID != 8 || r[1].Ref != "" || r[1].MaxUnits != 0.333 {
		t.Errorf("bob = %+v; want uid 8 (after the highest given) and max units 0.333", r[1])
	}
	if r[2].Kind != domain.Material || r[2].StandardRate != 1200 || r[3].CostPerUse != 1250500 || r[4].MaxUnits != 3 {
		t.Errorf("cable, travel, crew = %+v, %+v, %+v", r[2], r[3], r[4])
	}
	a := p.Assignments
	if len(a) != 5 || a[0].Units != 0.5 || a[1].Units != 120 || a[2].Units != 1 || a[3].Units != 0.333 || a[3].Work != 960 ||
		a[4].Units != 1.5 || a[4].Work != 960 || a[4].Task != 2 {
		t.Errorf("assignments = %+v", a)
	}
}

func TestParseFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "net.yaml")
	if err := os.WriteFile(path, []byte(head+"  - name: Survey\n    duration: 3x\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := planfile.ParseFile(path)
	if err == nil || !strings.Contains(err.Error(), path+":7: ") {
		t.Errorf("ParseFile error = %v; want it to name %s:7", err, path)
	}
	if _, err := planfile.ParseFile(filepath.Join(dir, "missing.yaml")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("ParseFile of a missing file: %v; want os.ErrNotExist", err)
	}
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, planfile.MaxSize+1); err != nil {
		t.Fatal(err)
	}
	if _, err := planfile.ParseFile(big); err == nil || !strings.Contains(err.Error(), "limited to 32 MiB") {
		t.Errorf("ParseFile of a large file: %v; want a size error", err)
	}
}

// TestBillionLaughs checks that a document built to expand exponentially
// through aliases is refused at once.
func TestBillionLaughs(t *testing.T) {
	var b strings.Builder
	b.WriteString("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i < 30; i++ {
		b.WriteString("a" + strconv.Itoa(i) + ": &a" + strconv.Itoa(i) + " [")
		for j := range 10 {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*a" + strconv.Itoa(i-1))
		}
		b.WriteString("]\n")
	}
	start := time.Now()
	_, err := planfile.Parse("lol.yaml", []byte(b.String()))
	if err == nil || !strings.Contains(err.Error(), "aliases") {
		t.Fatalf("Parse: %v; want aliases refused", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Parse took %v; want it to fail fast", d)
	}
}

func TestRoundTripCases(t *testing.T) {
	for _, tc := range roundTripCases {
		t.Run(tc.name, func(t *testing.T) {
			roundTrip(t, "plan.yaml", []byte(tc.src))
		})
	}
}

func TestRoundTripTestdata(t *testing.T) {
	files, err := filepath.Glob("testdata/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		t.Run(filepath.Base(name), func(t *testing.T) {
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			roundTrip(t, name, data)
		})
	}
}

// TestDocsExample keeps the complete example in docs/plan-format.md and
// testdata/example.yaml the same, so that the documented example parses.
func TestDocsExample(t *testing.T) {
	doc, err := os.ReadFile("../docs/plan-format.md")
	if err != nil {
		t.Skipf("docs not found: %v", err)
	}
	_, rest, ok := strings.Cut(string(doc), "## A complete example")
	_, rest, ok2 := strings.Cut(rest, "```yaml\n")
	block, _, ok3 := strings.Cut(rest, "```\n")
	if !ok || !ok2 || !ok3 {
		t.Fatal("docs/plan-format.md has no complete example in a yaml block")
	}
	want, err := os.ReadFile("testdata/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if block != string(want) {
		t.Error("the complete example in docs/plan-format.md differs from testdata/example.yaml")
	}
}

func TestParseAvailabilityAndContours(t *testing.T) {
	var src string
	for _, c := range roundTripCases {
		if c.name == "availability and contours" {
			src = c.src
		}
	}
	p, err := planfile.Parse("plan.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	d := func(m time.Month, day int) time.Time { return time.Date(2027, m, day, 0, 0, 0, 0, time.UTC) }
	want := []domain.Availability{{From: d(1, 11), To: d(1, 25), Units: 0.5}, {From: d(3, 1), Units: 2}}
	if got := p.Resources[0].Availability; !reflect.DeepEqual(got, want) {
		t.Errorf("availability %+v, want %+v", got, want)
	}
	if a := p.Assignments[0]; a.Contour != domain.BackLoaded || a.Units != 0.5 || a.Work != 20*60 {
		t.Errorf("first assignment %+v, want bob at 50%%, 20h, back-loaded", a)
	}
	if a := p.Assignments[1]; a.Contour != domain.Bell || a.Units != 1 || a.Work != 0 {
		t.Errorf("second assignment %+v, want bob at 100%%, bell", a)
	}
}
