package server_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/server"
	"github.com/cairnpm/cairn/store"
)

// routeRules is what this test expects of every route, written out here
// independently of the server's route table: "public", "user" (any
// signed-in user), or the action a route needs.
var routeRules = map[string]string{
	"GET /healthz":               "public",
	"GET /metrics":               "public",
	"GET /static/":               "public",
	"GET /login":                 "public",
	"POST /login":                "public",
	"POST /logout":               "user",
	"GET /{$}":                   "user",
	"POST /demo":                 "create_project",
	"/api/":                      "user",
	"GET /api/v1/openapi.json":   "public",
	"GET /api/v1/me":             "user",
	"GET /api/v1/tokens":         "user",
	"POST /api/v1/tokens":        "manage_tokens",
	"DELETE /api/v1/tokens/{id}": "manage_tokens",
	"GET /api/v1/feeds":          "user",
	"POST /api/v1/feeds":         "manage_tokens",
	"DELETE /api/v1/feeds/{id}":  "manage_tokens",
	"GET /feeds/{secret}":        "public",

	"GET /portfolio":                   "user",
	"GET /projects/{key}":              "view",
	"GET /projects/{key}/plan":         "view",
	"GET /projects/{key}/board":        "view",
	"GET /projects/{key}/resources":    "view",
	"GET /projects/{key}/risks":        "view",
	"GET /projects/{key}/reports":      "view",
	"GET /projects/{key}/reports/{id}": "view",
	"GET /projects/{key}/activity":     "view",
	"GET /projects/{key}/comments":     "view",
	"GET /projects/{key}/settings":     "view",
	"GET /projects/{key}/budget":       "view_costs",
	"GET /projects/{key}/timesheet":    "log_time",
	"GET /projects/{key}/gantt.svg":    "view",

	"GET /api/v1/projects":          "user",
	"POST /api/v1/projects":         "create_project",
	"POST /api/v1/plans":            "create_project",
	"GET /api/v1/projects/{key}":    "view",
	"PATCH /api/v1/projects/{key}":  "manage_project",
	"DELETE /api/v1/projects/{key}": "delete_project",

	"GET /api/v1/projects/{key}/tasks":                "view",
	"POST /api/v1/projects/{key}/tasks":               "edit_plan",
	"GET /api/v1/projects/{key}/tasks/{id}":           "view",
	"PATCH /api/v1/projects/{key}/tasks/{id}":         "edit_plan",
	"DELETE /api/v1/projects/{key}/tasks/{id}":        "edit_plan",
	"GET /api/v1/projects/{key}/tasks/{id}/history":   "view",
	"PUT /api/v1/projects/{key}/tasks/{id}/assignees": "edit_plan",
	"GET /api/v1/projects/{key}/changes":              "view",

	"GET /api/v1/projects/{key}/dependencies":         "view",
	"POST /api/v1/projects/{key}/dependencies":        "edit_plan",
	"GET /api/v1/projects/{key}/dependencies/{id}":    "view",
	"PATCH /api/v1/projects/{key}/dependencies/{id}":  "edit_plan",
	"DELETE /api/v1/projects/{key}/dependencies/{id}": "edit_plan",

	"GET /api/v1/projects/{key}/schedule":   "view",
	"POST /api/v1/projects/{key}/baselines": "manage_project",
	"GET /api/v1/projects/{key}/calendar":   "view",
	"PATCH /api/v1/projects/{key}/calendar": "manage_project",
	"GET /api/v1/projects/{key}/variance":   "view",
	"GET /api/v1/projects/{key}/load":       "view",
	"GET /api/v1/projects/{key}/events":     "view",

	"GET /api/v1/projects/{key}/reports":               "view",
	"POST /api/v1/projects/{key}/reports":              "manage_project",
	"GET /api/v1/projects/{key}/reports/{id}":          "view",
	"PATCH /api/v1/projects/{key}/reports/{id}":        "manage_project",
	"POST /api/v1/projects/{key}/reports/{id}/publish": "manage_project",
	"GET /api/v1/projects/{key}/reports/{id}/diff":     "view",
	"GET /api/v1/projects/{key}/level":                 "view",
	"GET /api/v1/projects/{key}/plan":                  "view_costs",

	"GET /api/v1/projects/{key}/risks":                      "view",
	"POST /api/v1/projects/{key}/risks":                     "edit_risks",
	"GET /api/v1/projects/{key}/risks/heatmap.svg":          "view",
	"GET /api/v1/projects/{key}/risks/{id}":                 "view",
	"PATCH /api/v1/projects/{key}/risks/{id}":               "edit_risks",
	"DELETE /api/v1/projects/{key}/risks/{id}":              "manage_risks",
	"GET /api/v1/projects/{key}/risks/{id}/history":         "view",
	"GET /api/v1/projects/{key}/risk-matrix":                "view",
	"PATCH /api/v1/projects/{key}/risk-matrix":              "manage_project",
	"GET /api/v1/projects/{key}/estimates":                  "view",
	"PUT /api/v1/projects/{key}/tasks/{id}/estimate":        "edit_plan",
	"DELETE /api/v1/projects/{key}/tasks/{id}/estimate":     "edit_plan",
	"GET /api/v1/projects/{key}/correlation-groups":         "view",
	"POST /api/v1/projects/{key}/correlation-groups":        "edit_plan",
	"GET /api/v1/projects/{key}/correlation-groups/{id}":    "view",
	"PATCH /api/v1/projects/{key}/correlation-groups/{id}":  "edit_plan",
	"DELETE /api/v1/projects/{key}/correlation-groups/{id}": "edit_plan",
	"GET /api/v1/projects/{key}/simulate":                   "view",
	"GET /api/v1/projects/{key}/simulate/finish.svg":        "view",
	"GET /api/v1/projects/{key}/simulate/tornado.svg":       "view",

	"GET /api/v1/projects/{key}/stakeholders":               "view",
	"POST /api/v1/projects/{key}/stakeholders":              "manage_project",
	"GET /api/v1/projects/{key}/stakeholders/grid.svg":      "view",
	"GET /api/v1/projects/{key}/stakeholders/{id}":          "view",
	"PATCH /api/v1/projects/{key}/stakeholders/{id}":        "manage_project",
	"DELETE /api/v1/projects/{key}/stakeholders/{id}":       "manage_project",
	"GET /api/v1/projects/{key}/delivery-schedules":         "manage_project",
	"POST /api/v1/projects/{key}/delivery-schedules":        "manage_project",
	"GET /api/v1/projects/{key}/delivery-schedules/{id}":    "manage_project",
	"PATCH /api/v1/projects/{key}/delivery-schedules/{id}":  "manage_project",
	"DELETE /api/v1/projects/{key}/delivery-schedules/{id}": "manage_project",
	"GET /api/v1/notifications":                             "user",
	"POST /api/v1/notifications/read":                       "manage_account",
	"GET /api/v1/me/preferences":                            "user",
	"PUT /api/v1/me/preferences":                            "manage_account",
	"GET /api/v1/projects/{key}/comments":                   "view",
	"POST /api/v1/projects/{key}/comments":                  "comment",
	"DELETE /api/v1/projects/{key}/comments/{id}":           "comment",

	"GET /api/v1/projects/{key}/timesheets":          "view",
	"POST /api/v1/projects/{key}/timesheets":         "log_time",
	"PATCH /api/v1/projects/{key}/timesheets/{id}":   "log_time",
	"DELETE /api/v1/projects/{key}/timesheets/{id}":  "log_time",
	"POST /api/v1/projects/{key}/timesheets/submit":  "log_time",
	"POST /api/v1/projects/{key}/timesheets/approve": "approve_time",
	"POST /api/v1/projects/{key}/timesheets/reject":  "approve_time",
	"GET /api/v1/projects/{key}/expenses":            "view_costs",
	"POST /api/v1/projects/{key}/expenses":           "manage_costs",
	"GET /api/v1/projects/{key}/expenses/{id}":       "view_costs",
	"PATCH /api/v1/projects/{key}/expenses/{id}":     "manage_costs",
	"DELETE /api/v1/projects/{key}/expenses/{id}":    "manage_costs",
	"GET /api/v1/projects/{key}/budgets":             "view_costs",
	"PUT /api/v1/projects/{key}/budgets/{id}":        "manage_costs",
	"DELETE /api/v1/projects/{key}/budgets/{id}":     "manage_costs",
	"GET /api/v1/projects/{key}/evm":                 "view_costs",
	"GET /api/v1/projects/{key}/evm/scurve.svg":      "view_costs",
	"GET /api/v1/projects/{key}/evm/breakdown.svg":   "view_costs",
	"GET /api/v1/projects/{key}/evm/trend.svg":       "view_costs",

	"GET /api/v1/projects/{key}/members":            "view",
	"POST /api/v1/projects/{key}/members":           "manage_members",
	"PATCH /api/v1/projects/{key}/members/{email}":  "manage_members",
	"DELETE /api/v1/projects/{key}/members/{email}": "manage_members",
}

