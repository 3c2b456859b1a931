package postgres_test

import (
	"context"
	"testing"

	"github.com/cairnpm/cairn/internal/pgtest"
	"github.com/cairnpm/cairn/store"
	"github.com/cairnpm/cairn/store/postgres"
	"github.com/cairnpm/cairn/store/storetest"
)

func freshSchema(t *testing.T) string { return pgtest.Schema(t) }

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		s, err := postgres.Open(context.Background(), freshSchema(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}
