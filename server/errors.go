package server

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// problem is an RFC 9457 problem document, with Cairn's stable code and
// the offending field.
type problem struct {
	Type      string `json:"type"`
	Title     string `json:"title"`
	Status    int    `json:"status"`
	Code      string `json:"code"`
	Detail    string `json:"detail"`
	Field     string `json:"field,omitempty"`
	Instance  string `json:"instance,omitempty"`
	RequestID string `json:"request_id,omitempty"`
	// CurrentVersion is set on 412 so the client can reload and retry.
	CurrentVersion int64 `json:"current_version,omitempty"`
}

// statusClientClosedRequest is nginx's status for a request whose client
// went away before the answer: it keeps those out of the 5xx counts.
const statusClientClosedRequest = 499

// statusOf is the one place where an error kind becomes an HTTP status.
func statusOf(k domain.Kind) int {
	switch k {
	case domain.KindInvalid:
		return http.StatusBadRequest
	case domain.KindNotFound:
		return http.StatusNotFound
	case domain.KindConflict:
		return http.StatusConflict
	case domain.KindUnauthorized:
		return http.StatusUnauthorized
	case domain.KindForbidden:
		return http.StatusForbidden
	case domain.KindPreconditionFailed:
		return http.StatusPreconditionFailed
	case domain.KindRateLimited:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}

// writeError answers with a problem document. Internal errors are logged
// in full and shown only as a short message with the request id.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	if r.Context().Err() != nil {
		// The client hung up and the store gave up with it: no failure of
		// ours, and nobody reads the answer. Counting it as a 500 would
		// raise alarms for every closed browser tab. The error is not
		// always context.Canceled (pgx checks a pooled connection with a
		// ping under the request's context and reports the cancelled ping
		// as a bad connection), so others are kept at info level.
		level := slog.LevelDebug
		if !errors.Is(err, context.Canceled) {
			level = slog.LevelInfo
		}
		s.log.Log(r.Context(), level, "client went away", "err", err, "path", r.URL.Path, "method", r.Method)
		w.WriteHeader(statusClientClosedRequest)
		return
	}
	kind := domain.ErrorKind(err)
	status := statusOf(kind)
	p := problem{
		Type:      "https://cairn.dev/problems/" + string(kind),
		Title:     http.StatusText(status),
		Status:    status,
		Code:      string(kind),
		Instance:  r.URL.Path,
		RequestID: requestID(r.Context()),
	}
	var de *domain.Error
	if kind != domain.KindInternal && errors.As(err, &de) {
		p.Code, p.Detail, p.Field = de.Code, de.Error(), de.Field
		if de.Field != "" {
			p.Detail = de.Detail
		}
	} else {
		p.Code = "internal"
		p.Detail = "something went wrong on our side; quote request " + p.RequestID + " when reporting it"
		s.log.ErrorContext(r.Context(), "request failed", "err", err, "path", r.URL.Path, "method", r.Method)
	}
	var ve *store.VersionError
	if errors.As(err, &ve) {
		p.CurrentVersion = ve.Current
	}
	setAuthHeaders(w, err)
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	if err := json.NewEncoder(w).Encode(p); err != nil {
		s.log.DebugContext(r.Context(), "write problem", slog.Any("err", err))
	}
}

// setAuthHeaders adds the headers that go with an authentication or
// rate-limit error: how to authenticate (401), when to retry (429).
func setAuthHeaders(w http.ResponseWriter, err error) {
	switch domain.ErrorKind(err) {
	case domain.KindUnauthorized:
		w.Header().Set("WWW-Authenticate", `Bearer realm="cairn"`)
	case domain.KindRateLimited:
		var ra *domain.RetryAfter
		if errors.As(err, &ra) {
			w.Header().Set("Retry-After", strconv.Itoa(int((ra.Wait+time.Second-1)/time.Second)))
		}
	}
}
