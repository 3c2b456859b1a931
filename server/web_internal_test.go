package server

import (
	"testing"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/schedule"
)

// healthPlan is a chain A (3d) → M (milestone) → B (2d) starting Monday 4
// January 2027, with baseline 0 taken when B was a day shorter.
func healthPlan(t *testing.T, edit func(p *domain.Plan)) (*domain.Plan, *schedule.Result) {
	t.Helper()
	day := int64(480)
	p := &domain.Plan{Project: domain.Project{Key: "NET", Name: "Net", Start: time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)}}
	p.Tasks = []domain.Task{
		{ID: 1, UID: 1, Name: "A", Duration: domain.Duration{Minutes: 3 * day}, Position: 1},
		{ID: 2, UID: 2, Name: "M", Kind: domain.KindMilestone, Position: 2},
		{ID: 3, UID: 3, Name: "B", Duration: domain.Duration{Minutes: 2 * day}, Position: 3},
	}
	p.Dependencies = []domain.Dependency{{ID: 1, Predecessor: 1, Successor: 2, Type: domain.FS}, {ID: 2, Predecessor: 2, Successor: 3, Type: domain.FS}}
	for i := range p.Tasks {
		p.Tasks[i].Normalize()
	}
	p.Project.Normalize()
	if edit != nil {
		edit(p)
	}
	r, err := schedule.Compute(p, schedule.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p, r
}

func baseline(finishes map[int64]string) []domain.Baseline {
	var out []domain.Baseline
	for id, f := range finishes {
		at, _ := time.Parse("2006-01-02 15:04", f)
		out = append(out, domain.Baseline{Number: 0, Task: id, Start: at, Finish: at})
	}
	return out
}

// TestHealthRating checks the traffic light and its sentence, case by
// case: a sponsor reads this first.
func TestHealthRating(t *testing.T) {
	now := time.Date(2027, 1, 4, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name    string
		edit    func(p *domain.Plan)
		rating  string
		slipped int
	}{
		{"no baseline", nil, "green", 0},
		{"on baseline", func(p *domain.Plan) {
			p.Baselines = baseline(map[int64]string{2: "2027-01-06 17:00", 3: "2027-01-08 17:00"})
		}, "green", 0},
		{"finish late", func(p *domain.Plan) {
			p.Baselines = baseline(map[int64]string{2: "2027-01-06 17:00", 3: "2027-01-07 17:00"})
		}, "red", 0},
		{"milestone late, finish holds", func(p *domain.Plan) {
			p.Baselines = baseline(map[int64]string{2: "2027-01-05 17:00", 3: "2027-01-08 17:00"})
		}, "amber", 1},
		{"a deadline missed", func(p *domain.Plan) {
			p.Tasks[2].Deadline = time.Date(2027, 1, 7, 17, 0, 0, 0, time.UTC)
		}, "red", 0},
		{"no tasks", func(p *domain.Plan) { p.Tasks, p.Dependencies = nil, nil }, "grey", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, r := healthPlan(t, tc.edit)
			h := healthOf(p, r, now)
			if h.Rating != tc.rating || h.Slipped != tc.slipped {
				t.Fatalf("rating %s with %d slipped (%s), want %s with %d", h.Rating, h.Slipped, h.Summary, tc.rating, tc.slipped)
			}
			if h.Summary == "" {
				t.Error("no sentence")
			}
		})
	}
}

// TestBoardLanesAndLimits sorts tasks into lanes by first assignee and
// columns by status, and flags a column past its WIP limit.
func TestBoardLanesAndLimits(t *testing.T) {
	p, r := healthPlan(t, func(p *domain.Plan) {
		p.Resources = []domain.Resource{{ID: 1, Name: "Ann"}, {ID: 2, Name: "Bo"}}
		p.Assignments = []domain.Assignment{{ID: 1, Task: 1, Resource: 2}, {ID: 2, Task: 1, Resource: 1}}
		p.Tasks[0].PercentComplete = 50 // in progress, derived
		p.Tasks[2].Status = domain.StatusInProgress
		p.Project.WIPLimits = domain.WIPLimits{domain.StatusInProgress: 1}
	})
	lanes, heads := boardOf(&projectView{Plan: p, Res: r, Project: p.Project})
	if len(lanes) != 2 || lanes[0].Name != "Bo" || lanes[1].Name != "Unassigned" {
		t.Fatalf("lanes %+v", lanes)
	}
	if c := lanes[0].Columns[1].Cards; len(c) != 1 || c[0].Name != "A" || c[0].Others != "Ann" {
		t.Errorf("Bo's in-progress cards %+v", c)
	}
	if h := heads[1]; h.Status != domain.StatusInProgress || h.Count != 2 || !h.Over {
		t.Errorf("in-progress head %+v, want 2 tasks over a limit of 1", h)
	}
	for _, l := range lanes {
		for _, c := range l.Columns {
			for _, card := range c.Cards {
				if card.Name == "M" {
					t.Error("a milestone is on the board")
				}
			}
		}
	}
}

// TestPredecessorText writes links as a scheduler does: "1" for a plain
// finish-to-start link, type and lag otherwise.
func TestPredecessorText(t *testing.T) {
	p, r := healthPlan(t, func(p *domain.Plan) {
		p.Dependencies[1].Type = domain.SS
		p.Dependencies[1].Lag = domain.Lag{Minutes: 2 * 480}
		p.Dependencies = append(p.Dependencies, domain.Dependency{ID: 3, Predecessor: 1, Successor: 3, Type: domain.FS, Lag: domain.Lag{Minutes: -480}})
	})
	rows := planRows(p, r.Tasks, p.Project.Units.OrDefault())
	want := map[string]string{"A": "", "M": "1", "B": "1FS-1d, 2SS+2d"}
	for _, row := range rows {
		if row.Preds != want[row.Name] {
			t.Errorf("%s: predecessors %q, want %q", row.Name, row.Preds, want[row.Name])
		}
	}
}
