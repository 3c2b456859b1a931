package server

import (
	"io"
	"net/http"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/planfile"
)

// maxPlan bounds an uploaded plan file.
const maxPlan = 32 << 20

// importPlan creates a project from a plan file in the body (YAML).
func (s *Server) importPlan(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxPlan))
	if err != nil {
		s.writeError(w, r, domain.Invalid("body_too_large", "", "the plan is over %d bytes", maxPlan))
		return
	}
	name := r.URL.Query().Get("filename")
	if name == "" {
		name = "plan.yaml"
	}
	plan, err := planfile.Parse(name, body)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	p, err := s.app.ImportPlan(r.Context(), plan)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/projects/"+p.Key)
	writeJSON(w, http.StatusCreated, toProjectJSON(p))
}

// exportPlan answers with the project as a plan file.
func (s *Server) exportPlan(w http.ResponseWriter, r *http.Request) {
	plan, err := s.app.Plan(r.Context(), r.PathValue("key"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out, err := planfile.Write(plan)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/yaml; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+plan.Project.Key+`.yaml"`)
	_, _ = w.Write(out)
}
