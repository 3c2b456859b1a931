package server

import (
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/schedule"
	"github.com/cairnpm/cairn/store"
)

// projectView is what every project page starts from: the plan, its
// schedule, and what the user may change.
type projectView struct {
	Plan      *domain.Plan
	Res       *schedule.Result
	Project   domain.Project
	Tab       string
	CanEdit   bool // tasks, links, board
	CanManage bool // settings, baselines
	CanAdmin  bool // members
	CanCosts  bool
	CanLog    bool // log time
	Health    health
}

// loadProject reads and schedules the project of the request, or shows
// the error page and returns nil.
func (w *web) loadProject(rw http.ResponseWriter, r *http.Request, tab string) *projectView {
	key := r.PathValue("key")
	plan, res, err := w.s.app.Schedule(r.Context(), key)
	if err != nil {
		if plan == nil {
			w.renderError(rw, r, err)
			return nil
		}
		// A plan that does not schedule (a cycle) is still shown, so
		// that someone can fix it.
		res = &schedule.Result{Start: plan.Project.Start, Finish: plan.Project.Start}
	}
	v := &projectView{Plan: plan, Res: res, Project: plan.Project, Tab: tab,
		CanEdit: w.can(r, key, app.ActionEditPlan), CanManage: w.can(r, key, app.ActionManageProject),
		CanAdmin: w.can(r, key, app.ActionManageMembers), CanCosts: w.can(r, key, app.ActionViewCosts),
		CanLog: w.can(r, key, app.ActionLogTime)}
	v.Health = healthOf(plan, res, statusNow(plan.Project))
	return v
}

