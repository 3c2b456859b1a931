package sqlstore

import (
	"context"
	"database/sql"
	"sync"
)

// maxStatements bounds the statement cache. Cairn's queries are constants
// with a few variants each, far fewer than this; the bound only guards
// against a query built from data by mistake.
const maxStatements = 1000

// stmtCache keeps each query prepared on every connection that ran it, for
// drivers that do not cache statements themselves. modernc's SQLite
// parses a statement's text on every run otherwise: a quarter of the CPU
// of a task read went to parsing the same five queries again.
// (pgx caches prepared statements per connection on its own.)
//
// database/sql prepares a *sql.Stmt on one connection and then, through
// Tx.StmtContext, on each further connection at its first use there. The
// first preparation needs a connection of the pool; inside a transaction
// on SQLite's single writer connection none is free, so it runs in the
// background and the query runs unprepared until it is done.
type stmtCache struct {
	mu       sync.Mutex
	stmts    map[stmtKey]*sql.Stmt
	pending  map[stmtKey]bool
	closed   bool
	inflight sync.WaitGroup
	// stop ends preparations still waiting for a connection when the
	// store closes: on a one-connection pool whose connection is never
	// given back they would otherwise wait, and Close with them, for ever.
	ctx  context.Context
	stop context.CancelFunc
}

type stmtKey struct {
	pool  *sql.DB
	query string
}

// get returns query prepared on pool, or nil while it is not yet; the
// first call starts preparing it.
func (c *stmtCache) get(pool *sql.DB, query string) *sql.Stmt {
	k := stmtKey{pool, query}
	c.mu.Lock()
	defer c.mu.Unlock()
	if s, ok := c.stmts[k]; ok || c.closed || c.pending[k] || len(c.stmts)+len(c.pending) >= maxStatements {
		return s
	}
	if c.stmts == nil {
		c.stmts, c.pending = map[stmtKey]*sql.Stmt{}, map[stmtKey]bool{}
		c.ctx, c.stop = context.WithCancel(context.Background())
	}
	c.pending[k] = true
	ctx := c.ctx
	c.inflight.Go(func() {
		s, err := pool.PrepareContext(ctx, query)
		c.mu.Lock()
		defer c.mu.Unlock()
		delete(c.pending, k)
		switch {
		case err != nil: // it runs unprepared, and reports its error then
		case c.closed:
			s.Close()
		default:
			c.stmts[k] = s
		}
	})
	return nil
}

// close closes every statement, after any preparation under way.
func (c *stmtCache) close() {
	c.mu.Lock()
	c.closed = true
	if c.stop != nil {
		c.stop()
	}
	c.mu.Unlock()
	c.inflight.Wait()
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, s := range c.stmts {
		s.Close()
	}
	c.stmts = nil
}

// prepared returns query as a statement of t's transaction, or nil when it
// should run unprepared: the backend caches statements itself, t is not a
// *sql.Tx, or the statement is not prepared yet.
func (t *tx) prepared(ctx context.Context, query string) *sql.Stmt {
	if !t.db.cacheStatements || t.sqlTx == nil {
		return nil
	}
	s := t.db.stmts.get(t.pool, query)
	if s == nil {
		return nil
	}
	return t.sqlTx.StmtContext(ctx, s)
}
