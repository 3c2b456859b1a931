package server

import (
	"bytes"
	"encoding/json"
	"hash/fnv"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/gantt"
	"github.com/cairnpm/cairn/schedule"
)

// planPageSize is how many rows the plan page shows at once. A 10,000-task
// plan is scheduled whole but drawn a page at a time, so the browser
// holds a few hundred rows and one small chart, never the lot.
const planPageSize = 250

// planRow is one task as the plan table shows and edits it.
type planRow struct {
	ID, UID, Parent, Version int64
	Key, Outline, Name       string
	Depth                    int
	Summary, Milestone       bool
	Critical, Negative       bool
	Duration                 string
	Start, Finish            string // dates for inputs: 2027-01-04
	StartAt, FinishAt        string // date and time: 2027-01-04T08:00:00
	DurationDays             float64
	Percent                  int
	Float                    string
	Preds                    string // "3FS+2d, 5"
	PredsJSON                string // the links behind Preds, for the script
	Assignees                string
	Status                   string
	Sig                      string // changes whenever anything shown changes
}

// predLink is a link into a task, as the plan script edits it.
type predLink struct {
	ID      int64  `json:"id"`
	Pred    int64  `json:"pred"` // the predecessor's UID, as typed
	Type    string `json:"type"`
	Lag     string `json:"lag"`
	Version int64  `json:"version"`
}

// planOptions are the plan page's toggles, from its query.
type planOptions struct {
	Critical bool
	Baseline int   // -1: none
	Page     int   // 1-based
	Task     int64 // show the page that holds this task
}

func readPlanOptions(r *http.Request) planOptions {
	q := r.URL.Query()
	o := planOptions{Critical: q.Get("critical") != "off", Baseline: -1, Page: 1}
	if n, err := strconv.Atoi(q.Get("baseline")); err == nil && n >= 0 && n <= domain.MaxBaseline {
		o.Baseline = n
	}
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 1 {
		o.Page = n
	}
	if id, err := strconv.ParseInt(q.Get("task"), 10, 64); err == nil {
		o.Task = id
	}
	return o
}

// plan is the Plan page: the WBS table and the Gantt chart side by side.
// htmx asks for its body alone (the fragment plan-body) when a toggle
// changes; the plan script does the same after each edit and swaps in
// only the rows that changed.
func (w *web) plan(rw http.ResponseWriter, r *http.Request) {
	v := w.loadProject(rw, r, "plan")
	if v == nil {
		return
	}
	data, err := planData(v, readPlanOptions(r))
	if err != nil {
		w.renderError(rw, r, err)
		return
	}
	data["Title"] = "Plan · " + v.Project.Name
	data["Fragment"] = "plan-body"
	w.render(rw, r, "plan", http.StatusOK, data)
}

// planData lays out one page of the plan.
func planData(v *projectView, o planOptions) (map[string]any, error) {
	p, res := v.Plan, v.Res
	units := p.Project.Units.OrDefault()
	pages := max(1, (len(res.Tasks)+planPageSize-1)/planPageSize)
	if o.Task != 0 {
		if i := slices.IndexFunc(res.Tasks, func(t schedule.Task) bool { return t.ID == o.Task }); i >= 0 {
			o.Page = i/planPageSize + 1
		}
	}
	o.Page = min(o.Page, pages)
	lo, hi := (o.Page-1)*planPageSize, min(o.Page*planPageSize, len(res.Tasks))
	rows := planRows(p, res.Tasks[lo:hi], units)

	opt := gantt.Options{Inline: true, Critical: o.Critical, StatusDate: p.Project.StatusDate}
	if o.Baseline >= 0 {
		opt.Baseline = baselineOf(p, o.Baseline)
		if opt.Baseline == nil {
			opt.Baseline = map[int64][2]time.Time{} // asked for, none saved: say so in the legend
		}
	}
	window := *res
	window.Tasks = res.Tasks[lo:hi]
	var svg bytes.Buffer
	if err := gantt.Render(&svg, p, &window, opt); err != nil {
		return nil, err
	}
	var saved []int
	for _, b := range p.Baselines {
		if !slices.Contains(saved, b.Number) {
			saved = append(saved, b.Number)
		}
	}
	slices.Sort(saved)
	uids := make(map[int64]int64, len(p.Tasks))
	for _, t := range p.Tasks {
		uids[t.UID] = t.ID
	}
	uidJSON, _ := json.Marshal(uids)
	return map[string]any{
		"P": v, "Rows": rows, "UIDs": string(uidJSON), "Opt": o, "Gantt": template.HTML(svg.String()), //nolint:gosec // our own renderer escapes every text
		"TallHeader": gantt.HeaderHeight(opt) > 40, "Baselines": saved,
		"Pages": pages, "First": lo + 1, "Last": hi, "Total": len(res.Tasks),
		"Prev": o.Page - 1, "Next": nextPage(o.Page, pages), "Query": planQuery(o),
	}, nil
}

