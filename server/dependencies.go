package server

import (
	"net/http"

	"github.com/cairnpm/cairn/domain"
)

// dependencyJSON is a link as the API shows it.
type dependencyJSON struct {
	ID          int64  `json:"id"`
	Predecessor int64  `json:"predecessor"`
	Successor   int64  `json:"successor"`
	Type        string `json:"type"`
	Lag         string `json:"lag"`
	LagMinutes  *int64 `json:"lag_minutes,omitempty"`
	LagPercent  *int64 `json:"lag_percent,omitempty"`
	Version     int64  `json:"version"`
}

func toDependencyJSON(p domain.Project, d domain.Dependency) dependencyJSON {
	j := dependencyJSON{ID: d.ID, Predecessor: d.Predecessor, Successor: d.Successor, Type: string(d.Type),
		Lag: d.Lag.Format(p.Units), Version: d.Version}
	if d.Lag.IsPercent {
		pct := d.Lag.Percent
		j.LagPercent = &pct
	} else {
		m := d.Lag.Minutes
		j.LagMinutes = &m
	}
	return j
}

// dependencyInput is the body of POST and PATCH on dependencies.
type dependencyInput struct {
	Predecessor Opt[int64]  `json:"predecessor"`
	Successor   Opt[int64]  `json:"successor"`
	Type        Opt[string] `json:"type"`
	Lag         Opt[string] `json:"lag"`
}

func (in *dependencyInput) apply(p domain.Project, d *domain.Dependency) error {
	if in.Predecessor.Set {
		d.Predecessor = in.Predecessor.Value
	}
	if in.Successor.Set {
		d.Successor = in.Successor.Value
	}
	if in.Type.Set {
		t, err := domain.ParseDependencyType(in.Type.Value)
		if err != nil {
			return err
		}
		d.Type = t
	}
	if in.Lag.Set {
		l, err := domain.ParseLag(in.Lag.Value, p.Units)
		if err != nil {
			return err
		}
		d.Lag = l
	}
	return nil
}

func (s *Server) listDependencies(w http.ResponseWriter, r *http.Request) {
	pg, err := page(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	p, ds, err := s.app.Dependencies(r.Context(), r.PathValue("key"), pg)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := struct {
		Dependencies []dependencyJSON `json:"dependencies"`
		NextCursor   string           `json:"next_cursor,omitempty"`
	}{Dependencies: make([]dependencyJSON, len(ds))}
	for i, d := range ds {
		out.Dependencies[i] = toDependencyJSON(p, d)
	}
	if len(ds) > 0 {
		out.NextCursor = nextCursor(pg, len(ds), ds[len(ds)-1].ID)
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) createDependency(w http.ResponseWriter, r *http.Request) {
	var in dependencyInput
	if err := decode(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	var p domain.Project
	d, err := s.app.CreateDependency(r.Context(), r.PathValue("key"), func(proj domain.Project, d *domain.Dependency) error {
		p = proj
		return in.apply(proj, d)
	})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/projects/"+p.Key+"/dependencies/"+itoa64(d.ID))
	setETag(w, d.Version)
	writeJSON(w, http.StatusCreated, toDependencyJSON(p, d))
}

func (s *Server) getDependency(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "dependency")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	p, d, err := s.app.Dependency(r.Context(), r.PathValue("key"), id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	setETag(w, d.Version)
	writeJSON(w, http.StatusOK, toDependencyJSON(p, d))
}

func (s *Server) patchDependency(w http.ResponseWriter, r *http.Request) {
	id, version, err := target(r, "dependency")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var in dependencyInput
	if err := decode(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	var p domain.Project
	d, err := s.app.UpdateDependency(r.Context(), r.PathValue("key"), id, version, func(proj domain.Project, d *domain.Dependency) error {
		p = proj
		return in.apply(proj, d)
	})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	setETag(w, d.Version)
	writeJSON(w, http.StatusOK, toDependencyJSON(p, d))
}

func (s *Server) deleteDependency(w http.ResponseWriter, r *http.Request) {
	s.deleteBy(w, r, "dependency", s.app.DeleteDependency)
}
