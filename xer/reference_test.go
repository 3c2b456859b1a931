package xer_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cairnpm/cairn/calendar"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/level"
	"github.com/cairnpm/cairn/schedule"
	"github.com/cairnpm/cairn/xer"
)

var (
	update    = flag.Bool("update", false, "rewrite the golden files")
	diffLimit = flag.Int("p6.diffs", 10, "differences to show")
)

// p6Fields are the values compared with P6's, per activity.
var p6Fields = []struct {
	name string
	mine func(schedule.Task) time.Time
	ref  func(xer.Computed) time.Time
}{
	{"early_start", func(t schedule.Task) time.Time { return t.EarlyStart }, func(c xer.Computed) time.Time { return c.EarlyStart }},
	{"early_finish", func(t schedule.Task) time.Time { return t.EarlyFinish }, func(c xer.Computed) time.Time { return c.EarlyFinish }},
	{"late_start", func(t schedule.Task) time.Time { return t.LateStart }, func(c xer.Computed) time.Time { return c.LateStart }},
	{"late_finish", func(t schedule.Task) time.Time { return t.LateFinish }, func(c xer.Computed) time.Time { return c.LateFinish }},
}

// TestP6Reference reads testXer.xer, throws P6's dates away, schedules the
// plan with Cairn's engine and compares every activity's early and late
// dates (in working time, so 17:00 one day equals 08:00 the next working
// day) and total and free float (in working minutes) with what P6 stored.
// The schedule in the file is resource-levelled, so the comparison is made
// twice: with the critical path method alone, and after levelling the plan
// with Cairn's leveller. The per-field counts are kept in
// testdata/p6reference.golden; docs/compatibility.md explains the rest.
func TestP6Reference(t *testing.T) {
	f, err := xer.ReadFile(filepath.Join("testdata", "primavera", "testXer.xer"))
	if err != nil {
		t.Fatal(err)
	}
	// P6 schedules remaining work from the data date (none here: the
	// project was never recalculated after progress) and, as classic CPM,
	// lets every link type limit its predecessor's late dates.
	opt := xer.ScheduleOptions(f)
	cpm, err := schedule.Compute(f.Plan, opt)
	if err != nil {
		t.Fatal(err)
	}
	lev, err := level.LevelPlan(context.Background(), f.Plan, level.PlanOptions{Schedule: opt})
	if err != nil {
		t.Fatal(err)
	}
	delayed, err := withLevellingDelays(t, f, opt)
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	for _, run := range []struct {
		name string
		res  *schedule.Result
	}{
		{"critical path method", cpm},
		{"levelled by Cairn", lev.Result},
		{"critical path method with P6's levelling delays as lags (checks the explanation; early dates match by construction)", delayed},
	} {
		table, diffs := compareWithP6(t, f, run.res)
		fmt.Fprintf(&out, "%s:\n%s", run.name, table)
		t.Logf("%s:\n%s", run.name, table)
		for i, d := range diffs {
			if i == *diffLimit {
				t.Logf("    … %d more (-p6.diffs N shows more)", len(diffs)-i)
				break
			}
			t.Logf("    %s", d)
		}
	}
	golden(t, "p6reference", []byte(out.String()))
}

// withLevellingDelays schedules f's plan with each activity that P6 has
// starting later than its links allow delayed by that much, as a lag on
// its incoming links. That is how P6 and MS Project carry a levelling
// delay through the late dates; if it explains the differences of the
// plain critical path method, the rest of the values agree.
func withLevellingDelays(t *testing.T, f *xer.File, opt schedule.Options) (*schedule.Result, error) {
	t.Helper()
	p := *f.Plan
	p.Dependencies = append([]domain.Dependency(nil), f.Plan.Dependencies...)
	cal := calendar.Standard()
	for range len(p.Tasks) {
		res, err := schedule.Compute(&p, opt)
		if err != nil {
			return nil, err
		}
		moved := false
		for _, tk := range res.Tasks {
			ref, ok := f.Reference[tk.ID]
			if !ok {
				continue
			}
			delay := cal.Ordinal(ref.EarlyStart) - cal.Ordinal(tk.EarlyStart)
			if delay <= 0 {
				continue
			}
			for i := range p.Dependencies {
				if p.Dependencies[i].Successor == tk.ID {
					p.Dependencies[i].Lag.Minutes += delay
				}
			}
			t.Logf("levelling delay of %s %q: %gh", f.Extra[tk.ID].Code, tk.Name, float64(delay)/60)
			moved = true
			break // later activities may follow this one; reschedule
		}
		if !moved {
			return res, nil
		}
	}
	return schedule.Compute(&p, opt)
}

// compareWithP6 counts, per field, the activities whose computed value
// agrees with P6's, and lists the differences.
func compareWithP6(t *testing.T, f *xer.File, res *schedule.Result) (string, []string) {
	t.Helper()
	cal := calendar.Standard()
	var err error
	for _, c := range f.Plan.Calendars {
		if c.ID == f.Plan.Project.CalendarID {
			if cal, err = calendar.New(c, f.Plan.Calendars...); err != nil {
				t.Fatal(err)
			}
		}
	}
	match, all := map[string]int{}, map[string]int{}
	var diffs []string
	activities := 0
	for _, tk := range res.Tasks {
		ref, ok := f.Reference[tk.ID]
		if !ok {
			continue // a WBS summary: P6 stores no dates for it
		}
		activities++
		for _, fd := range p6Fields {
			rv := fd.ref(ref)
			if rv.IsZero() {
				continue
			}
			all[fd.name]++
			if cal.Ordinal(fd.mine(tk)) == cal.Ordinal(rv) {
				match[fd.name]++
			} else {
				diffs = append(diffs, fmt.Sprintf("%s %q %s: Cairn %s, P6 %s", f.Extra[tk.ID].Code, tk.Name, fd.name,
					domain.FormatDateTime(fd.mine(tk)), domain.FormatDateTime(rv)))
			}
		}
		if !ref.HasFloat {
			continue
		}
		for _, s := range []struct {
			name      string
			mine, ref int64
		}{{"total_float", tk.TotalFloat, ref.TotalFloat}, {"free_float", tk.FreeFloat, ref.FreeFloat}} {
			all[s.name]++
			if s.mine == s.ref {
				match[s.name]++
			} else {
				diffs = append(diffs, fmt.Sprintf("%s %q %s: Cairn %gh, P6 %gh", f.Extra[tk.ID].Code, tk.Name, s.name,
					float64(s.mine)/60, float64(s.ref)/60))
			}
		}
	}
	var out strings.Builder
	total, agreed := 0, 0
	fmt.Fprintf(&out, "  activities   %3d\n", activities)
	for _, name := range []string{"early_start", "early_finish", "late_start", "late_finish", "total_float", "free_float"} {
		fmt.Fprintf(&out, "  %-12s %3d/%d\n", name, match[name], all[name])
		total += all[name]
		agreed += match[name]
	}
	fmt.Fprintf(&out, "  overall: %d/%d values match P6 (%.1f%%)\n", agreed, total, 100*float64(agreed)/float64(total))
	return out.String(), diffs
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(bytes.TrimSpace(got), bytes.TrimSpace(want)) {
		t.Errorf("result differs from %s:\n%s", path, got)
	}
}
