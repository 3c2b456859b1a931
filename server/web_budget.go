package server

import (
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/evm"
	"github.com/cairnpm/cairn/store"
)

// measureView is one earned-value measure with a plain reading of it.
type measureView struct {
	Name, Value, Explain string
	Bad                  bool
}

// evmTaskView is one row of the Budget page's task table.
type evmTaskView struct {
	Outline, Name                       string
	Summary                             bool
	BAC, PV, EV, AC, CPI, SPI, EAC, VAC string
	Late, Over                          bool
}

// budget is the Budget page: the earned-value measures at a status date
// with one-line readings, the S-curve, the budgets of phases and cost
// accounts, every task's measures, and the expenses. Owners and managers
// only, like every cost.
func (w *web) budget(rw http.ResponseWriter, r *http.Request) {
	v := w.loadProject(rw, r, "budget")
	if v == nil {
		return
	}
	key := v.Project.Key
	data := map[string]any{"Title": "Budget · " + v.Project.Name, "P": v, "Query": r.URL.Query(), "Method": "cpi"}
	q, err := evmQuery(r)
	var ev *app.EarnedValue
	if err == nil {
		ev, err = w.s.app.EarnedValue(r.Context(), key, q)
	}
	if err != nil {
		if domain.ErrorKind(err) == domain.KindInternal {
			w.renderError(rw, r, err)
			return
		}
		data["Problem"] = err.Error()
	}
	if ev != nil {
		cur := v.Project.Currency
		data["Note"], data["Recorded"] = ev.Note, ev.Recorded
		data["Status"] = ev.Result.StatusDate.Format("Mon 2 Jan 2006 15:04")
		data["Measures"] = measureViews(ev, cur)
		data["Tasks"] = evmTaskViews(ev.Result, cur)
		curve := url.Values{"status_date": {domain.FormatDateTime(ev.Result.StatusDate)}, "baseline": {fmt.Sprint(ev.Result.Baseline)},
			"method": {string(ev.Result.Method)}}
		data["SCurve"] = "/api/v1/projects/" + key + "/evm/scurve.svg?" + curve.Encode()
		data["Breakdown"] = "/api/v1/projects/" + key + "/evm/breakdown.svg?" + curve.Encode()
		data["Trend"] = "/api/v1/projects/" + key + "/evm/trend.svg?" + curve.Encode()
		data["Method"] = string(ev.Result.Method)
	}
	b, err := w.s.app.Budgets(r.Context(), key)
	if err != nil {
		w.renderError(rw, r, err)
		return
	}
	data["Budgets"] = toBudgetsJSON(b)
	_, xs, err := w.s.app.Expenses(r.Context(), key, store.Page{})
	if err != nil {
		w.renderError(rw, r, err)
		return
	}
	names := map[int64]string{}
	var leaves []taskLink
	summary := v.Plan.Summaries()
	for _, t := range v.Plan.Tasks {
		names[t.ID] = t.Key(key) + " " + t.Name
		if !summary[t.ID] {
			leaves = append(leaves, taskLink{ID: t.ID, Key: t.Key(key), Name: t.Name})
		}
	}
	rows := make([]map[string]any, len(xs))
	for i, x := range xs {
		rows[i] = map[string]any{"X": toExpenseJSON(v.Project, x), "Task": names[x.Task]}
	}
	data["Expenses"], data["Leaves"] = rows, leaves
	data["CanEnter"] = w.can(r, key, app.ActionManageCosts)
	w.render(rw, r, "budget", http.StatusOK, data)
}

// money writes minor units with thousands separators and the currency.
func money(v int64, cur string) string {
	s := domain.FormatMoney(v, cur)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "−", s[1:]
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	for i := len(whole) - 3; i > 0; i -= 3 {
		whole = whole[:i] + "," + whole[i:]
	}
	if hasFrac {
		whole += "." + frac
	}
	return strings.TrimSpace(sign + whole + " " + cur)
}

func ratioText(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	return fmt.Sprintf("%.2f", v)
}

func estimateText(e evm.Estimate, cur string) string {
	if !e.Defined {
		return "–"
	}
	return money(e.Amount, cur)
}

func daysText(d float64) string {
	if math.IsNaN(d) {
		return "–"
	}
	return fmt.Sprintf("%+.1f working days", d)
}

// methodNames say what each EAC method assumes.
var methodNames = map[evm.Method]string{
	evm.CPI:      "BAC ÷ CPI: the rest costs what the work so far did",
	evm.Atypical: "AC + BAC − EV: the rest costs its budget",
	evm.CPISPI:   "AC + (BAC − EV) ÷ (CPI × SPI): cost and schedule both weigh on the rest",
	evm.BottomUp: "AC + the remaining cost: the plan's, or remaining work entered on tasks",
}

