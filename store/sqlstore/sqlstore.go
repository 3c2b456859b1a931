// Package sqlstore implements store.Store once, over database/sql, for
// every SQL backend. A Dialect supplies what differs between SQLite and
// PostgreSQL: placeholders, and how driver errors read.
//
// Keeping one implementation means a query is written once, and the
// conformance suite checks it on every backend.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// Dialect is what a backend must say about itself.
type Dialect interface {
	// Name is "sqlite" or "postgres".
	Name() string
	// Classify maps a driver error to a domain error kind: a unique
	// violation is KindConflict, a foreign-key violation KindInvalid, and
	// anything else KindInternal.
	Classify(err error) domain.Kind
}

// DB is a store.Store over database/sql. Writes go through Writer and
// reads through Reader; with SQLite, Writer holds a single connection so
// that writers queue in Go instead of failing with "database is locked".
type DB struct {
	Writer  *sql.DB
	Reader  *sql.DB
	Dialect Dialect

	// writeMu serialises write transactions when the backend needs it.
	writeMu    sync.Mutex
	serialised bool

	rebind sync.Map // query → rebound query

	cacheStatements bool // the driver does not cache prepared statements
	stmts           stmtCache

	hub hub // change subscribers
}

// New returns a store over the given pools. serialiseWrites makes write
// transactions take turns in-process (SQLite).
func New(writer, reader *sql.DB, d Dialect, serialiseWrites bool) *DB {
	return &DB{Writer: writer, Reader: reader, Dialect: d, serialised: serialiseWrites,
		cacheStatements: d.Name() != "postgres"}
}

// Close closes both pools.
func (db *DB) Close() error {
	db.hub.close()
	db.stmts.close()
	err := db.Writer.Close()
	if db.Reader != db.Writer {
		err = errors.Join(err, db.Reader.Close())
	}
	return err
}

// View runs fn in a read-only transaction.
//
// On PostgreSQL it runs fn's statements on one connection without BEGIN
// and ROLLBACK: under READ COMMITTED, PostgreSQL's default, every
// statement of a transaction takes its own snapshot anyway, so the
// explicit transaction bought nothing but two round trips, a fifth of a
// task read's. SQLite keeps a real transaction: there it is what makes
// the statements see one snapshot. Either way tx refuses writes.
func (db *DB) View(ctx context.Context, fn func(store.Tx) error) error {
	if db.Dialect.Name() == "postgres" {
		conn, err := db.Reader.Conn(ctx)
		if err != nil {
			return fmt.Errorf("begin read: %w", err)
		}
		defer conn.Close()
		return fn(&tx{db: db, tx: conn})
	}
	sqlTx, err := db.Reader.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin read: %w", err)
	}
	defer sqlTx.Rollback() //nolint:errcheck // read-only: nothing to keep
	return fn(&tx{db: db, tx: sqlTx, sqlTx: sqlTx, pool: db.Reader})
}

// Update runs fn in a write transaction.
//
// When PostgreSQL aborts the transaction to break a deadlock, or for a
// serialization failure, Update runs fn again in a new transaction, up to
// maxAttempts times: neither is the caller's fault, and the second try
// almost always passes. fn must therefore keep no state between runs
// beyond what it reads in the transaction (every use case in app is
// written so).
func (db *DB) Update(ctx context.Context, fn func(store.Tx) error) error {
	for attempt := 1; ; attempt++ {
		err := db.update(ctx, fn)
		if attempt == maxAttempts || !retryable(err) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(time.Duration(rand.IntN(1000*attempt)) * time.Microsecond):
		}
	}
}

// maxAttempts is how often Update tries a transaction that PostgreSQL
// aborted for a deadlock or a serialization failure.
const maxAttempts = 3

// retryable reports whether err is PostgreSQL's deadlock_detected or
// serialization_failure: failures of timing, not of the write.
func retryable(err error) bool {
	var pe interface{ SQLState() string } // *pgconn.PgError
	if !errors.As(err, &pe) {
		return false
	}
	return pe.SQLState() == "40P01" || pe.SQLState() == "40001"
}

func (db *DB) update(ctx context.Context, fn func(store.Tx) error) error {
	if db.serialised {
		db.writeMu.Lock()
		defer db.writeMu.Unlock()
	}
	sqlTx, err := db.Writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin write: %w", err)
	}
	t := &tx{db: db, tx: sqlTx, sqlTx: sqlTx, pool: db.Writer, write: true}
	if err := fn(t); err != nil {
		_ = sqlTx.Rollback()
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", db.mapErr(err, "", ""))
	}
	db.Publish(t.changes...)
	return nil
}

