package server

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/domain"
)

// access says who may call a route. Every route is registered through the
// route table with one, so none can be added without saying who may call
// it (and the authorization test walks the same table).
type access struct {
	public bool       // served to anyone, signed in or not
	action app.Action // permission the route needs; "" when any signed-in user may call it
	costs  costShape  // the response carries cost fields to hide from those who may not see them
}

var (
	public   = access{public: true}
	signedIn = access{}
)

// need is the access of a route that needs permission for action.
func need(action app.Action) access { return access{action: action} }

// route is one entry of the route table.
type route struct {
	pattern string // "GET /api/v1/projects/{key}"
	handler http.HandlerFunc
	access  access
}

// Route describes a registered endpoint, for documentation and tests.
type Route struct {
	Method string // "" when the route answers every method
	Path   string
	Public bool       // served without signing in
	Action app.Action // permission needed; "" when any signed-in user may call it
}

// Routes lists every registered route, in registration order.
func (s *Server) Routes() []Route {
	out := make([]Route, len(s.table))
	for i, rt := range s.table {
		method, path, ok := strings.Cut(rt.pattern, " ")
		if !ok {
			method, path = "", rt.pattern
		}
		out[i] = Route{Method: method, Path: path, Public: rt.access.public, Action: rt.access.action}
	}
	return out
}

// register adds the table's routes to the mux, each behind its guard.
func (s *Server) register(table []route) {
	s.table = table
	s.registered = make(map[string]bool, len(table))
	for _, rt := range table {
		s.mux.Handle(rt.pattern, s.guard(rt))
		s.registered[rt.pattern] = true
	}
}

// onlyRegistered refuses requests for a pattern added to the mux behind
// the route table's back, whose callers nobody would check.
func (s *Server) onlyRegistered(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, pattern := s.mux.Handler(r); pattern != "" && !s.registered[pattern] {
			s.writeError(w, r, fmt.Errorf("route %q is not in the route table, so nobody checks who may call it", pattern))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// guard runs the checks in their fixed order: authentication (401), then
// permission (403, or 404 for a project the user is not a member of);
// preconditions (412) are the use case's, after both.
func (s *Server) guard(rt route) http.Handler {
	if rt.access.public {
		return rt.handler
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, authorized, err := s.authenticate(w, r, rt.access.action)
		if _, signedIn := app.PrincipalFrom(ctx); err == nil && signedIn && !authorized && rt.access.action != "" {
			err = s.app.Authorize(ctx, r.PathValue("key"), rt.access.action)
		}
		if err != nil {
			s.deny(w, r, err)
			return
		}
		r = r.WithContext(ctx)
		if rt.access.costs != noCosts {
			s.serveWithoutCosts(w, r, rt.handler, rt.access.costs)
			return
		}
		rt.handler(w, r)
	})
}

// sessionCookie holds a browser's session token.
const sessionCookie = "cairn_session"

type sessionTokenKey struct{}

// authenticate finds who the request is from: an API token (Authorization:
// Bearer), or a session cookie, whose unsafe requests must also carry the
// session's CSRF token. Without either it fails once an account exists;
// before that the server is open, as it was before accounts existed.
//
// An API token is checked together with the permission for action, in
// one read (authorized is then true): API clients make most requests,
// and each read is a round trip to PostgreSQL. The token's error still
// comes before the permission's.
func (s *Server) authenticate(w http.ResponseWriter, r *http.Request, action app.Action) (_ context.Context, authorized bool, _ error) {
	ctx := r.Context()
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, secret, _ := strings.Cut(h, " ")
		if !strings.EqualFold(scheme, "Bearer") {
			return ctx, false, domain.Unauthorized("unsupported_authorization", "use Authorization: Bearer <token>, with a token from cairn token create or POST /api/v1/tokens")
		}
		p, err := s.app.TokenAccess(ctx, strings.TrimSpace(secret), r.PathValue("key"), action)
		if err != nil {
			return ctx, true, err
		}
		return app.WithPrincipal(ctx, p), true, nil
	}
	ctx, err := s.authenticateSession(w, r)
	return ctx, false, err
}

