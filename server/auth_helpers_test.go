package server_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/internal/pgtest"
	"github.com/cairnpm/cairn/server"
	"github.com/cairnpm/cairn/store"
	"github.com/cairnpm/cairn/store/postgres"
	"github.com/cairnpm/cairn/store/sqlite"
)

// backends opens a fresh store of each kind, for tests that run on both.
var backends = []struct {
	name string
	open func(t *testing.T) store.Store
}{
	{"sqlite", func(t *testing.T) store.Store {
		st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "cairn.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}},
	{"postgres", func(t *testing.T) store.Store {
		st, err := postgres.Open(context.Background(), pgtest.Schema(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}},
}

// authEnv is a real server over a fresh store, with the app behind it so
// tests can create accounts the way the CLI does.
type authEnv struct {
	t   *testing.T
	url string
	app *app.App
	st  store.Store
	srv *server.Server
}

func newAuthEnv(t *testing.T, st store.Store, opt server.Options) *authEnv {
	t.Helper()
	a := app.New(st, nil)
	srv, err := server.New(a, discard(), opt)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return &authEnv{t: t, url: ts.URL, app: a, st: st, srv: srv}
}

// addUser creates an account with the password "correct horse battery".
func (e *authEnv) addUser(email string, admin bool) {
	e.t.Helper()
	if _, err := e.app.AddUser(context.Background(), app.NewUser{Email: email, Password: password, SiteAdmin: admin}); err != nil {
		e.t.Fatal(err)
	}
}

const password = "correct horse battery"

// token creates an API token for email and returns its secret.
func (e *authEnv) token(email string, readOnly bool) string {
	e.t.Helper()
	secret, _, err := e.app.CreateToken(context.Background(), email, app.NewToken{Name: "test", ReadOnly: readOnly})
	if err != nil {
		e.t.Fatal(err)
	}
	return secret
}

// who is how a request authenticates: a bearer token, or a session
// cookie (with the CSRF token to send, if any). html makes it ask for a
// page, as a browser does.
type who struct {
	bearer, cookie, csrf string
	html                 bool
}

var noFollow = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// do sends one request without following redirects. headers are
// name/value pairs.
func (e *authEnv) do(as who, method, path, body string, headers ...string) response {
	e.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, e.url+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if as.bearer != "" {
		req.Header.Set("Authorization", "Bearer "+as.bearer)
	}
	if as.cookie != "" {
		req.AddCookie(&http.Cookie{Name: "cairn_session", Value: as.cookie})
	}
	if as.csrf != "" {
		req.Header.Set("X-CSRF-Token", as.csrf)
	}
	if as.html {
		req.Header.Set("Accept", "text/html")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := noFollow.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{status: res.StatusCode, header: res.Header, body: b}
}

// must is do that fails the test on another status, and decodes JSON.
func (e *authEnv) must(status int, as who, method, path, body string, headers ...string) map[string]any {
	e.t.Helper()
	r := e.do(as, method, path, body, headers...)
	if r.status != status {
		e.t.Fatalf("%s %s: status %d, want %d\n%s", method, path, r.status, status, r.body)
	}
	if len(r.body) == 0 || !strings.Contains(r.header.Get("Content-Type"), "json") {
		return nil
	}
	return r.json(e.t)
}

// form posts an HTML form as a browser does, with a session cookie.
func (e *authEnv) form(cookie, path string, fields map[string]string) response {
	e.t.Helper()
	vals := make([]string, 0, len(fields))
	for k, v := range fields {
		vals = append(vals, k+"="+url.QueryEscape(v))
	}
	return e.do(who{cookie: cookie, html: true}, "POST", path, strings.Join(vals, "&"),
		"Content-Type", "application/x-www-form-urlencoded")
}

// login signs in through the form and returns the session cookie and the
// CSRF token the next page carries.
func (e *authEnv) login(email string) (cookie, csrf string) {
	e.t.Helper()
	r := e.form("", "/login", map[string]string{"email": email, "password": password, "next": "/"})
	if r.status != http.StatusSeeOther {
		e.t.Fatalf("sign in as %s: %d\n%s", email, r.status, r.body)
	}
	for _, c := range (&http.Response{Header: r.header}).Cookies() {
		if c.Name == "cairn_session" {
			cookie = c.Value
		}
	}
	if cookie == "" {
		e.t.Fatalf("sign in set no session cookie: %v", r.header)
	}
	me := e.must(200, who{cookie: cookie}, "GET", "/api/v1/me", "")
	return cookie, me["csrf_token"].(string)
}
