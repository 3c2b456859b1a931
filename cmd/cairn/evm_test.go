package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// costedPlan is the small plan with rates, a fixed cost and progress.
const costedPlan = `project:
  key: NET
  name: Office network upgrade
  start: 2027-01-04
  currency: GBP
resources:
  - {id: ann, name: Ann, rate: 80/h}
  - {id: travel, name: Travel, kind: cost}
tasks:
  - id: survey
    name: Site survey
    duration: 3d
    assign: [ann, travel 120]
    percent_complete: 100
    actual_start: 2027-01-04
    actual_finish: 2027-01-07T17:00:00
  - id: build
    name: Build
    duration: 5d
    assign: ann
    fixed_cost: 1500
    fixed_cost_accrual: end
    percent_complete: 20
    after: survey
`

func TestEVMFlags(t *testing.T) {
	path := writeFile(t, "plan.yaml", costedPlan)
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"no status date", []string{"evm", path}, "--status-date is required"},
		{"bad status date", []string{"evm", path, "--status-date", "1 March"}, `--status-date "1 March" is not a date`},
		{"no baseline 11", []string{"evm", path, "--status-date", "2027-01-08", "--baseline", "11"}, "--baseline 11 does not exist"},
		{"unknown method", []string{"evm", path, "--status-date", "2027-01-08", "--eac", "guess"}, `--eac "guess" is not an EAC method`},
		{"chart not svg", []string{"evm", path, "--status-date", "2027-01-08", "-o", "curve.png"}, "ending in .svg"},
		{"two files", []string{"evm", path, path, "--status-date", "2027-01-08"}, "exactly one plan file"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, _, errs := runCLI(t, "", c.args...)
			if code != 2 || !strings.Contains(errs, c.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errs, c.want)
			}
		})
	}
}

func TestEVMText(t *testing.T) {
	path := writeFile(t, "plan.yaml", costedPlan)
	svg := filepath.Join(t.TempDir(), "curve.svg")
	code, out, errs := runCLI(t, "", "evm", path, "--status-date", "2027-01-11", "-o", svg)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"NET  Office network upgrade — earned value at 2027-01-11 17:00 against baseline 0 (GBP)",
		"Note: the plan has no baseline 0; its current plan stands in for it",
		"BAC 6,740.00", "EV 2,980.00", "AC 2,680.00", // the survey, and 20% of Build's work (its fixed cost comes at the end)
		"CPI 1.11: each 1.00 spent earned 1.11 of planned work.",
		"SPI(t)", "Site survey", "Build",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errs, "no baseline 0") {
		t.Errorf("stderr does not warn of the missing baseline: %q", errs)
	}
	data, err := os.ReadFile(svg)
	if err != nil || !strings.HasPrefix(string(data), "<svg") || !strings.Contains(string(data), "Planned value (PV)") {
		t.Errorf("S-curve not written (%v):\n%.200s", err, data)
	}
}

// TestEVMJSONMSProject measures MS Project's Software Development plan
// (30% done, with a baseline) and checks the document's shape and the
// totals MS Project stored: Cost 149,000.00, ActualCost 44,700.00 and
// baseline cost 139,600.00.
func TestEVMJSONMSProject(t *testing.T) {
	src := filepath.Join("..", "..", "testdata", "mspdi", "converted-from-mpp", "Software Development.mpxj.xml")
	code, out, errs := runCLI(t, "", "evm", src, "--status-date", "2013-02-15", "--format", "json", "--eac", "bottom-up", "--period", "month")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var doc struct {
		StatusDate string           `json:"status_date"`
		Project    map[string]any   `json:"project"`
		Tasks      []map[string]any `json:"tasks"`
		Periods    []map[string]any `json:"periods"`
	}
	dec := json.NewDecoder(strings.NewReader(out))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("%v\n%.500s", err, out)
	}
	if doc.StatusDate != "2013-02-15T17:00:00" {
		t.Errorf("status_date %q", doc.StatusDate)
	}
	for _, k := range []string{"bac", "pv", "ev", "ac", "sv", "cv", "spi", "cpi", "eac", "etc", "vac", "tcpi", "es", "sv_t", "spi_t", "ieac_t"} {
		if _, ok := doc.Project[k]; !ok {
			t.Errorf("project has no %q", k)
		}
		if _, ok := doc.Tasks[0][k]; !ok {
			t.Errorf("tasks[0] has no %q", k)
		}
	}
	for k, want := range map[string]string{"bac": "139600.00", "ac": "44700.00", "eac": "149000.00"} {
		if got := doc.Project[k].(json.Number).String(); got != want {
			t.Errorf("project %s %s, want %s", k, got, want)
		}
	}
	if len(doc.Tasks) != 86 || doc.Tasks[0]["uid"].(json.Number).String() != "1" {
		t.Errorf("%d tasks, first %v", len(doc.Tasks), doc.Tasks[0]["uid"])
	}
	if len(doc.Periods) < 4 {
		t.Errorf("%d monthly periods", len(doc.Periods))
	}
}

// TestCostsThroughDatabase imports a plan with fixed costs, accruals,
// dated rates and a cost-resource amount, exports it again and checks
// that they survived the database.
func TestCostsThroughDatabase(t *testing.T) {
	src := strings.Replace(costedPlan, "  - {id: ann, name: Ann, rate: 80/h}\n",
		"  - id: ann\n    name: Ann\n    rate: 80/h\n    accrual: end\n    rates:\n      - {from: 2027-01-06, rate: 90/h, cost_per_use: 15}\n", 1)
	path := writeFile(t, "plan.yaml", src)
	db := filepath.Join(t.TempDir(), "cairn.db")
	if code, _, errs := runCLI(t, "", "import", path, "--db", db); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	code, out, errs := runCLI(t, "", "export", "--db", db, "--project", "NET")
	if code != 0 {
		t.Fatalf("export: %s", errs)
	}
	for _, want := range []string{"accrual: end", "from: 2027-01-06", "rate: 90.00/h", "cost_per_use: 15.00",
		"travel 120.00", "fixed_cost: 1500.00", "fixed_cost_accrual: end"} {
		if !strings.Contains(out, want) {
			t.Errorf("exported plan lacks %q:\n%s", want, out)
		}
	}
}
