// Package server is Cairn's HTTP face: the REST API under /api/v1, the
// server-rendered web UI, health and metrics. Handlers decode requests,
// call the app layer, and encode responses; they hold no business rules.
package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/cairnpm/cairn/app"
)

// Server serves Cairn over HTTP.
type Server struct {
	app     *app.App
	log     *slog.Logger
	mux     *http.ServeMux
	web     *web
	metrics *metrics
	version string

	table      []route
	registered map[string]bool // the table's patterns

	streams      context.Context // ends the event streams on shutdown
	endStreams   context.CancelFunc
	metricsToken string
	behindProxy  bool
}

// Options configure a Server.
type Options struct {
	Version string
	// Demo, if set, creates the demo project on request from the web UI.
	Demo func(ctx context.Context) (string, error)
	// MetricsToken, if set, is the bearer token /metrics requires;
	// without it /metrics is served only to loopback clients.
	MetricsToken string
	// BehindProxy trusts X-Forwarded-For (its last address) and
	// X-Forwarded-Proto from a reverse proxy in front of every request.
	BehindProxy bool
}

// New returns a Server for a.
func New(a *app.App, log *slog.Logger, opt Options) (*Server, error) {
	s := &Server{app: a, log: log, mux: http.NewServeMux(), version: opt.Version,
		metricsToken: opt.MetricsToken, behindProxy: opt.BehindProxy}
	s.metrics = newMetrics()
	s.streams, s.endStreams = context.WithCancel(context.Background())
	w, err := newWeb(s, opt.Demo)
	if err != nil {
		return nil, err
	}
	s.web = w
	s.routes()
	return s, nil
}

// EndStreams ends the event streams being served, so that a graceful
// shutdown need not wait for their clients to leave; http.Server's
// RegisterOnShutdown is the place to call it.
func (s *Server) EndStreams() { s.endStreams() }

// Handler returns the server's root handler with its middleware.
func (s *Server) Handler() http.Handler {
	return s.withRequestID(s.observe(s.recoverer(securityHeaders(s.onlyRegistered(s.mux)))))
}

