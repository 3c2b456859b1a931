package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/cairnpm/cairn/internal/pgtest"
)

// runCLI runs one command line in-process and returns its exit code and
// output.
func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	code := run(context.Background(), e, args)
	return code, out.String(), errb.String()
}

func writeFile(t *testing.T, name, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

const smallPlan = `project:
  key: NET
  name: Office network upgrade
  start: 2027-01-04
tasks:
  - id: design
    name: Design
    tasks:
      - id: survey
        name: Site survey
        duration: 3d
      - id: approve
        name: Design approved
        milestone: true
        after: survey
  - id: build
    name: Build
    duration: 5d
    after: approve +2d
`

func TestScheduleFlagsEitherSide(t *testing.T) {
	path := writeFile(t, "plan.yaml", smallPlan)
	for _, args := range [][]string{
		{"schedule", path, "--format", "json"},
		{"schedule", "--format", "json", path},
		{"schedule", "--format=json", "--", path},
	} {
		code, out, errs := runCLI(t, "", args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
		var doc struct {
			Start, Finish string
			Tasks         []map[string]any
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
		if doc.Start != "2027-01-04T08:00:00" || doc.Finish != "2027-01-15T17:00:00" || len(doc.Tasks) != 4 {
			t.Fatalf("%v: %+v", args, doc)
		}
	}
	code, out, _ := runCLI(t, "", "schedule", path)
	if code != 0 || !strings.Contains(out, "Site survey") || !strings.Contains(out, "critical") {
		t.Fatalf("table output (exit %d):\n%s", code, out)
	}
}

func TestScheduleBadInput(t *testing.T) {
	bad := writeFile(t, "bad.yaml", strings.Replace(smallPlan, "duration: 5d", "duration: 5x", 1))
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"schedule", bad}, 1, "bad.yaml:18"},
		{[]string{"schedule", bad}, 1, "try 5d"},
		{[]string{"schedule"}, 2, "exactly one plan file"},
		{[]string{"schedule", "--format", "xml", bad}, 2, "not table or json"},
		{[]string{"schedule", "--nope", bad}, 2, "-nope"},
		{[]string{"schedule", filepath.Join(t.TempDir(), "missing.yaml")}, 1, "missing.yaml"},
		{[]string{"frobnicate"}, 2, "unknown command"},
		{[]string{"serve", "--addr", "nonsense"}, 2, "not host:port"},
	}
	for _, tc := range tests {
		code, _, errs := runCLI(t, "", tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.msg) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d mentioning %q", tc.args, code, errs, tc.code, tc.msg)
		}
	}
}

func TestHelpForEveryCommand(t *testing.T) {
	for _, c := range commands() {
		code, out, _ := runCLI(t, "", c.name, "--help")
		if code != 0 || !strings.Contains(out, "Usage: cairn "+c.name) {
			t.Errorf("%s --help: exit %d\n%s", c.name, code, out)
		}
	}
	code, out, _ := runCLI(t, "", "serve", "--help")
	if code != 0 || !strings.Contains(out, "$CAIRN_ADDR") || !strings.Contains(out, "$CAIRN_DB") {
		t.Errorf("serve --help does not document the environment:\n%s", out)
	}
}

func TestImportExportRoundTrip(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cairn.db")
	path := writeFile(t, "plan.yaml", smallPlan)
	code, out, errs := runCLI(t, "", "import", path, "--db", db)
	if code != 0 {
		t.Fatalf("import: %d %s", code, errs)
	}
	if lines := strings.Split(strings.TrimSpace(out), "\n"); lines[len(lines)-1] != "NET" {
		t.Fatalf("import did not print the key last: %q", out)
	}
	code, _, errs = runCLI(t, "", "import", path, "--db", db)
	if code != 1 || !strings.Contains(errs, "already exists") {
		t.Fatalf("second import: exit %d %s", code, errs)
	}
	exported := filepath.Join(t.TempDir(), "NET.yaml")
	if code, _, errs := runCLI(t, "", "export", "--db", db, "--project", "NET", "--format", "plan", "-o", exported); code != 0 {
		t.Fatalf("export: %s", errs)
	}
	_, a, _ := runCLI(t, "", "schedule", "--format", "json", path)
	_, b, _ := runCLI(t, "", "schedule", "--format", "json", exported)
	if a != b || a == "" {
		t.Fatalf("schedule changed across import/export:\n%s\n---\n%s", a, b)
	}
}

