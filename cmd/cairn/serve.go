package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/demo"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/server"
)

// serveConfig is everything `cairn serve` can be told, from flags or
// CAIRN_* environment variables.
type serveConfig struct {
	Addr            string
	DB              string
	Demo            bool
	LogLevel        string
	LogFormat       string
	ShutdownTimeout time.Duration
	MetricsToken    string
	BehindProxy     bool
}

func (c *serveConfig) validate() error {
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		return usagef("--addr %q is not host:port (try 127.0.0.1:8080 or :8080)", c.Addr)
	}
	if c.DB == "" {
		return usagef("--db is empty; give a SQLite file path such as ./cairn.db")
	}
	switch c.LogFormat {
	case "text", "json":
	default:
		return usagef("--log-format %q is not text or json", c.LogFormat)
	}
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(c.LogLevel)); err != nil {
		return usagef("--log-level %q is not debug, info, warn or error", c.LogLevel)
	}
	if c.ShutdownTimeout <= 0 {
		return usagef("--shutdown-timeout must be positive")
	}
	return nil
}

func (c *serveConfig) logger(e *env) *slog.Logger {
	var lv slog.Level
	_ = lv.UnmarshalText([]byte(c.LogLevel))
	opts := &slog.HandlerOptions{Level: lv}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(e.stderr, opts))
	}
	return slog.New(slog.NewTextHandler(e.stderr, opts))
}

func runServe(ctx context.Context, e *env, args []string) error {
	var c serveConfig
	f := newFlags("serve", "", "Run Cairn's web UI and REST API on one port until SIGTERM or Ctrl-C.")
	f.StringVar(&c.Addr, "addr", "127.0.0.1:8080", "address to listen on, host:port")
	f.StringVar(&c.DB, "db", "./cairn.db", dbHelp)
	f.BoolVar(&c.Demo, "demo", false, "create the demo project (an office network upgrade) if it is missing")
	f.StringVar(&c.LogLevel, "log-level", "info", "log level: debug, info, warn or error")
	f.StringVar(&c.LogFormat, "log-format", "text", "log format: text or json")
	f.DurationVar(&c.ShutdownTimeout, "shutdown-timeout", 15*time.Second, "how long to let requests finish on shutdown")
	f.StringVar(&c.MetricsToken, "metrics-token", "", "bearer token /metrics requires (prefer the environment variable: flags show in ps); without one, /metrics answers only clients on this machine")
	f.BoolVar(&c.BehindProxy, "behind-proxy", false, "trust X-Forwarded-For and X-Forwarded-Proto: set only when every request comes through your reverse proxy")
	for _, n := range []string{"addr", "db", "demo", "log-level", "log-format", "shutdown-timeout", "metrics-token", "behind-proxy"} {
		f.fromEnv(n, "CAIRN_"+strings.ToUpper(strings.ReplaceAll(n, "-", "_")))
	}
	pos, err := parse(f, e, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	if err := c.validate(); err != nil {
		return err
	}
	log := c.logger(e)
	st, err := openStore(ctx, c.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	a := app.New(st, log)
	createDemo := func(ctx context.Context) (string, error) {
		plan, err := demo.Plan()
		if err != nil {
			return "", err
		}
		p, err := a.ImportPlan(ctx, plan)
		return p.Key, err
	}
	if c.Demo {
		key, err := createDemo(ctx)
		switch {
		case domain.ErrorKind(err) == domain.KindConflict:
			log.Info("demo project already present", "project", "NET")
		case err != nil:
			return fmt.Errorf("create demo: %w", err)
		default:
			log.Info("demo project created", "project", key)
		}
	}
	srv, err := server.New(a, log, server.Options{Version: version, Demo: createDemo,
		MetricsToken: c.MetricsToken, BehindProxy: c.BehindProxy})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", c.Addr, err)
	}
	return serve(ctx, log, ln, srv.Handler(), srv.EndStreams, c.ShutdownTimeout, redactDB(c.DB))
}

// serve runs the HTTP server on ln until ctx is done, then shuts down
// gracefully, letting requests in flight finish; endStreams ends the
// long-lived event streams, which would otherwise hold the shutdown for
// the whole grace period.
func serve(ctx context.Context, log *slog.Logger, ln net.Listener, h http.Handler, endStreams func(), grace time.Duration, db string) error {
	hs := &http.Server{
		Handler:           http.NewCrossOriginProtection().Handler(h),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	if endStreams != nil {
		hs.RegisterOnShutdown(endStreams)
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	log.Info("cairn serving", "url", "http://"+ln.Addr().String(), "db", db, "version", version)
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down", "grace", grace)
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	log.Info("stopped")
	return nil
}