// routes registers the route table: every endpoint with who may call it.
// Project routes name the action they need; the app decides who may do it.
func (s *Server) routes() {
	metrics := promhttp.HandlerFor(s.metrics.registry, promhttp.HandlerOpts{})
	table := []route{
		{"GET /healthz", s.healthz, public},
		{"GET /metrics", s.serveMetrics(metrics), public},

		{"GET /api/v1/projects", s.listProjects, access{costs: costList}},
		{"POST /api/v1/projects", s.createProject, need(app.ActionCreateProject)},
		{"GET /api/v1/projects/{key}", s.getProject, access{action: app.ActionView, costs: costProject}},
		{"PATCH /api/v1/projects/{key}", s.patchProject, access{action: app.ActionManageProject, costs: costProject}},
		{"DELETE /api/v1/projects/{key}", s.deleteProject, need(app.ActionDeleteProject)},

		{"GET /api/v1/projects/{key}/tasks", s.listTasks, need(app.ActionView)},
		{"POST /api/v1/projects/{key}/tasks", s.createTask, need(app.ActionEditPlan)},
		{"GET /api/v1/projects/{key}/tasks/{id}", s.getTask, need(app.ActionView)},
		{"PATCH /api/v1/projects/{key}/tasks/{id}", s.patchTask, need(app.ActionEditPlan)},
		{"DELETE /api/v1/projects/{key}/tasks/{id}", s.deleteTask, need(app.ActionEditPlan)},
		{"PUT /api/v1/projects/{key}/tasks/{id}/assignees", s.putAssignees, need(app.ActionEditPlan)},
		{"GET /api/v1/projects/{key}/tasks/{id}/history", s.taskHistory, need(app.ActionView)},
		{"GET /api/v1/projects/{key}/changes", s.projectChanges, need(app.ActionView)},
		{"GET /api/v1/projects/{key}/events", s.streamEvents, need(app.ActionView)},

		// Status reports: everyone on the project reads the published
		// ones; those who manage it draft, edit and publish (and see
		// drafts, decided in the handlers through app.Authorize).
		{"GET /api/v1/projects/{key}/reports", s.listReports, need(app.ActionView)},
		{"POST /api/v1/projects/{key}/reports", s.createReport, need(app.ActionManageProject)},
		{"GET /api/v1/projects/{key}/reports/{id}", s.getReport, need(app.ActionView)},
		{"PATCH /api/v1/projects/{key}/reports/{id}", s.patchReport, need(app.ActionManageProject)},
		{"POST /api/v1/projects/{key}/reports/{id}/publish", s.publishReport, need(app.ActionManageProject)},
		{"GET /api/v1/projects/{key}/reports/{id}/diff", s.reportDiff, need(app.ActionView)},

		{"GET /api/v1/projects/{key}/dependencies", s.listDependencies, need(app.ActionView)},
		{"POST /api/v1/projects/{key}/dependencies", s.createDependency, need(app.ActionEditPlan)},
		{"GET /api/v1/projects/{key}/dependencies/{id}", s.getDependency, need(app.ActionView)},
		{"PATCH /api/v1/projects/{key}/dependencies/{id}", s.patchDependency, need(app.ActionEditPlan)},
		{"DELETE /api/v1/projects/{key}/dependencies/{id}", s.deleteDependency, need(app.ActionEditPlan)},

		{"GET /api/v1/projects/{key}/schedule", s.getSchedule, need(app.ActionView)},
		{"GET /api/v1/projects/{key}/calendar", s.getCalendar, need(app.ActionView)},
		{"PATCH /api/v1/projects/{key}/calendar", s.patchCalendar, need(app.ActionManageProject)},
		{"POST /api/v1/projects/{key}/baselines", s.saveBaseline, need(app.ActionManageProject)},
		{"GET /api/v1/projects/{key}/variance", s.getVariance, need(app.ActionView)},
		{"GET /api/v1/projects/{key}/load", s.getLoad, need(app.ActionView)},
		{"GET /api/v1/projects/{key}/level", s.getLevel, need(app.ActionView)},
		// A plan file holds the budget and the rates.
		{"GET /api/v1/projects/{key}/plan", s.exportPlan, need(app.ActionViewCosts)},
		{"POST /api/v1/plans", s.importPlan, need(app.ActionCreateProject)},

		{"GET /api/v1/projects/{key}/risks", s.listRisks, need(app.ActionView)},
		{"POST /api/v1/projects/{key}/risks", s.createRisk, need(app.ActionEditRisks)},
		{"GET /api/v1/projects/{key}/risks/heatmap.svg", s.riskHeatmap, need(app.ActionView)},
		{"GET /api/v1/projects/{key}/risks/{id}", s.getRisk, need(app.ActionView)},
		// Members may change the risks they own; the app checks ownership.
		{"PATCH /api/v1/projects/{key}/risks/{id}", s.patchRisk, need(app.ActionEditRisks)},
		{"DELETE /api/v1/projects/{key}/risks/{id}", s.deleteRisk, need(app.ActionManageRisks)},
		{"GET /api/v1/projects/{key}/risks/{id}/history", s.riskHistory, need(app.ActionView)},
		{"GET /api/v1/projects/{key}/risk-matrix", s.getRiskMatrix, need(app.ActionView)},
		{"PATCH /api/v1/projects/{key}/risk-matrix", s.patchRiskMatrix, need(app.ActionManageProject)},
		{"GET /api/v1/projects/{key}/estimates", s.listEstimates, need(app.ActionView)},
		{"PUT /api/v1/projects/{key}/tasks/{id}/estimate", s.putEstimate, need(app.ActionEditPlan)},
		{"DELETE /api/v1/projects/{key}/tasks/{id}/estimate", s.deleteEstimate, need(app.ActionEditPlan)},
		{"GET /api/v1/projects/{key}/correlation-groups", s.listGroups, need(app.ActionView)},
		{"POST /api/v1/projects/{key}/correlation-groups", s.createGroup, need(app.ActionEditPlan)},
		{"GET /api/v1/projects/{key}/correlation-groups/{id}", s.getGroup, need(app.ActionView)},
		{"PATCH /api/v1/projects/{key}/correlation-groups/{id}", s.patchGroup, need(app.ActionEditPlan)},
		{"DELETE /api/v1/projects/{key}/correlation-groups/{id}", s.deleteGroup, need(app.ActionEditPlan)},
		// A simulation is a preview: nothing is stored, so viewing is enough.
		{"GET /api/v1/projects/{key}/simulate", s.simulate, need(app.ActionView)},
		{"GET /api/v1/projects/{key}/simulate/finish.svg", s.simulateFinishSVG, need(app.ActionView)},
		{"GET /api/v1/projects/{key}/simulate/tornado.svg", s.simulateTornadoSVG, need(app.ActionView)},

		{"GET /api/v1/projects/{key}/members", s.listMembers, need(app.ActionView)},
		{"POST /api/v1/projects/{key}/members", s.addMember, need(app.ActionManageMembers)},
		{"PATCH /api/v1/projects/{key}/members/{email}", s.patchMember, need(app.ActionManageMembers)},
		{"DELETE /api/v1/projects/{key}/members/{email}", s.deleteMember, need(app.ActionManageMembers)},

		{"GET /api/v1/openapi.json", s.serveOpenAPI, public},
		{"GET /api/v1/me", s.getMe, signedIn},
		{"GET /api/v1/tokens", s.listTokens, signedIn},
		{"POST /api/v1/tokens", s.createToken, need(app.ActionManageTokens)},
		{"DELETE /api/v1/tokens/{id}", s.deleteToken, need(app.ActionManageTokens)},
		{"GET /api/v1/feeds", s.listFeeds, signedIn},
		{"POST /api/v1/feeds", s.createFeed, need(app.ActionManageTokens)},
		{"DELETE /api/v1/feeds/{id}", s.deleteFeed, need(app.ActionManageTokens)},
		// Calendar apps cannot sign in: the secret in the URL is the
		// credential, and the feed reads with its owner's permissions.
		{"GET /feeds/{secret}", s.serveFeed, public},

		{"/api/", s.apiNotFound, signedIn},
	}
	table = append(table, s.deliveryRoutes()...)
	table = append(table, s.commentRoutes()...)
	table = append(table, s.costRoutes()...)
	s.register(append(table, s.web.table()...))
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if _, err := s.app.Projects(ctx, pageOne); err != nil {
		s.log.ErrorContext(ctx, "health check failed", "err", err)
		http.Error(w, "database unavailable", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write([]byte("ok\n"))
}

func (s *Server) apiNotFound(w http.ResponseWriter, r *http.Request) {
	s.writeError(w, r, notFoundRoute(r))
}

type ctxKey int

const requestIDKey ctxKey = iota

// requestID returns the id the middleware gave this request.
func requestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}

func (s *Server) withRequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var b [8]byte
		_, _ = rand.Read(b[:])
		id := hex.EncodeToString(b[:])
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestIDKey, id)))
	})
}

