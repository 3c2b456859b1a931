package riskfile

import (
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/planfile"
	"github.com/cairnpm/cairn/risk"
)

func demoPlan(t testing.TB) *domain.Plan {
	t.Helper()
	p, err := planfile.ParseFile("../demo/office-network.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func ids(p *domain.Plan) map[string]int64 {
	m := map[string]int64{}
	for _, t := range p.Tasks {
		m[t.Ref] = t.ID
	}
	return m
}

func TestParseDemoRisks(t *testing.T) {
	p := demoPlan(t)
	r, err := ParseFile("testdata/office-network.risks.yaml", p)
	if err != nil {
		t.Fatal(err)
	}
	id := ids(p)
	day := int64(480)
	want := map[string]risk.Estimate{
		"survey":    {Dist: risk.Triangular, Optimistic: 4 * day, MostLikely: 5 * day, Pessimistic: 8 * day},
		"hld":       {Dist: risk.PERT, Optimistic: 4 * day, MostLikely: 5 * day, Pessimistic: 9 * day},
		"lead-time": {Dist: risk.Lognormal, P10: 21 * 1440, P90: 42 * 1440},
		// A uniform's most likely value is unused; the parser puts it mid-range.
		"core-config": {Dist: risk.Uniform, Optimistic: 3 * day, MostLikely: 4*day + 240, Pessimistic: 6 * day},
	}
	for ref, e := range want {
		if got := r.Estimates[id[ref]]; got != e {
			t.Errorf("%s: %+v, want %+v", ref, got, e)
		}
	}
	if len(r.Estimates) != 8 {
		t.Errorf("%d estimates", len(r.Estimates))
	}
	if len(r.Groups) != 1 || r.Groups[0].Correlation != 0.6 || len(r.Groups[0].Tasks) != 2 {
		t.Errorf("groups %+v", r.Groups)
	}
	if len(r.Events) != 2 {
		t.Fatalf("events %+v", r.Events)
	}
	e := r.Events[0]
	if e.ID != "R1" || e.Probability != 0.25 || e.DelayMin != 2*day || e.DelayMax != 10*day || e.CostMin != 0 || e.CostMax != 150000 || len(e.Tasks) != 1 || e.Tasks[0] != id["staging-lab"] {
		t.Errorf("R1 %+v", e)
	}
	if e := r.Events[1]; e.Probability != 0.1 || e.CostMin != 200000 || len(e.Tasks) != 2 {
		t.Errorf("R2 %+v", e)
	}
}

func TestParseErrors(t *testing.T) {
	p := demoPlan(t)
	for _, c := range []struct {
		name, file, code, line string
	}{
		{"unknown task", "tasks:\n  survy: 1d 2d 3d\n", "unknown_task", ":2:"},
		{"summary", "tasks:\n  design: 1d 2d 3d\n", "summary_task", ":2:"},
		{"milestone", "tasks:\n  design-approved: 1d 2d 3d\n", "milestone", ":2:"},
		{"two values", "tasks:\n  survey: 1d 3d\n", "invalid_estimate", ":2:"},
		{"bad duration", "tasks:\n  survey: 1d 2x 3d\n", "invalid_duration", ":2:"},
		{"out of order", "tasks:\n  survey: 3d 2d 1d\n", "invalid_estimate", ":2:"},
		{"elapsed on a working task", "tasks:\n  survey: 1ed 2ed 3ed\n", "invalid_estimate", ":2:"},
		{"working on an elapsed task", "tasks:\n  lead-time: 1d 2d 3d\n", "invalid_estimate", ":2:"},
		{"unknown dist", "tasks:\n  survey: {estimate: 1d 2d 3d, dist: normal}\n", "invalid_distribution", ":2:"},
		{"lognormal without p90", "tasks:\n  survey: {dist: lognormal, p10: 2d}\n", "invalid_estimate", ":2:"},
		{"twice, by id and by uid", "tasks:\n  survey: 1d 2d 3d\n  '7': 1d 2d 3d\n", "duplicate_task", ":3:"},
		{"unknown section", "task:\n  survey: 1d 2d 3d\n", "unknown_key", ":1:"},
		{"probability", "events:\n  - {probability: 120%, tasks: survey, delay: 1d}\n", "invalid_probability", ":2:"},
		{"no tasks", "events:\n  - {probability: 0.5, delay: 1d}\n", "required", ":2:"},
		{"bad money", "events:\n  - {probability: 0.5, tasks: survey, cost: 12.345}\n", "invalid_money", ":2:"},
		{"delay range reversed", "events:\n  - {probability: 0.5, tasks: survey, delay: 5d 1d}\n", "invalid_delay", ":2:"},
		{"unknown key", "events:\n  - {probability: 0.5, tasks: survey, impact: 1d}\n", "unknown_key", ":2:"},
		{"correlation", "groups:\n  - {correlation: 2, tasks: [survey, audit]}\n", "invalid_correlation", ":2:"},
		{"syntax", "tasks:\n  survey: [1d\n", "yaml_syntax", ":"},
		{"alias", "tasks:\n  survey: &a 1d 2d 3d\n  audit: *a\n", "yaml_alias", ":3:"},
		{"not a mapping", "- survey\n", "invalid_file", ":1:"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("risks.yaml", []byte(c.file), p)
			var de *domain.Error
			if !errors.As(err, &de) || de.Code != c.code || !strings.HasPrefix(de.Detail, "risks.yaml"+c.line) {
				t.Errorf("got %v (code %v), want code %s at %s", err, codeOf(err), c.code, c.line)
			}
		})
	}
}

