package server

import (
	"net/http"
	"strconv"
	"time"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/domain"
)

// commentRoutes are comments with @mentions, reading notifications and
// notification preferences (docs/decisions/0023), part of the route
// table. Everyone on the project reads and writes comments, viewers too;
// the app lets authors delete their own and managers any.
func (s *Server) commentRoutes() []route {
	return []route{
		{"GET /api/v1/projects/{key}/comments", s.listComments, need(app.ActionView)},
		{"POST /api/v1/projects/{key}/comments", s.createComment, need(app.ActionComment)},
		{"DELETE /api/v1/projects/{key}/comments/{id}", s.deleteComment, need(app.ActionComment)},
		{"POST /api/v1/notifications/read", s.readNotifications, need(app.ActionManageAccount)},
		{"GET /api/v1/me/preferences", s.getPreferences, signedIn},
		{"PUT /api/v1/me/preferences", s.putPreferences, need(app.ActionManageAccount)},
	}
}

// commentJSON is a comment with its author and the members it mentioned.
type commentJSON struct {
	ID         int64         `json:"id"`
	Entity     string        `json:"entity"`
	EntityID   int64         `json:"entity_id"`
	Author     string        `json:"author"`
	AuthorName string        `json:"author_name,omitempty"`
	Body       string        `json:"body"`
	Mentions   []mentionJSON `json:"mentions"`
	CreatedAt  string        `json:"created_at"`
}

// mentionJSON is a member a comment mentioned.
type mentionJSON struct {
	Email string `json:"email"`
	Name  string `json:"name"`
}

func toCommentJSON(c app.CommentView) commentJSON {
	out := commentJSON{ID: c.ID, Entity: string(c.Entity), EntityID: c.EntityID, Author: c.Author, AuthorName: c.AuthorName,
		Body: c.Body, Mentions: []mentionJSON{}, CreatedAt: c.CreatedAt.Format(time.RFC3339)}
	for _, m := range c.Mentioned {
		out.Mentions = append(out.Mentions, mentionJSON{Email: m.Email, Name: m.Name})
	}
	return out
}

// commentTarget reads ?entity=task|risk|report&id=N.
func commentTarget(r *http.Request) (domain.CommentEntity, int64, error) {
	q := r.URL.Query()
	c := domain.Comment{Entity: domain.CommentEntity(q.Get("entity"))}
	if s := q.Get("id"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return "", 0, domain.Invalid("invalid_id", "id", "%q is not an id; ids are positive whole numbers", s)
		}
		c.EntityID = id
	}
	c.Body = "-" // checked on its own when writing
	return c.Entity, c.EntityID, c.Validate()
}

// listComments answers GET …/comments?entity=…&id=…: oldest first.
func (s *Server) listComments(w http.ResponseWriter, r *http.Request) {
	entity, id, err := commentTarget(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	cs, err := s.app.Comments(r.Context(), r.PathValue("key"), entity, id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := make([]commentJSON, len(cs))
	for i, c := range cs {
		out[i] = toCommentJSON(c)
	}
	writeJSON(w, http.StatusOK, map[string]any{"comments": out})
}

// createComment answers POST …/comments?entity=…&id=…: the body's
// @mentions of members notify them.
func (s *Server) createComment(w http.ResponseWriter, r *http.Request) {
	entity, id, err := commentTarget(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var in struct {
		Body string `json:"body"`
	}
	if err := decode(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	c, err := s.app.AddComment(r.Context(), r.PathValue("key"), domain.Comment{Entity: entity, EntityID: id, Body: in.Body})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/projects/"+r.PathValue("key")+"/comments?entity="+string(entity)+"&id="+itoa64(id))
	writeJSON(w, http.StatusCreated, toCommentJSON(c))
}

// deleteComment answers DELETE …/comments/{id}.
func (s *Server) deleteComment(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "comment")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := s.app.DeleteComment(r.Context(), r.PathValue("key"), id); err != nil {
		s.writeError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// readNotifications answers POST /api/v1/notifications/read: marks the
// listed notifications read, or all of them when ids is absent or empty.
func (s *Server) readNotifications(w http.ResponseWriter, r *http.Request) {
	var in struct {
		IDs []int64 `json:"ids"`
	}
	if err := decode(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	n, err := s.app.ReadNotifications(r.Context(), in.IDs)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"marked": n})
}

// preferencesJSON are the signed-in user's notification preferences.
type preferencesJSON struct {
	MentionEmail bool   `json:"mention_email"`
	DailyDigest  bool   `json:"daily_digest"`
	UpdatedAt    string `json:"updated_at,omitempty"`
}

func toPreferencesJSON(p domain.Preferences) preferencesJSON {
	out := preferencesJSON{MentionEmail: p.MentionEmail, DailyDigest: p.DailyDigest}
	if !p.UpdatedAt.IsZero() {
		out.UpdatedAt = p.UpdatedAt.Format(time.RFC3339)
	}
	return out
}

func (s *Server) getPreferences(w http.ResponseWriter, r *http.Request) {
	p, err := s.app.Preferences(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toPreferencesJSON(p))
}

// putPreferences answers PUT /api/v1/me/preferences; a field left out
// keeps its value.
func (s *Server) putPreferences(w http.ResponseWriter, r *http.Request) {
	var in struct {
		MentionEmail Opt[bool] `json:"mention_email"`
		DailyDigest  Opt[bool] `json:"daily_digest"`
	}
	if err := decode(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	p, err := s.app.SetPreferences(r.Context(), func(p *domain.Preferences) {
		if in.MentionEmail.Set && !in.MentionEmail.Null {
			p.MentionEmail = in.MentionEmail.Value
		}
		if in.DailyDigest.Set && !in.DailyDigest.Null {
			p.DailyDigest = in.DailyDigest.Value
		}
	})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toPreferencesJSON(p))
}
