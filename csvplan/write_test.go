package csvplan_test

import (
	"bytes"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cairnpm/cairn/csvplan"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/planfile"
	"github.com/cairnpm/cairn/schedule"
)

// roundTripPlans are plans with everything a CSV row can carry: the demo
// project, the plan-format example (manual tasks, percentage and elapsed
// lags, ALAP) and the same with 7.5-hour days.
func roundTripPlans(t *testing.T) map[string]*domain.Plan {
	t.Helper()
	plans := map[string]*domain.Plan{}
	for _, path := range []string{"../demo/office-network.yaml", "../planfile/testdata/example.yaml"} {
		p, err := planfile.ParseFile(path)
		if err != nil {
			t.Fatal(err)
		}
		plans[filepath.Base(path)] = p
	}
	p, err := planfile.ParseFile("../planfile/testdata/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	p.Project.Units = domain.Units{MinutesPerDay: 450}
	plans["7.5-hour days"] = p
	return plans
}

// TestRoundTrip writes plans as CSV, reads them back and checks that every
// row and every value a CSV carries survived, and that writing the plan
// read back gives the same bytes.
func TestRoundTrip(t *testing.T) {
	for name, p := range roundTripPlans(t) {
		t.Run(name, func(t *testing.T) {
			res, err := schedule.Compute(p, schedule.Options{})
			if err != nil {
				t.Fatal(err)
			}
			est := map[int64]csvplan.Estimate{p.Tasks[len(p.Tasks)-1].ID: {
				Optimistic: domain.Duration{Minutes: 480}, MostLikely: domain.Duration{Minutes: 960}, Pessimistic: domain.Duration{Minutes: 2880}}}
			var first bytes.Buffer
			if err := csvplan.Write(&first, p, csvplan.WriteOptions{Result: res, Estimates: est}); err != nil {
				t.Fatal(err)
			}
			f, err := csvplan.Read(bytes.NewReader(first.Bytes()), "back.csv", csvplan.Options{Units: p.Project.Units})
			if err != nil {
				t.Fatalf("%v\n%s", err, first.String())
			}
			if got, want := rows(f.Plan), rows(p); got != want {
				t.Errorf("rows differ after the round trip:\n%s\n---\n%s", got, want)
			}
			back := f.Plan.Tasks[len(f.Plan.Tasks)-1]
			if e := f.Estimates[back.ID]; e != est[p.Tasks[len(p.Tasks)-1].ID] {
				t.Errorf("estimates %+v", e)
			}
			// What was read writes out and reads back unchanged. (The first
			// file's dates may differ: calendars do not travel in a CSV.)
			second := writeRead(t, f)
			third := writeRead(t, readBack(t, second, f.Plan.Project.Units))
			if second != third {
				t.Errorf("writing what was read differs:\n%s\n---\n%s", second, third)
			}
		})
	}
}

// writeRead writes f as CSV, with its schedule.
func writeRead(t *testing.T, f *csvplan.File) string {
	t.Helper()
	res, err := schedule.Compute(f.Plan, schedule.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := csvplan.Write(&b, f.Plan, csvplan.WriteOptions{Result: res, Estimates: f.Estimates}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func readBack(t *testing.T, text string, u domain.Units) *csvplan.File {
	t.Helper()
	f, err := csvplan.Read(strings.NewReader(text), "back.csv", csvplan.Options{Units: u})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// rows describes what of a plan a CSV carries, one line per task in WBS
// order, by UID.
func rows(p *domain.Plan) string {
	u := p.Project.Units
	idx := p.TaskIndex()
	uid := func(id int64) int64 { return p.Tasks[idx[id]].UID }
	order, outline := p.WBSOrder()
	preds := map[int64][]string{}
	for _, d := range p.Dependencies {
		preds[d.Successor] = append(preds[d.Successor], fmt.Sprintf("%d%s%+d/%v/%d%%", uid(d.Predecessor), d.Type, d.Lag.Minutes, d.Lag.Elapsed, d.Lag.Percent))
	}
	names := map[int64]string{}
	for _, r := range p.Resources {
		names[r.ID] = r.Name
	}
	who := map[int64][]string{}
	for _, a := range p.Assignments {
		who[a.Task] = append(who[a.Task], fmt.Sprintf("%s@%g", names[a.Resource], math.Round(a.Units*1e6)/1e6))
	}
	summaries := p.Summaries()
	var b strings.Builder
	for _, id := range order {
		t := p.Tasks[idx[id]]
		dur := t.Duration.Format(u)
		if summaries[id] {
			dur = "summary"
		}
		c := string(t.Constraint)
		if c == "" {
			c = "ASAP"
		}
		fmt.Fprintf(&b, "%s uid=%d %q %s %s %s work=%d %s %s deadline=%s prio=%d pct=%d actual=%s..%s manual=%s..%s preds=%v who=%v notes=%q\n",
			outline[id], t.UID, t.Name, t.Kind, cmpOrAuto(t.Mode), dur, t.Work, c, domain.FormatDateTime(t.ConstraintDate),
			domain.FormatDateTime(t.Deadline), t.Priority, t.PercentComplete, domain.FormatDateTime(t.ActualStart), domain.FormatDateTime(t.ActualFinish),
			domain.FormatDateTime(t.Start), domain.FormatDateTime(t.Finish), preds[id], who[id], t.Notes)
	}
	return b.String()
}

func cmpOrAuto(m domain.SchedulingMode) domain.SchedulingMode {
	if m == "" {
		return domain.Auto
	}
	return m
}

func TestWriteEscapesFormulas(t *testing.T) {
	p := &domain.Plan{Project: domain.Project{Key: "F", Name: "F", Start: date("2027-01-04")}}
	p.Tasks = []domain.Task{{ID: 1, UID: 1, Name: "=HYPERLINK(\"http://x\")", Notes: "+1 for this"}}
	var b bytes.Buffer
	if err := csvplan.Write(&b, p, csvplan.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"'=HYPERLINK(""http://x"")"`) || !strings.Contains(b.String(), "'+1 for this") {
		t.Errorf("formulas not escaped:\n%s", b.String())
	}
	f, err := csvplan.Read(&b, "f.csv", csvplan.Options{DefaultStart: date("2027-01-04")})
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Plan.Tasks[0]; got.Name != p.Tasks[0].Name || got.Notes != p.Tasks[0].Notes {
		t.Errorf("read back %q %q", got.Name, got.Notes)
	}
}
