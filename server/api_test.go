package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/demo"
	"github.com/cairnpm/cairn/server"
	"github.com/cairnpm/cairn/store"
	"github.com/cairnpm/cairn/store/sqlite"
)

// newServer starts the real handler on a loopback port over a fresh
// SQLite file.
func newServer(t *testing.T) *httptest.Server {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "cairn.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	srv, err := server.New(app.New(st, nil), discard(), server.Options{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts
}

type client struct {
	t    *testing.T
	base string
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("response is not JSON: %v\n%s", err, r.body)
	}
	return m
}

func (c client) do(method, path, body string, headers ...string) response {
	c.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{status: res.StatusCode, header: res.Header, body: b}
}

func (c client) must(status int, method, path, body string, headers ...string) map[string]any {
	c.t.Helper()
	r := c.do(method, path, body, headers...)
	if r.status != status {
		c.t.Fatalf("%s %s: status %d, want %d\n%s", method, path, r.status, status, r.body)
	}
	if len(r.body) == 0 {
		return nil
	}
	return r.json(c.t)
}

func num(v any) int64 { return int64(v.(float64)) }

func TestProjectLifecycle(t *testing.T) {
	c := client{t, newServer(t).URL}
	p := c.must(201, "POST", "/api/v1/projects", `{"key":"NET","name":"Office network upgrade","start":"2027-01-04"}`)
	if p["key"] != "NET" || p["start"] != "2027-01-04" || p["hours_per_day"] != 8.0 {
		t.Fatalf("created %v", p)
	}
	got := c.do("GET", "/api/v1/projects/NET", "")
	if got.status != 200 || got.header.Get("ETag") != `"2"` {
		t.Fatalf("GET: %d etag %q", got.status, got.header.Get("ETag"))
	}
	c.must(200, "PATCH", "/api/v1/projects/NET", `{"sponsor":"CIO","budget":"180000.00"}`, "If-Match", `"2"`)
	stale := c.must(412, "PATCH", "/api/v1/projects/NET", `{"sponsor":"CFO"}`, "If-Match", `"2"`)
	if num(stale["current_version"]) != 3 {
		t.Fatalf("412 body %v lacks current version 3", stale)
	}
	list := c.must(200, "GET", "/api/v1/projects", "")
	if ps := list["projects"].([]any); len(ps) != 1 || ps[0].(map[string]any)["budget"] != "180000.00" {
		t.Fatalf("list %v", list)
	}
	c.must(204, "DELETE", "/api/v1/projects/NET", "")
	c.must(404, "GET", "/api/v1/projects/NET", "")
}

func TestTasksDependenciesSchedule(t *testing.T) {
	c := client{t, newServer(t).URL}
	c.must(201, "POST", "/api/v1/projects", `{"key":"NET","name":"Office network upgrade","start":"2027-01-04"}`)
	phase := c.must(201, "POST", "/api/v1/projects/NET/tasks", `{"name":"Design"}`)
	design := c.must(201, "POST", "/api/v1/projects/NET/tasks", fmt.Sprintf(`{"name":"Survey","duration":"5d","parent":%d}`, num(phase["id"])))
	build := c.must(201, "POST", "/api/v1/projects/NET/tasks", `{"name":"Build","duration":"3d"}`)
	if design["key"] != "NET-2" || design["duration_minutes"] != 2400.0 || num(design["parent"]) != num(phase["id"]) {
		t.Fatalf("task %v", design)
	}
	c.must(201, "POST", "/api/v1/projects/NET/dependencies",
		fmt.Sprintf(`{"predecessor":%d,"successor":%d,"type":"FS","lag":"2d"}`, num(design["id"]), num(build["id"])))

	sched := c.must(200, "GET", "/api/v1/projects/NET/schedule", "")
	rows := map[string]map[string]any{}
	for _, r := range sched["tasks"].([]any) {
		row := r.(map[string]any)
		rows[row["name"].(string)] = row
	}
	want := map[string][2]string{
		"Design": {"2027-01-04T08:00:00", "2027-01-08T17:00:00"},
		"Survey": {"2027-01-04T08:00:00", "2027-01-08T17:00:00"},
		"Build":  {"2027-01-13T08:00:00", "2027-01-15T17:00:00"},
	}
	for name, w := range want {
		r := rows[name]
		if r["start"] != w[0] || r["finish"] != w[1] || r["critical"] != true || r["total_float_minutes"] != 0.0 {
			t.Errorf("%s: %v, want %v critical", name, r, w)
		}
	}
	for _, k := range []string{"id", "uid", "early_start", "early_finish", "late_start", "late_finish", "free_float_minutes", "summary", "milestone"} {
		if _, ok := rows["Build"][k]; !ok {
			t.Errorf("schedule row lacks %q", k)
		}
	}
	if rows["Design"]["summary"] != true || sched["finish"] != "2027-01-15T17:00:00" {
		t.Errorf("summary/finish wrong: %v", sched)
	}

	// An edit moves the successor.
	c.must(200, "PATCH", fmt.Sprintf("/api/v1/projects/NET/tasks/%d", num(design["id"])), `{"duration":"6d"}`)
	sched = c.must(200, "GET", "/api/v1/projects/NET/schedule", "")
	for _, r := range sched["tasks"].([]any) {
		if row := r.(map[string]any); row["name"] == "Build" && row["start"] != "2027-01-14T08:00:00" {
			t.Errorf("after lengthening Survey, Build starts %v", row["start"])
		}
	}
}

