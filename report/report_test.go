package report_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/report"
	"github.com/cairnpm/cairn/schedule"
)

var update = flag.Bool("update", false, "rewrite golden files")

func day(m time.Month, d int) time.Time { return time.Date(2027, m, d, 0, 0, 0, 0, time.UTC) }

// cutover is a small network upgrade: order the switches, wait for
// delivery, rack and cable them, then cut over (a milestone with a
// deadline). Its baseline is the plan as first scheduled.
func cutover(t *testing.T) *domain.Plan {
	t.Helper()
	p := &domain.Plan{Project: domain.Project{Key: "NET", Name: "Office network upgrade", Start: day(3, 1), Currency: "GBP"}}
	add := func(id int64, name, dur string, kind domain.TaskKind) {
		d, err := domain.ParseDuration(dur, domain.DefaultUnits)
		if err != nil {
			t.Fatal(err)
		}
		p.Tasks = append(p.Tasks, domain.Task{ID: id, UID: id, Name: name, Duration: d, Kind: kind, Position: id})
	}
	add(1, "Order switches", "5d", domain.KindTask)
	add(2, "Switch delivery", "10d", domain.KindTask)
	add(3, "Rack and cable", "5d", domain.KindTask)
	add(4, "Cut-over", "0d", domain.KindMilestone)
	add(5, "Update the network diagrams", "3d", domain.KindTask)
	for _, l := range [][2]int64{{1, 2}, {2, 3}, {3, 4}, {1, 5}} {
		p.Dependencies = append(p.Dependencies, domain.Dependency{Predecessor: l[0], Successor: l[1], Type: domain.FS})
	}
	p.Tasks[3].Deadline = day(4, 30)
	res, err := schedule.Compute(p, schedule.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p.Baselines = res.Baseline(p, 0)
	return p
}

// draft schedules p at the status date and drafts the week's report.
func draft(t *testing.T, p *domain.Plan, status time.Time, in report.Input) *report.Report {
	t.Helper()
	res, err := schedule.Compute(p, schedule.Options{StatusDate: status})
	if err != nil {
		t.Fatal(err)
	}
	in.Plan, in.Result, in.PeriodEnd = p, res, status
	r, err := report.Draft(in)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// onTrack: by Friday 12 March the switches were ordered on time and
// delivery is four days into its ten, as planned.
func onTrack(t *testing.T) *domain.Plan {
	p := cutover(t)
	p.Tasks[0].PercentComplete, p.Tasks[0].ActualStart, p.Tasks[0].ActualFinish = 100, day(3, 1).Add(8*time.Hour), day(3, 5).Add(17*time.Hour)
	p.Tasks[1].PercentComplete, p.Tasks[1].ActualStart = 40, day(3, 8).Add(8*time.Hour)
	return p
}

// longer is onTrack with delivery taking extra days, done as far as planned
// so far.
func longer(days int64) func(*testing.T) *domain.Plan {
	return func(t *testing.T) *domain.Plan {
		p := onTrack(t)
		p.Tasks[1].Duration.Minutes = (10 + days) * 480
		p.Tasks[1].PercentComplete = int(400 / (10 + days))
		return p
	}
}

// slipped: the order went out on time, but delivery takes four weeks
// instead of two, and it is only 10% done.
func slipped(t *testing.T) *domain.Plan {
	p := onTrack(t)
	p.Tasks[1].Duration.Minutes = 20 * 480
	p.Tasks[1].PercentComplete = 10
	return p
}

func TestGoldenReport(t *testing.T) {
	p := slipped(t)
	r := draft(t, p, day(3, 12), report.Input{
		Cost:      &report.Cost{BAC: 2_500_000, AC: 900_000, EAC: 2_700_000, VAC: -200_000, CPI: 0.93, SPI: 0.9, SPIt: 0.86},
		Risks:     []report.Risk{{Title: "Supplier cannot ship before April", Owner: "Sam Patel", Score: 16, MaxScore: 25, Response: "mitigate: second supplier quoted"}, {Title: "Weekend access to the comms room", Score: 6, MaxScore: 25}},
		Forecast:  &report.Forecast{Deadline: day(4, 30), Probability: 0.7},
		Decisions: []string{"Approve the second supplier's quote (GBP 4,200) by 19 March?"},
	})
	for _, f := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"slipped.json", func(b *bytes.Buffer) error { return r.WriteJSON(b) }},
		{"slipped.md", func(b *bytes.Buffer) error { return r.WriteMarkdown(b) }},
		{"slipped.html", func(b *bytes.Buffer) error { return r.WriteHTML(b) }},
	} {
		var b bytes.Buffer
		if err := f.write(&b); err != nil {
			t.Fatal(err)
		}
		golden(t, f.name, b.Bytes())
	}
	want := "Cut-over is forecast for 13 April, two weeks later than planned, because Switch delivery slipped."
	if !strings.HasPrefix(r.Summary, want) {
		t.Errorf("summary %q\nwant it to start %q", r.Summary, want)
	}
	if !strings.Contains(r.Summary, "There is a 70% chance of finishing by the 30 April deadline.") {
		t.Errorf("summary lacks the deadline's chance: %q", r.Summary)
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run with -update to accept):\n%s", name, got)
	}
}

