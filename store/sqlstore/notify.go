package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// Notifier is implemented by dialects whose database carries change
// notifications between nodes (PostgreSQL's NOTIFY). NotifyQuery is run
// in the write transaction with the change as JSON, so the notification
// is sent when, and only if, the transaction commits. Without it, changes
// are published in-process after the commit: one node, one database file.
type Notifier interface {
	NotifyQuery() string
}

// hub fans changes out to this process's subscribers.
type hub struct {
	mu   sync.Mutex
	subs map[chan store.Change]struct{}

	listen     func(ctx context.Context, ready func(error)) // set by the backend; nil: no listener
	listenOnce sync.Once
	listenErr  error
	stop       context.CancelFunc
	done       sync.WaitGroup
}

// Listen sets the function that receives other nodes' changes and
// publishes them with Publish. It runs in its own goroutine from the
// first Subscribe until Close, and calls ready once it is receiving (or
// cannot start).
func (db *DB) Listen(f func(ctx context.Context, ready func(error))) { db.hub.listen = f }

// Subscribe implements store.Store.
func (db *DB) Subscribe(ctx context.Context) (<-chan store.Change, error) {
	h := &db.hub
	if h.listen != nil {
		h.listenOnce.Do(func() {
			lctx, cancel := context.WithCancel(context.Background())
			h.stop = cancel
			ready := make(chan error, 1)
			h.done.Add(1)
			go func() {
				defer h.done.Done()
				h.listen(lctx, func(err error) {
					select {
					case ready <- err:
					default:
					}
				})
			}()
			h.listenErr = <-ready
		})
		if h.listenErr != nil {
			return nil, fmt.Errorf("listen for changes: %w", h.listenErr)
		}
	}
	ch := make(chan store.Change, store.SubscriberBuffer)
	h.mu.Lock()
	if h.subs == nil {
		h.subs = map[chan store.Change]struct{}{}
	}
	h.subs[ch] = struct{}{}
	h.mu.Unlock()
	go func() {
		<-ctx.Done()
		h.mu.Lock()
		delete(h.subs, ch)
		close(ch)
		h.mu.Unlock()
	}()
	return ch, nil
}

// Publish hands changes to this process's subscribers, dropping them for
// a subscriber whose buffer is full.
func (db *DB) Publish(changes ...store.Change) {
	h := &db.hub
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.subs {
		for _, c := range changes {
			select {
			case ch <- c:
			default:
			}
		}
	}
}

// closeHub stops the listener, if it runs.
func (h *hub) close() {
	if h.stop != nil {
		h.stop()
		h.done.Wait()
	}
}

// announce records the change an audit event makes: in the transaction for
// a Notifier dialect, for after the commit otherwise.
func (t *tx) announce(ctx context.Context, e *domain.AuditEvent) error {
	c := store.Change{Event: e.ID, ProjectID: e.ProjectID, Entity: e.Entity, EntityID: e.EntityID,
		Action: e.Action, Actor: e.Actor, At: e.At}
	n, ok := t.db.Dialect.(Notifier)
	if !ok {
		t.changes = append(t.changes, c)
		return nil
	}
	payload, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("change notification: %w", err)
	}
	if _, err := t.tx.ExecContext(ctx, t.db.q(n.NotifyQuery()), string(payload)); err != nil {
		return fmt.Errorf("change notification: %w", t.db.mapErr(err, "", ""))
	}
	return nil
}