// statusNow is the moment progress is measured at: the status date, or
// now on the project's wall clock.
func statusNow(p domain.Project) time.Time {
	if !p.StatusDate.IsZero() {
		return p.StatusDate.AddDate(0, 0, 1) // the end of that day
	}
	loc, err := time.LoadLocation(p.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	return domain.Wall(time.Now().In(loc))
}

// milestone is a milestone with its baseline date.
type milestone struct {
	ID       int64
	Key      string
	Name     string
	Date     time.Time
	Baseline time.Time
	Slip     int // calendar days late against the baseline; negative early
	Done     bool
	Critical bool
}

// health is a schedule's state in a few numbers a sponsor reads.
type health struct {
	Start, Finish   time.Time
	BaselineFinish  time.Time
	FinishSlip      int // calendar days; positive is late
	Percent         int // complete, weighted by duration
	Tasks           int // leaf tasks
	Critical        int
	NegativeFloat   int
	Milestones      []milestone
	Slipped         int
	Next            *milestone
	Rating          string // "green", "amber", "red"
	Summary         string // one sentence
	MinFloatMinutes int64
	MinFloat        string // the least total float of any task, in the project's units
}

// healthOf measures a schedule against its baseline (the lowest-numbered
// one saved) at moment now.
func healthOf(p *domain.Plan, r *schedule.Result, now time.Time) health {
	h := health{Start: r.Start, Finish: r.Finish}
	base := baselineOf(p, -1)
	idx := p.TaskIndex()
	var weight, done int64
	first := true
	for _, t := range r.Tasks {
		if t.Summary {
			continue
		}
		if !t.Milestone {
			h.Tasks++
			w := max(t.Duration, 1)
			weight += w
			done += w * int64(t.PercentComplete)
		}
		if t.Critical {
			h.Critical++
		}
		if t.TotalFloat < 0 {
			h.NegativeFloat++
		}
		if first || t.TotalFloat < h.MinFloatMinutes {
			h.MinFloatMinutes, first = t.TotalFloat, false
		}
		if b, ok := base[t.ID]; ok && b[1].After(h.BaselineFinish) {
			h.BaselineFinish = b[1]
		}
		if !t.Milestone {
			continue
		}
		m := milestone{ID: t.ID, Key: p.Project.Key + "-" + strconv.FormatInt(t.UID, 10), Name: t.Name,
			Date: t.Finish, Critical: t.Critical}
		if i, ok := idx[t.ID]; ok {
			m.Done = p.Tasks[i].PercentComplete >= 100
		}
		if b, ok := base[t.ID]; ok {
			m.Baseline = b[1]
			m.Slip = dayDiff(b[1], t.Finish)
			if m.Slip > 0 {
				h.Slipped++
			}
		}
		h.Milestones = append(h.Milestones, m)
	}
	slices.SortStableFunc(h.Milestones, func(a, b milestone) int { return a.Date.Compare(b.Date) })
	for i := range h.Milestones {
		if m := &h.Milestones[i]; !m.Done && !m.Date.Before(now.AddDate(0, 0, -1)) {
			h.Next = m
			break
		}
	}
	if weight > 0 {
		h.Percent = int(done / weight)
	}
	if !h.BaselineFinish.IsZero() {
		h.FinishSlip = dayDiff(h.BaselineFinish, h.Finish)
	}
	if !first {
		h.MinFloat = domain.Duration{Minutes: abs(h.MinFloatMinutes)}.Format(p.Project.Units.OrDefault())
		if h.MinFloatMinutes < 0 {
			h.MinFloat = "-" + h.MinFloat
		}
	}
	h.Rating, h.Summary = h.rate()
	return h
}

// rate turns the numbers into a traffic light and a sentence.
func (h health) rate() (string, string) {
	switch {
	case h.NegativeFloat > 0:
		return "red", count(h.NegativeFloat, "task cannot", "tasks cannot") + " meet a deadline or fixed date (negative float)."
	case h.FinishSlip > 0:
		return "red", "The forecast finish is " + count(h.FinishSlip, "day", "days") + " later than the baseline."
	case h.Slipped > 0:
		return "amber", count(h.Slipped, "milestone is", "milestones are") + " later than the baseline; the finish still holds."
	case h.Tasks == 0:
		return "grey", "No tasks yet: add some on the Plan page."
	case h.BaselineFinish.IsZero():
		return "green", "On schedule as planned; save a baseline to track slippage."
	}
	return "green", "On track: the forecast finish is within the baseline."
}

// count writes n with the singular or plural words: "1 day", "3 days".
func count(n int, one, many string) string {
	if n == 1 || n == -1 {
		return strconv.Itoa(n) + " " + one
	}
	return strconv.Itoa(n) + " " + many
}

// dayDiff is the calendar days from a to b, by date.
func dayDiff(a, b time.Time) int {
	da := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	db := time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	return int(db.Sub(da).Hours() / 24)
}

// baselineOf maps task IDs to their start and finish in baseline n, or in
// the lowest-numbered baseline saved when n < 0; nil when there is none.
func baselineOf(p *domain.Plan, n int) map[int64][2]time.Time {
	if n < 0 {
		n = domain.MaxBaseline + 1
		for _, b := range p.Baselines {
			n = min(n, b.Number)
		}
	}
	var m map[int64][2]time.Time
	for _, b := range p.Baselines {
		if b.Number == n {
			if m == nil {
				m = map[int64][2]time.Time{}
			}
			m[b.Task] = [2]time.Time{b.Start, b.Finish}
		}
	}
	return m
}

// activity is one line of a project's recent changes.
type activity struct {
	At     time.Time
	Actor  string
	What   string
	Target string
	Fields string
}

// recentActivity reads the project's last changes from the audit trail,
// newest first.
func (w *web) recentActivity(r *http.Request, v *projectView, n int) []activity {
	evs, err := w.s.app.Changes(r.Context(), v.Project.Key, store.AuditFilter{Since: time.Now().AddDate(0, 0, -90)}, store.Page{})
	if err != nil {
		w.s.log.ErrorContext(r.Context(), "recent activity", "err", err)
		return nil
	}
	names := map[int64]string{}
	for _, t := range v.Plan.Tasks {
		names[t.ID] = v.Project.Key + "-" + strconv.FormatInt(t.UID, 10) + " " + t.Name
	}
	var out []activity
	for i := len(evs) - 1; i >= 0 && len(out) < n; i-- {
		e := evs[i]
		a := activity{At: e.At, Actor: e.Actor, What: e.Action + "d", Target: e.Entity}
		if e.Action == "import" {
			a.What = "imported"
		}
		if e.Entity == "task" {
			if name, ok := names[e.EntityID]; ok {
				a.Target = name
			}
		}
		for j, c := range e.Changes {
			if j == 3 {
				a.Fields += ", …"
				break
			}
			if j > 0 {
				a.Fields += ", "
			}
			a.Fields += c.Field
			if e.Action == "update" && len(c.New) < 40 {
				a.Fields += " → " + c.New
			}
		}
		if a.Actor == "" {
			a.Actor = "someone"
		}
		out = append(out, a)
	}
	return out
}

// overview is a project's first page: key dates, health, progress and
// what changed lately.
func (w *web) overview(rw http.ResponseWriter, r *http.Request) {
	v := w.loadProject(rw, r, "overview")
	if v == nil {
		return
	}
	w.render(rw, r, "overview", http.StatusOK, map[string]any{
		"Title": v.Project.Name, "P": v, "H": v.Health, "Activity": w.recentActivity(r, v, 12),
		"PerDay": v.Project.Units.OrDefault().MinutesPerDay,
	})
}
