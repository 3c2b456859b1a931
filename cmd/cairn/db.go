package main

import (
	"context"
	"net/url"
	"strings"

	"github.com/cairnpm/cairn/store"
	"github.com/cairnpm/cairn/store/postgres"
	"github.com/cairnpm/cairn/store/sqlite"
)

// openStore opens the database named by --db: a postgres:// URL, or a
// SQLite file path (created if missing).
func openStore(ctx context.Context, db string) (store.Store, error) {
	if strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://") {
		return postgres.Open(ctx, db)
	}
	return sqlite.Open(ctx, db)
}

const dbHelp = "database: a SQLite file path (created if missing) or a postgres:// URL"

// redactDB hides the password in a database URL, for logs.
func redactDB(db string) string {
	u, err := url.Parse(db)
	if err != nil || u.User == nil {
		return db
	}
	return u.Redacted()
}