// q rewrites ? placeholders as $1, $2… for PostgreSQL, once per query.
func (db *DB) q(query string) string {
	if db.Dialect.Name() != "postgres" {
		return query
	}
	if v, ok := db.rebind.Load(query); ok {
		return v.(string)
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	db.rebind.Store(query, b.String())
	return b.String()
}

// mapErr turns a driver error into a domain error where it has a meaning
// for the user; entity and field name what the statement was writing.
func (db *DB) mapErr(err error, entity, field string) error {
	if err == nil {
		return nil
	}
	var de *domain.Error
	if errors.As(err, &de) {
		return err
	}
	switch db.Dialect.Classify(err) {
	case domain.KindConflict:
		return &domain.Error{Kind: domain.KindConflict, Code: "duplicate", Field: field,
			Detail: fmt.Sprintf("a %s with this %s already exists; choose another", entity, orDefault(field, "value")), Err: err}
	case domain.KindInvalid:
		return &domain.Error{Kind: domain.KindInvalid, Code: "unknown_reference", Field: field,
			Detail: fmt.Sprintf("the %s refers to something that does not exist", entity), Err: err}
	}
	return err
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// tx is one transaction: a *sql.Tx, or for PostgreSQL reads a *sql.Conn
// (see View).
type tx struct {
	db    *DB
	tx    querier
	sqlTx *sql.Tx // tx, when it is a transaction
	pool  *sql.DB // where tx came from
	write bool

	changes []store.Change // announced after the commit (see announce)
}

// querier is what *sql.Tx and *sql.Conn have in common.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// errReadOnly is a write attempted in View: a bug in the caller.
var errReadOnly = errors.New("write in a read-only transaction: use Update")

// lock is appended to the single-row reads of a write transaction. On
// PostgreSQL it takes the row lock at once, so concurrent writers to one
// entity queue instead of reading the same version and then failing the
// version check; SQLite already runs one writer at a time.
func (t *tx) lock() string {
	if t.write && t.db.Dialect.Name() == "postgres" {
		return " FOR UPDATE"
	}
	return ""
}

func (t *tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if !t.write {
		return nil, errReadOnly
	}
	query = t.db.q(query)
	if s := t.prepared(ctx, query); s != nil {
		return s.ExecContext(ctx, args...)
	}
	return t.tx.ExecContext(ctx, query, args...)
}

func (t *tx) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	query = t.db.q(query)
	if s := t.prepared(ctx, query); s != nil {
		return s.QueryContext(ctx, args...)
	}
	return t.tx.QueryContext(ctx, query, args...)
}

func (t *tx) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	query = t.db.q(query)
	if s := t.prepared(ctx, query); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return t.tx.QueryRowContext(ctx, query, args...)
}

// insert runs an INSERT … RETURNING id and returns the id.
func (t *tx) insert(ctx context.Context, entity, field, query string, args ...any) (int64, error) {
	if !t.write {
		return 0, errReadOnly
	}
	var id int64
	if err := t.queryRow(ctx, query+" RETURNING id", args...).Scan(&id); err != nil {
		return 0, fmt.Errorf("insert %s: %w", entity, t.db.mapErr(err, entity, field))
	}
	return id, nil
}

// versioned runs an UPDATE or DELETE guarded by "AND version = ?" (the
// caller puts that last in query), scoped to projectID when it is not 0,
// and reports a stale version or a missing
// row as the right domain error.
func (t *tx) versioned(ctx context.Context, entity, table string, projectID, id, version int64, query string, args ...any) error {
	if version == 0 {
		query = strings.Replace(query, " AND version = ?", "", 1)
		args = args[:len(args)-1]
	}
	res, err := t.exec(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("write %s: %w", entity, t.db.mapErr(err, entity, ""))
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return nil
	}
	var current int64
	if projectID != 0 {
		err = t.queryRow(ctx, "SELECT version FROM "+table+" WHERE id = ? AND project_id = ?", id, projectID).Scan(&current)
	} else {
		err = t.queryRow(ctx, "SELECT version FROM "+table+" WHERE id = ?", id).Scan(&current)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return domain.NotFound(entity+"_not_found", "%s %d does not exist", entity, id)
	}
	if err != nil {
		return fmt.Errorf("read %s version: %w", entity, err)
	}
	return store.Stale(entity, id, current)
}

// pageClause returns the SQL tail and args for a page ordered by id.
func pageClause(p store.Page) (string, []any) {
	s := " AND id > ? ORDER BY id"
	args := []any{p.After}
	if p.Limit > 0 {
		s += " LIMIT ?"
		args = append(args, p.Limit)
	}
	return s, args
}

// bump sets *version to the stored version after a successful versioned
// write: one more than expected, or read back when no version was given.
func (t *tx) bump(ctx context.Context, table string, id int64, version *int64) error {
	if *version != 0 {
		*version++
		return nil
	}
	if err := t.queryRow(ctx, "SELECT version FROM "+table+" WHERE id = ?", id).Scan(version); err != nil {
		return fmt.Errorf("read %s version: %w", table, err)
	}
	return nil
}