// roleMay is what each project role may do, as the product promises.
var roleMay = map[string][]string{
	"owner": {"view", "view_costs", "edit_plan", "manage_project", "manage_members", "delete_project",
		"edit_risks", "manage_risks", "log_time", "approve_time", "manage_costs", "comment"},
	"manager": {"view", "view_costs", "edit_plan", "manage_project", "manage_members", "edit_risks", "manage_risks", "log_time", "approve_time", "manage_costs", "comment"},
	"member":  {"view", "edit_plan", "edit_risks", "log_time", "comment"},
	"viewer":  {"view", "comment"},
}

// roles are the callers of the matrix. "owner-ro" is the owner with a
// read-only token.
var roles = []string{"unauthenticated", "non-member", "viewer", "member", "manager", "owner", "owner-ro", "site-admin"}

type outcome string

const (
	allowed      outcome = "2xx"
	unauthorized outcome = "401"
	forbidden    outcome = "403"
	notFound     outcome = "404"
)

func expect(rule, role string) outcome {
	switch {
	case role == "unauthenticated":
		return unauthorized
	case rule == "user":
		return allowed
	case rule == "create_project" || rule == "manage_tokens" || rule == "manage_account":
		if role == "owner-ro" {
			return forbidden
		}
		return allowed
	case role == "non-member":
		return notFound
	case role == "site-admin":
		return allowed
	}
	r := strings.TrimSuffix(role, "-ro")
	if !slices.Contains(roleMay[r], rule) || (role == "owner-ro" && rule != "view" && rule != "view_costs") {
		return forbidden
	}
	return allowed
}

