package level_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/level"
	"github.com/cairnpm/cairn/load"
	"github.com/cairnpm/cairn/mspdi"
	"github.com/cairnpm/cairn/planfile"
)

// readPlan reads a plan file or an MS Project XML file.
func readPlan(t testing.TB, path string) *domain.Plan {
	t.Helper()
	if strings.HasSuffix(path, ".xml") {
		f, err := mspdi.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return f.Plan
	}
	p, err := planfile.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// describe writes what levelling did to a plan: the finish before and
// after, each task that moved with its delay and cause, and the conflicts
// left.
func describe(p *domain.Plan, l *level.Levelled) string {
	names := map[int64]string{}
	for _, t := range p.Tasks {
		names[t.ID] = t.Name
	}
	resNames := map[int64]string{}
	for _, r := range p.Resources {
		resNames[r.ID] = r.Name
	}
	list := func(ids []int64) string {
		var s []string
		for _, id := range ids {
			s = append(s, names[id])
		}
		return strings.Join(s, "; ")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "finish %s -> %s\n", domain.FormatDateTime(l.Unlevelled.Finish), domain.FormatDateTime(l.Result.Finish))
	for i, m := range l.Tasks {
		if m.Delay == 0 || l.Result.Tasks[i].Summary {
			continue
		}
		why := ""
		if c := m.Cause; c != nil {
			if c.Resource != 0 {
				why = fmt.Sprintf("waits for %s (held by %s)", resNames[c.Resource], list(c.With))
			}
			if c.Predecessor != 0 {
				why = strings.TrimPrefix(why+"; follows "+names[c.Predecessor], "; ")
			}
		}
		fmt.Fprintf(&b, "%-6s %-45.45s +%5dmin  %s  %s\n", l.Result.Tasks[i].Outline, names[m.ID], m.Delay,
			domain.FormatDateTime(m.Start), why)
	}
	for _, c := range l.Unresolved {
		fmt.Fprintf(&b, "unresolved: %s on %s (%s)", names[c.Task], resNames[c.Resource], c.Reason)
		if len(c.With) > 0 {
			fmt.Fprintf(&b, " with %s", list(c.With))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs (run with -update after checking):\n%s", path, got)
	}
}

// TestLevelDemoPlan levels the demo plan. Sam Patel works 50% on this
// project yet is assigned 100% to several tasks: no delay can fix that, so
// those over-allocations stay, each with a single task, and are reported;
// everything else is resolved.
func TestLevelDemoPlan(t *testing.T) {
	p := readPlan(t, "../demo/office-network.yaml")
	l, err := level.LevelPlan(context.Background(), p, level.PlanOptions{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "office-network.golden", describe(p, l))
	overMax := map[int64]bool{}
	for _, c := range l.Unresolved {
		if c.Reason != level.ReasonOverMaxUnits {
			t.Errorf("unexpected conflict left: %+v", c)
		}
		overMax[c.Task] = true
	}
	for _, o := range load.Compute(l.Plan, l.Result, load.Day).OverAllocations {
		if o.Peak > 1 {
			t.Errorf("%s at %.0f%% from %s: %v", o.Name, 100*o.Peak, o.Start, o.Tasks)
		}
		for _, id := range o.Tasks {
			if !overMax[id] {
				t.Errorf("%s over-allocated on task %d, which needs no more than the resource has", o.Name, id)
			}
		}
	}
	checkLinks(t, l.Plan, l.Result)
	checkNotEarlier(t, l)
}

// TestLevelCustomerFeedback levels an MS Project plan that MS Project
// itself levelled (testdata/mspdi/converted-from-mpp/CustomerFeedback):
// its file records a levelling delay on tasks 252, 298 and 306, and a
// levelled finish of 5 February 2007. MS Project delays assignments
// inside tasks too; Cairn moves whole tasks with flat assignments, so the
// dates differ, but the same tasks must move and nobody may be
// over-allocated.
func TestLevelCustomerFeedback(t *testing.T) {
	p := readPlan(t, "../testdata/mspdi/converted-from-mpp/CustomerFeedback.mpxj.xml")
	l, err := level.LevelPlan(context.Background(), p, level.PlanOptions{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "customer-feedback.golden", describe(p, l))
	if over := load.Compute(l.Plan, l.Result, load.Day).OverAllocations; len(over) != 0 || len(l.Unresolved) != 0 {
		t.Errorf("after levelling: over-allocations %+v, unresolved %+v", over, l.Unresolved)
	}
	delay := map[int64]int64{}
	for i, m := range l.Tasks {
		delay[l.Result.Tasks[i].UID] = m.Delay
	}
	for _, uid := range []int64{252, 298, 306} {
		if delay[uid] <= 0 {
			t.Errorf("task UID %d: MS Project delayed it, Cairn did not", uid)
		}
	}
	msProjectFinish := time.Date(2007, 2, 5, 17, 0, 0, 0, time.UTC)
	if l.Result.Finish.After(msProjectFinish) {
		t.Errorf("levelled finish %s, later than MS Project's %s", l.Result.Finish, msProjectFinish)
	}
	checkLinks(t, l.Plan, l.Result)
	checkNotEarlier(t, l)
}
