package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/cairnpm/cairn/server"
)

// riskEnv is a project NET with a plan of four tasks in a row (Design
// 5d, Build 10d, Test 3d, Launch milestone) and a caller of each role.
type riskEnv struct {
	*authEnv
	owner, manager, member, other, viewer who
	tasks                                 map[string]string // name → id
}

func newRiskEnv(t *testing.T, e *authEnv) *riskEnv {
	t.Helper()
	roles := []string{"owner", "manager", "member", "other", "viewer"}
	for _, r := range roles {
		e.addUser(r+"@example.com", false)
	}
	re := &riskEnv{authEnv: e, tasks: map[string]string{}}
	re.owner = who{bearer: e.token("owner@example.com", false)}
	re.manager = who{bearer: e.token("manager@example.com", false)}
	re.member = who{bearer: e.token("member@example.com", false)}
	re.other = who{bearer: e.token("other@example.com", false)}
	re.viewer = who{bearer: e.token("viewer@example.com", false)}
	e.must(201, re.owner, "POST", "/api/v1/projects", `{"key":"NET","name":"Office network","start":"2027-01-04","currency":"GBP"}`)
	for _, m := range []string{`"manager@example.com","role":"manager"`, `"member@example.com","role":"member"`,
		`"other@example.com","role":"member"`, `"viewer@example.com","role":"viewer"`} {
		e.must(201, re.owner, "POST", "/api/v1/projects/NET/members", `{"email":`+m+`}`)
	}
	prev := ""
	for _, tk := range []struct{ name, body string }{
		{"Design", `"duration":"5d"`}, {"Build", `"duration":"10d"`}, {"Test", `"duration":"3d"`}, {"Launch", `"milestone":true`},
	} {
		got := e.must(201, re.owner, "POST", "/api/v1/projects/NET/tasks", `{"name":"`+tk.name+`",`+tk.body+`}`)
		id := fmt.Sprint(num(got["id"]))
		re.tasks[tk.name] = id
		if prev != "" {
			e.must(201, re.owner, "POST", "/api/v1/projects/NET/dependencies", `{"predecessor":`+prev+`,"successor":`+id+`}`)
		}
		prev = id
	}
	return re
}

// TestRiskRegisterAPI walks the register through the API: scoring,
// ownership, hidden costs, history, filters and the heat map.
func TestRiskRegisterAPI(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { riskRegisterAPI(t, newRiskEnv(t, newAuthEnv(t, b.open(t), server.Options{}))) })
	}
}