// TestServe runs the real `cairn serve` on :0, talks to it over HTTP and
// stops it as SIGTERM would, on SQLite and on PostgreSQL.
func TestServe(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { serveAndCheck(t, filepath.Join(t.TempDir(), "cairn.db")) })
	t.Run("postgres", func(t *testing.T) { serveAndCheck(t, pgtest.Schema(t)) })
}

func serveAndCheck(t *testing.T, db string) {
	url, stop := startServeWith(t, func(k string) string { return map[string]string{"CAIRN_DB": db}[k] }, "--demo")
	defer stop()
	get := func(path string) (int, string) {
		res, err := http.Get(url + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	if code, _ := get("/healthz"); code != 200 {
		t.Fatalf("healthz %d", code)
	}
	code, body := get("/api/v1/projects/NET/schedule")
	if code != 200 || !strings.Contains(body, `"critical":true`) {
		t.Fatalf("demo schedule: %d %.300s", code, body)
	}
	if code, body := get("/"); code != 200 || !strings.Contains(body, "Office network upgrade") {
		t.Fatalf("home: %d", code)
	}
}

func TestGanttCommand(t *testing.T) {
	path := writeFile(t, "plan.yaml", smallPlan)
	out := filepath.Join(t.TempDir(), "gantt.svg")
	if code, _, errs := runCLI(t, "", "gantt", path, "-o", out, "--status-date", "2027-01-06"); code != 0 {
		t.Fatalf("gantt: %s", errs)
	}
	b, err := os.ReadFile(out)
	if err != nil || !bytes.Contains(b, []byte("<svg")) || !bytes.Contains(b, []byte("Site survey")) || !bytes.Contains(b, []byte("Status date")) {
		t.Fatalf("gantt output: %v\n%.400s", err, b)
	}
	if code, _, errs := runCLI(t, "", "gantt", path, "--status-date", "soon"); code != 2 || !strings.Contains(errs, "not a date") {
		t.Fatalf("bad status date: %d %s", code, errs)
	}
}

func TestRedactDB(t *testing.T) {
	for in, want := range map[string]string{
		"./cairn.db": "./cairn.db",
		"postgres://cairn:s3cret@db.example:5432/cairn": "postgres://cairn:xxxxx@db.example:5432/cairn",
		"postgres://postgres@127.0.0.1/test":            "postgres://postgres@127.0.0.1/test",
	} {
		if got := redactDB(in); got != want {
			t.Errorf("redactDB(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestScheduleThresholds(t *testing.T) {
	path := writeFile(t, "plan.yaml", smallPlan+"  - id: docs\n    name: Write docs\n    duration: 2d\n")
	code, out, errs := runCLI(t, "", "schedule", path, "--near-critical", "10d")
	if code != 0 || !strings.Contains(out, "near-critical") {
		t.Fatalf("exit %d %s\n%s", code, errs, out)
	}
	code, _, errs = runCLI(t, "", "schedule", path, "--critical-slack", "soon")
	if code != 2 || !strings.Contains(errs, "not an amount of working time") {
		t.Fatalf("bad threshold: %d %s", code, errs)
	}
}

func TestLoadCommand(t *testing.T) {
	plan := smallPlan + `resources:
  - id: ann
    name: Ann
    max_units: 100%
`
	plan = strings.Replace(plan, "        duration: 3d\n", "        duration: 3d\n        assign: ann\n", 1)
	plan = strings.Replace(plan, "  - id: build\n    name: Build\n    duration: 5d\n    after: approve +2d\n",
		"  - id: build\n    name: Build\n    duration: 5d\n    assign: ann\n  - id: docs\n    name: Docs\n    duration: 2d\n    assign: ann\n", 1)
	path := writeFile(t, "plan.yaml", plan)
	out := filepath.Join(t.TempDir(), "load.svg")
	code, stdout, errs := runCLI(t, "", "load", path, "-o", out, "--per", "day")
	if code != 0 {
		t.Fatalf("load: %d %s", code, errs)
	}
	if !strings.Contains(stdout, "Ann") || !strings.Contains(stdout, "300%") || !strings.Contains(stdout, "Docs") {
		t.Fatalf("over-allocation report:\n%s", stdout)
	}
	if b, err := os.ReadFile(out); err != nil || !bytes.Contains(b, []byte(`class="over"`)) {
		t.Fatalf("histogram: %v", err)
	}
}

func TestPSPLIBCommand(t *testing.T) {
	code, out, errs := runCLI(t, "", "psplib", "../../testdata/psplib/j30", "--schedules", "200", "--format", "json")
	if code != 0 {
		t.Fatalf("psplib: %d %s", code, errs)
	}
	var rep struct {
		Results []struct {
			Instance string
			Makespan int
			Starts   []int
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || len(rep.Results) == 0 {
		t.Fatalf("json: %v\n%.300s", err, out)
	}
	if r := rep.Results[0]; len(r.Starts) != 32 || r.Makespan <= 0 || !strings.HasSuffix(r.Instance, ".sm") {
		t.Fatalf("first result %+v: want 32 starts (30 jobs and two dummies)", r)
	}
	code, out, _ = runCLI(t, "", "psplib", "--schedules", "100", "../../testdata/psplib/j30")
	if code != 0 || !strings.Contains(out, "deviation from optimum") {
		t.Fatalf("text report: %d\n%s", code, out)
	}
}

// TestMSPDIRoundTripThroughDatabase imports MS Project files, exports them
// as MS Project XML and checks that every task schedules the same: dates,
// floats and work, with the same UIDs.
func TestMSPDIRoundTripThroughDatabase(t *testing.T) {
	for _, name := range []string{"sample.xml", "task-links-project2016-mspdi.xml", "converted-from-mpp/Home_move_plan.mpxj.xml", "converted-from-mpp/TaskDurations.mpxj.xml"} {
		t.Run(name, func(t *testing.T) {
			src := filepath.Join("..", "..", "testdata", "mspdi", name)
			db := filepath.Join(t.TempDir(), "cairn.db")
			code, out, errs := runCLI(t, "", "import", src, "--db", db)
			if code != 0 {
				t.Fatalf("import: %d %s", code, errs)
			}
			lines := strings.Split(strings.TrimSpace(out), "\n")
			key := lines[len(lines)-1]
			exported := filepath.Join(t.TempDir(), "out.xml")
			if code, _, errs := runCLI(t, "", "export", "--db", db, "--project", key, "--format", "mspdi", "-o", exported); code != 0 {
				t.Fatalf("export: %s", errs)
			}
			tasks := func(path string) []map[string]any {
				code, out, errs := runCLI(t, "", "schedule", "--format", "json", path)
				if code != 0 {
					t.Fatalf("schedule %s: %s", path, errs)
				}
				var doc struct {
					Tasks []map[string]any `json:"tasks"`
				}
				if err := json.Unmarshal([]byte(out), &doc); err != nil {
					t.Fatal(err)
				}
				return doc.Tasks
			}
			before, after := tasks(src), tasks(exported)
			if len(before) == 0 || !reflect.DeepEqual(before, after) {
				for k := range before {
					if k < len(after) && !reflect.DeepEqual(before[k], after[k]) {
						t.Fatalf("task changed through import and export:\nbefore %v\nafter  %v", before[k], after[k])
					}
				}
				t.Fatalf("%d tasks became %d", len(before), len(after))
			}
		})
	}
}