// fixture builds what the requests act on, as the owner of project NET.
type fixture struct {
	t      *testing.T
	e      *authEnv
	owner  who
	tokens map[string]who // role → credentials
	n      int
}

func (f *fixture) next() int { f.n++; return f.n }

// project creates a project with every role as a member; its key is
// given, or made up.
func (f *fixture) project(key ...string) string {
	if len(key) == 0 {
		key = append(key, fmt.Sprintf("P%d", f.next()))
	}
	return f.projectKey(key[0])
}

func (f *fixture) projectKey(key string) string {
	f.e.must(201, f.owner, "POST", "/api/v1/projects", `{"key":"`+key+`","name":"Project `+key+`","start":"2027-01-04","budget":"500.00"}`)
	for _, r := range []string{"manager", "member", "viewer"} {
		f.e.must(201, f.owner, "POST", "/api/v1/projects/"+key+"/members", `{"email":"`+r+`@example.com","role":"`+r+`"}`)
	}
	f.e.must(201, f.owner, "POST", "/api/v1/projects/"+key+"/members", `{"email":"extra@example.com","role":"viewer"}`)
	return key
}

func (f *fixture) task() string {
	tk := f.e.must(201, f.owner, "POST", "/api/v1/projects/NET/tasks", fmt.Sprintf(`{"name":"Task %d","duration":"1d"}`, f.next()))
	return strconv.Itoa(int(num(tk["id"])))
}

// report drafts a status report of NET, published when asked.
func (f *fixture) report(publish bool) string {
	rep := f.e.must(201, f.owner, "POST", "/api/v1/projects/NET/reports", `{"period_end":"2027-01-08"}`)
	id := strconv.Itoa(int(num(rep["id"])))
	if publish {
		f.e.must(200, f.owner, "POST", "/api/v1/projects/NET/reports/"+id+"/publish", "")
	}
	return id
}

const (
	stakeholderBody = `{"name":"Sam Sponsor","organisation":"Acme","role":"sponsor","power":5,"interest":4,"email":"sam@example.com"}`
	scheduleBody    = `{"name":"Weekly to the board","weekday":"friday","time":"15:00","channel":"email","roles":["sponsor","board"]}`
)

// stakeholder adds a stakeholder to NET's register.
func (f *fixture) stakeholder() string {
	s := f.e.must(201, f.owner, "POST", "/api/v1/projects/NET/stakeholders", stakeholderBody)
	return strconv.Itoa(int(num(s["id"])))
}

// schedule adds a delivery schedule to NET.
func (f *fixture) schedule() string {
	d := f.e.must(201, f.owner, "POST", "/api/v1/projects/NET/delivery-schedules", scheduleBody)
	return strconv.Itoa(int(num(d["id"])))
}

func (f *fixture) link() string {
	a, b := f.task(), f.task()
	d := f.e.must(201, f.owner, "POST", "/api/v1/projects/NET/dependencies", `{"predecessor":`+a+`,"successor":`+b+`}`)
	return strconv.Itoa(int(num(d["id"])))
}

