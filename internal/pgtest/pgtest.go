// Package pgtest gives tests a PostgreSQL schema of their own on the
// server CI provides (or $CAIRN_TEST_POSTGRES), dropped when the test ends,
// so parallel test packages never collide.
package pgtest

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver
)

// ServerURL is the PostgreSQL the tests use: $CAIRN_TEST_POSTGRES, or the
// local server on 127.0.0.1:5432. With CAIRN_TEST_POSTGRES=off the test is
// skipped.
func ServerURL(t testing.TB) string {
	u := os.Getenv("CAIRN_TEST_POSTGRES")
	if u == "off" {
		t.Skip("CAIRN_TEST_POSTGRES=off")
	}
	if u == "" {
		u = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
	}
	return u
}

// Schema creates a fresh schema and returns a URL whose connections use
// it; the schema is dropped when t ends.
func Schema(t testing.TB) string {
	t.Helper()
	base := ServerURL(t)
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema := "cairn_test_" + hex.EncodeToString(b[:])
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("create schema (is PostgreSQL running at %s?): %v", base, err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
