package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const demoPlanPath = "../../demo/office-network.yaml"

// demoRisks is a small risk file for the demo plan.
const demoRisks = `tasks:
  survey: 4d 5d 8d
  hld: {estimate: 4d 5d 9d, dist: pert}
  lead-time: {dist: lognormal, p10: 21ed, p90: 42ed}
  pilot-run: 8d 10d 15d
groups:
  - {name: Design, correlation: 0.5, tasks: [survey, hld]}
events:
  - id: R1
    name: Switches arrive late
    probability: 25%
    tasks: staging-lab
    delay: 2d 10d
    cost: 0 1500.00
`

var dateTime = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$`)

func TestSimulateJSON(t *testing.T) {
	risks := writeFile(t, "risks.yaml", demoRisks)
	args := []string{"simulate", demoPlanPath, "--risks", risks, "--iterations", "400", "--seed", "3", "--format", "json", "--target", "2027-06-01"}
	code, out, errs := runCLI(t, "", append(args, "--workers", "1")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var doc struct {
		Iterations    int
		Seed          uint64
		PlannedFinish string `json:"planned_finish"`
		Finish        map[string]any
		Target        struct{ Probability float64 }
		Cost          map[string]any
		Tasks         []struct {
			UID         int64
			Criticality *float64
			Sensitivity float64
		}
		Risks []struct{ ID string }
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if doc.Iterations != 400 || doc.Seed != 3 || !dateTime.MatchString(doc.PlannedFinish) {
		t.Errorf("header %+v", doc)
	}
	for _, k := range []string{"p10", "p50", "p80", "p90", "p95", "mean"} {
		if s, _ := doc.Finish[k].(string); !dateTime.MatchString(s) {
			t.Errorf("finish.%s = %v, want YYYY-MM-DDTHH:MM:SS", k, doc.Finish[k])
		}
		if v, ok := doc.Cost[k].(float64); !ok || v <= 0 {
			t.Errorf("cost.%s = %v, want a positive number", k, doc.Cost[k])
		}
	}
	if doc.Finish["p10"].(string) > doc.Finish["p95"].(string) {
		t.Errorf("P10 %v after P95 %v", doc.Finish["p10"], doc.Finish["p95"])
	}
	if doc.Target.Probability <= 0 || doc.Target.Probability > 1 {
		t.Errorf("target probability %v", doc.Target.Probability)
	}
	if len(doc.Tasks) != 53 {
		t.Errorf("%d tasks, the demo has 53", len(doc.Tasks))
	}
	for _, task := range doc.Tasks {
		if task.UID == 0 || task.Criticality == nil || *task.Criticality < 0 || *task.Criticality > 1 {
			t.Errorf("task %+v", task)
		}
	}
	if len(doc.Risks) != 1 || doc.Risks[0].ID != "R1" {
		t.Errorf("risks %+v", doc.Risks)
	}
	// Same seed, same output, on any number of workers; another seed
	// gives another.
	if code, again, _ := runCLI(t, "", append(args, "--workers", "2")...); code != 0 || again != out {
		t.Error("output differs between --workers 1 and --workers 2")
	}
	args[6] = "4"
	if _, other, _ := runCLI(t, "", args...); other == out {
		t.Error("--seed 4 gave the same output as --seed 3")
	}
}

func TestSimulateTableAndChart(t *testing.T) {
	risks := writeFile(t, "risks.yaml", demoRisks)
	svg := filepath.Join(t.TempDir(), "finish.svg")
	code, out, errs := runCLI(t, "", "simulate", demoPlanPath, "--risks", risks, "--iterations", "300", "-o", svg)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"P80", "finish", "cost (GBP)", "Switches arrive late", "Run and monitor the pilot", "Cut-over complete"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	if errs != "" {
		t.Errorf("stderr is not a terminal, yet: %q", errs)
	}
	b, err := os.ReadFile(svg)
	if err != nil || !strings.HasPrefix(string(b), "<?xml") || !strings.Contains(string(b), "<svg") {
		t.Errorf("chart: %v %.80q", err, b)
	}
}

// TestSimulateWithoutRisks: with nothing uncertain every run is the
// planned schedule, here an MS Project file.
func TestSimulateWithoutRisks(t *testing.T) {
	code, out, errs := runCLI(t, "", "simulate", "../../testdata/mspdi/converted-from-mpp/Home_move_plan.mpxj.xml", "--iterations", "50", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "no estimates") {
		t.Errorf("stderr %q does not say why every run is the same", errs)
	}
	var doc struct {
		PlannedFinish string  `json:"planned_finish"`
		OnTime        float64 `json:"on_time"`
		Finish        struct{ P10, P95 string }
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Finish.P10 != doc.PlannedFinish || doc.Finish.P95 != doc.PlannedFinish || doc.OnTime != 1 {
		t.Errorf("%+v", doc)
	}
}

func TestSimulateErrors(t *testing.T) {
	bad := writeFile(t, "risks.yaml", "tasks:\n  survey: 5d 2d 1d\n")
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"simulate"}, 2, "exactly one plan file"},
		{[]string{"simulate", demoPlanPath, "--iterations", "0"}, 2, "out of range"},
		{[]string{"simulate", demoPlanPath, "--format", "xml"}, 2, "not table or json"},
		{[]string{"simulate", demoPlanPath, "--target", "soon"}, 2, "not a date"},
		{[]string{"simulate", demoPlanPath, "--risks", bad}, 1, "risks.yaml:2: "},
		{[]string{"simulate", demoPlanPath, "--risks", "no-such-file.yaml"}, 1, "no-such-file.yaml"},
	} {
		code, _, errs := runCLI(t, "", c.args...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, %q; want exit %d and %q", c.args, code, errs, c.code, c.want)
		}
	}
}
