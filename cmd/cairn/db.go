package main

import (
	"context"
	"strings"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
	"github.com/cairnpm/cairn/store/sqlite"
)

// openStore opens the database named by --db: a SQLite file path (created
// if missing). PostgreSQL URLs are recognised and refused with a clear
// message until that backend lands.
func openStore(ctx context.Context, db string) (store.Store, error) {
	if strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://") {
		return nil, domain.Invalid("unsupported_db", "db", "this build stores data in SQLite only; give a file path such as ./cairn.db")
	}
	return sqlite.Open(ctx, db)
}

const dbHelp = "database: a SQLite file path, created if missing"
