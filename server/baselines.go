package server

import (
	"net/http"
	"strconv"

	"github.com/cairnpm/cairn/domain"
)

func (s *Server) saveBaseline(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Number Opt[int] `json:"number"`
	}
	if err := decode(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	n, err := s.app.SaveBaseline(r.Context(), r.PathValue("key"), in.Number.Value)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]int{"number": in.Number.Value, "tasks": n})
}

// varianceJSON is one task's variance against a baseline.
type varianceJSON struct {
	ID                      int64  `json:"id"`
	UID                     int64  `json:"uid"`
	Name                    string `json:"name"`
	Start                   string `json:"start"`
	Finish                  string `json:"finish"`
	BaselineStart           string `json:"baseline_start"`
	BaselineFinish          string `json:"baseline_finish"`
	StartVarianceMinutes    int64  `json:"start_variance_minutes"`
	FinishVarianceMinutes   int64  `json:"finish_variance_minutes"`
	DurationVarianceMinutes int64  `json:"duration_variance_minutes"`
}

func (s *Server) getVariance(w http.ResponseWriter, r *http.Request) {
	n := 0
	if q := r.URL.Query().Get("baseline"); q != "" {
		var err error
		if n, err = strconv.Atoi(q); err != nil {
			s.writeError(w, r, domain.Invalid("invalid_baseline", "baseline", "baseline %q is not a number from 0 to %d", q, domain.MaxBaseline))
			return
		}
	}
	if err := domain.ValidateBaselineNumber(n); err != nil {
		s.writeError(w, r, domain.WithField(err, "baseline"))
		return
	}
	plan, res, err := s.app.Schedule(r.Context(), r.PathValue("key"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	byID := make(map[int64]int, len(res.Tasks))
	for i, t := range res.Tasks {
		byID[t.ID] = i
	}
	out := struct {
		Baseline int            `json:"baseline"`
		Tasks    []varianceJSON `json:"tasks"`
	}{Baseline: n, Tasks: []varianceJSON{}}
	for _, v := range res.Variances(plan.Baselines, n) {
		t := res.Tasks[byID[v.Task]]
		out.Tasks = append(out.Tasks, varianceJSON{
			ID: t.ID, UID: t.UID, Name: t.Name,
			Start: domain.FormatDateTime(t.Start), Finish: domain.FormatDateTime(t.Finish),
			BaselineStart: domain.FormatDateTime(v.BaselineStart), BaselineFinish: domain.FormatDateTime(v.BaselineFinish),
			StartVarianceMinutes: v.Start, FinishVarianceMinutes: v.Finish, DurationVarianceMinutes: v.Duration,
		})
	}
	writeJSON(w, http.StatusOK, out)
}
