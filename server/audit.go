package server

import (
	"net/http"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// eventJSON is an audit event as the API shows it.
type eventJSON struct {
	ID       int64           `json:"id"`
	Entity   string          `json:"entity"`
	EntityID int64           `json:"entity_id"`
	Action   string          `json:"action"`
	Actor    string          `json:"actor"`
	At       string          `json:"at"`
	Changes  []domain.Change `json:"changes"`
}

func (s *Server) writeEvents(w http.ResponseWriter, pg store.Page, evs []domain.AuditEvent) {
	out := struct {
		Events     []eventJSON `json:"events"`
		NextCursor string      `json:"next_cursor,omitempty"`
	}{Events: make([]eventJSON, len(evs))}
	for i, e := range evs {
		out.Events[i] = eventJSON{ID: e.ID, Entity: e.Entity, EntityID: e.EntityID, Action: e.Action, Actor: e.Actor,
			At: e.At.Format(time.RFC3339), Changes: e.Changes}
		if out.Events[i].Changes == nil {
			out.Events[i].Changes = []domain.Change{}
		}
	}
	if len(evs) > 0 {
		out.NextCursor = nextCursor(pg, len(evs), evs[len(evs)-1].ID)
	}
	writeJSON(w, http.StatusOK, out)
}

// taskHistory answers GET …/tasks/{id}/history: every change to one task.
func (s *Server) taskHistory(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "task")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	pg, err := page(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	evs, err := s.app.History(r.Context(), r.PathValue("key"), "task", id, pg)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeEvents(w, pg, evs)
}

// projectChanges answers GET …/changes?since=…: what changed in a project
// since a moment (RFC 3339, or a date meaning its midnight UTC).
func (s *Server) projectChanges(w http.ResponseWriter, r *http.Request) {
	pg, err := page(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var f store.AuditFilter
	if since := r.URL.Query().Get("since"); since != "" {
		t, err := time.Parse(time.RFC3339, since)
		if err != nil {
			t, err = time.Parse(domain.DateLayout, since)
		}
		if err != nil {
			s.writeError(w, r, domain.Invalid("invalid_since", "since", "since %q is not a time (use 2027-03-01 or 2027-03-01T09:00:00Z)", since))
			return
		}
		f.Since = t
	}
	evs, err := s.app.Changes(r.Context(), r.PathValue("key"), f, pg)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeEvents(w, pg, evs)
}
