package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/cairnpm/cairn/store"
	"github.com/cairnpm/cairn/store/sqlite"
	"github.com/cairnpm/cairn/store/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "cairn.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

func TestReopenKeepsData(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "cairn.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	p := storetest.NewProject("NET")
	if err := s.Update(ctx, func(tx store.Tx) error { return tx.CreateProject(ctx, &p) }); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = sqlite.Open(ctx, path) // migrations must not run twice
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.View(ctx, func(tx store.Tx) error { _, err := tx.Project(ctx, "NET"); return err }); err != nil {
		t.Fatal(err)
	}
}
