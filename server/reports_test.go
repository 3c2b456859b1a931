package server_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cairnpm/cairn/demo"
)

// TestReportLifecycle drafts two weekly reports of the demo project,
// overrides a status with its justification, publishes both, and reads
// the diff and the printable page.
func TestReportLifecycle(t *testing.T) {
	c := client{t, newServer(t).URL}
	c.must(201, "POST", "/api/v1/plans?filename="+demo.File, string(demo.Source))
	c.must(201, "POST", "/api/v1/projects/NET/baselines", `{"number":0}`)
	first := c.must(201, "POST", "/api/v1/projects/NET/reports", `{"period_end":"2027-01-08"}`)
	id1 := itoa(num(first["id"]))
	if first["status"] != "draft" || first["report"].(map[string]any)["summary"] == "" {
		t.Fatalf("draft %v", first)
	}
	c.must(200, "POST", "/api/v1/projects/NET/reports/"+id1+"/publish", "")
	// A week later nothing has been reported done: work moves after the
	// status date and the schedule slips.
	second := c.must(201, "POST", "/api/v1/projects/NET/reports", `{"period_end":"2027-01-15"}`)
	id2 := itoa(num(second["id"]))
	rag := second["report"].(map[string]any)["rag"].(map[string]any)
	computed := rag["schedule"].(map[string]any)["level"].(string)
	chosen := "green"
	if computed == "green" {
		chosen = "red"
	}
	edited := c.must(200, "PATCH", "/api/v1/projects/NET/reports/"+id2,
		`{"overrides":[{"area":"schedule","level":"`+chosen+`","justification":"Progress for the week was reported by phone."}]}`)
	s := edited["report"].(map[string]any)["rag"].(map[string]any)["schedule"].(map[string]any)
	if s["level"] != chosen || s["computed"] != computed || s["justification"] != "Progress for the week was reported by phone." {
		t.Errorf("schedule after the override: %v", s)
	}
	c.must(200, "POST", "/api/v1/projects/NET/reports/"+id2+"/publish", "")
	if r := c.do("PATCH", "/api/v1/projects/NET/reports/"+id2, `{"summary":"Changed my mind."}`); r.status != 409 || !strings.Contains(string(r.body), "cannot change") {
		t.Errorf("editing a published report: %d %s", r.status, r.body)
	}
	diff := c.must(200, "GET", "/api/v1/projects/NET/reports/"+id2+"/diff", "")
	if itoa(num(diff["previous"])) != id1 || len(diff["changes"].([]any)) == 0 {
		t.Errorf("diff %v; want changes since report %s", diff, id1)
	}
	page := c.do("GET", "/api/v1/projects/NET/reports/"+id2+"?format=html", "")
	if page.status != 200 || !strings.Contains(string(page.body), "Set by the project manager:") || !strings.Contains(string(page.body), "computed <span class=\"rag "+computed+"\">") {
		t.Errorf("the page does not show both levels: %d\n%.400s", page.status, page.body)
	}
	list := c.must(200, "GET", "/api/v1/projects/NET/reports", "")["reports"].([]any)
	if len(list) != 2 || itoa(num(list[0].(map[string]any)["id"])) != id2 {
		t.Errorf("reports %v; want both, newest first", list)
	}
}

// TestReportRatesRegisteredRisks: an open risk in the register with a high
// score makes the report's risk status red, and names it.
func TestReportRatesRegisteredRisks(t *testing.T) {
	c := client{t, newServer(t).URL}
	c.must(201, "POST", "/api/v1/plans?filename="+demo.File, string(demo.Source))
	c.must(201, "POST", "/api/v1/projects/NET/risks", `{"title":"Core switches arrive late","current":{"schedule":{"probability":4,"impact":5}}}`)
	rep := c.must(201, "POST", "/api/v1/projects/NET/reports", `{"period_end":"2027-01-08"}`)["report"].(map[string]any)
	risk := rep["rag"].(map[string]any)["risk"].(map[string]any)
	reasons := fmt.Sprint(risk["reasons"])
	if risk["level"] != "red" || !strings.Contains(reasons, "Core switches arrive late") || !strings.Contains(reasons, "20 of 25") {
		t.Errorf("risk status %v; want red, naming the risk scored 20 of 25", risk)
	}
	if top := rep["risks"].([]any); len(top) != 1 {
		t.Errorf("top risks %v", top)
	}
}
