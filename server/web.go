package server

import (
	"bytes"
	"context"
	"embed"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
	"time"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/domain"
)

//go:embed web/templates/*.html web/static
var webFS embed.FS

// web renders the server-side HTML pages. Pages read through the app
// like the API does; edits go from the browser to the JSON API (fetch,
// with the page's CSRF token and each entity's version), and htmx swaps
// in server-rendered fragments afterwards. See docs/decisions/0016.
type web struct {
	s     *Server
	pages map[string]*template.Template
	demo  func(ctx context.Context) (string, error)
}

// webPages are the templates, each parsed with the layout and the shared
// partials.
var webPages = []string{"home", "portfolio", "overview", "plan", "board", "resources", "risks", "reports", "report", "activity", "comments", "settings", "budget", "timesheet", "login", "error"}

func newWeb(s *Server, demo func(ctx context.Context) (string, error)) (*web, error) {
	w := &web{s: s, pages: map[string]*template.Template{}, demo: demo}
	for _, page := range webPages {
		t, err := template.New("layout.html").Funcs(webFuncs).ParseFS(webFS,
			"web/templates/layout.html", "web/templates/partials.html", "web/templates/"+page+".html")
		if err != nil {
			return nil, err
		}
		w.pages[page] = t
	}
	return w, nil
}

var webFuncs = template.FuncMap{
	"dt": func(t string) string { return strings.Replace(t, "T", " ", 1)[:min(len(t), 16)] },
	"days": func(m int64, perDay int64) string {
		return domain.Duration{Minutes: m}.Format(domain.Units{MinutesPerDay: perDay})
	},
	"depth": func(outline string) int { return strings.Count(outline, ".") },
	"date":  func(t time.Time) string { return fmtDate(t) },
	"iso":   func(t time.Time) string { return isoDate(t) },
	"pct":   func(v float64) int { return int(v*100 + 0.5) },
	"add":   func(a, b int) int { return a + b },
	"count": count,
	"neg":   func(n int) int { return -n },
	// rowCtx pairs a plan row with whether the page edits it.
	"rowCtx": func(page map[string]any, r planRow) map[string]any {
		v, _ := page["P"].(*projectView)
		return map[string]any{"Editable": v != nil && v.CanEdit, "Row": r}
	},
}

// fmtDate writes a plan date for people: "Mon 4 Jan 2027"; "—" for none.
func fmtDate(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Format("Mon 2 Jan 2006")
}

// isoDate writes a plan date for a date input: "2027-01-04".
func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// table is the web UI's part of the route table.
func (w *web) table() []route {
	static, _ := fs.Sub(webFS, "web/static")
	files := http.StripPrefix("/static/", http.FileServerFS(static))
	return []route{
		{"GET /static/", files.ServeHTTP, public},
		{"GET /login", w.loginPage, public},
		{"POST /login", w.login, public},
		{"POST /logout", w.logout, signedIn},
		{"GET /{$}", w.home, signedIn},
		{"GET /portfolio", w.portfolio, signedIn},
		{"GET /projects/{key}", w.overview, need(app.ActionView)},
		{"GET /projects/{key}/plan", w.plan, need(app.ActionView)},
		{"GET /projects/{key}/board", w.board, need(app.ActionView)},
		{"GET /projects/{key}/resources", w.resources, need(app.ActionView)},
		{"GET /projects/{key}/risks", w.risks, need(app.ActionView)},
		{"GET /projects/{key}/reports", w.reports, need(app.ActionView)},
		{"GET /projects/{key}/reports/{id}", w.reportPage, need(app.ActionView)},
		{"GET /projects/{key}/activity", w.activity, need(app.ActionView)},
		{"GET /projects/{key}/comments", w.commentsPage, need(app.ActionView)},
		{"GET /projects/{key}/settings", w.settings, need(app.ActionView)},
		{"GET /projects/{key}/budget", w.budget, need(app.ActionViewCosts)},
		{"GET /projects/{key}/timesheet", w.timesheet, need(app.ActionLogTime)},
		{"GET /projects/{key}/gantt.svg", w.ganttSVG, need(app.ActionView)},
		{"POST /demo", w.createDemo, need(app.ActionCreateProject)},
	}
}

// render writes a page. Every page gets the signed-in user (Me) and the
// session's CSRF token, which forms and scripts that post must carry. A
// request from htmx for a fragment (data["Fragment"] names the template)
// gets that template alone.
func (w *web) render(rw http.ResponseWriter, r *http.Request, page string, status int, data map[string]any) {
	if p, ok := app.PrincipalFrom(r.Context()); ok {
		data["Me"] = p.User
	}
	data["CSRF"] = requestCSRF(r.Context())
	data["Path"] = r.URL.Path
	var buf bytes.Buffer
	var err error
	if frag, _ := data["Fragment"].(string); frag != "" && r.Header.Get("HX-Request") == "true" {
		err = w.pages[page].ExecuteTemplate(&buf, frag, data)
	} else {
		err = w.pages[page].Execute(&buf, data)
	}
	if err != nil {
		w.s.log.ErrorContext(r.Context(), "render", "page", page, "err", err)
		http.Error(rw, "could not render the page", http.StatusInternalServerError)
		return
	}
	rw.Header().Set("Content-Type", "text/html; charset=utf-8")
	rw.Header().Set("Vary", "HX-Request")
	rw.WriteHeader(status)
	_, _ = rw.Write(buf.Bytes())
}

// can reports whether the request's user may do action on project key:
// pages show edit controls only to those the API would let edit.
func (w *web) can(r *http.Request, key string, action app.Action) bool {
	return w.s.app.Authorize(r.Context(), key, action) == nil
}

func (w *web) createDemo(rw http.ResponseWriter, r *http.Request) {
	if w.demo == nil {
		http.Error(rw, "the demo is not available on this server", http.StatusNotFound)
		return
	}
	key, err := w.demo(r.Context())
	if err != nil {
		if domain.ErrorKind(err) == domain.KindConflict {
			http.Redirect(rw, r, "/", http.StatusSeeOther)
			return
		}
		w.s.log.ErrorContext(r.Context(), "create demo", "err", err)
		http.Error(rw, "could not create the demo project", http.StatusInternalServerError)
		return
	}
	http.Redirect(rw, r, "/projects/"+key, http.StatusSeeOther)
}
