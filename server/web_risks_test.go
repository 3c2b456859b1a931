package server_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/cairnpm/cairn/server"
)

// TestRisksPage renders the Risks page as a viewer: the sentence about
// the finish, the charts, the register sorted and filtered, the issue
// log, and the htmx fragment of the table alone.
func TestRisksPage(t *testing.T) {
	e := newRiskEnv(t, newAuthEnv(t, backends[0].open(t), server.Options{}))
	viewer := e.viewer
	viewer.html = true
	page := func(path string, headers ...string) string {
		t.Helper()
		r := e.do(viewer, "GET", path, "", headers...)
		if r.status != 200 {
			t.Fatalf("GET %s: %d\n%.500s", path, r.status, r.body)
		}
		return string(r.body)
	}
	empty := page("/projects/NET/risks")
	for _, want := range []string{"No risks yet.", "No task has a three-point estimate", "No risk has occurred.", `aria-current="page">Risks<`} {
		if !strings.Contains(empty, want) {
			t.Errorf("the empty page lacks %q", want)
		}
	}
	const base = "/api/v1/projects/NET"
	e.must(200, e.member, "PUT", base+"/tasks/"+e.tasks["Build"]+"/estimate", `{"optimistic":"8d","most_likely":"10d","pessimistic":"16d"}`)
	e.must(201, e.member, "POST", base+"/risks", `{"title":"Switches arrive late","category":"Supply","cause":"One supplier","event":"Delivery slips",
		"current":{"schedule":{"probability":4,"impact":4}},"proximity":"2027-02-01","actions":[`+e.tasks["Design"]+`],
		"task_impact":{"probability":30,"tasks":[`+e.tasks["Build"]+`],"delay_min":"2d","delay_max":"5d"}}`)
	e.must(201, e.manager, "POST", base+"/risks", `{"title":"Key engineer leaves","category":"People","owner":"other@example.com",
		"current":{"quality":{"probability":1,"impact":2}},"status":"occurred","resolution":"Contractor hired"}`)

	full := page("/projects/NET/risks")
	sentence := regexp.MustCompile(`There is an 80% chance of finishing by \d{1,2} [A-Z][a-z]+ 2027, and an even chance of finishing by \d{1,2} [A-Z][a-z]+ 2027\.`)
	if !sentence.MatchString(full) {
		t.Errorf("no sentence about the finish in the page:\n%.2000s", full)
	}
	for _, want := range []string{`/api/v1/projects/NET/simulate/finish.svg?iterations=2000&amp;seed=1`, `/api/v1/projects/NET/risks/heatmap.svg`,
		"High: R1", "rating-red", "One supplier → Delivery slips", "Contractor hired", "other@example.com", "NET-1 Design"} {
		if !strings.Contains(full, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if strings.Index(full, "<strong>R1</strong>") > strings.Index(full, "<strong>R2</strong>") {
		t.Error("by number, R1 is not first")
	}
	byScore := page("/projects/NET/risks?sort=-score")
	if strings.Index(byScore, "<strong>R2</strong>") > strings.Index(byScore, "<strong>R1</strong>") || !strings.Contains(byScore, `aria-sort="descending"`) {
		t.Error("lowest score first does not put R2 first")
	}
	occurred := page("/projects/NET/risks?status=occurred")
	if strings.Contains(occurred, "<strong>R1</strong>") || !strings.Contains(occurred, "<strong>R2</strong>") {
		t.Error("the status filter does not keep only R2")
	}
	frag := page("/projects/NET/risks?category=supply", "HX-Request", "true")
	if strings.Contains(frag, "<html") || !strings.Contains(frag, `id="risk-rows"`) || strings.Contains(frag, "<strong>R2</strong>") {
		t.Errorf("the htmx fragment:\n%.800s", frag)
	}
	if strings.Contains(full, "cost_") || strings.Contains(full, "1500") {
		t.Error("the viewer's page shows money")
	}
}