// TestRAGRules checks each rule on its own: the level, and that the reason
// says why in plain words.
func TestRAGRules(t *testing.T) {
	status := day(3, 12)
	tests := []struct {
		name   string
		plan   func(*testing.T) *domain.Plan
		in     report.Input
		area   func(report.RAG) report.Status
		level  report.Level
		reason string
	}{
		{"on plan", onTrack, report.Input{}, func(r report.RAG) report.Status { return r.Schedule },
			report.Green, "on plan"},
		{"no baseline", func(t *testing.T) *domain.Plan { p := cutover(t); p.Baselines = nil; return p }, report.Input{},
			func(r report.RAG) report.Status { return r.Schedule }, report.Green, "No baseline is saved"},
		{"a small slip is amber", longer(3), report.Input{}, func(r report.RAG) report.Status { return r.Schedule },
			report.Amber, "three days later than planned"},
		{"two weeks late is red", slipped, report.Input{}, func(r report.RAG) report.Status { return r.Schedule },
			report.Red, "two weeks later than planned"},
		{"a missed deadline is red", func(t *testing.T) *domain.Plan { p := cutover(t); p.Tasks[3].Deadline = day(3, 20); return p },
			report.Input{}, func(r report.RAG) report.Status { return r.Schedule }, report.Red, "after its 20 March deadline"},
		{"behind on SPI(t)", cutover, report.Input{Cost: &report.Cost{BAC: 100, EAC: 100, CPI: 1, SPI: 0.97, SPIt: 0.9}},
			func(r report.RAG) report.Status { return r.Schedule }, report.Amber, "SPI(t) 0.90"},
		{"no budget", cutover, report.Input{}, func(r report.RAG) report.Status { return r.Cost }, report.Green, "No budget is set"},
		{"overrun 12% is red", cutover, report.Input{Cost: &report.Cost{BAC: 100_00, EAC: 112_00, CPI: 0.9, SPI: 1}},
			func(r report.RAG) report.Status { return r.Cost }, report.Red, "12% over the budget"},
		{"CPI 0.93 is amber", cutover, report.Input{Cost: &report.Cost{BAC: 100_00, EAC: 100_00, CPI: 0.93, SPI: 1}},
			func(r report.RAG) report.Status { return r.Cost }, report.Amber, "Each GBP 1.00 spent has earned GBP 0.93 of planned work (CPI 0.93)"},
		{"added work", func(t *testing.T) *domain.Plan {
			p := cutover(t)
			p.Tasks = append(p.Tasks, domain.Task{ID: 6, UID: 6, Name: "Extra floor", Duration: domain.Duration{Minutes: 480}, Position: 6})
			return p
		}, report.Input{}, func(r report.RAG) report.Status { return r.Scope }, report.Amber, "One task was added since the baseline (20% more)"},
		{"a high risk is red", cutover, report.Input{Risks: []report.Risk{{Title: "Outage", Score: 20, MaxScore: 25}}},
			func(r report.RAG) report.Status { return r.Risk }, report.Red, `Risk "Outage" scores 20 of 25`},
		{"a poor chance is red", cutover, report.Input{Forecast: &report.Forecast{Deadline: day(4, 30), Probability: 0.4}},
			func(r report.RAG) report.Status { return r.Risk }, report.Red, "40% chance"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := draft(t, tt.plan(t), status, tt.in)
			s := tt.area(r.RAG)
			if s.Level != tt.level || !strings.Contains(strings.Join(s.Reasons, " "), tt.reason) {
				t.Errorf("%s %q; want %s with %q", s.Level, s.Reasons, tt.level, tt.reason)
			}
			if r.RAG.Overall.Level == report.Green && s.Level != report.Green {
				t.Error("the overall status is better than an area's")
			}
		})
	}
}

