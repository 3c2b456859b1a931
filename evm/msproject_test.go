package evm_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/cairnpm/cairn/cost"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/evm"
	"github.com/cairnpm/cairn/mspdi"
	"github.com/cairnpm/cairn/schedule"
)

var (
	update    = flag.Bool("update", false, "rewrite the golden files")
	diffLimit = flag.Int("msp.diffs", 5, "differences to show per MS Project file")
)

// costFields are the values compared with MS Project's, in the order the
// golden file lists them.
var costFields = []string{"cost", "actual_cost", "baseline_cost", "assignment_cost", "assignment_actual_cost", "bcws", "bcwp", "acwp"}

// costComparison counts, per field, how many values agree with MS
// Project's.
type costComparison struct {
	file       string
	match, all map[string]int
	// nzMatch and nz count only MS Project's values other than zero,
	// which say more than the many zeros of files without rates.
	nzMatch, nz int
	diffs       []string
}

func (c *costComparison) check(field, what string, mine, ref int64) {
	c.all[field]++
	if ref != 0 {
		c.nz++
	}
	if mine == ref {
		c.match[field]++
		if ref != 0 {
			c.nzMatch++
		}
		return
	}
	c.diffs = append(c.diffs, fmt.Sprintf("%s %s: got %s, MS Project %s", what, field,
		domain.FormatMoney(mine, "USD"), domain.FormatMoney(ref, "USD")))
}

// compareCosts recomputes a file's costs from its plan — rates, work,
// fixed costs, percent complete, baselines — and compares them with what
// MS Project stored: Cost, ActualCost, the roll-up of BaselineCost to
// summaries, assignments' Cost and ActualCost, and the earned-value
// fields BCWS, BCWP and ACWP where the file has them.
func compareCosts(t *testing.T, path string) costComparison {
	t.Helper()
	f, err := mspdi.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p := f.Plan
	p.Baselines = f.PlanBaselines()
	s, err := schedule.Compute(p, schedule.Options{LegacyStartLinkSlack: f.SavedBefore2016(), CriticalSlack: f.CriticalSlackLimit})
	if err != nil {
		t.Fatal(err)
	}
	c, err := cost.Compute(p, s, cost.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// MS Project reckons the earned-value fields at the status date, or
	// at the current date when there is none; converters set the current
	// date to the day they ran, so without a status date everything done
	// counts: the project's finish.
	status := f.StatusDate
	if status.IsZero() {
		status = s.Finish
	}
	r, err := evm.Compute(p, s, c, evm.Options{StatusDate: status})
	if err != nil {
		t.Fatal(err)
	}
	cmp := costComparison{file: filepath.Base(path), match: map[string]int{}, all: map[string]int{}}
	summary := p.Summaries()
	for i, ct := range c.Tasks {
		ref := f.Reference[ct.UID].Costs
		what := fmt.Sprintf("UID %d %q", ct.UID, s.Tasks[i].Name)
		m := r.Tasks[i]
		cmp.task(ref, what, ct.Cost, ct.ActualCost, m, summary[ct.ID])
	}
	cmp.task(f.Reference[0].Costs, "project", c.Project.Cost, c.Project.ActualCost, r.Project, true)
	for i, a := range c.Assignments {
		ref := f.Assignments[i]
		what := fmt.Sprintf("assignment of resource %d to UID %d", a.Resource, a.Task)
		if ref.Has&mspdi.HasCost != 0 {
			cmp.check("assignment_cost", what, a.Cost, ref.Cost)
		}
		if ref.Has&mspdi.HasActualCost != 0 {
			cmp.check("assignment_actual_cost", what, a.ActualCost, ref.ActualCost)
		}
	}
	return cmp
}

// task compares one task's (or the project's) values. A task's own
// baseline cost is an input; a summary's is the roll-up compared.
func (c *costComparison) task(ref mspdi.Costs, what string, planned, actual int64, m evm.Measures, summary bool) {
	for _, x := range []struct {
		field     string
		has       mspdi.CostFields
		mine, ref int64
		only      bool
	}{
		{"cost", mspdi.HasCost, planned, ref.Cost, true},
		{"actual_cost", mspdi.HasActualCost, actual, ref.ActualCost, true},
		{"baseline_cost", mspdi.HasBaselineCost, m.BAC, ref.BaselineCost, summary},
		{"bcws", mspdi.HasBCWS, m.PV, ref.BCWS, true},
		{"bcwp", mspdi.HasBCWP, m.EV, ref.BCWP, true},
		{"acwp", mspdi.HasACWP, m.AC, ref.ACWP, true},
	} {
		if ref.Has&x.has != 0 && x.only {
			c.check(x.field, what, x.mine, x.ref)
		}
	}
}

// TestMSProjectCosts compares Cairn's costs with MS Project's on every
// reference file and keeps the agreement per file in a golden file, so
// that a change losing agreement fails and one gaining it shows in the
// diff. docs/compatibility.md ("Costs") explains the values that differ.
func TestMSProjectCosts(t *testing.T) {
	files, _ := filepath.Glob("../testdata/mspdi/*.xml")
	more, _ := filepath.Glob("../testdata/mspdi/converted-from-mpp/*.xml")
	files = append(files, more...)
	sort.Strings(files)
	if len(files) == 0 {
		t.Fatal("no reference files")
	}
	var table strings.Builder
	total, matched := map[string]int{}, map[string]int{}
	var nz, nzMatch int
	partial := false
	for _, path := range files {
		var cmp costComparison
		if !t.Run(filepath.Base(path), func(t *testing.T) { cmp = compareCosts(t, path) }) || cmp.file == "" {
			partial = true // failed, or left out by -run
			continue
		}
		var parts []string
		for _, fd := range costFields {
			if cmp.all[fd] > 0 {
				parts = append(parts, fmt.Sprintf("%s %d/%d", fd, cmp.match[fd], cmp.all[fd]))
			}
			total[fd] += cmp.all[fd]
			matched[fd] += cmp.match[fd]
		}
		nz, nzMatch = nz+cmp.nz, nzMatch+cmp.nzMatch
		if len(parts) == 0 {
			parts = []string{"no cost values"}
		}
		line := fmt.Sprintf("%-50s %s", cmp.file, strings.Join(parts, ", "))
		t.Log(line)
		table.WriteString(line + "\n")
		for i, d := range cmp.diffs {
			if i == *diffLimit {
				t.Logf("    … %d more", len(cmp.diffs)-i)
				break
			}
			t.Logf("    %s", d)
		}
	}
	var sum, all int
	var parts []string
	for _, fd := range costFields {
		parts = append(parts, fmt.Sprintf("%s %d/%d", fd, matched[fd], total[fd]))
		sum, all = sum+matched[fd], all+total[fd]
	}
	summary := fmt.Sprintf("overall: %d/%d cost values match MS Project (%.1f%%): %s", sum, all, 100*float64(sum)/float64(all), strings.Join(parts, ", "))
	summary += fmt.Sprintf("\nof MS Project's values other than zero: %d/%d match", nzMatch, nz)
	t.Log(summary)
	table.WriteString(summary + "\n")
	if partial {
		return
	}
	golden(t, "msproject_costs", []byte(table.String()))
}

// golden compares got with testdata/NAME.golden, rewriting it with -update.
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

// day parses a project-local date for tests.
func day(s string) time.Time {
	t, err := domain.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return t
}
