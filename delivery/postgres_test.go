package delivery_test

import (
	"context"
	"testing"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/internal/pgtest"
	"github.com/cairnpm/cairn/store/postgres"
)

// TestTwoWorkersPostgres runs two workers, each with its own store, on
// one PostgreSQL schema: two nodes sharing a database.
func TestTwoWorkersPostgres(t *testing.T) {
	url := pgtest.Schema(t)
	var apps []*app.App
	for range 2 {
		s, err := postgres.Open(context.Background(), url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		apps = append(apps, app.New(s, nil))
	}
	twoWorkers(t, apps[0], apps[1])
}
