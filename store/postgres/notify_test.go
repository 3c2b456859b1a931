package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
	"github.com/cairnpm/cairn/store/postgres"
	"github.com/cairnpm/cairn/store/storetest"
)

// TestNodesHearEachOther opens two stores on one database, as two
// `cairn serve` nodes would, and checks that a write committed through
// one is announced to subscribers of the other — and of itself — once.
// A third store on another schema hears nothing of it.
func TestNodesHearEachOther(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	url := freshSchema(t)
	open := func(url string) store.Store {
		s, err := postgres.Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	a, b, other := open(url), open(url), open(freshSchema(t))
	fromA, err := a.Subscribe(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fromB, err := b.Subscribe(ctx)
	if err != nil {
		t.Fatal(err)
	}
	elsewhere, err := other.Subscribe(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p := storetest.NewProject("TWO")
	ev := &domain.AuditEvent{Entity: "project", Action: "create", Actor: "ann@example.com", At: time.Date(2027, 1, 4, 9, 0, 0, 0, time.UTC)}
	if err := a.Update(ctx, func(tx store.Tx) error {
		if err := tx.CreateProject(ctx, &p); err != nil {
			return err
		}
		ev.ProjectID, ev.EntityID = p.ID, p.ID
		return tx.RecordAudit(ctx, ev)
	}); err != nil {
		t.Fatal(err)
	}
	for name, ch := range map[string]<-chan store.Change{"node B": fromB, "node A": fromA} {
		if c := storetest.Receive(t, ch); c.Event != ev.ID || c.ProjectID != p.ID || c.Action != "create" {
			t.Errorf("%s heard %+v, want audit event %d", name, c, ev.ID)
		}
	}
	// A second write: each node hears it next, so the first was heard
	// once, and the other schema heard neither.
	ev2 := &domain.AuditEvent{ProjectID: p.ID, Entity: "project", EntityID: p.ID, Action: "update", Actor: "bob@example.com", At: ev.At}
	if err := b.Update(ctx, func(tx store.Tx) error { return tx.RecordAudit(ctx, ev2) }); err != nil {
		t.Fatal(err)
	}
	for name, ch := range map[string]<-chan store.Change{"node A": fromA, "node B": fromB} {
		if c := storetest.Receive(t, ch); c.Event != ev2.ID {
			t.Errorf("%s heard %+v next, want audit event %d", name, c, ev2.ID)
		}
	}
	select {
	case c := <-elsewhere:
		t.Errorf("a store on another schema heard %+v", c)
	default:
	}
}