// measureViews reads the project's measures in plain words.
func measureViews(ev *app.EarnedValue, cur string) []measureView {
	m := ev.Result.Project
	ac := "What the work done has cost, from percent complete (nothing is recorded yet)."
	if ev.Recorded {
		ac = "What the work done has cost: approved timesheet hours at their rates, and expenses."
	}
	spi, cpi, tcpi, spit := ratioText(m.SPI), ratioText(m.CPI), ratioText(m.TCPI), ratioText(m.SPIt)
	es, ieac := "–", "–"
	if !math.IsNaN(m.ESDays) {
		es = fmtDate(m.ES)
	}
	if !m.IEACt.IsZero() {
		ieac = fmtDate(m.IEACt)
	}
	return []measureView{
		{"BAC", money(m.BAC, cur), "Budget at completion: what the baseline says the whole project costs.", false},
		{"PV", money(m.PV, cur), "Planned value: the budget of the work the baseline planned to be done by the status date.", false},
		{"EV", money(m.EV, cur), "Earned value: the budget of the work actually done (by percent complete).", false},
		{"AC", money(m.AC, cur), ac, false},
		{"SV", money(m.SV, cur), "Schedule variance, EV − PV: below zero, less work is done than planned.", m.SV < 0},
		{"CV", money(m.CV, cur), "Cost variance, EV − AC: below zero, the work done cost more than its budget.", m.CV < 0},
		{"SPI", spi, reading(m.SPI, "Schedule performance, EV ÷ PV: for each 1.00 of work planned by now, "+spi+" was done.",
			"Schedule performance, EV ÷ PV: none yet, since no work was planned by now."), m.SPI < 1},
		{"CPI", cpi, reading(m.CPI, "Cost performance, EV ÷ AC: each 1.00 spent earned "+cpi+" of planned work.",
			"Cost performance, EV ÷ AC: none yet, since nothing has been spent."), m.CPI < 1},
		{"EAC", estimateText(m.EAC, cur), "Estimate at completion, " + methodNames[ev.Result.Method] + ".", m.EAC.Defined && m.EAC.Amount > m.BAC},
		{"ETC", estimateText(m.ETC, cur), "Estimate to complete, EAC − AC: what is still to spend.", false},
		{"VAC", estimateText(m.VAC, cur), "Variance at completion, BAC − EAC: below zero, the budget will be overrun.", m.VAC.Defined && m.VAC.Amount < 0},
		{"TCPI", tcpi, reading(m.TCPI, "To-complete performance: to finish on budget, each 1.00 still to spend must earn "+tcpi+".",
			"To-complete performance: none, since the budget is spent."), m.TCPI > 1},
		{"ES", es, "Earned schedule: the date by which the baseline planned to have done what is done.", false},
		{"SV(t)", daysText(m.SVt), "Schedule variance in time, ES − actual time: below zero, behind the baseline.", m.SVt < 0},
		{"SPI(t)", spit, reading(m.SPIt, "Each working day has moved the project "+spit+" of a day along its baseline.",
			"Schedule performance in time: none yet, before the baseline starts or with nothing budgeted."), m.SPIt < 1},
		{"IEAC(t)", ieac, "Forecast finish: the baseline's duration at the pace so far (PD ÷ SPI(t)).", false},
	}
}

// reading is the plain reading of a ratio, or what to say when it is
// undefined.
func reading(v float64, defined, undefined string) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return undefined
	}
	return defined
}

func evmTaskViews(r *evm.Result, cur string) []evmTaskView {
	out := make([]evmTaskView, len(r.Tasks))
	for i, t := range r.Tasks {
		out[i] = evmTaskView{Outline: t.Outline, Name: t.Name, Summary: t.Summary, BAC: money(t.BAC, cur), PV: money(t.PV, cur),
			EV: money(t.EV, cur), AC: money(t.AC, cur), CPI: ratioText(t.CPI), SPI: ratioText(t.SPI), EAC: estimateText(t.EAC, cur),
			VAC: estimateText(t.VAC, cur), Late: t.SV < 0, Over: t.CV < 0}
	}
	return out
}

// gridRow is one task's row of the weekly timesheet grid.
type gridRow struct {
	Task  taskLink
	Cells []gridCell
	Total string
}

type gridCell struct {
	Date     string
	Hours    string
	ID       int64
	Version  int64
	Status   string
	Comment  string // the reviewer's, on a rejected entry
	Editable bool
}

// reviewView is one user's submitted week, waiting for a manager.
type reviewView struct {
	User, Week string
	Hours      string
	Entries    int
}

