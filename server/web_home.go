package server

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/schedule"
	"github.com/cairnpm/cairn/store"
)

// projectCard is a project on the home page: its health in a line and
// its top-level phases.
type projectCard struct {
	Project domain.Project
	H       health
	Phases  []phase
	Error   string
}

// phase is a top-level task of a project card.
type phase struct {
	Outline, Name string
	Start, Finish time.Time
	Percent       int
	Critical      bool
}

// scheduled is one project with its schedule (nil when it does not
// schedule) and health.
type scheduled struct {
	Project domain.Project
	Plan    *domain.Plan
	Res     *schedule.Result
	H       health
	Err     error
}

// myProjects schedules every project the user can see.
func (w *web) myProjects(r *http.Request) ([]scheduled, error) {
	ps, err := w.s.app.Projects(r.Context(), store.Page{Limit: 500})
	if err != nil {
		return nil, err
	}
	out := make([]scheduled, len(ps))
	for i, p := range ps {
		out[i].Project = p
		plan, res, err := w.s.app.Schedule(r.Context(), p.Key)
		out[i].Plan, out[i].Res, out[i].Err = plan, res, err
		if err == nil {
			out[i].H = healthOf(plan, res, statusNow(p))
		}
	}
	return out, nil
}

// workItem is a task or milestone on the My work page.
type workItem struct {
	Project, Key, Name string
	ID                 int64
	Finish             time.Time
	Percent            int
	Critical           bool
	Why                string
}

// home is My work: the signed-in user's open tasks across projects by
// due date, what is waiting on them, upcoming milestones, and their
// projects. Before any account exists it lists every project.
func (w *web) home(rw http.ResponseWriter, r *http.Request) {
	all, err := w.myProjects(r)
	if err != nil {
		w.renderError(rw, r, err)
		return
	}
	cards := make([]projectCard, len(all))
	for i, s := range all {
		cards[i].Project = s.Project
		if s.Err != nil {
			cards[i].Error = s.Err.Error()
			continue
		}
		cards[i].H = s.H
		for _, t := range s.Res.Tasks {
			if !strings.Contains(t.Outline, ".") {
				cards[i].Phases = append(cards[i].Phases, phase{Outline: t.Outline, Name: t.Name, Start: t.Start,
					Finish: t.Finish, Percent: t.PercentComplete, Critical: t.Critical})
			}
		}
	}
	hasUsers, err := w.s.app.HasUsers(r.Context())
	if err != nil {
		w.s.log.ErrorContext(r.Context(), "count users", "err", err)
	}
	data := map[string]any{
		"Title": "My work", "Projects": cards, "Empty": len(all) == 0, "DemoAvailable": w.demo != nil,
		"NoUsers": err == nil && !hasUsers,
	}
	if p, ok := app.PrincipalFrom(r.Context()); ok {
		data["Mine"], data["Waiting"], data["Milestones"] = myWork(all, p.User.Email, time.Now())
		data["Notifications"] = w.unread(r)
		if prefs, err := w.s.app.Preferences(r.Context()); err == nil {
			data["Prefs"] = prefs
		}
	}
	w.render(rw, r, "home", http.StatusOK, data)
}

