package app

import (
	"context"

	"github.com/cairnpm/cairn/store"
)

// Watch delivers the changes committed to project key from now on, by any
// node sharing the database, until ctx ends; then the channel closes. A
// watcher that falls behind misses changes and can read them from the
// audit trail (Changes), since each names its audit event.
func (a *App) Watch(ctx context.Context, key string) (<-chan store.Change, error) {
	p, err := a.Project(ctx, key)
	if err != nil {
		return nil, err
	}
	all, err := a.store.Subscribe(ctx)
	if err != nil {
		return nil, err
	}
	out := make(chan store.Change, store.SubscriberBuffer)
	go func() {
		defer close(out)
		for c := range all {
			if c.ProjectID != p.ID {
				continue
			}
			select {
			case out <- c:
			default: // the watcher is behind; it can catch up from the audit trail
			}
		}
	}()
	return out, nil
}
