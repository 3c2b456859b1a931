package server

import (
	"net/http"

	"github.com/cairnpm/cairn/domain"
)

// estimateJSON is a task's three-point estimate. Durations appear as text
// in the project's units and as minutes; those a distribution does not
// use are absent.
type estimateJSON struct {
	Task               int64   `json:"task"`
	Distribution       string  `json:"distribution"`
	Optimistic         *string `json:"optimistic,omitempty"`
	MostLikely         *string `json:"most_likely,omitempty"`
	Pessimistic        *string `json:"pessimistic,omitempty"`
	P10                *string `json:"p10,omitempty"`
	P90                *string `json:"p90,omitempty"`
	OptimisticMinutes  *int64  `json:"optimistic_minutes,omitempty"`
	MostLikelyMinutes  *int64  `json:"most_likely_minutes,omitempty"`
	PessimisticMinutes *int64  `json:"pessimistic_minutes,omitempty"`
	P10Minutes         *int64  `json:"p10_minutes,omitempty"`
	P90Minutes         *int64  `json:"p90_minutes,omitempty"`
	Elapsed            bool    `json:"elapsed"`
}

func toEstimateJSON(p domain.Project, e domain.TaskEstimate) estimateJSON {
	j := estimateJSON{Task: e.TaskID, Distribution: string(e.Distribution), Elapsed: e.Elapsed}
	set := func(text **string, minutes **int64, v int64) {
		s := domain.Duration{Minutes: v, Elapsed: e.Elapsed}.Format(p.Units)
		*text, *minutes = &s, &v
	}
	switch e.Distribution {
	case domain.DistLognormal:
		set(&j.P10, &j.P10Minutes, e.P10)
		set(&j.P90, &j.P90Minutes, e.P90)
	case domain.DistUniform:
		set(&j.Optimistic, &j.OptimisticMinutes, e.Optimistic)
		set(&j.Pessimistic, &j.PessimisticMinutes, e.Pessimistic)
	default:
		set(&j.Optimistic, &j.OptimisticMinutes, e.Optimistic)
		set(&j.MostLikely, &j.MostLikelyMinutes, e.MostLikely)
		set(&j.Pessimistic, &j.PessimisticMinutes, e.Pessimistic)
	}
	return j
}

// estimateInput is the body of PUT …/tasks/{id}/estimate: the whole
// estimate, in the project's units ("4d", "21ed" for a task in elapsed
// time).
type estimateInput struct {
	Distribution string `json:"distribution"`
	Optimistic   string `json:"optimistic"`
	MostLikely   string `json:"most_likely"`
	Pessimistic  string `json:"pessimistic"`
	P10          string `json:"p10"`
	P90          string `json:"p90"`
}

func (in *estimateInput) build(p domain.Project, t domain.Task, e *domain.TaskEstimate) error {
	d, err := domain.ParseEstimateDistribution(in.Distribution)
	if err != nil {
		return err
	}
	e.Distribution = d
	kind := 0 // durations seen: 1 working, 2 elapsed
	for _, f := range []struct {
		text  string
		dst   *int64
		field string
		use   bool
	}{
		{in.Optimistic, &e.Optimistic, "optimistic", d != domain.DistLognormal},
		{in.MostLikely, &e.MostLikely, "most_likely", d == domain.DistTriangular || d == domain.DistPERT},
		{in.Pessimistic, &e.Pessimistic, "pessimistic", d != domain.DistLognormal},
		{in.P10, &e.P10, "p10", d == domain.DistLognormal},
		{in.P90, &e.P90, "p90", d == domain.DistLognormal},
	} {
		switch {
		case !f.use && f.text != "":
			return domain.Invalid("unused_field", f.field, "a %s estimate takes no %s", d, f.field)
		case !f.use:
			continue
		case f.text == "":
			return domain.Invalid("required", f.field, "a %s estimate needs %s (a duration such as 5d)", d, f.field)
		}
		v, err := domain.ParseDuration(f.text, p.Units)
		if err != nil {
			return fieldErr(f.field, err)
		}
		*f.dst = v.Minutes
		k := 1
		if v.Elapsed {
			k = 2
		}
		if kind != 0 && k != kind {
			return domain.Invalid("estimate_kind", f.field, "give every duration of an estimate in the same kind of time (all working, or all elapsed)")
		}
		kind, e.Elapsed = k, v.Elapsed
	}
	return nil
}

