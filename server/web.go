package server

import (
	"bytes"
	"context"
	"embed"
	"html/template"
	"io/fs"
	"net/http"
	"strings"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/gantt"
	"github.com/cairnpm/cairn/schedule"
	"github.com/cairnpm/cairn/store"
)

//go:embed web/templates/*.html web/static
var webFS embed.FS

// web renders the server-side HTML pages.
type web struct {
	s     *Server
	pages map[string]*template.Template
	demo  func(ctx context.Context) (string, error)
}

func newWeb(s *Server, demo func(ctx context.Context) (string, error)) (*web, error) {
	funcs := template.FuncMap{
		"dt": func(t string) string { return strings.Replace(t, "T", " ", 1)[:min(len(t), 16)] },
		"days": func(m int64, perDay int64) string {
			return domain.Duration{Minutes: m}.Format(domain.Units{MinutesPerDay: perDay})
		},
		"depth": func(outline string) int { return strings.Count(outline, ".") },
	}
	w := &web{s: s, pages: map[string]*template.Template{}, demo: demo}
	for _, page := range []string{"home", "project", "login", "error"} {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(webFS, "web/templates/layout.html", "web/templates/"+page+".html")
		if err != nil {
			return nil, err
		}
		w.pages[page] = t
	}
	return w, nil
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
		{"GET /projects/{key}", w.project, need(app.ActionView)},
		{"GET /projects/{key}/gantt.svg", w.ganttSVG, need(app.ActionView)},
		{"POST /demo", w.createDemo, need(app.ActionCreateProject)},
	}
}

// render writes a page. Every page gets the signed-in user (Me) and the
// session's CSRF token, which forms that post must carry.
func (w *web) render(rw http.ResponseWriter, r *http.Request, page string, status int, data map[string]any) {
	if p, ok := app.PrincipalFrom(r.Context()); ok {
		data["Me"] = p.User
	}
	data["CSRF"] = requestCSRF(r.Context())
	var buf bytes.Buffer
	if err := w.pages[page].Execute(&buf, data); err != nil {
		w.s.log.ErrorContext(r.Context(), "render", "page", page, "err", err)
		http.Error(rw, "could not render the page", http.StatusInternalServerError)
		return
	}
	rw.Header().Set("Content-Type", "text/html; charset=utf-8")
	rw.WriteHeader(status)
	_, _ = rw.Write(buf.Bytes())
}

type projectCard struct {
	Project domain.Project
	Tasks   []schedule.DocumentRow
	Finish  string
	Error   string
}

func (w *web) home(rw http.ResponseWriter, r *http.Request) {
	ps, err := w.s.app.Projects(r.Context(), store.Page{Limit: 200})
	if err != nil {
		w.s.log.ErrorContext(r.Context(), "list projects", "err", err)
		http.Error(rw, "could not list projects", http.StatusInternalServerError)
		return
	}
	cards := make([]projectCard, len(ps))
	for i, p := range ps {
		cards[i].Project = p
		plan, res, err := w.s.app.Schedule(r.Context(), p.Key)
		if err != nil {
			cards[i].Error = err.Error()
			continue
		}
		doc := schedule.NewDocument(plan, res)
		cards[i].Finish = doc.Finish
		for _, t := range doc.Tasks {
			if !strings.Contains(t.Outline, ".") {
				cards[i].Tasks = append(cards[i].Tasks, t)
			}
		}
	}
	hasUsers, err := w.s.app.HasUsers(r.Context())
	if err != nil {
		w.s.log.ErrorContext(r.Context(), "count users", "err", err)
	}
	w.render(rw, r, "home", http.StatusOK, map[string]any{
		"Title": "Projects", "Projects": cards, "Empty": len(ps) == 0, "DemoAvailable": w.demo != nil,
		"NoUsers": err == nil && !hasUsers,
	})
}

func (w *web) project(rw http.ResponseWriter, r *http.Request) {
	plan, res, err := w.s.app.Schedule(r.Context(), r.PathValue("key"))
	if err != nil {
		status := statusOf(domain.ErrorKind(err))
		if status == http.StatusInternalServerError {
			w.s.log.ErrorContext(r.Context(), "schedule", "err", err)
		}
		w.render(rw, r, "project", status, map[string]any{"Title": "Project", "Error": err.Error()})
		return
	}
	doc := schedule.NewDocument(plan, res)
	critical := 0
	for _, t := range doc.Tasks {
		if t.Critical && !t.Summary {
			critical++
		}
	}
	w.render(rw, r, "project", http.StatusOK, map[string]any{
		"Title": plan.Project.Name, "Project": plan.Project, "Schedule": doc,
		"PerDay": plan.Project.Units.MinutesPerDay, "Critical": critical,
	})
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

// ganttSVG draws the project's Gantt chart, shared with `cairn gantt`.
func (w *web) ganttSVG(rw http.ResponseWriter, r *http.Request) {
	plan, res, err := w.s.app.Schedule(r.Context(), r.PathValue("key"))
	if err != nil {
		w.s.writeError(rw, r, err)
		return
	}
	var buf bytes.Buffer
	opt := gantt.Options{StatusDate: plan.Project.StatusDate, Critical: r.URL.Query().Get("critical") != "off"}
	if err := gantt.Render(&buf, plan, res, opt); err != nil {
		w.s.writeError(rw, r, err)
		return
	}
	// The SVG styles itself with an inline <style>; allow that, and nothing else, for this document.
	rw.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	rw.Header().Set("Content-Type", "image/svg+xml")
	_, _ = rw.Write(buf.Bytes())
}