// myWork finds a user's open tasks (those a resource with their email is
// assigned to), the ones waiting on them (ready to start because every
// predecessor is done, or overdue), and the milestones of the next 60
// days in their projects.
func myWork(all []scheduled, email string, now time.Time) (mine, waiting, milestones []workItem) {
	for _, s := range all {
		if s.Err != nil {
			continue
		}
		p, key := s.Plan, s.Project.Key
		at := statusNow(s.Project)
		if s.Project.StatusDate.IsZero() {
			at = domain.Wall(now)
		}
		me := map[int64]bool{}
		for _, res := range p.Resources {
			if res.Email != "" && strings.EqualFold(res.Email, email) {
				me[res.ID] = true
			}
		}
		assigned := map[int64]bool{}
		for _, a := range p.Assignments {
			if me[a.Resource] {
				assigned[a.Task] = true
			}
		}
		idx := p.TaskIndex()
		preds := map[int64][]int64{}
		for _, d := range p.Dependencies {
			preds[d.Successor] = append(preds[d.Successor], d.Predecessor)
		}
		for _, t := range s.Res.Tasks {
			item := workItem{Project: key, Key: key + "-" + strconv.FormatInt(t.UID, 10), Name: t.Name, ID: t.ID,
				Finish: t.Finish, Percent: t.PercentComplete, Critical: t.Critical}
			if t.Milestone && t.PercentComplete < 100 && !t.Finish.Before(at) && t.Finish.Before(at.AddDate(0, 0, 60)) {
				milestones = append(milestones, item)
			}
			if !assigned[t.ID] || t.Summary || t.PercentComplete >= 100 {
				continue
			}
			mine = append(mine, item)
			ready := t.PercentComplete == 0
			for _, pr := range preds[t.ID] {
				if i, ok := idx[pr]; ok && p.Tasks[i].PercentComplete < 100 {
					ready = false
				}
			}
			switch {
			case t.Finish.Before(at):
				item.Why = "overdue since " + fmtDate(t.Finish)
				waiting = append(waiting, item)
			case ready && len(preds[t.ID]) > 0:
				item.Why = "ready: its predecessors are done"
				waiting = append(waiting, item)
			case ready && !t.Start.After(at.AddDate(0, 0, 7)):
				item.Why = "starts " + fmtDate(t.Start)
				waiting = append(waiting, item)
			}
		}
	}
	byFinish := func(a, b workItem) int { return a.Finish.Compare(b.Finish) }
	slices.SortStableFunc(mine, byFinish)
	slices.SortStableFunc(waiting, byFinish)
	slices.SortStableFunc(milestones, byFinish)
	return mine[:min(len(mine), 50)], waiting, milestones[:min(len(milestones), 20)]
}

// portfolioColumn is a sortable column of the portfolio.
type portfolioColumn struct{ Key, Label, Next string }

// portfolio lists every project the user can see with its schedule
// health, sortable and filterable; htmx swaps in the table alone.
func (w *web) portfolio(rw http.ResponseWriter, r *http.Request) {
	all, err := w.myProjects(r)
	if err != nil {
		w.renderError(rw, r, err)
		return
	}
	q := r.URL.Query()
	text, rating := strings.ToLower(strings.TrimSpace(q.Get("q"))), q.Get("health")
	sortBy, desc := strings.CutPrefix(q.Get("sort"), "-")
	var rows []scheduled
	for _, s := range all {
		p := s.Project
		hay := strings.ToLower(p.Key + " " + p.Name + " " + p.Manager + " " + p.Sponsor + " " + p.Client)
		if text != "" && !strings.Contains(hay, text) || rating != "" && s.H.Rating != rating {
			continue
		}
		if s.Err != nil {
			s.H.Rating, s.H.Summary = "red", s.Err.Error()
		}
		rows = append(rows, s)
	}
	rank := map[string]int{"red": 0, "amber": 1, "green": 2, "grey": 3}
	slices.SortStableFunc(rows, func(a, b scheduled) int {
		c := 0
		switch sortBy {
		case "health":
			c = cmp.Compare(rank[a.H.Rating], rank[b.H.Rating])
		case "percent":
			c = cmp.Compare(a.H.Percent, b.H.Percent)
		case "finish":
			c = a.H.Finish.Compare(b.H.Finish)
		case "slip":
			c = cmp.Compare(a.H.FinishSlip, b.H.FinishSlip)
		case "next":
			c = nextDate(a.H).Compare(nextDate(b.H))
		default:
			c = strings.Compare(strings.ToLower(a.Project.Name), strings.ToLower(b.Project.Name))
		}
		if desc {
			c = -c
		}
		return c
	})
	if sortBy == "" {
		sortBy = "name"
	}
	var cols []portfolioColumn
	for _, c := range [][2]string{{"name", "Project"}, {"health", "Health"}, {"percent", "Complete"}, {"finish", "Forecast finish"},
		{"slip", "Against baseline"}, {"risk", "Milestones and float"}, {"next", "Next milestone"}} {
		next := c[0]
		if c[0] == sortBy && !desc {
			next = "-" + c[0]
		}
		if c[0] == "risk" {
			next = "health"
		}
		cols = append(cols, portfolioColumn{Key: c[0], Label: c[1], Next: next})
	}
	w.render(rw, r, "portfolio", http.StatusOK, map[string]any{
		"Title": "Portfolio", "Rows": rows, "Columns": cols, "Q": q.Get("q"), "Health": rating,
		"Sort": sortBy, "Desc": desc, "Fragment": "portfolio-rows",
		"CanCreate": w.s.app.Authorize(r.Context(), "", app.ActionCreateProject) == nil,
	})
}

func nextDate(h health) time.Time {
	if h.Next == nil {
		return time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return h.Next.Date
}
