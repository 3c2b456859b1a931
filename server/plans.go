package server

import (
	"io"
	"net/http"
	"path"
	"slices"
	"strconv"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/planio"
)

// maxPlan bounds an uploaded plan file.
const maxPlan = 32 << 20

// importPlan creates a project from an uploaded plan: a Cairn plan file,
// MS Project XML, a Primavera P6 .xer or a CSV task list, told apart by
// ?filename= and the content. With ?dry_run=true it only checks and
// schedules the file and answers what the import would create, with notes
// on what the file held that Cairn does not take.
func (s *Server) importPlan(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxPlan))
	if err != nil {
		s.writeError(w, r, domain.Invalid("body_too_large", "", "the plan is over %d bytes", maxPlan))
		return
	}
	q := r.URL.Query()
	name := q.Get("filename")
	if name == "" {
		name = "plan.yaml"
	}
	dryRun := false
	if v := q.Get("dry_run"); v != "" {
		if dryRun, err = strconv.ParseBool(v); err != nil {
			s.writeError(w, r, domain.Invalid("invalid_dry_run", "dry_run", "dry_run %q is not true or false", v))
			return
		}
	}
	in, err := planio.Read(path.Base(name), body, time.Now())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if dryRun {
		pv, err := in.Preview()
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, toPreviewJSON(pv))
		return
	}
	p, err := s.app.ImportPlan(r.Context(), in.Plan)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/projects/"+p.Key)
	writeJSON(w, http.StatusCreated, toProjectJSON(p))
}

// previewJSON is what an import would create.
type previewJSON struct {
	Format      string   `json:"format"`
	Key         string   `json:"key"`
	Name        string   `json:"name"`
	Start       string   `json:"start"`
	Finish      string   `json:"finish"`
	Tasks       int      `json:"tasks"`
	Summaries   int      `json:"summaries"`
	Milestones  int      `json:"milestones"`
	Links       int      `json:"links"`
	Resources   int      `json:"resources"`
	Assignments int      `json:"assignments"`
	Calendars   int      `json:"calendars"`
	Notes       []string `json:"notes"`
}

func toPreviewJSON(pv *planio.Preview) previewJSON {
	notes := pv.Notes
	if notes == nil {
		notes = []string{}
	}
	return previewJSON{Format: string(pv.Format), Key: pv.Project.Key, Name: pv.Project.Name,
		Start: domain.FormatDateTime(pv.Start), Finish: domain.FormatDateTime(pv.Finish),
		Tasks: pv.Tasks, Summaries: pv.Summaries, Milestones: pv.Milestones, Links: pv.Links,
		Resources: pv.Resources, Assignments: pv.Assignments, Calendars: pv.Calendars, Notes: notes}
}

// exportPlan answers with the project as a plan file, or with ?format=
// mspdi (MS Project XML with the computed schedule), csv (a task list) or
// ical (its milestones and deadlines).
func (s *Server) exportPlan(w http.ResponseWriter, r *http.Request) {
	format := planio.Format(r.URL.Query().Get("format"))
	if format == "" {
		format = planio.Plan
	}
	if !slices.Contains(planio.WriteFormats, format) {
		s.writeError(w, r, domain.Invalid("invalid_format", "format", "format %q is not known; use plan, mspdi, csv or ical", format))
		return
	}
	plan, err := s.app.Plan(r.Context(), r.PathValue("key"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	data, err := planio.WriteBytes(format, plan, time.Now(), "-//Cairn//Cairn "+s.version+"//EN")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", planio.ContentType(format))
	w.Header().Set("Content-Disposition", `attachment; filename="`+plan.Project.Key+planio.Extension(format)+`"`)
	_, _ = w.Write(data)
}
