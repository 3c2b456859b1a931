package server

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/domain"
)

// riskRow is one risk of the register table.
type riskRow struct {
	domain.Risk
	Key         string
	Score       int
	Band        string // low, medium, high; "" when not scored
	ScoreText   string // "3×4 schedule"
	OwnerName   string
	Rating      string // the rating class of the band
	ActionTasks []taskLink
}

// riskSim is what the page says about the simulation.
type riskSim struct {
	Ran            bool
	Reason         string // why it did not run
	Runs           int
	P50, P80       string // dates for people
	Planned        string
	OnTime         int // percent of runs finishing by the planned date
	Sentence       string
	ChartURL       string
	TornadoURL     string
	Events         int // open risks simulated
	UncertainTasks int
}

// webSimRuns is the number of runs the Risks page simulates; the chart
// it shows asks for the same runs and seed, so the two agree.
const webSimRuns = 2000

// risks is the Risks page: the register as a table that sorts and
// filters, the heat map, the issue log, and the simulation's finish
// date with a sentence anyone can read.
func (w *web) risks(rw http.ResponseWriter, r *http.Request) {
	v := w.loadProject(rw, r, "risks")
	if v == nil {
		return
	}
	q := r.URL.Query()
	sortBy, desc := strings.CutPrefix(q.Get("sort"), "-")
	f := app.RiskFilter{Status: domain.RiskStatus(q.Get("status")), Owner: q.Get("owner"), Category: q.Get("category"), Sort: sortBy}
	if f.Status == "all" {
		f.Status = ""
	}
	rv, rs, err := w.s.app.Risks(r.Context(), v.Project.Key, f)
	if err != nil {
		w.renderError(rw, r, err)
		return
	}
	if desc {
		slices.Reverse(rs)
	}
	_, all, err := w.s.app.Risks(r.Context(), v.Project.Key, app.RiskFilter{})
	if err != nil {
		w.renderError(rw, r, err)
		return
	}
	names := map[string]string{}
	if ms, err := w.s.app.Members(r.Context(), v.Project.Key); err == nil {
		for _, m := range ms {
			names[m.Email] = m.Name
		}
	}
	rows, issues := riskRows(v, rv, rs, names), riskRows(v, rv, slices.DeleteFunc(slices.Clone(all), func(k domain.Risk) bool {
		return k.Status != domain.RiskOccurred
	}), names)
	owners, categories := map[string]bool{}, map[string]bool{}
	for _, k := range all {
		if k.Owner != "" {
			owners[k.Owner] = true
		}
		if k.Category != "" {
			categories[k.Category] = true
		}
	}
	filter := url.Values{"status": {q.Get("status")}, "owner": {f.Owner}, "category": {f.Category}}
	if sortBy == "" {
		sortBy = "number"
	}
	var cols []portfolioColumn
	for _, c := range [][2]string{{"number", "Risk"}, {"score", "Score"}, {"proximity", "Proximity"}, {"next_review", "Next review"}} {
		next := c[0]
		if c[0] == sortBy && !desc {
			next = "-" + c[0]
		}
		cols = append(cols, portfolioColumn{Key: c[0], Label: c[1], Next: next})
	}
	var sim riskSim
	if r.Header.Get("HX-Request") != "true" { // htmx asks for the table alone
		sim = w.riskSim(r, v)
	}
	w.render(rw, r, "risks", http.StatusOK, map[string]any{
		"Title": "Risks · " + v.Project.Name, "P": v, "Rows": rows, "Issues": issues, "Total": len(all),
		"Columns": cols, "Sort": sortBy, "Desc": desc, "Filter": filter.Encode(),
		"Status": q.Get("status"), "Owner": f.Owner, "Category": f.Category,
		"Owners": sortedKeys(owners), "Categories": sortedKeys(categories),
		"Matrix": rv.Matrix, "Heat": heatSummary(rows), "CanEditRisks": w.can(r, v.Project.Key, app.ActionEditRisks),
		"Sim": sim, "Fragment": "risk-rows",
	})
}

// riskRows lays out risks for the table; names are members' names by
// email.
func riskRows(v *projectView, rv app.RiskView, rs []domain.Risk, names map[string]string) []riskRow {
	links := map[int64]taskLink{}
	for _, t := range v.Plan.Tasks {
		links[t.ID] = taskLink{ID: t.ID, Key: t.Key(v.Project.Key), Name: t.Name}
	}
	var out []riskRow
	for _, k := range rs {
		row := riskRow{Risk: k, Key: k.Key(), OwnerName: orWord(names[k.Owner], k.Owner)}
		if dim, s := k.Score(); dim != "" {
			row.Score, row.Band = s.Value(), string(rv.Matrix.Band(s.Value()))
			row.ScoreText = s.String() + " " + dim
			row.Rating = map[string]string{"low": "green", "medium": "amber", "high": "red"}[row.Band]
		}
		for _, id := range k.Actions {
			row.ActionTasks = append(row.ActionTasks, links[id])
		}
		out = append(out, row)
	}
	return out
}

// heatSummary says in words what the heat map shows: the risks in each
// band, worst first, for those who cannot see the colours.
func heatSummary(rows []riskRow) []string {
	var out []string
	for _, band := range []string{"high", "medium", "low"} {
		var keys []string
		for _, r := range rows {
			if r.Band == band && r.Status == domain.RiskOpen {
				keys = append(keys, r.Key)
			}
		}
		if len(keys) > 0 {
			out = append(out, fmt.Sprintf("%s: %s", strings.ToUpper(band[:1])+band[1:], strings.Join(keys, ", ")))
		}
	}
	return out
}

// riskSim runs the project's simulation for the page, and says what it
// found in a sentence: "There is an 80% chance of finishing by …".
func (w *web) riskSim(r *http.Request, v *projectView) riskSim {
	key := v.Project.Key
	s := riskSim{Runs: webSimRuns, ChartURL: fmt.Sprintf("/api/v1/projects/%s/simulate/finish.svg?iterations=%d&seed=1", key, webSimRuns),
		TornadoURL: fmt.Sprintf("/api/v1/projects/%s/simulate/tornado.svg?iterations=%d&seed=1", key, webSimRuns)}
	sim, err := w.s.app.Simulate(r.Context(), key, app.SimulateOptions{Iterations: webSimRuns, Seed: 1})
	if err != nil {
		s.Reason = "The simulation could not run: " + err.Error()
		return s
	}
	res := sim.Result
	for _, t := range res.Tasks {
		if t.Uncertain {
			s.UncertainTasks++
		}
	}
	s.Events = len(res.Risks)
	if s.UncertainTasks == 0 {
		s.Reason = "No task has a three-point estimate and no open risk delays a task, so every run would be the plan itself. " +
			"Give tasks estimates (optimistic, most likely, pessimistic) or quantify a risk's impact on tasks through the API."
		return s
	}
	s.Ran = true
	s.P50, s.P80, s.Planned = fmtDate(res.Finish.P50), fmtDate(res.Finish.P80), fmtDate(res.Planned)
	s.OnTime = int(res.OnTime*100 + 0.5)
	s.Sentence = fmt.Sprintf("There is an 80%% chance of finishing by %s, and an even chance of finishing by %s. "+
		"The plan's finish, %s, is met in %d%% of the runs.", longDate(res.Finish.P80), longDate(res.Finish.P50), longDate(res.Planned), s.OnTime)
	return s
}

// longDate writes a date as a sentence has it: "30 April 2027".
func longDate(t time.Time) string { return t.Format("2 January 2006") }

func sortedKeys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
