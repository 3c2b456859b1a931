package server

import (
	"bytes"
	"encoding/json"
	"net/http"
)

// costShape says where a route's response carries cost fields, which
// only those allowed app.ActionViewCosts (owners, managers, site admins)
// may see.
type costShape int

const (
	noCosts     costShape = iota
	costProject           // one project
	costList              // {"projects": [...]}
)

// projectWithoutCosts is a project as shown to those who may not see
// costs: the outer Budget hides the embedded one, and is omitted.
type projectWithoutCosts struct {
	projectJSON
	Budget *string `json:"budget,omitempty"`
}

// serveWithoutCosts runs h and removes the cost fields from its answer
// for the projects whose costs the caller may not see. Who may see them
// is the app's decision (app.CostVisibility).
//
// Handlers build their answers from the shared DTOs; filtering here keeps
// the rule in one place for every route that shows projects.
func (s *Server) serveWithoutCosts(w http.ResponseWriter, r *http.Request, h http.HandlerFunc, shape costShape) {
	all, visible, err := s.app.CostVisibility(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if all || (shape == costProject && visible[r.PathValue("key")]) {
		h(w, r)
		return
	}
	buf := &bufferedWriter{header: w.Header()}
	h(buf, r)
	if buf.status == 0 {
		buf.status = http.StatusOK
	}
	body := buf.body.Bytes()
	if buf.status < 300 && buf.header.Get("Content-Type") == "application/json" {
		if out, err := hideCosts(body, shape, visible); err == nil {
			body = out
		} else {
			s.log.ErrorContext(r.Context(), "hide costs", "err", err)
			s.writeError(w, r, err)
			return
		}
	}
	w.WriteHeader(buf.status)
	_, _ = w.Write(body)
}

// hideCosts re-encodes a project or a list of projects without the costs
// of projects not in visible.
func hideCosts(body []byte, shape costShape, visible map[string]bool) ([]byte, error) {
	strip := func(p projectJSON) any {
		if visible[p.Key] {
			return p
		}
		return projectWithoutCosts{projectJSON: p}
	}
	var v any
	if shape == costProject {
		var p projectJSON
		if err := json.Unmarshal(body, &p); err != nil {
			return nil, err
		}
		v = strip(p)
	} else {
		var list struct {
			Projects   []projectJSON `json:"projects"`
			NextCursor string        `json:"next_cursor,omitempty"`
		}
		if err := json.Unmarshal(body, &list); err != nil {
			return nil, err
		}
		out := struct {
			Projects   []any  `json:"projects"`
			NextCursor string `json:"next_cursor,omitempty"`
		}{Projects: make([]any, len(list.Projects)), NextCursor: list.NextCursor}
		for i, p := range list.Projects {
			out.Projects[i] = strip(p)
		}
		v = out
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	err := enc.Encode(v)
	return buf.Bytes(), err
}

// bufferedWriter holds a handler's answer so it can be rewritten.
type bufferedWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedWriter) Header() http.Header { return b.header }

func (b *bufferedWriter) WriteHeader(code int) {
	if b.status == 0 {
		b.status = code
	}
}

func (b *bufferedWriter) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}
