package server

import (
	"net/http"
	"time"

	"github.com/cairnpm/cairn/domain"
)

// projectJSON is a project as the API shows it.
type projectJSON struct {
	Key         string         `json:"key"`
	Name        string         `json:"name"`
	Description string         `json:"description"`
	Type        string         `json:"type"`
	Method      string         `json:"method"`
	Sponsor     string         `json:"sponsor"`
	Manager     string         `json:"manager"`
	Client      string         `json:"client"`
	Start       string         `json:"start"`
	StatusDate  *string        `json:"status_date"`
	TimeZone    string         `json:"time_zone"`
	Currency    string         `json:"currency"`
	Budget      string         `json:"budget"`
	Phase       string         `json:"phase"`
	HoursPerDay float64        `json:"hours_per_day"`
	WIPLimits   map[string]int `json:"wip_limits"`
	Version     int64          `json:"version"`
	CreatedAt   string         `json:"created_at"`
	UpdatedAt   string         `json:"updated_at"`
}

func toProjectJSON(p domain.Project) projectJSON {
	return projectJSON{
		Key: p.Key, Name: p.Name, Description: p.Description, Type: string(p.Type), Method: string(p.Method),
		Sponsor: p.Sponsor, Manager: p.Manager, Client: p.Client, Start: domain.FormatDate(p.Start),
		StatusDate: optDate(p.StatusDate), TimeZone: p.TimeZone, Currency: p.Currency,
		Budget: domain.FormatMoney(p.Budget, p.Currency), Phase: p.Phase,
		HoursPerDay: float64(p.Units.MinutesPerDay) / 60, WIPLimits: wipJSON(p.WIPLimits), Version: p.Version,
		CreatedAt: p.CreatedAt.Format(time.RFC3339), UpdatedAt: p.UpdatedAt.Format(time.RFC3339),
	}
}

// projectInput is the body of POST and PATCH on projects.
type projectInput struct {
	Key         Opt[string]         `json:"key"`
	Name        Opt[string]         `json:"name"`
	Description Opt[string]         `json:"description"`
	Type        Opt[string]         `json:"type"`
	Method      Opt[string]         `json:"method"`
	Sponsor     Opt[string]         `json:"sponsor"`
	Manager     Opt[string]         `json:"manager"`
	Client      Opt[string]         `json:"client"`
	Start       Opt[string]         `json:"start"`
	StatusDate  Opt[string]         `json:"status_date"`
	TimeZone    Opt[string]         `json:"time_zone"`
	Currency    Opt[string]         `json:"currency"`
	Budget      Opt[string]         `json:"budget"`
	Phase       Opt[string]         `json:"phase"`
	HoursPerDay Opt[float64]        `json:"hours_per_day"`
	WIPLimits   Opt[map[string]int] `json:"wip_limits"`
}

// wipJSON shows a project's WIP limits as {"in_progress": 3}.
func wipJSON(l domain.WIPLimits) map[string]int {
	out := map[string]int{}
	for s, n := range l {
		if n > 0 {
			out[string(s)] = n
		}
	}
	return out
}

// apply copies the fields present in in onto p.
func (in *projectInput) apply(p *domain.Project) error {
	setStr := func(o Opt[string], dst *string) {
		if o.Set {
			*dst = o.Value
		}
	}
	setStr(in.Key, &p.Key)
	setStr(in.Name, &p.Name)
	setStr(in.Description, &p.Description)
	setStr(in.Sponsor, &p.Sponsor)
	setStr(in.Manager, &p.Manager)
	setStr(in.Client, &p.Client)
	setStr(in.TimeZone, &p.TimeZone)
	setStr(in.Currency, &p.Currency)
	setStr(in.Phase, &p.Phase)
	if in.Type.Set {
		p.Type = domain.ProjectType(in.Type.Value)
	}
	if in.Method.Set {
		p.Method = domain.Method(in.Method.Value)
	}
	if err := setDate(in.Start, &p.Start, "start"); err != nil {
		return err
	}
	if err := setDate(in.StatusDate, &p.StatusDate, "status_date"); err != nil {
		return err
	}
	if in.Budget.Set {
		b, err := domain.ParseMoney(orWord(in.Budget.Value, "0"), orWord(p.Currency, "EUR"))
		if err != nil {
			return fieldErr("budget", err)
		}
		p.Budget = b
	}
	if in.WIPLimits.Set { // the whole set is replaced; null clears it
		l := domain.WIPLimits{}
		for name, n := range in.WIPLimits.Value {
			s, err := domain.ParseWorkflowStatus(name)
			if err != nil || s == domain.StatusNone {
				return domain.Invalid("invalid_wip_limits", "wip_limits", "%q is not a board column (use todo, in_progress, review or done)", name)
			}
			l[s] = n
		}
		if err := l.Validate(); err != nil {
			return err
		}
		p.WIPLimits = l
	}
	if in.HoursPerDay.Set {
		h := in.HoursPerDay.Value
		if h <= 0 || h > 24 {
			return domain.Invalid("invalid_units", "hours_per_day", "hours per day must be more than 0 and at most 24")
		}
		p.Units.MinutesPerDay = int64(h * 60)
		p.Units.MinutesPerWeek = p.Units.MinutesPerDay * 5
	}
	return nil
}

// setDate parses an optional date field; null clears it.
func setDate(o Opt[string], dst *time.Time, field string) error {
	if !o.Set {
		return nil
	}
	if o.Null || o.Value == "" {
		*dst = time.Time{}
		return nil
	}
	t, err := domain.ParseDate(o.Value)
	if err != nil {
		return fieldErr(field, err)
	}
	*dst = t
	return nil
}

func optDate(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := domain.FormatDate(t)
	return &s
}

func optDateTime(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := domain.FormatDateTime(t)
	return &s
}

func (s *Server) listProjects(w http.ResponseWriter, r *http.Request) {
	pg, err := page(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	ps, err := s.app.Projects(r.Context(), pg)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := struct {
		Projects   []projectJSON `json:"projects"`
		NextCursor string        `json:"next_cursor,omitempty"`
	}{Projects: make([]projectJSON, len(ps))}
	for i, p := range ps {
		out.Projects[i] = toProjectJSON(p)
	}
	if len(ps) > 0 {
		out.NextCursor = nextCursor(pg, len(ps), ps[len(ps)-1].ID)
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) createProject(w http.ResponseWriter, r *http.Request) {
	var in projectInput
	if err := decode(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	var p domain.Project
	if err := in.apply(&p); err != nil {
		s.writeError(w, r, err)
		return
	}
	p, err := s.app.CreateProject(r.Context(), p)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/projects/"+p.Key)
	setETag(w, p.Version)
	writeJSON(w, http.StatusCreated, toProjectJSON(p))
}

func (s *Server) getProject(w http.ResponseWriter, r *http.Request) {
	p, err := s.app.Project(r.Context(), r.PathValue("key"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	setETag(w, p.Version)
	writeJSON(w, http.StatusOK, toProjectJSON(p))
}

func (s *Server) patchProject(w http.ResponseWriter, r *http.Request) {
	version, err := ifMatch(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var in projectInput
	if err := decode(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	p, err := s.app.UpdateProject(r.Context(), r.PathValue("key"), version, in.apply)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	setETag(w, p.Version)
	writeJSON(w, http.StatusOK, toProjectJSON(p))
}

func (s *Server) deleteProject(w http.ResponseWriter, r *http.Request) {
	version, err := ifMatch(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := s.app.DeleteProject(r.Context(), r.PathValue("key"), version); err != nil {
		s.writeError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