func TestBadInput(t *testing.T) {
	c := client{t, newServer(t).URL}
	c.must(201, "POST", "/api/v1/projects", `{"key":"NET","name":"Net","start":"2027-01-04"}`)
	a := c.must(201, "POST", "/api/v1/projects/NET/tasks", `{"name":"A","duration":"1d"}`)
	b := c.must(201, "POST", "/api/v1/projects/NET/tasks", `{"name":"B","duration":"1d"}`)
	c.must(201, "POST", "/api/v1/projects/NET/dependencies", fmt.Sprintf(`{"predecessor":%d,"successor":%d}`, num(a["id"]), num(b["id"])))
	tests := []struct {
		name, method, path, body string
		status                   int
		code, field, detail      string
	}{
		{"malformed JSON", "POST", "/api/v1/projects", `{"key":`, 400, "malformed_json", "", "not valid JSON"},
		{"wrong type", "POST", "/api/v1/projects", `{"key":"OPS","name":7,"start":"2027-01-04"}`, 400, "wrong_type", "name", "must be a string"},
		{"unknown field", "POST", "/api/v1/projects", `{"key":"OPS","nme":"x","start":"2027-01-04"}`, 400, "unknown_field", "nme", "unknown field"},
		{"duplicate key", "POST", "/api/v1/projects", `{"key":"NET","name":"Again","start":"2027-01-04"}`, 409, "duplicate", "key", "already exists"},
		{"bad key", "POST", "/api/v1/projects", `{"key":"n","name":"x","start":"2027-01-04"}`, 400, "invalid_key", "key", "capital letters"},
		{"bad date", "POST", "/api/v1/projects", `{"key":"OPS","name":"x","start":"4 Jan"}`, 400, "invalid_date", "start", "YYYY-MM-DD"},
		{"unknown project", "GET", "/api/v1/projects/NOPE", "", 404, "project_not_found", "", "does not exist"},
		{"bad duration", "POST", "/api/v1/projects/NET/tasks", `{"name":"C","duration":"5x"}`, 400, "invalid_duration", "duration", "try 5d"},
		{"unknown parent", "POST", "/api/v1/projects/NET/tasks", `{"name":"C","parent":999}`, 400, "unknown_parent", "parent", "does not exist"},
		{"unknown task in link", "POST", "/api/v1/projects/NET/dependencies", fmt.Sprintf(`{"predecessor":%d,"successor":999}`, num(a["id"])), 400, "unknown_task", "successor", "not a task"},
		{"cycle", "POST", "/api/v1/projects/NET/dependencies", fmt.Sprintf(`{"predecessor":%d,"successor":%d}`, num(b["id"]), num(a["id"])), 400, "dependency_cycle", "dependencies", `"A" → "B" → "A"`},
		{"duplicate link", "POST", "/api/v1/projects/NET/dependencies", fmt.Sprintf(`{"predecessor":%d,"successor":%d}`, num(a["id"]), num(b["id"])), 409, "duplicate", "", "already exists"},
		{"bad link type", "POST", "/api/v1/projects/NET/dependencies", fmt.Sprintf(`{"predecessor":%d,"successor":%d,"type":"XX"}`, num(b["id"]), num(a["id"])), 400, "invalid_dependency_type", "type", "FS, SS, FF or SF"},
		{"bad lag", "POST", "/api/v1/projects/NET/dependencies", fmt.Sprintf(`{"predecessor":%d,"successor":%d,"lag":"soon"}`, num(b["id"]), num(a["id"])), 400, "invalid_lag", "lag", "try 2d"},
		{"bad limit", "GET", "/api/v1/projects?limit=0", "", 400, "invalid_limit", "limit", "1 to 1000"},
		{"bad cursor", "GET", "/api/v1/projects?cursor=zzz", "", 400, "invalid_cursor", "cursor", "start again"},
		{"unknown task", "GET", "/api/v1/projects/NET/tasks/999", "", 404, "task_not_found", "", "does not exist"},
		{"unknown route", "GET", "/api/v1/nothing", "", 404, "route_not_found", "", "not an API route"},
		{"trailing data", "POST", "/api/v1/projects", `{"key":"OPS","name":"x","start":"2027-01-04"} {}`, 400, "malformed_json", "", "after the JSON"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := c.do(tc.method, tc.path, tc.body)
			if r.status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.status, tc.status, r.body)
			}
			if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
				t.Fatalf("content type %q", ct)
			}
			p := r.json(t)
			if p["code"] != tc.code || (tc.field != "" && p["field"] != tc.field) || !strings.Contains(p["detail"].(string), tc.detail) {
				t.Fatalf("problem %v, want code %s field %s detail ~%q", p, tc.code, tc.field, tc.detail)
			}
		})
	}
	// Nothing was half-written: still two tasks, one link, one project.
	if ts := c.must(200, "GET", "/api/v1/projects/NET/tasks", "")["tasks"].([]any); len(ts) != 2 {
		t.Errorf("%d tasks after bad input, want 2", len(ts))
	}
	if ds := c.must(200, "GET", "/api/v1/projects/NET/dependencies", "")["dependencies"].([]any); len(ds) != 1 {
		t.Errorf("%d links after bad input, want 1", len(ds))
	}
}

