package server_test

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/cairnpm/cairn/server"
)

// costPlan is a project for timesheet tests, in weeks that are over: Ann
// costs £80 an hour until Wednesday 11 November 2026, then £100.
const costPlan = `
project:
  key: TS
  name: Timesheets
  start: 2026-11-02
  time_zone: Europe/London
  currency: GBP
  budget: 20000.00
resources:
  - id: ann
    name: Ann
    email: ann@example.com
    rate: 80.00/h
    rates:
      - {from: 2026-11-11, rate: 100.00/h}
tasks:
  - id: build
    name: Build
    tasks:
      - id: cable
        name: Cable
        duration: 10d
        assign: ann
      - id: kit
        name: Kit
        duration: 5d
        after: cable
`

// costEnv is a server with the cost project TS: an owner, a manager,
// members Ann and Carl and a viewer, each with an API token.
type costEnv struct {
	*authEnv
	owner, manager, ann, carl, viewer who
	build, cable, kit                 string // task ids
}

func newCostEnv(t *testing.T, e *authEnv) *costEnv {
	t.Helper()
	c := &costEnv{authEnv: e}
	as := func(email string) who {
		e.addUser(email, false)
		return who{bearer: e.token(email, false)}
	}
	c.owner, c.manager, c.ann, c.carl, c.viewer = as("owner@example.com"), as("manager@example.com"), as("ann@example.com"),
		as("carl@example.com"), as("viewer@example.com")
	e.must(201, c.owner, "POST", "/api/v1/plans", costPlan)
	for email, role := range map[string]string{"manager": "manager", "ann": "member", "carl": "member", "viewer": "viewer"} {
		e.must(201, c.owner, "POST", "/api/v1/projects/TS/members", `{"email":"`+email+`@example.com","role":"`+role+`"}`)
	}
	tasks := e.must(200, c.owner, "GET", "/api/v1/projects/TS/tasks", "")["tasks"].([]any)
	ids := map[string]string{}
	for _, x := range tasks {
		m := x.(map[string]any)
		ids[m["name"].(string)] = strconv.Itoa(int(num(m["id"])))
	}
	c.build, c.cable, c.kit = ids["Build"], ids["Cable"], ids["Kit"]
	return c
}

// problemOf checks a problem document's status, code and field.
func (c *costEnv) problem(status int, as who, method, path, body, code, field string, headers ...string) map[string]any {
	c.t.Helper()
	p := c.must(status, as, method, path, body, headers...)
	if p["code"] != code || (field != "" && p["field"] != field) {
		c.t.Fatalf("%s %s: code %v field %v, want %s %s\n%v", method, path, p["code"], p["field"], code, field, p)
	}
	return p
}

// evmOf measures TS at the end of Friday 13 November 2026 and returns the
// document and the named tasks' measures.
func (c *costEnv) evm(as who) (doc map[string]any, task map[string]map[string]any) {
	c.t.Helper()
	r := c.do(as, "GET", "/api/v1/projects/TS/evm?status_date=2026-11-13&method=bottom_up&period=day", "")
	if r.status != 200 {
		c.t.Fatalf("evm: %d %s", r.status, r.body)
	}
	if err := json.Unmarshal(r.body, &doc); err != nil {
		c.t.Fatalf("evm: %v\n%s", err, r.body)
	}
	task = map[string]map[string]any{}
	for _, x := range doc["tasks"].([]any) {
		m := x.(map[string]any)
		task[m["name"].(string)] = m
	}
	return doc, task
}

// TestTimesheetFlow: a member logs three days, submits the week, the
// manager approves it, and earned value shows the hours as actual cost at
// the rate in force each day; an expense adds to it, a rejected week adds
// nothing, and remaining work prices the estimate to complete.
func TestTimesheetFlow(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { timesheetFlow(t, newCostEnv(t, newAuthEnv(t, b.open(t), server.Options{}))) })
	}
}

