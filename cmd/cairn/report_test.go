package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store/sqlite"
)

// TestReportCommand imports the demo project, saves its baseline, makes a
// task run late, and drafts the report: the JSON carries the contract's
// fields, the slip shows in the schedule status, and Markdown and HTML
// come out too.
func TestReportCommand(t *testing.T) {
	ctx := app.WithActor(context.Background(), "test")
	db := filepath.Join(t.TempDir(), "cairn.db")
	if code, _, errs := runCLI(t, "", "import", filepath.Join("..", "..", "demo", "office-network.yaml"), "--db", db); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	a := app.New(st, nil)
	if _, err := a.SaveBaseline(ctx, "NET", 0); err != nil {
		t.Fatal(err)
	}
	plan, err := a.Plan(ctx, "NET")
	if err != nil {
		t.Fatal(err)
	}
	// Progress as planned up to the period's end: every task the baseline
	// finished by then is done on its baseline dates.
	_, res, err := a.Schedule(ctx, "NET")
	if err != nil {
		t.Fatal(err)
	}
	periodEnd := time.Date(2027, 1, 29, 0, 0, 0, 0, time.UTC)
	summary := plan.Summaries()
	var late domain.Task
	for _, row := range res.Tasks {
		if row.Summary || summary[row.ID] {
			continue
		}
		if row.Finish.Before(periodEnd.AddDate(0, 0, 1)) {
			start, finish := row.Start, row.Finish
			if _, err := a.UpdateTask(ctx, "NET", row.ID, 0, func(_ domain.Project, tk *domain.Task) error {
				tk.PercentComplete, tk.ActualStart, tk.ActualFinish = 100, start, finish
				return nil
			}); err != nil {
				t.Fatal(err)
			}
		}
	}
	// The first critical task still to start, of a duration in working
	// time, runs two weeks long.
	for _, row := range res.Tasks {
		tk := plan.Tasks[slices.IndexFunc(plan.Tasks, func(x domain.Task) bool { return x.ID == row.ID })]
		if late.ID == 0 && row.Critical && !row.Summary && !row.Milestone && row.Start.After(periodEnd) && !tk.Duration.Elapsed {
			late = tk
		}
	}
	if late.ID == 0 {
		t.Fatal("the demo has no critical task after the period")
	}
	if _, err := a.UpdateTask(ctx, "NET", late.ID, 0, func(_ domain.Project, tk *domain.Task) error {
		tk.Duration.Minutes += 10 * 480 // the supplier needs two more weeks
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	st.Close()

	code, out, errs := runCLI(t, "", "report", "--db", db, "--project", "NET", "--period-end", "2027-01-29", "--format", "json")
	if code != 0 {
		t.Fatalf("report: %d %s", code, errs)
	}
	var r struct {
		RAG map[string]struct {
			Level   string   `json:"level"`
			Reasons []string `json:"reasons"`
		} `json:"rag"`
		Summary                                                  string
		Milestones, Accomplishments, NextSteps, Risks, Decisions []any
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	for _, area := range []string{"overall", "schedule", "cost", "scope", "risk"} {
		s, ok := r.RAG[area]
		if !ok || (s.Level != "green" && s.Level != "amber" && s.Level != "red") || len(s.Reasons) == 0 {
			t.Errorf("rag.%s = %+v", area, s)
		}
	}
	if r.RAG["schedule"].Level != "red" || !strings.Contains(strings.Join(r.RAG["schedule"].Reasons, " "), "later than planned") {
		t.Errorf("schedule %+v; a two-week slip should be red", r.RAG["schedule"])
	}
	if !strings.Contains(r.Summary, "because "+late.Name+" slipped") {
		t.Errorf("summary %q does not name the slipped delivery", r.Summary)
	}
	if cost := strings.Join(r.RAG["cost"].Reasons, " "); !strings.Contains(cost, "the budget of GBP") {
		t.Errorf("cost reasons %q; the baseline's cost is the budget, so cost is measured", cost)
	}
	if len(r.Milestones) == 0 {
		t.Error("no milestones")
	}
	for format, want := range map[string]string{"md": "# Status report: ", "html": "<!doctype html>"} {
		code, out, errs := runCLI(t, "", "report", "--db", db, "--project", "NET", "--period-end", "2027-01-29", "--format", format)
		if code != 0 || !strings.HasPrefix(out, want) {
			t.Errorf("--format %s: exit %d %s\n%.200s", format, code, errs, out)
		}
	}
	if code, _, errs := runCLI(t, "", "report", "--db", db, "--project", "NET", "--period-end", "15/01/2027"); code != 2 || !strings.Contains(errs, "--period-end") {
		t.Errorf("a bad date: exit %d %s", code, errs)
	}
}
