// Command cairn-bench measures Cairn's HTTP API under load: it builds a
// large synthetic project in a database (SQLite file or PostgreSQL),
// creates an account with an API token, serves the project with the same
// handler and middleware as `cairn serve`, and drives task reads (GET) and
// task updates (PATCH) over loopback TCP with N keep-alive connections for
// a fixed time, then prints requests/s and latency percentiles.
//
// With --serve it only sets up and serves, printing the URL, token and task
// ids, so that an outside load generator (wrk, see docs/benchmarks.md) can
// drive it; --pprof exposes net/http/pprof on a second address for
// profiling under that load.
//
// It is a development tool, not part of the cairn binary.
package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	rpprof "runtime/pprof"
	"strings"
	"syscall"
	"time"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/server"
	"github.com/cairnpm/cairn/store"
	"github.com/cairnpm/cairn/store/postgres"
	"github.com/cairnpm/cairn/store/sqlite"
	"github.com/cairnpm/cairn/store/sqlstore"
)

// config is everything cairn-bench can be told.
type config struct {
	DB         string
	Tasks      int
	Conns      int
	Rate       int
	Duration   time.Duration
	Warmup     time.Duration
	Ops        string
	Serve      bool
	Fixture    string
	Attach     string
	Addr       string
	PProf      string
	CPUProfile string
	Seed       int64
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout)
	stop()
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "cairn-bench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, out io.Writer) error {
	var c config
	fs := flag.NewFlagSet("cairn-bench", flag.ContinueOnError)
	fs.StringVar(&c.DB, "db", "", "database: a SQLite file path or a postgres:// URL (default: a new SQLite file in a temporary directory)")
	fs.IntVar(&c.Tasks, "tasks", 10000, "tasks in the synthetic project, summaries included")
	fs.IntVar(&c.Conns, "c", 16, "concurrent connections")
	fs.IntVar(&c.Rate, "rate", 0, "offer this many requests a second and measure latency from when each was due (open loop); 0: send each request when the last is answered (closed loop)")
	fs.DurationVar(&c.Duration, "d", 10*time.Second, "how long to measure each operation")
	fs.DurationVar(&c.Warmup, "warmup", 2*time.Second, "how long to run each operation before measuring")
	fs.StringVar(&c.Ops, "ops", "read,update", "operations to measure, in turn: read (GET a task), update (PATCH a task), mixed (90% reads), link (POST a dependency)")
	fs.BoolVar(&c.Serve, "serve", false, "set up, then only serve (for an outside load generator) until Ctrl-C")
	fs.StringVar(&c.Fixture, "fixture", "", "with --serve: write the server's address, token and task ids to this file, for --attach")
	fs.StringVar(&c.Attach, "attach", "", "drive the server a --serve run described in this file instead of starting one")
	fs.StringVar(&c.Addr, "addr", "127.0.0.1:0", "address the server listens on")
	fs.StringVar(&c.PProf, "pprof", "", "serve net/http/pprof on this address, e.g. 127.0.0.1:6060")
	fs.StringVar(&c.CPUProfile, "cpuprofile", "", "write a CPU profile of each measured operation to this path prefix (<prefix>-<op>.pprof)")
	fs.Int64Var(&c.Seed, "seed", 1, "random seed for the project and the requests")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if c.Tasks < 100 || c.Conns < 1 || c.Duration <= 0 {
		return fmt.Errorf("need --tasks ≥ 100, --c ≥ 1 and a positive --d")
	}
	if c.Attach != "" {
		fx, err := readFixture(c.Attach)
		if err != nil {
			return err
		}
		return drive(ctx, c, nil, fx, out)
	}
	st, cleanup, err := openStore(ctx, c.DB)
	if err != nil {
		return err
	}
	defer cleanup()
	fx, stop, err := serveBench(ctx, c, st)
	if err != nil {
		return err
	}
	defer stop()
	fmt.Fprintf(out, "db %s, project %s: %d tasks (%d leaves, ids %d–%d), %d links\n",
		describeDB(c.DB), fx.Key, fx.Tasks, len(fx.Leaves), fx.Leaves[0], fx.Leaves[len(fx.Leaves)-1], fx.Links)
	if !c.Serve {
		return drive(ctx, c, st, fx, out)
	}
	fmt.Fprintf(out, "serving %s\ntoken %s\nGET %s/api/v1/projects/%s/tasks/{%d..%d}\n", fx.Base, fx.Token, fx.Base, fx.Key, fx.Leaves[0], fx.Leaves[len(fx.Leaves)-1])
	if c.Fixture != "" {
		if err := writeFixture(c.Fixture, fx); err != nil {
			return err
		}
	}
	<-ctx.Done()
	return nil
}

// serveBench sets up the project in st and serves it as `cairn serve`
// would, on c.Addr, until stop is called.
func serveBench(ctx context.Context, c config, st store.Store) (fx fixture, stop func(), err error) {
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	a := app.New(st, log)
	if fx, err = setUp(ctx, a, c.Tasks, c.Seed); err != nil {
		return fx, nil, err
	}
	srv, err := server.New(a, log, server.Options{Version: "bench"})
	if err != nil {
		return fx, nil, err
	}
	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return fx, nil, err
	}
	hs := &http.Server{Handler: http.NewCrossOriginProtection().Handler(srv.Handler()), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = hs.Serve(ln) }()
	fx.Base = "http://" + ln.Addr().String()
	if c.PProf != "" {
		if err := servePProf(c.PProf); err != nil {
			hs.Close()
			return fx, nil, err
		}
	}
	return fx, func() { hs.Close() }, nil
}