// timesheet is the weekly timesheet grid: the user's hours per task and
// day of one week, edited cell by cell through the API, and the week
// submitted for approval. Managers and owners also see the weeks waiting
// for their approval.
func (w *web) timesheet(rw http.ResponseWriter, r *http.Request) {
	v := w.loadProject(rw, r, "timesheet")
	if v == nil {
		return
	}
	key := v.Project.Key
	week := domain.WeekStart(statusNowDay(v.Project))
	if s := r.URL.Query().Get("week"); s != "" {
		wk, err := domain.ParseWeek(s)
		if err != nil {
			w.renderError(rw, r, err)
			return
		}
		week = wk
	}
	es, err := w.s.app.TimeEntries(r.Context(), key, app.TimeQuery{Week: week})
	if err != nil {
		w.renderError(rw, r, err)
		return
	}
	days := make([]time.Time, 7)
	for i := range days {
		days[i] = week.AddDate(0, 0, i)
	}
	links := map[int64]taskLink{}
	var leaves []taskLink
	summary := v.Plan.Summaries()
	for _, t := range v.Plan.Tasks {
		links[t.ID] = taskLink{ID: t.ID, Key: t.Key(key), Name: t.Name}
		if !summary[t.ID] {
			leaves = append(leaves, links[t.ID])
		}
	}
	rows, totals, statuses := timesheetRows(es, days, links)
	data := map[string]any{"Title": "Timesheet · " + v.Project.Name, "P": v, "Week": domain.FormatWeek(week), "Days": days,
		"Rows": rows, "DayTotals": totals, "Leaves": leaves, "Statuses": statuses,
		"Prev": domain.FormatWeek(week.AddDate(0, 0, -7)), "Next": domain.FormatWeek(week.AddDate(0, 0, 7)),
		"Today": isoDate(statusNowDay(v.Project))}
	if w.can(r, key, app.ActionApproveTime) {
		waiting, err := w.s.app.TimeEntries(r.Context(), key, app.TimeQuery{User: "*", Status: domain.TimeSubmitted})
		if err != nil {
			w.renderError(rw, r, err)
			return
		}
		data["Reviews"], data["CanReview"] = reviewViews(waiting), true
	}
	w.render(rw, r, "timesheet", http.StatusOK, data)
}

// statusNowDay is today in the project's time zone.
func statusNowDay(p domain.Project) time.Time {
	loc, err := time.LoadLocation(p.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	y, m, d := time.Now().In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// timesheetRows lays a week's entries out as rows of tasks by day, with
// the totals of each day and the count of entries in each status.
func timesheetRows(es []domain.TimeEntry, days []time.Time, links map[int64]taskLink) ([]gridRow, []string, string) {
	var rows []gridRow
	index := map[int64]int{}
	dayTotals := make([]int64, len(days))
	statuses := map[string]int{}
	for _, e := range es {
		i, ok := index[e.Task]
		if !ok {
			i = len(rows)
			index[e.Task] = i
			row := gridRow{Task: links[e.Task], Cells: make([]gridCell, len(days))}
			for d := range days {
				row.Cells[d] = gridCell{Date: isoDate(days[d]), Editable: true}
			}
			rows = append(rows, row)
		}
		d := int(e.Date.Sub(days[0]).Hours() / 24)
		if d < 0 || d >= len(days) {
			continue
		}
		rows[i].Cells[d] = gridCell{Date: isoDate(e.Date), Hours: domain.FormatHours(e.Minutes), ID: e.ID, Version: e.Version,
			Status: string(e.Status), Editable: e.Editable()}
		if e.Status == domain.TimeRejected {
			rows[i].Cells[d].Comment = e.ReviewComment
		}
		dayTotals[d] += e.Minutes
		statuses[string(e.Status)]++
	}
	for i := range rows {
		var m int64
		for _, e := range es {
			if e.Task == rows[i].Task.ID {
				m += e.Minutes
			}
		}
		rows[i].Total = domain.FormatHours(m)
	}
	totals := make([]string, len(days))
	for d, m := range dayTotals {
		totals[d] = domain.FormatHours(m)
	}
	var line []string
	for _, st := range []domain.TimeStatus{domain.TimeDraft, domain.TimeSubmitted, domain.TimeApproved, domain.TimeRejected} {
		if n := statuses[string(st)]; n > 0 {
			line = append(line, fmt.Sprintf("%d %s", n, st))
		}
	}
	return rows, totals, strings.Join(line, ", ")
}

// reviewViews groups submitted entries by user and week.
func reviewViews(es []domain.TimeEntry) []reviewView {
	var out []reviewView
	index := map[string]int{}
	minutes := map[string]int64{}
	for _, e := range es {
		k := e.Email + " " + domain.FormatWeek(e.Date)
		i, ok := index[k]
		if !ok {
			i = len(out)
			index[k] = i
			out = append(out, reviewView{User: e.Email, Week: domain.FormatWeek(e.Date)})
		}
		out[i].Entries++
		minutes[k] += e.Minutes
	}
	for i := range out {
		out[i].Hours = domain.FormatHours(minutes[out[i].User+" "+out[i].Week])
	}
	return out
}