func codeOf(err error) string {
	var de *domain.Error
	if errors.As(err, &de) {
		return de.Code
	}
	return ""
}

// TestTasksByUID: plans from MS Project have no ids; their tasks are named
// by uid.
func TestTasksByUID(t *testing.T) {
	p := demoPlan(t)
	for i := range p.Tasks {
		p.Tasks[i].Ref = ""
	}
	var survey domain.Task
	for _, task := range p.Tasks {
		if task.Name == "Site survey, all floors" {
			survey = task
		}
	}
	r, err := Parse("risks.yaml", []byte("tasks:\n  "+strconv.FormatInt(survey.UID, 10)+": 1d 2d 3d\n"), p)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := r.Estimates[survey.ID]; !ok {
		t.Errorf("estimates %+v", r.Estimates)
	}
}

// FuzzParse: any input gives a result or a *domain.Error naming a line,
// never a panic, and what it accepts, the engine accepts.
func FuzzParse(f *testing.F) {
	p := demoPlan(f)
	seed, err := os.ReadFile("testdata/office-network.risks.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte("tasks:\n  survey: {estimate: 1d 2d 3d, dist: pert}\n"))
	f.Add([]byte("events:\n  - {probability: 50%, tasks: [survey, audit], delay: 1d 2d, cost: 1 2}\n"))
	f.Add([]byte("groups:\n  - {correlation: 0.5, tasks: [survey, audit]}\n"))
	f.Add([]byte("tasks:\n  lead-time: {dist: lognormal, p10: 1ed, p90: 9ed}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Parse("f.yaml", data, p)
		if err != nil {
			var de *domain.Error
			if !errors.As(err, &de) || !strings.HasPrefix(de.Detail, "f.yaml:") {
				t.Fatalf("error %v is not a located domain error", err)
			}
			return
		}
		for id, e := range r.Estimates {
			if err := e.Validate(); err != nil {
				t.Fatalf("task %d: accepted an invalid estimate %+v: %v", id, e, err)
			}
		}
		for _, ev := range r.Events {
			if ev.Probability < 0 || ev.Probability > 1 || ev.DelayMin > ev.DelayMax || ev.CostMin > ev.CostMax || len(ev.Tasks) == 0 {
				t.Fatalf("accepted an invalid event %+v", ev)
			}
		}
	})
}