func riskRegisterAPI(t *testing.T, e *riskEnv) {
	const base = "/api/v1/projects/NET/risks"
	build := e.tasks["Build"]
	// A member adds a risk; they own it.
	r1 := e.must(201, e.member, "POST", base, `{"title":"Switches arrive late","category":"Supply","cause":"One supplier",
		"event":"Delivery slips","effect":"Build waits","initial":{"schedule":{"probability":4,"impact":4}},
		"task_impact":{"probability":30,"tasks":[`+build+`],"delay_min":"2d","delay_max":"10d"}}`)
	id1 := fmt.Sprint(num(r1["id"]))
	if r1["owner"] != "member@example.com" || r1["key"] != "R1" || r1["status"] != "open" {
		t.Fatalf("new risk: %v", r1)
	}
	if sc := r1["score"].(map[string]any); sc["score"] != 16.0 || sc["band"] != "high" || sc["dimension"] != "schedule" {
		t.Errorf("score %v, want schedule 16 high", sc)
	}
	// Members may not set money, nor give the risk away.
	r := e.do(e.member, "PATCH", base+"/"+id1, `{"task_impact":{"cost_max":"1500.00"}}`)
	wantProblem(t, r, 403, "task_impact.cost_min")
	r = e.do(e.member, "PATCH", base+"/"+id1, `{"owner":"other@example.com"}`)
	wantProblem(t, r, 403, "owner")
	// Another member may not change it; a manager may.
	r = e.do(e.other, "PATCH", base+"/"+id1, `{"title":"Mine now"}`)
	wantProblem(t, r, 403, "")
	if !strings.Contains(string(r.body), "not_risk_owner") {
		t.Errorf("another member's edit: %s", r.body)
	}
	e.must(200, e.manager, "PATCH", base+"/"+id1, `{"task_impact":{"cost_min":"0","cost_max":"1500.00"},"current":{"schedule":{"probability":3,"impact":4}}}`)
	e.must(200, e.member, "PATCH", base+"/"+id1, `{"response":"mitigate","response_plan":"Order from two suppliers","actions":[`+e.tasks["Design"]+`]}`)

	// Money is for owners and managers only.
	for _, c := range []struct {
		as   who
		name string
		see  bool
	}{{e.owner, "owner", true}, {e.manager, "manager", true}, {e.member, "member", false}, {e.viewer, "viewer", false}} {
		got := e.must(200, c.as, "GET", base+"/"+id1, "")
		ti := got["task_impact"].(map[string]any)
		if _, ok := ti["cost_max"]; ok != c.see {
			t.Errorf("%s sees cost_max: %v, want %v (%v)", c.name, ok, c.see, ti)
		}
		hist := e.do(c.as, "GET", base+"/"+id1+"/history", "")
		if strings.Contains(string(hist.body), "task_impact_cost") != c.see {
			t.Errorf("%s's history shows the cost change: %v, want %v\n%s", c.name, !c.see, c.see, hist.body)
		}
		changes := e.do(c.as, "GET", "/api/v1/projects/NET/changes", "")
		if strings.Contains(string(changes.body), "1500.00") != c.see {
			t.Errorf("%s's changes show the cost: %v, want %v", c.name, !c.see, c.see)
		}
	}
	hist := e.must(200, e.viewer, "GET", base+"/"+id1+"/history", "")
	if evs := hist["events"].([]any); len(evs) != 3 {
		t.Errorf("history has %d events, want 3 (create, two updates)", len(evs))
	}
	// Viewers read but do not write.
	e.must(200, e.viewer, "GET", base, "")
	wantProblem(t, e.do(e.viewer, "PATCH", base+"/"+id1, `{"title":"x"}`), 403, "")
	wantProblem(t, e.do(e.viewer, "POST", base, `{"title":"x"}`), 403, "")
	wantProblem(t, e.do(e.member, "DELETE", base+"/"+id1, ""), 403, "")

	// Clear errors: where and what.
	wantProblem(t, e.do(e.owner, "POST", base, `{"title":"Bad","current":{"cost":{"probability":7,"impact":1}}}`), 400, "current.cost.probability")
	wantProblem(t, e.do(e.owner, "POST", base, `{"title":"Typo","current":{"cost":{"probabilty":2,"impact":1}}}`), 400, "current.cost.probabilty")
	wantProblem(t, e.do(e.owner, "POST", base, `{"title":"Nobody","owner":"stranger@example.com"}`), 400, "owner")
	wantProblem(t, e.do(e.owner, "POST", base, `{"title":"Summary","task_impact":{"probability":10,"tasks":[`+e.tasks["Launch"]+`]}}`), 400, "task_impact.tasks")
	wantProblem(t, e.do(e.owner, "POST", base, `{"title":"Elapsed","task_impact":{"probability":10,"tasks":[`+build+`],"delay_max":"3ed"}}`), 400, "task_impact.delay_max")
	wantProblem(t, e.do(e.owner, "POST", base, `{"title":"","status":"maybe"}`), 400, "status")

	// A second risk, then the register's filters and order.
	r2 := e.must(201, e.manager, "POST", base, `{"title":"Key engineer leaves","category":"People","owner":"other@example.com",
		"current":{"quality":{"probability":5,"impact":5}},"proximity":"2027-02-01"}`)
	id2 := fmt.Sprint(num(r2["id"]))
	keys := func(as who, query string) string {
		t.Helper()
		got := e.must(200, as, "GET", base+query, "")
		var ks []string
		for _, x := range got["risks"].([]any) {
			ks = append(ks, x.(map[string]any)["key"].(string))
		}
		return strings.Join(ks, ",")
	}
	for query, want := range map[string]string{"": "R1,R2", "?sort=score": "R2,R1", "?owner=member@example.com": "R1",
		"?category=people": "R2", "?status=occurred": "", "?sort=proximity": "R2,R1"} {
		if got := keys(e.viewer, query); got != want {
			t.Errorf("GET risks%s: %s, want %s", query, got, want)
		}
	}
	wantProblem(t, e.do(e.viewer, "GET", base+"?sort=colour", ""), 400, "sort")
	// It occurs: it goes to the issue log with today's date and its owner acting.
	occ := e.must(200, e.manager, "PATCH", base+"/"+id2, `{"status":"occurred","resolution":"Contractor hired"}`)
	if occ["occurred_on"] == nil || occ["action_owner"] != "other@example.com" {
		t.Errorf("occurred risk: occurred_on %v, action_owner %v", occ["occurred_on"], occ["action_owner"])
	}
	if got := keys(e.viewer, "?status=occurred"); got != "R2" {
		t.Errorf("issue log: %s", got)
	}

	// The heat map counts risks in their cells.
	svg := e.do(e.viewer, "GET", base+"/heatmap.svg?status=all", "")
	if svg.status != 200 || svg.header.Get("Content-Type") != "image/svg+xml" {
		t.Fatalf("heat map: %d %s\n%.300s", svg.status, svg.header.Get("Content-Type"), svg.body)
	}
	for _, want := range []string{"Probability 3, impact 4 (score 12, high): R1 Switches arrive late", "Probability 5, impact 5 (score 25, high): R2"} {
		if !bytes.Contains(svg.body, []byte(want)) {
			t.Errorf("heat map lacks %q", want)
		}
	}
	wantProblem(t, e.do(e.viewer, "GET", base+"/heatmap.svg?dimension=colour", ""), 400, "dimension")

	// The matrix cannot shrink under a score.
	m := e.must(200, e.viewer, "GET", "/api/v1/projects/NET/risk-matrix", "")
	if m["size"] != 5.0 {
		t.Errorf("default matrix %v", m)
	}
	wantProblem(t, e.do(e.owner, "PATCH", "/api/v1/projects/NET/risk-matrix", `{"size":4}`), 400, "size")
	wantProblem(t, e.do(e.member, "PATCH", "/api/v1/projects/NET/risk-matrix", `{"size":6}`), 403, "")
	m = e.must(200, e.owner, "PATCH", "/api/v1/projects/NET/risk-matrix", `{"size":6,"thresholds":{"medium":6,"high":15}}`)
	if m["size"] != 6.0 || m["thresholds"].(map[string]any)["high"] != 15.0 {
		t.Errorf("matrix after PATCH: %v", m)
	}
	e.must(204, e.manager, "DELETE", base+"/"+id2, "")
	e.must(404, e.viewer, "GET", base+"/"+id2, "")
}

