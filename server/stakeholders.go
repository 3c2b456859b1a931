package server

import (
	"bytes"
	"net/http"
	"strings"
	"time"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/stakeholder"
)

// deliveryRoutes are the routes of the stakeholder register, delivery
// schedules and in-app notifications (docs/decisions/0022), part of the
// route table. Everyone on the project sees who the stakeholders are;
// their e-mail addresses, and the delivery schedules (which hold webhook
// URLs), only those who manage the project.
func (s *Server) deliveryRoutes() []route {
	return []route{
		{"GET /api/v1/projects/{key}/stakeholders", s.listStakeholders, need(app.ActionView)},
		{"POST /api/v1/projects/{key}/stakeholders", s.createStakeholder, need(app.ActionManageProject)},
		{"GET /api/v1/projects/{key}/stakeholders/grid.svg", s.stakeholderGrid, need(app.ActionView)},
		{"GET /api/v1/projects/{key}/stakeholders/{id}", s.getStakeholder, need(app.ActionView)},
		{"PATCH /api/v1/projects/{key}/stakeholders/{id}", s.patchStakeholder, need(app.ActionManageProject)},
		{"DELETE /api/v1/projects/{key}/stakeholders/{id}", s.deleteStakeholder, need(app.ActionManageProject)},

		{"GET /api/v1/projects/{key}/delivery-schedules", s.listDeliverySchedules, need(app.ActionManageProject)},
		{"POST /api/v1/projects/{key}/delivery-schedules", s.createDeliverySchedule, need(app.ActionManageProject)},
		{"GET /api/v1/projects/{key}/delivery-schedules/{id}", s.getDeliverySchedule, need(app.ActionManageProject)},
		{"PATCH /api/v1/projects/{key}/delivery-schedules/{id}", s.patchDeliverySchedule, need(app.ActionManageProject)},
		{"DELETE /api/v1/projects/{key}/delivery-schedules/{id}", s.deleteDeliverySchedule, need(app.ActionManageProject)},

		{"GET /api/v1/notifications", s.listNotifications, signedIn},
	}
}

// stakeholderJSON is a stakeholder as the API shows it.
type stakeholderJSON struct {
	ID           int64  `json:"id"`
	Name         string `json:"name"`
	Organisation string `json:"organisation"`
	Role         string `json:"role"`
	Power        int    `json:"power"`
	Interest     int    `json:"interest"`
	Quadrant     string `json:"quadrant"`
	Email        string `json:"email,omitempty"`
	IsUser       bool   `json:"is_user"`
	Notes        string `json:"notes"`
	Version      int64  `json:"version"`
	CreatedAt    string `json:"created_at"`
	UpdatedAt    string `json:"updated_at"`
}

func toStakeholderJSON(s domain.Stakeholder) stakeholderJSON {
	return stakeholderJSON{ID: s.ID, Name: s.Name, Organisation: s.Organisation, Role: string(s.Role), Power: s.Power,
		Interest: s.Interest, Quadrant: stakeholder.QuadrantOf(s).Name, Email: s.Email, IsUser: s.UserID != 0, Notes: s.Notes,
		Version: s.Version, CreatedAt: s.CreatedAt.Format(time.RFC3339), UpdatedAt: s.UpdatedAt.Format(time.RFC3339)}
}

// mayManage reports whether the caller manages the project, and so may
// see stakeholders' e-mail addresses.
func (s *Server) mayManage(r *http.Request) bool {
	return s.app.Authorize(r.Context(), r.PathValue("key"), app.ActionManageProject) == nil
}

func (s *Server) listStakeholders(w http.ResponseWriter, r *http.Request) {
	ss, err := s.app.Stakeholders(r.Context(), r.PathValue("key"), s.mayManage(r))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := make([]stakeholderJSON, len(ss))
	for i, x := range ss {
		out[i] = toStakeholderJSON(x)
	}
	writeJSON(w, http.StatusOK, map[string]any{"stakeholders": out})
}