func TestPagination(t *testing.T) {
	c := client{t, newServer(t).URL}
	c.must(201, "POST", "/api/v1/projects", `{"key":"NET","name":"Net","start":"2027-01-04"}`)
	for i := range 7 {
		c.must(201, "POST", "/api/v1/projects/NET/tasks", fmt.Sprintf(`{"name":"T%d"}`, i))
	}
	var names []string
	path := "/api/v1/projects/NET/tasks?limit=3"
	for pages := 0; path != ""; pages++ {
		if pages > 5 {
			t.Fatal("pagination does not end")
		}
		res := c.must(200, "GET", path, "")
		for _, tk := range res["tasks"].([]any) {
			names = append(names, tk.(map[string]any)["name"].(string))
		}
		path = ""
		if cur, ok := res["next_cursor"].(string); ok && cur != "" {
			path = "/api/v1/projects/NET/tasks?limit=3&cursor=" + cur
		}
	}
	if strings.Join(names, ",") != "T0,T1,T2,T3,T4,T5,T6" {
		t.Fatalf("pages gave %v", names)
	}
}

func TestHealthMetricsAndHome(t *testing.T) {
	ts := newServer(t)
	c := client{t, ts.URL}
	if r := c.do("GET", "/healthz", ""); r.status != 200 {
		t.Fatalf("healthz %d", r.status)
	}
	c.do("GET", "/api/v1/projects", "")
	m := c.do("GET", "/metrics", "")
	if m.status != 200 || !bytes.Contains(m.body, []byte(`cairn_http_requests_total{code="200",method="GET",route="GET /api/v1/projects"}`)) {
		t.Fatalf("metrics lack the request counter:\n%s", m.body)
	}
	home := c.do("GET", "/", "")
	if home.status != 200 || !bytes.Contains(home.body, []byte("There are no projects yet")) {
		t.Fatalf("home page: %d\n%s", home.status, home.body)
	}
	if csp := home.header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Fatalf("CSP %q", csp)
	}
	c.must(201, "POST", "/api/v1/projects", `{"key":"NET","name":"Office network upgrade","start":"2027-01-04"}`)
	c.must(201, "POST", "/api/v1/projects/NET/tasks", `{"name":"Order switches","duration":"2d"}`)
	home = c.do("GET", "/", "")
	if !bytes.Contains(home.body, []byte("Office network upgrade")) || !bytes.Contains(home.body, []byte("Order switches")) {
		t.Fatalf("home page does not list the project and its tasks:\n%s", home.body)
	}
	page := c.do("GET", "/projects/NET", "")
	if page.status != 200 || !bytes.Contains(page.body, []byte("NET-1")) {
		t.Fatalf("project page: %d\n%s", page.status, page.body)
	}
}

