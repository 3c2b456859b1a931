package server_test

import (
	"strconv"
	"testing"
)

// openAPICosts drives the timesheet, expense, budget and earned-value
// operations on the cost project of costPlan (timesheets_test.go).
func openAPICosts(t *testing.T, c *contract, e *authEnv, owner who) {
	t.Helper()
	e.addUser("ann@example.com", false)
	ann := who{bearer: e.token("ann@example.com", false)}
	e.must(201, owner, "POST", "/api/v1/plans", costPlan)
	e.must(201, owner, "POST", "/api/v1/projects/TS/members", `{"email":"ann@example.com","role":"member"}`)
	tasks := e.must(200, owner, "GET", "/api/v1/projects/TS/tasks", "")["tasks"].([]any)
	build, cable := strconv.Itoa(int(num(tasks[0].(map[string]any)["id"]))), strconv.Itoa(int(num(tasks[1].(map[string]any)["id"])))
	const ts = "/api/v1/projects/TS/timesheets"

	r := c.call(201, ann, "POST", ts, `{"task":`+cable+`,"date":"2026-11-09","hours":8,"note":"floor 1"}`)
	id := strconv.Itoa(int(num(r.json(t)["id"])))
	c.call(200, ann, "PATCH", ts+"/"+id, `{"hours":7.5}`, "If-Match", `"1"`)
	c.call(412, ann, "PATCH", ts+"/"+id, `{"hours":7}`, "If-Match", `"1"`)
	c.call(400, ann, "POST", ts, `{"task":`+cable+`,"date":"2026-11-10","hours":25}`)
	c.callBad(400, ann, "POST", ts, `{"task":`+cable+`,"date":"2026-11-10","hourz":2}`)
	r = c.call(201, ann, "POST", ts, `{"task":`+cable+`,"date":"2026-11-10","minutes":60}`)
	c.call(204, ann, "DELETE", ts+"/"+strconv.Itoa(int(num(r.json(t)["id"]))), "")
	c.call(200, ann, "GET", ts+"?week=2026-W46", "")
	c.call(200, ann, "POST", ts+"/submit", `{"week":"2026-W46"}`)
	c.call(403, ann, "POST", ts+"/approve", `{"user":"ann@example.com","week":"2026-W46"}`)
	c.call(200, owner, "POST", ts+"/reject", `{"user":"ann@example.com","week":"2026-W46","comment":"Tuesday was the survey"}`)
	c.call(200, ann, "POST", ts+"/submit", `{"week":"2026-11-11"}`)
	c.call(200, owner, "POST", ts+"/approve", `{"user":"ann@example.com","week":"2026-W46","comment":"Thanks"}`)
	c.call(200, owner, "GET", ts+"?user=all&status=approved", "")

	const x = "/api/v1/projects/TS/expenses"
	r = c.call(201, owner, "POST", x, `{"task":`+cable+`,"date":"2026-11-12","amount":"500.00","description":"Patch leads","supplier":"Acme","reference":"INV-7"}`)
	xp := x + "/" + strconv.Itoa(int(num(r.json(t)["id"])))
	c.call(200, owner, "GET", x, "")
	c.call(200, owner, "GET", xp, "")
	c.call(200, owner, "PATCH", xp, `{"amount":"450.00"}`, "If-Match", `"1"`)
	c.call(403, ann, "GET", x, "")
	r = c.call(201, owner, "POST", x, `{"task":`+cable+`,"date":"2026-11-12","amount":"-20.00","description":"Credit note"}`)
	c.call(204, owner, "DELETE", x+"/"+strconv.Itoa(int(num(r.json(t)["id"]))), "", "If-Match", `"1"`)

	c.call(200, owner, "PUT", "/api/v1/projects/TS/budgets/"+build, `{"budget":"5000.00"}`)
	c.call(200, owner, "PUT", "/api/v1/projects/TS/budgets/"+cable, `{"budget":"3000.00"}`)
	c.call(200, owner, "GET", "/api/v1/projects/TS/budgets", "")
	c.call(204, owner, "DELETE", "/api/v1/projects/TS/budgets/"+cable, "", "If-Match", `"1"`)

	c.call(200, ann, "PATCH", "/api/v1/projects/TS/tasks/"+cable, `{"remaining_work":"16h"}`)
	c.call(200, owner, "GET", "/api/v1/projects/TS/evm?status_date=2026-11-13&method=bottom_up&period=day", "")
	c.call(200, owner, "GET", "/api/v1/projects/TS/evm", "")
	c.call(400, owner, "GET", "/api/v1/projects/TS/evm?status_date=soon", "")
	c.call(403, ann, "GET", "/api/v1/projects/TS/evm", "")
	c.call(200, owner, "GET", "/api/v1/projects/TS/evm/scurve.svg?status_date=2026-11-13", "")
	c.call(200, owner, "GET", "/api/v1/projects/TS/evm/breakdown.svg?status_date=2026-11-13", "")
	c.call(200, owner, "GET", "/api/v1/projects/TS/evm/trend.svg?status_date=2026-11-13&period=day", "")
}
