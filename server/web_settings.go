package server

import (
	"net/http"
	"strings"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/domain"
)

// calendarView is a calendar as the settings page shows it: the
// project's own as a form, the others (resources') as text.
type calendarView struct {
	Name       string
	Project    bool
	Version    int64
	Week       []dayView
	Exceptions []exceptionView
}

type dayView struct{ Key, Day, Hours string }

type exceptionView struct{ Name, From, To, Working, FromText, ToText string }

// wipView is a board column's limit on the settings page.
type wipView struct {
	Status domain.WorkflowStatus
	Limit  int
}

// settings is the Settings page: project details, board limits, the
// calendars, members and roles, and the import and export entry points.
// Everyone who can see the project sees it; only those allowed get
// enabled controls, and the API checks again.
func (w *web) settings(rw http.ResponseWriter, r *http.Request) {
	v := w.loadProject(rw, r, "settings")
	if v == nil {
		return
	}
	members, err := w.s.app.Members(r.Context(), v.Project.Key)
	if err != nil && !domain.IsNotFound(err) {
		w.renderError(rw, r, err)
		return
	}
	var cals []calendarView
	for _, c := range v.Plan.Calendars {
		cv := calendarView{Name: c.Name, Project: c.ID == v.Project.CalendarID, Version: c.Version}
		for _, d := range weekdays {
			hrs := domain.FormatIntervals(c.Week[d])
			if c.Week[d] == nil && c.BaseID != 0 {
				hrs = "as its base calendar"
			}
			cv.Week = append(cv.Week, dayView{Key: strings.ToLower(d.String()), Day: d.String(), Hours: hrs})
		}
		for _, ex := range c.Exceptions {
			to := ex.To
			if to.IsZero() {
				to = ex.From
			}
			cv.Exceptions = append(cv.Exceptions, exceptionView{Name: ex.Name, From: isoDate(ex.From), To: isoDate(to),
				Working: domain.FormatIntervals(ex.Working), FromText: fmtDate(ex.From), ToText: fmtDate(to)})
		}
		if cv.Project { // the project's own first
			cals = append([]calendarView{cv}, cals...)
		} else {
			cals = append(cals, cv)
		}
	}
	var wip []wipView
	for _, s := range domain.WorkflowStatuses {
		wip = append(wip, wipView{Status: s, Limit: v.Project.WIPLimits[s]})
	}
	roles := []domain.Role{domain.RoleViewer, domain.RoleMember, domain.RoleManager}
	if w.can(r, v.Project.Key, app.ActionManageOwners) {
		roles = append(roles, domain.RoleOwner)
	}
	w.render(rw, r, "settings", http.StatusOK, map[string]any{
		"Title": "Settings · " + v.Project.Name, "P": v, "Members": members, "Calendars": cals, "WIP": wip, "Roles": roles,
	})
}