// wantProblem checks a problem answer's status and, if given, its field.
func wantProblem(t *testing.T, r response, status int, field string) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d\n%s", r.status, status, r.body)
	}
	if field == "" {
		return
	}
	var p struct {
		Field string `json:"field"`
	}
	if err := json.Unmarshal(r.body, &p); err != nil || p.Field != field {
		t.Errorf("problem names field %q, want %q\n%s", p.Field, field, r.body)
	}
}

// TestSimulateAPI sets estimates, a correlation group and a risk's task
// impact through the API and runs the simulation: its P80 is later than
// the schedule's finish, the same seed gives the same answer, and the
// cost distribution is for those who may see costs.
func TestSimulateAPI(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { simulateAPI(t, newRiskEnv(t, newAuthEnv(t, b.open(t), server.Options{}))) })
	}
}

func simulateAPI(t *testing.T, e *riskEnv) {
	const base = "/api/v1/projects/NET"
	design, build, test := e.tasks["Design"], e.tasks["Build"], e.tasks["Test"]
	e.must(200, e.member, "PUT", base+"/tasks/"+design+"/estimate", `{"distribution":"pert","optimistic":"4d","most_likely":"5d","pessimistic":"9d"}`)
	e.must(200, e.member, "PUT", base+"/tasks/"+build+"/estimate", `{"optimistic":"8d","most_likely":"10d","pessimistic":"16d"}`)
	est := e.must(200, e.member, "PUT", base+"/tasks/"+test+"/estimate", `{"distribution":"uniform","optimistic":"2d","pessimistic":"5d"}`)
	if est["optimistic"] != "2d" || est["pessimistic_minutes"] != 2400.0 || est["most_likely"] != nil {
		t.Errorf("uniform estimate: %v", est)
	}
	wantProblem(t, e.do(e.member, "PUT", base+"/tasks/"+e.tasks["Launch"]+"/estimate", `{"optimistic":"1d","most_likely":"1d","pessimistic":"2d"}`), 400, "task")
	wantProblem(t, e.do(e.member, "PUT", base+"/tasks/"+test+"/estimate", `{"optimistic":"2ed","most_likely":"3ed","pessimistic":"5ed"}`), 400, "most_likely")
	wantProblem(t, e.do(e.member, "PUT", base+"/tasks/"+test+"/estimate", `{"optimistic":"5d","most_likely":"3d","pessimistic":"4d"}`), 400, "pessimistic")
	wantProblem(t, e.do(e.viewer, "PUT", base+"/tasks/"+test+"/estimate", `{"distribution":"uniform","optimistic":"2d","pessimistic":"5d"}`), 403, "")
	if got := e.must(200, e.viewer, "GET", base+"/estimates", ""); len(got["estimates"].([]any)) != 3 {
		t.Errorf("estimates: %v", got)
	}
	hist := e.must(200, e.viewer, "GET", base+"/tasks/"+test+"/history", "")
	if !strings.Contains(fmt.Sprint(hist), "uniform 2d 5d") {
		t.Errorf("the task's history does not show its estimate: %v", hist)
	}
	g := e.must(201, e.member, "POST", base+"/correlation-groups", `{"name":"Design team","correlation":0.6,"tasks":[`+design+`,`+build+`]}`)
	wantProblem(t, e.do(e.member, "POST", base+"/correlation-groups", `{"name":"Again","correlation":0.2,"tasks":[`+build+`,`+test+`]}`), 409, "tasks")
	wantProblem(t, e.do(e.member, "POST", base+"/correlation-groups", `{"name":"Too much","correlation":1.5,"tasks":[`+test+`,`+design+`]}`), 400, "correlation")
	e.must(200, e.member, "PATCH", base+"/correlation-groups/"+fmt.Sprint(num(g["id"])), `{"correlation":0.5}`)
	e.must(201, e.manager, "POST", base+"/risks", `{"title":"Switches arrive late","task_impact":{"probability":40,"tasks":[`+build+`],"delay_min":"2d","delay_max":"8d","cost_min":"500","cost_max":"2000.00"}}`)
	closed := e.must(201, e.manager, "POST", base+"/risks", `{"title":"Closed risk","status":"closed","task_impact":{"probability":100,"tasks":[`+build+`],"delay_min":"50d"}}`)

	sched := e.must(200, e.viewer, "GET", base+"/schedule", "")
	finish := sched["finish"].(string)
	q := "/simulate?iterations=2000&seed=7&target=" + finish[:10]
	first := e.do(e.viewer, "GET", base+q, "")
	if first.status != 200 {
		t.Fatalf("simulate: %d\n%s", first.status, first.body)
	}
	var doc struct {
		Iterations    int    `json:"iterations"`
		PlannedFinish string `json:"planned_finish"`
		Finish        struct{ P50, P80 string }
		Target        struct{ Probability float64 }
		Cost          json.RawMessage `json:"cost"`
		Risks         []struct {
			ID       string
			Occurred float64
		}
	}
	if err := json.Unmarshal(first.body, &doc); err != nil {
		t.Fatal(err)
	}
	t.Logf("planned %s, P50 %s, P80 %s, %.0f%% by the planned date", finish, doc.Finish.P50, doc.Finish.P80, 100*doc.Target.Probability)
	if doc.Iterations != 2000 || doc.PlannedFinish != finish {
		t.Errorf("iterations %d, planned finish %s (schedule: %s)", doc.Iterations, doc.PlannedFinish, finish)
	}
	if doc.Finish.P80 <= finish || doc.Finish.P80 < doc.Finish.P50 {
		t.Errorf("P80 %s is not later than the deterministic finish %s (P50 %s)", doc.Finish.P80, finish, doc.Finish.P50)
	}
	if doc.Target.Probability <= 0 || doc.Target.Probability >= 0.8 {
		t.Errorf("probability of finishing by the planned date: %v", doc.Target.Probability)
	}
	if len(doc.Risks) != 1 || doc.Risks[0].ID != "R1" || doc.Risks[0].Occurred < 0.3 || doc.Risks[0].Occurred > 0.5 {
		t.Errorf("risks simulated: %+v (want only the open R1, occurring about 40%% of runs)", doc.Risks)
	}
	if doc.Cost != nil {
		t.Errorf("a viewer sees the cost distribution: %s", doc.Cost)
	}
	if again := e.do(e.viewer, "GET", base+q, ""); !bytes.Equal(again.body, first.body) {
		t.Error("the same seed gave a different simulation")
	}
	if other := e.do(e.viewer, "GET", base+"/simulate?iterations=2000&seed=8", ""); bytes.Equal(other.body, first.body) {
		t.Error("another seed gave the same simulation")
	}
	mine := e.must(200, e.manager, "GET", base+q, "")
	if c, ok := mine["cost"].(map[string]any); !ok || c["currency"] != "GBP" || c["p80"] == nil {
		t.Errorf("a manager's simulation has no cost: %v", mine["cost"])
	}
	svg := e.do(e.viewer, "GET", base+"/simulate/finish.svg?iterations=500", "")
	if svg.status != 200 || svg.header.Get("Content-Type") != "image/svg+xml" || !bytes.Contains(svg.body, []byte("P80")) {
		t.Errorf("finish.svg: %d %s", svg.status, svg.header.Get("Content-Type"))
	}
	wantProblem(t, e.do(e.viewer, "GET", base+"/simulate?iterations=50001", ""), 400, "iterations")
	wantProblem(t, e.do(e.viewer, "GET", base+"/simulate?target=soon", ""), 400, "target")
	// Reopening the closed risk (always, 50 days) moves every run.
	e.must(200, e.manager, "PATCH", base+"/risks/"+fmt.Sprint(num(closed["id"])), `{"status":"open"}`)
	late := e.must(200, e.viewer, "GET", base+"/simulate?iterations=500", "")
	if p10 := late["finish"].(map[string]any)["p10"].(string); p10 <= doc.Finish.P80 {
		t.Errorf("with a certain 50-day delay P10 is %s, not after the earlier P80 %s", p10, doc.Finish.P80)
	}
	e.must(204, e.member, "DELETE", base+"/tasks/"+test+"/estimate", "")
	e.must(404, e.member, "DELETE", base+"/tasks/"+test+"/estimate", "")
	e.must(204, e.member, "DELETE", base+"/correlation-groups/"+fmt.Sprint(num(g["id"])), "")
}

// firstRisk returns the id of the project's first risk, adding one if
// there is none, for the authorization matrix.
func (f *fixture) firstRisk() string {
	got := f.e.must(200, f.owner, "GET", "/api/v1/projects/NET/risks", "")
	if rs := got["risks"].([]any); len(rs) > 0 {
		return fmt.Sprint(num(rs[0].(map[string]any)["id"]))
	}
	return f.risk("")
}

// risk adds a risk owned by owner (the project's owner when "").
func (f *fixture) risk(owner string) string {
	body := fmt.Sprintf(`{"title":"Risk %d"}`, f.next())
	if owner != "" {
		body = fmt.Sprintf(`{"title":"Risk %d","owner":%q}`, f.next(), owner)
	}
	got := f.e.must(201, f.owner, "POST", "/api/v1/projects/NET/risks", body)
	return fmt.Sprint(num(got["id"]))
}

// group adds a correlation group of two new tasks.
func (f *fixture) group() string {
	body := fmt.Sprintf(`{"name":"Group %d","correlation":0.5,"tasks":[%s,%s]}`, f.next(), f.task(), f.task())
	got := f.e.must(201, f.owner, "POST", "/api/v1/projects/NET/correlation-groups", body)
	return fmt.Sprint(num(got["id"]))
}