// requests says how to call each route: its path and body, after any
// set-up the call needs (a fresh task to delete, say).
var requests = map[string]func(f *fixture, role string) (path, body string){
	"POST /logout":               func(*fixture, string) (string, string) { return "/logout", "" },
	"GET /{$}":                   func(*fixture, string) (string, string) { return "/", "" },
	"POST /demo":                 func(*fixture, string) (string, string) { return "/demo", "" },
	"/api/":                      func(*fixture, string) (string, string) { return "/api/v1/nothing", "" },
	"GET /api/v1/me":             func(*fixture, string) (string, string) { return "/api/v1/me", "" },
	"GET /api/v1/tokens":         func(*fixture, string) (string, string) { return "/api/v1/tokens", "" },
	"POST /api/v1/tokens":        func(*fixture, string) (string, string) { return "/api/v1/tokens", `{"name":"matrix"}` },
	"DELETE /api/v1/tokens/{id}": deleteTokenRequest,
	"GET /api/v1/feeds":          func(*fixture, string) (string, string) { return "/api/v1/feeds", "" },
	"POST /api/v1/feeds":         func(*fixture, string) (string, string) { return "/api/v1/feeds", `{"name":"matrix"}` },
	"DELETE /api/v1/feeds/{id}":  deleteFeedRequest,

	"GET /portfolio":                func(*fixture, string) (string, string) { return "/portfolio", "" },
	"GET /projects/{key}":           func(*fixture, string) (string, string) { return "/projects/NET", "" },
	"GET /projects/{key}/plan":      func(*fixture, string) (string, string) { return "/projects/NET/plan", "" },
	"GET /projects/{key}/board":     func(*fixture, string) (string, string) { return "/projects/NET/board", "" },
	"GET /projects/{key}/resources": func(*fixture, string) (string, string) { return "/projects/NET/resources", "" },
	"GET /projects/{key}/risks":     func(*fixture, string) (string, string) { return "/projects/NET/risks", "" },
	"GET /projects/{key}/reports":   func(*fixture, string) (string, string) { return "/projects/NET/reports", "" },
	"GET /projects/{key}/reports/{id}": func(f *fixture, _ string) (string, string) {
		return "/projects/NET/reports/" + f.report(true), ""
	},
	"GET /projects/{key}/activity": func(*fixture, string) (string, string) { return "/projects/NET/activity", "" },
	"GET /projects/{key}/comments": func(*fixture, string) (string, string) {
		return "/projects/NET/comments?entity=task&id=1", ""
	},
	"GET /projects/{key}/settings":  func(*fixture, string) (string, string) { return "/projects/NET/settings", "" },
	"GET /projects/{key}/gantt.svg": func(*fixture, string) (string, string) { return "/projects/NET/gantt.svg", "" },

	"GET /api/v1/projects": func(*fixture, string) (string, string) { return "/api/v1/projects", "" },
	"POST /api/v1/projects": func(f *fixture, _ string) (string, string) {
		return "/api/v1/projects", fmt.Sprintf(`{"key":"N%d","name":"New","start":"2027-01-04"}`, f.next())
	},
	"POST /api/v1/plans": func(f *fixture, _ string) (string, string) {
		return "/api/v1/plans", fmt.Sprintf("project:\n  key: PL%d\n  name: Plan\n  start: 2027-01-04\ntasks:\n  - id: a\n    name: A\n    duration: 1d\n", f.next())
	},
	"GET /api/v1/projects/{key}":    func(*fixture, string) (string, string) { return "/api/v1/projects/NET", "" },
	"PATCH /api/v1/projects/{key}":  func(*fixture, string) (string, string) { return "/api/v1/projects/NET", `{"phase":"build"}` },
	"DELETE /api/v1/projects/{key}": func(f *fixture, _ string) (string, string) { return "/api/v1/projects/" + f.project(), "" },

	"GET /api/v1/projects/{key}/tasks":  func(*fixture, string) (string, string) { return "/api/v1/projects/NET/tasks", "" },
	"POST /api/v1/projects/{key}/tasks": func(*fixture, string) (string, string) { return "/api/v1/projects/NET/tasks", `{"name":"New"}` },
	"GET /api/v1/projects/{key}/tasks/{id}": func(f *fixture, _ string) (string, string) {
		return "/api/v1/projects/NET/tasks/1", ""
	},
	"PATCH /api/v1/projects/{key}/tasks/{id}": func(*fixture, string) (string, string) {
		return "/api/v1/projects/NET/tasks/1", `{"notes":"checked"}`
	},
	"DELETE /api/v1/projects/{key}/tasks/{id}": func(f *fixture, _ string) (string, string) {
		return "/api/v1/projects/NET/tasks/" + f.task(), ""
	},
	"PUT /api/v1/projects/{key}/tasks/{id}/assignees": func(*fixture, string) (string, string) {
		return "/api/v1/projects/NET/tasks/1/assignees", `{"assignees":[]}`
	},
	"GET /api/v1/projects/{key}/tasks/{id}/history": func(*fixture, string) (string, string) {
		return "/api/v1/projects/NET/tasks/1/history", ""
	},
	"GET /api/v1/projects/{key}/changes": func(*fixture, string) (string, string) { return "/api/v1/projects/NET/changes", "" },

	"GET /api/v1/projects/{key}/dependencies": func(*fixture, string) (string, string) {
		return "/api/v1/projects/NET/dependencies", ""
	},
	"POST /api/v1/projects/{key}/dependencies": func(f *fixture, _ string) (string, string) {
		return "/api/v1/projects/NET/dependencies", `{"predecessor":` + f.task() + `,"successor":` + f.task() + `}`
	},
	"GET /api/v1/projects/{key}/dependencies/{id}": func(*fixture, string) (string, string) {
		return "/api/v1/projects/NET/dependencies/1", ""
	},
	"PATCH /api/v1/projects/{key}/dependencies/{id}": func(*fixture, string) (string, string) {
		return "/api/v1/projects/NET/dependencies/1", `{"lag":"1d"}`
	},
	"DELETE /api/v1/projects/{key}/dependencies/{id}": func(f *fixture, _ string) (string, string) {
		return "/api/v1/projects/NET/dependencies/" + f.link(), ""
	},

	"GET /api/v1/projects/{key}/schedule": func(*fixture, string) (string, string) { return "/api/v1/projects/NET/schedule", "" },
	"GET /api/v1/projects/{key}/calendar": func(*fixture, string) (string, string) { return "/api/v1/projects/NET/calendar", "" },
	"PATCH /api/v1/projects/{key}/calendar": func(*fixture, string) (string, string) {
		return "/api/v1/projects/NET/calendar", `{"exceptions":[{"name":"Founders' day","from":"2027-06-01"}]}`
	},
	"POST /api/v1/projects/{key}/baselines": func(*fixture, string) (string, string) {
		return "/api/v1/projects/NET/baselines", `{"number":1}`
	},
	"GET /api/v1/projects/{key}/variance": func(*fixture, string) (string, string) { return "/api/v1/projects/NET/variance", "" },
	"GET /api/v1/projects/{key}/load":     func(*fixture, string) (string, string) { return "/api/v1/projects/NET/load", "" },
	"GET /api/v1/projects/{key}/events":   func(*fixture, string) (string, string) { return "/api/v1/projects/NET/events?timeout=0", "" },
	"GET /api/v1/projects/{key}/reports":  func(*fixture, string) (string, string) { return "/api/v1/projects/NET/reports", "" },
	"POST /api/v1/projects/{key}/reports": func(*fixture, string) (string, string) {
		return "/api/v1/projects/NET/reports", `{"period_end":"2027-01-15"}`
	},
	"GET /api/v1/projects/{key}/reports/{id}": func(f *fixture, _ string) (string, string) {
		return "/api/v1/projects/NET/reports/" + f.report(true), ""
	},
	"PATCH /api/v1/projects/{key}/reports/{id}": func(f *fixture, _ string) (string, string) {
		return "/api/v1/projects/NET/reports/" + f.report(false), `{"decisions":["Approve the second supplier?"]}`
	},
	"POST /api/v1/projects/{key}/reports/{id}/publish": func(f *fixture, _ string) (string, string) {
		return "/api/v1/projects/NET/reports/" + f.report(false) + "/publish", ""
	},
	"GET /api/v1/projects/{key}/reports/{id}/diff": func(f *fixture, _ string) (string, string) {
		return "/api/v1/projects/NET/reports/" + f.report(true) + "/diff", ""
	},
	"GET /api/v1/projects/{key}/level": func(*fixture, string) (string, string) { return "/api/v1/projects/NET/level?schedules=20", "" },
	"GET /api/v1/projects/{key}/plan":  func(*fixture, string) (string, string) { return "/api/v1/projects/NET/plan", "" },

	"GET /api/v1/projects/{key}/risks": func(*fixture, string) (string, string) { return "/api/v1/projects/NET/risks", "" },
	"POST /api/v1/projects/{key}/risks": func(*fixture, string) (string, string) {
		return "/api/v1/projects/NET/risks", `{"title":"New risk"}`
	},
	"GET /api/v1/projects/{key}/risks/heatmap.svg": func(*fixture, string) (string, string) {
		return "/api/v1/projects/NET/risks/heatmap.svg", ""
	},
	"GET /api/v1/projects/{key}/risks/{id}": func(f *fixture, _ string) (string, string) {
		return "/api/v1/projects/NET/risks/" + f.firstRisk(), ""
	},
	// A member may change only the risks they own.
	"PATCH /api/v1/projects/{key}/risks/{id}": func(f *fixture, role string) (string, string) {
		id := f.firstRisk()
		if role == "member" {
			id = f.risk("member@example.com")
		}
		return "/api/v1/projects/NET/risks/" + id, `{"category":"checked"}`
	},
	"DELETE /api/v1/projects/{key}/risks/{id}": func(f *fixture, _ string) (string, string) {
		return "/api/v1/projects/NET/risks/" + f.risk(""), ""
	},
	"GET /api/v1/projects/{key}/risks/{id}/history": func(f *fixture, _ string) (string, string) {
		return "/api/v1/projects/NET/risks/" + f.firstRisk() + "/history", ""
	},
	"GET /api/v1/projects/{key}/risk-matrix": func(*fixture, string) (string, string) { return "/api/v1/projects/NET/risk-matrix", "" },
	"PATCH /api/v1/projects/{key}/risk-matrix": func(*fixture, string) (string, string) {
		return "/api/v1/projects/NET/risk-matrix", `{"thresholds":{"medium":5}}`
	},
	"GET /api/v1/projects/{key}/estimates": func(*fixture, string) (string, string) { return "/api/v1/projects/NET/estimates", "" },
	"PUT /api/v1/projects/{key}/tasks/{id}/estimate": func(*fixture, string) (string, string) {
		return "/api/v1/projects/NET/tasks/1/estimate", `{"optimistic":"1d","most_likely":"1d","pessimistic":"2d"}`
	},
	"DELETE /api/v1/projects/{key}/tasks/{id}/estimate": func(f *fixture, _ string) (string, string) {
		id := f.task()
		f.e.must(200, f.owner, "PUT", "/api/v1/projects/NET/tasks/"+id+"/estimate", `{"optimistic":"1d","most_likely":"1d","pessimistic":"2d"}`)
		return "/api/v1/projects/NET/tasks/" + id + "/estimate", ""
	},
	"GET /api/v1/projects/{key}/correlation-groups": func(*fixture, string) (string, string) {
		return "/api/v1/projects/NET/correlation-groups", ""
	},
	"POST /api/v1/projects/{key}/correlation-groups": func(f *fixture, _ string) (string, string) {
		return "/api/v1/projects/NET/correlation-groups", `{"name":"Group ` + f.task() + `","correlation":0.5,"tasks":[` + f.task() + `,` + f.task() + `]}`
	},
	"GET /api/v1/projects/{key}/correlation-groups/{id}": func(f *fixture, _ string) (string, string) {
		return "/api/v1/projects/NET/correlation-groups/" + f.group(), ""
	},
	"PATCH /api/v1/projects/{key}/correlation-groups/{id}": func(f *fixture, _ string) (string, string) {
		return "/api/v1/projects/NET/correlation-groups/" + f.group(), `{"correlation":0.4}`
	},
	"DELETE /api/v1/projects/{key}/correlation-groups/{id}": func(f *fixture, _ string) (string, string) {
		return "/api/v1/projects/NET/correlation-groups/" + f.group(), ""
	},
	"GET /api/v1/projects/{key}/simulate": func(*fixture, string) (string, string) {
		return "/api/v1/projects/NET/simulate?iterations=20", ""
	},
	"GET /api/v1/projects/{key}/simulate/finish.svg": func(*fixture, string) (string, string) {
		return "/api/v1/projects/NET/simulate/finish.svg?iterations=20", ""
	},
	"GET /api/v1/projects/{key}/simulate/tornado.svg": func(*fixture, string) (string, string) {
		return "/api/v1/projects/NET/simulate/tornado.svg?iterations=20", ""
	},

	"GET /api/v1/projects/{key}/stakeholders": func(*fixture, string) (string, string) {
		return "/api/v1/projects/NET/stakeholders", ""
	},
	"POST /api/v1/projects/{key}/stakeholders": func(*fixture, string) (string, string) {
		return "/api/v1/projects/NET/stakeholders", stakeholderBody
	},
	"GET /api/v1/projects/{key}/stakeholders/grid.svg": func(*fixture, string) (string, string) {
		return "/api/v1/projects/NET/stakeholders/grid.svg", ""
	},
	"GET /api/v1/projects/{key}/stakeholders/{id}": func(f *fixture, _ string) (string, string) {
		return "/api/v1/projects/NET/stakeholders/" + f.stakeholder(), ""
	},
	"PATCH /api/v1/projects/{key}/stakeholders/{id}": func(f *fixture, _ string) (string, string) {
		return "/api/v1/projects/NET/stakeholders/" + f.stakeholder(), `{"interest":5}`
	},
	"DELETE /api/v1/projects/{key}/stakeholders/{id}": func(f *fixture, _ string) (string, string) {
		return "/api/v1/projects/NET/stakeholders/" + f.stakeholder(), ""
	},
	"GET /api/v1/projects/{key}/delivery-schedules": func(*fixture, string) (string, string) {
		return "/api/v1/projects/NET/delivery-schedules", ""
	},
	"POST /api/v1/projects/{key}/delivery-schedules": func(*fixture, string) (string, string) {
		return "/api/v1/projects/NET/delivery-schedules", scheduleBody
	},
	"GET /api/v1/projects/{key}/delivery-schedules/{id}": func(f *fixture, _ string) (string, string) {
		return "/api/v1/projects/NET/delivery-schedules/" + f.schedule(), ""
	},
	"PATCH /api/v1/projects/{key}/delivery-schedules/{id}": func(f *fixture, _ string) (string, string) {
		return "/api/v1/projects/NET/delivery-schedules/" + f.schedule(), `{"time":"16:30"}`
	},
	"DELETE /api/v1/projects/{key}/delivery-schedules/{id}": func(f *fixture, _ string) (string, string) {
		return "/api/v1/projects/NET/delivery-schedules/" + f.schedule(), ""
	},
	"GET /api/v1/notifications": func(*fixture, string) (string, string) { return "/api/v1/notifications", "" },
	"POST /api/v1/notifications/read": func(*fixture, string) (string, string) {
		return "/api/v1/notifications/read", `{}`
	},
	"GET /api/v1/me/preferences": func(*fixture, string) (string, string) { return "/api/v1/me/preferences", "" },
	"PUT /api/v1/me/preferences": func(*fixture, string) (string, string) {
		return "/api/v1/me/preferences", `{"daily_digest":true}`
	},
	"GET /api/v1/projects/{key}/comments": func(*fixture, string) (string, string) {
		return "/api/v1/projects/NET/comments?entity=task&id=1", ""
	},
	"POST /api/v1/projects/{key}/comments": func(*fixture, string) (string, string) {
		return "/api/v1/projects/NET/comments?entity=task&id=1", `{"body":"Looks good, @owner@example.com"}`
	},
	"DELETE /api/v1/projects/{key}/comments/{id}": deleteCommentRequest,

	"GET /api/v1/projects/{key}/members": func(*fixture, string) (string, string) { return "/api/v1/projects/NET/members", "" },
	"POST /api/v1/projects/{key}/members": func(f *fixture, _ string) (string, string) {
		f.e.do(f.owner, "DELETE", "/api/v1/projects/NET/members/guest@example.com", "") // 204 or 404
		return "/api/v1/projects/NET/members", `{"email":"guest@example.com","role":"viewer"}`
	},
	"PATCH /api/v1/projects/{key}/members/{email}": func(*fixture, string) (string, string) {
		return "/api/v1/projects/NET/members/extra@example.com", `{"role":"viewer"}`
	},
	"DELETE /api/v1/projects/{key}/members/{email}": func(f *fixture, _ string) (string, string) {
		f.e.do(f.owner, "POST", "/api/v1/projects/NET/members", `{"email":"guest@example.com","role":"viewer"}`) // 201 or 409
		return "/api/v1/projects/NET/members/guest@example.com", ""
	},
}

