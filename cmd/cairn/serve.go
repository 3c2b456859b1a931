package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/delivery"
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
	// Report delivery (docs/decisions/0022-report-delivery.md).
	SMTPURL          string
	SMTPFrom         string
	PublicURL        string
	DeliveryInterval time.Duration
	smtp             *delivery.SMTPConfig
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
	if c.DeliveryInterval < 0 {
		return usagef("--delivery-interval must be positive, or 0 to run no delivery worker on this node")
	}
	if c.PublicURL != "" {
		if u, err := url.Parse(c.PublicURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return usagef("--public-url %q is not an http(s) URL such as https://cairn.example.com", c.PublicURL)
		}
	}
	if c.SMTPURL != "" {
		cfg, err := delivery.ParseSMTPURL(c.SMTPURL, c.SMTPFrom)
		if err != nil {
			return usagef("--smtp-url: %v", err)
		}
		c.smtp = &cfg
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
	f.StringVar(&c.SMTPURL, "smtp-url", "", "SMTP server for report e-mail: smtp://user:password@host:587 (STARTTLS when offered) or smtps://…:465; prefer the environment variable, flags show in ps")
	f.StringVar(&c.SMTPFrom, "smtp-from", "", `sender of report e-mail, such as "Cairn <cairn@example.com>"`)
	f.StringVar(&c.PublicURL, "public-url", "", "Cairn's address as readers reach it (https://cairn.example.com), for links in e-mail and webhooks")
	f.DurationVar(&c.DeliveryInterval, "delivery-interval", 30*time.Second, "how often this node looks for due reports and queued deliveries; 0 runs no delivery worker here")
	for _, n := range []string{"addr", "db", "demo", "log-level", "log-format", "shutdown-timeout", "metrics-token", "behind-proxy",
		"smtp-url", "smtp-from", "public-url", "delivery-interval"} {
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
	stopWorker := startDelivery(ctx, a, log, &c)
	defer stopWorker()
	return serve(ctx, log, ln, srv.Handler(), srv.EndStreams, c.ShutdownTimeout, redactDB(c.DB))
}

// startDelivery runs this node's report delivery worker until ctx ends
// or the returned stop is called, which waits for the job in hand to
// finish (its lease would hand it to another node otherwise).
func startDelivery(ctx context.Context, a *app.App, log *slog.Logger, c *serveConfig) (stop func()) {
	if c.DeliveryInterval == 0 {
		log.Info("no delivery worker on this node (--delivery-interval 0)")
		return func() {}
	}
	w := delivery.NewWorker(a, log.With("component", "delivery"))
	w.Interval, w.PublicURL = c.DeliveryInterval, c.PublicURL
	smtp := "none (e-mail deliveries wait and retry until --smtp-url is set)"
	if c.smtp != nil {
		w.Mail = &delivery.Mailer{Config: *c.smtp}
		smtp = c.smtp.String() // without the password
	}
	log.Info("delivery worker started", "worker", w.ID, "smtp", smtp, "interval", c.DeliveryInterval)
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		w.Run(ctx)
	}()
	return func() {
		cancel()
		<-done
	}
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
