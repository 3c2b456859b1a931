package server

import (
	"context"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

var pageOne = store.Page{Limit: 1}

const (
	defaultLimit = 100
	maxLimit     = 1000
)

// page reads ?limit= and ?cursor= into a store page.
func page(r *http.Request) (store.Page, error) {
	p := store.Page{Limit: defaultLimit}
	q := r.URL.Query()
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxLimit {
			return p, domain.Invalid("invalid_limit", "limit", "limit %q must be a whole number from 1 to %d", s, maxLimit)
		}
		p.Limit = n
	}
	if c := q.Get("cursor"); c != "" {
		raw, err := base64.RawURLEncoding.DecodeString(c)
		after, ok := strings.CutPrefix(string(raw), "after:")
		n, err2 := strconv.ParseInt(after, 10, 64)
		if err != nil || !ok || err2 != nil || n < 0 {
			return p, domain.Invalid("invalid_cursor", "cursor", "cursor %q is not one this server gave out; start again without it", c)
		}
		p.After = n
	}
	return p, nil
}

// nextCursor is the cursor for the page after one whose last ID is last,
// or "" when the page was not full (there is nothing more).
func nextCursor(p store.Page, n int, last int64) string {
	if n < p.Limit || n == 0 {
		return ""
	}
	return base64.RawURLEncoding.EncodeToString([]byte("after:" + strconv.FormatInt(last, 10)))
}

// pathID reads the numeric {id} path parameter of an entity.
func pathID(r *http.Request, entity string) (int64, error) {
	name := entity
	s := r.PathValue("id")
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, domain.NotFound(name+"_not_found", "%q is not a %s id; ids are positive whole numbers", s, name)
	}
	return id, nil
}

// ifMatch reads the If-Match header: the version the client last saw, or
// 0 when it sent none (last writer wins).
func ifMatch(r *http.Request) (int64, error) {
	h := strings.TrimSpace(r.Header.Get("If-Match"))
	if h == "" || h == "*" {
		return 0, nil
	}
	v, err := strconv.ParseInt(strings.Trim(strings.TrimPrefix(h, "W/"), `"`), 10, 64)
	if err != nil || v <= 0 {
		return 0, &domain.Error{Kind: domain.KindPreconditionFailed, Code: "invalid_if_match", Field: "If-Match",
			Detail: "If-Match must be an ETag this server sent, such as \"3\""}
	}
	return v, nil
}

// setETag sets the strong ETag of a versioned entity.
func setETag(w http.ResponseWriter, version int64) {
	w.Header().Set("ETag", `"`+strconv.FormatInt(version, 10)+`"`)
}

func itoa(n int) string { return strconv.Itoa(n) }

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

func notFoundRoute(r *http.Request) error {
	return domain.NotFound("route_not_found", "%s %s is not an API route; see /api/v1/projects", r.Method, r.URL.Path)
}

// target reads what a write to one entity names: the {id} path value and
// the If-Match version (0 when absent).
func target(r *http.Request, entity string) (id, version int64, err error) {
	if id, err = pathID(r, entity); err != nil {
		return 0, 0, err
	}
	version, err = ifMatch(r)
	return id, version, err
}

// deleteBy answers a DELETE of one entity with del.
func (s *Server) deleteBy(w http.ResponseWriter, r *http.Request, entity string,
	del func(ctx context.Context, key string, id, version int64) error) {
	id, version, err := target(r, entity)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := del(r.Context(), r.PathValue("key"), id, version); err != nil {
		s.writeError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
