package planfile_test

import (
	"bytes"
	"flag"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/cairnpm/cairn/demo"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/planfile"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestWriteGolden pins the exact output for the demo plan: key order,
// defaults left out, blank lines, quoting.
func TestWriteGolden(t *testing.T) {
	p, err := demo.Plan()
	if err != nil {
		t.Fatal(err)
	}
	got, err := planfile.Write(p)
	if err != nil {
		t.Fatal(err)
	}
	const golden = "testdata/office-network.golden"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("Write(demo) differs from %s (run go test -update if the change is intended):\n%s", golden, got)
	}
}

// foreignPlan is a plan as an import or the store might hand over: no
// refs or uids on some tasks, a ref that is not a valid id, clashing
// calendar names, lower-case link types.
func foreignPlan() *domain.Plan {
	start := time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)
	return &domain.Plan{
		Project: domain.Project{ID: 9, Key: "IMP", Name: "Imported", Start: start, CalendarID: 40},
		Calendars: []domain.Calendar{
			{ID: 40, Name: "Standard", Week: domain.StandardWeek()},
			{ID: 41, Name: "Standard", BaseID: 40},
		},
		Tasks: []domain.Task{
			{ID: 100, Name: "Phase", Position: 1, Priority: 500},
			{ID: 101, UID: 0, Ref: "has space", Name: "Second", Parent: 100, Position: 2, CalendarID: 41},
			{ID: 102, UID: 7, Ref: "t7", Name: "First", Parent: 100, Position: 1, Priority: 0},
			{ID: 103, Name: "Before", Position: 0},
		},
		Dependencies: []domain.Dependency{
			{ID: 5, Predecessor: 102, Successor: 101, Type: "ss", Lag: domain.Lag{Minutes: 240}},
			{ID: 6, Predecessor: 103, Successor: 100},
		},
		Resources: []domain.Resource{
			{ID: 70, Name: "Alice", MaxUnits: 0.5, StandardRate: 9000},
			{ID: 71, Ref: "r1", Name: "Bob"},
		},
		Assignments: []domain.Assignment{{ID: 1, Task: 101, Resource: 70, Units: 0.25}, {ID: 2, Task: 102, Resource: 71, Units: 1}},
	}
}

func TestWriteForeignPlan(t *testing.T) {
	p := foreignPlan()
	before := foreignPlan()
	out, err := planfile.Write(p)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(p, before) {
		t.Error("Write changed the plan it was given")
	}
	back, err := planfile.Parse("imported.yaml", out)
	if err != nil {
		t.Fatalf("Parse(Write(p)): %v\n%s", err, out)
	}
	var names, refs []string
	for _, tk := range back.Tasks {
		names = append(names, tk.Name)
		refs = append(refs, tk.Ref)
	}
	if got, want := strings.Join(names, ","), "Before,Phase,First,Second"; got != want {
		t.Errorf("tasks in WBS order = %s, want %s", got, want)
	}
	// "t7" is a valid id of its own; the others get generated ones from
	// their uids (uids are unique: Validate refuses duplicates).
	if got, want := strings.Join(refs, ","), "t4,t1,t7,t2"; got != want {
		t.Errorf("ids = %s, want %s\n%s", got, want, out)
	}
	if back.Tasks[2].Priority != 0 || back.Tasks[1].Priority != 500 {
		t.Errorf("priorities = %d, %d; want 0 (kept) and 500 (default)", back.Tasks[2].Priority, back.Tasks[1].Priority)
	}
	if len(back.Calendars) != 2 || back.Calendars[1].Name != "Standard (2)" || back.Tasks[3].CalendarID != 2 {
		t.Errorf("calendars = %+v; want the clashing name made unique", back.Calendars)
	}
	wantDeps := []domain.Dependency{
		{ID: 1, ProjectID: 1, Predecessor: 1, Successor: 2, Type: domain.FS},
		{ID: 2, ProjectID: 1, Predecessor: 3, Successor: 4, Type: domain.SS, Lag: domain.Lag{Minutes: 240}},
	}
	if !reflect.DeepEqual(back.Dependencies, wantDeps) {
		t.Errorf("dependencies = %+v, want %+v", back.Dependencies, wantDeps)
	}
	if r := back.Resources; r[0].Ref != "r1-2" || r[1].Ref != "r1" || r[0].MaxUnits != 0.5 || r[0].StandardRate != 9000 {
		t.Errorf("resources = %+v", r)
	}
	if a := back.Assignments; len(a) != 2 || a[0].Task != 3 || a[0].Resource != 2 || a[1].Task != 4 || a[1].Units != 0.25 {
		t.Errorf("assignments = %+v", a)
	}
}

func TestWriteRefusesInvalidPlan(t *testing.T) {
	p := foreignPlan()
	p.Dependencies = append(p.Dependencies, domain.Dependency{ID: 7, Predecessor: 101, Successor: 103})
	p.Dependencies = append(p.Dependencies, domain.Dependency{ID: 8, Predecessor: 100, Successor: 101})
	if _, err := planfile.Write(p); domain.ErrorKind(err) != domain.KindInvalid {
		t.Errorf("Write of a plan with a summary link: %v; want an invalid error", err)
	}
	p = foreignPlan()
	p.Tasks[0].CalendarID = 99
	if _, err := planfile.Write(p); err == nil || !strings.Contains(err.Error(), "calendar 99") {
		t.Errorf("Write of a task on a missing calendar: %v", err)
	}
}