func nextPage(page, pages int) int {
	if page < pages {
		return page + 1
	}
	return 0
}

// planQuery is the toggles as a query string, for page links.
func planQuery(o planOptions) string {
	q := ""
	if !o.Critical {
		q += "&critical=off"
	}
	if o.Baseline >= 0 {
		q += "&baseline=" + strconv.Itoa(o.Baseline)
	}
	return q
}

// planRows builds the table rows of the scheduled tasks ts.
func planRows(p *domain.Plan, ts []schedule.Task, units domain.Units) []planRow {
	idx := p.TaskIndex()
	uid := make(map[int64]int64, len(p.Tasks))
	for _, t := range p.Tasks {
		uid[t.ID] = t.UID
	}
	preds := map[int64][]predLink{}
	for _, d := range p.Dependencies {
		lag := ""
		if !d.Lag.IsZero() {
			lag = d.Lag.Format(units)
		}
		preds[d.Successor] = append(preds[d.Successor], predLink{ID: d.ID, Pred: uid[d.Predecessor], Type: string(d.Type), Lag: lag, Version: d.Version})
	}
	names := map[int64]string{}
	for _, res := range p.Resources {
		names[res.ID] = res.Name
	}
	assignees := map[int64][]string{}
	for _, a := range p.Assignments {
		n := names[a.Resource]
		if a.Units != 1 && a.Units > 0 {
			n += " [" + strconv.Itoa(int(a.Units*100+0.5)) + "%]"
		}
		assignees[a.Task] = append(assignees[a.Task], n)
	}
	rows := make([]planRow, len(ts))
	for i, t := range ts {
		row := planRow{ID: t.ID, UID: t.UID, Key: p.Project.Key + "-" + strconv.FormatInt(t.UID, 10), Outline: t.Outline,
			Name: t.Name, Depth: strings.Count(t.Outline, "."), Summary: t.Summary, Milestone: t.Milestone,
			Critical: t.Critical, Negative: t.TotalFloat < 0, Duration: domain.Duration{Minutes: t.Duration}.Format(units),
			Start: isoDate(t.Start), Finish: isoDate(t.Finish), StartAt: domain.FormatDateTime(t.Start),
			FinishAt: domain.FormatDateTime(t.Finish), DurationDays: float64(t.Duration) / float64(units.MinutesPerDay),
			Percent: t.PercentComplete, Float: domain.Duration{Minutes: abs(t.TotalFloat)}.Format(units),
			Assignees: strings.Join(assignees[t.ID], ", ")}
		if t.TotalFloat < 0 {
			row.Float = "-" + row.Float
		}
		if j, ok := idx[t.ID]; ok {
			k := p.Tasks[j]
			row.Parent, row.Version, row.Status = k.Parent, k.Version, string(k.WorkflowStatus())
			if k.Duration.Elapsed {
				row.Duration = k.Duration.Format(units)
			}
		}
		links := preds[t.ID]
		slices.SortFunc(links, func(a, b predLink) int { return int(a.Pred - b.Pred) })
		var text []string
		for _, l := range links {
			s := strconv.FormatInt(l.Pred, 10)
			if l.Type != "FS" || l.Lag != "" {
				s += l.Type
			}
			if l.Lag != "" && !strings.HasPrefix(l.Lag, "-") {
				s += "+"
			}
			text = append(text, s+l.Lag)
		}
		row.Preds = strings.Join(text, ", ")
		if links == nil {
			links = []predLink{}
		}
		js, _ := json.Marshal(links)
		row.PredsJSON = string(js)
		row.Sig = rowSig(row)
		rows[i] = row
	}
	return rows
}

// rowSig fingerprints what a row shows, so the plan script swaps in only
// the rows whose fingerprint changed.
func rowSig(r planRow) string {
	h := fnv.New64a()
	js, _ := json.Marshal(r)
	h.Write(js)
	return strconv.FormatUint(h.Sum64(), 36)
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// ganttSVG draws the project's Gantt chart, shared with `cairn gantt`.
func (w *web) ganttSVG(rw http.ResponseWriter, r *http.Request) {
	plan, res, err := w.s.app.Schedule(r.Context(), r.PathValue("key"))
	if err != nil {
		w.s.writeError(rw, r, err)
		return
	}
	var buf bytes.Buffer
	opt := gantt.Options{StatusDate: plan.Project.StatusDate, Critical: r.URL.Query().Get("critical") != "off"}
	if err := gantt.Render(&buf, plan, res, opt); err != nil {
		w.s.writeError(rw, r, err)
		return
	}
	// The SVG styles itself with an inline <style>; allow that, and nothing else, for this document.
	rw.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	rw.Header().Set("Content-Type", "image/svg+xml")
	_, _ = rw.Write(buf.Bytes())
}
