// Package app holds Cairn's use cases: one method per thing a user does.
// Each opens exactly one store transaction, so a failed use case changes
// nothing. The HTTP server and the CLI both call it; neither talks to the
// store directly.
package app

import (
	"log/slog"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cairnpm/cairn/store"
)

// App is the application layer over a store.
type App struct {
	store store.Store
	log   *slog.Logger
	now   func() time.Time
	passwordState
	limits   LoginLimits
	sessions SessionPolicy
	hasUsers atomic.Bool // latches true: accounts are never deleted
	touched  sync.Map    // API token ID → when this node last recorded its use
	// simulations holds a token per Monte Carlo simulation running (see
	// Simulate): each uses every core, so a few at once is enough.
	simulations chan struct{}
}

// New returns an App over s. A nil logger discards logs.
func New(s store.Store, log *slog.Logger) *App {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	a := &App{log: log, now: time.Now, limits: DefaultLoginLimits, sessions: DefaultSessionPolicy}
	a.passwords = DefaultPasswordParams
	a.hashers = make(chan struct{}, max(2, runtime.GOMAXPROCS(0)))
	a.simulations = make(chan struct{}, max(1, runtime.GOMAXPROCS(0)/2))
	a.store = scopedStore{Store: s, app: a}
	return a
}

// Store returns the underlying store, for wiring and health checks.
func (a *App) Store() store.Store { return a.store }