// stakeholderGrid answers GET …/stakeholders/grid.svg: the power/interest
// grid.
func (s *Server) stakeholderGrid(w http.ResponseWriter, r *http.Request) {
	ss, err := s.app.Stakeholders(r.Context(), r.PathValue("key"), false)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var b bytes.Buffer
	if err := stakeholder.WriteGrid(&b, r.PathValue("key"), ss); err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	_, _ = w.Write(b.Bytes())
}

// stakeholderInput is the body of POST and PATCH …/stakeholders.
type stakeholderInput struct {
	Name         Opt[string] `json:"name"`
	Organisation Opt[string] `json:"organisation"`
	Role         Opt[string] `json:"role"`
	Power        Opt[int]    `json:"power"`
	Interest     Opt[int]    `json:"interest"`
	Email        Opt[string] `json:"email"`
	Notes        Opt[string] `json:"notes"`
}

// apply sets the fields present in in; null clears a text field.
func (in stakeholderInput) apply(s *domain.Stakeholder) {
	text := func(o Opt[string], dst *string) {
		if o.Set {
			*dst = o.Value // null leaves Value ""
		}
	}
	text(in.Name, &s.Name)
	text(in.Organisation, &s.Organisation)
	text(in.Email, &s.Email)
	text(in.Notes, &s.Notes)
	if in.Role.Set {
		s.Role = domain.StakeholderRole(strings.ToLower(in.Role.Value))
	}
	if in.Power.Set {
		s.Power = in.Power.Value
	}
	if in.Interest.Set {
		s.Interest = in.Interest.Value
	}
}

func (s *Server) createStakeholder(w http.ResponseWriter, r *http.Request) {
	var in stakeholderInput
	if err := decode(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	var sh domain.Stakeholder
	in.apply(&sh)
	sh, err := s.app.CreateStakeholder(r.Context(), r.PathValue("key"), sh)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/projects/"+r.PathValue("key")+"/stakeholders/"+itoa64(sh.ID))
	setETag(w, sh.Version)
	writeJSON(w, http.StatusCreated, toStakeholderJSON(sh))
}

func (s *Server) getStakeholder(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "stakeholder")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	sh, err := s.app.Stakeholder(r.Context(), r.PathValue("key"), id, s.mayManage(r))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	setETag(w, sh.Version)
	writeJSON(w, http.StatusOK, toStakeholderJSON(sh))
}

func (s *Server) patchStakeholder(w http.ResponseWriter, r *http.Request) {
	id, version, err := target(r, "stakeholder")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var in stakeholderInput
	if err := decode(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	sh, err := s.app.UpdateStakeholder(r.Context(), r.PathValue("key"), id, version, in.apply)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	setETag(w, sh.Version)
	writeJSON(w, http.StatusOK, toStakeholderJSON(sh))
}

func (s *Server) deleteStakeholder(w http.ResponseWriter, r *http.Request) {
	s.deleteBy(w, r, "stakeholder", s.app.DeleteStakeholder)
}

// notificationJSON is an in-app notification.
type notificationJSON struct {
	ID        int64  `json:"id"`
	Project   int64  `json:"project_id"`
	Report    int64  `json:"report_id,omitempty"`
	Comment   int64  `json:"comment_id,omitempty"`
	Title     string `json:"title"`
	Link      string `json:"link"`
	CreatedAt string `json:"created_at"`
	ReadAt    string `json:"read_at,omitempty"`
}

// listNotifications answers GET /api/v1/notifications: the signed-in
// user's, newest first.
func (s *Server) listNotifications(w http.ResponseWriter, r *http.Request) {
	ns, err := s.app.Notifications(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := make([]notificationJSON, len(ns))
	for i, n := range ns {
		out[i] = notificationJSON{ID: n.ID, Project: n.ProjectID, Report: n.ReportID, Comment: n.CommentID, Title: n.Title,
			Link: n.Body, CreatedAt: n.CreatedAt.Format(time.RFC3339)}
		if !n.ReadAt.IsZero() {
			out[i].ReadAt = n.ReadAt.Format(time.RFC3339)
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"notifications": out})
}
