package server

import (
	"net/http"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/domain"
)

// assigneeJSON is one resource assigned to a task.
type assigneeJSON struct {
	Resource   string  `json:"resource"`
	ResourceID int64   `json:"resource_id,omitempty"`
	Units      float64 `json:"units,omitempty"`
}

// assigneesJSON is the body of PUT …/tasks/{id}/assignees and its answer.
type assigneesJSON struct {
	Assignees   []assigneeJSON `json:"assignees"`
	TaskVersion int64          `json:"task_version,omitempty"`
}

// putAssignees replaces the resources assigned to a task, named by
// resource name, handle or email.
func (s *Server) putAssignees(w http.ResponseWriter, r *http.Request) {
	id, version, err := target(r, "task")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var in assigneesJSON
	if err := decode(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	if in.Assignees == nil {
		s.writeError(w, r, domain.Invalid("required", "assignees", "send the full list as \"assignees\" ([] for nobody)"))
		return
	}
	want := make([]app.Assignee, len(in.Assignees))
	for i, a := range in.Assignees {
		want[i] = app.Assignee{Resource: a.Resource, Units: a.Units}
	}
	t, as, err := s.app.SetAssignees(r.Context(), r.PathValue("key"), id, version, want)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := assigneesJSON{Assignees: make([]assigneeJSON, len(as)), TaskVersion: t.Version}
	for i, a := range as {
		out.Assignees[i] = assigneeJSON{Resource: a.Name, ResourceID: a.Resource, Units: a.Units}
	}
	setETag(w, t.Version)
	writeJSON(w, http.StatusOK, out)
}
