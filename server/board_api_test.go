package server_test

import (
	"fmt"
	"strings"
	"testing"
)

// TestTaskStatusAndWIPLimits moves a task across the board through the
// API and checks that progress follows, and sets a project's WIP limits.
func TestTaskStatusAndWIPLimits(t *testing.T) {
	ts := newServer(t)
	c := client{t, ts.URL}
	c.must(201, "POST", "/api/v1/projects", `{"key":"NET","name":"Net","start":"2027-01-04"}`)
	tk := c.must(201, "POST", "/api/v1/projects/NET/tasks", `{"name":"Survey","duration":"2d","percent_complete":30}`)
	if tk["status"] != "in_progress" {
		t.Fatalf("a task at 30%% with no status shows %v, want in_progress", tk["status"])
	}
	path := fmt.Sprintf("/api/v1/projects/NET/tasks/%d", num(tk["id"]))
	for _, step := range []struct {
		body, status string
		percent      float64
	}{
		{`{"status":"review"}`, "review", 30},
		{`{"status":"done"}`, "done", 100},
		{`{"percent_complete":80}`, "in_progress", 80},
		{`{"status":"todo","percent_complete":100}`, "todo", 0},
		{`{"status":null,"percent_complete":100}`, "done", 100},
	} {
		got := c.must(200, "PATCH", path, step.body)
		if got["status"] != step.status || got["percent_complete"] != step.percent {
			t.Errorf("PATCH %s: status %v at %v%%, want %s at %v%%", step.body, got["status"], got["percent_complete"], step.status, step.percent)
		}
	}
	if r := c.do("PATCH", path, `{"status":"doing"}`); r.status != 400 {
		t.Errorf("unknown status: %d, want 400", r.status)
	}

	p := c.must(200, "PATCH", "/api/v1/projects/NET", `{"wip_limits":{"in_progress":3,"review":2}}`)
	if l, _ := p["wip_limits"].(map[string]any); len(l) != 2 || l["in_progress"] != 3.0 {
		t.Fatalf("wip_limits %v", p["wip_limits"])
	}
	if r := c.do("PATCH", "/api/v1/projects/NET", `{"wip_limits":{"doing":3}}`); r.status != 400 {
		t.Errorf("a limit for an unknown column: %d, want 400", r.status)
	}
	p = c.must(200, "PATCH", "/api/v1/projects/NET", `{"wip_limits":null}`)
	if l, _ := p["wip_limits"].(map[string]any); len(l) != 0 {
		t.Fatalf("after null, wip_limits %v", p["wip_limits"])
	}
}

// TestPutAssignees sets who works on a task by name, handle and email,
// keeps an unchanged assignment, and refuses unknown people and stale
// versions.
func TestPutAssignees(t *testing.T) {
	c := client{t, newServer(t).URL}
	plan := "project:\n  key: OPS\n  name: Ops\n  start: 2027-03-01\nresources:\n  - id: ann\n    name: Ann Lee\n    email: ann@example.com\n  - id: bo\n    name: Bo Chen\ntasks:\n  - id: rack\n    name: Rack servers\n    duration: 2d\n    assign: ann\n"
	c.must(201, "POST", "/api/v1/plans", plan, "Content-Type", "application/yaml")
	tk := c.must(200, "GET", "/api/v1/projects/OPS/tasks/1", "")
	path := "/api/v1/projects/OPS/tasks/1/assignees"
	got := c.must(200, "PUT", path, `{"assignees":[{"resource":"ANN@example.com"},{"resource":"bo","units":0.5}]}`,
		"If-Match", fmt.Sprintf(`"%d"`, num(tk["version"])))
	list, _ := got["assignees"].([]any)
	if len(list) != 2 || list[0].(map[string]any)["resource"] != "Ann Lee" || list[1].(map[string]any)["units"] != 0.5 {
		t.Fatalf("assignees %v", got)
	}
	if num(got["task_version"]) != num(tk["version"])+1 {
		t.Errorf("task version %v after assigning, want %d", got["task_version"], num(tk["version"])+1)
	}
	c.must(412, "PUT", path, `{"assignees":[]}`, "If-Match", fmt.Sprintf(`"%d"`, num(tk["version"])))
	bad := c.must(400, "PUT", path, `{"assignees":[{"resource":"Cy"}]}`)
	if d, _ := bad["detail"].(string); !strings.Contains(d, "Ann Lee, Bo Chen") {
		t.Errorf("the refusal does not list the resources: %v", bad)
	}
	c.must(200, "PUT", path, `{"assignees":[]}`)
	hist := c.must(200, "GET", "/api/v1/projects/OPS/tasks/1/history", "")
	if !strings.Contains(fmt.Sprint(hist), "Bo Chen [50%]") {
		t.Errorf("the audit trail does not record the assignees: %v", hist)
	}
}
