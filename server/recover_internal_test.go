package server

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// A handler that panics answers 500 with the request's id in the body, the
// same id as the X-Request-Id header, and nothing of the panic itself.
func TestPanicBecomesProblemWithRequestID(t *testing.T) {
	s := &Server{log: slog.New(slog.DiscardHandler), metrics: newMetrics()}
	h := s.withRequestID(s.observe(s.recoverer(securityHeaders(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		panic("secret internal state")
	})))))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/projects", nil))
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("status %d, want 500", rec.Code)
	}
	var body struct {
		RequestID string `json:"request_id"`
		Detail    string `json:"detail"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatalf("body %q: %v", rec.Body, err)
	}
	if id := rec.Header().Get("X-Request-Id"); id == "" || body.RequestID != id {
		t.Errorf("request_id %q, header %q; want the same, non-empty", body.RequestID, id)
	}
	if strings.Contains(rec.Body.String(), "secret") || strings.Contains(rec.Body.String(), "goroutine") {
		t.Errorf("the panic leaked into the response: %s", rec.Body)
	}
	if rec.Header().Get("X-Content-Type-Options") != "nosniff" {
		t.Error("the 500 lacks the security headers")
	}
}