func timesheetFlow(t *testing.T, c *costEnv) {
	const ts = "/api/v1/projects/TS/timesheets"
	var first map[string]any
	for i, day := range []string{"2026-11-09", "2026-11-10", "2026-11-11"} {
		e := c.must(201, c.ann, "POST", ts, `{"task":`+c.cable+`,"date":"`+day+`","hours":8,"note":"floor 1"}`)
		if e["status"] != "draft" || e["minutes"] != 480.0 || e["user"] != "ann@example.com" || e["week"] != "2026-W46" {
			t.Fatalf("logged %v", e)
		}
		if i == 0 {
			first = e
		}
	}
	id := strconv.Itoa(int(num(first["id"])))

	// Optimistic versions on PATCH.
	r := c.do(c.ann, "PATCH", ts+"/"+id, `{"note":"floor 1, east"}`, "If-Match", `"1"`)
	if r.status != 200 || r.header.Get("ETag") != `"2"` {
		t.Fatalf("patch: %d %s %s", r.status, r.header.Get("ETag"), r.body)
	}
	if p := c.problem(412, c.ann, "PATCH", ts+"/"+id, `{"hours":7}`, "version_mismatch", "", "If-Match", `"1"`); p["current_version"] != 2.0 {
		t.Fatalf("412 without the current version: %v", p)
	}

	week := c.must(200, c.ann, "GET", ts+"?week=2026-W46", "")
	if len(week["entries"].([]any)) != 3 || week["total_hours"] != 24.0 || week["user"] != "ann@example.com" {
		t.Fatalf("ann's week: %v", week)
	}
	c.problem(403, c.ann, "GET", ts+"?user=all", "", "not_your_timesheet", "")
	c.must(200, c.ann, "POST", ts+"/submit", `{"week":"2026-W46"}`)
	c.problem(403, c.ann, "POST", ts+"/approve", `{"user":"ann@example.com","week":"2026-W46"}`, "forbidden", "")
	c.problem(409, c.ann, "PATCH", ts+"/"+id, `{"hours":7}`, "timesheet_locked", "status")

	// Carl's week is rejected: it costs nothing.
	c.must(201, c.carl, "POST", ts, `{"task":`+c.kit+`,"date":"2026-11-10","hours":4}`)
	c.must(200, c.carl, "POST", ts+"/submit", `{"week":"2026-11-12"}`)
	rejected := c.must(200, c.manager, "POST", ts+"/reject", `{"user":"carl@example.com","week":"2026-W46","comment":"wrong task"}`)
	if e := rejected["entries"].([]any)[0].(map[string]any); e["status"] != "rejected" || e["review_comment"] != "wrong task" ||
		e["reviewer"] != "manager@example.com" {
		t.Fatalf("rejected: %v", e)
	}
	c.must(200, c.manager, "POST", ts+"/approve", `{"user":"ann@example.com","week":"2026-W46","comment":"thanks"}`)
	all := c.must(200, c.manager, "GET", ts+"?user=all&status=approved", "")
	if len(all["entries"].([]any)) != 3 {
		t.Fatalf("approved: %v", all)
	}

	// 8 h at £80 on Monday and Tuesday, and at £100 from Wednesday on.
	doc, task := c.evm(c.manager)
	project := doc["project"].(map[string]any)
	if project["ac"] != 2080.0 || task["Cable"]["ac"] != 2080.0 || task["Kit"]["ac"] != 0.0 {
		t.Fatalf("AC: project %v, cable %v, kit %v", project["ac"], task["Cable"]["ac"], task["Kit"]["ac"])
	}
	for _, k := range []string{"status_date", "baseline", "currency", "eac_method", "project", "tasks", "periods"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("the document lacks %q, which cairn evm --format json has", k)
		}
	}
	if doc["eac_method"] != "bottom_up" || doc["status_date"] != "2026-11-13T17:00:00" {
		t.Errorf("method %v, status date %v", doc["eac_method"], doc["status_date"])
	}

	x := c.must(201, c.manager, "POST", "/api/v1/projects/TS/expenses",
		`{"task":`+c.kit+`,"date":"2026-11-12","amount":"500.00","description":"Patch leads","supplier":"Acme","reference":"INV-7"}`)
	if x["amount"] != "500.00" || x["created_by"] != "manager@example.com" {
		t.Fatalf("expense %v", x)
	}
	doc, task = c.evm(c.owner)
	if doc["project"].(map[string]any)["ac"] != 2580.0 || task["Kit"]["ac"] != 500.0 {
		t.Fatalf("with the expense: project AC %v, kit %v", doc["project"].(map[string]any)["ac"], task["Kit"]["ac"])
	}

	// 16 h left on the cabling, at Ann's rate on the status date.
	tk := c.must(200, c.ann, "PATCH", "/api/v1/projects/TS/tasks/"+c.cable, `{"remaining_work":"16h"}`)
	if tk["remaining_work_minutes"] != 960.0 {
		t.Fatalf("remaining work %v %v", tk["remaining_work"], tk["remaining_work_minutes"])
	}
	_, task = c.evm(c.manager)
	if task["Cable"]["etc"] != 1600.0 || task["Cable"]["eac"] != 3680.0 {
		t.Fatalf("cabling ETC %v, EAC %v; want 1600 and 3680", task["Cable"]["etc"], task["Cable"]["eac"])
	}
	tk = c.must(200, c.ann, "PATCH", "/api/v1/projects/TS/tasks/"+c.cable, `{"remaining_work":null}`)
	if tk["remaining_work"] != nil {
		t.Fatalf("remaining work not cleared: %v", tk)
	}

	svg := c.do(c.manager, "GET", "/api/v1/projects/TS/evm/scurve.svg?status_date=2026-11-13", "")
	if svg.status != 200 || svg.header.Get("Content-Type") != "image/svg+xml" || !strings.Contains(string(svg.body), "<svg") {
		t.Fatalf("S-curve: %d %s %.200s", svg.status, svg.header.Get("Content-Type"), svg.body)
	}
}