func TestPlanImportExport(t *testing.T) {
	c := client{t, newServer(t).URL}
	plan := "project:\n  key: OPS\n  name: Server refresh\n  start: 2027-03-01\ntasks:\n  - id: order\n    name: Order servers\n    duration: 10d\n  - id: rack\n    name: Rack servers\n    duration: 2d\n    after: order SS +5d\n"
	created := c.must(201, "POST", "/api/v1/plans?filename=ops.yaml", plan, "Content-Type", "application/yaml")
	if created["key"] != "OPS" {
		t.Fatalf("created %v", created)
	}
	r := c.do("GET", "/api/v1/projects/OPS/plan", "")
	if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "application/yaml") {
		t.Fatalf("export: %d %s", r.status, r.header.Get("Content-Type"))
	}
	if !bytes.Contains(r.body, []byte("after: order SS +5d")) && !bytes.Contains(r.body, []byte("order SS 5d")) {
		t.Fatalf("export lost the link:\n%s", r.body)
	}
	// Re-import the export under another key: same schedule.
	again := bytes.Replace(r.body, []byte("key: OPS"), []byte("key: OPS2"), 1)
	c.must(201, "POST", "/api/v1/plans", string(again))
	a := c.must(200, "GET", "/api/v1/projects/OPS/schedule", "")
	b := c.must(200, "GET", "/api/v1/projects/OPS2/schedule", "")
	if a["finish"] != b["finish"] || a["finish"] != "2027-03-12T17:00:00" {
		t.Fatalf("finish %v vs %v", a["finish"], b["finish"])
	}
	bad := c.must(400, "POST", "/api/v1/plans?filename=bad.yaml", strings.Replace(plan, "10d", "10x", 1))
	if !strings.Contains(bad["detail"].(string), "bad.yaml:8") {
		t.Fatalf("plan error does not name file:line: %v", bad)
	}
	c.must(409, "POST", "/api/v1/plans", plan)
}

func TestGanttSVG(t *testing.T) {
	c := client{t, newServer(t).URL}
	c.must(201, "POST", "/api/v1/projects", `{"key":"NET","name":"Net <upgrade>","start":"2027-01-04"}`)
	c.must(201, "POST", "/api/v1/projects/NET/tasks", `{"name":"Order","duration":"2d"}`)
	r := c.do("GET", "/projects/NET/gantt.svg", "")
	if r.status != 200 || r.header.Get("Content-Type") != "image/svg+xml" || !bytes.Contains(r.body, []byte("<svg")) {
		t.Fatalf("gantt: %d %s", r.status, r.header.Get("Content-Type"))
	}
	if !bytes.Contains(r.body, []byte("Net &lt;upgrade&gt;")) {
		t.Fatal("project name not escaped in the SVG")
	}
}

func TestDemoBanner(t *testing.T) {
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "cairn.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a := app.New(st, nil)
	srv, err := server.New(a, discard(), server.Options{Demo: func(ctx context.Context) (string, error) {
		plan, err := demo.Plan()
		if err != nil {
			return "", err
		}
		p, err := a.ImportPlan(ctx, plan)
		return p.Key, err
	}})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	home, _ := http.Get(ts.URL + "/")
	body, _ := io.ReadAll(home.Body)
	home.Body.Close()
	if !bytes.Contains(body, []byte(`action="/demo"`)) {
		t.Fatalf("empty home page offers no demo:\n%s", body)
	}
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := noRedirect.Post(ts.URL+"/demo", "application/x-www-form-urlencoded", nil)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/projects/NET" {
		t.Fatalf("POST /demo: %d → %s", res.StatusCode, res.Header.Get("Location"))
	}
	page, _ := http.Get(ts.URL + "/projects/NET")
	body, _ = io.ReadAll(page.Body)
	page.Body.Close()
	if page.StatusCode != 200 || !bytes.Contains(body, []byte("Office network upgrade")) || !bytes.Contains(body, []byte("critical")) {
		t.Fatalf("demo project page: %d", page.StatusCode)
	}
	// A second click does not duplicate it.
	res, _ = noRedirect.Post(ts.URL+"/demo", "application/x-www-form-urlencoded", nil)
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("second POST /demo: %d", res.StatusCode)
	}
	if ps, _ := a.Projects(context.Background(), store.Page{}); len(ps) != 1 {
		t.Fatalf("%d projects after two demo clicks", len(ps))
	}
}

