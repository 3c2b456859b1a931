package domain

import (
	"strings"
	"testing"
	"time"
)

func testPlan() *Plan {
	p := &Plan{Project: Project{Key: "NET", Name: "Net", Start: time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)}}
	for i, name := range []string{"Design", "Survey", "Build", "Test"} {
		p.Tasks = append(p.Tasks, Task{ID: int64(i + 1), Name: name, Position: int64(i)})
	}
	p.Tasks[1].Parent = 1 // Survey under Design
	p.Tasks[2].Parent = 1 // Build under Design
	return p
}

func TestWBSOrder(t *testing.T) {
	p := testPlan()
	ids, outline := p.WBSOrder()
	got := []string{}
	for _, id := range ids {
		got = append(got, outline[id]+" "+p.Tasks[id-1].Name)
	}
	if strings.Join(got, ", ") != "1 Design, 1.1 Survey, 1.2 Build, 2 Test" {
		t.Fatalf("WBS order %v", got)
	}
}

func TestPlanValidate(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*Plan)
		code  string
		field string
		msg   string
	}{
		{"valid", func(*Plan) {}, "", "", ""},
		{"unknown parent", func(p *Plan) { p.Tasks[3].Parent = 99 }, "unknown_parent", "tasks[3].parent", "does not exist"},
		{"parent cycle", func(p *Plan) { p.Tasks[0].Parent = 2 }, "parent_cycle", "", "own ancestor"},
		{"unknown successor", func(p *Plan) { p.Dependencies = []Dependency{{Predecessor: 2, Successor: 77, Type: FS}} }, "unknown_task", "dependencies[0].successor", "not a task"},
		{"self link", func(p *Plan) { p.Dependencies = []Dependency{{Predecessor: 2, Successor: 2}} }, "self_dependency", "", "itself"},
		{"summary to subtask", func(p *Plan) { p.Dependencies = []Dependency{{Predecessor: 1, Successor: 2}} }, "summary_link", "", "own subtask"},
		{"duplicate link", func(p *Plan) {
			p.Dependencies = []Dependency{{Predecessor: 2, Successor: 3}, {Predecessor: 2, Successor: 3, Type: SS}}
		}, "duplicate_dependency", "dependencies[1]", "already links"},
		{"cycle", func(p *Plan) {
			p.Dependencies = []Dependency{{Predecessor: 2, Successor: 3}, {Predecessor: 3, Successor: 4}, {Predecessor: 4, Successor: 2}}
		}, "dependency_cycle", "dependencies", `"Survey" → "Build" → "Test" → "Survey"`},
		{"duplicate ref", func(p *Plan) { p.Tasks[0].Ref, p.Tasks[3].Ref = "x", "x" }, "duplicate_ref", "tasks.x.id", "already used"},
		{"bad percent", func(p *Plan) { p.Tasks[3].PercentComplete = 120 }, "invalid_percent", "tasks[3].percent_complete", "0–100"},
		{"constraint without date", func(p *Plan) { p.Tasks[3].Constraint = SNET }, "required", "tasks[3].constraint_date", "needs a date"},
		{"bad project key", func(p *Plan) { p.Project.Key = "net-1" }, "invalid_key", "project.key", "capital letters"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := testPlan()
			tc.edit(p)
			err := p.Validate()
			if tc.code == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			e, ok := err.(*Error)
			if !ok {
				t.Fatalf("got %v (%T), want *Error %s", err, err, tc.code)
			}
			if e.Code != tc.code || (tc.field != "" && e.Field != tc.field) || !strings.Contains(e.Detail, tc.msg) {
				t.Fatalf("got code %s field %s: %s; want %s %s ~%q", e.Code, e.Field, e.Detail, tc.code, tc.field, tc.msg)
			}
		})
	}
}
