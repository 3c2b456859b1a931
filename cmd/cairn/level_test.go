package main

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cairnpm/cairn/load"
	"github.com/cairnpm/cairn/planfile"
	"github.com/cairnpm/cairn/schedule"
)

// annPlan gives Ann three tasks at once.
func annPlan() string {
	plan := smallPlan + `resources:
  - id: ann
    name: Ann
    max_units: 100%
`
	plan = strings.Replace(plan, "        duration: 3d\n", "        duration: 3d\n        assign: ann\n", 1)
	return strings.Replace(plan, "  - id: build\n    name: Build\n    duration: 5d\n    after: approve +2d\n",
		"  - id: build\n    name: Build\n    duration: 5d\n    assign: ann\n  - id: docs\n    name: Docs\n    duration: 2d\n    assign: ann\n", 1)
}

func TestLevelCommand(t *testing.T) {
	path := writeFile(t, "plan.yaml", annPlan())
	out := filepath.Join(t.TempDir(), "levelled.yaml")
	code, stdout, errs := runCLI(t, "", "level", path, "-o", out)
	if code != 0 {
		t.Fatalf("level: %d %s", code, errs)
	}
	for _, want := range []string{"Levelled: finish 2027-01-15 17:00 (was 2027-01-08 17:00); 2 tasks moved",
		"waits for Ann (busy on", "Docs", "Build"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("text output lacks %q:\n%s", want, stdout)
		}
	}
	code, stdout, errs = runCLI(t, "", "load", out)
	if code != 0 || !strings.Contains(stdout, "No resource is over-allocated.") {
		t.Fatalf("load of the levelled plan (exit %d, %s):\n%s", code, errs, stdout)
	}
	code, stdout, _ = runCLI(t, "", "level", path, "--within-slack")
	if code != 0 || !strings.Contains(stdout, "Conflicts left:") || !strings.Contains(stdout, "not enough slack") {
		t.Fatalf("within slack (exit %d):\n%s", code, stdout)
	}
	code, stdout, _ = runCLI(t, "", "level", path, "--skip", "docs,build")
	if code != 0 || !strings.Contains(stdout, "not to be levelled") {
		t.Fatalf("--skip (exit %d):\n%s", code, stdout)
	}
}

// TestLevelCommandDemo levels the demo plan to JSON and checks, with the
// load engine, that the only over-allocations left are the tasks that ask
// more of Sam (50%) than he has, one at a time.
func TestLevelCommandDemo(t *testing.T) {
	out := filepath.Join(t.TempDir(), "levelled.yaml")
	code, stdout, errs := runCLI(t, "", "level", "../../demo/office-network.yaml", "--format", "json", "--seed", "3", "--schedules", "200", "-o", out)
	if code != 0 {
		t.Fatalf("level: %d %s", code, errs)
	}
	var doc struct {
		Finish           string
		UnlevelledFinish string `json:"unlevelled_finish"`
		Tasks            []struct {
			Key, Start, Finish   string
			TotalFloatMinutes    *int64 `json:"total_float_minutes"`
			LevelingDelayMinutes *int64 `json:"leveling_delay_minutes"`
			LevelingCause        *struct {
				Resource    string
				With        []string
				Predecessor string
			} `json:"leveling_cause"`
		}
		Unresolved []struct{ Task, Resource, Reason string }
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("%v\n%.500s", err, stdout)
	}
	moved, byResource := 0, 0
	for _, row := range doc.Tasks {
		if row.Start == "" || row.TotalFloatMinutes == nil || row.LevelingDelayMinutes == nil {
			t.Fatalf("row lacks schedule or levelling fields: %+v", row)
		}
		if *row.LevelingDelayMinutes > 0 && row.LevelingCause != nil {
			moved++
			if row.LevelingCause.Resource != "" {
				byResource++
			}
		}
	}
	if moved == 0 || byResource == 0 {
		t.Fatalf("%d tasks moved, %d for a resource", moved, byResource)
	}
	overMax := map[string]bool{}
	for _, c := range doc.Unresolved {
		if c.Reason != "over_max_units" || c.Resource != "Sam Patel" {
			t.Errorf("unexpected conflict left: %+v", c)
		}
		overMax[c.Task] = true
	}
	plan, err := planfile.ParseFile(out)
	if err != nil {
		t.Fatal(err)
	}
	res, err := schedule.Compute(plan, schedule.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Finish.Format("2006-01-02T15:04:05") != doc.Finish {
		t.Errorf("the levelled plan file finishes %s, the document says %s", res.Finish, doc.Finish)
	}
	keys := map[int64]string{}
	for _, tk := range plan.Tasks {
		keys[tk.ID] = plan.Project.Key + "-" + strconv.FormatInt(tk.UID, 10)
	}
	for _, o := range load.Compute(plan, res, load.Day).OverAllocations {
		for _, id := range o.Tasks {
			if !overMax[keys[id]] || o.Peak > 1 {
				t.Errorf("%s over-allocated at %.0f%% on %v", o.Name, 100*o.Peak, o.Tasks)
			}
		}
	}
}

func TestLevelBadInput(t *testing.T) {
	path := writeFile(t, "plan.yaml", annPlan())
	tests := []struct {
		args []string
		msg  string
	}{
		{[]string{"level"}, "exactly one plan file"},
		{[]string{"level", path, "--format", "xml"}, "not text or json"},
		{[]string{"level", path, "--schedules", "0"}, "at least 1"},
		{[]string{"level", path, "--skip", "nope"}, `no task has id or UID "nope"`},
		{[]string{"level", path, "--status-date", "soon"}, "not a date"},
	}
	for _, tc := range tests {
		code, _, errs := runCLI(t, "", tc.args...)
		if code != 2 || !strings.Contains(errs, tc.msg) {
			t.Errorf("%v: exit %d, stderr %q; want 2 mentioning %q", tc.args, code, errs, tc.msg)
		}
	}
	if !slices.ContainsFunc(commands(), func(c command) bool { return c.name == "level" }) {
		t.Error("level is not among the commands")
	}
}
