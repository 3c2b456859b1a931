package risk

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/mspdi"
	"github.com/cairnpm/cairn/planfile"
	"github.com/cairnpm/cairn/schedule"
)

// zeroCase is a plan to reschedule with no uncertainty.
type zeroCase struct {
	name string
	plan *domain.Plan
	opt  schedule.Options
}

func zeroCases(t *testing.T) []zeroCase {
	t.Helper()
	demo, err := planfile.ParseFile("../demo/office-network.yaml")
	if err != nil {
		t.Fatal(err)
	}
	status := func() *domain.Plan {
		p, _ := planfile.ParseFile("../demo/office-network.yaml")
		return p
	}()
	cases := []zeroCase{
		{"demo", demo, schedule.Options{}},
		{"demo with a status date", status, schedule.Options{StatusDate: time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)}},
		{"synthetic", syntheticPlan(2_000, 3, true), schedule.Options{}},
		{"synthetic FS", syntheticPlan(2_000, 4, false), schedule.Options{}},
		{"summary links", summaryLinks(), schedule.Options{}},
	}
	files, _ := filepath.Glob("../testdata/mspdi/*.xml")
	more, _ := filepath.Glob("../testdata/mspdi/converted-from-mpp/*.xml")
	for _, f := range append(files, more...) {
		mf, err := mspdi.ReadFile(f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		cases = append(cases, zeroCase{filepath.Base(f), mf.Plan, schedule.Options{LegacyStartLinkSlack: mf.SavedBefore2016()}})
	}
	return cases
}

// TestZeroUncertaintyMatchesSchedule runs the compiled network once with
// the planned durations and compares, in working time, the project finish
// and every task's early finish and start with schedule.Compute. There
// are no exceptions among the plans here, which include task calendars,
// resource calendars, elapsed durations and lags, percentage lags, every
// constraint, manual tasks and progress.
func TestZeroUncertaintyMatchesSchedule(t *testing.T) {
	for _, c := range zeroCases(t) {
		t.Run(c.name, func(t *testing.T) {
			det, err := schedule.Compute(c.plan, c.opt)
			if err != nil {
				t.Skipf("schedule refuses it: %v", err)
			}
			ix, err := c.plan.Check()
			if err != nil {
				t.Fatal(err)
			}
			summary := make([]bool, len(c.plan.Tasks))
			for _, pi := range ix.Parent {
				if pi >= 0 {
					summary[pi] = true
				}
			}
			net, err := compile(c.plan, ix, summary, c.opt.StatusDate, nil)
			if err != nil {
				t.Fatal(err)
			}
			w := net.newPass()
			finish := net.forward(w)
			if want := net.cal.Ordinal(det.Finish); finish != want && len(c.plan.Tasks) > 0 {
				t.Errorf("project finish %s, schedule says %s", net.cal.FinishOf(finish).Format(time.DateTime), det.Finish.Format(time.DateTime))
			}
			bad := 0
			for _, dt := range det.Tasks {
				i, _ := ix.Find(dt.ID)
				k := net.leafOf[i]
				if k < 0 {
					continue
				}
				wantS, wantF := net.cal.Ordinal(dt.EarlyStart), net.cal.Ordinal(dt.EarlyFinish)
				if w.ef[k] != wantF || w.es[k] != wantS {
					bad++
					if bad <= 5 {
						t.Errorf("%d %q: early %s–%s, schedule says %s–%s", dt.UID, dt.Name,
							net.cal.StartOf(w.es[k]).Format(time.DateTime), net.cal.FinishOf(w.ef[k]).Format(time.DateTime),
							dt.EarlyStart.Format(time.DateTime), dt.EarlyFinish.Format(time.DateTime))
					}
				}
			}
			if bad > 0 {
				t.Errorf("%d of %d tasks differ", bad, len(det.Tasks))
			}
		})
	}
}

// summaryLinks is a plan whose links go into and out of nested summaries,
// with every link type and lag kind.
func summaryLinks() *domain.Plan {
	b := newPlan()
	x, a, bb, y := b.task(960), b.task(480), b.task(1440), b.task(480)
	s1 := b.task(0)
	c, d, e := b.task(2400), b.task(480), b.task(960)
	s2, s3 := b.task(0), b.task(0)
	z, w, v, u := b.task(480), b.task(3000), b.task(480), b.task(-1)
	parent := map[int64]int64{a: s1, bb: s1, c: s2, s3: s2, d: s3, e: s3}
	for i := range b.p.Tasks {
		b.p.Tasks[i].Parent = parent[b.p.Tasks[i].ID]
	}
	link := func(from, to int64, typ domain.DependencyType, lag domain.Lag) {
		b.p.Dependencies = append(b.p.Dependencies, domain.Dependency{ID: int64(len(b.p.Dependencies) + 1),
			Predecessor: from, Successor: to, Type: typ, Lag: lag})
	}
	link(x, s1, domain.FS, domain.Lag{Minutes: 480})
	link(a, bb, domain.SS, domain.Lag{Minutes: 120})
	link(s1, y, domain.SS, domain.Lag{Percent: 50, IsPercent: true})
	link(s3, z, domain.FF, domain.Lag{})
	link(w, s3, domain.SF, domain.Lag{Minutes: -120})
	link(s2, v, domain.FS, domain.Lag{Minutes: 2 * 1440, Elapsed: true})
	link(bb, s2, domain.FS, domain.Lag{Minutes: -240})
	link(s1, u, domain.FS, domain.Lag{})
	d2 := b.p.Tasks[d-1]
	d2.Constraint, d2.ConstraintDate = domain.SNET, time.Date(2027, 1, 20, 0, 0, 0, 0, time.UTC)
	b.p.Tasks[d-1] = d2
	return b.p
}
