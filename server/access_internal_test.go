package server

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/store/sqlite"
)

func newTestServer(t *testing.T, opt Options) *Server {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "cairn.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	s, err := New(app.New(st, nil), slog.New(slog.DiscardHandler), opt)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestOnlyRegisteredRoutes: a handler added to the mux behind the route
// table's back is refused, so no route can skip the access checks.
func TestOnlyRegisteredRoutes(t *testing.T) {
	s := newTestServer(t, Options{})
	s.mux.HandleFunc("GET /sneaky", func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("open")) })
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/sneaky", nil))
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("unregistered route answered %d: %s", rec.Code, rec.Body)
	}
	rec = httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("healthz %d", rec.Code)
	}
}

func TestSafeNext(t *testing.T) {
	for in, want := range map[string]string{
		"/projects/NET": "/projects/NET", "": "/", "//evil.example/x": "/", "/\\evil.example": "/",
		"https://evil.example/": "/", "projects": "/",
	} {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestClientIP(t *testing.T) {
	req := httptest.NewRequest("GET", "/", nil)
	req.RemoteAddr = "10.0.0.5:41234"
	req.Header.Set("X-Forwarded-For", "198.51.100.1, 203.0.113.7")
	direct, proxied := &Server{}, &Server{behindProxy: true}
	if got := direct.clientIP(req); got != "10.0.0.5" {
		t.Errorf("without --behind-proxy: %s", got)
	}
	if got := proxied.clientIP(req); got != "203.0.113.7" {
		t.Errorf("behind a proxy: %s (want the address the proxy appended)", got)
	}
	req.Header.Set("X-Forwarded-Proto", "https")
	if !proxied.overTLS(req) || direct.overTLS(req) {
		t.Error("X-Forwarded-Proto trusted wrongly")
	}
}
