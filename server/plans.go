package server

import (
	"bytes"
	"io"
	"net/http"
	"path"
	"strings"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/mspdi"
	"github.com/cairnpm/cairn/planfile"
	"github.com/cairnpm/cairn/schedule"
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
	plan, err := parsePlan(name, body)
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

// parsePlan reads an uploaded plan: MS Project XML when its name ends in
// .xml or it names MS Project's schema, else a plan file.
func parsePlan(name string, body []byte) (*domain.Plan, error) {
	head := body[:min(len(body), 512)]
	if strings.EqualFold(path.Ext(name), ".xml") || bytes.Contains(head, []byte("schemas.microsoft.com/project")) {
		f, err := mspdi.ReadNamed(bytes.NewReader(body), name)
		if err != nil {
			return nil, err
		}
		return f.Plan, nil
	}
	return planfile.Parse(name, body)
}

// exportPlan answers with the project as a plan file, or with
// ?format=mspdi as MS Project XML with the computed schedule.
func (s *Server) exportPlan(w http.ResponseWriter, r *http.Request) {
	format := r.URL.Query().Get("format")
	if format != "" && format != "plan" && format != "mspdi" {
		s.writeError(w, r, domain.Invalid("invalid_format", "format", "format %q is not known; use plan or mspdi", format))
		return
	}
	plan, err := s.app.Plan(r.Context(), r.PathValue("key"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if format == "mspdi" {
		res, err := schedule.Compute(plan, schedule.Options{})
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		var buf bytes.Buffer
		if err := mspdi.Write(&buf, plan, res); err != nil {
			s.writeError(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "application/xml; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="`+plan.Project.Key+`.xml"`)
		_, _ = w.Write(buf.Bytes())
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