// deleteTokenRequest revokes a token of the caller's own (the owner's
// when nobody is signed in).
func deleteTokenRequest(f *fixture, role string) (string, string) {
	email := map[string]string{"site-admin": "admin@example.com", "non-member": "outsider@example.com"}[role]
	if email == "" {
		email = strings.TrimSuffix(role, "-ro") + "@example.com"
	}
	if role == "unauthenticated" {
		email = "owner@example.com"
	}
	_, k, err := f.e.app.CreateToken(context.Background(), email, app.NewToken{Name: "to revoke"})
	if err != nil {
		f.t.Fatal(err)
	}
	return "/api/v1/tokens/" + strconv.FormatInt(k.ID, 10), ""
}

// deleteCommentRequest deletes a comment of the caller's own (the
// owner's when the caller may not comment in NET at all).
func deleteCommentRequest(f *fixture, role string) (string, string) {
	email := map[string]string{"site-admin": "admin@example.com"}[role]
	if email == "" {
		email = strings.TrimSuffix(role, "-ro") + "@example.com"
	}
	if role == "non-member" || role == "unauthenticated" {
		email = "owner@example.com"
	}
	us, err := f.e.app.Users(context.Background(), store.Page{})
	if err != nil {
		f.t.Fatal(err)
	}
	i := slices.IndexFunc(us, func(u domain.User) bool { return u.Email == email })
	ctx := app.WithActor(app.WithPrincipal(context.Background(), app.Principal{User: us[i]}), email)
	c, err := f.e.app.AddComment(ctx, "NET", domain.Comment{Entity: domain.CommentOnTask, EntityID: 1, Body: "To delete"})
	if err != nil {
		f.t.Fatal(err)
	}
	return "/api/v1/projects/NET/comments/" + strconv.FormatInt(c.ID, 10), ""
}

