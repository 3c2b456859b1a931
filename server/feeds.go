package server

import (
	"bytes"
	"net/http"
	"strings"
	"time"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/ical"
)

// feedJSON is a calendar feed as the API shows it; its URL only once,
// when it is created, since only the secret's hash is kept.
type feedJSON struct {
	ID        int64   `json:"id"`
	Name      string  `json:"name"`
	Project   *string `json:"project"` // null: the owner's assigned tasks
	CreatedAt string  `json:"created_at"`
	URL       string  `json:"url,omitempty"`
}

func toFeedJSON(f domain.Feed) feedJSON {
	out := feedJSON{ID: f.ID, Name: f.Name, CreatedAt: f.CreatedAt.UTC().Format(time.RFC3339)}
	if f.ProjectKey != "" {
		out.Project = &f.ProjectKey
	}
	return out
}

// listFeeds answers GET /api/v1/feeds: the signed-in user's feeds.
func (s *Server) listFeeds(w http.ResponseWriter, r *http.Request) {
	fs, err := s.app.Feeds(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := struct {
		Feeds []feedJSON `json:"feeds"`
	}{Feeds: make([]feedJSON, len(fs))}
	for i, f := range fs {
		out.Feeds[i] = toFeedJSON(f)
	}
	writeJSON(w, http.StatusOK, out)
}

// createFeed answers POST /api/v1/feeds {"name": …, "project": "NET"}
// (no project: the caller's assigned tasks) with the feed's secret URL.
func (s *Server) createFeed(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Name    string `json:"name"`
		Project string `json:"project"`
	}
	if err := decode(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	secret, f, err := s.app.CreateFeed(r.Context(), app.NewFeed{Name: in.Name, Project: strings.ToUpper(strings.TrimSpace(in.Project))})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := toFeedJSON(f)
	scheme := "http"
	if s.overTLS(r) {
		scheme = "https"
	}
	out.URL = scheme + "://" + r.Host + "/feeds/" + secret + ".ics"
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusCreated, out)
}

// deleteFeed answers DELETE /api/v1/feeds/{id}: revokes one of the
// caller's feeds.
func (s *Server) deleteFeed(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "feed")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := s.app.RevokeFeed(r.Context(), id); err != nil {
		s.writeError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// serveFeed answers GET /feeds/{secret}.ics, without signing in: the
// secret is the credential. It reads with the feed owner's permissions.
func (s *Server) serveFeed(w http.ResponseWriter, r *http.Request) {
	secret := strings.TrimSuffix(r.PathValue("secret"), ".ics")
	c, err := s.app.FeedContent(r.Context(), secret)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	now := time.Now().UTC().Truncate(time.Second)
	prodID := "-//Cairn//Cairn " + s.version + "//EN"
	var cal ical.Calendar
	if c.Feed.ProjectID != 0 {
		cal = ical.ProjectCalendar(c.Plans[0].Plan, c.Plans[0].Result, prodID, now)
	} else {
		cal = ical.Calendar{Name: "Cairn: tasks of " + c.User.Email, ProdID: prodID}
		for _, sp := range c.Plans {
			cal.Events = append(cal.Events, ical.AssignedEvents(sp.Plan, sp.Result, c.User.Email, now)...)
		}
	}
	var buf bytes.Buffer
	if err := ical.Write(&buf, cal); err != nil {
		s.writeError(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/calendar; charset=utf-8")
	h.Set("Cache-Control", "private, max-age=300")
	h.Set("X-Robots-Tag", "noindex")
	_, _ = w.Write(buf.Bytes())
}