func TestThresholds(t *testing.T) {
	th := report.DefaultThresholds()
	th.SlipAmberDays, th.SlipRedDays = 20, 30 // a project that tolerates more slip
	r := draft(t, slipped(t), day(3, 12), report.Input{Thresholds: th})
	if r.RAG.Schedule.Level != report.Green {
		t.Errorf("with slip thresholds of 20/30 days, a two-week slip is %s", r.RAG.Schedule.Level)
	}
	th.SlipRedDays = 5
	if _, err := report.Draft(report.Input{Plan: slipped(t), Result: &schedule.Result{}, PeriodEnd: day(3, 12), Thresholds: th}); err == nil {
		t.Error("amber above red was accepted")
	}
}

func TestHTMLExplainsTerms(t *testing.T) {
	r := draft(t, slipped(t), day(3, 12), report.Input{Cost: &report.Cost{BAC: 100, EAC: 100, CPI: 1, SPI: 0.8}})
	var b bytes.Buffer
	if err := r.WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<a class="term" href="#g-spi">SPI</a>`, `id="g-spi"`, `<span class="rag red">RED</span>`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	r.Name = `<script>alert(1)</script>`
	b.Reset()
	if err := r.WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "<script>alert") {
		t.Error("a project name was not escaped")
	}
}

func TestOverridesAndDiff(t *testing.T) {
	prev := draft(t, onTrack(t), day(3, 5), report.Input{})
	cur := draft(t, slipped(t), day(3, 12), report.Input{})
	if cur.RAG.Schedule.Level != report.Red {
		t.Fatalf("schedule %s, want red before the override", cur.RAG.Schedule.Level)
	}
	if err := cur.Apply([]report.Override{{Area: "schedule", Level: report.Amber, Justification: "The second supplier can ship on 22 March."}}); err != nil {
		t.Fatal(err)
	}
	s := cur.RAG.Schedule
	if s.Level != report.Amber || s.Computed != report.Red || s.Justification == "" {
		t.Errorf("schedule after override %+v", s)
	}
	if o := cur.RAG.Overall; o.Level != report.Amber || o.Computed != report.Red {
		t.Errorf("overall %+v; it follows the areas as set, showing what was computed", o)
	}
	var md bytes.Buffer
	if err := cur.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "| Schedule | amber (computed red; The second supplier can ship on 22 March.) |") {
		t.Errorf("the Markdown does not show both levels:\n%s", md.String())
	}
	for _, bad := range []report.Override{{Area: "morale", Level: report.Red, Justification: "x"}, {Area: "cost", Level: "blue", Justification: "x"}, {Area: "cost", Level: report.Green}} {
		if err := cur.Apply([]report.Override{bad}); err == nil {
			t.Errorf("override %+v was accepted", bad)
		}
	}
	changes := report.Diff(prev, cur)
	found := map[string]bool{}
	for _, c := range changes {
		found[c.What] = true
	}
	for _, want := range []string{"schedule status", "milestone Cut-over forecast", "summary"} {
		if !found[want] {
			t.Errorf("diff %+v lacks %q", changes, want)
		}
	}
}