// TestTimesheetBadInput: what logging time refuses, with the field.
func TestTimesheetBadInput(t *testing.T) {
	c := newCostEnv(t, newAuthEnv(t, backends[0].open(t), server.Options{}))
	const ts = "/api/v1/projects/TS/timesheets"
	c.must(201, c.ann, "POST", ts, `{"task":`+c.cable+`,"date":"2026-11-09","hours":20}`)
	for _, tc := range []struct {
		name, body, code, field string
		status                  int
	}{
		{"negative hours", `{"task":` + c.kit + `,"date":"2026-11-10","hours":-2}`, "invalid_hours", "hours", 400},
		{"25 hours", `{"task":` + c.kit + `,"date":"2026-11-10","hours":25}`, "invalid_hours", "hours", 400},
		{"over a day with another task", `{"task":` + c.kit + `,"date":"2026-11-09","hours":5}`, "too_many_hours", "hours", 400},
		{"unknown task", `{"task":999999,"date":"2026-11-10","hours":1}`, "unknown_task", "task", 400},
		{"not a date", `{"task":` + c.kit + `,"date":"2026-13-01","hours":1}`, "invalid_date", "date", 400},
		{"the future", `{"task":` + c.kit + `,"date":"2999-01-04","hours":1}`, "future_date", "date", 400},
		{"hours as text", `{"task":` + c.kit + `,"date":"2026-11-10","hours":"2"}`, "wrong_type", "hours", 400},
		{"hours and minutes", `{"task":` + c.kit + `,"date":"2026-11-10","hours":2,"minutes":120}`, "ambiguous_hours", "hours", 400},
		{"unknown field", `{"task":` + c.kit + `,"date":"2026-11-10","hourz":2}`, "unknown_field", "hourz", 400},
		{"twice", `{"task":` + c.cable + `,"date":"2026-11-09","hours":1}`, "already_logged", "date", 409},
	} {
		t.Log(tc.name)
		c.problem(tc.status, c.ann, "POST", ts, tc.body, tc.code, tc.field)
	}
	c.problem(400, c.ann, "POST", ts+"/submit", `{}`, "required", "week")
	c.problem(400, c.ann, "POST", ts+"/submit", `{"week":"2026-W60"}`, "invalid_week", "week")
	c.problem(400, c.ann, "GET", ts+"?week=soon", "", "invalid_week", "week")
	c.problem(400, c.manager, "POST", ts+"/reject", `{"user":"ann@example.com","week":"2026-W46"}`, "required", "comment")
	c.problem(400, c.manager, "GET", "/api/v1/projects/TS/evm?status_date=monday", "", "invalid_date", "status_date")
	c.problem(400, c.manager, "GET", "/api/v1/projects/TS/evm?method=guess", "", "invalid_method", "method")
	c.problem(400, c.manager, "GET", "/api/v1/projects/TS/evm?baseline=11", "", "invalid_baseline", "baseline")
	c.problem(400, c.manager, "GET", "/api/v1/projects/TS/evm?period=year", "", "invalid_period", "period")
	c.problem(400, c.manager, "POST", "/api/v1/projects/TS/expenses", `{"task":`+c.kit+`,"date":"2026-11-10","amount":"1.234","description":"x"}`,
		"invalid_money", "amount")
	c.problem(400, c.ann, "PATCH", "/api/v1/projects/TS/tasks/"+c.cable, `{"remaining_work":"lots"}`, "invalid_work", "remaining_work")
}

