package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/cairnpm/cairn/store"
	"github.com/cairnpm/cairn/store/sqlstore"
)

// channelFor names the NOTIFY channel the nodes of one Cairn database
// announce their changes on. Channels are per database, not per schema,
// so the schema is part of the name: two Cairns in two schemas of one
// database (or two test runs) do not hear each other.
func channelFor(schema string) string {
	name := "cairn_changes_" + schema
	if len(name) > 63 { // PostgreSQL's identifier limit
		name = name[:63]
	}
	return name
}

// NotifyQuery sends a change to every node listening, when the write
// transaction that runs it commits.
func (d Dialect) NotifyQuery() string {
	return "SELECT pg_notify(" + quoteLiteral(d.channel) + ", ?)"
}

// quoteLiteral quotes s as an SQL string literal.
func quoteLiteral(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// listener receives the changes every node announces, on a connection of
// its own, and publishes them to this node's subscribers. It reconnects
// after a failure, backing off up to a few seconds; changes announced
// while it was away are in the audit trail.
func listener(url, channel string, db *sqlstore.DB) func(ctx context.Context, ready func(error)) {
	return func(ctx context.Context, ready func(error)) {
		backoff := 100 * time.Millisecond
		first := true
		for ctx.Err() == nil {
			err := listenOnce(ctx, url, channel, db, func() {
				if first {
					ready(nil)
					first = false
				}
				backoff = 100 * time.Millisecond
			})
			if ctx.Err() != nil {
				return
			}
			if first { // never connected: tell the subscriber, and stop
				ready(err)
				return
			}
			slog.Warn("change notifications: listener lost its connection; reconnecting", "err", err, "in", backoff)
			select {
			case <-ctx.Done():
				return
			case <-time.After(backoff):
			}
			backoff = min(2*backoff, 5*time.Second)
		}
	}
}

// listenOnce connects, listens and publishes until the connection fails
// or ctx ends.
func listenOnce(ctx context.Context, url, channel string, db *sqlstore.DB, listening func()) error {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{channel}.Sanitize()); err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	listening()
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		var c store.Change
		if err := json.Unmarshal([]byte(n.Payload), &c); err != nil {
			slog.Warn("change notifications: unreadable payload", "err", err)
			continue
		}
		db.Publish(c)
	}
}
