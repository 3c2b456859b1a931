package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/cairnpm/cairn/domain"
)

const feedSelect = `SELECT f.id, f.user_id, f.project_id, COALESCE(p.key, ''), f.name, f.token_hash, f.created_at
	FROM feeds f LEFT JOIN projects p ON p.id = f.project_id`

func feedDest(f *domain.Feed) []any {
	return []any{&f.ID, &f.UserID, idScan{&f.ProjectID}, &f.ProjectKey, &f.Name, &f.TokenHash, instantScan{&f.CreatedAt}}
}

func (t *tx) CreateFeed(ctx context.Context, f *domain.Feed) error {
	id, err := t.insert(ctx, "feed", "", `INSERT INTO feeds (user_id, project_id, name, token_hash, created_at) VALUES (?,?,?,?,?)`,
		f.UserID, nullID(f.ProjectID), f.Name, f.TokenHash, stamp(f.CreatedAt))
	f.ID = id
	return err
}

func (t *tx) Feed(ctx context.Context, tokenHash string) (domain.Feed, domain.User, error) {
	var f domain.Feed
	var u domain.User
	err := t.queryRow(ctx, `SELECT f.id, f.user_id, f.project_id, COALESCE(p.key, ''), f.name, f.token_hash, f.created_at, `+
		userColumnsOf("u")+` FROM feeds f JOIN users u ON u.id = f.user_id LEFT JOIN projects p ON p.id = f.project_id
		WHERE f.token_hash = ?`, tokenHash).Scan(append(feedDest(&f), userDest(&u)...)...)
	if errors.Is(err, sql.ErrNoRows) {
		return f, u, domain.NotFound("feed_not_found", "the feed does not exist or was revoked")
	}
	if err != nil {
		return f, u, fmt.Errorf("read feed: %w", err)
	}
	return f, u, nil
}

func (t *tx) Feeds(ctx context.Context, userID int64) ([]domain.Feed, error) {
	rows, err := t.query(ctx, feedSelect+" WHERE f.user_id = ? ORDER BY f.id", userID)
	if err != nil {
		return nil, fmt.Errorf("list feeds: %w", err)
	}
	return collect(rows, func(row interface{ Scan(...any) error }) (domain.Feed, error) {
		var f domain.Feed
		return f, row.Scan(feedDest(&f)...)
	})
}

func (t *tx) DeleteFeed(ctx context.Context, userID, id int64) error {
	res, err := t.exec(ctx, "DELETE FROM feeds WHERE id = ? AND user_id = ?", id, userID)
	if err != nil {
		return fmt.Errorf("delete feed: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return domain.NotFound("feed_not_found", "you have no feed %d", id)
	}
	return nil
}
