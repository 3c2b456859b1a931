package postgres_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"path/filepath"
	"slices"
	"testing"

	"github.com/cairnpm/cairn/store/postgres"
	"github.com/cairnpm/cairn/store/sqlite"
	"github.com/cairnpm/cairn/store/sqlstore"
)

// TestSchemasAgree checks that both backends have the same migrations and,
// after them, the same tables with the same columns.
func TestSchemasAgree(t *testing.T) {
	ctx := context.Background()
	lite, err := sqlstore.Migrations(sqlite.MigrationsFS())
	if err != nil {
		t.Fatal(err)
	}
	pg, err := sqlstore.Migrations(postgres.MigrationsFS())
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(lite) != fmt.Sprint(pg) {
		t.Fatalf("migrations differ:\nsqlite   %v\npostgres %v", lite, pg)
	}

	ls, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "cairn.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer ls.Close()
	liteCols := columns(t, ls.Reader, `SELECT m.name || '.' || p.name FROM sqlite_master m
		JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'`)

	u := freshSchema(t)
	ps, err := postgres.Open(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer ps.Close()
	parsed, _ := url.Parse(u)
	pgCols := columns(t, ps.Reader, `SELECT table_name || '.' || column_name FROM information_schema.columns
		WHERE table_schema = $1`, parsed.Query().Get("search_path"))

	if !slices.Equal(liteCols, pgCols) {
		t.Fatalf("schemas differ:\nsqlite   %v\npostgres %v", liteCols, pgCols)
	}
	if len(liteCols) < 50 {
		t.Fatalf("only %d columns found; the query is wrong", len(liteCols))
	}
}

func columns(t *testing.T, db *sql.DB, query string, args ...any) []string {
	t.Helper()
	rows, err := db.Query(query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}
