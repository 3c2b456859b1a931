package e2e

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/domain"
)

// TestBrowserTimesheet: a member fills two days of a week in the
// timesheet grid and submits it; the owner approves it on the same page;
// the Budget page then shows the hours as actual cost, with the S-curve.
func TestBrowserTimesheet(t *testing.T) {
	e := newEnv(t)
	e.user("sam.patel@harbourside.example", "Sam Patel", "owner", false)
	e.user("priya.nair@harbourside.example", "Priya Nair", "member", false)
	ctx := context.Background()
	week := time.Date(2026, 11, 9, 0, 0, 0, 0, time.UTC) // past weeks only: time is not logged ahead

	priya := e.incognito()
	e.login(priya, "priya.nair@harbourside.example")
	e.open(priya, "/projects/NET/timesheet?week=2026-W46")
	e.waitFor(priya, "the grid", `!!document.querySelector('#timesheet table.timesheet')`)
	e.checkLabels(priya, "timesheet")
	e.checkContrast(priya, "timesheet")
	e.do(priya, "add a task row", chromedp.Evaluate[chromedp.Void](`(() => { const s = document.getElementById('ts-add');
		s.value = s.options[1].value; s.dispatchEvent(new Event('change', {bubbles: true})); })()`))
	e.waitFor(priya, "the new row", `document.querySelectorAll('#ts-rows tr').length === 1`)
	for _, c := range []struct{ day, hours string }{{"2026-11-09", "8"}, {"2026-11-10", "7.5"}} {
		cell := `#ts-rows input[data-date="` + c.day + `"]`
		e.fill(priya, cell, c.hours)
		e.do(priya, "leave the cell", chromedp.Evaluate[chromedp.Void](`document.querySelector('`+cell+`').dispatchEvent(new Event('change', {bubbles: true}))`))
		e.waitFor(priya, "the cell saved", `!!document.querySelector('`+cell+`').dataset.id`)
	}
	if got := eval[string](e, priya, `document.querySelector('tfoot td.num').textContent`); got != "8" {
		t.Errorf("Monday's total shows %q, want 8", got)
	}
	e.do(priya, "submit the week", chromedp.Click("#ts-submit"))
	e.waitFor(priya, "the week submitted", `document.readyState === 'complete' && document.querySelectorAll('#ts-rows input[disabled][title="submitted"]').length === 2`)
	es, err := e.app.TimeEntries(ctx, "NET", app.TimeQuery{User: "priya.nair@harbourside.example", Week: week})
	if err != nil || len(es) != 2 || es[0].Status != domain.TimeSubmitted || es[1].Minutes != 450 {
		t.Fatalf("stored entries: %+v, %v", es, err)
	}

	sam := e.incognito()
	e.login(sam, "sam.patel@harbourside.example")
	e.open(sam, "/projects/NET/timesheet?week=2026-W46")
	e.waitFor(sam, "the week waiting", `!!document.querySelector('.ts-review[data-user="priya.nair@harbourside.example"]')`)
	e.fill(sam, ".ts-review .ts-comment", "Thanks")
	e.do(sam, "approve", chromedp.Click(".ts-review .ts-approve"))
	e.waitFor(sam, "nothing waiting", `document.readyState === 'complete' && !document.querySelector('.ts-review')`)

	e.open(sam, "/projects/NET/budget?status_date=2026-11-13")
	e.waitFor(sam, "the measures and the S-curve", `!!document.querySelector('#ev-h') && document.querySelector('img.chart').complete && document.querySelector('img.chart').naturalWidth > 0`)
	e.checkLabels(sam, "budget")
	e.checkContrast(sam, "budget")
	e.screenshot(sam, "budget")
	ev, err := e.app.EarnedValue(ctx, "NET", app.EVMQuery{StatusDate: time.Date(2026, 11, 13, 0, 0, 0, 0, time.UTC), WholeDay: true})
	if err != nil {
		t.Fatal(err)
	}
	if ev.Result.Project.AC != 147250 { // 15.5 h at £95
		t.Errorf("AC %d, want 147250", ev.Result.Project.AC)
	}
	if !eval[bool](e, sam, `document.querySelector('#ev-h').parentElement.textContent.includes('1,472.50')`) {
		t.Error("the Budget page does not show AC 1,472.50")
	}
}