// drive measures each of c.Ops in turn against the server fx describes.
// st is the server's store when it runs in this process, else nil.
func drive(ctx context.Context, c config, st store.Store, fx fixture, out io.Writer) error {
	offered := "closed loop"
	if c.Rate > 0 {
		offered = fmt.Sprintf("%d requests/s offered", c.Rate)
	}
	fmt.Fprintf(out, "GOMAXPROCS %d, %d connections, %s, %s per operation after %s warm-up\n", runtime.GOMAXPROCS(0), c.Conns, offered, c.Duration, c.Warmup)
	for op := range strings.SplitSeq(c.Ops, ",") {
		if err := measure(ctx, c, st, op, fx, out); err != nil {
			return err
		}
	}
	return nil
}

// measure runs one operation: warm-up, then the measured run, optionally
// under the CPU profiler.
func measure(ctx context.Context, c config, st store.Store, op string, fx fixture, out io.Writer) error {
	l, err := newLoad(op, fx, c.Conns, c.Rate, c.Seed)
	if err != nil {
		return err
	}
	if c.Warmup > 0 {
		l.run(ctx, c.Warmup)
	}
	if c.CPUProfile != "" {
		f, err := os.Create(c.CPUProfile + "-" + op + ".pprof")
		if err != nil {
			return err
		}
		defer f.Close()
		if err := rpprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer rpprof.StopCPUProfile()
	}
	before := poolStats(st)
	r := l.run(ctx, c.Duration)
	fmt.Fprintln(out, r.String(op))
	if after := poolStats(st); after.MaxOpenConnections > 0 {
		fmt.Fprintf(out, "        pool: %d connections closed as surplus idle, %s waited for a connection\n",
			after.MaxIdleClosed-before.MaxIdleClosed, (after.WaitDuration - before.WaitDuration).Round(time.Millisecond))
	}
	return nil
}

// poolStats returns the statistics of the store's read pool (PostgreSQL:
// its only pool), or zero for other stores and servers in another process.
func poolStats(st store.Store) sql.DBStats {
	if db, ok := st.(*sqlstore.DB); ok {
		return db.Reader.Stats()
	}
	return sql.DBStats{}
}

// openStore opens --db, or a new SQLite file in a temporary directory
// that is removed afterwards.
func openStore(ctx context.Context, db string) (store.Store, func(), error) {
	if strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://") {
		st, err := postgres.Open(ctx, db)
		if err != nil {
			return nil, nil, err
		}
		return st, func() { st.Close() }, nil
	}
	cleanup := func() {}
	if db == "" {
		dir, err := os.MkdirTemp("", "cairn-bench-")
		if err != nil {
			return nil, nil, err
		}
		db, cleanup = filepath.Join(dir, "bench.db"), func() { os.RemoveAll(dir) }
	}
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		cleanup()
		return nil, nil, err
	}
	return st, func() { st.Close(); cleanup() }, nil
}

func describeDB(db string) string {
	switch {
	case db == "":
		return "sqlite (temporary file)"
	case strings.HasPrefix(db, "postgres"):
		return "postgres"
	}
	return "sqlite " + db
}

// fixture is what setUp made: the project to load, who may load it and
// where it is served.
type fixture struct {
	Base   string  `json:"base"` // http://host:port
	Key    string  `json:"key"`
	Token  string  `json:"token"`
	Tasks  int     `json:"tasks"`
	Links  int     `json:"links"`
	Leaves []int64 `json:"leaves"` // database ids of the tasks that are not summaries
}

func writeFixture(path string, fx fixture) error {
	b, err := json.Marshal(fx)
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o600) // it holds a token
}

func readFixture(path string) (fixture, error) {
	var fx fixture
	b, err := os.ReadFile(path)
	if err == nil {
		err = json.Unmarshal(b, &fx)
	}
	if err == nil && (fx.Base == "" || len(fx.Leaves) == 0) {
		err = fmt.Errorf("%s describes no server: write it with --serve --fixture", path)
	}
	return fx, err
}

// setUp creates an account with an API token and imports a synthetic
// project of n tasks that the account owns. The project key is fresh each
// time, so one database can be set up several times.
func setUp(ctx context.Context, a *app.App, n int, seed int64) (fixture, error) {
	stamp := time.Now().UnixNano()
	email := fmt.Sprintf("bench%d@example.com", stamp)
	u, err := a.AddUser(ctx, app.NewUser{Email: email, Name: "Bench", Password: "bench password " + email})
	if err != nil {
		return fixture{}, fmt.Errorf("add user: %w", err)
	}
	token, _, err := a.CreateToken(ctx, email, app.NewToken{Name: "bench"})
	if err != nil {
		return fixture{}, fmt.Errorf("create token: %w", err)
	}
	plan := syntheticPlan(fmt.Sprintf("B%d", stamp%1e8), n, seed)
	owner := app.WithPrincipal(ctx, app.Principal{User: u})
	p, err := a.ImportPlan(owner, plan)
	if err != nil {
		return fixture{}, err
	}
	fx := fixture{Key: p.Key, Token: token, Tasks: len(plan.Tasks), Links: len(plan.Dependencies)}
	err = a.Store().View(ctx, func(tx store.Tx) error {
		ts, err := tx.Tasks(ctx, p.ID, store.Page{})
		summary := map[int64]bool{}
		for _, t := range ts {
			summary[t.Parent] = true
		}
		for _, t := range ts {
			if !summary[t.ID] && t.Kind == domain.KindTask {
				fx.Leaves = append(fx.Leaves, t.ID)
			}
		}
		return err
	})
	return fx, err
}

func servePProf(addr string) error {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("pprof: %w", err)
	}
	go func() { _ = http.Serve(ln, mux) }()
	return nil
}
