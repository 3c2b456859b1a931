package e2e

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp/kb"

	"github.com/cairnpm/cairn/domain"
)

// bigPlan is a plan of n tasks in phases of 50, each task after the one
// before it in its phase, the phases one after another.
func bigPlan(n int) *domain.Plan {
	p := &domain.Plan{Project: domain.Project{Key: "BIG", Name: "Big rollout", Start: time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)}}
	var phase, prev int64
	for i := 1; i <= n; i++ {
		id := int64(i)
		t := domain.Task{ID: id, UID: id, Name: fmt.Sprintf("Install site %d", i), Position: id, Priority: 500}
		if (i-1)%50 == 0 {
			phase, t.Name = id, fmt.Sprintf("Wave %d", i/50+1)
			p.Tasks = append(p.Tasks, t)
			continue
		}
		t.Parent, t.Duration = phase, domain.Duration{Minutes: int64(1+i%3) * 480}
		p.Tasks = append(p.Tasks, t)
		if prev != 0 {
			p.Dependencies = append(p.Dependencies, domain.Dependency{ID: id, Predecessor: prev, Successor: id, Type: domain.FS})
		}
		prev = id
	}
	p.Project.Normalize()
	return p
}

// TestBrowserBigPlan opens a 10,000-task plan: the browser gets one page
// of rows, opens it in seconds, and an edit comes back rescheduled.
func TestBrowserBigPlan(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 10,000 tasks")
	}
	e := newEnv(t)
	if _, err := e.app.ImportPlan(context.Background(), bigPlan(10_000)); err != nil {
		t.Fatal(err)
	}
	ctx := e.tab() // no accounts: the server is open
	start := time.Now()
	e.open(ctx, "/projects/BIG/plan")
	e.waitFor(ctx, "the plan's script", `!!window.cairnPlan && !!document.querySelector('#plan-body svg')`)
	opened := time.Since(start)
	if n := eval[int](e, ctx, `document.querySelectorAll('#plan-table tbody tr').length`); n != 250 {
		t.Errorf("the page holds %d rows, want 250", n)
	}
	start = time.Now()
	e.fill(ctx, cell(2, "duration"), "5d")
	e.press(ctx, kb.Enter)
	e.waitFor(ctx, "the edit rescheduled", fmt.Sprintf(`document.querySelector(%q).defaultValue === '5d'`, cell(2, "duration")))
	edited := time.Since(start)
	t.Logf("10,000 tasks: page open in %v, an edit saved and the page updated in %v", opened.Round(time.Millisecond), edited.Round(time.Millisecond))
	if !raceEnabled && (opened > 10*time.Second || edited > 10*time.Second) {
		t.Errorf("too slow to use: open %v, edit %v", opened, edited)
	}
}