func TestBaselineVariance(t *testing.T) {
	c := client{t, newServer(t).URL}
	c.must(201, "POST", "/api/v1/projects", `{"key":"NET","name":"Net","start":"2027-01-04"}`)
	a := c.must(201, "POST", "/api/v1/projects/NET/tasks", `{"name":"Order","duration":"2d"}`)
	c.must(201, "POST", "/api/v1/projects/NET/tasks", `{"name":"Install","duration":"3d"}`)
	saved := c.must(201, "POST", "/api/v1/projects/NET/baselines", `{"number":1}`)
	if saved["tasks"] != 2.0 {
		t.Fatalf("saved %v", saved)
	}
	c.must(200, "PATCH", fmt.Sprintf("/api/v1/projects/NET/tasks/%d", num(a["id"])), `{"duration":"4d"}`)
	v := c.must(200, "GET", "/api/v1/projects/NET/variance?baseline=1", "")
	row := v["tasks"].([]any)[0].(map[string]any)
	if row["name"] != "Order" || row["finish_variance_minutes"] != 960.0 || row["duration_variance_minutes"] != 960.0 || row["start_variance_minutes"] != 0.0 {
		t.Fatalf("variance %v", row)
	}
	if empty := c.must(200, "GET", "/api/v1/projects/NET/variance?baseline=2", ""); len(empty["tasks"].([]any)) != 0 {
		t.Fatalf("baseline 2 was never saved: %v", empty)
	}
	c.must(400, "POST", "/api/v1/projects/NET/baselines", `{"number":11}`)
	c.must(400, "GET", "/api/v1/projects/NET/variance?baseline=x", "")
}

func TestAuditTrail(t *testing.T) {
	c := client{t, newServer(t).URL}
	c.must(201, "POST", "/api/v1/projects", `{"key":"NET","name":"Net","start":"2027-01-04"}`)
	tk := c.must(201, "POST", "/api/v1/projects/NET/tasks", `{"name":"Order switches","duration":"2d"}`)
	path := fmt.Sprintf("/api/v1/projects/NET/tasks/%d", num(tk["id"]))
	c.must(200, "PATCH", path, `{"duration":"3d","name":"Order core switches"}`)
	c.must(200, "PATCH", path, `{"duration":"3d"}`) // no change: no event
	c.must(400, "PATCH", path, `{"duration":"3x"}`) // refused: no event
	h := c.must(200, "GET", path+"/history", "")
	evs := h["events"].([]any)
	if len(evs) != 2 {
		t.Fatalf("history has %d events, want 2 (create, update): %v", len(evs), evs)
	}
	upd := evs[1].(map[string]any)
	changes := upd["changes"].([]any)
	want := map[string][2]string{"name": {"Order switches", "Order core switches"}, "duration": {"2d", "3d"}}
	if upd["action"] != "update" || upd["actor"] != "anonymous" || len(changes) != 2 {
		t.Fatalf("update event %v", upd)
	}
	for _, ch := range changes {
		m := ch.(map[string]any)
		if w := want[m["field"].(string)]; m["old"] != w[0] || m["new"] != w[1] {
			t.Errorf("change %v, want %v", m, w)
		}
	}
	all := c.must(200, "GET", "/api/v1/projects/NET/changes?since=2000-01-01", "")
	if n := len(all["events"].([]any)); n != 3 {
		t.Fatalf("project changes: %d events, want 3 (project, task create, task update)", n)
	}
	future := c.must(200, "GET", "/api/v1/projects/NET/changes?since=2999-01-01T00:00:00Z", "")
	if n := len(future["events"].([]any)); n != 0 {
		t.Fatalf("changes since the future: %d", n)
	}
	c.must(400, "GET", "/api/v1/projects/NET/changes?since=monday", "")
}

func TestLoadEndpoint(t *testing.T) {
	c := client{t, newServer(t).URL}
	plan := "project:\n  key: OPS\n  name: Ops\n  start: 2027-03-01\nresources:\n  - id: ann\n    name: Ann\ntasks:\n  - id: a\n    name: A\n    duration: 3d\n    assign: ann\n  - id: b\n    name: B\n    duration: 2d\n    assign: ann\n"
	c.must(201, "POST", "/api/v1/plans", plan)
	l := c.must(200, "GET", "/api/v1/projects/OPS/load?per=day", "")
	over := l["over_allocations"].([]any)
	if len(over) != 1 || over[0].(map[string]any)["name"] != "Ann" || over[0].(map[string]any)["peak_units"] != 2.0 {
		t.Fatalf("over-allocations %v", over)
	}
	if res := l["resources"].([]any); len(res) != 1 || len(res[0].(map[string]any)["periods"].([]any)) < 3 {
		t.Fatalf("resources %v", res)
	}
	c.must(400, "GET", "/api/v1/projects/OPS/load?per=month", "")
}