// recoverer turns a panic into a 500 problem and a logged stack, so one
// bad request cannot take the server down.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.ErrorContext(r.Context(), "panic", "value", v, "stack", string(debug.Stack()))
				s.writeError(w, r, panicError{v})
			}
		}()
		next.ServeHTTP(w, r)
	})
}

type panicError struct{ v any }

func (p panicError) Error() string { return "panic" }

// securityHeaders sets the headers every response carries.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
		next.ServeHTTP(w, r)
	})
}

// metrics are the Prometheus series the server keeps, on its own registry
// (no globals, so several servers can run in one test process).
type metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

func newMetrics() *metrics {
	m := &metrics{registry: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "cairn_http_requests_total", Help: "HTTP requests by route pattern, method and status code.",
	}, []string{"route", "method", "code"})
	m.duration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "cairn_http_request_duration_seconds", Help: "HTTP request latency by route pattern.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
	}, []string{"route", "method"})
	m.registry.MustRegister(m.requests, m.duration,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// observe logs each request and records its metrics, labelled by the
// matched route pattern rather than the raw path, to keep cardinality low.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		elapsed := time.Since(start)
		s.metrics.requests.WithLabelValues(route, r.Method, itoa(rec.status)).Inc()
		s.metrics.duration.WithLabelValues(route, r.Method).Observe(elapsed.Seconds())
		level := slog.LevelDebug
		if rec.status >= 500 {
			level = slog.LevelError
		}
		s.log.Log(r.Context(), level, "http", "method", r.Method, "path", r.URL.Path, "status", rec.status,
			"duration_ms", elapsed.Milliseconds(), "request_id", requestID(r.Context()))
	})
}