func (s *Server) listEstimates(w http.ResponseWriter, r *http.Request) {
	p, es, err := s.app.Estimates(r.Context(), r.PathValue("key"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := struct {
		Estimates []estimateJSON `json:"estimates"`
	}{Estimates: make([]estimateJSON, len(es))}
	for i, e := range es {
		out.Estimates[i] = toEstimateJSON(p, e)
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) putEstimate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "task")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var in estimateInput
	if err := decode(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	p, e, err := s.app.SetEstimate(r.Context(), r.PathValue("key"), id, in.build)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toEstimateJSON(p, e))
}

func (s *Server) deleteEstimate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "task")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := s.app.DeleteEstimate(r.Context(), r.PathValue("key"), id); err != nil {
		s.writeError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// groupJSON is a correlation group.
type groupJSON struct {
	ID          int64   `json:"id"`
	Name        string  `json:"name"`
	Correlation float64 `json:"correlation"`
	Tasks       []int64 `json:"tasks"`
	Version     int64   `json:"version"`
}

func toGroupJSON(g domain.CorrelationGroup) groupJSON {
	return groupJSON{ID: g.ID, Name: g.Name, Correlation: g.Correlation, Tasks: orEmpty(g.Tasks), Version: g.Version}
}

// groupInput is the body of POST and PATCH on correlation groups.
type groupInput struct {
	Name        Opt[string]  `json:"name"`
	Correlation Opt[float64] `json:"correlation"`
	Tasks       Opt[[]int64] `json:"tasks"`
}

func (in *groupInput) apply(g *domain.CorrelationGroup) error {
	if in.Name.Set {
		g.Name = in.Name.Value
	}
	if in.Correlation.Set {
		g.Correlation = in.Correlation.Value
	}
	if in.Tasks.Set {
		g.Tasks = in.Tasks.Value
	}
	return nil
}

func (s *Server) listGroups(w http.ResponseWriter, r *http.Request) {
	gs, err := s.app.CorrelationGroups(r.Context(), r.PathValue("key"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := struct {
		Groups []groupJSON `json:"groups"`
	}{Groups: make([]groupJSON, len(gs))}
	for i, g := range gs {
		out.Groups[i] = toGroupJSON(g)
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) createGroup(w http.ResponseWriter, r *http.Request) {
	var in groupInput
	if err := decode(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	key := r.PathValue("key")
	g, err := s.app.CreateCorrelationGroup(r.Context(), key, in.apply)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/projects/"+key+"/correlation-groups/"+itoa64(g.ID))
	setETag(w, g.Version)
	writeJSON(w, http.StatusCreated, toGroupJSON(g))
}

func (s *Server) getGroup(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "correlation_group")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	g, err := s.app.CorrelationGroup(r.Context(), r.PathValue("key"), id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	setETag(w, g.Version)
	writeJSON(w, http.StatusOK, toGroupJSON(g))
}

func (s *Server) patchGroup(w http.ResponseWriter, r *http.Request) {
	id, version, err := target(r, "correlation_group")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var in groupInput
	if err := decode(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	g, err := s.app.UpdateCorrelationGroup(r.Context(), r.PathValue("key"), id, version, in.apply)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	setETag(w, g.Version)
	writeJSON(w, http.StatusOK, toGroupJSON(g))
}

func (s *Server) deleteGroup(w http.ResponseWriter, r *http.Request) {
	s.deleteBy(w, r, "correlation_group", s.app.DeleteCorrelationGroup)
}