// TestLevelEndpoint levels a plan in which Ann has two tasks at once: the
// preview sequences them, says which task waited for whom, and stores
// nothing — the schedule and the load are unchanged afterwards.
func TestLevelEndpoint(t *testing.T) {
	c := client{t, newServer(t).URL}
	plan := "project:\n  key: OPS\n  name: Ops\n  start: 2027-03-01\nresources:\n  - id: ann\n    name: Ann\ntasks:\n  - id: a\n    name: A\n    duration: 3d\n    assign: ann\n  - id: b\n    name: B\n    duration: 2d\n    assign: ann\n"
	c.must(201, "POST", "/api/v1/plans", plan)
	l := c.must(200, "GET", "/api/v1/projects/OPS/level?seed=7", "")
	var moved []map[string]any
	for _, row := range l["tasks"].([]any) {
		if r := row.(map[string]any); num(r["leveling_delay_minutes"]) > 0 {
			moved = append(moved, r)
		}
	}
	if len(moved) != 1 {
		t.Fatalf("moved %v; want exactly one of the two tasks delayed", moved)
	}
	cause := moved[0]["leveling_cause"].(map[string]any)
	if cause["resource"] != "Ann" || len(cause["with"].([]any)) != 1 {
		t.Errorf("cause %v; want Ann, held by the other task", cause)
	}
	if l["finish"] == l["unlevelled_finish"] || num(moved[0]["leveling_delay_minutes"]) < 2*480 {
		t.Errorf("finish %v, unlevelled %v, delay %v: the tasks should run one after the other", l["finish"], l["unlevelled_finish"], moved[0]["leveling_delay_minutes"])
	}
	if again := c.must(200, "GET", "/api/v1/projects/OPS/level?seed=7", ""); !reflect.DeepEqual(again, l) {
		t.Error("the same seed gave a different levelling")
	}
	if over := c.must(200, "GET", "/api/v1/projects/OPS/load?per=day", "")["over_allocations"].([]any); len(over) != 1 {
		t.Errorf("the preview changed the stored plan: over-allocations now %v", over)
	}
	c.must(400, "GET", "/api/v1/projects/OPS/level?schedules=abc", "")
	c.must(400, "GET", "/api/v1/projects/OPS/level?skip=42", "")
	c.must(404, "GET", "/api/v1/projects/NOPE/level", "")
}

// TestImportEveryFormat uploads a Primavera P6 export and a CSV task list:
// a dry run answers what would be created, with notes on what the file
// held that Cairn does not take, and creates nothing; the real upload
// creates the project.
func TestImportEveryFormat(t *testing.T) {
	c := client{t, newServer(t).URL}
	xer, err := os.ReadFile(filepath.Join("..", "xer", "testdata", "primavera", "testXer.xer"))
	if err != nil {
		t.Fatal(err)
	}
	pv := c.must(200, "POST", "/api/v1/plans?filename=testXer.xer&dry_run=true", string(xer))
	if pv["format"] != "xer" || num(pv["tasks"]) < 50 || len(pv["notes"].([]any)) == 0 {
		t.Errorf("preview %v; want the P6 plan's activities and notes on what was left out", pv)
	}
	if got := c.must(200, "GET", "/api/v1/projects", "")["projects"].([]any); len(got) != 0 {
		t.Fatalf("a dry run created %v", got)
	}
	p := c.must(201, "POST", "/api/v1/plans?filename=testXer.xer", string(xer))
	if p["key"] != pv["key"] {
		t.Errorf("imported as %v, previewed as %v", p["key"], pv["key"])
	}
	c.must(201, "POST", "/api/v1/plans?filename=move.csv", "Name,Duration,Predecessors\nPack,2d,\nMove,1d,1\nUnpack,2d,2\n")
	r := c.do("POST", "/api/v1/plans?filename=move2.csv", "Name,Duration\nPack,two days\n")
	if r.status != 400 || !strings.Contains(string(r.body), "move2.csv:2:") {
		t.Errorf("a bad CSV: %d %s; want 400 naming file:line:column", r.status, r.body)
	}
}
