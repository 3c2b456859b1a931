package server_test

import (
	"fmt"
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
