package server_test

import (
	"strings"
	"testing"

	"github.com/cairnpm/cairn/server"
)

// TestBudgetAndTimesheetPages: the Budget page shows the measures with
// their readings and the S-curve to managers; the timesheet grid shows a
// member's week and, to managers, the weeks waiting for approval; viewers
// get neither.
func TestBudgetAndTimesheetPages(t *testing.T) {
	c := newCostEnv(t, newAuthEnv(t, backends[0].open(t), server.Options{}))
	const ts = "/api/v1/projects/TS/timesheets"
	c.must(201, c.ann, "POST", ts, `{"task":`+c.cable+`,"date":"2026-11-09","hours":7.5}`)
	c.must(200, c.ann, "POST", ts+"/submit", `{"week":"2026-W46"}`)
	c.must(201, c.manager, "POST", "/api/v1/projects/TS/expenses", `{"task":`+c.kit+`,"date":"2026-11-10","amount":"500.00","description":"Patch leads"}`)

	page := func(as who, path string, status int, want ...string) {
		t.Helper()
		as.html = true
		r := c.do(as, "GET", path, "")
		if r.status != status {
			t.Fatalf("%s: %d, want %d\n%.500s", path, r.status, status, r.body)
		}
		for _, s := range want {
			if !strings.Contains(string(r.body), s) {
				t.Errorf("%s lacks %q", path, s)
			}
		}
	}
	page(c.manager, "/projects/TS/budget?status_date=2026-11-13", 200, "Earned value", "evm/scurve.svg?", "Schedule performance, EV ÷ PV",
		"Patch leads", "Project budget", ">Budget</a>")
	page(c.ann, "/projects/TS/timesheet?week=2026-W46", 200, `data-date="2026-11-09" value="7.5"`, "This week: 1 submitted.", ">Timesheet</a>")
	c.must(201, c.carl, "POST", ts, `{"task":`+c.kit+`,"date":"2026-11-10","hours":2}`)
	c.must(200, c.carl, "POST", ts+"/submit", `{"week":"2026-W46"}`)
	c.must(200, c.manager, "POST", ts+"/reject", `{"user":"carl@example.com","week":"2026-W46","comment":"wrong task"}`)
	page(c.carl, "/projects/TS/timesheet?week=2026-W46", 200, "rejected: wrong task", "This week: 1 rejected.")
	page(c.manager, "/projects/TS/timesheet?week=2026-W46", 200, "Waiting for your approval", "ann@example.com")
	page(c.viewer, "/projects/TS/budget", 403)
	page(c.viewer, "/projects/TS/timesheet", 403)
	page(c.ann, "/projects/TS/budget", 403)
}
