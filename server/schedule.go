package server

import (
	"net/http"

	"github.com/cairnpm/cairn/schedule"
)

func (s *Server) getSchedule(w http.ResponseWriter, r *http.Request) {
	plan, res, err := s.app.Schedule(r.Context(), r.PathValue("key"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, schedule.NewDocument(plan, res))
}