// deleteFeedRequest revokes a calendar feed of the caller's own (the
// owner's when nobody is signed in).
func deleteFeedRequest(f *fixture, role string) (string, string) {
	email := map[string]string{"site-admin": "admin@example.com", "non-member": "outsider@example.com",
		"unauthenticated": "owner@example.com"}[role]
	if email == "" {
		email = strings.TrimSuffix(role, "-ro") + "@example.com"
	}
	us, err := f.e.app.Users(context.Background(), store.Page{})
	if err != nil {
		f.t.Fatal(err)
	}
	i := slices.IndexFunc(us, func(u domain.User) bool { return u.Email == email })
	ctx := app.WithPrincipal(context.Background(), app.Principal{User: us[i]})
	_, feed, err := f.e.app.CreateFeed(ctx, app.NewFeed{Name: "to revoke"})
	if err != nil {
		f.t.Fatal(err)
	}
	return "/api/v1/feeds/" + strconv.FormatInt(feed.ID, 10), ""
}

// TestAuthorizationMatrix calls every registered route as every kind of
// caller and checks the answer: allowed gives 2xx, not signed in 401, not
// allowed 403, and a project the caller is not a member of 404. The route
// list comes from the server, so a new route without rules here fails.
func TestAuthorizationMatrix(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { authorizationMatrix(t, newAuthEnv(t, b.open(t), server.Options{Demo: demoStub})) })
	}
}

