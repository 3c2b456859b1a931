package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// Receive waits for the next change on ch, failing t after a generous
// delay: notifications between nodes take milliseconds, but CI machines
// are shared.
func Receive(t *testing.T, ch <-chan store.Change) store.Change {
	t.Helper()
	select {
	case c, ok := <-ch:
		if !ok {
			t.Fatal("the change channel closed")
		}
		return c
	case <-time.After(20 * time.Second):
		t.Fatal("no change arrived")
	}
	return store.Change{}
}

// testSubscribe checks that a committed write is announced with its audit
// event, that a rolled-back one is not, and that ending the context
// closes the channel.
func testSubscribe(t *testing.T, s store.Store) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch, err := s.Subscribe(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p := NewProject("SUB")
	event := func(action string) *domain.AuditEvent {
		return &domain.AuditEvent{ProjectID: p.ID, Entity: "project", EntityID: p.ID, Action: action, Actor: "ann@example.com", At: start}
	}
	update(t, s, func(tx store.Tx) error { return tx.CreateProject(ctx, &p) })
	errNo := errors.New("changed my mind")
	if err := s.Update(ctx, func(tx store.Tx) error {
		if err := tx.RecordAudit(ctx, event("rolled-back")); err != nil {
			return err
		}
		return errNo
	}); !errors.Is(err, errNo) {
		t.Fatalf("Update: %v", err)
	}
	committed := event("update")
	update(t, s, func(tx store.Tx) error { return tx.RecordAudit(ctx, committed) })
	c := Receive(t, ch)
	want := store.Change{Event: committed.ID, ProjectID: p.ID, Entity: "project", EntityID: p.ID, Action: "update", Actor: "ann@example.com", At: start}
	if c.Event != want.Event || c.ProjectID != want.ProjectID || c.Entity != want.Entity || c.EntityID != want.EntityID ||
		c.Action != want.Action || c.Actor != want.Actor || !c.At.Equal(want.At) {
		t.Fatalf("change %+v, want %+v (a rolled-back write must not be announced)", c, want)
	}
	cancel()
	for range ch { // drains, then ends when the store closes the channel
	}
}