// authenticateSession is authenticate without an API token.
func (s *Server) authenticateSession(w http.ResponseWriter, r *http.Request) (context.Context, error) {
	ctx := r.Context()
	var sessionErr error
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		p, err := s.app.SessionPrincipal(ctx, c.Value)
		if err == nil {
			if unsafeMethod(r.Method) && !validCSRF(r, c.Value) {
				return ctx, domain.Forbidden("csrf_token_invalid",
					"this request lacks the page's CSRF token (form field csrf_token, or header X-CSRF-Token); reload the page and try again")
			}
			ctx = context.WithValue(ctx, sessionTokenKey{}, c.Value)
			return app.WithPrincipal(ctx, p), nil
		}
		if domain.ErrorKind(err) != domain.KindUnauthorized {
			return ctx, err
		}
		http.SetCookie(w, s.sessionCookie(r, "", -1))
		sessionErr = err
	}
	has, err := s.app.HasUsers(ctx)
	switch {
	case err != nil:
		return ctx, err
	case !has:
		return ctx, nil
	case sessionErr != nil:
		return ctx, sessionErr
	}
	return ctx, domain.Unauthorized("not_signed_in", "sign in first: send Authorization: Bearer <token> (from cairn token create), or sign in at /login")
}

func unsafeMethod(m string) bool {
	return m != http.MethodGet && m != http.MethodHead && m != http.MethodOptions
}

// csrfToken is the CSRF token of a session: derived from the session's
// secret, so it needs no storage, and one-way, so a page that shows it
// does not show the secret. Another site can neither read the cookie nor
// compute the token.
func csrfToken(session string) string {
	sum := sha256.Sum256([]byte("cairn csrf\x00" + session))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// validCSRF reports whether r carries the CSRF token of the session.
func validCSRF(r *http.Request, session string) bool {
	got := r.Header.Get("X-CSRF-Token")
	if got == "" {
		if ct := r.Header.Get("Content-Type"); strings.HasPrefix(ct, "application/x-www-form-urlencoded") || strings.HasPrefix(ct, "multipart/form-data") {
			got = r.PostFormValue("csrf_token") // ParseForm reads at most 10 MB
		}
	}
	return subtle.ConstantTimeCompare([]byte(got), []byte(csrfToken(session))) == 1
}

// requestCSRF returns the CSRF token of the request's session, "" when it
// has none (API tokens, or no accounts yet).
func requestCSRF(ctx context.Context) string {
	if s, ok := ctx.Value(sessionTokenKey{}).(string); ok {
		return csrfToken(s)
	}
	return ""
}

// sessionCookie is the cookie that holds a session token; maxAge -1
// deletes it. Secure when the browser reached us over TLS.
func (s *Server) sessionCookie(r *http.Request, token string, maxAge int) *http.Cookie {
	return &http.Cookie{Name: sessionCookie, Value: token, Path: "/", MaxAge: maxAge,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.overTLS(r)}
}

func (s *Server) overTLS(r *http.Request) bool {
	return r.TLS != nil || (s.behindProxy && strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https"))
}

// deny answers a request refused by authentication or permission: API
// callers get a problem document; a browser that is not signed in is sent
// to the sign-in page.
func (s *Server) deny(w http.ResponseWriter, r *http.Request, err error) {
	if !strings.HasPrefix(r.URL.Path, "/api/") && strings.Contains(r.Header.Get("Accept"), "text/html") {
		if domain.ErrorKind(err) == domain.KindUnauthorized {
			next := "/"
			if r.Method == http.MethodGet {
				next = r.URL.RequestURI()
			}
			http.Redirect(w, r, "/login?next="+url.QueryEscape(next), http.StatusSeeOther)
			return
		}
		s.web.renderError(w, r, err)
		return
	}
	s.writeError(w, r, err)
}

// clientIP is the address sign-in limits count against: the peer, or
// behind a reverse proxy (--behind-proxy) the address the proxy appended
// last to X-Forwarded-For.
func (s *Server) clientIP(r *http.Request) string {
	if s.behindProxy {
		if xff := r.Header.Get("X-Forwarded-For"); xff != "" {
			parts := strings.Split(xff, ",")
			if ip := net.ParseIP(strings.TrimSpace(parts[len(parts)-1])); ip != nil {
				return ip.String()
			}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// serveMetrics guards /metrics: with a metrics token, only requests that
// bear it; without one, only clients on this machine that did not come
// through a proxy.
func (s *Server) serveMetrics(next http.Handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.metricsToken != "" {
			got := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
			if subtle.ConstantTimeCompare([]byte(got), []byte(s.metricsToken)) != 1 {
				w.Header().Set("WWW-Authenticate", `Bearer realm="cairn metrics"`)
				http.Error(w, "metrics need Authorization: Bearer <the --metrics-token>", http.StatusUnauthorized)
				return
			}
			next.ServeHTTP(w, r)
			return
		}
		host, _, _ := net.SplitHostPort(r.RemoteAddr)
		ip := net.ParseIP(host)
		proxied := r.Header.Get("X-Forwarded-For") != "" || r.Header.Get("Forwarded") != "" || r.Header.Get("X-Real-IP") != ""
		if ip == nil || !ip.IsLoopback() || proxied {
			http.Error(w, "metrics are served only to this machine; set --metrics-token to scrape them from elsewhere", http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	}
}
