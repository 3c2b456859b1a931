// Package sqlite is Cairn's embedded store: one SQLite file in WAL mode,
// with foreign keys on and the schema migrated at open.
//
// Writes run one at a time on a single connection (BEGIN IMMEDIATE), and
// reads on a pool of read-only connections, so concurrent requests queue
// instead of failing with "database is locked".
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"runtime"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// MigrationsFS returns the embedded migrations, for schema comparison tests.
func MigrationsFS() fs.FS {
	sub, _ := fs.Sub(migrations, "migrations")
	return sub
}

// Open opens (creating if needed) the SQLite database at path and
// migrates it. Use ":memory:" only for throwaway tests: every pool
// connection would get its own database, so it is refused.
func Open(ctx context.Context, path string) (*sqlstore.DB, error) {
	if path == "" || path == ":memory:" {
		return nil, domain.Invalid("invalid_db", "db", "give a file path for the SQLite database (e.g. ./cairn.db)")
	}
	dsn := func(extra string) string {
		q := url.Values{}
		q.Add("_pragma", "foreign_keys(1)")
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "busy_timeout(10000)")
		q.Add("_pragma", "synchronous(NORMAL)")
		if extra != "" {
			q.Add("_txlock", extra)
		}
		return "file:" + path + "?" + q.Encode()
	}
	writer, err := sql.Open("sqlite", dsn("immediate"))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	writer.SetMaxOpenConns(1)
	writer.SetMaxIdleConns(1)
	writer.SetConnMaxLifetime(0)
	if err := writer.PingContext(ctx); err != nil {
		writer.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := sqlstore.Migrate(ctx, writer, MigrationsFS(), Dialect{}); err != nil {
		writer.Close()
		return nil, fmt.Errorf("migrate %s: %w", path, err)
	}
	reader, err := sql.Open("sqlite", dsn("deferred"))
	if err != nil {
		writer.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	reader.SetMaxOpenConns(max(4, runtime.GOMAXPROCS(0)*2))
	reader.SetMaxIdleConns(max(4, runtime.GOMAXPROCS(0)*2))
	return sqlstore.New(writer, reader, Dialect{}, true), nil
}

// Dialect describes SQLite to sqlstore.
type Dialect struct{}

// Name returns "sqlite".
func (Dialect) Name() string { return "sqlite" }

// Classify maps SQLite's extended result codes to domain error kinds.
func (Dialect) Classify(err error) domain.Kind {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return domain.KindInternal
	}
	switch se.Code() {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return domain.KindConflict
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return domain.KindInvalid
	}
	return domain.KindInternal
}
