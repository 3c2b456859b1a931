package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// TestBrowserRisks: with estimates and two risks in the demo, the Risks
// page shows the finish in a sentence and both charts (loaded through
// the session, as images), labels its filters, passes the contrast check,
// and filtering by status swaps in the row alone.
func TestBrowserRisks(t *testing.T) {
	e := newEnv(t)
	e.user("sam.patel@harbourside.example", "Sam Patel", "owner", false)
	e.user("priya.nair@harbourside.example", "Priya Nair", "member", false)
	ctx := app.WithActor(context.Background(), "cli")
	_, tasks, err := e.app.Tasks(ctx, "NET", store.Page{})
	if err != nil {
		t.Fatal(err)
	}
	byRef := map[string]domain.Task{}
	for _, k := range tasks {
		byRef[k.Ref] = k
	}
	for ref, est := range map[string]domain.TaskEstimate{
		"survey":    {Distribution: domain.DistTriangular, Optimistic: 4 * 480, MostLikely: 5 * 480, Pessimistic: 8 * 480},
		"hld":       {Distribution: domain.DistPERT, Optimistic: 4 * 480, MostLikely: 5 * 480, Pessimistic: 9 * 480},
		"pilot-run": {Distribution: domain.DistTriangular, Optimistic: 8 * 480, MostLikely: 10 * 480, Pessimistic: 15 * 480},
	} {
		if _, _, err := e.app.SetEstimate(ctx, "NET", byRef[ref].ID, func(_ domain.Project, _ domain.Task, out *domain.TaskEstimate) error {
			*out = est
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range []domain.Risk{
		{Title: "Switches arrive late", Category: "Supply", Owner: "priya.nair@harbourside.example", Cause: "A single supplier",
			Event: "Delivery slips", Current: domain.Assessment{Schedule: domain.Score{Probability: 3, Impact: 4}},
			TaskImpact: domain.RiskTaskImpact{Probability: 25, Tasks: []int64{byRef["staging-lab"].ID}, DelayMin: 960, DelayMax: 4800}},
		{Title: "Key engineer leaves", Category: "People", Owner: "sam.patel@harbourside.example", Status: domain.RiskOccurred,
			Current: domain.Assessment{Quality: domain.Score{Probability: 1, Impact: 3}}, Resolution: "Contractor hired"},
	} {
		if _, _, err := e.app.CreateRisk(ctx, "NET", func(_ domain.Project, out *domain.Risk) error { *out = r; return nil }); err != nil {
			t.Fatal(err)
		}
	}

	priya := e.incognito()
	e.login(priya, "priya.nair@harbourside.example")
	e.open(priya, "/projects/NET/risks")
	e.waitFor(priya, "the page and its three charts (finish, drivers, heat map)", `!!document.querySelector('#risk-rows') &&
		Array.from(document.querySelectorAll('main img')).every(i => i.complete && i.naturalWidth > 0) && document.querySelectorAll('main img').length === 3`)
	if s := eval[string](e, priya, `document.querySelector('#sim-h').parentElement.textContent`); !strings.Contains(s, "There is an 80% chance of finishing by") {
		t.Errorf("no sentence about the finish: %q", s)
	}
	e.checkLabels(priya, "risks")
	e.checkContrast(priya, "risks")
	e.screenshot(priya, "risks")
	e.open(priya, "/projects/NET/risks?status=occurred")
	e.waitFor(priya, "the issue alone", `document.querySelectorAll('#risk-rows tbody tr').length === 1 && document.querySelector('#risk-rows tbody').textContent.includes('Key engineer leaves')`)
}
