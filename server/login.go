package server

import (
	"net/http"
	"strings"

	"github.com/cairnpm/cairn/domain"
)

// loginPage shows the sign-in form, or sends a signed-in browser on.
func (w *web) loginPage(rw http.ResponseWriter, r *http.Request) {
	next := safeNext(r.URL.Query().Get("next"))
	if c, err := r.Cookie(sessionCookie); err == nil {
		if _, err := w.s.app.SessionPrincipal(r.Context(), c.Value); err == nil {
			http.Redirect(rw, r, next, http.StatusSeeOther)
			return
		}
	}
	hasUsers, err := w.s.app.HasUsers(r.Context())
	if err != nil {
		w.renderError(rw, r, err)
		return
	}
	w.render(rw, r, "login", http.StatusOK, map[string]any{"Title": "Sign in", "Next": next, "NoUsers": !hasUsers})
}

// login checks the form's email and password, starts a session and sends
// the browser where it was going.
func (w *web) login(rw http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(rw, r.Body, 64<<10)
	email, next := r.PostFormValue("email"), safeNext(r.PostFormValue("next"))
	token, _, err := w.s.app.Login(r.Context(), email, r.PostFormValue("password"), w.s.clientIP(r))
	if err != nil {
		kind := domain.ErrorKind(err)
		msg := err.Error()
		switch kind {
		case domain.KindRateLimited:
			setAuthHeaders(rw, err)
		case domain.KindUnauthorized, domain.KindInvalid:
		default:
			w.s.log.ErrorContext(r.Context(), "sign in", "err", err)
			msg = "something went wrong on our side; quote request " + requestID(r.Context()) + " when reporting it"
		}
		w.render(rw, r, "login", statusOf(kind), map[string]any{"Title": "Sign in", "Next": next, "Email": email, "Error": msg})
		return
	}
	http.SetCookie(rw, w.s.sessionCookie(r, token, int(w.s.app.SessionMaxAge().Seconds())))
	http.Redirect(rw, r, next, http.StatusSeeOther)
}

// logout ends the browser's session.
func (w *web) logout(rw http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		if err := w.s.app.Logout(r.Context(), c.Value); err != nil {
			w.renderError(rw, r, err)
			return
		}
	}
	http.SetCookie(rw, w.s.sessionCookie(r, "", -1))
	http.Redirect(rw, r, "/login", http.StatusSeeOther)
}

// safeNext keeps a post-sign-in redirect on this site: a path, not a URL
// ("//evil.example" is one) .
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}

// renderError shows an error as a page, with the status of its kind.
func (w *web) renderError(rw http.ResponseWriter, r *http.Request, err error) {
	kind := domain.ErrorKind(err)
	msg := err.Error()
	if kind == domain.KindInternal {
		w.s.log.ErrorContext(r.Context(), "request failed", "err", err, "path", r.URL.Path)
		msg = "something went wrong on our side; quote request " + requestID(r.Context()) + " when reporting it"
	}
	w.render(rw, r, "error", statusOf(kind), map[string]any{"Title": http.StatusText(statusOf(kind)), "Error": msg})
}