func demoStub(context.Context) (string, error) { return "NET", nil }

func authorizationMatrix(t *testing.T, e *authEnv) {
	users := map[string]string{"site-admin": "admin", "non-member": "outsider", "viewer": "viewer", "member": "member",
		"manager": "manager", "owner": "owner"}
	for _, u := range []string{"admin", "outsider", "viewer", "member", "manager", "owner", "extra", "guest"} {
		e.addUser(u+"@example.com", u == "admin")
	}
	f := &fixture{t: t, e: e, tokens: map[string]who{"unauthenticated": {}}}
	for role, u := range users {
		f.tokens[role] = who{bearer: e.token(u+"@example.com", false)}
	}
	f.tokens["owner-ro"] = who{bearer: e.token("owner@example.com", true)}
	f.owner = f.tokens["owner"]
	f.project("NET")
	f.task()
	f.link() // tasks 2 and 3, link 1 (task 1 is the first)

	routes := e.srv.Routes()
	seen := map[string]bool{}
	for _, rt := range routes {
		pattern := strings.TrimSpace(rt.Method + " " + rt.Path)
		seen[pattern] = true
		rule, ok := routeRules[pattern]
		if !ok {
			t.Errorf("route %s has no rule in this test: add it to routeRules and requests", pattern)
			continue
		}
		declared := string(rt.Action)
		if rt.Public {
			declared = "public"
		} else if declared == "" {
			declared = "user"
		}
		if declared != rule {
			t.Errorf("route %s: the server's table says %q, this test expects %q", pattern, declared, rule)
		}
		if rule == "public" {
			continue
		}
		req, ok := requests[pattern]
		if !ok {
			t.Errorf("route %s has no request in this test", pattern)
			continue
		}
		for _, role := range roles {
			path, body := req(f, role)
			as := f.tokens[role]
			ui := !strings.HasPrefix(path, "/api/")
			headers := []string{}
			if ui {
				as.html = true
				if rt.Method == "POST" {
					headers = []string{"Content-Type", "application/x-www-form-urlencoded"}
				}
			}
			method := rt.Method
			if method == "" {
				method = "GET"
			}
			r := e.do(as, method, path, body, headers...)
			want := expect(rule, role)
			if got := classify(r, ui, pattern); got != want {
				t.Errorf("%s as %s: got %s (status %d %s), want %s\n%.300s", pattern, role, got, r.status,
					r.header.Get("Location"), want, r.body)
			}
		}
	}
	for pattern := range routeRules {
		if !seen[pattern] {
			t.Errorf("routeRules has %s, which the server does not register", pattern)
		}
	}
}

// classify reads a response as an outcome. Pages answer "not signed in"
// with a redirect to the sign-in page.
func classify(r response, ui bool, pattern string) outcome {
	loc := r.header.Get("Location")
	switch {
	case ui && r.status == http.StatusSeeOther && strings.HasPrefix(loc, "/login?next="):
		return unauthorized
	case pattern == "/api/" && r.status == 404 && strings.Contains(string(r.body), "route_not_found"):
		return allowed
	case r.status >= 200 && r.status < 300, ui && r.status >= 300 && r.status < 400:
		return allowed
	}
	return outcome(strconv.Itoa(r.status))
}