// TestCostPermissions: costs are for managers and owners; members see
// and change only their own time.
func TestCostPermissions(t *testing.T) {
	c := newCostEnv(t, newAuthEnv(t, backends[0].open(t), server.Options{}))
	const p = "/api/v1/projects/TS"
	for _, as := range []who{c.ann, c.viewer} {
		c.problem(403, as, "GET", p+"/evm", "", "forbidden", "")
		c.problem(403, as, "GET", p+"/evm/scurve.svg", "", "forbidden", "")
		c.problem(403, as, "GET", p+"/expenses", "", "forbidden", "")
		c.problem(403, as, "GET", p+"/budgets", "", "forbidden", "")
		c.problem(403, as, "POST", p+"/expenses", `{"task":`+c.kit+`,"date":"2026-11-10","amount":"1.00","description":"x"}`, "forbidden", "")
		c.problem(403, as, "PUT", p+"/budgets/"+c.build, `{"budget":"1.00"}`, "forbidden", "")
	}
	c.problem(403, c.viewer, "POST", p+"/timesheets", `{"task":`+c.kit+`,"date":"2026-11-10","hours":1}`, "forbidden", "")
	if got := c.must(200, c.viewer, "GET", p+"/timesheets", ""); len(got["entries"].([]any)) != 0 {
		t.Fatalf("a viewer's own timesheet: %v", got)
	}
	e := c.must(201, c.carl, "POST", p+"/timesheets", `{"task":`+c.kit+`,"date":"2026-11-10","hours":1}`)
	id := strconv.Itoa(int(num(e["id"])))
	c.problem(403, c.ann, "PATCH", p+"/timesheets/"+id, `{"hours":2}`, "not_your_timesheet", "")
	c.problem(403, c.ann, "DELETE", p+"/timesheets/"+id, "", "not_your_timesheet", "")
	c.problem(403, c.ann, "GET", p+"/timesheets?user=carl@example.com", "", "not_your_timesheet", "")
	c.problem(403, c.ann, "POST", p+"/timesheets", `{"user":"carl@example.com","task":`+c.kit+`,"date":"2026-11-11","hours":1}`,
		"not_your_timesheet", "")
	if got := c.must(200, c.manager, "GET", p+"/timesheets?user=carl@example.com", ""); len(got["entries"].([]any)) != 1 {
		t.Fatalf("the manager's view of carl's time: %v", got)
	}
	c.must(204, c.carl, "DELETE", p+"/timesheets/"+id, "")

	// Budgets: per phase, with what is allocated below.
	c.must(200, c.manager, "PUT", p+"/budgets/"+c.build, `{"budget":"5000.00"}`)
	r := c.do(c.manager, "PUT", p+"/budgets/"+c.cable, `{"budget":"3000.00"}`)
	if r.status != 200 || r.header.Get("ETag") != `"1"` {
		t.Fatalf("budget: %d %s", r.status, r.body)
	}
	c.problem(412, c.manager, "PUT", p+"/budgets/"+c.cable, `{"budget":"1.00"}`, "version_mismatch", "", "If-Match", `"5"`)
	b := c.must(200, c.owner, "GET", p+"/budgets", "")
	if b["budget"] != "20000.00" || b["allocated"] != "5000.00" || b["unallocated"] != "15000.00" {
		t.Fatalf("budgets %v", b)
	}
	lines := b["budgets"].([]any)
	build := lines[0].(map[string]any)
	if len(lines) != 2 || build["name"] != "Build" || build["summary"] != true || build["allocated"] != "3000.00" || build["unallocated"] != "2000.00" {
		t.Fatalf("budget lines %v", lines)
	}
	c.must(204, c.manager, "DELETE", p+"/budgets/"+c.cable, "", "If-Match", `"1"`)
	c.problem(404, c.manager, "DELETE", p+"/budgets/"+c.cable, "", "budget_not_found", "")

	// Expenses: versioned edits.
	x := c.must(201, c.owner, "POST", p+"/expenses", `{"task":`+c.kit+`,"date":"2026-11-10","amount":"12.50","description":"Taxi"}`)
	xp := fmt.Sprintf("%s/expenses/%d", p, int(num(x["id"])))
	c.must(200, c.manager, "PATCH", xp, `{"amount":"15.00"}`, "If-Match", `"1"`)
	c.problem(412, c.manager, "PATCH", xp, `{"amount":"16.00"}`, "version_mismatch", "", "If-Match", `"1"`)
	if got := c.must(200, c.manager, "GET", xp, ""); got["amount"] != "15.00" {
		t.Fatalf("expense %v", got)
	}
	if list := c.must(200, c.manager, "GET", p+"/expenses", ""); len(list["expenses"].([]any)) != 1 {
		t.Fatalf("expenses %v", list)
	}
	c.must(204, c.owner, "DELETE", xp, "", "If-Match", `"2"`)

	// What changed: members see that expenses and budgets changed, not
	// how.
	for as, see := range map[*who]bool{&c.ann: false, &c.manager: true} {
		r := c.do(*as, "GET", p+"/changes?since=2026-01-01", "")
		body := string(r.body)
		if r.status != 200 || !strings.Contains(body, `"expense"`) || strings.Contains(body, `"amount"`) != see ||
			strings.Contains(body, "5000.00") != see {
			t.Errorf("changes as %s (sees costs: %v): %d %.600s", as.bearer[:10], see, r.status, body)
		}
	}
}
